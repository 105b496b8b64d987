// What the long tests share: a database on either backend (PostgreSQL
// migrated by its owner and served as the app role, as in service), and the
// real binary serving it, which a test may kill without warning.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY_ENV, freePort } from '../browser/support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = join(root, 'target', 'debug', 'mina-steg');
const siteRoot = join(root, 'target', 'site');
const PG = '127.0.0.1:5432';

export function psql(database, sql) {
  return execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-tAc', sql], { encoding: 'utf8' }).trim();
}

/** A database for the run, named after `purpose`: a SQLite file, or a PostgreSQL database. */
export function database(backend, purpose) {
  if (backend === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), `mina-steg-${purpose}-`)), `${purpose}.db`);
    return {
      url: `sqlite://${file}`,
      flags: [],
      query: (sql) => execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim(),
      drop: () => {},
    };
  }
  const name = `mina_steg_${purpose}_${process.pid}`;
  psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql('postgres', `CREATE DATABASE ${name}`);
  execFileSync(binary, ['migrate'], { env: { ...process.env, ...KEY_ENV, DATABASE_URL: `postgres://postgres@${PG}/${name}` } });
  return {
    url: `postgres://mina_steg_app@${PG}/${name}`,
    flags: ['--seed-postgres'],
    query: (sql) => psql(name, sql),
    drop: () => psql('postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Serves `db` with the demo (seeded when empty), with `env` added; `kill()` is `kill -9`. */
export async function serve(db, env = {}) {
  const port = await freePort();
  const child = spawn(
    binary,
    ['serve', '--demo', '--seed-if-empty', ...db.flags, '--port', String(port), '--site-root', siteRoot],
    { env: { ...process.env, ...KEY_ENV, DATABASE_URL: db.url, RUST_LOG: 'error', ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, kill: () => { child.kill('SIGKILL'); return exited; } };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start within 120 s');
}
