// Staff make a sign-in code; the participant opens the QR code's link on
// their phone and signs in without typing anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('a code from the staff page signs the participant in through the QR link', async () => {
  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const staff = await desk.newPage();
  await staff.goto(`${env.server.base}/demo`);
  await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await staff.waitForURL(`${env.server.base}/personal`);
  const first = staff.getByRole('link', { name: /Skapa kod för/ }).first();
  const label = await first.getAttribute('aria-label');
  await first.click();
  await staff.getByRole('button', { name: 'Skapa en ny kod' }).click();
  const code = (await staff.locator('.code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  assert.equal(await staff.locator('.qr svg').count(), 1, 'a QR code is shown');
  assert.deepEqual(await axe(staff), [], 'the code page passes axe-core');
  await shot(staff, 'staff-code-1280');

  // What the QR code holds: the sign-in page with the code filled in.
  const phone = await (await env.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await phone.goto(`${env.server.base}/logga-in?kod=${code.replace('-', '')}`);
  assert.equal(await phone.getByLabel('Din kod').inputValue(), code.replace('-', ''));
  await phone.getByRole('button', { name: 'Logga in', exact: true }).click();
  await phone.waitForURL(`${env.server.base}/`);
  const name = label.replace('Skapa kod för ', '');
  assert.match(await phone.locator('h1').innerText(), /^Hej /, `signed in as ${name}`);
  await desk.close();
});
