// Unit tests (node's test runner, no browser, no wasm) for www/replay.js: a
// shared link's actions replayed in chunks by a fake engine, with a fake
// clock, so the chunk sizes and the pauses are exact.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../www/timeline.js';
import { REPLAY_CHUNK_MS, replayInChunks } from '../../www/replay.js';

/**
 * A fake engine: every action is two moments of one step each, and takes
 * `msPerAction` of the fake clock; the action labelled `failAt` fails.
 */
function setup({ actions, msPerAction = 0, failAt = null }) {
  let clock = 0;
  let steps = 0;
  const chunks = [];
  const engine = {
    get stepCount() {
      return steps;
    },
    replayActions(list) {
      chunks.push(list.length);
      const moments = [];
      for (const [i, action] of list.entries()) {
        if (action.n === failAt) return { moments, failed: { index: i, message: 'no such browser' } };
        clock += msPerAction;
        steps += 2;
        moments.push([1, 1]);
      }
      return { moments, failed: null };
    },
  };
  const pauses = [];
  const items = Array.from({ length: actions }, (_, i) => ({ label: `action ${i + 1}`, action: { n: i + 1 } }));
  const args = { engine, timeline: new Timeline(() => ({})), log: [], actions: items, now: () => clock, pause: async (done, total) => pauses.push([done, total]) };
  return { args, chunks, pauses };
}

test('every action joins the timeline and the log, in order, a chunk at a time', async () => {
  const { args, chunks, pauses } = setup({ actions: 100 });
  assert.equal(await replayInChunks(args), null);
  assert.equal(args.timeline.length, 200, 'two moments an action');
  assert.equal(args.log.length, 100);
  assert.deepEqual(args.log[99], { label: 'action 100', action: { n: 100 } });
  assert.deepEqual([args.timeline.at(199).label, args.timeline.at(199).action, args.timeline.at(199).at], ['action 100', 100, 199]);
  assert.deepEqual(chunks, [64, 36], 'instant actions: the first chunk, then the rest');
  assert.deepEqual(pauses, [], 'quick enough not to pause');
});

test('a long replay pauses for the page between chunks once it has taken its time budget, and sizes chunks to it', async () => {
  // 1 ms an action: 64 take 64 ms, so the next chunk is 40; each pause says how far it has got.
  const { args, chunks, pauses } = setup({ actions: 200, msPerAction: 1 });
  assert.equal(await replayInChunks(args), null);
  assert.equal(REPLAY_CHUNK_MS, 40);
  assert.deepEqual(chunks, [64, 40, 40, 40, 16]);
  assert.deepEqual(pauses, [[64, 200], [104, 200], [144, 200], [184, 200]]);
});

test('an action that fails stops the replay before it; the ones before it are kept', async () => {
  const { args } = setup({ actions: 10, failAt: 7 });
  assert.deepEqual(await replayInChunks(args), { done: 6, label: 'action 7', message: 'no such browser' });
  assert.equal(args.log.length, 6);
  assert.equal(args.timeline.length, 12);
});
