// End-to-end: a fresh page opens on the first tour's recording
// (www/recorded.js, written by the site's build from the shipped engine), and
// a page whose address names a built-in tour on that tour's. Before the
// engine's wasm has even been asked for, Next walks the tour moment for
// moment as the engine walks it; when the engine arrives it takes over where
// the reader is, and free play then draws real IDs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, openPage } from './harness.mjs';
import { TOUR_LIST } from '../../www/tour-list.js';
import { FIRST_TOUR } from '../../www/tour.js';

const ENGINE = '**/www/pkg/session_playground_bg.wasm';
const RECORDING = '**/www/first-tour.js';
/** Every recording the site holds: the first tour's, and each tour's in www/recordings/. */
const ANY_RECORDING = /\/www\/(first-tour|recordings\/[\w-]+)\.js$/;

/**
 * A page (fresh, or at `query`) in a context of its own. `hold`: its
 * engine's wasm arrives only at `release()`; `recording: false`: the
 * recording it is sent is not one (the page then waits for the engine, as
 * any address that needs it does). Any console or page error fails the test.
 */
async function freshPage(t, { hold = false, recording = true, query = '' } = {}) {
  let release = () => {};
  /** For each request of the wasm, whether the page was usable by then. */
  const asked = [];
  const held = new Promise((resolve) => (release = resolve));
  const page = await openPage(t, {
    query,
    ready: hold ? 'html[data-usable="true"]' : 'html[data-ready="true"]',
    async prepare(page) {
      if (hold) {
        await page.route(ENGINE, async (route) => {
          asked.push(await page.evaluate(() => document.documentElement.dataset.usable === 'true'));
          await held;
          await route.continue();
        });
      }
      if (!recording) await page.route(ANY_RECORDING, (route) => route.fulfill({ contentType: 'text/javascript', body: 'export default {};' }));
    },
  });
  return { page, release, asked };
}

/** What the reader sees at this moment: the counter, the narration, the tour's card, and the figure's text. */
const seen = (page) =>
  page.evaluate(() => {
    const text = (id) => document.getElementById(id).innerText.replace(/\s+/g, ' ').trim();
    return [text('counter'), text('narration'), text('tour-box'), text('figure')].join(' | ');
  });

/**
 * Walks the tour on the page (on a fresh page, the coat check) to its end,
 * answering each question with its last choice, and returns what each moment
 * shows. `before(i)` runs before press i.
 */
async function walk(page, before = async () => {}) {
  const moments = [await seen(page)];
  for (let press = 0; press < 80; press += 1) {
    await before(press);
    const choices = page.locator('#tour-choices > button');
    if ((await choices.count()) > 0) await choices.last().click();
    else if ((await page.locator('#next').getAttribute('aria-disabled')) !== 'true') await page.locator('#next').click();
    else return moments;
    moments.push(await seen(page));
  }
  throw new Error('the tour did not end within 80 presses');
}

test('on a fresh page the coat check runs before the engine is asked for, moment for moment as the engine runs it', async (t) => {
  const { page: engine } = await freshPage(t, { recording: false });
  const asTheEngineRunsIt = await walk(engine);
  assert.ok(asTheEngineRunsIt.length >= 10, `the whole tour (${asTheEngineRunsIt.length} moments)`);

  const { page, release, asked } = await freshPage(t, { hold: true });
  assert.deepEqual(await walk(page), asTheEngineRunsIt);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined, 'the engine never came');
  // The page asked for the wasm once, when it was usable, and had the recording before.
  assert.deepEqual(asked, [true], 'the wasm is asked for once, once the page is usable');
  const [usable, recording] = await page.evaluate(() => [
    performance.getEntriesByName('session-playground:usable', 'mark')[0].startTime,
    performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/first-tour.js')).responseEnd,
  ]);
  assert.ok(recording <= usable);
  release();
  await page.waitForSelector('html[data-ready="true"]');
});

test('the engine takes over where the reader is: the rest of the tour as the engine runs it, then free play with IDs from the CSPRNG', async (t) => {
  const { page: engine } = await freshPage(t, { recording: false });
  const asTheEngineRunsIt = await walk(engine);

  for (const arrivesAt of [1, 4]) {
    const { page, release } = await freshPage(t, { hold: true });
    const moments = await walk(page, async (press) => {
      if (press !== arrivesAt) return;
      assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined);
      release();
      await page.waitForSelector('html[data-ready="true"]');
    });
    assert.deepEqual(moments, asTheEngineRunsIt, `the engine arriving before press ${arrivesAt + 1}`);
    const tourIds = await page.locator('#jar').innerText();
    // Free play is the engine's own: a login draws a fresh ID, not the tour's seeded one.
    await page.locator('#tour').selectOption('');
    await page.locator('#start-tour').click();
    await page.locator('#login').click();
    await page.locator('#last').click();
    const cookie = page.locator('#jar li', { hasText: 'sid=' }).first();
    await cookie.waitFor();
    const id = (await cookie.innerText()).match(/sid=([\w-]+)/)[1];
    assert.ok(!tourIds.includes(id), `the free-play ID ${id} is not the tour's`);
    assert.equal(await page.locator('#fatal').isVisible(), false);
  }
});

