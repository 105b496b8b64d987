// Issue 9, "done when": a municipality puts Mina steg into service without the
// demo data. The server runs as in production (no --demo, no --seed-if-empty)
// on an empty SQLite database holding only the account `create-admin` made.
// The administrator signs in with a password and an authenticator app (TOTP
// codes computed here, RFC 6238), creates two units and invites a staff member;
// the staff member follows the link, chooses a password, saves a passkey and
// signs in with it alone, registers a participant, links a god man with an
// account and a consent that shares only the meetings, and makes sign-in codes;
// the participant signs in with the code and saves a passkey on the phone; the
// god man signs in and sees the meetings, not the plan. The administrator signs
// in again with the app's next code and sees nothing of the participant. Every
// page the issue names passes axe-core and fits 320 px. Chromium's virtual
// authenticator (CDP WebAuthn) plays the phone or the laptop. Passkeys need a
// domain name, so the site is opened as localhost.
//
// The steps are tests in order; each builds on the one before (node:test runs
// a file's tests one after another).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, axe, shot, root, KEY_ENV } from './support.mjs';

const ADMIN = { email: 'it-admin@minkommun.se', name: 'Alva Lind', password: 'fyra ord som ingen gissar' };
const STAFF = { email: 'sara.berg@minkommun.se', name: 'Sara Berg', password: 'kaffe i gröna muggar varje dag' };
const GOD_MAN = { name: 'Göran Holm', email: 'goran.holm@godman.se' };
const UNITS = ['Daglig verksamhet Norr', 'Daglig verksamhet Söder'];
const PLAN_GOAL = 'Jobba i en butik tre dagar i veckan';
const MEETING_TITLE = 'Vi pratar om praktiken i butiken';

const env = { server: null, browser: null, base: '' };
/** What one step leaves for the next. */
const state = {};
/** axe-core's findings and the 320 px measure, page by page: checked in the last test. */
const found = {};

before(async () => {
  // An empty database with only the first administrator, as the README's set-up makes it.
  const database = join(mkdtempSync(join(tmpdir(), 'mina-steg-in-service-')), 'in-service.db');
  const made = spawnSync(
    join(root, 'target', 'debug', 'mina-steg'),
    ['create-admin', '--email', ADMIN.email, '--name', ADMIN.name],
    { input: `${ADMIN.password}\n`, env: { ...process.env, ...KEY_ENV, DATABASE_URL: `sqlite://${database}`, RUST_LOG: 'warn' }, encoding: 'utf8' },
  );
  assert.equal(made.status, 0, `create-admin failed: ${made.stderr}`);
  assert.match(made.stdout, /Administratören är skapad/);
  env.server = await startServer({ database, demo: false });
  env.base = `http://localhost:${env.server.port}`;
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  await env.server?.stopped();
});

// --- Helpers ------------------------------------------------------------------

/** Decodes RFC 4648 base32 (what the page shows, in groups of four). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The time step an authenticator app is on now (30 s). */
const timeStep = () => Math.floor(Date.now() / 1000 / 30);

