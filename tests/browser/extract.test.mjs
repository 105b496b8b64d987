// Issue 10: the register extract (registerutdrag, GDPR art. 15). A staff member
// opens it from a participant's record: axe-core on the page, nothing sideways
// at 320 px, the JSON file downloads, and on paper (print media, A4) the page is
// the document alone with the easy-read cover on a page of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAndBrowser, axe, shot, artifacts } from './support.mjs';

const env = serverAndBrowser({ before, after });

/** How far the page scrolls sideways (0 when it does not). */
function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('a staff member makes a register extract to print and to download', async () => {
  const base = env.server.base;
  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: 'sv-SE' });
  const staff = await desk.newPage();
  await staff.goto(`${base}/demo`);
  await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await staff.waitForURL(`${base}/personal`);
  await staff.locator('table tbody tr').first().getByRole('link').first().click();
  await staff.waitForURL(/\/personal\/deltagare\/\d+$/);
  const record = staff.url();

  await staff.getByRole('link', { name: 'Ta fram registerutdrag' }).click();
  await staff.waitForURL(`${record}/registerutdrag`);
  assert.equal(await staff.getByRole('heading', { level: 1 }).innerText(), 'Det här är dina uppgifter');
  for (const part of ['Personuppgifter', 'Den gemensamma planen', 'Möten', 'Samtycken', 'Vem har läst och ändrat']) {
    assert.ok(await staff.getByRole('heading', { name: part, exact: true }).isVisible(), part);
  }
  const found = { wide: await axe(staff) };
  await shot(staff, 'staff-register-extract-1280');

  // The same extract as a file.
  const href = await staff.getByRole('link', { name: 'Ladda ner som JSON-fil' }).getAttribute('href');
  assert.equal(href, `${new URL(record).pathname}/registerutdrag.json`);
  const file = await staff.request.get(`${base}${href}`);
  assert.equal(file.status(), 200);
  assert.match(file.headers()['content-disposition'], /^attachment/);
  const extract = await file.json();
  assert.ok(extract.sections.length >= 20, `${extract.sections.length} sections`);
  assert.ok(extract.sections.find((s) => s.table === 'participants').rows.length === 1);

  // A narrow screen: nothing scrolls sideways.
  await staff.setViewportSize({ width: 320, height: 640 });
  await staff.reload();
  assert.equal(await sideways(staff), 0, 'no sideways scroll at 320 px');
  found.narrow = await axe(staff);
  await shot(staff, 'staff-register-extract-320');

  // On paper: A4 width (210 mm less 2 × 15 mm margins at 96 dpi), print media.
  await staff.setViewportSize({ width: 680, height: 1000 });
  await staff.emulateMedia({ media: 'print' });
  for (const frame of ['.site-header', '.site-footer', '.staff-nav', '.extract-tools']) {
    assert.equal(await staff.locator(frame).first().isVisible(), false, `${frame} is not printed`);
  }
  const cover = staff.locator('.extract-cover');
  assert.equal(await cover.evaluate((e) => getComputedStyle(e).breakAfter), 'page', 'the cover is a page of its own');
  // The cover fits on one A4 page (297 mm less 2 × 16 mm at 96 dpi: 1001 px).
  const coverHeight = (await cover.boundingBox()).height;
  assert.ok(coverHeight < 1001, `the cover is ${coverHeight} px high`);
  assert.equal(await sideways(staff), 0, 'nothing wider than the paper');
  const pdf = await staff.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(artifacts, 'register-extract.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2, `the printed extract has ${pages} pages`);

  for (const [page, violations] of Object.entries(found)) {
    assert.deepEqual(violations, [], `${page}: ${JSON.stringify(violations, null, 1)}`);
  }
  await desk.close();
});
