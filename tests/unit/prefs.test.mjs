// Unit tests (node's test runner, no browser) for www/prefs.js: the reader's
// two preferences, read from a storage that may hold anything or refuse.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SPEEDS, preferences } from '../../www/prefs.js';

/** A storage like localStorage, backed by a Map. */
function storage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => map.set(key, String(value)) };
}

test('the speed: the one asked for if it is offered, else the one remembered, else 1×', () => {
  assert.deepEqual(SPEEDS, ['0.25', '0.5', '1', '2', '4']);
  const prefs = preferences(storage({ 'session-playground.speed': '2' }));
  assert.equal(prefs.speed(), '2', 'remembered');
  assert.equal(prefs.speed('0.5'), '0.5', 'asked for (an attribute, an option)');
  assert.equal(prefs.speed(4), '4', 'a number as well as its text');
  assert.equal(prefs.speed('3'), '1', 'not one of the speeds: normal speed, not the remembered one');
  assert.equal(preferences(storage({ 'session-playground.speed': 'fast' })).speed(), '1', 'a stored value the page does not know');
  assert.equal(preferences(storage()).speed(), '1');
});

test('the inspector shows raw messages unless plain English was chosen; choices are remembered under the page’s prefix', () => {
  const store = storage();
  const prefs = preferences(store);
  assert.equal(prefs.inspect(), 'raw');
  prefs.rememberInspect('plain');
  prefs.rememberSpeed(0.25);
  assert.deepEqual(Object.fromEntries(store.map), { 'session-playground.inspect': 'plain', 'session-playground.speed': '0.25' });
  assert.equal(prefs.inspect(), 'plain');
  assert.equal(prefs.speed(), '0.25');
  assert.equal(preferences(storage({ 'session-playground.inspect': '<b>' })).inspect(), 'raw');
});

test('storage that refuses, or is missing, remembers nothing and breaks nothing', () => {
  const refusing = { getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceededError'); } };
  for (const store of [refusing, null]) {
    const prefs = preferences(store);
    assert.equal(prefs.speed(), '1');
    assert.equal(prefs.inspect(), 'raw');
    assert.doesNotThrow(() => prefs.rememberSpeed(2));
    assert.doesNotThrow(() => prefs.rememberInspect('plain'));
  }
});
