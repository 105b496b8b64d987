// Benchmark: signed-in pages against the ceiling (issue 11). For each backend
// the release server serves the demo data; wrk asks for the participant start
// page, a meeting page, the staff caseload and a record overview at 1 and 64
// connections, and nginx serves the very same bytes as static files in the same
// run. Prints req/s, p50 and p99 and the ratio to nginx, and how many audit
// rows each page view wrote (reads stay audited: the figure must not be 0).
//
//   node tests/bench/throughput.mjs [--backend sqlite|postgres|both] [--seconds 10] [--connections 1,64]
//                                   [--database FILE|NAME]
//
// `--database` serves data already there instead of a fresh demo: a SQLite
// file, or the name of a PostgreSQL database on 127.0.0.1:5432 (filled by
// `mina-steg demo-data --scale national`, say), kept as it is afterwards. The
// growth figure is the p99 on that data against the p99 on the small demo.
//
// Needs target/release/mina-steg and target/site (`make bench-throughput`
// builds them), wrk and nginx (from apt), and for PostgreSQL a server on
// 127.0.0.1:5432 that trusts local roles (tests/scripts/ensure-postgres.sh).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_ENV, freePort, demoSignIn } from '../browser/support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = join(root, 'target', 'release', 'mina-steg');
const siteRoot = join(root, 'target', 'site');
const PG = '127.0.0.1:5432';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const backends = option('backend', 'both') === 'both' ? ['sqlite', 'postgres'] : [option('backend')];
const seconds = Number(option('seconds', '10'));
const connections = option('connections', '1,64').split(',').map(Number);
const existing = option('database');
if (existing && backends.length !== 1) throw new Error('--database needs --backend sqlite or --backend postgres');

for (const file of [binary, join(siteRoot, 'pkg', 'output-name.txt')]) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`make bench-throughput\``);
}

