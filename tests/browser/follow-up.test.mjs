// The follow-up of outcomes in a browser: the enhetschef opens it from the
// menu, reads the report's tables for this year and for a period they type,
// a period that ends before it starts is named next to its field with what
// was typed kept, and the page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('the enhetschef follows up their unit for a period', async () => {
  const base = env.server.base;
  for (const width of [1280, 320]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 }, locale: 'sv-SE', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/demo`);
    await page.locator('li.card', { hasText: 'Enhetschef' }).getByRole('button').first().click();
    await page.waitForURL(`${base}/personal`);
    await page.getByRole('navigation', { name: 'Personalens meny' }).getByRole('link', { name: 'Uppföljning' }).click();
    await page.waitForURL(`${base}/personal/uppfoljning`);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Uppföljning: /);
    const main = await page.locator('main').innerText();
    assert.match(main, /\d+ av \d+ deltagare \(\d+ %\) har skrivits ut mot arbete\./);
    for (const heading of ['Form vid inskrivning', 'Ersättning vid inskrivning', 'Stegförflyttningar inom daglig verksamhet', 'Utskrivning till']) {
      assert.equal(await page.getByRole('heading', { name: heading }).count(), 1, heading);
    }
    assert.deepEqual(await axe(page), [], `axe at ${width} px`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `scrolls sideways at ${width} px: ${scroll}`);
    await shot(page, `follow-up-${width}`);

    // A period typed by hand: one that ends before it starts is named, and the typed dates stay.
    await page.getByLabel('Från').fill('2026-05-01');
    await page.getByLabel('Till och med').fill('2026-04-01');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/fran=2026-05-01/);
    assert.match(await page.locator('main').innerText(), /Slutdatumet kan inte vara före startdatumet\./);
    assert.equal(await page.getByLabel('Från').inputValue(), '2026-05-01');
    assert.deepEqual(await axe(page), [], `axe with the message at ${width} px`);
    await page.getByLabel('Till och med').fill('2026-10-31');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/till=2026-10-31/);
    assert.match(await page.locator('main').innerText(), /Perioden 2026-05-01 till och med 2026-10-31\./);
    await context.close();
  }
});
