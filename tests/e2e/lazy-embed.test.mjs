// End-to-end: embeds load when the reader comes near them. An author's page
// with one <session-playground> at the top and two far below the fold: the
// top one fetches the engine (its JS and its wasm) once; the far ones stay
// static markup, fetching nothing more, until the reader scrolls near; then
// they start from the download already made, and work. An embed of a
// built-in tour (or of nothing yet) opens on the tour's recording, as the page
// does: its reader steps through the tour before the wasm has come, moment for
// moment as the engine shows it. The iframe page (?embed=1) fetches the labs'
// scripts only once the browser is idle, never before it is usable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorPage as openAuthorPage, env, markUsable } from './harness.mjs';

/** The paths of the engine's files the page has fetched so far (as written, or the element's bundle's), each with how many times. */
async function engineFetches(page) {
  return page.evaluate(() => {
    const counts = {};
    for (const entry of performance.getEntriesByType('resource')) {
      const path = new URL(entry.name).pathname;
      if (/\/www\/(core|player|first-tour)\.js$|\/www\/element-(core|player|recorded|tours)-[A-Z0-9]+\.js$|\/pkg\/session_playground(_bg\.wasm|\.js)$|\/scenarios\/|\/recordings\//.test(path)) counts[path] = (counts[path] ?? 0) + 1;
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
  assert.equal(before['/www/recordings/revocation.js'], undefined, 'nor its recording');
  // The far embeds already show their stage, its space reserved: static markup, no engine.
  const farHeight = await page.locator('#far').evaluate((element) => element.getBoundingClientRect().height);
  assert.ok(farHeight > 300, `the far embed's stage is laid out (${farHeight}px) before it loads`);

  await page.locator('#far').scrollIntoViewIfNeeded();
  await page.waitForSelector('#far[ready]');
  await page.waitForSelector('#farther[ready]');
  const after = await engineFetches(page);
  assert.equal(after['/www/pkg/session_playground_bg.wasm'], 1, 'one download of the wasm for every embed');
  assert.equal(after['/www/pkg/session_playground.js'], 1, "one download of the wasm's glue");
  assert.equal(after['/www/recordings/revocation.js'], 1, "the tour both far embeds show comes once, in its recording");
  assert.equal(after['/scenarios/revocation.json'], undefined, "its file is the recording's, not fetched");
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

test('an embed already on screen starts at once, not at the first report of the viewport; one out of sight or not displayed waits', async (t) => {
  // An observer that never reports: only what the element sees for itself as the page stands can start it.
  const silentObserver = () => {
    window.IntersectionObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    };
  };
  const page = await openAuthorPage(t, {
    file: 'lazy.html',
    title: 'A long article',
    body: `<session-playground id="top" scenario="revocation"></session-playground>
<details><summary>More</summary><session-playground id="folded" scenario="idle-timeout"></session-playground></details>
${FILLER}<session-playground id="far" scenario="logout-done-right"></session-playground>`,
    prepare: (page) => page.addInitScript(silentObserver),
  });
  await page.waitForSelector('#top[usable]');
  await page.waitForTimeout(500);
  const fetched = await engineFetches(page);
  assert.equal(fetched['/www/recordings/revocation.js'], 1, "the embed on screen opened on its tour's recording");
  assert.equal(fetched['/www/recordings/idle-timeout.js'], undefined, 'the folded embed (no box) fetched nothing');
  assert.equal(fetched['/www/recordings/logout-done-right.js'], undefined, 'the embed far below fetched nothing');
  assert.equal(await page.evaluate(() => ['folded', 'far'].map((id) => document.getElementById(id).hasAttribute('usable')).join()), 'false,false');
});

test('an embed in a closed <details> waits until the reader opens it, then starts', async (t) => {
  const page = await authorPage(t, `<details><summary>More</summary><session-playground id="folded" scenario="idle-timeout"></session-playground></details>`);
  await page.waitForTimeout(500);
  assert.deepEqual(await engineFetches(page), {}, 'nothing of the engine is fetched for an embed not shown');
  await page.click('summary');
  await page.waitForSelector('#folded[usable]');
  const fetched = await engineFetches(page);
  assert.equal(fetched['/www/recordings/idle-timeout.js'], 1, "opened, it fetched its tour's recording");
  assert.ok(Object.keys(fetched).some((path) => /\/www\/element-player-|\/www\/player\.js$/.test(path)), "and the engine's JS");
});

test('the iframe page fetches the labs only when the browser is idle, after it is usable', async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 600, height: 700 }, reducedMotion: 'reduce' });
  t.after(() => context.close());
  const page = await context.newPage();
  await markUsable(page);
  await page.goto(`${env.server.url}?embed=1`);
  await page.waitForSelector('html[data-labs="ready"]');
  // The iframe page is the site's page: its labs' scripts are the parts of its bundle (www/page-lab-<hash>.js, …).
  const labs = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /\/www\/page-(lab|scale)-[A-Z0-9]+\.js$/.test(entry.name)).map((entry) => ({ start: entry.startTime, usable: window.__usableAt })));
  assert.equal(labs.length, 2, "each lab's script is fetched once");
  for (const lab of labs) assert.ok(lab.start >= lab.usable, `fetched at ${lab.start.toFixed(0)} ms, after usable at ${lab.usable.toFixed(0)} ms`);
});

