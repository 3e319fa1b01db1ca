// Long sessions and long shared links, as a reader meets them. The
// growing-store storm: client-only logout, no timeouts, no cleanup,
// alternating logins and logouts, so every login leaves a record behind.
//
// - A #play= link of 3,000 such actions opens at its last step, and the tab
//   never freezes on the way: a heartbeat timer keeps beating.
// - 10,000 actions in the browser (a link of 10,000, then more clicked on
//   top): the page's memory (JS heap and wasm memory) stays bounded and grows
//   in proportion to the actions; every step, early or late, can be shown.
// - A link whose session IDs the CSPRNG could not have drawn says so, and the
//   message stays while the reader steps through, until they act.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { env, openPage } from './harness.mjs';
import { encodeLog } from '../../www/share.js';

const STORM_SETTINGS = { preset: 'generic', logout: 'clientOnly', idleTimeout: null, absoluteTimeout: null, cleanup: 'never' };
const LOGIN = { label: "Alice's laptop: log in as alice", action: { action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' } };
const LOGOUT = { label: "Alice's laptop: log out", action: { action: 'logout', browser: 'laptop' } };

function stormLink(actions, extra = {}) {
  const list = Array.from({ length: actions }, (_, i) => (i % 2 === 0 ? LOGIN : LOGOUT));
  return encodeLog({ settings: STORM_SETTINGS, tour: null, ran: 0, actions: list, pos: 100_000, shown: 'laptop', ...extra });
}

/**
 * From before the page's scripts run: a timer beating every 10 ms, and a
 * watch on the progress line. `during` counts the beats while "Replaying the
 * shared link" showed: the page let timers run between its chunks of work.
 */
const HEARTBEAT = () => {
  window.__beats = { count: 0, during: 0, progress: 0, last: performance.now(), longest: 0 };
  const replaying = () => /^Replaying the shared link/.test(document.getElementById('boot')?.textContent ?? '') && !document.getElementById('boot').hidden;
  const beat = () => {
    const now = performance.now();
    window.__beats.longest = Math.max(window.__beats.longest, now - window.__beats.last);
    window.__beats.last = now;
    window.__beats.count += 1;
    if (replaying()) window.__beats.during += 1;
    setTimeout(beat, 10);
  };
  setTimeout(beat, 10);
  new MutationObserver(() => {
    if (replaying()) window.__beats.progress += 1;
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};

/** The page's memory in bytes: the JS heap after a full collection, plus the wasm module's linear memory. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(async () => (await (await import('/www/pkg/session_playground.js')).default()).memory.buffer.byteLength);
  return heap + wasm;
}

const counter = (page) => page.locator('#counter').textContent();

describe('long sessions', () => {
  test('a link of 3,000 storm actions opens at its last step without freezing the tab', async (t) => {
    // The heartbeat is in place before the page's own scripts run (another path: a full load).
    const page = await openPage(t);
    await page.addInitScript(HEARTBEAT);
    await page.goto(`${env.server.url}index.html${stormLink(3_000)}`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 120_000 });
    const [, position, total] = /^Step ([\d,]+) of ([\d,]+)/.exec(await counter(page)) ?? [];
    assert.ok(total, await counter(page));
    assert.equal(position, total, 'the link opens at its last step');
    // 1,500 logins, each leaving its record: the rack shows the newest dozen and counts the rest.
    assert.equal(await page.locator('#store-rows .coat-rec').count(), 12);
    assert.equal(await page.locator('#store-rows .rack-more').textContent(), '1,488 older coats on the rack, not drawn');
    assert.equal(await page.locator('#fatal').isHidden(), true, await page.locator('#fatal').textContent());
    // Either the replay was done within one short chunk, or it said how far it had got and
    // let the page's timers run between chunks: never one long freeze.
    const beats = await page.evaluate(() => window.__beats);
    t.diagnostic(`progress shown ${beats.progress} times; ${beats.during} timer beats during the replay; longest gap ${beats.longest.toFixed(0)} ms`);
    assert.ok(beats.count > 0, 'the page ran timers while it loaded');
    // Frozen: no timer for 3 s. (Replaying action by action, as links once did, froze it for 14 s;
    // drawing every one of the 1,500 coats took about a second.)
    assert.ok(beats.longest < 3_000, `the tab froze for ${beats.longest.toFixed(0)} ms`);
    if (beats.progress > 0) assert.ok(beats.during > 0, 'progress showed, but no timer ran while it did');
    assert.equal(await page.locator('#boot').isHidden(), true, 'the progress line is gone at the end');
    // Any step can be shown: the first one, and back to the last.
    await page.locator('#first').click();
    assert.match(await counter(page), /^Step 1 of /);
    await page.locator('#last').click();
    assert.match(await counter(page), new RegExp(`^Step ${total} of ${total}`));
  });

  test("10,000 storm actions keep the page's memory bounded and in proportion", async (t) => {
    const page = await openPage(t, { query: stormLink(0) });
    const empty = await memory(page);
    const after = {};
    for (const actions of [5_000, 10_000]) {
      // Another path each time: a full load, not a jump within the page.
      await page.goto(`${env.server.url}${actions === 5_000 ? 'index.html' : ''}${stormLink(actions)}`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 300_000 });
      after[actions] = await memory(page);
    }
    // More actions clicked on top, as a reader would: each runs in the core and shows its first step.
    await page.evaluate(() => {
      for (let i = 0; i < 100; i++) {
        if (i % 2 === 0) document.getElementById('login-form').requestSubmit();
        else document.getElementById('logout').click();
      }
    });
    const clicked = await memory(page);
    const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    const figures = `empty ${mb(empty)}, 5,000 actions ${mb(after[5_000])}, 10,000 ${mb(after[10_000])}, 100 more clicked ${mb(clicked)}`;
    t.diagnostic(figures);
    assert.ok(clicked < 300e6, `over 300 MB: ${figures}`);
    // Growth in proportion to the actions: twice the actions, about twice the growth
    // (a timeline of whole snapshots would be four times, and more).
    const growth5k = after[5_000] - empty;
    const growth10k = after[10_000] - empty;
    assert.ok(growth10k < 3 * Math.max(growth5k, 4e6), `grew faster than the actions: ${figures}`);
    // The timeline holds every moment: three (request, server, response) for each of the 10,100 actions.
    const total = Number(/ of (\d+)/.exec(await counter(page))[1]);
    assert.equal(total, 3 * 10_100, await counter(page));
    await page.locator('#first').click();
    assert.match(await counter(page), /^Step 1 of /);
    assert.equal(await page.locator('#store-rows .coat-rec').count(), 0, 'the first step is before any record');
  });

  test("a link's impossible session IDs are reported, and the message stays until the reader acts", async (t) => {
    // The same made-up ID for every login: the first is possible, the repeats are not; then junk.
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const link = encodeLog({ settings: { preset: 'generic' }, tour: null, ran: 0, actions: [LOGIN, LOGOUT, LOGIN, LOGIN], ids: [id, id, 'not-an-id'], pos: 100, shown: 'laptop' });
    const page = await openPage(t, { query: link });
    const fatal = page.locator('#fatal');
    await assert.doesNotReject(fatal.waitFor({ state: 'visible' }));
    const text = await fatal.textContent();
    assert.match(text, /the 2nd ID, “AAAAAAAAAAAAAAAAAAAAAA”: it was handed out before in this run/);
    assert.match(text, /the 3rd ID, “not-an-id”: it is not 128 random bits/);
    // The first ID was possible, and was used: it is not among the refused.
    assert.doesNotMatch(text, /the 1st ID/);
    // Stepping through the timeline does not hide it ...
    await page.locator('#first').click();
    await page.locator('#next').click();
    assert.equal(await fatal.isVisible(), true);
    // ... acting does.
    await page.locator('#visit').click();
    assert.equal(await fatal.isVisible(), false);
  });
});
