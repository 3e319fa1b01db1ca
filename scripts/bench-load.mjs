// The load benchmark: cold loads of the page in headless Chromium (a fresh
// context each time, so nothing is cached), the site as deployed
// (target/site/, from `make build`: minified modules) served on loopback. For each load it records when each phase ended, in milliseconds
// from navigation start: the HTML, the module graph (the last script), the
// first tour's recording fetched (on a fresh page, which opens on it), the
// playground mounted (the page's own mark), usable (`data-usable` on <html>:
// a press of Next does what it says), and then the engine: its wasm fetched,
// instantiated (the page's mark) and ready (`data-ready`: every press does
// what it says); and,
// over the load and the half second after it, the layout shift and the
// main-thread tasks longer than 50 ms: the longest before the page is usable,
// the longest from then until the engine is ready, and the longest after (the
// labs set themselves up then, when the browser is idle). Then as many loads again under a Chromium trace, for what the
// observers cannot see: the main thread's own time (its thread time, not the
// wall time a task spends waiting for a core on a busy machine) in the
// longest task before usable, that task's wall time, and the thread time of
// every task before usable. Prints the minimum and median of each and writes
// them to target/bench-load-<width>x<height>.json.
//
// Beside each cold load of the page, one of its floor: the site's own
// index.html and stylesheet with every script taken out, loaded the same way.
// Its first paint (`floorPaint`) is as soon as this browser, on this machine,
// shows the page's markup at all; the page's own first paint (`paint`) and
// its `usable` are read against it.
//
// With `--element 'scenario="revocation"'` it loads an author's article on
// the same origin holding `<session-playground scenario="revocation">` in
// place of the page (the element's `usable` and `ready` attributes in place of
// <html>'s; no floor, as the article is the author's), and writes
// target/bench-load-element-<width>x<height>.json.
//
// Usage: node scripts/bench-load.mjs [loads=10] [width=1280] [height=800] [--element '<attributes>']

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { SITE } from './build-site.mjs';
import { serve } from '../tests/e2e/static-server.mjs';

const flag = process.argv.indexOf('--element');
const element = flag === -1 ? null : process.argv[flag + 1];
const [loads = 10, width = 1280, height = 800] = process.argv.slice(2, flag === -1 ? undefined : flag).map(Number);

/** Runs in the page before anything else: watches for data-usable and data-ready (or an element's usable and ready), layout shifts and long tasks. */
function observe() {
  window.__load = { usable: null, ready: null, shift: 0, longTasks: [] };
  // <html> may not exist yet when this runs: watch the whole document.
  new MutationObserver(() => {
    const dataset = document.documentElement?.dataset ?? {};
    const element = document.querySelector('session-playground');
    if (dataset.usable === 'true' || element?.hasAttribute('usable')) window.__load.usable ??= performance.now();
    if (dataset.ready === 'true' || element?.hasAttribute('ready')) window.__load.ready ??= performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-usable', 'data-ready', 'usable', 'ready'] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__load.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__load.longTasks.push({ start: entry.startTime, duration: Math.round(entry.duration) });
  }).observe({ type: 'longtask', buffered: true });
}

/** The phases of the load just done, read from the page's timing entries and marks. */
function phases() {
  const resources = performance.getEntriesByType('resource');
  // Only what the page asked for before the engine was there: the labs load after, on their own.
  const asked = (by) => resources.filter((entry) => entry.startTime <= (by ?? Infinity));
  const end = (entries, test) => Math.max(0, ...entries.filter((entry) => test(entry.name)).map((entry) => entry.responseEnd));
  const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
  // The page marks the moment it is usable before it asks for anything more (the engine, on a fresh page).
  const usable = mark('session-playground:usable') ?? window.__load.usable;
  const early = asked(usable);
  const longest = (when) => Math.max(0, ...window.__load.longTasks.filter(when).map((task) => task.duration));
  return {
    html: performance.getEntriesByType('navigation')[0].responseEnd,
    modules: end(early, (name) => name.endsWith('.js')),
    recording: end(early, (name) => /\/(first-tour|recordings\/[\w-]+)\.js$/.test(name)) || null,
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    mounted: mark('session-playground:mounted'),
    usable,
    wasmFetched: end(asked(window.__load.ready), (name) => name.endsWith('/session_playground_bg.wasm')),
    instantiated: mark('session-playground:engine'),
    ready: window.__load.ready,
    layoutShift: window.__load.shift,
    longestTask: longest((task) => task.start < usable),
    longestToReady: longest((task) => task.start >= usable && task.start < window.__load.ready),
    longestAfter: longest((task) => task.start >= window.__load.ready),
    longTasks: window.__load.longTasks.length,
  };
}

/** Runs in the page before anything else, on a traced load: marks data-usable in the trace. */
function markUsableInTrace() {
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.usable !== 'true' && !document.querySelector('session-playground')?.hasAttribute('usable')) return;
    performance.mark('bench-load:usable');
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-usable', 'usable'] });
}

