// Issue 14: a participant turns reminders on, on a phone-sized screen. With
// "I appen" ticked, saving asks the phone for notifications and subscribes it
// through the service worker (public/reminders.js), then sends the form.
//
// Chromium gets a push subscription from its push service (Google's, for
// Chrome); this machine reaches no such service, so the test starts a stand-in
// for its sign-up steps (the device check-in and the registration that gives
// a token) and points Chromium at it with its own switches. Everything on the
// page, in the service worker and in Chromium's push code is the real thing;
// the subscription Chromium makes carries the app's VAPID key as the sender.
// Delivery itself is tested server-side (tests/tests/suite/reminders.rs).
//
// Also: axe-core at 320 px, nothing sideways, LIX ≤ 30, the choices kept, and
// a message handed to the service worker (as the push service would) shown
// with its tag and pictogram, and reported to the server as delivered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, axe, shot } from './support.mjs';

/** The push service's sign-up steps, as Chromium's GCM client speaks them. */
async function pushSignUp() {
  const registrations = [];
  // A check-in answer (protobuf): stats_ok, an android_id and a security token.
  const fixed64 = (tag, n) => {
    const b = Buffer.alloc(9);
    b[0] = tag;
    b.writeBigUInt64LE(BigInt(n), 1);
    return b;
  };
  const checkin = Buffer.concat([Buffer.from([0x08, 0x01]), fixed64(0x39, 4242424242n), fixed64(0x41, 2424242424n)]);
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      if (request.url.startsWith('/checkin')) {
        response.writeHead(200, { 'content-type': 'application/x-protobuf' });
        response.end(checkin);
      } else if (request.url.startsWith('/register')) {
        const form = new URLSearchParams(body);
        registrations.push(form);
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`token=test-token-${registrations.length}`);
      } else {
        response.writeHead(404);
        response.end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, registrations, close: () => server.close() };
}

