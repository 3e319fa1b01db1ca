// Unit tests (node's test runner, no browser) for www/controls.js: which
// stepping command a key press asks for, and when a key is left alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyCommand } from '../../www/controls.js';

/** A key press on an element of `tag` (and input `type`), with modifiers if given. */
const press = (key, tag = 'DIV', extra = {}) => ({ key, target: { tagName: tag, type: extra.type, isContentEditable: false, inside: extra.inside ?? true }, ctrlKey: false, metaKey: false, altKey: false, ...extra.modifiers });
const scope = { contains: (target) => target.inside };

test('the arrows step, Home and End jump, Space plays', () => {
  assert.deepEqual(['ArrowRight', 'ArrowLeft', 'Home', 'End', ' '].map((key) => keyCommand(press(key), scope)), ['next', 'back', 'first', 'last', 'play']);
  assert.equal(keyCommand(press('x'), scope), null);
  assert.equal(keyCommand(press('ArrowRight'), null), 'next', 'no scope: the whole page is the playground');
});

test('keys are left alone while typing, with a modifier, and where Space activates a control', () => {
  assert.equal(keyCommand(press('ArrowLeft', 'INPUT', { type: 'text' }), scope), null, 'moving the caret');
  assert.equal(keyCommand(press('ArrowLeft', 'TEXTAREA'), scope), null);
  assert.equal(keyCommand(press('ArrowDown', 'SELECT'), scope), null);
  assert.equal(keyCommand(press('ArrowRight', 'INPUT', { type: 'checkbox' }), scope), 'next', 'a checkbox takes no arrows');
  assert.equal(keyCommand(press(' ', 'BUTTON'), scope), null, 'Space presses the button');
  assert.equal(keyCommand(press(' ', 'SUMMARY'), scope), null, 'Space opens the drawer');
  assert.equal(keyCommand(press('ArrowRight', 'DIV', { modifiers: { altKey: true } }), scope), null, 'Alt+→ is the browser’s');
  assert.equal(keyCommand(press('ArrowRight', 'DIV', { modifiers: { ctrlKey: true } }), scope), null);
});

test('outside the playground on a long page, Space, Home and End scroll it; the arrows still step', () => {
  for (const key of [' ', 'Home', 'End']) assert.equal(keyCommand(press(key, 'DIV', { inside: false }), scope), null, key);
  assert.equal(keyCommand(press('ArrowRight', 'DIV', { inside: false }), scope), 'next');
});
