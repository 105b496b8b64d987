// A reviewer's 320 px phone: every participant page, as the participant and as
// two relatives (one shared little, one shared everything), including a meeting
// whose heading is a line of long words. Nothing may scroll sideways, no text
// may run under a button, every link and button is a 48 × 48 px target, and
// axe-core finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, shot } from './support.mjs';

const env = serverAndBrowser({ before, after });

const WIDTH = 320;
const TARGET = 48;
// Text closer than this above or below a button looks like it runs under it.
const CLEARANCE = 8;
// The heading a meeting of this kind gets, used as its title too.
const LONG_TITLE = 'Möte med Arbetsförmedlingen och Försäkringskassan';
const BRING = 'Legitimation, läkarintyget från vårdcentralen och beslutet om aktivitetsersättning från Försäkringskassan.';
const PAGES = ['/', '/min-plan', '/moten', '/moten/{meeting}', '/kontakter', '/stegen', '/programmet', '/vem-har-tittat', '/paminnelser', '/om'];

/** A date 40 days ahead, as `<input type="date">` wants it. */
function inSixWeeks() {
  return new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** What is wrong with the page at this width; an empty list when nothing is. */
async function problems(page) {
  return page.evaluate(({ width, target, clearance }) => {
    const found = [];
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) found.push(`scrolls sideways: scrollWidth ${scroll} px`);

    const describe = (el) => `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const targets = [...document.querySelectorAll('main a, main button, footer a, footer button')].filter(shown);
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      // Sub-pixel layout: 47.99 px is a 48 px target.
      if (box.width < target - 0.5 || box.height < target - 0.5) {
        found.push(`small target ${Math.round(box.width)}×${Math.round(box.height)} px: ${describe(el)}`);
      }
    }

    // Every piece of text outside a link or button, line by line, against every link and
    // button: on the same column, a line must keep `clearance` px above or below it.
    const buttons = targets.map((el) => ({ el, box: el.getBoundingClientRect() }));
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('a, button, script, style, template')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const line of range.getClientRects()) {
        for (const { el, box } of buttons) {
          const x = Math.min(line.right, box.right) - Math.max(line.left, box.left);
          const y = Math.min(line.bottom, box.bottom + clearance) - Math.max(line.top, box.top - clearance);
          if (x > 1 && y > 0) {
            const gap = Math.round(Math.max(box.top - line.bottom, line.top - box.bottom));
            found.push(`text "${node.textContent.trim().slice(0, 40)}" ${gap < 0 ? 'runs under' : `is ${gap} px from`} ${describe(el)}`);
          }
        }
      }
    }
    return found;
  }, { width: WIDTH, target: TARGET, clearance: CLEARANCE });
}

/** The "Ta med" text and the calendar button, as the reviewer saw them: one above the other, apart. */
async function bringAndCalendar(page) {
  return page.evaluate(() => {
    const dt = [...document.querySelectorAll('.meeting-details dt')].find((d) => d.innerText.trim() === 'Ta med');
    const calendar = document.querySelector('main a[href$="kalender.ics"]');
    if (!dt || !calendar) return null;
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
    return { bring: box(dt.nextElementSibling), calendar: box(calendar) };
  });
}

/** Signs in on /demo with the button in the card that matches `card`. */
async function demoSignIn(context, section, card) {
  const page = await context.newPage();
  await page.goto(`${env.server.base}/demo`);
  const button = page.locator('section', { hasText: section }).locator('li.card', { hasText: card }).getByRole('button').first();
  assert.equal(await button.count(), 1, `a demo account in "${section}" matching ${card}`);
  await button.click();
  await page.waitForURL(`${env.server.base}/`);
  return page;
}

test('every participant page fits a 320 px phone, for the participant and for relatives', async () => {
  const base = env.server.base;

  // Who the reviewer was: the first participant on /demo, and the relative linked to them.
  const lobby = await env.browser.newPage();
  await lobby.goto(`${base}/demo`);
  const participantButton = lobby.locator('section', { hasText: 'Deltagare' }).getByRole('button').first();
  const participantName = (await participantButton.innerText()).replace(/^Logga in som /, '').trim();
  await lobby.close();

  // Staff book the meeting with the long heading, through the booking form (create_meeting).
  const desk = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
  const staff = await desk.newPage();
  await staff.goto(`${base}/demo`);
  await staff.locator('section', { hasText: 'Personal' }).getByRole('button').first().click();
  await staff.waitForURL(`${base}/personal`);
  await staff.goto(`${base}/personal?namn=${encodeURIComponent(participantName)}`);
  const recordHref = await staff.locator('table tbody tr', { hasText: participantName }).getByRole('link').first().getAttribute('href');
  const participantId = recordHref.match(/\/personal\/deltagare\/(\d+)/)[1];
  await staff.goto(`${base}/personal/deltagare/${participantId}/moten`);
  const book = staff.locator('form', { has: staff.getByRole('button', { name: 'Boka mötet' }) });
  await book.getByLabel('Mötestyp').selectOption('joint_assessment_1');
  await book.getByLabel('Rubrik').fill(LONG_TITLE);
  await book.getByLabel('Datum', { exact: true }).fill(inSixWeeks());
  await book.getByLabel('Start', { exact: true }).fill('10:00');
  await book.getByLabel('Slut', { exact: true }).fill('11:30');
  await book.getByLabel('Plats', { exact: true }).fill('Arbetsförmedlingen, Storgatan 12');
  await book.getByLabel('Ta med', { exact: true }).fill(BRING);
  await book.locator('fieldset.choices input[type=checkbox]').first().check();
  await staff.getByRole('button', { name: 'Boka mötet' }).click();
  await staff.waitForURL(`${base}/personal/deltagare/${participantId}/moten`);
  assert.match(await staff.getByRole('status').first().innerText(), /Mötet är bokat/);
  await desk.close();

  const firstName = participantName.split(' ')[0];
  const viewers = [
    ['participant', 'Deltagare', participantName],
    ['relative shared little', 'Anhöriga', `till ${firstName} –`],
    ['relative shared everything', 'Anhöriga', 'ser planen, möten, kontakter, stegen, programmet och vem som har tittat'],
    // The ASF road (its own steps on Stegen), and someone whose DV decision rests.
    ['participant on the ASF road', 'Deltagare', 'Steg 4 på ASF-vägen'],
    ['participant with a resting decision', 'Deltagare', 'beslutet om daglig verksamhet vilar'],
    ['relative on the ASF road', 'Anhöriga', 'Pappa till Yasmin'],
  ];
  const found = [];
  let longMeetingSeen = 0;
  for (const [who, section, card] of viewers) {
    const context = await env.browser.newContext({ viewport: { width: WIDTH, height: 640 }, bypassCSP: true, locale: 'sv-SE' });
    const page = await demoSignIn(context, section, card);
    // The meeting: the one with the long heading when this viewer sees it, else the first in the list.
    await page.goto(`${base}/moten`);
    const links = await page.locator('main a[href^="/moten/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    let meeting = links[0];
    for (const href of links) {
      await page.goto(`${base}${href}`);
      if ((await page.locator('.meeting-title').innerText().catch(() => '')) === LONG_TITLE) {
        meeting = href;
        break;
      }
    }
    for (const template of PAGES) {
      const path = template === '/moten/{meeting}' ? meeting : template;
      if (!path) continue;
      await page.goto(`${base}${path}`);
      const name = `${path} as ${who}`;
      for (const problem of await problems(page)) found.push(`${name}: ${problem}`);
      const violations = await axe(page);
      if (violations.length) found.push(`${name}: axe ${JSON.stringify(violations)}`);
      const pair = await bringAndCalendar(page);
      if (pair && (await page.locator('.meeting-title').innerText()) === LONG_TITLE) {
        longMeetingSeen += 1;
        const gap = pair.calendar.top - pair.bring.bottom;
        if (gap < CLEARANCE) found.push(`${name}: "Ta med" ends ${Math.round(gap)} px above the calendar button (${JSON.stringify(pair)})`);
        await shot(page, `small-screen-meeting-${who.replace(/ /g, '-')}-320`);
      }
    }
    await context.close();
  }
  assert.equal(longMeetingSeen, 2, 'the participant and the relative who sees meetings both opened the long meeting');
  assert.deepEqual(found, []);
});
