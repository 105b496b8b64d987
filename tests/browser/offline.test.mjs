// Offline copies end with access. A phone keeps the participant pages it showed
// (public/sw.js), and offline it shows the last copy. That copy must go when
// staff sign the phone out, when a relative's consent is withdrawn, when the
// session ends, when someone else signs in on the phone, and after 72 hours
// whatever happens. Each case: the plan is seen online and, as a check that the
// test can see a copy at all, offline; then the change; then the phone is
// online once (any page: this is when the phone can learn of the change), and
// offline /min-plan shows the page that says it cannot be shown, not the plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

// From the text catalogue (app/src/texts/sv.rs).
const OFFLINE_BANNER = 'Du är inte uppkopplad. Det här visades senast';
const OFFLINE_CANNOT_SHOW = 'Mobilen kan inte visa sidan nu.';
const HOUR_MS = 60 * 60 * 1000;

/** Waits until the service worker controls the page (it takes over on the next load). */
async function underServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** A phone (its own browser context) signed in on /demo as `name`. */
async function phoneOf(name) {
  // bypassCSP: axe-core is injected as an inline script.
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
  const page = await context.newPage();
  await signInOnDemo(page, name);
  await underServiceWorker(page);
  return { context, page };
}

async function signInOnDemo(page, name) {
  await page.goto(`${env.server.base}/demo`);
  await page.getByRole('button', { name: `Logga in som ${name}`, exact: true }).click();
  await page.waitForURL(`${env.server.base}/`);
}

/** Opens the plan online and checks that offline the phone shows its copy; returns the plan's goal. */
async function planKeptOffline({ context, page }) {
  await page.goto(`${env.server.base}/min-plan`);
  const goal = (await page.locator('section[aria-labelledby="goal"] .card').innerText()).trim();
  assert.ok(goal.length > 0, 'the plan has a goal');
  await context.setOffline(true);
  await page.goto(`${env.server.base}/min-plan`);
  await page.getByText(OFFLINE_BANNER).waitFor({ timeout: 5000 });
  assert.ok((await page.locator('main').innerText()).includes(goal), 'offline, the kept copy is shown');
  await context.setOffline(false);
  return goal;
}

/** Online once more (the start page, or where it sends the phone), then offline: no plan, and no copy kept. */
async function noPlanOffline({ context, page }, goal) {
  await page.goto(`${env.server.base}/`);
  // A worker must be there to answer offline (Clear-Site-Data may have removed the old one).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.goto(`${env.server.base}/min-plan`);
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(goal), 'offline, the plan is not shown');
  assert.ok(!text.includes(OFFLINE_BANNER), 'no old copy is shown');
  await page.getByText(OFFLINE_CANNOT_SHOW).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(async () => Boolean(await caches.match('/min-plan'))), false,
    'no copy of the plan is kept on the phone');
  await context.setOffline(false);
}

/** A staff member's desk, signed in on /demo. */
async function deskOf(name) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.server.base}/demo`);
  await page.getByRole('button', { name: `Logga in som ${name}`, exact: true }).click();
  await page.waitForURL(`${env.server.base}/personal`);
  return { context, page };
}

/** From the caseload to the participant's code page. */
async function codePageOf(desk, participant) {
  await desk.page.getByRole('link', { name: `Skapa kod för ${participant}`, exact: true }).click();
  await desk.page.waitForURL(/\/personal\/deltagare\/\d+\/kod$/);
}

test('staff sign the phone out on every phone: the phone keeps no plan offline', async () => {
  const phone = await phoneOf('Elin Åkesson');
  const goal = await planKeptOffline(phone);

  const desk = await deskOf('Helena Berglund');
  await codePageOf(desk, 'Elin Åkesson');
  await desk.page.getByRole('button', { name: 'Logga ut på alla mobiler', exact: true }).click();
  await desk.page.getByText('Deltagaren är utloggad').first().waitFor({ timeout: 5000 });
  await desk.context.close();

  await noPlanOffline(phone, goal);
  assert.match(phone.page.url(), /\/inte-uppkopplad$|\/min-plan$/);
  assert.deepEqual(await axe(phone.page), [], 'the offline page passes axe-core');
  await shot(phone.page, 'offline-cannot-show-360');
  await phone.context.close();
});

test("a relative's consent is withdrawn: the relative's phone keeps no plan offline", async () => {
  const phone = await phoneOf('Leif Lindahl');
  const goal = await planKeptOffline(phone);

  const desk = await deskOf('Mikael Nordin');
  await codePageOf(desk, 'Viktor Lindahl');
  await desk.page.getByRole('link', { name: 'Samtycken' }).click();
  await desk.page.getByRole('button', { name: /^Återkalla: .*Leif Lindahl$/ }).click();
  await desk.page.getByText('Samtycket är återkallat.').waitFor({ timeout: 5000 });
  await desk.context.close();

  // The relative is still signed in and opens their start page, not the plan.
  await noPlanOffline(phone, goal);
  await phone.context.close();
});

test('the session ends (the 90 days are over): the phone keeps no plan offline', async () => {
  const phone = await phoneOf('Elin Åkesson');
  const goal = await planKeptOffline(phone);

  // A phone session's cookie expires with the session: the browser stops sending it.
  const cookie = (await phone.context.cookies()).find((c) => c.name === 'mina-steg');
  assert.ok(cookie, 'the phone has the session cookie');
  await phone.context.addCookies([{ ...cookie, expires: Math.floor(Date.now() / 1000) + 1 }]);
  await phone.page.waitForTimeout(2000);
  assert.equal((await phone.context.cookies()).some((c) => c.name === 'mina-steg'), false, 'the cookie has expired');

  await noPlanOffline(phone, goal);
  await phone.context.close();
});

test('someone else signs in on the same phone: the first person\'s plan is not shown offline', async () => {
  const phone = await phoneOf('Elin Åkesson');
  const goal = await planKeptOffline(phone);
  await signInOnDemo(phone.page, 'Annelie Wikström');
  await noPlanOffline(phone, goal);
  await phone.context.close();
});

test('a copy is kept 72 hours at most', async () => {
  const phone = await phoneOf('Elin Åkesson');
  const goal = await planKeptOffline(phone);
  await phone.page.goto(`${env.server.base}/`);
  const start = await phone.page.locator('main h1').innerText();
  // As if the plan was saved 73 hours ago and the start page 71 hours ago.
  await phone.page.evaluate(async ({ ages, hour }) => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const [path, hours] of Object.entries(ages)) {
        const copy = await cache.match(path);
        if (!copy) continue;
        const headers = new Headers(copy.headers);
        headers.set('x-mina-steg-saved-at', String(Date.now() - hours * hour));
        await cache.put(path, new Response(await copy.text(), { status: 200, headers }));
      }
    }
  }, { ages: { '/min-plan': 73, '/': 71 }, hour: HOUR_MS });

  await phone.context.setOffline(true);
  await phone.page.goto(`${env.server.base}/`);
  await phone.page.getByText(OFFLINE_BANNER).waitFor({ timeout: 5000 });
  assert.equal(await phone.page.locator('main h1').innerText(), start, '71 hours old: still shown');
  await phone.page.goto(`${env.server.base}/min-plan`);
  assert.ok(!(await phone.page.locator('body').innerText()).includes(goal), '73 hours old: not shown');
  await phone.page.getByText(OFFLINE_CANNOT_SHOW).waitFor({ timeout: 5000 });
  assert.equal(await phone.page.evaluate(async () => Boolean(await caches.match('/min-plan'))), false,
    'and no longer kept');
  await phone.context.setOffline(false);
  await phone.context.close();
});