/** RFC 6238 with RFC 4226's truncation: HMAC-SHA1, 6 digits, 30 s steps. */
function totp(secret, step = timeStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

/** A valid personnummer (10 digits with "-") born on `yymmdd`: Luhn check digit over the nine. */
function personnummer(yymmdd, serial) {
  const nine = `${yymmdd}${serial}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${yymmdd}-${serial}${(10 - (sum % 10)) % 10}`;
}

/** A date `days` from today, as `<input type="date">` wants it. */
function daysAhead(days) {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A browser context like a desk computer (1280 px) or a phone (360 px). */
async function newContext(width) {
  const height = width > 400 ? 800 : 740;
  return env.browser.newContext({ viewport: { width, height }, locale: 'sv-SE', bypassCSP: true });
}

/** Chromium's virtual authenticator: a platform key with user verification, as a laptop or phone has. */
async function virtualAuthenticator(context, page) {
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
  return { credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials };
}

/**
 * The page at 320 px: how far it scrolls sideways (0 when it does not). The
 * viewport is narrowed in place, so a page that shows something once (an
 * invitation link) is measured as it is; then widened back.
 */
async function sidewaysAt320(page) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(before);
  return overflow;
}

/** axe-core's findings and the 320 px check for one page, collected under `name`. */
async function check(name, page) {
  found[name] = { axe: await axe(page), sidewaysAt320: await sidewaysAt320(page) };
}

/** Every page checked passes axe-core and does not scroll sideways at 320 px. */
function assertChecked() {
  const problems = Object.fromEntries(
    Object.entries(found).filter(([, r]) => r.axe.length > 0 || r.sidewaysAt320 > 0),
  );
  assert.deepEqual(problems, {}, 'pages with axe-core findings or sideways scrolling at 320 px');
}

/** The success notice at the top of the page (role status). */
async function notice(page) {
  const status = page.getByRole('status').first();
  try {
    await status.waitFor({ timeout: 5000 });
  } catch {
    const errors = (await page.locator('main .error-message:visible, main [role=alert]:visible').allInnerTexts())
      .map((t) => t.trim()).filter(Boolean);
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 300);
    assert.fail(`no notice on ${page.url()}; the page says: ${errors.length ? errors.join(' | ') : main}`);
  }
  return (await status.innerText()).trim();
}

