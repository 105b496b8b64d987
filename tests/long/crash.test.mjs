// `kill -9` of the server in the middle of a write load, then a restart, on
// both databases: three times in `make test`, MINA_STEG_KILLS times (20) in
// `make test-long`. Staff save plans and a participant
// answers meetings, from several connections at once; the process is killed
// without warning, again and again. After each restart: every save that was
// answered as saved is there, each meeting holds the last answer that was
// confirmed (or one sent after it that was still on its way), SQLite's
// integrity_check says ok, and `mina-steg audit verify` finds the hash chain
// whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { KEY_ENV, callServerFunction, demoSignIn } from '../browser/support.mjs';
import { binary, database, serve } from './support.mjs';

const KILLS = Number(process.env.MINA_STEG_KILLS ?? 3);
const WRITERS = 8;

function planForm(participant, goal) {
  return {
    participant_id: String(participant), goal, reason: 'Jag vill pröva på riktigt.', from: '2026-12-01',
    until: '2027-05-31', days_per_week: '4', hours_per_week: '20', activities: 'Arbetsträning i caféet',
    follow_up_on: '2027-02-15', follow_up_what: 'Vi ser över planen', other_notes: '',
  };
}

for (const backend of ['sqlite', 'postgres']) {
  test(`kill -9 during writes loses no confirmed write (${backend})`, { timeout: 600_000 }, async () => {
    const db = database(backend, 'crash');
    try {
      const confirmedPlans = [];
      // meeting id → { confirmed: the last answer confirmed, pending: answers sent after it }
      const answers = new Map();
      let server = await serve(db);
      for (let round = 0; round < KILLS; round++) {
        const { cookie: staff } = await demoSignIn(server.base, 'Staff');
        const { cookie: participant } = await demoSignIn(server.base, 'Participant');
        const caseload = await (await fetch(`${server.base}/personal`, { headers: { cookie: staff } })).text();
        const records = [...new Set([...caseload.matchAll(/href="\/personal\/deltagare\/(\d+)"/g)].map((m) => m[1]))];
        const start = await (await fetch(`${server.base}/moten`, { headers: { cookie: participant } })).text();
        const meetings = [...new Set([...start.matchAll(/href="\/moten\/(\d+)"/g)].map((m) => m[1]))];
        assert.ok(records.length > 0 && meetings.length > 0, 'the demo has records and meetings');

        let stop = false;
        const writer = async (w) => {
          for (let n = 0; !stop; n++) {
            try {
              if (w % 2 === 0) {
                const goal = `Krasch ${round}-${w}-${n}`;
                const r = await callServerFunction(server.base, 'save_plan', planForm(records[n % records.length], goal), staff);
                if (r.status === 200) confirmedPlans.push(goal);
              } else {
                // Each meeting is answered by one writer only, in order.
                if ((w >> 1) >= meetings.length) return;
                const meeting = meetings[w >> 1];
                const answer = n % 2 === 0 ? 'coming' : 'not_coming';
                const state = answers.get(meeting) ?? { confirmed: null, pending: [] };
                answers.set(meeting, state);
                state.pending.push(answer);
                const r = await callServerFunction(server.base, 'answer_meeting', { meeting_id: meeting, answer }, participant);
                if (r.status === 200) state.confirmed = answer, state.pending = [];
              }
            } catch {
              return; // the server is gone
            }
          }
        };
        const load = Promise.all([...Array(WRITERS).keys()].map(writer));
        await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1500));
        await server.kill();
        stop = true;
        await load;

        server = await serve(db);
        if (backend === 'sqlite') assert.equal(db.query('PRAGMA integrity_check'), 'ok');
        const stored = new Set(db.query("SELECT goal FROM joint_plans WHERE goal LIKE 'Krasch %'").split('\n'));
        const lost = confirmedPlans.filter((goal) => !stored.has(goal));
        assert.deepEqual(lost, [], 'every plan answered as saved is there');
        for (const [meeting, { confirmed, pending }] of answers) {
          if (confirmed === null) continue;
          const now = db.query(`SELECT participant_answer FROM meetings WHERE id = ${meeting}`);
          assert.ok([confirmed, ...pending].includes(now), `meeting ${meeting}: ${now}, confirmed ${confirmed}`);
        }
        const verify = spawnSync(binary, ['audit', 'verify'], {
          env: { ...process.env, ...KEY_ENV, DATABASE_URL: db.url }, encoding: 'utf8',
        });
        assert.equal(verify.status, 0, `audit verify after kill ${round + 1}:\n${verify.stdout}${verify.stderr}`);
        console.log(`${backend}: kill ${round + 1}: ${confirmedPlans.length} confirmed plans so far, all there; chain whole`);
      }
      await server.kill();
    } finally {
      db.drop();
    }
  });
}
