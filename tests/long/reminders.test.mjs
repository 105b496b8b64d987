// Reminders from several instances, and after `kill -9` (issue 14). Two
// instances of the real binary share one PostgreSQL database and its outbox;
// an SMS gateway started here counts every request by its idempotency key.
// First 1 000 due reminders: each is sent exactly once, by one instance or
// the other. Then 1 000 more, and one instance is killed without warning in
// the middle of its batch and started again: none is lost, and a message
// sent again (it was on its way when the process died) carries the same key,
// so the gateway can tell it is the same message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { database, serve } from './support.mjs';

/** The SMS gateway: form POSTs with basic auth, answered after `delayMs`. */
async function smsGateway(delayMs) {
  const keys = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const form = new URLSearchParams(body);
      keys.push({ key: request.headers['idempotency-key'], to: form.get('to'), message: form.get('message') });
      setTimeout(() => { response.writeHead(200); response.end('{}'); }, delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/sms`, keys, close: () => server.close() };
}

/** Waits until `check()` is true, for at most `seconds`. */
async function until(check, seconds, what) {
  for (let i = 0; i < seconds * 10; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

const counts = (keys) => keys.reduce((m, { key }) => m.set(key, (m.get(key) ?? 0) + 1), new Map());

test('two instances send 1000 reminders exactly once; kill -9 loses none and resends with the same key', { timeout: 600_000 }, async () => {
  const gateway = await smsGateway(20);
  const db = database('postgres', 'reminders');
  const env = {
    MINA_STEG_SMS_URL: gateway.url, MINA_STEG_SMS_USER: 'kommunen', MINA_STEG_SMS_PASSWORD: 'hemligt',
    MINA_STEG_REMINDER_POLL_SECONDS: '1', MINA_STEG_REMINDER_LEASE_SECONDS: '15',
  };
  try {
    let a = await serve(db, env);
    const b = await serve(db, env);
    const [account, participant] = db.query(
      "SELECT a.id, a.participant_id FROM accounts a JOIN participants p ON p.id = a.participant_id WHERE p.phone IS NOT NULL ORDER BY a.id LIMIT 1",
    ).split('|');
    // Messages due now: "Skicka en påminnelse nu", a thousand times.
    const due = (prefix) => db.query(
      `INSERT INTO reminders (idempotency_key, participant_id, meeting_id, account_id, channel, kind, due_at, status,
           attempts, next_attempt_at, created_at)
       SELECT '${prefix}-' || g, ${participant}, NULL, ${account}, 'sms', 'test', now(), 'pending', 0, now(), now()
       FROM generate_series(1, 1000) g`,
    );
    const sent = (prefix) => Number(db.query(`SELECT count(*) FROM reminders WHERE idempotency_key LIKE '${prefix}-%' AND status = 'sent'`));

    // 1. Two instances, 1 000 due: exactly once each.
    const started = Date.now();
    due('load');
    await until(() => sent('load') === 1000, 180, '1000 sent');
    const seconds = (Date.now() - started) / 1000;
    const once = counts(gateway.keys.filter(({ key }) => key.startsWith('load-')));
    assert.equal(once.size, 1000, 'every reminder reached the gateway');
    assert.deepEqual([...once.values()].filter((n) => n !== 1), [], 'none twice');
    const instances = Number(db.query("SELECT count(DISTINCT claimed_by) FROM reminders WHERE idempotency_key LIKE 'load-%'"));
    assert.equal(instances, 2, 'both instances sent some');
    console.log(`two instances: 1000 reminders sent exactly once in ${seconds.toFixed(1)} s`);

    // 2. Another 1 000; one instance dies mid-batch and comes back.
    due('kill');
    await until(() => gateway.keys.filter(({ key }) => key.startsWith('kill-')).length >= 300, 120, '300 on their way');
    const claimedAtKill = Number(db.query("SELECT count(*) FROM reminders WHERE idempotency_key LIKE 'kill-%' AND status = 'sending'"));
    await a.kill();
    a = await serve(db, env);
    await until(() => sent('kill') === 1000, 240, 'all 1000 sent after the kill');
    const afterKill = counts(gateway.keys.filter(({ key }) => key.startsWith('kill-')));
    const keysInDb = new Set(db.query("SELECT idempotency_key FROM reminders WHERE idempotency_key LIKE 'kill-%'").split('\n'));
    assert.equal(afterKill.size, 1000, 'none lost');
    assert.ok([...afterKill.keys()].every((key) => keysInDb.has(key)), 'every request carried a message\'s own key');
    const resent = [...afterKill.values()].filter((n) => n > 1).length;
    assert.ok(resent <= claimedAtKill, `only messages claimed at the kill can go twice (${resent} of ${claimedAtKill})`);
    assert.equal(db.query("SELECT count(*) FROM reminders WHERE status <> 'sent'"), '0');
    console.log(`kill -9: ${claimedAtKill} claimed at the kill, ${resent} sent again with the same key, none lost`);
    await a.kill();
    await b.kill();
  } finally {
    gateway.close();
    db.drop();
  }
});
