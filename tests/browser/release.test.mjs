// A new release never meets an old JS/WASM pair: built files are named by
// their content, so after an update the phone loads the new pair (and the
// island still works), even though the old pair sits in the service worker's cache.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, root, signInAsFirstParticipant } from './support.mjs';

/** A copy of the built site as the next release: same app, other content hash. */
function nextRelease() {
  const site = join(mkdtempSync(join(tmpdir(), 'mina-steg-release-')), 'site');
  cpSync(join(root, 'target', 'site'), site, { recursive: true });
  const pkg = join(site, 'pkg');
  const old = readFileSync(join(pkg, 'output-name.txt'), 'utf8').trim();
  const next = 'mina-steg-0123456789ab';
  for (const file of readdirSync(pkg).filter((f) => f.startsWith(old))) {
    renameSync(join(pkg, file), join(pkg, file.replace(old, next)));
  }
  appendFileSync(join(pkg, `${next}.js`), '\n// next release\n');
  writeFileSync(join(pkg, 'output-name.txt'), `${next}\n`);
  return { site, old, next };
}

let browser;
let server;
after(async () => {
  await browser?.close();
  server?.stop();
});

test('after an update the page loads the new JS/WASM pair, not the cached old one', async () => {
  const release = nextRelease();
  server = await startServer();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAsFirstParticipant(page, server.base);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await page.reload();
  const cached = await page.evaluate(async () => (await (await caches.open('mina-steg-assets-v1')).keys()).map((r) => r.url));
  assert.ok(cached.some((u) => u.includes(release.old)), 'the old pair is in the cache');

  // The update: the same address and database, the next release's files.
  const { port, database } = server;
  await server.stopped();
  server = await startServer({ port, database, siteRoot: release.site });
  const loaded = [];
  page.on('response', (r) => { if (r.url().includes('/pkg/')) loaded.push(r.url()); });
  await page.reload();
  await page.getByRole('button', { name: 'Läs upp' }).click();
  // The island answers (there is no Swedish voice in this Chromium, or it starts reading).
  await page.locator('.read-aloud-message:not(:empty), button[aria-pressed="true"]').first().waitFor({ timeout: 5000 });
  const wasm = loaded.filter((u) => u.endsWith('.wasm'));
  const js = loaded.filter((u) => u.endsWith('.js'));
  assert.ok(wasm.length > 0 && js.length > 0, `the pair was loaded: ${loaded}`);
  assert.ok([...wasm, ...js].every((u) => u.includes(release.next)), `only the new pair: ${loaded}`);
  await context.close();
});
