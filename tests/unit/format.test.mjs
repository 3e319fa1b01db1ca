// Unit tests (node's test runner, no browser) for www/format.js: the page's
// one way of writing counts and durations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, duration, ordinal, plural } from '../../www/format.js';

test('counts have thousands separators, as toLocaleString("en") writes them', () => {
  for (const n of [0, 7, 999, 1_000, 4_981, 12_345, 1_000_000, 123_456_789, 3.5, 1234.25]) {
    assert.equal(count(n), n.toLocaleString('en', { maximumFractionDigits: 20 }), String(n));
  }
});

test('durations read in the unit that fits, as the scale lab has always written them', () => {
  assert.equal(duration(800), '800 ns');
  assert.equal(duration(1_000), '1 µs');
  assert.equal(duration(200_000), '200 µs');
  assert.equal(duration(414_200), '414.2 µs');
  assert.equal(duration(1_200), '1.2 µs');
  assert.equal(duration(2_000_000), '2 ms');
  assert.equal(duration(2_200_000), '2.2 ms');
  assert.equal(duration(2_345_678), '2.35 ms');
  // The unreachable store's timeout: one second, in the stepper's cost model and in the scale lab alike.
  assert.equal(duration(1_000_000_000), '1 s');
  assert.equal(duration(1_234_000_000_000), '1,234 s');
});

test('plurals and ordinals', () => {
  assert.equal(plural(1, 'coat'), '1 coat');
  assert.equal(plural(4_981, 'coat'), '4,981 coats');
  assert.equal(plural(2, 'more coat', 'more coats'), '2 more coats');
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
});
