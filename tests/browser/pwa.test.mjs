// The participant app as a PWA: installable, and a visited page still shows
// offline, under a clear banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAsFirstParticipant, launchPersistent, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

async function signedIn(context) {
  const page = await context.newPage();
  await signInAsFirstParticipant(page, env.server.base);
  return page;
}

test('Chromium reports the app installable', async () => {
  const context = await launchPersistent({ viewport: { width: 360, height: 740 } });
  const page = await signedIn(context);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  let errors = [];
  for (let i = 0; i < 20; i++) {
    ({ installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors'));
    if (errors.length === 0) break;
    await page.waitForTimeout(250);
  }
  assert.deepEqual(errors, []);
  const manifest = await (await fetch(`${env.server.base}/manifest.webmanifest`)).json();
  assert.equal(manifest.lang, 'sv');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  await context.close();
});

test('a visited page still shows offline, with the offline banner', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await signedIn(context);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Once controlled by the service worker, visit the pages to keep them.
  await page.reload();
  await page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await page.goto(`${env.server.base}/moten`);
  await page.goto(`${env.server.base}/`);
  const online = await page.locator('main h1').innerText();

  await context.setOffline(true);
  await page.reload();
  await page.getByText('Du är inte uppkopplad. Det här visades senast').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('main h1').innerText(), online, 'the same page, from the last good copy');
  await shot(page, 'offline-start-360');
  await page.goto(`${env.server.base}/moten`);
  await page.getByText('Du är inte uppkopplad.').waitFor({ timeout: 5000 });
  await context.setOffline(false);
  await context.close();
});
