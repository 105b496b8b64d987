// Browser test support: start the real server on a free port with a fresh
// demo database, and launch Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const artifacts = join(root, 'tests', 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * The server secret and audit key the tests serve with (outside demo mode the
 * server refuses to start without them). Invented for the tests.
 */
export const KEY_ENV = {
  MINA_STEG_SECRET: '5eb1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1',
  MINA_STEG_AUDIT_KEY: 'a0d17e5a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6',
};

/**
 * Starts `mina-steg serve --demo --seed-if-empty`: by default on a free port,
 * the built site and a fresh SQLite file; a test may pass its own (a second
 * release on the same address and database). `{ demo: false }` starts it as a
 * municipality runs it, without `--demo` and without `--seed-if-empty`
 * (`{ seed: false }` keeps `--demo` but seeds nothing).
 */
export async function startServer(options = {}) {
  const port = options.port ?? await freePort();
  const database = options.database ?? join(mkdtempSync(join(tmpdir(), 'mina-steg-browser-')), 'browser.db');
  const siteRoot = options.siteRoot ?? join(root, 'target', 'site');
  const binary = join(root, 'target', 'debug', 'mina-steg');
  const demo = options.demo ?? true;
  const child = spawn(
    binary,
    [
      'serve',
      ...(demo ? ['--demo'] : []),
      ...(demo && (options.seed ?? true) ? ['--seed-if-empty'] : []),
      '--port', String(port), '--site-root', siteRoot,
    ],
    { env: { ...process.env, ...KEY_ENV, DATABASE_URL: `sqlite://${database}`, RUST_LOG: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) {
        return {
          base, port, database,
          stop: () => child.kill('SIGTERM'),
          /** Stops the server and waits until it has let go of its port. */
          stopped: () => { child.kill('SIGTERM'); return exited; },
        };
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start within 60 s');
}

/** Calls a server function as the app's own JavaScript does (JSON back); `cookie` is the session's, if any. */
export async function callServerFunction(base, endpoint, form, cookie) {
  return fetch(`${base}/api/${endpoint}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
}

/**
 * Signs in as the first demo account of `role` ("Participant", "Staff", …) with
 * the one-click demo sign-in; returns the session cookie header and the account id.
 */
export async function demoSignIn(base, role) {
  const accounts = await (await callServerFunction(base, 'demo_accounts', {})).json();
  const account = accounts.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account with role ${role}`);
  const response = await callServerFunction(base, 'demo_sign_in', { account_id: String(account.account_id) });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('mina-steg='));
  if (!cookie) throw new Error(`demo sign-in as ${role} set no session cookie (status ${response.status})`);
  return { cookie, accountId: account.account_id };
}

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A browser profile on disk, like a phone's (Chromium does not install apps in incognito). */
export async function launchPersistent(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mina-steg-profile-'));
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, ...options });
}

const axeSource = readFileSync(join(root, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core for WCAG 2.2 AA with the target-size rule on; returns the violations. */
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'target-size': { enabled: true } },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export function shot(page, name) {
  return page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/**
 * One server and one browser for a test file: started before its tests,
 * stopped after them. Returns an object whose `server` and `browser` are set
 * once the tests run.
 */
export function serverAndBrowser(hooks) {
  const env = { server: null, browser: null };
  hooks.before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  hooks.after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/** Signs in on /demo as the first demo participant; the page ends on the start page. */
export async function signInAsFirstParticipant(page, base) {
  await page.goto(`${base}/demo`);
  await page.locator('section').first().getByRole('button').first().click();
  await page.waitForURL(`${base}/`);
}