test("an address naming a built-in tour opens on that tour's recording, at its step, and walks it as the engine does", async (t) => {
  for (const { key } of TOUR_LIST) {
    for (const query of [`?tour=${key}`, ...(key === 'revocation' ? ['?embed=1&scenario=revocation&step=3'] : [])]) {
      const { page: engine } = await freshPage(t, { recording: false, query });
      const asTheEngineRunsIt = await walk(engine);
      const { page, release, asked } = await freshPage(t, { hold: true, query });
      assert.deepEqual(await walk(page), asTheEngineRunsIt, query);
      assert.deepEqual(asked, [true], `${query}: the wasm is asked for once, once the page is usable`);
      const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
      assert.ok(fetched.includes(key === FIRST_TOUR ? '/www/first-tour.js' : `/www/recordings/${key}.js`), `${query}: its recording`);
      assert.ok(!fetched.includes(`/www/recordings/${FIRST_TOUR}.js`), `${query}: the first tour's recording is only ever the one index.html asks for`);
      if (key !== 'coat-check') assert.ok(!fetched.includes(`/scenarios/${key}.json`), `${query}: the tour's file comes in its recording`);
      release();
      await page.waitForSelector('html[data-ready="true"]');
      assert.equal(await page.locator('#fatal').isVisible(), false, `${query}: the engine took over`);
      if (query.includes('step=')) {
        // The engine arriving at the card the link held, after the reader's first press there.
        const { page: handed, release: arrive } = await freshPage(t, { hold: true, query });
        const moments = await walk(handed, async (press) => {
          if (press !== 1) return;
          arrive();
          await handed.waitForSelector('html[data-ready="true"]');
        });
        assert.deepEqual(moments, asTheEngineRunsIt, `${query}: the engine arriving before press 2`);
        await handed.context().close();
      }
      await Promise.all([engine.context().close(), page.context().close()]);
    }
  }
});

test('a recording from another build of the engine is refused when the engine arrives, and the page says so', async (t) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const page = await openPage(t, {
    ready: 'html[data-usable="true"]',
    async prepare(page) {
      // The same recording, but its login answered with one step fewer than this engine's.
      await page.route(RECORDING, async (route) => {
        // The module is `export default JSON.parse("…")`: its one string literal is the recording's JSON.
        const text = await (await route.fetch()).text();
        const recording = JSON.parse(JSON.parse(text.match(/JSON\.parse\((".*")\);\s*$/s)[1]));
        recording.states[2].ran.trace.steps.pop();
        recording.states[2].stepCount -= 1;
        await route.fulfill({ contentType: 'text/javascript', body: `export default ${JSON.stringify(recording)};` });
      });
      await page.route(ENGINE, async (route) => {
        await held;
        await route.continue();
      });
    },
  });
  await page.locator('#next').click();
  release();
  await page.locator('#fatal').waitFor();
  assert.match(await page.locator('#fatal').innerText(), /^The playground could not start: the engine's nextScenarioStep is not what the tour's recording says/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.ready), undefined);
  // A press the engine would have answered is dropped, not kept for an engine that is not coming.
  await page.locator('#reset').click();
  assert.equal(await page.locator('#boot').isVisible(), false);
  assert.equal(await page.locator('#reset').getAttribute('aria-busy'), null);
});

test('behind a press that waits for the engine, a stepping key waits too: Reset, then the arrow key, in that order', async (t) => {
  const { page, release } = await freshPage(t, { hold: true });
  await page.locator('#reset').click();
  assert.equal(await page.locator('#reset').getAttribute('aria-busy'), 'true');
  await page.locator('#next').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tour').inputValue(), '', 'the key waits behind Reset');
  release();
  await page.waitForSelector('html[data-ready="true"]');
  // Reset, then Next: the coat check started after the reset, not before it.
  await page.locator('#counter', { hasText: /^Step 1 of 3: Alice's laptop: log in as alice$/ }).waitFor();
  assert.equal(await page.locator('#tour').inputValue(), 'coat-check');
});
