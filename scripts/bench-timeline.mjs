// The long-session benchmark in headless Chromium, on the page itself (the
// site as deployed, target/site/, with the release build of www/pkg, from
// `make build`). The growing-store storm:
// client-only logout, no timeouts, no cleanup, alternating logins and
// logouts on Alice's laptop, so every login leaves a record behind.
//
// 1. Opening a #play= link of 1,000, 3,000 and 10,000 such actions: the
//    replay's time on the page (from the player's `session-playground:restore`
//    mark to its `session-playground:restored` mark: the core's replay, the
//    timeline's moments, the last step fetched and drawn), and the whole
//    opening beyond an empty link's, the median of 5 openings each.
//    And the core's untraced replay of the same actions alone (Playground.replayActions).
// 2. After the 10,000-action link: the page's memory (the JS heap after a
//    garbage collection, by CDP, plus the wasm module's linear memory).
// 3. Free play on top of it: 200 more storm actions clicked through the page
//    (each runs in the core and shows its first step, store table included),
//    ms per action; then walking back through the timeline (Home, then ←).
// 4. A session of 10,000 storm actions clicked one by one from an empty
//    store, with the time per action and the memory every 2,000 actions.
// Usage: node scripts/bench-timeline.mjs [actions for part 4, default 10000]

import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/static-server.mjs';
import { encodeLog } from '../www/share.js';

const LIVE = Number(process.argv[2] ?? 10_000);
export const STORM_SETTINGS = { preset: 'generic', logout: 'clientOnly', idleTimeout: null, absoluteTimeout: null, cleanup: 'never' };

/** The storm's action `i`: a login, then a logout, and so on. */
function stormAction(i) {
  return i % 2 === 0
    ? { label: "Alice's laptop: log in as alice", action: { action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' } }
    : { label: "Alice's laptop: log out", action: { action: 'logout', browser: 'laptop' } };
}

function stormLink(actions) {
  return encodeLog({ settings: STORM_SETTINGS, tour: null, ran: 0, actions: Array.from({ length: actions }, (_, i) => stormAction(i)), pos: 100_000, shown: 'laptop' });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The page's memory: JS heap after a full collection, and the wasm module's linear memory. */
async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await page.evaluate(async () => (await (await import('/www/pkg/session_playground.js')).default()).memory.buffer.byteLength);
  await cdp.detach();
  return { heap, wasm, total: heap + wasm };
}

/** Opens the page at `fragment`; resolves to ms from navigation to ready, and the replay's ms between the player's marks (0 with no link). */
async function open(page, url, fragment) {
  await page.goto('about:blank');
  const start = performance.now();
  await page.goto(`${url}${fragment}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 600_000 });
  const total = performance.now() - start;
  const replay = await page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(`session-playground:${name}`)[0]?.startTime;
    const [from, to] = [mark('restore'), mark('restored')];
    return from === undefined || to === undefined ? 0 : to - from;
  });
  return { total, replay };
}

/** Clicks `count` storm actions through the page (starting with a login if `from` is even); ms per action. */
function clickStorm(page, from, count) {
  return page.evaluate(
    ({ from, count }) => {
      const start = performance.now();
      for (let i = from; i < from + count; i++) {
        if (i % 2 === 0) document.getElementById('login-form').requestSubmit();
        else document.getElementById('logout').click();
      }
      return (performance.now() - start) / count;
    },
    { from, count },
  );
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const base = [];
  for (let i = 0; i < 5; i++) base.push((await open(page, server.url, stormLink(0))).total);
  console.log(`Opening the page with an empty storm link: ${median(base).toFixed(0)} ms (median of 5)`);
  for (const actions of [1_000, 3_000, 10_000]) {
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await open(page, server.url, stormLink(actions)));
    const counter = await page.locator('#counter').textContent();
    const replay = median(opened.map((o) => o.replay));
    const beyond = median(opened.map((o) => o.total)) - median(base);
    console.log(`#play= link of ${actions.toLocaleString('en')} storm actions: ${replay.toFixed(0)} ms of replay on the page; ${beyond.toFixed(0)} ms of opening beyond the empty link (medians of 5; ${counter})`);
  }
  // The replay alone, in the core: what opening a link costs before anything is drawn.
  for (const actions of [1_000, 3_000, 10_000]) {
    const ms = await page.evaluate(
      async ({ actions, settings }) => {
        const module = await import('/www/pkg/session_playground.js');
        await module.default();
        const list = Array.from({ length: actions }, (_, i) =>
          i % 2 === 0 ? { action: 'login', browser: 'laptop', username: 'alice', password: 'wonderland' } : { action: 'logout', browser: 'laptop' },
        );
        const times = [];
        for (let run = 0; run < 5; run++) {
          const playground = new module.Playground();
          playground.configure(settings);
          const start = performance.now();
          playground.replayActions(list);
          times.push(performance.now() - start);
          playground.free();
        }
        return times.sort((a, b) => a - b)[2];
      },
      { actions, settings: STORM_SETTINGS },
    );
    console.log(`The core's untraced replay of ${actions.toLocaleString('en')} storm actions in wasm: ${ms.toFixed(0)} ms (median of 5)`);
  }
  await open(page, server.url, stormLink(10_000));
  const after = await memory(page);
  console.log(`After the 10,000-action link: JS heap ${mb(after.heap)}, wasm memory ${mb(after.wasm)}, ${mb(after.total)} in all`);
  const perAction = await clickStorm(page, 10_000, 200);
  console.log(`200 more storm actions clicked on top of it (store of 5,000+ records): ${perAction.toFixed(2)} ms an action`);
  const back = await page.evaluate(() => {
    const start = performance.now();
    document.getElementById('first').click();
    const first = performance.now() - start;
    const steps = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      document.getElementById('next').click();
      steps.push(performance.now() - t);
    }
    return { first, steps: steps.sort((a, b) => a - b)[10] };
  });
  console.log(`Jumping to the first step: ${back.first.toFixed(1)} ms; then Next: ${back.steps.toFixed(2)} ms a step (median of 20)`);

  await open(page, server.url, stormLink(0));
  const start = await memory(page);
  console.log(`A session of ${LIVE.toLocaleString('en')} storm actions clicked one by one (memory at start ${mb(start.total)}):`);
  for (let done = 0; done < LIVE; done += 2_000) {
    const ms = await clickStorm(page, done, Math.min(2_000, LIVE - done));
    const now = await memory(page);
    console.log(`  actions ${done + 1}-${Math.min(done + 2_000, LIVE)}: ${ms.toFixed(2)} ms an action; memory ${mb(now.total)} (JS heap ${mb(now.heap)}, wasm ${mb(now.wasm)})`);
  }
} finally {
  await browser.close();
  await server.close();
}
