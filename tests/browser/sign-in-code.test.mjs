// Staff make a sign-in code; the participant opens the QR code's link on
// their phone and is signed in without typing anything. The link carries the
// code in the fragment (/logga-in#kod=…), which the browser never sends: the
// page's script reads it and sends the form. The session cookie is
// SameSite=Strict, so links that arrive from another site (an e-mail, a chat)
// must work without it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });
const desk = { page: null, participant: null };

/** Another site, as a browser sees it: its page holds a link to ours. */
const ELSEWHERE = 'http://elsewhere.example';
async function linkFromElsewhere(context, href) {
  await context.route(`${ELSEWHERE}/**`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="sv"><title>Post</title><a id="link" href="${href}">Öppna</a></html>`,
  }));
  const page = await context.newPage();
  await page.goto(`${ELSEWHERE}/`);
  return page;
}

/** A new code from the participant's code page on the staff member's desk. */
async function newCode() {
  await desk.page.getByRole('button', { name: 'Skapa en ny kod' }).click();
  await desk.page.waitForURL(/\/personal\/deltagare\/\d+\/kod$/);
  const code = (await desk.page.locator('.code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  return code.replace('-', '');
}

async function signedInAsTheParticipant(phone) {
  await phone.waitForURL(`${env.server.base}/`);
  assert.match(await phone.locator('h1').innerText(), /^Hej /, `signed in as ${desk.participant}`);
}

test('a code from the staff page signs the participant in through the QR link', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  desk.page = await context.newPage();
  await desk.page.goto(`${env.server.base}/demo`);
  await desk.page.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await desk.page.waitForURL(`${env.server.base}/personal`);
  const first = desk.page.getByRole('link', { name: /Skapa kod för/ }).first();
  desk.participant = (await first.getAttribute('aria-label')).replace('Skapa kod för ', '');
  await first.click();
  const code = await newCode();
  assert.equal(await desk.page.locator('.qr svg').count(), 1, 'a QR code is shown');
  assert.deepEqual(await axe(desk.page), [], 'the code page passes axe-core');
  await shot(desk.page, 'staff-code-1280');

  // What the QR code holds, opened by the phone's camera: signed in without a tap.
  const phone = await (await env.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  const sent = [];
  phone.on('request', (request) => sent.push(request.url()));
  await phone.goto(`${env.server.base}/logga-in#kod=${code}`);
  await signedInAsTheParticipant(phone);
  assert.deepEqual(sent.filter((url) => url.includes(code)), [], 'no request carried the code in its address');
  assert.ok(!phone.url().includes(code), 'the code is not left in the address');
});

test('the link works when it comes from another site, with the Strict session cookie', async () => {
  const code = await newCode();
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const post = await linkFromElsewhere(context, `${env.server.base}/logga-in#kod=${code}`);
  await post.locator('#link').click();
  await signedInAsTheParticipant(post);
  const cookie = (await context.cookies()).find((c) => c.name === 'mina-steg');
  assert.equal(cookie?.sameSite, 'Strict', 'the session cookie is SameSite=Strict');
  // Signed in: the next page of our own sends the cookie.
  await post.getByRole('link', { name: 'Min plan' }).first().click();
  await post.waitForURL(`${env.server.base}/min-plan`);
  await context.close();
});

test('the old query link fills in nothing, and without JavaScript the person types the code', async () => {
  const code = await newCode();
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const phone = await context.newPage();
  await phone.goto(`${env.server.base}/logga-in?kod=${code}`);
  assert.equal(await phone.getByLabel('Din kod').inputValue(), '', 'a code in the query string is not used');
  await phone.goto(`${env.server.base}/logga-in#kod=${code}`);
  assert.equal(await phone.getByLabel('Din kod').inputValue(), '', 'without JavaScript the fragment stays unread');
  await phone.getByLabel('Din kod').fill(`${code.slice(0, 5)}-${code.slice(5)}`);
  await phone.getByRole('button', { name: 'Logga in', exact: true }).click();
  await signedInAsTheParticipant(phone);
  await context.close();
});

test('an invitation link from an e-mail (another site) works without the session cookie', async () => {
  const admin = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await admin.goto(`${env.server.base}/demo`);
  await admin.locator('section', { hasText: 'Administratör' }).getByRole('button').first().click();
  await admin.waitForURL(`${env.server.base}/admin`);
  await admin.getByRole('link', { name: 'Bjud in personal' }).first().click();
  await admin.getByLabel('Namn', { exact: true }).fill('Sam Strand');
  await admin.getByLabel('E-postadress').fill('sam.strand@example.se');
  await admin.getByLabel('Roll', { exact: true }).selectOption({ label: 'Handledare' });
  await admin.getByLabel('Enhet', { exact: true }).selectOption({ index: 1 });
  await admin.getByRole('button', { name: 'Bjud in' }).click();
  await admin.waitForURL(/\/admin\/personal\/\d+$/);
  const link = (await admin.locator('.invitation-link').innerText()).trim();

  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const mail = await linkFromElsewhere(context, link);
  await mail.locator('#link').click();
  await mail.waitForURL(/\/inbjudan\?t=/);
  assert.equal((await mail.locator('h1').innerText()).trim(), 'Välj ett lösenord');
  // A mistake first: the message comes back through the session, on our own site.
  await mail.getByLabel('Nytt lösenord').fill('blå hus vid havet i juni');
  await mail.getByLabel('Skriv lösenordet en gång till').fill('blå hus vid havet i juli');
  await mail.getByRole('button', { name: 'Spara lösenordet' }).click();
  await mail.waitForURL(/\/inbjudan\?t=/);
  assert.equal(await mail.locator('[aria-invalid="true"]').count() > 0, true, 'the mistake is shown next to the field');
  await mail.getByLabel('Nytt lösenord').fill('blå hus vid havet i juni');
  await mail.getByLabel('Skriv lösenordet en gång till').fill('blå hus vid havet i juni');
  await mail.getByRole('button', { name: 'Spara lösenordet' }).click();
  await mail.waitForURL(`${env.server.base}/logga-in/personal`);
  assert.match(await mail.locator('main').innerText(), /Ditt lösenord är sparat/);
  await context.close();
});
