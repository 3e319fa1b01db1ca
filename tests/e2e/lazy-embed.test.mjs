// End-to-end: embeds load when the reader comes near them. An author's page
// with one <session-playground> at the top and two far below the fold: the
// top one fetches the engine (its JS and its wasm) once; the far ones stay
// static markup, fetching nothing more, until the reader scrolls near; then
// they start from the download already made, and work. The iframe page
// (?embed=1) fetches the labs' scripts only once the browser is idle, never
// before it is usable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorPage as openAuthorPage, env, markUsable } from './harness.mjs';

/** The paths of the engine's files the page has fetched so far, each with how many times. */
async function engineFetches(page) {
  return page.evaluate(() => {
    const counts = {};
    for (const entry of performance.getEntriesByType('resource')) {
      const path = new URL(entry.name).pathname;
      if (/\/www\/(core|player)\.js$|\/pkg\/session_playground(_bg\.wasm|\.js)$|\/scenarios\//.test(path)) counts[path] = (counts[path] ?? 0) + 1;
    }
    return counts;
  });
}

/** A long article on the playground's origin holding `body`. */
const authorPage = (t, body) => openAuthorPage(t, { file: 'lazy.html', title: 'A long article', body });

const FILLER = '<p style="height: 5000px">A long stretch of article.</p>';

test('an embed far below the fold fetches nothing until the reader scrolls near it, and several share one download', async (t) => {
  const page = await authorPage(t, `<session-playground id="top" scenario="coat-check"></session-playground>${FILLER}
<session-playground id="far" scenario="revocation"></session-playground>
<session-playground id="farther" scenario="revocation" controls="minimal"></session-playground>`);
  await page.waitForSelector('#top[ready]');
  // Time enough for anything eager to have started.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => ['far', 'farther'].map((id) => document.getElementById(id).hasAttribute('ready')).join()), 'false,false');
  const before = await engineFetches(page);
  assert.equal(before['/www/pkg/session_playground_bg.wasm'], 1, 'the top embed fetched the engine');
  assert.equal(before['/scenarios/revocation.json'], undefined, "the far embeds' tour is not fetched");
  // The far embeds already show their stage, its space reserved: static markup, no engine.
  const farHeight = await page.locator('#far').evaluate((element) => element.getBoundingClientRect().height);
  assert.ok(farHeight > 300, `the far embed's stage is laid out (${farHeight}px) before it loads`);

  await page.locator('#far').scrollIntoViewIfNeeded();
  await page.waitForSelector('#far[ready]');
  await page.waitForSelector('#farther[ready]');
  const after = await engineFetches(page);
  assert.equal(after['/www/pkg/session_playground_bg.wasm'], 1, 'one download of the wasm for every embed');
  assert.equal(after['/www/pkg/session_playground.js'], 1, "one download of the wasm's glue");
  assert.equal(after['/scenarios/revocation.json'], 1, 'the tour both far embeds show is fetched once');
  assert.equal(await page.locator('#far').evaluate((element) => element.getBoundingClientRect().height), farHeight, 'nothing jumps when it loads');
  // And it works: its tour steps on.
  assert.equal(await page.evaluate(() => document.getElementById('far').goTo('2')), true);
  assert.equal(await page.evaluate(() => document.getElementById('far').state.scenario.step), 2);
});

test('a call on an embed far below the fold loads it at once', async (t) => {
  const page = await authorPage(t, `${FILLER}<session-playground id="far" scenario="revocation"></session-playground>`);
  await page.waitForTimeout(500);
  assert.deepEqual(await engineFetches(page), {}, 'nothing of the engine is fetched for an embed out of sight');
  // An author's script asking for a step wants the playground now, wherever it is.
  assert.equal(await page.evaluate(() => document.getElementById('far').goTo('3')), true);
  assert.equal(await page.evaluate(() => document.getElementById('far').state.scenario.step), 3);
});

test('the iframe page fetches the labs only when the browser is idle, after it is usable', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 600, height: 700 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  await markUsable(page);
  await page.goto(`${env.server.url}?embed=1`);
  await page.waitForSelector('html[data-labs="ready"]');
  const labs = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /\/www\/(lab|scale)\.js$/.test(entry.name)).map((entry) => ({ start: entry.startTime, usable: window.__usableAt })));
  assert.equal(labs.length, 2, "each lab's script is fetched once");
  for (const lab of labs) assert.ok(lab.start >= lab.usable, `fetched at ${lab.start.toFixed(0)} ms, after usable at ${lab.usable.toFixed(0)} ms`);
});