/** The names a main-thread task has in a trace (it depends on the categories and the version). */
const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * From one load's trace: the page's main thread (where its navigation
 * started), its outermost tasks between navigation start and usable, and of
 * those the longest by thread time, in milliseconds.
 */
function mainThreadTasks(events, url) {
  const navigation = events.find((event) => event.name === 'navigationStart' && event.args?.data?.documentLoaderURL === url);
  const usable = events.find((event) => event.name === 'bench-load:usable' && event.pid === navigation.pid);
  const tasks = [];
  const inThread = events
    .filter((event) => event.ph === 'X' && TASKS.has(event.name) && event.pid === navigation.pid && event.tid === navigation.tid)
    .filter((event) => event.ts >= navigation.ts && event.ts <= usable.ts)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const task of inThread) {
    const last = tasks.at(-1);
    // A task run inside another (a nested loop) is part of that one.
    if (last && task.ts < last.ts + last.dur) continue;
    tasks.push(task);
  }
  const longest = tasks.reduce((a, b) => ((b.tdur ?? 0) > (a?.tdur ?? -1) ? b : a), null);
  return {
    longestThread: (longest?.tdur ?? 0) / 1000,
    longestWall: (longest?.dur ?? 0) / 1000,
    threadBeforeUsable: tasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000,
  };
}

// The floor: the site's index.html with no script and nothing preloaded, its
// stylesheet and icon as they are (a <base> keeps their addresses).
const FLOOR = resolve('target/bench-floor');
const page = await readFile(resolve(SITE, 'index.html'), 'utf8').catch(() => null);
if (page === null) throw new Error('no target/site/index.html: run `make build` first');
const floor = page
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace('<head>', '<head><base href="/">');
await mkdir(FLOOR, { recursive: true });
await writeFile(`${FLOOR}/index.html`, floor);

const server = await serve({ mounts: { '/bench-floor/': FLOOR } });
// An author's article beside the example's, on the playground's origin; the route is its only file.
const address = element === null ? server.url : `${server.url}www/examples/bench-load.html`;
const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>An article</title><link rel="icon" href="data:,">
<script type="module" src="../session-playground.js"></script></head><body><h1>An article</h1><p>A paragraph of the author's.</p><session-playground ${element}></session-playground>
<p>The article goes on below the playground, so that a change in its height would move this text (the layout shift counts it).</p></body></html>`;
/** A fresh context's page (the page's, the floor's, or the article's, routed to it in the element's round). */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  if (element !== null) await page.route(address, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: article }));
  return { context, page };
}
const READY = element === null ? 'html[data-ready="true"]' : 'session-playground[ready]';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const runs = [];
try {
  for (let i = 0; i < loads; i += 1) {
    const { context, page } = await freshPage();
    await page.addInitScript(observe);
    await page.goto(address);
    await page.waitForSelector(READY);
    await page.waitForTimeout(500);
    runs.push(await page.evaluate(phases));
    await context.close();
    if (element !== null) continue;
    const { context: floorContext, page: floorPage } = await freshPage();
    await floorPage.goto(`${server.url}bench-floor/index.html`);
    await floorPage.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    runs.at(-1).floorPaint = await floorPage.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
    await floorContext.close();
  }
  for (let i = 0; i < loads; i += 1) {
    const { context, page } = await freshPage();
    await page.addInitScript(markUsableInTrace);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.goto(address);
    await page.waitForSelector(READY);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    Object.assign(runs[i], mainThreadTasks(traceEvents, address));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = {};
console.log(`${loads} cold loads ${element === null ? 'of the page' : `of an article holding <session-playground ${element}>`} at ${width}×${height}, ms from navigation start (layout shift as a score);`);
console.log(`the last three from ${loads} more, traced: the longest task before usable by the main thread's own time, its wall time, and all tasks' thread time`);
console.log(`${'phase'.padEnd(18)} ${'min'.padStart(8)} ${'median'.padStart(8)}`);
for (const phase of Object.keys(runs[0])) {
  const values = runs.map((run) => run[phase]).filter((value) => value !== null);
  if (values.length === 0) {
    console.log(`${phase.padEnd(18)} ${'(no mark)'.padStart(17)}`);
    continue;
  }
  summary[phase] = { min: Math.min(...values), median: median(values) };
  const digits = phase === 'layoutShift' ? 3 : 0;
  console.log(`${phase.padEnd(18)} ${summary[phase].min.toFixed(digits).padStart(8)} ${summary[phase].median.toFixed(digits).padStart(8)}`);
}
await mkdir('target', { recursive: true });
await writeFile(`target/bench-load-${element === null ? '' : 'element-'}${width}x${height}.json`, `${JSON.stringify({ loads, viewport: { width, height }, summary, runs }, null, 2)}\n`);
