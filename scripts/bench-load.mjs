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
// Usage: node scripts/bench-load.mjs [loads=10] [width=1280] [height=800]

import { mkdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/static-server.mjs';

const [loads = 10, width = 1280, height = 800] = process.argv.slice(2).map(Number);

/** Runs in the page before anything else: watches for data-usable and data-ready, layout shifts and long tasks. */
function observe() {
  window.__load = { usable: null, ready: null, shift: 0, longTasks: [] };
  // <html> may not exist yet when this runs: watch the whole document.
  new MutationObserver(() => {
    const dataset = document.documentElement?.dataset ?? {};
    if (dataset.usable === 'true') window.__load.usable ??= performance.now();
    if (dataset.ready === 'true') window.__load.ready ??= performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-usable', 'data-ready'] });
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
    recording: end(early, (name) => name.endsWith('/first-tour.js')) || null,
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
    if (document.documentElement?.dataset.usable !== 'true') return;
    performance.mark('bench-load:usable');
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-usable'] });
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

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const runs = [];
try {
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.addInitScript(observe);
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]');
    await page.waitForTimeout(500);
    runs.push(await page.evaluate(phases));
    await context.close();
  }
  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.addInitScript(markUsableInTrace);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.goto(server.url);
    await page.waitForSelector('html[data-ready="true"]');
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    Object.assign(runs[i], mainThreadTasks(traceEvents, server.url));
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
console.log(`${loads} cold loads at ${width}×${height}, ms from navigation start (layout shift as a score);`);
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
await writeFile(`target/bench-load-${width}x${height}.json`, `${JSON.stringify({ loads, viewport: { width, height }, summary, runs }, null, 2)}\n`);
