// Keyboard only and JavaScript off, on every participant page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signInAsFirstParticipant } from './support.mjs';

const PAGES = ['/', '/min-plan', '/moten', '/kontakter', '/stegen', '/programmet', '/paminnelser', '/om'];
const env = serverAndBrowser({ before, after });

test('every page can be walked with the keyboard alone, with focus always visible', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAsFirstParticipant(page, env.server.base);
  for (const path of PAGES) {
    await page.goto(`${env.server.base}${path}`);
    // The first Tab reaches the skip link, which leads to the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', `${path}: skip link first`);
    const seen = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          tag: el.tagName,
          text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          href: el.getAttribute('href'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          inView: box.bottom > 0 && box.top < window.innerHeight,
          size: Math.min(box.width, box.height),
        };
      });
      if (focused.tag === 'BODY') break;
      assert.ok(focused.outline, `${path}: visible focus on ${focused.tag} "${focused.text}"`);
      assert.ok(focused.inView, `${path}: focused element scrolled into view (${focused.text})`);
      seen.add(focused.href || focused.text);
    }
    for (const link of ['/', '/min-plan', '/moten', '/paminnelser', '/kontakter', '/stegen', '/programmet', '/om']) {
      assert.ok(seen.has(link), `${path}: the menu link ${link} is reachable by keyboard`);
    }
  }
  await context.close();
});

test('with JavaScript off every read-only page shows its content', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signInAsFirstParticipant(page, env.server.base);
  for (const path of PAGES) {
    const response = await page.goto(`${env.server.base}${path}`);
    assert.equal(response.status(), 200, path);
    const h1 = await page.locator('main h1').innerText();
    assert.ok(h1.length > 2, `${path}: a heading`);
    const text = await page.locator('main').innerText();
    assert.ok(text.length > 80, `${path}: content without JavaScript`);
  }
  await context.close();
});

test('staff pages can be walked with the keyboard alone, with focus always visible', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const base = env.server.base;
  await page.goto(`${base}/demo`);
  await page.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await page.waitForURL(`${base}/personal`);
  const record = await page.locator('table tbody a').first().getAttribute('href');
  await page.goto(`${base}/personal/programmet`);
  const round = await page.locator('.table-wrap[aria-label="Omgångar"] tbody a').first().getAttribute('href');
  await page.goto(`${base}${round}`);
  const session = await page.getByRole('link', { name: /^Närvaro för tillfälle 1/ }).getAttribute('href');
  // Each page, and a control on it that must be reachable without a mouse.
  const pages = [
    ['/personal', 'Visa'],
    [record, 'Plan'],
    [`${record}/plan`, 'Spara ny version'],
    [`${record}/moten`, 'Boka mötet'],
    [`${record}/kontakter`, 'Spara kontaktpersonen'],
    [`${record}/samtycken`, 'Spara samtycket'],
    [`${record}/steg`, 'Spara steget'],
    ['/personal/programmet', 'Lägg till i kön'],
    [round, 'Anmäl'],
    [session, 'Spara närvaron'],
  ];
  for (const [path, control] of pages) {
    await page.goto(`${base}${path}`);
    const seen = new Set();
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          tag: el.tagName,
          text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          inView: box.bottom > 0 && box.top < window.innerHeight,
        };
      });
      if (focused.tag === 'BODY') break;
      assert.ok(focused.outline, `${path}: visible focus on ${focused.tag} "${focused.text}"`);
      assert.ok(focused.inView, `${path}: focused element scrolled into view (${focused.text})`);
      seen.add(focused.text);
    }
    assert.ok([...seen].some((t) => t.startsWith(control)), `${path}: "${control}" is reachable by keyboard`);
  }
  await context.close();
});
