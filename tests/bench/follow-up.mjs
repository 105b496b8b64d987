// Benchmark: the follow-up of outcomes at national scale (issue 13). The
// release server serves the national data set on PostgreSQL; the enhetschef of
// the largest unit opens /personal/uppfoljning for their unit, and the
// steering group for every unit together, over five years and over this year.
// Prints each page's time (the goal: under 1 s for one unit, under 3 s for all
// units on this 2-core machine), then every statement the page sent, as sqlx
// reported it with its time and rows, and PostgreSQL's plan for it.
//
//   node tests/bench/follow-up.mjs [--database NAME] [--scale national|N] [--views 5] [--keep NAME]
//
// `--database` is a PostgreSQL database on 127.0.0.1:5432 already filled by
// `mina-steg demo-data --scale national` (kept as it is). Without it a fresh
// one is made, filled at `--scale` (national: about 8 minutes) and dropped,
// or kept under the name `--keep` gives.
//
// Needs target/release/mina-steg and target/site (`make bench-throughput`
// builds them) and a PostgreSQL on 127.0.0.1:5432 that trusts local roles.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_ENV, freePort, callServerFunction } from '../browser/support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'target', 'release', 'mina-steg');
const siteRoot = join(root, 'target', 'site');
const PG = '127.0.0.1:5432';
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const existing = option('database');
const scale = option('scale', 'national');
const views = Number(option('views', '5'));
const keep = option('keep');
if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make bench-throughput\``);

const name = existing ?? keep ?? `mina_steg_follow_up_${process.pid}`;
const psql = (sql, database = name) =>
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }).trim();

if (!existing) {
  psql(`CREATE DATABASE ${name}`, 'postgres');
  const env = { ...process.env, ...KEY_ENV };
  execFileSync(binary, ['migrate'], { env: { ...env, DATABASE_URL: `postgres://postgres@${PG}/${name}` } });
  console.log(`Filling ${name} at scale ${scale}…`);
  execFileSync(binary, ['demo-data', '--scale', scale], {
    env: { ...env, DATABASE_URL: `postgres://mina_steg_app@${PG}/${name}` },
    stdio: 'inherit',
  });
}
// The planner's statistics, as autovacuum gathers them after a load.
psql('ANALYZE');