const ENGINE = '**/www/pkg/session_playground_bg.wasm';
const ANY_RECORDING = /\/www\/(first-tour|recordings\/[\w-]+)\.js$/;

/** What an element shows at this moment: its counter, narration, tour card and figure. */
const seenIn = (page, id) =>
  page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    const text = (part) => root.getElementById(part).innerText.replace(/\s+/g, ' ').trim();
    return [text('counter'), text('narration'), text('tour-box'), text('figure')].join(' | ');
  }, id);

/** The moments an element shows at its first step and after each of `presses` presses of its Next. */
async function stepThrough(page, id, presses) {
  const moments = [await seenIn(page, id)];
  for (let press = 0; press < presses; press += 1) {
    await page.locator(`#${id} #next`).click();
    moments.push(await seenIn(page, id));
  }
  return moments;
}

const EMBEDS = `<session-playground id="tour" scenario="revocation" step="2"></session-playground>
<session-playground id="fresh"></session-playground>
<session-playground id="seeded" seed="7" scenario="revocation"></session-playground>`;

test("an embed of a built-in tour opens on the tour's recording: the reader steps through it before the wasm has come, as the engine shows it", async (t) => {
  // The same embeds on the engine alone (every recording refused), for what each moment should show.
  const engine = await openAuthorPage(t, {
    file: 'engine.html',
    title: 'On the engine',
    body: EMBEDS,
    prepare: (page) => page.route(ANY_RECORDING, (route) => route.fulfill({ contentType: 'text/javascript', body: 'export default {};' })),
  });
  await engine.waitForSelector('#tour[ready]');
  await engine.waitForSelector('#fresh[ready]');
  const tourOnEngine = await stepThrough(engine, 'tour', 2);
  const freshOnEngine = await stepThrough(engine, 'fresh', 3);

  let release = () => {};
  const held = new Promise((resolve) => (release = resolve));
  /** For each request of the wasm, which embeds were usable by then. */
  const asked = [];
  const page = await openAuthorPage(t, {
    file: 'held.html',
    title: 'The engine held back',
    body: EMBEDS,
    async prepare(page) {
      await page.route(ENGINE, async (route) => {
        asked.push(await page.evaluate(() => [...document.querySelectorAll('session-playground[usable]')].map((element) => element.id).join()));
        await held;
        await route.continue();
      });
    },
  });
  await page.waitForSelector('#tour[usable]');
  await page.waitForSelector('#fresh[usable]');
  assert.deepEqual(await stepThrough(page, 'tour', 2), tourOnEngine, 'the named tour, from its step, moment for moment');
  assert.deepEqual(await stepThrough(page, 'fresh', 3), freshOnEngine, "a fresh embed's Next starts the first tour, moment for moment");
  // A seed of its own needs the engine: it waits, as before.
  assert.equal(await page.evaluate(() => ['tour', 'fresh', 'seeded'].map((id) => document.getElementById(id).hasAttribute('ready')).join()), 'false,false,false', 'no engine yet');
  assert.equal(await page.locator('#seeded').evaluate((element) => element.hasAttribute('usable')), false, 'the seeded embed waits for the engine');
  // The seeded embed asked for the wasm at once; the one download serves all three.
  assert.equal(asked.length, 1, 'the wasm is asked for once');
  // The embed the engine opens asks for the first tour's file (Next with no scenario starts it) while the wasm comes.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/scenarios/coat-check.json')), null, { timeout: 5000 });

  // A press the recording cannot answer is kept, shown as starting, and done when the engine arrives.
  await page.locator('#tour #reset').click();
  assert.equal(await page.locator('#tour #reset').getAttribute('aria-busy'), 'true');
  assert.match(await page.locator('#tour #boot').innerText(), /Starting/);
  // The host's calls wait for the engine, in order: not done on the recording.
  await page.evaluate(() => {
    window.call = document.getElementById('fresh').goTo(2);
  });
  const early = await page.evaluate(() => Promise.race([window.call.then(() => 'done'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]));
  assert.equal(early, 'waiting', 'a call waits for the engine');
  const call = page.evaluate(() => window.call);
  release();
  for (const id of ['tour', 'fresh', 'seeded']) await page.waitForSelector(`#${id}[ready]`);
  assert.equal(await call, true);
  assert.equal(await page.evaluate(() => document.getElementById('fresh').state.scenario.step), 2, 'the call made before the engine came was done');
  // Reset, kept, took the tour back to before its first step.
  await page.waitForFunction(() => document.getElementById('tour').state.scenario.ran === 0);
  assert.equal(await page.locator('#tour #reset').getAttribute('aria-busy'), null, 'the kept press was made');
  assert.equal(await page.locator('#tour #boot').isVisible(), false);
  // The engine took over: the tour starts again from there.
  await page.locator('#tour #next').click();
  assert.equal(await page.evaluate(() => document.getElementById('tour').state.scenario.step), 1);
});

test('an embed on a recording asks for the wasm only once it is usable; if the engine then fails, it stops and says why', async (t) => {
  /** For each request of the wasm, whether the embed was usable by then. */
  const asked = [];
  const page = await openAuthorPage(t, {
    file: 'failing.html',
    title: 'The engine missing',
    body: '<session-playground id="solo" scenario="revocation" autoplay speed="4"></session-playground>',
    async prepare(page) {
      await page.route(ENGINE, async (route) => {
        asked.push(await page.evaluate(() => document.getElementById('solo').hasAttribute('usable')));
        // Not a wasm module: it cannot be compiled.
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not a module' });
      });
    },
  });
  const ready = await page.evaluate(() => document.getElementById('solo').ready.then(() => 'ready', (error) => error.message));
  // (Asked again only to find out why it failed.)
  assert.equal(asked[0], true, 'first asked for once the embed was usable');
  assert.notEqual(ready, 'ready', 'ready rejects');
  assert.ok((await page.locator('#solo #fatal').innerText()).includes(ready), `the element says why: ${ready}`);
  assert.equal(await page.locator('#solo').evaluate((element) => element.hasAttribute('usable')), false, 'no longer usable');
  assert.equal(await page.evaluate(() => document.getElementById('solo').next()), false, 'a call after the failure answers false at once');
  const counter = await page.locator('#solo #counter').innerText();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('#solo #counter').innerText(), counter, 'autoplay stopped where it was');
});

test("an embed whose engine's script is missing says which one, and asks for no wasm it could not run", async (t) => {
  const page = await openAuthorPage(t, {
    file: 'missing.html',
    title: 'A script missing',
    body: '<session-playground id="solo" scenario="revocation"></session-playground>',
    // The missing script is a failed request in the console, and only that.
    failedLoads: true,
    // wasm-bindgen's glue, which the engine's JS imports (in the site, from one of the element's bundle's shared files).
    prepare: (page) => page.route('**/www/pkg/session_playground.js', (route) => route.fulfill({ status: 404, body: 'not here' })),
  });
  const ready = await page.evaluate(() => document.getElementById('solo').ready.then(() => 'ready', (error) => error.message));
  assert.match(ready, /one of its scripts \(http:\/\/[^)]+\/www\/pkg\/session_playground\.js\) could not be fetched/, `it names the missing file: ${ready}`);
  assert.ok((await page.locator('#solo #fatal').innerText()).includes(ready), 'and says so in itself');
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('_bg.wasm')).length);
  assert.equal(wasm, 0, 'the wasm is not fetched for scripts that cannot run it');
});
