// The log follow-up and "Vem har tittat?" in a browser: the dataskyddsombud
// finds the demo's planted unusual access (a supervisor opening Sofia
// Rahimi's record at night) with one search, downloads it as a CSV file, and
// Sofia's förvaltare sees the same night on "Vem har tittat?" at 320 px.
// axe-core (WCAG 2.2 AA) on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

const INTRUDER = 'Johanna Ekström';
const TARGET = 'Sofia Rahimi';

/** Signs in on /demo with the button of the card that matches `card`; returns the page. */
async function demoSignIn(context, card) {
  const page = await context.newPage();
  await page.goto(`${env.server.base}/demo`);
  const button = page.locator('li.card', { hasText: card }).getByRole('button').first();
  assert.equal(await button.count(), 1, `a demo account matching ${card}`);
  await button.click();
  return page;
}

test('the dataskyddsombud finds the planted access in one search and downloads it', async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', acceptDownloads: true, bypassCSP: true });
  const page = await demoSignIn(context, 'Dataskyddsombud');
  // /personal sends the dataskyddsombud to the log: they have no unit of their own.
  await page.waitForURL(`${base}/personal/logg`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Loggen för hela kommunen');
  const menu = page.getByRole('navigation', { name: 'Personalens meny' });
  assert.equal(await menu.getByRole('link', { name: 'Logg' }).count(), 1);
  assert.equal(await menu.getByRole('link', { name: 'Deltagare' }).count(), 0, 'no unit, no participants');
  assert.deepEqual(await axe(page), []);

  // One search: only the rows that deserve a second look.
  await page.getByLabel('Bara rader med avvikelse').check();
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.waitForURL(/avvikande=1/);
  const planted = page.locator('table tbody tr', { hasText: INTRUDER }).filter({ hasText: TARGET });
  assert.ok(await planted.count() >= 4, 'the night\'s looks at Sofia\'s record are on the first page');
  const first = await planted.first().innerText();
  for (const flag of ['Inte kontaktperson', 'Många deltagare på kort tid', 'Natt']) {
    assert.ok(first.includes(flag), `${flag} in ${first}`);
  }
  assert.deepEqual(await axe(page), []);
  await shot(page, 'log-follow-up-unusual-1280');

  // The same search as a CSV file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Ladda ner sökningen som CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'logg.csv');
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('Tid;Vem;Roll;'), text.slice(0, 80));
  assert.ok(text.includes(INTRUDER) && text.includes(TARGET), 'the planted rows are in the file');
  await context.close();
});

test('Sofia\'s förvaltare sees who looked, on a 320 px phone', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'sv-SE', bypassCSP: true });
  const page = await demoSignIn(context, 'Stig Hallberg');
  await page.waitForURL(`${env.server.base}/`);
  // The menu has the page, since Sofia's consent shares it with him.
  await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Vem har tittat?' }).click();
  await page.waitForURL(`${env.server.base}/vem-har-tittat`);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes('Vem har tittat på mina uppgifter?'), main);
  assert.ok(main.includes(INTRUDER) && main.includes('Personal på daglig verksamhet'), main);
  assert.ok(!/\b(record|plan_history|staff|supervisor)\b/.test(main), `no internal codes: ${main}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `scrolls sideways: ${width} px`);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'who-looked-relative-320');
  await context.close();
});
