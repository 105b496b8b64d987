// Issue 10: retention (gallring). The administrator reads the dry run at
// /admin/gallring (a discharged participant whose record was last written to
// ten years ago is listed, by number and not by name), is told what is wrong
// next to a field, confirms on /admin/gallring/bekrafta by typing how many,
// and the list is empty afterwards. axe-core (WCAG 2.2 AA) on every state, and
// nothing scrolls sideways at 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

function sql(statement) {
  return execFileSync('sqlite3', [env.server.database, statement], { encoding: 'utf8' }).trim();
}

/** Moves every entry of one discharged participant's record ten years back. */
function ageTenYears(p) {
  const stamp = (c) => `${c} = strftime('%Y-%m-%dT%H:%M:%S+00:00', ${c}, '-10 years')`;
  const day = (c) => `${c} = date(${c}, '-10 years')`;
  const own = `participant_id = ${p}`;
  for (const statement of [
    `UPDATE participants SET ${stamp('created_at')}, ${day('entered_on')}, ${day('discharged_on')} WHERE id = ${p}`,
    `UPDATE meetings SET ${stamp('created_at')}, ${stamp('updated_at')}, ${stamp('answered_at')} WHERE ${own}`,
    `UPDATE joint_plans SET ${stamp('created_at')} WHERE ${own}`,
    `UPDATE ladder_moves SET ${stamp('recorded_at')} WHERE ${own}`,
    `UPDATE dv_changes SET ${stamp('recorded_at')}, ${day('changed_on')} WHERE ${own}`,
    `UPDATE employments SET ${stamp('recorded_at')}, ${day('starts_on')}, ${day('ends_on')} WHERE ${own}`,
    `UPDATE sus_registrations SET ${stamp('recorded_at')}, ${stamp('ended_at')}, ${day('starts_on')}, ${day('ends_on')} WHERE ${own}`,
    `UPDATE transition_dates SET ${stamp('recorded_at')}, ${day('starts_on')}, ${day('ends_on')}, ${day('closed_on')} WHERE ${own}`,
    `UPDATE extended_support SET ${stamp('created_at')}, ${day('starts_on')}, ${day('ends_on')} WHERE ${own}`,
    `UPDATE consents SET ${stamp('recorded_at')}, ${day('given_on')}, ${day('withdrawn_on')} WHERE ${own}`,
    `UPDATE contact_persons SET ${stamp('created_at')}, ${day('since')}, ${day('until')} WHERE ${own}`,
    `UPDATE attendance SET ${stamp('recorded_at')} WHERE ${own}`,
    `UPDATE enrolments SET ${stamp('created_at')} WHERE ${own}`,
    `UPDATE expressions_of_interest SET ${stamp('created_at')}, ${stamp('handled_at')} WHERE ${own}`,
    `UPDATE unit_moves SET ${stamp('moved_at')} WHERE ${own}`,
    `UPDATE participant_relatives SET ${day('since')}, ${day('ended_on')} WHERE ${own}`,
  ]) {
    sql(statement);
  }
}

function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('the administrator reads the dry run, confirms with the number, and the records are gone', async () => {
  const base = env.server.base;
  const p = Number(sql('SELECT min(id) FROM participants WHERE discharged_on IS NOT NULL'));
  const name = sql(`SELECT name FROM participants WHERE id = ${p}`);
  ageTenYears(p);

  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE', bypassCSP: true });
  const admin = await context.newPage();
  await admin.goto(`${base}/demo`);
  await admin.locator('section', { hasText: 'Administratör' }).getByRole('button').first().click();
  await admin.waitForURL(`${base}/admin`);
  await admin.getByRole('link', { name: 'Gallring' }).click();
  await admin.waitForURL(`${base}/admin/gallring`);
  const found = {};

  // The dry run: the participant's number, no name.
  const due = admin.getByRole('region', { name: 'Ska raderas i dag' });
  assert.equal((await due.locator('tbody tr').count()), 1);
  assert.equal((await due.locator('tbody th').innerText()).trim(), String(p));
  assert.ok(!(await admin.locator('main').innerText()).includes(name), 'no name on the page');
  found.dryRun = await axe(admin);
  await shot(admin, 'admin-retention-1280');
  await admin.setViewportSize({ width: 320, height: 640 });
  assert.equal(await sideways(admin), 0, 'no sideways scroll at 320 px');
  found.dryRunNarrow = await axe(admin);
  await shot(admin, 'admin-retention-320');
  await admin.setViewportSize({ width: 1280, height: 800 });

  // A rule that is not a number of years is named next to the field, as typed.
  await admin.getByLabel('Antal år efter den senaste anteckningen').fill('fem');
  await admin.getByRole('button', { name: 'Spara regeln' }).click();
  await admin.waitForURL(`${base}/admin/gallring`);
  assert.equal(await admin.getByLabel('Antal år efter den senaste anteckningen').inputValue(), 'fem');
  assert.match(await admin.locator('#field-years-error').innerText(), /helt antal år/);
  found.ruleError = await axe(admin);

  // The "are you sure" page: a wrong number is refused next to the field.
  await admin.getByRole('link', { name: 'Gå vidare till radering' }).click();
  await admin.waitForURL(`${base}/admin/gallring/bekrafta`);
  assert.match(await admin.locator('main').innerText(), /radera alla uppgifter om 1 deltagare/);
  found.confirm = await axe(admin);
  await admin.getByLabel('Antal deltagare').fill('2');
  await admin.getByRole('button', { name: 'Radera uppgifterna' }).click();
  await admin.waitForURL(`${base}/admin/gallring/bekrafta`);
  assert.match(await admin.locator('#field-count-error').innerText(), /stämmer inte/);
  assert.equal(sql(`SELECT count(*) FROM participants WHERE id = ${p}`), '1', 'nothing deleted');
  found.confirmError = await axe(admin);
  await admin.setViewportSize({ width: 320, height: 640 });
  assert.equal(await sideways(admin), 0, 'no sideways scroll at 320 px');
  found.confirmNarrow = await axe(admin);
  await admin.setViewportSize({ width: 1280, height: 800 });

  // The right number: deleted, a tombstone, and nothing more is due.
  await admin.getByLabel('Antal deltagare').fill('1');
  await admin.getByRole('button', { name: 'Radera uppgifterna' }).click();
  await admin.waitForURL(`${base}/admin/gallring`);
  assert.match(await admin.locator('main').innerText(), /Uppgifterna om 1 deltagare är raderade/);
  assert.match(await admin.locator('main').innerText(), /Ingen deltagares uppgifter ska raderas i dag/);
  assert.equal(sql(`SELECT count(*) FROM participants WHERE id = ${p}`), '0');
  assert.equal(
    sql(`SELECT count(*) FROM audit_log WHERE action = 'delete' AND record_kind = 'retention' AND subject_participant_id = ${p}`),
    '1',
  );
  found.done = await axe(admin);

  for (const [state, violations] of Object.entries(found)) {
    assert.deepEqual(violations, [], `${state}: ${JSON.stringify(violations, null, 1)}`);
  }
  await context.close();
});