// sqlx reports every statement to `tracing` (target sqlx::query): one line
// each, with its text, rows and time. Only the lines of the page being timed
// are kept.
let capturing = false;
let captured = [];
const port = await freePort();
const child = spawn(binary, ['serve', '--demo', '--port', String(port), '--site-root', siteRoot], {
  env: {
    ...process.env,
    ...KEY_ENV,
    RUST_LOG: 'warn,sqlx::query=debug',
    DATABASE_URL: `postgres://mina_steg_app@${PG}/${name}`,
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let pending = '';
const onData = (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop();
  if (capturing) captured.push(...lines.filter((l) => l.includes('db.statement') || l.includes('summary=')));
};
child.stdout.setEncoding('utf8').on('data', onData);
child.stderr.setEncoding('utf8').on('data', onData);
const base = `http://127.0.0.1:${port}`;

try {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not up yet */ }
    if (i > 1200) throw new Error('the server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }

  const accounts = await (await callServerFunction(base, 'demo_accounts', {})).json();
  const signIn = async (prefix) => {
    const account = accounts.find((a) => a.description.startsWith(prefix));
    if (!account) throw new Error(`no demo account "${prefix}…" on /demo`);
    const response = await callServerFunction(base, 'demo_sign_in', { account_id: String(account.account_id) });
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('mina-steg='));
    if (!cookie) throw new Error(`signing in as ${account.description} set no cookie`);
    return { cookie, who: account.description };
  };
  const manager = await signIn('Enhetschef, ');
  const steering = await signIn('Styrgrupp ');

  const year = new Date().getFullYear();
  const cases = [
    ['one unit, five years', manager, `/personal/uppfoljning?fran=${year - 4}-01-01`, 1000],
    ['one unit, this year', manager, '/personal/uppfoljning', 1000],
    ['all units, five years', steering, `/personal/uppfoljning?fran=${year - 4}-01-01`, 3000],
    ['all units, this year', steering, '/personal/uppfoljning', 3000],
  ];
  const rows = [];
  const statements = new Map();
  for (const [label, who, path, goal] of cases) {
    const times = [];
    let participants = '';
    for (let v = 0; v < views + 1; v++) {
      captured = [];
      capturing = true;
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
      const body = await response.text();
      const took = performance.now() - started;
      await new Promise((r) => setTimeout(r, 50)); // the last log lines
      capturing = false;
      if (response.status !== 200) throw new Error(`${path} as ${who.who}: status ${response.status}`);
      participants = body.match(/(\d+) av (\d+) deltagare \(/)?.[2] ?? '?';
      // The first view warms the caches; the others are timed.
      if (v > 0) times.push(took);
      // BEGIN and COMMIT come as statements without text.
      if (v === views) statements.set(label, captured.map(parse).filter((s) => s && s.sql));
    }
    times.sort((a, b) => a - b);
    rows.push({ label, participants, median: times[Math.floor(times.length / 2)], max: times.at(-1), goal });
  }

  console.log(`\nFollow-up page, release build, PostgreSQL, data of ${name}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`${'page'.padEnd(24)}${'participants'.padStart(13)}${'median ms'.padStart(11)}${'max ms'.padStart(9)}  goal`);
  for (const r of rows) {
    const met = r.max <= r.goal ? 'met' : 'NOT met';
    console.log(
      `${r.label.padEnd(24)}${r.participants.padStart(13)}${r.median.toFixed(0).padStart(11)}${r.max.toFixed(0).padStart(9)}  < ${r.goal} ms: ${met}`,
    );
  }
  for (const [label, list] of statements) {
    console.log(`\n== ${label}: ${list.length} statements, ${list.reduce((s, x) => s + x.ms, 0).toFixed(0)} ms in the database`);
    for (const s of list) {
      console.log(`\n-- ${s.ms.toFixed(1)} ms, ${s.rows} rows: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      const plan = explain(s.sql);
      if (plan) console.log(plan.split('\n').map((l) => `   ${l}`).join('\n'));
    }
  }
} finally {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  if (!existing && !keep) psql(`DROP DATABASE ${name} WITH (FORCE)`, 'postgres');
}

/** One sqlx statement line: its SQL, rows returned and time. */
function parse(line) {
  const text = line.match(/db\.statement="((?:[^"\\]|\\.)*)"/) ?? line.match(/summary="((?:[^"\\]|\\.)*)"/);
  if (!text) return null;
  const sql = JSON.parse(`"${text[1].replace(/\\'/g, "'")}"`).trim();
  const elapsed = line.match(/elapsed=([\d.]+)(ns|µs|us|ms|s)\b/);
  const factor = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 };
  const rows = line.match(/rows_returned=(\d+)/)?.[1] ?? '?';
  return { sql, rows, ms: elapsed ? Number(elapsed[1]) * factor[elapsed[2]] : NaN };
}

/** PostgreSQL's generic plan of a statement (its parameters unknown), as the query-plan test makes it. */
function explain(sql) {
  const verb = sql.split(/\s+/)[0].toUpperCase();
  if (!['SELECT', 'WITH'].includes(verb)) return null;
  const n = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const nulls = n ? `(${Array(n).fill('NULL').join(', ')})` : '';
  try {
    const out = psql(
      `SET plan_cache_mode = force_generic_plan; PREPARE bench AS ${sql}; EXPLAIN (COSTS OFF) EXECUTE bench${nulls}`,
    );
    // psql also echoes the SET and the PREPARE.
    return out.split('\n').filter((l) => !['SET', 'PREPARE'].includes(l.trim())).join('\n');
  } catch (e) {
    return `(no plan: ${String(e.message).split('\n')[0]})`;
  }
}
