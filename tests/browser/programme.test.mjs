// Issue 4: a staff member creates a round with 5 sessions, enrols 7 people
// (6 get a seat, 1 waits), marks attendance for session 1, and an enrolled
// participant sees the sessions in their app. axe-core on every staff page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

/** A date 30 days ahead, as `<input type="date">` wants it. */
function inAMonth() {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('a staff member runs a round from creation to attendance, and the participant sees it', async () => {
  const base = env.server.base;
  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: 'sv-SE' });
  const staff = await desk.newPage();
  const found = {};
  await staff.goto(`${base}/demo`);
  await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await staff.waitForURL(`${base}/personal`);

  await staff.getByRole('link', { name: 'Programmet', exact: true }).click();
  await staff.waitForURL(`${base}/personal/programmet`);
  found.overview = await axe(staff);
  await shot(staff, 'staff-programme-1280');

  await staff.getByRole('link', { name: 'Ny omgång' }).click();
  found.newRound = await axe(staff);
  // First a mistake: the form says what is wrong and keeps the rest.
  await staff.getByLabel('Namn', { exact: true }).fill('Arbetsnärmande programmet, testomgången');
  await staff.getByLabel('Antal platser').fill('25');
  await staff.getByRole('button', { name: 'Skapa omgången' }).click();
  await staff.waitForURL(`${base}/personal/programmet/ny-omgang`);
  assert.match(await staff.locator('#field-capacity-error').innerText(), /mellan 1 och 20/);
  assert.equal(await staff.getByLabel('Namn', { exact: true }).inputValue(), 'Arbetsnärmande programmet, testomgången');
  found.newRoundWithErrors = await axe(staff);
  await shot(staff, 'staff-new-round-errors-1280');

  await staff.getByLabel('Plats', { exact: true }).fill('Verkstaden, stora rummet');
  await staff.getByLabel('Ansvarig').selectOption({ index: 1 });
  await staff.getByLabel('Antal platser').fill('6');
  await staff.getByLabel('Första tillfället').fill(inAMonth());
  await staff.getByLabel('Starttid').fill('13:00');
  await staff.getByLabel('Antal tillfällen').fill('5');
  await staff.getByRole('button', { name: 'Skapa omgången' }).click();
  await staff.waitForURL(/\/personal\/programmet\/omgang\/\d+$/);
  const roundUrl = staff.url();
  assert.match(await staff.getByRole('status').first().innerText(), /Omgången är skapad/);
  assert.equal(await staff.locator('table[aria-label], .table-wrap[aria-label="Tillfällen"] tbody tr').count(), 5, 'five sessions');

  // Seven people: six get a seat, the seventh waits in line.
  for (let i = 0; i < 7; i++) {
    await staff.getByLabel('Deltagare').selectOption({ index: 1 });
    await staff.getByRole('button', { name: 'Anmäl', exact: true }).click();
    await staff.waitForURL(roundUrl);
  }
  assert.match(await staff.getByRole('status').first().innerText(), /plats 1 i kön/);
  assert.equal(await staff.locator('.table-wrap[aria-label="Antagna"] tbody tr').count(), 6);
  assert.equal(await staff.locator('.table-wrap[aria-label="Kölista"] tbody tr').count(), 1);
  found.round = await axe(staff);
  await shot(staff, 'staff-round-1280');
  const enrolledHref = await staff.locator('.table-wrap[aria-label="Antagna"] tbody a').first().getAttribute('href');
  const participantId = enrolledHref.split('/').pop();

  // Attendance for session 1: everyone present except one who was away.
  await staff.getByRole('link', { name: /^Närvaro för tillfälle 1/ }).click();
  await staff.waitForURL(/\/personal\/programmet\/tillfalle\/\d+$/);
  found.attendance = await axe(staff);
  assert.equal(await staff.locator('fieldset.attendance-row').count(), 6);
  await staff.locator('fieldset.attendance-row').nth(1).getByLabel('Frånvarande, anmält').check();
  await staff.getByRole('button', { name: 'Spara närvaron' }).click();
  await staff.waitForURL(/\/personal\/programmet\/tillfalle\/\d+$/);
  assert.match(await staff.getByRole('status').first().innerText(), /Närvaron är sparad/);
  assert.equal(await staff.locator('fieldset.attendance-row').nth(1).getByLabel('Frånvarande, anmält').isChecked(), true);
  await shot(staff, 'staff-attendance-1280');
  await staff.getByRole('link', { name: 'Tillbaka till omgången' }).click();
  assert.match(await staff.locator('.table-wrap[aria-label="Tillfällen"] tbody tr').first().innerText(), /6 markerade/);

  // Session 4 gets a visit from Arbetsförmedlingen.
  await staff.getByRole('link', { name: 'Ändra tillfälle 4' }).click();
  found.sessionEdit = await axe(staff);
  await staff.getByLabel('Besök').selectOption('af');
  await staff.getByRole('button', { name: 'Spara tillfället' }).click();
  await staff.waitForURL(roundUrl);
  assert.match(await staff.locator('.table-wrap[aria-label="Tillfällen"] tbody tr').nth(3).innerText(), /Besök från Arbetsförmedlingen/);

  // The enrolled participant signs in on their phone and finds the sessions.
  await staff.goto(`${base}/personal/deltagare/${participantId}/kod`);
  await staff.getByRole('button', { name: 'Skapa en ny kod' }).click();
  const code = (await staff.locator('.code').innerText()).trim();
  const phone = await (await env.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  // The QR code's link: the code in the fragment, sent by the page's script.
  await phone.goto(`${base}/logga-in#kod=${code.replace('-', '')}`);
  await phone.waitForURL(`${base}/`);
  await phone.goto(`${base}/programmet`);
  assert.match(await phone.locator('main').innerText(), /testomgången/);
  await phone.goto(`${base}/moten`);
  const sessions = await phone.locator('.meeting-list').first().getByText('Träff i gruppen om jobb').count();
  assert.ok(sessions >= 5, `the five sessions are in Mina möten (found ${sessions})`);
  await shot(phone, 'participant-sessions-360');

  for (const [page, violations] of Object.entries(found)) {
    assert.deepEqual(violations, [], `${page}: ${JSON.stringify(violations, null, 1)}`);
  }
  await desk.close();
});