async function waitFor(url, child) {
  for (let i = 0; i < 1200; i++) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within 120 s`);
}

// Rows written are told by the newest id (the log is append-only; counting
// 20 million rows of national data would take seconds).
const LAST_AUDIT_ROW = 'SELECT COALESCE(max(id), 0) FROM audit_log';

function psql(database, sql) {
  return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-tAc', sql], { encoding: 'utf8' }).trim();
}

/** The release server on demo data: a fresh SQLite file, or a fresh PostgreSQL database migrated by its owner and served as the app role. */
async function startServer(backend) {
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'mina-steg-bench-'));
  let url;
  let countAudit;
  let drop = () => {};
  const env = { ...process.env, ...KEY_ENV, RUST_LOG: 'warn' };
  const flags = ['serve', '--demo', '--port', String(port), '--site-root', siteRoot];
  if (!existing) flags.push('--seed-if-empty');
  if (backend === 'sqlite') {
    const file = existing ?? join(work, 'bench.db');
    url = `sqlite://${file}`;
    countAudit = () => Number(execFileSync('sqlite3', [file, LAST_AUDIT_ROW], { encoding: 'utf8' }));
  } else {
    const name = existing ?? `mina_steg_bench_${process.pid}`;
    if (!existing) {
      psql('postgres', `CREATE DATABASE ${name}`);
      execFileSync(binary, ['migrate'], { env: { ...env, DATABASE_URL: `postgres://postgres@${PG}/${name}` }, stdio: 'inherit' });
      flags.push('--seed-postgres');
      drop = () => psql('postgres', `DROP DATABASE ${name} WITH (FORCE)`);
    }
    url = `postgres://mina_steg_app@${PG}/${name}`;
    countAudit = () => Number(psql(name, LAST_AUDIT_ROW));
  }
  const child = spawn(binary, flags, { env: { ...env, DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`, child);
  // The planner's statistics, as autovacuum gathers them after a load (it is
  // off on some machines; without them PostgreSQL planned a record overview
  // of the national data at 1.4 s instead of 0.1 s).
  if (backend === 'postgres') psql(url.split('/').pop(), 'ANALYZE');
  return {
    base,
    pid: child.pid,
    countAudit,
    stop: async () => {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      drop();
    },
  };
}

async function page(base, path, cookie) {
  const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: status ${response.status}`);
  return body;
}

/** Runs wrk; returns req/s, p50 and p99 in ms. */
function wrk(url, conns, cookie) {
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${conns}`, `-d${seconds}s`, '--latency', ...(cookie ? ['-H', `Cookie: ${cookie}`] : []), url],
    { encoding: 'utf8' },
  );
  const ms = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'));
    if (!m) throw new Error(`wrk printed no ${label}%:\n${out}`);
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]];
  };
  const rps = out.match(/Requests\/sec:\s+([\d.]+)/);
  const non2xx = out.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  const requests = out.match(/(\d+) requests in/);
  if (non2xx) throw new Error(`${url}: ${non2xx[1]} answers were not 2xx or 3xx`);
  return { rps: Number(rps[1]), p50: ms('50'), p99: ms('99'), requests: Number(requests[1]) };
}

/** nginx serving `files` (name → bytes) on a free port, with as many workers as cores. */
async function startNginx(files) {
  const dir = mkdtempSync(join(tmpdir(), 'mina-steg-nginx-'));
  // nginx's workers run as nobody when started by root: they must be able to read the files.
  chmodSync(dir, 0o755);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes, { mode: 0o644 });
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
worker_processes auto;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    default_type text/html;
  }
}
`);
  const child = spawn('nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/${Object.keys(files)[0]}`, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return { base, stop: () => child.kill('SIGQUIT') };
}

function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = status.match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const rows = [];
for (const backend of backends) {
  const server = await startServer(backend);
  try {
    const { cookie: participant } = await demoSignIn(server.base, 'Participant');
    const { cookie: staff } = await demoSignIn(server.base, 'Staff');
    const start = await page(server.base, '/', participant);
    const meeting = start.match(/href="(\/moten\/\d+)"/)?.[1];
    if (!meeting) throw new Error('the start page links no meeting');
    const caseload = await page(server.base, '/personal', staff);
    const record = caseload.match(/href="(\/personal\/deltagare\/\d+)"/)?.[1];
    if (!record) throw new Error('the caseload links no record');
    const pages = [
      ['participant start /', '/', participant],
      ['meeting page', meeting, participant],
      ['staff caseload /personal', '/personal', staff],
      ['record overview', record, staff],
    ];
    const files = {};
    for (const [i, [, path, cookie]] of pages.entries()) files[`p${i}.html`] = await page(server.base, path, cookie);
    const nginx = await startNginx(files);
    try {
      for (const [i, [name, path, cookie]] of pages.entries()) {
        for (const conns of connections) {
          const before = server.countAudit();
          const app = wrk(`${server.base}${path}`, conns, cookie);
          const audited = server.countAudit() - before;
          const ceiling = wrk(`${nginx.base}/p${i}.html`, conns);
          rows.push({
            backend, page: name, bytes: Buffer.byteLength(files[`p${i}.html`]), conns,
            rps: app.rps, p50: app.p50, p99: app.p99, nginx: ceiling.rps,
            ratio: (100 * app.rps) / ceiling.rps, auditPerView: audited / app.requests,
          });
        }
      }
    } finally {
      nginx.stop();
    }
    rows.push({ backend, rssMb: peakRss(server.pid) });
  } finally {
    await server.stop();
  }
}

const pad = (s, n) => String(s).padEnd(n);
const num = (x, d = 0) => x.toFixed(d).padStart(9);
console.log(`\nThroughput, wrk -t1 -d${seconds}s, release build, ${existing ? `data of ${existing}` : 'demo data'}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${pad('backend', 9)}${pad('page', 27)}${pad('bytes', 7)}${pad('conns', 6)}   req/s   p50 ms   p99 ms  nginx req/s  % of nginx  audit rows/view`);
for (const r of rows) {
  if (r.rssMb !== undefined) {
    console.log(`${pad(r.backend, 9)}peak RSS of the server: ${r.rssMb} MB`);
    continue;
  }
  console.log(
    `${pad(r.backend, 9)}${pad(r.page, 27)}${pad(r.bytes, 7)}${pad(r.conns, 6)}${num(r.rps)}${num(r.p50, 1)}${num(r.p99, 1)}` +
      `${num(r.nginx).padStart(13)}${num(r.ratio, 2).padStart(12)}${num(r.auditPerView, 2).padStart(17)}`,
  );
}
