// Unit tests (node's test runner, no browser, no wasm) for www/timeline.js:
// the page's moments, position and step cache, fed by a fake core whose
// steps are plain objects, as stepAt returns them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEPS_KEPT, Timeline, fold, momentSizes, nextChunk } from '../../www/timeline.js';

/** A step as the core gives it: its kind, who acts, whether it starts a moment. */
const step = (type, actor, startsMoment, extra = {}) => ({ kind: { type }, actor, startsMoment, narration: `${type}.`, browser: null, message: null, storeOp: null, state: { n: type }, ...extra });

/** A login's trace: request (built, sent) | server work (password, insert, response built) | response (sent, received). */
const LOGIN = [
  step('requestBuilt', 'browser', true, { browser: 'laptop', kind: { type: 'requestBuilt', cookieDecisions: [] } }),
  step('requestSent', 'network', false),
  step('passwordChecked', 'server', true),
  step('storeOperation', 'store', false, { storeOp: { kind: 'insert', id: 'A' } }),
  step('responseBuilt', 'server', false, { message: { startLine: 'HTTP/1.1 303 See Other' } }),
  step('responseSent', 'network', true),
  step('responseReceived', 'browser', false, { kind: { type: 'responseReceived', jarChanges: [{ name: 'sid' }] } }),
];

/** A fake core: a list of steps, and a count of how often each was asked for. */
function core(steps) {
  const asked = new Map();
  return {
    asked,
    stepAt(at) {
      asked.set(at, (asked.get(at) ?? 0) + 1);
      if (!(at in steps)) throw new Error(`stepAt(${at}): no such step`);
      return steps[at];
    },
  };
}

test("a trace splits into moments where the core marks startsMoment, and only there", () => {
  assert.deepEqual(momentSizes(LOGIN), [2, 3, 2]);
  // The first step always opens one; the page adds no rule of its own.
  assert.deepEqual(momentSizes([step('adminAction', 'server', false), step('storeOperation', 'store', false)]), [2]);
  assert.deepEqual(momentSizes([]), []);
});

test("a moment folds into one step to draw: the last state, every narration, its store operation and the ticket held", () => {
  const serverWork = fold([step('cookieRead', 'server', true, { kind: { type: 'cookieRead', id: 'A' } }), step('storeOperation', 'store', false, { storeOp: { kind: 'lookup', id: 'A' } }), step('responseBuilt', 'server', false)]);
  assert.equal(serverWork.kind.type, 'responseBuilt');
  assert.equal(serverWork.narration, 'cookieRead. storeOperation. responseBuilt.');
  assert.deepEqual(serverWork.actors, ['server', 'store']);
  assert.equal(serverWork.storeOp.kind, 'lookup');
  assert.equal(serverWork.heldId, 'A', 'the server holds the ticket it read while it works');
  assert.deepEqual(serverWork.state, { n: 'responseBuilt' });
  const response = fold(LOGIN.slice(5));
  assert.equal(response.heldId, null, 'once the response leaves, nothing is held');
  assert.deepEqual(response.jarChanges, [{ name: 'sid' }]);
  assert.equal(response.actor, 'browser', 'the network is named only when it is all there is');
});

test('an action joins as its moments; each knows its steps, its last step in the trace and whether it ends the action', () => {
  const fake = core(LOGIN);
  const timeline = new Timeline(fake.stepAt);
  assert.equal(timeline.length, 0);
  assert.equal(timeline.current, undefined);
  const first = timeline.appendTrace(LOGIN, LOGIN.length, 'log in', null, 1);
  assert.equal(first, 0);
  assert.equal(timeline.length, 3);
  const moments = [0, 1, 2].map((i) => timeline.at(i));
  assert.deepEqual(moments.map((m) => [m.at, m.size, m.to, m.last]), [[0, 2, 1], [2, 3, 4], [5, 2, 6]].map(([at, size, to], i) => [at, size, to, i === 2]));
  assert.deepEqual(moments.map((m) => [m.label, m.action]), [['log in', 1], ['log in', 1], ['log in', 1]]);
  // The trace just run is kept: reading its moments asks the core for nothing.
  assert.equal(moments[1].step.storeOp.id, 'A');
  assert.equal(fake.asked.size, 0);
  assert.equal(timeline.at(3), undefined);
  assert.equal(timeline.at(-1), undefined);
  assert.equal(timeline.at(1.5), undefined);
});

