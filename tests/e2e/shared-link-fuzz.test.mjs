// The page's decoder of shared links (#play=…, www/share.js), fuzzed in
// node: random fragments, random base64url, real links with random parts
// replaced, and links cut short. readShared never throws; it returns no
// link, a link whose shape is what the player replays, or a "damaged"
// message; and a well-formed log survives the round trip. The core's part
// of the link (settings, IDs, actions) is fuzzed by tests/fuzz.rs. Seeded,
// so a failure repeats; bounded to about two seconds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeLog, readShared } from '../../www/share.js';

/** A small seeded generator (xorshift32), so every run tries the same inputs. */
function generator(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STRANGE = ['', ' ', '=', '==', '%', '%zz', '%00', '+', '&', '#', '\u0000', '\r\n', '\u{1b}[2J', '\u{feff}', '\ud800', '😀', 'play=', '&play=x'];

function randomValue(rng, depth = 0) {
  switch (rng.int(depth > 2 ? 7 : 9)) {
    case 0: return null;
    case 1: return rng.next() < 0.5;
    case 2: return rng.pick([0, -1, 1.5, 100_000, 100_001, 2 ** 53, -(2 ** 31), NaN, 1e308]);
    case 3: return rng.pick(STRANGE);
    case 4: return rng.pick(['laptop', 'phone', 'mallory', 'revocation', 'generic', 'visit', '/profile']);
    case 5: return undefined;
    case 6: return 'x'.repeat(rng.int(50));
    case 7: return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(['label', 'action', 'v', 'ids', 'settings', 'tour', 'x', '__proto__', 'constructor']), randomValue(rng, depth + 1)]));
  }
}

/** A log as the Share button writes it. */
function validLog(rng) {
  const tour = rng.next() < 0.4 ? rng.pick(['revocation', 'coat-check']) : null;
  return {
    settings: tour === null ? { preset: rng.pick(['generic', 'django']), seed: rng.int(10) } : null,
    tour,
    ran: rng.int(5),
    actions: Array.from({ length: rng.int(4) }, () => ({ label: 'Alice\u2019s laptop: visit /profile', action: { action: 'visit', browser: 'laptop', path: '/profile' } })),
    ids: Array.from({ length: rng.int(3) }, () => Array.from({ length: 22 }, () => rng.pick([...B64URL])).join('')),
    pos: rng.int(20),
    shown: rng.pick(['laptop', 'phone', 'mallory']),
  };
}

const toBase64Url = (text) => Buffer.from(text, 'utf8').toString('base64url');

/** One fragment to try. */
function fragment(rng) {
  switch (rng.int(6)) {
    case 0: // Random characters after #play=.
      return `#play=${Array.from({ length: rng.int(80) }, () => (rng.next() < 0.9 ? rng.pick([...B64URL]) : rng.pick(STRANGE))).join('')}`;
    case 1: // Random bytes, encoded properly.
      return `#play=${Buffer.from(Array.from({ length: rng.int(120) }, () => rng.int(256))).toString('base64url')}`;
    case 2: { // A real link with one field replaced by anything.
      const log = { v: 1, ...validLog(rng) };
      log[rng.pick(['v', 'settings', 'tour', 'ran', 'actions', 'ids', 'pos', 'shown'])] = randomValue(rng);
      return `#play=${toBase64Url(JSON.stringify(log) ?? 'null')}`;
    }
    case 3: { // A real link with one action replaced.
      const log = { v: 1, ...validLog(rng) };
      log.actions = [...log.actions, randomValue(rng)];
      return `#play=${toBase64Url(JSON.stringify(log))}`;
    }
    case 4: { // A real link cut short.
      const link = encodeLog(validLog(rng));
      return link.slice(0, rng.int(link.length + 1));
    }
    default: // Any JSON at all.
      return `${rng.pick(['#play=', '#x=1&play=', '#play=', '#'])}${toBase64Url(JSON.stringify(randomValue(rng)) ?? '')}${rng.pick(['', '&play=AAAA', '&x'])}`;
  }
}

/** What the player relies on in a log readShared returns. */
function assertReplayable(log, hash) {
  const where = `for ${JSON.stringify(hash)}`;
  assert.ok(Array.isArray(log.actions), `actions ${where}`);
  for (const a of log.actions) {
    assert.equal(typeof a.label, 'string', `label ${where}`);
    assert.ok(a.action !== null && typeof a.action === 'object', `action ${where}`);
  }
  assert.ok(log.tour === null || typeof log.tour === 'string', `tour ${where}`);
  for (const n of [log.ran, log.pos]) assert.ok(Number.isInteger(n) && n >= 0 && n <= 100_000, `step numbers ${where}`);
  assert.equal(typeof log.shown, 'string', `shown ${where}`);
  assert.ok(log.ids === undefined || (Array.isArray(log.ids) && log.ids.every((id) => typeof id === 'string')), `ids ${where}`);
  if (log.tour === null) assert.ok(log.settings !== null && typeof log.settings === 'object', `settings ${where}`);
}

test('any fragment is no link, a replayable log, or a clear "damaged" message, never an exception', () => {
  const rng = generator(20261201);
  const counts = { none: 0, log: 0, error: 0 };
  const deadline = Date.now() + 2000;
  let tried = 0;
  for (; tried < 20_000 && Date.now() < deadline; tried++) {
    const hash = fragment(rng);
    let result;
    assert.doesNotThrow(() => {
      result = readShared(hash);
    }, `readShared threw for ${JSON.stringify(hash)}`);
    const keys = Object.keys(result);
    assert.ok(keys.length <= 1, `one answer for ${JSON.stringify(hash)}: ${keys}`);
    if (result.error !== undefined) {
      counts.error++;
      assert.match(result.error, /^The shared link is damaged \(.+\), so the playground starts fresh instead\.$/);
    } else if (result.log !== undefined) {
      counts.log++;
      assertReplayable(result.log, hash);
    } else {
      counts.none++;
    }
  }
  assert.ok(tried >= 1000, `only ${tried} fragments in the time`);
  // Every kind of answer came up: the generator reaches all three.
  assert.ok(counts.none > 0 && counts.log > 0 && counts.error > 0, JSON.stringify(counts));
});

test('a log the Share button writes reads back the same', () => {
  const rng = generator(7);
  for (let i = 0; i < 500; i++) {
    const log = validLog(rng);
    assert.deepEqual(readShared(encodeLog(log)), { log: { v: 1, ...log } });
  }
});
