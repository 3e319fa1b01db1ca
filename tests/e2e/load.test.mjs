// End-to-end: the first load. The labs (their scripts and their own wasm
// module) are not fetched before the page is usable; a press made while the
// engine is still on its way is kept, shown as starting, and done when it
// arrives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env } from './harness.mjs';

/** A fresh page whose engine wasm arrives only when `release()` is called; also lists what it fetched. */
async function pageWithHeldEngine(t) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  // The moment <html> gets data-ready, so that "before usable" is exact.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement?.dataset.ready === 'true') window.__usableAt ??= performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/session_playground_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.server.url);
  return { page, release, errors };
}

test('a press before the engine is ready says it is starting, and is done when the engine arrives', async (t) => {
  const { page, release, errors } = await pageWithHeldEngine(t);
  const next = page.locator('#next');
  await next.waitFor();
  await next.click();
  assert.match(await page.locator('#boot').textContent(), /^Starting… "Next: start the coat check" happens as soon as the engine is ready\.$/);
  assert.equal(await page.locator('#boot').isVisible(), true);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'not usable yet');
  release();
  await page.waitForSelector('html[data-ready="true"]');
  // The press started the coat check, as a press on a ready page does.
  await page.waitForFunction(() => document.getElementById('tour-name')?.textContent.length > 0);
  assert.equal(await page.locator('#tour').inputValue(), 'coat-check');
  assert.equal(await next.getAttribute('aria-busy'), null);
  assert.deepEqual(errors, []);
});

test('nothing of the labs is fetched before the page is usable; they load when the reader comes near', async (t) => {
  const { page, release } = await pageWithHeldEngine(t);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  release();
  await page.waitForSelector('html[data-ready="true"]');
  const early = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((entry) => entry.startTime <= window.__usableAt).map((entry) => new URL(entry.name).pathname));
  assert.ok(early.includes('/www/pkg/session_playground_bg.wasm'));
  for (const lazy of ['/www/lab.js', '/www/scale.js', '/www/attacks.js', '/www/pkg/session_playground_labs_bg.wasm', '/www/defence-matrix.json']) {
    assert.ok(!early.includes(lazy), `${lazy} was fetched before the page was usable`);
  }
  await page.locator('#lab').scrollIntoViewIfNeeded();
  await page.waitForSelector('html[data-labs="ready"]');
  assert.ok(fetched.includes('/www/pkg/session_playground_labs_bg.wasm'), 'the labs module loads once they are near');
  // Both labs (the cookie lab and the scale lab) share one download of the
  // labs' module, and the page one of the engine's.
  const times = (path) => fetched.filter((p) => p === path).length;
  assert.equal(times('/www/pkg/session_playground_labs_bg.wasm'), 1, 'one download of the labs module for both labs');
  assert.equal(times('/www/pkg/session_playground_labs.js'), 1, "one download of the labs module's glue");
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/session_playground_bg.wasm')).length), 1, 'one download of the engine');
  // The matrix comes from the data file, drawn as before.
  assert.equal(await page.locator('#matrix-body tr').count(), 7);
});
