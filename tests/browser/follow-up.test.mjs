// The follow-up of outcomes in a browser: the enhetschef opens it from the
// menu, reads the report's tables for this year and for a period they type,
// each with its chart (an image named by its numbers), a period that ends
// before it starts is named next to its field with what was typed kept, the
// page passes axe-core (WCAG 2.2 AA) at 1280 and 320 px, the tables download
// as a CSV file, and on paper (A4) the figures stand alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
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
    assert.match(main, /(\d+ av \d+ som var utan arbete i början \(\d+ %\) fick ett jobb|Ingen var utan arbete)/);
    const headings = ['Deltagare', 'Ålder', 'Form vid inskrivning', 'Ersättning vid inskrivning',
      'Stegförflyttningar inom daglig verksamhet', 'Gemensam kartläggning (AF och FK)', 'Utskrivning till',
      'Lämnade daglig verksamhet per år och väg', 'De två vägarna mot arbete', 'Arbete med lön',
      'Timmar i veckan i jobbet', 'Arbetsnärmande programmet'];
    for (const heading of headings) {
      assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 1, heading);
      // Each table has its chart, whose name and description are the numbers.
      const chart = page.getByRole('img', { name: `Diagram: ${heading}`, exact: true });
      assert.equal(await chart.count(), 1, `chart of ${heading}`);
      const description = await chart.evaluate((svg) => svg.querySelector('desc').textContent);
      assert.match(description, /: .*\d/, `the chart of ${heading} says its numbers`);
    }
    assert.deepEqual(await axe(page), [], `axe at ${width} px`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `scrolls sideways at ${width} px: ${scroll}`);
    await shot(page, `follow-up-${width}`);

    if (width === 1280) {
      // The file to hand on: UTF-8 with a byte order mark, ';' between fields.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Ladda ner tabellerna (CSV)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^uppfoljning-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = await fs.readFile(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(bytes.toString('utf8'), /\nVad;Kvinnor;Män;Annat svar;Totalt\r?\n/);
      // On paper: no menus, forms or buttons; the figures on A4.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('navigation', { name: 'Personalens meny' }).isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Visa', exact: true }).isVisible(), false);
      assert.equal(await page.getByRole('heading', { name: 'Ålder', exact: true }).isVisible(), true);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      assert.ok(pdf.length > 10000, 'a printed page');
      await page.emulateMedia({ media: 'screen' });
    }

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

test('the steering group follows up every unit and nothing else', async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'sv-SE', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}/demo`);
  await page.locator('li.card', { hasText: 'Styrgrupp' }).getByRole('button').first().click();
  // Their start page is the follow-up of every unit.
  await page.waitForURL(`${base}/personal/uppfoljning`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Uppföljning: alla enheter');
  const menu = page.getByRole('navigation', { name: 'Personalens meny' });
  assert.equal(await menu.getByRole('link', { name: 'Uppföljning' }).count(), 1);
  assert.equal(await menu.getByRole('link', { name: 'Deltagare' }).count(), 0, 'no participants of their own');
  assert.equal(await page.getByRole('link', { name: 'Ladda ner vilka som räknats (CSV)' }).count(), 0);
  // One unit of their choosing.
  await page.getByLabel('Enhet').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Visa', exact: true }).click();
  await page.waitForURL(/enhet=\d+/);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /^Uppföljning: (?!alla enheter)/);
  assert.deepEqual(await axe(page), [], 'axe at 320 px');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 320, `scrolls sideways at 320 px: ${scroll}`);
  await context.close();
});