async function signInWithPassword(page, who) {
  await page.goto(`${env.base}/logga-in/personal`);
  await page.getByLabel('E-postadress').fill(who.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(who.password);
  await page.locator('form', { has: page.getByLabel('Lösenord', { exact: true }) })
    .getByRole('button', { name: 'Logga in' }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(`${env.base}/logga-in`);
}

async function signInWithCode(page, code) {
  await page.goto(`${env.base}/logga-in`);
  await page.getByLabel('Din kod').fill(code);
  await page.locator('form', { has: page.getByLabel('Din kod') }).getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${env.base}/`);
}

// --- The administrator ------------------------------------------------------------

test('the first administrator signs in with a password and registers an authenticator app', async () => {
  const context = await newContext(1280);
  const page = await context.newPage();
  state.admin = { context, page };

  // Without --demo there is no demo sign-in and no demo data.
  const demo = await page.goto(`${env.base}/demo`);
  assert.equal(demo.status(), 404, '/demo is not there');
  assert.equal(await page.getByRole('button', { name: /Logga in som/ }).count(), 0, '/demo offers no accounts');

  await signInWithPassword(page, ADMIN);
  // A password alone is not enough: the account has no second factor yet, so it registers one.
  await page.waitForURL(`${env.base}/logga-in/personal/ny-faktor`);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Skydda ditt konto med en andra inloggning');
  assert.equal(await page.locator('.qr svg').count(), 1, 'the secret as a QR code');
  await check('factor registration (/logga-in/personal/ny-faktor)', page);
  await shot(page, 'in-service-factor-1280');

  const secret = (await page.locator('.totp-secret').innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'the secret as text, in groups of four');
  state.admin.secret = secret;

  // A wrong code first: refused next to the field, nobody signed in.
  const right = totp(secret);
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
  await page.getByLabel('Kod från appen').fill(wrong);
  await page.getByRole('button', { name: 'Bekräfta och logga in' }).click();
  await page.waitForURL(`${env.base}/logga-in/personal/ny-faktor`);
  assert.match(await page.locator('form').filter({ has: page.getByLabel('Kod från appen') }).innerText(),
    /Koden stämmer inte/);
  assert.equal((await page.locator('.totp-secret').innerText()).trim(), secret, 'the same secret after a wrong code');

  // The code the app shows now: signed in, on the administrator's page.
  state.admin.usedStep = timeStep();
  await page.getByLabel('Kod från appen').fill(totp(secret, state.admin.usedStep));
  await page.getByRole('button', { name: 'Bekräfta och logga in' }).click();
  await page.waitForURL(`${env.base}/admin`);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Enheter och konton');
  assert.match(await page.locator('main').innerText(), /Det finns inga enheter ännu/, 'an empty municipality');
});

test('the administrator creates two units and invites a staff member', async () => {
  const { page } = state.admin;
  await check('admin home, empty (/admin)', page);

  for (const name of UNITS) {
    await page.goto(`${env.base}/admin`);
    await page.getByLabel('Enhetens namn').fill(name);
    await page.getByRole('button', { name: 'Lägg till enheten' }).click();
    await page.waitForURL(/\/admin\/enheter\/\d+$/);
    assert.equal(await notice(page), 'Enheten är tillagd.');
    assert.equal((await page.locator('h1').innerText()).trim(), name);
  }
  await check('one unit (/admin/enheter/:id)', page);

  await page.goto(`${env.base}/admin`);
  const units = page.getByRole('region', { name: 'Enheter', exact: true });
  for (const name of UNITS) {
    assert.match(await units.getByRole('row', { name: new RegExp(name) }).innerText(), /Öppen/, `${name} is open`);
  }
  await check('admin home with units (/admin)', page);
  await shot(page, 'in-service-admin-1280');

  await page.getByRole('link', { name: 'Bjud in personal' }).first().click();
  await page.waitForURL(`${env.base}/admin/bjud-in`);
  await check('invite (/admin/bjud-in)', page);
  await page.getByLabel('Namn', { exact: true }).fill(STAFF.name);
  await page.getByLabel('E-postadress').fill(STAFF.email);
  await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Handledare' });
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: UNITS[0] });
  await page.getByRole('button', { name: 'Bjud in' }).click();
  await page.waitForURL(/\/admin\/personal\/\d+$/);
  state.admin.staffPage = page.url();
  assert.equal(await notice(page), 'Kontot är skapat. Ge personen länken nedan.');
  assert.equal((await page.locator('h1').innerText()).trim(), STAFF.name);
  const facts = await page.locator('dl.facts').innerText();
  assert.match(facts, new RegExp(UNITS[0]));
  assert.match(facts, /Handledare/);
  assert.match(facts, /Inbjuden, inget lösenord ännu/);

  // The link is shown once, as text (and as a QR code).
  const link = (await page.locator('.invitation-link').innerText()).trim();
  assert.match(link, new RegExp(`^${env.base}/inbjudan\\?t=[A-Za-z0-9_-]{20,}$`), `an invitation link: ${link}`);
  assert.equal(await page.locator('.code-card .qr svg').count(), 1, 'the link as a QR code');
  state.invitation = link;
  await check('staff account with the new link (/admin/personal/:id)', page);
  await shot(page, 'in-service-invitation-link-1280');

  await page.reload();
  assert.equal(await page.locator('.invitation-link').count(), 0, 'the link is not shown again');
});

// --- The staff member ---------------------------------------------------------------

test('the staff member follows the link and chooses a password', async () => {
  const context = await newContext(1280);
  const page = await context.newPage();
  state.staff = { context, page, laptop: await virtualAuthenticator(context, page) };

  await page.goto(state.invitation);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Välj ett lösenord');
  assert.match(await page.locator('main').innerText(), new RegExp(`Välkommen, ${STAFF.name}\\.`));
  await check('invitation (/inbjudan)', page);
  await shot(page, 'in-service-invitation-1280');
  await page.getByLabel('Nytt lösenord').fill(STAFF.password);
  await page.getByLabel('Skriv lösenordet en gång till').fill(STAFF.password);
  await page.getByRole('button', { name: 'Spara lösenordet' }).click();
  await page.waitForURL(`${env.base}/logga-in/personal`);
  const saved = await notice(page).catch((e) => e);

  // The link works once.
  const again = await context.newPage();
  await again.goto(state.invitation);
  assert.match(await again.locator('main').innerText(), /Länken fungerar inte/);
  await again.close();

  // The sign-in page it lands on says the password is saved.
  if (saved instanceof Error) throw saved;
  assert.equal(saved, 'Ditt lösenord är sparat. Logga in.');
});

test('the staff member saves a passkey as the second factor and signs in with it alone', async () => {
  const { page, laptop } = state.staff;
  // Password, then the first factor: a passkey on this computer.
  await signInWithPassword(page, STAFF);
  await page.waitForURL(`${env.base}/logga-in/personal/ny-faktor`);
  const save = page.getByRole('button', { name: 'Spara en nyckel' });
  await save.waitFor({ timeout: 5000 });
  await save.click();
  await page.waitForURL(`${env.base}/personal`, { timeout: 10000 });
  assert.match(await page.locator('.viewer-name').innerText(), new RegExp(STAFF.name));
  const keys = await laptop.credentials();
  assert.equal(keys.length, 1, 'one passkey on the computer');

  // Signed out, the passkey alone signs in: no password, no code.
  await signOut(page);
  await page.goto(`${env.base}/logga-in/personal`);
  const withKey = page.getByRole('button', { name: 'Logga in med nyckel' });
  await withKey.waitFor({ timeout: 5000 });
  await withKey.click();
  await page.waitForURL(`${env.base}/personal`, { timeout: 10000 });
  assert.match(await page.locator('.viewer-name').innerText(), new RegExp(STAFF.name));

  // The administrator now sees an active account with a second factor.
  const admin = state.admin.page;
  await admin.goto(state.admin.staffPage);
  const facts = await admin.locator('dl.facts').innerText();
  assert.match(facts, /Aktivt/);
  assert.match(facts, /Registrerat/);
});

test('the staff member registers a participant into their unit', async () => {
  const { page } = state.staff;
  await page.getByRole('link', { name: 'Ny deltagare' }).click();
  await page.waitForURL(`${env.base}/personal/ny-deltagare`);
  assert.match(await page.locator('main').innerText(), new RegExp(`Personen skrivs in på ${UNITS[0]}`));
  await check('intake (/personal/ny-deltagare)', page);
  await shot(page, 'in-service-intake-1280');

  const number = personnummer('020314', '238');
  state.participant = { name: 'Elin Ek', preferred: 'Elin', number };
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Skriv in deltagaren' }) });
  await form.getByLabel('Namn', { exact: true }).fill('Elin Ek');
  await form.getByLabel('Kallas').fill('Elin');
  await form.getByLabel('Personnummer eller samordningsnummer').fill(number);
  await form.getByLabel('Kön').selectOption({ label: 'Kvinna' });
  await form.getByLabel('Telefon (valfritt)').fill('070-123 45 67');
  await form.getByLabel('Form', { exact: true }).selectOption({ label: 'Grupp med handledare' });
  await form.getByLabel('Timmar i veckan').fill('20');
  await form.getByLabel('Ersättning', { exact: true }).selectOption({ label: 'Aktivitetsersättning' });
  await form.getByLabel('Aktivitetsersättning beviljad till').fill(daysAhead(365));
  state.today = await form.getByLabel('Började i daglig verksamhet').inputValue();
  assert.match(state.today, /^\d{4}-\d{2}-\d{2}$/, 'the start date is today by default');
  await form.getByLabel('Ja, samtycke i dag').check();
  await page.getByRole('button', { name: 'Skriv in deltagaren' }).click();
  await page.waitForURL(/\/personal\/deltagare\/\d+$/);
  state.record = page.url();
  assert.equal(await notice(page), 'Deltagaren är inskriven. Du är kontaktperson.');
  assert.equal((await page.locator('h1').innerText()).trim(), 'Elin Ek');
  const main = await page.locator('main').innerText();
  assert.match(main, /020314-XXXX/, 'the personnummer masked');
  assert.ok(!main.includes(number.slice(7)), 'the last four digits are not shown');
  await shot(page, 'in-service-record-1280');

  // On the start page, in the staff member's list.
  await page.goto(`${env.base}/personal`);
  assert.match(await page.locator('main').innerText(), /Elin/);
});

test('the staff member writes a plan and books a meeting', async () => {
  const { page } = state.staff;
  await page.goto(`${state.record}/plan`);
  await page.getByLabel('Mål', { exact: true }).fill(PLAN_GOAL);
  await page.getByLabel('Varför det här målet').fill('Elin vill jobba med kunder.');
  await page.getByLabel('Gäller från').fill(state.today);
  await page.getByLabel('Dagar i veckan').fill('3');
  await page.getByLabel('Timmar i veckan').fill('15');
  await page.getByLabel('Aktiviteter').fill('Praktik i butik');
  await page.getByLabel('Nästa uppföljning, datum (valfritt)').fill(daysAhead(60));
  await page.getByLabel('Nästa uppföljning, vad').fill('Hur praktiken går');
  await page.getByRole('button', { name: 'Spara ny version' }).click();
  await page.waitForURL(`${state.record}/plan`);
  assert.match(await notice(page), /sparad som version/);

  await page.goto(`${state.record}/moten`);
  const book = page.locator('form', { has: page.getByRole('button', { name: 'Boka mötet' }) });
  await book.getByLabel('Mötestyp').selectOption('follow_up');
  await book.getByLabel('Rubrik').fill(MEETING_TITLE);
  await book.getByLabel('Datum', { exact: true }).fill(daysAhead(40));
  await book.getByLabel('Start', { exact: true }).fill('10:00');
  await book.getByLabel('Slut', { exact: true }).fill('11:00');
  await book.getByLabel('Plats', { exact: true }).fill('Kontoret på Storgatan');
  await book.locator('fieldset.choices input[type=checkbox]').first().check();
  await page.getByRole('button', { name: 'Boka mötet' }).click();
  await page.waitForURL(`${state.record}/moten`);
  assert.match(await notice(page), /Mötet är bokat/);
});

test('the staff member links a god man with an account and a consent to see the meetings', async () => {
  const { page } = state.staff;
  await page.goto(`${state.record}/kontakter`);
  const add = page.locator('form', { has: page.getByRole('button', { name: 'Lägg till', exact: true }) });
  await add.getByLabel('Namn', { exact: true }).fill(GOD_MAN.name);
  await add.getByLabel('Relation eller roll').selectOption({ label: 'God man' });
  await add.getByLabel('Uppdrag (god man eller förvaltare)').fill('Bevaka rätt');
  await add.getByLabel('E-post (valfritt)').fill(GOD_MAN.email);
  await add.getByLabel('Ge ett konto').selectOption({ label: 'Ja' });
  await add.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await page.waitForURL(`${state.record}/kontakter`);
  assert.equal(await notice(page), 'Personen är tillagd.');
  const row = page.getByRole('row', { name: new RegExp(GOD_MAN.name) });
  const rowText = await row.innerText();
  assert.match(rowText, /God man \(Bevaka rätt\)/);
  assert.match(rowText, /Har konto/);
  // The staff member is the contact person since the intake.
  assert.match(await page.getByRole('region', { name: 'Kontaktpersoner', exact: true }).innerText(), new RegExp(STAFF.name));

  await page.getByRole('link', { name: 'Samtycken', exact: true }).click();
  await page.waitForURL(`${state.record}/samtycken`);
  // The intake's oral consent for DV to contact FK is on record.
  assert.match(await page.locator('main').innerText(), /DV får kontakta Försäkringskassan/);
  await page.getByLabel('Samtycket gäller').selectOption('share_with_relative');
  const to = page.getByLabel('Till anhörig eller god man');
  const godMan = (await to.locator('option').allInnerTexts()).find((t) => t.includes(GOD_MAN.name));
  assert.ok(godMan, 'the god man is offered as the one who may see');
  await to.selectOption({ label: godMan });
  const sections = page.getByRole('group', { name: 'Vad den anhöriga får se' });
  await sections.getByLabel('Möten', { exact: true }).check();
  await page.getByLabel('Hur samtycket gavs').selectOption('written');
  await page.getByRole('button', { name: 'Spara samtycket' }).click();
  await page.waitForURL(`${state.record}/samtycken`);
  assert.equal(await notice(page), 'Samtycket är sparat.');
  const consent = page.getByRole('row', { name: new RegExp(GOD_MAN.name) });
  const consentText = await consent.innerText();
  assert.match(consentText, /Möten/);
  assert.doesNotMatch(consentText, /Planen/);
});

test('the staff member makes a sign-in code for the participant and one for the god man', async () => {
  const { page } = state.staff;
  await page.getByRole('link', { name: 'Inloggning', exact: true }).click();
  await page.waitForURL(`${state.record}/kod`);
  await page.getByRole('button', { name: 'Skapa en ny kod' }).click();
  await page.waitForURL(`${state.record}/kod`);
  assert.equal((await page.locator('.code-card h2').innerText()).trim(), 'Kod för Elin Ek');
  state.participantCode = (await page.locator('.code').innerText()).trim();
  assert.match(state.participantCode, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  await page.getByRole('button', { name: `Skapa kod för ${GOD_MAN.name} (god man)` }).click();
  await page.waitForURL(`${state.record}/kod`);
  assert.equal((await page.locator('.code-card h2').innerText()).trim(), `Kod för ${GOD_MAN.name}`);
  state.godManCode = (await page.locator('.code').innerText()).trim();
  assert.match(state.godManCode, /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  assert.notEqual(state.godManCode, state.participantCode);
});

// --- The participant and the god man -----------------------------------------------

test('the participant signs in with the code and saves the sign-in on the phone', async () => {
  const context = await newContext(360);
  const page = await context.newPage();
  const phone = await virtualAuthenticator(context, page);
  await signInWithCode(page, state.participantCode);
  assert.match((await page.locator('h1').innerText()).trim(), /Elin/);
  assert.ok(await page.getByRole('navigation', { name: 'Meny' }).getByRole('link', { name: 'Min plan' }).isVisible());

  await page.getByRole('heading', { name: 'Spara inloggningen i den här mobilen' }).waitFor({ timeout: 5000 });
  const save = page.getByRole('button', { name: 'Spara inloggningen' });
  await save.waitFor({ timeout: 5000 });
  await shot(page, 'in-service-participant-offer-360');
  const answers = [];
  page.on('response', (r) => { if (r.url().includes('/api/passkey')) answers.push(`${r.url().split('/api/')[1]} ${r.status()}`); });
  await save.click();
  try {
    await page.getByText('Inloggningen är sparad i mobilen.').waitFor({ timeout: 10000 });
  } catch {
    await shot(page, 'in-service-participant-save-failed-360');
    assert.fail(`no "Inloggningen är sparad i mobilen." on ${page.url()}; the server answered: ${answers.join(', ')}; `
      + `the page says: ${(await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  assert.equal((await phone.credentials()).length, 1, 'one passkey on the phone');

  // Next time: no code, the phone's screen lock.
  await signOut(page);
  const withPhone = page.getByRole('button', { name: 'Logga in med mobilen' });
  await withPhone.waitFor({ timeout: 5000 });
  await withPhone.click();
  await page.waitForURL(`${env.base}/`, { timeout: 10000 });
  assert.match((await page.locator('h1').innerText()).trim(), /Elin/);

  // Staff see the phone among the participant's saved sign-ins.
  const staff = state.staff.page;
  await staff.goto(`${state.record}/kod`);
  assert.equal(await staff.locator('ul.devices li').count(), 1, 'one saved sign-in on the record');
  await context.close();
});

test('the god man signs in with the code and sees the meetings, not the plan', async () => {
  const context = await newContext(360);
  const page = await context.newPage();
  await signInWithCode(page, state.godManCode);
  const menu = page.getByRole('navigation', { name: 'Meny' });
  const links = (await menu.getByRole('link').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(links, ['Start', 'Mina möten', 'Påminnelser'],
    'the menu has only the start page and the meetings (and reminders of them)');

  await menu.getByRole('link', { name: 'Mina möten' }).click();
  await page.waitForURL(`${env.base}/moten`);
  assert.match(await page.locator('main').innerText(), /Möten som kommer\s+\S+ \d+ \w+ klockan 10\s+Möte om hur det går/,
    'the booked meeting in the list');
  await shot(page, 'in-service-god-man-meetings-360');
  await page.getByRole('link', { name: 'Se mötet' }).first().click();
  await page.waitForURL(/\/moten\/\d+$/);
  const meeting = await page.locator('main').innerText();
  assert.match(meeting, new RegExp(MEETING_TITLE), 'the title staff gave the meeting');
  assert.match(meeting, /Kontoret på Storgatan/);

  await page.goto(`${env.base}/min-plan`);
  const main = await page.locator('main').innerText();
  assert.match(main, /Det här visas inte för dig/);
  assert.doesNotMatch(main, new RegExp(PLAN_GOAL), 'the plan is not shown');
  await context.close();
});

// --- The administrator again: the app's next code, and no participant data -------------

test('the administrator signs in again with a code from the app', async () => {
  const { page, secret } = state.admin;
  await signOut(page);
  await signInWithPassword(page, ADMIN);
  await page.waitForURL(`${env.base}/logga-in/personal/kod`);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Bekräfta att det är du');
  // Each time step is accepted once: wait for the app's next code if the clock has not moved on.
  while (timeStep() <= state.admin.usedStep) await new Promise((r) => setTimeout(r, 1000));
  await page.getByLabel('Kod från appen').fill(totp(secret));
  await page.getByRole('button', { name: 'Logga in', exact: true }).first().click();
  await page.waitForURL(`${env.base}/admin`);
  assert.equal((await page.locator('h1').innerText()).trim(), 'Enheter och konton');
});

test('the administrator, outside the units, sees nothing of the participant', async () => {
  const { page } = state.admin;
  await page.goto(`${env.base}/personal`);
  await page.waitForURL(`${env.base}/admin`);
  for (const part of ['', '/plan', '/kontakter']) {
    await page.goto(`${state.record}${part}`);
    const main = await page.locator('main').innerText();
    assert.match(main, /Det här visas inte för dig/, `${part || 'overview'}: refused`);
    assert.doesNotMatch(main, /Elin|020314|Göran/, `${part || 'overview'}: no name, number or relative`);
  }
  // The unit list counts the participant without naming anyone.
  await page.goto(`${env.base}/admin`);
  const row = await page.getByRole('region', { name: 'Enheter', exact: true })
    .getByRole('row', { name: new RegExp(UNITS[0]) }).innerText();
  assert.match(row, /Öppen\s+1\s+1/, 'one staff member and one participant in the first unit');
});

test('the admin pages, the invitation, the factor registration and the intake pass axe-core and fit 320 px', () => {
  for (const page of ['factor registration (/logga-in/personal/ny-faktor)', 'admin home, empty (/admin)',
    'one unit (/admin/enheter/:id)', 'admin home with units (/admin)', 'invite (/admin/bjud-in)',
    'staff account with the new link (/admin/personal/:id)', 'invitation (/inbjudan)', 'intake (/personal/ny-deltagare)']) {
    assert.ok(found[page], `${page} was checked`);
  }
  assertChecked();
});
