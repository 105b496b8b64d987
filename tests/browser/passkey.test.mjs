// Issue 9: a participant saves the sign-in on their phone (a passkey) and signs
// in with "Logga in med mobilen", no code. Chromium's virtual authenticator
// (CDP WebAuthn) plays the phone: a platform authenticator that keeps
// discoverable credentials and verifies the user (the screen lock).
// Passkeys need a domain name, so the site is opened as localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

test('a participant saves a passkey and signs in with the phone alone', async () => {
  const base = `http://localhost:${env.server.port}`;
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'sv-SE' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  // Signed in (as a code would), the start page offers to save the sign-in.
  await page.goto(`${base}/demo`);
  await page.locator('section').first().getByRole('button').first().click();
  await page.waitForURL(`${base}/`);
  const name = (await page.locator('h1').innerText()).trim();
  const save = page.getByRole('button', { name: 'Spara inloggningen' });
  await save.waitFor({ timeout: 5000 });
  await shot(page, 'passkey-offer-360');
  await save.click();
  await page.getByText('Inloggningen är sparad i mobilen.').waitFor({ timeout: 10000 });
  assert.equal(await page.getByRole('button', { name: 'Spara inloggningen' }).count(), 0, 'offered only once');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'one passkey on the phone');
  assert.equal(credentials[0].isResidentCredential, true, 'discoverable: no name or code needed to find it');

  // Signed out, the phone signs in again with its own screen lock.
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(`${base}/logga-in`);
  const withPhone = page.getByRole('button', { name: 'Logga in med mobilen' });
  await withPhone.waitFor({ timeout: 5000 });
  await withPhone.click();
  await page.waitForURL(`${base}/`, { timeout: 10000 });
  assert.equal((await page.locator('h1').innerText()).trim(), name, 'the same person, no code typed');
  await shot(page, 'passkey-signed-in-360');
  await context.close();
});

test('the sign-in pages with their passkey buttons pass axe-core', async () => {
  const base = `http://localhost:${env.server.port}`;
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
  const page = await context.newPage();
  for (const path of ['/logga-in', '/logga-in/personal']) {
    await page.goto(`${base}${path}`);
    await page.locator('[data-passkey]').first().waitFor({ timeout: 5000 });
    assert.deepEqual(await axe(page), [], `${path} passes axe-core`);
  }
  await context.close();
});
