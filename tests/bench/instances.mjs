// Benchmark: three release-build instances on one PostgreSQL (issue 11). A
// staff member signed in on the first instance sends 500 sign-ups at once for
// a round with 6 seats, spread over the three instances; prints how long the
// slowest answer took (the goal: all within 2 s), p50 and p99, and how many
// were enrolled and put on the waiting list (must be exactly 6 and 494), and
// each instance's peak RSS.
//
//   node tests/bench/instances.mjs [--instances 3] [--sign-ups 500]
//
// Needs target/release/mina-steg and target/site (`make bench-throughput`
// builds them) and a PostgreSQL on 127.0.0.1:5432 that trusts local roles.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_ENV, freePort, callServerFunction, demoSignIn } from '../browser/support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'target', 'release', 'mina-steg');
const siteRoot = join(root, 'target', 'site');
const PG = '127.0.0.1:5432';
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const instances = Number(option('instances', '3'));
const signUps = Number(option('sign-ups', '500'));
const seats = 6;

if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make bench-throughput\``);

const name = `mina_steg_instances_${process.pid}`;
const psql = (sql) =>
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', name, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    encoding: 'utf8',
  }).trim();

async function serve() {
  const port = await freePort();
  const env = { ...process.env, ...KEY_ENV, RUST_LOG: 'warn', DATABASE_URL: `postgres://mina_steg_app@${PG}/${name}` };
  // The request limit is per client address, and here every sign-up comes from one.
  const flags = ['serve', '--demo', '--seed-if-empty', '--seed-postgres', '--api-limit', '100000', '--port', String(port),
    '--site-root', siteRoot];
  const child = spawn(binary, flags, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`an instance exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('an instance did not start within 120 s');
}

execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-tAc', `CREATE DATABASE ${name}`]);
const servers = [];
try {
  execFileSync(binary, ['migrate'], { env: { ...process.env, ...KEY_ENV, DATABASE_URL: `postgres://postgres@${PG}/${name}` } });
  // The first seeds the demo data; the others find it there.
  for (let i = 0; i < instances; i++) servers.push(await serve());

  const { cookie, accountId } = await demoSignIn(servers[0].base, 'Staff');
  const unit = psql(`SELECT s.unit_id FROM accounts a JOIN staff s ON s.id = a.staff_id WHERE a.id = ${accountId}`);
  // Signed in on the first, signed in on all.
  for (const { base } of servers) {
    const page = await fetch(`${base}/personal`, { headers: { cookie }, redirect: 'manual' });
    if (page.status !== 200) throw new Error(`${base}/personal: ${page.status} for a session made on another instance`);
  }
  const round = psql(`INSERT INTO programme_rounds (unit_id, name, form, capacity, enrolled, place, starts_on, created_at)
    VALUES (${unit}, 'Bänkomgång', 'group', ${seats}, 0, 'Rum 1', CURRENT_DATE + 30, now()) RETURNING id`).split('\n')[0];
  const ids = psql(`INSERT INTO participants (unit_id, name, preferred_name, benefit_kind, road, dv_form, hours_per_week,
      ladder_step, entered_on, created_at)
    SELECT ${unit}, 'Bänkperson ' || i, 'Bänk', 'none', 'af_fk', 'group', 20, 'group_activity', CURRENT_DATE, now()
      FROM generate_series(1, ${signUps}) AS i RETURNING id`).split('\n').filter((l) => /^\d+$/.test(l)).map(Number);

  const started = performance.now();
  const answers = await Promise.all(ids.map(async (id, i) => {
    const t0 = performance.now();
    const r = await callServerFunction(servers[i % servers.length].base, 'enrol_participant', { round_id: round, participant_id: String(id) }, cookie);
    await r.arrayBuffer();
    return { status: r.status, ms: performance.now() - t0 };
  }));
  const wall = performance.now() - started;
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  const notOk = answers.filter((a) => a.status !== 200).length;
  const enrolled = Number(psql(`SELECT count(*) FROM enrolments WHERE round_id = ${round} AND status = 'enrolled'`));
  const waiting = Number(psql(`SELECT count(*) FROM enrolments WHERE round_id = ${round} AND status = 'waiting'`));
  const rss = servers.map(({ child }) => {
    const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  });
  console.log(`\n${signUps} sign-ups at once for ${seats} seats over ${instances} instances on one PostgreSQL, release build, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`  all answered in ${wall.toFixed(0)} ms; per answer p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, slowest ${ms[ms.length - 1].toFixed(0)} ms (goal: all within 2 000 ms)`);
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  console.log(`  answers by status: ${JSON.stringify(statuses)}`);
  console.log(`  answers not 200: ${notOk}; enrolled ${enrolled} (must be ${seats}), waiting ${waiting} (must be ${signUps - seats})`);
  console.log(`  peak RSS per instance: ${rss.join(', ')} MB`);
  if (notOk || enrolled !== seats || waiting !== signUps - seats) process.exitCode = 1;
} finally {
  for (const { child } of servers) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-tAc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}