test('the position stays within the timeline', () => {
  const timeline = new Timeline(core(LOGIN).stepAt);
  assert.equal(timeline.moveTo(2), undefined, 'nothing to move to');
  assert.equal(timeline.pos, -1);
  timeline.appendTrace(LOGIN, LOGIN.length, 'log in');
  assert.equal(timeline.moveTo(99).index, 2);
  assert.equal(timeline.atEnd, true);
  assert.equal(timeline.moveTo(-5).index, 0);
  assert.equal(timeline.atEnd, false);
  timeline.clear();
  assert.deepEqual([timeline.length, timeline.pos], [0, -1]);
});

test("a replay's actions join in bulk from the sizes the core returns; their steps are fetched only when read, and a few kept", () => {
  // A link of 1,000 logins: 7 steps each, in moments of 2, 3 and 2.
  const actions = 1_000;
  const steps = Array.from({ length: actions }, () => LOGIN).flat();
  const fake = core(steps);
  const timeline = new Timeline(fake.stepAt);
  const items = Array.from({ length: actions }, (_, i) => ({ label: `login ${i + 1}` }));
  const end = timeline.appendReplayed(0, Array.from({ length: actions }, () => [2, 3, 2]), items, 1);
  assert.equal(end, 7 * actions, 'the next step after the replay');
  assert.equal(timeline.length, 3 * actions);
  assert.equal(fake.asked.size, 0, 'nothing fetched while replaying');
  const last = timeline.moveTo(timeline.length - 1);
  assert.deepEqual([last.at, last.size, last.to, last.label, last.action, last.last], [7 * actions - 2, 2, 6, 'login 1000', 1000, true]);
  assert.equal(last.step.kind.type, 'responseReceived');
  assert.deepEqual([...fake.asked.keys()], [6998, 6999]);
  // Reading it again costs nothing; walking far away and back asks again once the cache has moved on.
  last.step;
  timeline.at(timeline.length - 1).steps;
  assert.equal(fake.asked.get(6999), 1);
  for (let i = 0; i < STEPS_KEPT; i++) timeline.at(i).steps;
  timeline.at(timeline.length - 1).steps;
  assert.equal(fake.asked.get(6999), 2, `at most ${STEPS_KEPT} steps are kept`);
});

test("tour steps: the answers are read once per tour step, and goTo finds a tour step's first moment", () => {
  const timeline = new Timeline(core(LOGIN).stepAt);
  const asked = { index: 0, choices: [{ label: 'yes' }, { label: 'no' }], guess: 1, correctChoice: 0 };
  const plain = { index: 1, choices: [] };
  timeline.appendTrace(LOGIN, LOGIN.length, 'log in', asked);
  timeline.append(LOGIN.length, [1], 'revoke', plain);
  assert.deepEqual(timeline.tourSteps(), [asked, plain]);
  assert.equal(timeline.firstMomentOfTourStep(0), 0);
  assert.equal(timeline.firstMomentOfTourStep(1), 3);
  assert.equal(timeline.firstMomentOfTourStep(2), -1);
  assert.equal(timeline.at(3).to, 0, "a one-step action's moment ends at its first step");
});

test("a long replay's chunks aim at the time budget: at most doubling, between 16 and 4,096 actions", () => {
  assert.equal(nextChunk(64, 10, 40), 128, 'fast: doubles, no more');
  assert.equal(nextChunk(64, 40, 40), 64, 'on budget: the same');
  assert.equal(nextChunk(64, 80, 40), 32, 'slow: halves');
  assert.equal(nextChunk(64, 10_000, 40), 16, 'never below 16');
  assert.equal(nextChunk(4_096, 1, 40), 4_096, 'never above 4,096');
  assert.equal(nextChunk(64, 0, 40), 128, 'a chunk too quick to time counts as 1 ms');
});
