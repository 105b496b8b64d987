// Issue 2: open /demo, sign in as a participant, see the next meeting —
// with JavaScript on and with it off — and no axe-core violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAsFirstParticipant, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

for (const javaScriptEnabled of [true, false]) {
  test(`a participant sees the next meeting (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await signInAsFirstParticipant(page, env.server.base);
    await assert.doesNotReject(page.getByRole('heading', { name: /Ditt nästa möte/ }).waitFor({ timeout: 5000 }));
    const text = await page.locator('main').innerText();
    assert.match(text, /Klockan|klockan/, 'the time is written in words');
    assert.match(text, /Dina kontakter/);
    await shot(page, `start-360-js-${javaScriptEnabled ? 'on' : 'off'}`);
    await context.close();
  });
}

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`axe-core finds nothing on the sign-in, demo and start pages at ${width}px`, async () => {
    // bypassCSP: our CSP (rightly) blocks the injected axe-core script.
    const context = await env.browser.newContext({ viewport: { width, height }, bypassCSP: true });
    const page = await context.newPage();
    const found = {};
    for (const path of ['/logga-in', '/logga-in/personal', '/demo']) {
      await page.goto(`${env.server.base}${path}`);
      found[path] = await axe(page);
    }
    await signInAsFirstParticipant(page, env.server.base);
    found['/'] = await axe(page);
    await shot(page, `start-${width}`);
    await page.getByRole('link', { name: 'Mina möten' }).click();
    found['/moten'] = await axe(page);
    await shot(page, `meetings-${width}`);
    await page.locator('.meeting-list a').first().click();
    found['/moten/:id'] = await axe(page);
    await shot(page, `meeting-${width}`);
    for (const [name, path] of [['Min plan', '/min-plan'], ['Mina kontakter', '/kontakter'], ['Stegen', '/stegen'], ['Programmet', '/programmet'], ['Om appen', '/om']]) {
      await page.getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`${env.server.base}${path}`);
      found[path] = await axe(page);
      await shot(page, `${path.slice(1)}-${width}`);
    }
    for (const [path, violations] of Object.entries(found)) {
      assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
    }
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`"Jag kommer" is saved and can be changed (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signInAsFirstParticipant(page, env.server.base);
    await page.getByRole('link', { name: 'Se mötet' }).first().click();
    await page.getByRole('button', { name: 'Jag kommer' }).click();
    await page.getByText('Tack! Vi har sparat ditt svar.').waitFor({ timeout: 5000 });
    await page.getByText('Du har svarat: Jag kommer.').waitFor();
    await page.getByRole('button', { name: 'Jag kan inte komma' }).click();
    await page.getByText('Du har svarat: Jag kan inte komma.').waitFor({ timeout: 5000 });
    await context.close();
  });
}

test('"Läs upp" reads aloud in Swedish, or says why it cannot', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAsFirstParticipant(page, env.server.base);
  const swedish = await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('sv')));
  await page.getByRole('button', { name: 'Läs upp' }).click();
  if (swedish) {
    await page.getByRole('button', { name: 'Sluta läsa' }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole('button', { name: 'Sluta läsa' }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('button', { name: 'Sluta läsa' }).click();
    await page.getByRole('button', { name: 'Läs upp' }).waitFor({ timeout: 5000 });
  } else {
    // This machine's Chromium has no Swedish voice: the island says so instead of failing silently.
    await page.getByRole('status').getByText('Din mobil kan inte läsa upp på svenska.').waitFor({ timeout: 5000 });
  }
  await context.close();
});

test('no sideways scrolling at 320px', async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await signInAsFirstParticipant(page, env.server.base);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  await context.close();
});
