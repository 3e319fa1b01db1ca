// Unit tests (node's test runner, no browser) for www/embedding.js: step
// numbers as authors pass them, the tour an author meant, and the reasons
// given when the engine cannot start.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, stepNumber, whyItCouldNotStart } from '../../www/embedding.js';

const TOURS = ['coat-check', 'revocation', 'idle-timeout', 'absolute-timeout', 'logout-done-right', 'logout-client-only', 'attack-csrf'];

test('a step number may come as a string of digits, as a data- attribute gives it', () => {
  assert.equal(stepNumber('2'), 2);
  assert.equal(stepNumber(' 12 '), 12);
  assert.equal(stepNumber(3), 3);
  // Anything else is passed on as it is, for the player to say what is wrong with it.
  assert.equal(stepNumber('2.5'), '2.5');
  assert.equal(stepNumber('two'), 'two');
  assert.ok(Number.isNaN(stepNumber(NaN)));
  assert.equal(stepNumber(null), null);
});

test('a mistyped tour name gets the tour it most likely meant', () => {
  assert.equal(closestName('revokation', TOURS), 'revocation');
  assert.equal(closestName('coatcheck', TOURS), 'coat-check');
  assert.equal(closestName('Revocation', TOURS), 'revocation');
  assert.equal(closestName('idle', TOURS), 'idle-timeout');
  assert.equal(closestName('csrf', TOURS), 'attack-csrf');
  assert.equal(closestName('quantum-tunnelling', TOURS), null);
  assert.equal(closestName('', TOURS), null);
});

test('an engine the CSP will not fetch names connect-src and the origin to add', async () => {
  const why = await whyItCouldNotStart(new TypeError('Failed to fetch'), 'https://cdn.example/p/www/pkg/e.wasm', [{ directive: 'connect-src', blocked: 'https://cdn.example/p/www/pkg/e.wasm' }]);
  assert.match(why, /connect-src/);
  assert.match(why, /Add https:\/\/cdn\.example to connect-src/);
});

test("an engine the CSP will not compile names 'wasm-unsafe-eval'", async () => {
  const error = new Error("WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source of script");
  const why = await whyItCouldNotStart(error, 'https://cdn.example/e.wasm', [{ directive: 'script-src', blocked: 'wasm-eval' }]);
  assert.match(why, /Add 'wasm-unsafe-eval' to script-src/);
});

test('an engine served with the wrong type says which type it needs', async () => {
  const why = await whyItCouldNotStart(new TypeError("WebAssembly: Incorrect response MIME type. Expected 'application/wasm'."), 'https://cdn.example/e.wasm', []);
  assert.match(why, /not served as application\/wasm/);
});
