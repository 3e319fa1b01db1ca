// Unit tests (node's test runner, no browser) for www/announce.js: what the
// live region, the printed transcript and the host page's events say.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../www/timeline.js';
import { joinedAtEnd, refusedIdsMessage, spoken, stepEvent, transcript, whoActs } from '../../www/announce.js';

const STATE = { browsers: [{ key: 'laptop', label: "Alice's laptop" }, { key: 'mallory', label: "Mallory's laptop" }] };
const step = (actor, startsMoment, narration, extra = {}) => ({ kind: { type: 'x' }, actor, startsMoment, narration, browser: 'laptop', message: null, storeOp: null, state: STATE, ...extra });

test("who acts, named as a listener hears them; a browser by the snapshot's label", () => {
  assert.equal(whoActs({ step: { actors: ['browser', 'network'], browser: 'laptop', state: STATE } }), "Alice's laptop and the network");
  assert.equal(whoActs({ step: { actors: ['server', 'store', 'network'], state: STATE } }), 'The server, the session store and the network');
  assert.equal(whoActs({ step: { actor: 'browser', browser: 'mallory', state: STATE } }), "Mallory's laptop");
  assert.equal(whoActs({ step: { actor: 'balancer', state: STATE } }), 'The load balancer');
});

test('the announcement: where, who, what, then the tour card; each part a sentence', () => {
  const entry = { step: { actor: 'server', narration: 'The server finds the record.', state: STATE } };
  assert.equal(spoken(entry, 3, 9, ['Revoke', 'Does her ticket still work?']), 'Step 4 of 9, The server: The server finds the record. Revoke. Does her ticket still work?');
});

test('the printed transcript names each tour step where it begins; the step event carries the tour', () => {
  const trace = [step('browser', true, 'Alice logs in.'), step('server', true, 'The server files a record.')];
  const timeline = new Timeline(() => null);
  timeline.appendTrace(trace, 2, 'log in', { index: 0, title: 'Log in' });
  timeline.appendTrace([step('server', true, 'Revoked.')], 3, 'revoke', { index: 1, title: 'Revoke' });
  assert.deepEqual(transcript(timeline, 2), [
    { position: 1, who: "Alice's laptop", narration: 'Alice logs in.', tourStep: { number: 1, title: 'Log in' } },
    { position: 2, who: 'The server', narration: 'The server files a record.', tourStep: null },
    { position: 3, who: 'The server', narration: 'Revoked.', tourStep: { number: 2, title: 'Revoke' } },
  ]);
  assert.equal(transcript(timeline, 0).length, 1, 'only up to the step shown');
  const tour = { info: { title: 'Instant revocation', steps: [{}, {}, {}] } };
  assert.deepEqual(stepEvent(timeline.at(1), 1, 3, tour), { position: 2, total: 3, label: 'log in', actor: 'server', kind: 'x', steps: 1, narration: 'The server files a record.', scenario: { title: 'Instant revocation', step: 1, steps: 3 } });
  assert.equal(stepEvent(timeline.at(1), 1, 3, null).scenario, null);
});

test("a shared link's refused IDs are named, five at most, long ones cut", () => {
  const one = refusedIdsMessage([{ position: 2, id: 'abc', reason: 'it is not 22 characters' }]);
  assert.equal(one, "The shared link asked for a session ID the real CSPRNG could not have drawn, so a fresh one was drawn instead (what follows may differ from the link's run): the 2nd ID, “abc”: it is not 22 characters.");
  const many = refusedIdsMessage(Array.from({ length: 7 }, (_, i) => ({ position: i + 1, id: 'x'.repeat(50), reason: 'no' })));
  assert.match(many, /^The shared link asked for session IDs .* fresh ones were drawn/);
  assert.match(many, /the 1st ID, “x{40}…”: no/);
  assert.match(many, /the 5th ID.*; and 2 more\.$/);
  assert.doesNotMatch(many, /6th/);
  assert.match(joinedAtEnd('log out', 2, 5), /^“log out” ran after the timeline's last step, step 5, not after step 2/);
});