/** LIX as app/src/texts/lix.rs counts it. */
function lix(text) {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return 0;
  const sentences = Math.max(1, text.split(/[.!?:;\n]/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length);
  const long = words.filter((w) => [...w].filter((c) => /\p{L}/u.test(c)).length > 6).length;
  return words.length / sentences + (100 * long) / words.length;
}

const env = { server: null, signUp: null };
before(async () => {
  env.signUp = await pushSignUp();
  env.server = await startServer();
});
after(() => {
  env.server?.stop();
  env.signUp?.close();
});

test('a participant turns reminders on: the phone is subscribed through the service worker and the choice is kept', async () => {
  const { base } = env.server;
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mina-steg-push-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // Push sign-up is background networking: it must run here.
    ignoreDefaultArgs: ['--disable-background-networking'],
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-quic',
      `--gcm-checkin-url=${env.signUp.base}/checkin`,
      `--gcm-registration-url=${env.signUp.base}/register`,
      // Where Chromium would keep its connection for incoming messages: nothing answers.
      `--gcm-mcs-endpoint=https://127.0.0.1:9`,
    ],
    viewport: { width: 320, height: 740 },
    locale: 'sv-SE',
    // axe-core is added to the page as a script of its own.
    bypassCSP: true,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/demo`);
    await page.locator('section').first().getByRole('button').first().click();
    await page.waitForURL(`${base}/`);
    // The participant says yes when the phone asks.
    await context.grantPermissions(['notifications'], { origin: base });

    // The start page asks until they have chosen.
    await page.getByRole('link', { name: 'Välj påminnelser' }).click();
    await page.waitForURL(`${base}/paminnelser`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Påminnelser');
    assert.ok(await page.getByText('Du har inte valt än.').isVisible());
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(sideways, 0, 'nothing sideways at 320 px');
    const text = await page.locator('main').innerText();
    assert.ok(lix(text) <= 30, `LIX ${lix(text).toFixed(1)}:\n${text}`);
    await shot(page, 'reminders-320');

    // The evening before and "I appen" are suggested; add two hours before and SMS.
    const dayBefore = page.getByLabel('Dagen före', { exact: true });
    const inApp = page.getByLabel('I appen', { exact: true });
    assert.ok(await dayBefore.isChecked() && await inApp.isChecked());
    await page.getByLabel('Två timmar före', { exact: true }).check();
    await page.getByLabel('Med sms', { exact: true }).check();
    await page.getByLabel('Bara att du har ett möte', { exact: true }).check();
    const key = await page.locator('form.reminders-form').getAttribute('data-push-key');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Klart! Vi har sparat dina val.').waitFor({ timeout: 30_000 });

    // Chromium signed up with the app's key as the sender, and the server has the subscription.
    const webPush = env.signUp.registrations.find((r) => r.get('X-subtype')?.startsWith('wp:'));
    assert.ok(webPush, 'a Web Push registration was made');
    const sender = webPush.get('sender').replace(/=+$/, '');
    assert.equal(sender, key, 'subscribed with the app\'s VAPID public key');
    const subscription = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.pushManager.getSubscription())?.toJSON();
    });
    assert.ok(subscription?.endpoint.endsWith(`/test-token-${env.signUp.registrations.indexOf(webPush) + 1}`), subscription?.endpoint);
    const sql = (q) => execFileSync('sqlite3', [env.server.database, q], { encoding: 'utf8' }).trim();
    assert.equal(sql(`SELECT p256dh || ' ' || auth FROM push_subscriptions WHERE endpoint = '${subscription.endpoint}'`),
      `${subscription.keys.p256dh} ${subscription.keys.auth}`, 'the phone\'s keys are kept for encrypting to it');
    assert.equal(sql('SELECT day_before_minute, two_hours_before, by_push, by_sms, lock_screen FROM reminder_choices'),
      '1080|1|1|1|only_that');

    // Back on the page: what was chosen, and the test message to try.
    assert.ok(await page.getByLabel('Två timmar före', { exact: true }).isChecked());
    assert.ok(await page.getByLabel('Bara att du har ett möte', { exact: true }).isChecked());
    assert.ok(await page.getByRole('button', { name: 'Skicka en påminnelse nu' }).isVisible());
    // A reminder reaches the phone (delivered to the service worker as its
    // push service would): it is shown with its own tag, and the server hears so.
    await page.getByRole('button', { name: 'Skicka en påminnelse nu' }).click();
    await page.getByText('Nu skickar vi en påminnelse.').waitFor();
    const tag = sql("SELECT idempotency_key FROM reminders WHERE kind = 'test' AND channel = 'push'");
    assert.match(tag, /^[0-9a-f]{32}$/);
    // The server sends it first (to Chromium's push service, which this machine
    // cannot reach: the try fails and waits for the next); only a message the
    // server has tried can be reported as shown.
    for (let i = 0; i < 200 && sql(`SELECT attempts FROM reminders WHERE idempotency_key = '${tag}'`) === '0'; i++) {
      await page.waitForTimeout(100);
    }
    const cdp = await context.newCDPSession(page);
    const registrations = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    for (let i = 0; i < 50 && !registrations.some((r) => r.scopeURL === `${base}/`); i++) await page.waitForTimeout(100);
    const { registrationId } = registrations.find((r) => r.scopeURL === `${base}/`);
    const message = { title: 'Så här ser en påminnelse ut', body: 'Tryck för att se mer.', tag, url: '/paminnelser' };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId, data: JSON.stringify(message) });
    for (let i = 0; i < 100 && sql(`SELECT status FROM reminders WHERE idempotency_key = '${tag}'`) !== 'delivered'; i++) {
      await page.waitForTimeout(100);
    }
    assert.equal(sql(`SELECT status FROM reminders WHERE idempotency_key = '${tag}'`), 'delivered', 'the phone said it was shown');
    const shown = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({ title: n.title, tag: n.tag, icon: n.icon }));
    });
    assert.deepEqual(shown.map((n) => [n.title, n.tag]), [[message.title, tag]]);
    assert.ok(shown[0].icon.endsWith('/icons/meeting-192.png'), 'with the meeting pictogram');

    const after = await axe(page);
    assert.deepEqual(after, [], JSON.stringify(after, null, 2));
    const texts = await page.locator('main').innerText();
    assert.ok(lix(texts) <= 30, `LIX ${lix(texts).toFixed(1)}`);
    await shot(page, 'reminders-saved-320');
  } finally {
    await context.close();
  }
});
