// Issue 4: a staff member keeps a participant's record: overview, a new plan
// version compared side by side, a meeting booked (after a mistake), a consent
// recorded and withdrawn, a step. axe-core on every record page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test("a staff member keeps a participant's record", async () => {
  const base = env.server.base;
  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: 'sv-SE' });
  const staff = await desk.newPage();
  const found = {};
  await staff.goto(`${base}/demo`);
  await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await staff.waitForURL(`${base}/personal`);
  found.roster = await axe(staff);

  await staff.locator('table tbody tr').first().getByRole('link').first().click();
  await staff.waitForURL(/\/personal\/deltagare\/\d+$/);
  const record = staff.url();
  assert.match(await staff.locator('main').innerText(), /Kommande möten/);
  found.overview = await axe(staff);
  await shot(staff, 'staff-record-1280');

  // The plan: a new version, then the old one beside it.
  await staff.getByRole('link', { name: 'Plan', exact: true }).click();
  found.plan = await axe(staff);
  await staff.getByLabel('Mål', { exact: true }).fill('Jobba i butik två dagar i veckan');
  await staff.getByRole('button', { name: 'Spara ny version' }).click();
  await staff.waitForURL(`${record}/plan`);
  assert.match(await staff.getByRole('status').first().innerText(), /sparad som version/);
  await staff.getByRole('link', { name: /^Jämför version/ }).nth(1).click();
  assert.match(await staff.locator('main').innerText(), /bredvid varandra/);
  found.planCompare = await axe(staff);
  await shot(staff, 'staff-plan-compare-1280');

  // A meeting: first without a time, then right.
  await staff.getByRole('link', { name: 'Möten', exact: true }).click();
  found.meetings = await axe(staff);
  await staff.getByLabel('Mötestyp').selectOption('follow_up');
  await staff.getByLabel('Rubrik').fill('Vi pratar om butiken');
  await staff.getByRole('button', { name: 'Boka mötet' }).click();
  await staff.waitForURL(`${record}/moten`);
  assert.equal(await staff.getByLabel('Rubrik').inputValue(), 'Vi pratar om butiken', 'typed title kept');
  found.meetingsWithErrors = await axe(staff);
  const book = staff.locator('form', { has: staff.getByRole('button', { name: 'Boka mötet' }) });
  await book.getByLabel('Datum', { exact: true }).fill('2030-05-14');
  await book.getByLabel('Start', { exact: true }).fill('10:00');
  await book.getByLabel('Slut', { exact: true }).fill('11:00');
  await book.getByLabel('Plats', { exact: true }).fill('Kontoret');
  await book.locator('fieldset.choices input[type=checkbox]').first().check();
  await staff.getByRole('button', { name: 'Boka mötet' }).click();
  await staff.waitForURL(`${record}/moten`);
  assert.match(await staff.getByRole('status').first().innerText(), /Mötet är bokat/);
  assert.match(await staff.locator('main').innerText(), /Vi pratar om butiken/);
  await shot(staff, 'staff-meetings-1280');

  // Contact persons: a new officer at AF.
  await staff.getByRole('link', { name: 'Kontakter', exact: true }).click();
  found.contacts = await axe(staff);
  await staff.getByLabel('Vem', { exact: true }).selectOption('new');
  await staff.getByLabel('Roll för deltagaren', { exact: true }).fill('Din handläggare på Arbetsförmedlingen');
  await staff.getByRole('group', { name: 'Om det är en ny person' }).getByLabel('Namn', { exact: true }).fill('Sofia Lindqvist');
  await staff.getByLabel('Organisation', { exact: true }).selectOption('af');
  await staff.getByLabel('Titel', { exact: true }).fill('Handläggare');
  await staff.getByRole('button', { name: 'Spara kontaktpersonen' }).click();
  await staff.waitForURL(`${record}/kontakter`);
  assert.match(await staff.getByRole('status').first().innerText(), /Kontaktpersonen är sparad/);
  assert.match(await staff.getByRole('region', { name: 'Kontaktpersoner', exact: true }).innerText(), /Sofia Lindqvist/);
  await shot(staff, 'staff-contacts-1280');

  // Consents: record one for FK, then withdraw it.
  await staff.getByRole('link', { name: 'Samtycken', exact: true }).click();
  found.consents = await axe(staff);
  await staff.getByLabel('Samtycket gäller').selectOption('dv_fk_contact');
  await staff.getByLabel('Till organisation').selectOption('fk');
  await staff.getByLabel('Hur samtycket gavs').selectOption('written');
  await staff.getByRole('button', { name: 'Spara samtycket' }).click();
  await staff.waitForURL(`${record}/samtycken`);
  assert.match(await staff.getByRole('status').first().innerText(), /Samtycket är sparat/);
  const withdraw = staff.getByRole('button', { name: /^Återkalla: DV får kontakta Försäkringskassan/ });
  const before = await withdraw.count();
  await withdraw.first().click();
  await staff.waitForURL(`${record}/samtycken`);
  assert.equal(await withdraw.count(), before - 1);

  // Steps.
  await staff.getByRole('link', { name: 'Steg', exact: true }).click();
  found.steps = await axe(staff);
  await staff.getByLabel('Nytt steg').selectOption('individual_placement');
  await staff.getByRole('button', { name: 'Spara steget' }).click();
  await staff.waitForURL(`${record}/steg`);
  assert.match(await staff.locator('main').innerText(), /Står nu på: Enskild plats/);
  await shot(staff, 'staff-steps-1280');

  // Paid work: hours out of range are named next to their field, what was typed stays.
  await staff.getByLabel('Första arbetsdagen').fill('2026-03-02');
  await staff.getByLabel('Timmar i veckan i jobbet').fill('0');
  await staff.getByLabel('Sorts arbetsgivare').selectOption('private');
  await staff.getByRole('button', { name: 'Registrera anställningen' }).click();
  await staff.waitForURL(`${record}/steg`);
  assert.match(await staff.locator('#field-job-hours_per_week-error').innerText(), /mellan 1 och 40/);
  assert.equal(await staff.getByLabel('Första arbetsdagen').inputValue(), '2026-03-02');
  found.stepsWithErrors = await axe(staff);
  await staff.getByLabel('Timmar i veckan i jobbet').fill('20');
  await staff.getByRole('button', { name: 'Registrera anställningen' }).click();
  await staff.waitForURL(`${record}/steg`);
  assert.match(await staff.locator('main').innerText(), /Från 2026-03-02, 20 timmar i veckan, Privat arbetsgivare\. Pågår\./);
  assert.equal(await staff.getByRole('button', { name: 'Avsluta anställningen' }).count(), 1);

  // The step's name leads to the manual's explanation of it.
  await staff.locator('main p', { hasText: 'Står nu på' }).getByRole('link', { name: 'Enskild plats' }).click();
  await staff.waitForURL(`${base}/personal/handbok#steg-individual_placement`);
  assert.match(await staff.locator('#steg-individual_placement').innerText(), /Vem kallar/);
  found.manual = await axe(staff);
  await staff.goBack();
  await staff.waitForURL(`${record}/steg`);

  // The transition: a date recorded, and a wrong end date named next to its field.
  await staff.getByRole('link', { name: 'Övergång', exact: true }).click();
  found.transition = await axe(staff);
  await staff.getByLabel('Vad gäller datumet?').selectOption('handover_end');
  await staff.getByLabel('Slutar (bara för FSF:s stöd, om det är känt)').fill('2031-01-01');
  await staff.getByRole('button', { name: 'Spara datumet' }).click();
  await staff.waitForURL(`${record}/overgang`);
  assert.match(await staff.locator('main').innerText(), /Bara FSF:s stöd har ett eget slutdatum/);
  found.transitionWithErrors = await axe(staff);
  await staff.getByLabel('Slutar (bara för FSF:s stöd, om det är känt)').fill('');
  await staff.getByRole('button', { name: 'Spara datumet' }).click();
  await staff.waitForURL(`${record}/overgang`);
  assert.match(await staff.locator('main').innerText(), /Överlämningsperioden slutar: \d{4}-\d{2}-\d{2}/);

  for (const [page, violations] of Object.entries(found)) {
    assert.deepEqual(violations, [], `${page}: ${JSON.stringify(violations, null, 1)}`);
  }
  await desk.close();
});
