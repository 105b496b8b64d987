// SUS, Finsam's national follow-up (issue 13): a staff member records what SUS
// asks when an activity starts (a missing answer named next to its field, what
// was chosen kept), then opens the unit's registration sheet, where a person
// without a consent to be named is an anonymous registration. axe-core on the
// record's SUS page and on the sheet at 1280 and 320 px; no sideways scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('a staff member records SUS answers and reads the sheet', async () => {
  const base = env.server.base;
  for (const width of [1280, 320]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, locale: 'sv-SE' });
    const staff = await context.newPage();
    await staff.goto(`${base}/demo`);
    await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
    await staff.waitForURL(`${base}/personal`);
    // A participant with no SUS registration yet (the demo has some): each width starts one.
    let record;
    for (let i = 0; ; i++) {
      if (i > 30) throw new Error('no participant without a SUS registration');
      await staff.goto(`${base}/personal`);
      await staff.locator('table tbody tr').nth(i).getByRole('link').first().click();
      await staff.waitForURL(/\/personal\/deltagare\/\d+$/);
      record = staff.url();
      await staff.getByRole('link', { name: 'SUS', exact: true }).click();
      await staff.waitForURL(`${record}/sus`);
      if ((await staff.locator('main').innerText()).includes('Ingen insats är registrerad för SUS.')) break;
    }
    const name = (await staff.getByRole('heading', { level: 1 }).innerText()).trim();
    assert.deepEqual(await axe(staff), [], `the SUS page at ${width} px`);

    // The first answer forgotten: named, and the others stay chosen.
    await staff.getByLabel('Första dagen i insatsen', { exact: true }).fill('2026-02-02');
    await staff.getByLabel('Försörjning före start', { exact: true }).selectOption('activity_compensation');
    await staff.getByLabel('Högsta avslutade utbildning', { exact: true }).selectOption('upper_secondary');
    await staff.getByLabel('Tid med offentlig försörjning före start', { exact: true }).selectOption('3_5');
    await staff.getByRole('button', { name: 'Registrera starten' }).click();
    await staff.waitForURL(`${record}/sus`);
    assert.match(await staff.locator('#field-occupation_before-error').innerText(), /Välj vad personen gjorde/);
    assert.equal(await staff.getByLabel('Högsta avslutade utbildning', { exact: true }).inputValue(), 'upper_secondary');
    assert.deepEqual(await axe(staff), [], `the SUS page with a message at ${width} px`);
    await staff.getByLabel('Sysselsättning före start', { exact: true }).selectOption('daily_activity');
    await staff.getByRole('button', { name: 'Registrera starten' }).click();
    await staff.waitForURL(`${record}/sus`);
    assert.match(await staff.locator('main').innerText(), /Startade 2026-02-02\./);
    assert.equal(await staff.getByRole('button', { name: 'Registrera slutet' }).count(), 1);

    // The unit's sheet: no consent to be named, so an anonymous registration.
    await staff.getByRole('link', { name: 'Registreringsunderlag för SUS' }).click();
    await staff.waitForURL(`${base}/personal/sus`);
    const sheet = await staff.locator('main').innerText();
    assert.match(sheet, /Anonym registrering/);
    assert.ok(!sheet.includes(name), 'the anonymous registration does not name the participant');
    assert.deepEqual(await axe(staff), [], `the sheet at ${width} px`);
    const scroll = await staff.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `scrolls sideways at ${width} px: ${scroll}`);
    await shot(staff, `sus-sheet-${width}`);
    await context.close();
  }
});
