// What the page fetches, measured in a real browser rather than from a list:
// headless Chromium opens the page (the site as deployed, target/site/, built
// by `make build`: its modules and stylesheets minified; served on loopback),
// and every file it has fetched by the time the page is usable
// (`data-usable` on <html>: a press of Next does what it says; every request
// started by then) counts as "before usable", and what it fetched after that
// until the engine is there (`data-ready`: on a page that opens on a tour's
// recording, the engine's wasm) as "then, the engine"; then
// it scrolls to the bottom, waits for the page to settle, and whatever else
// it fetched (labs, tours loaded later, the print's writer once idle) counts
// as "later". The
// modules the page loads only at a press (the fork, the token inspector, the
// share dialog, the token settings, a link's replay; found by following each
// `import()` of what was fetched, in the site's files as shipped,
// scripts/module-graph.mjs, with the
// stylesheets of www/ nothing fetched) count as "on demand". Each file is reported raw, gzipped
// (gzip -9, as a static host compresses) and brotli'd (quality 11, as CDNs
// serve it), with both totals.
//
// Usage: node scripts/size.mjs [--json target/size.json] [--query '?tour=revocation']
//        [--element 'scenario="revocation"']
// (--query: the page at that address rather than a fresh one; --element: an
// author's page holding one <session-playground> with those attributes, its
// moments the element's `usable` and `ready` attributes)

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/static-server.mjs';
import { SITE } from './build-site.mjs';
import { builtOnDemand } from './module-graph.mjs';

/** The sizes of one file of the site as deployed: raw, gzip -9 and brotli 11. */
async function sizes(path) {
  const bytes = await readFile(join(SITE, path));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Runs in the page before anything else: notes the moments <html> (or an element) gets data-usable and data-ready (`usable`, `ready`). */
function watchReady() {
  window.__at = { usable: null, ready: null };
  new MutationObserver(() => {
    const { dataset } = document.documentElement ?? { dataset: {} };
    const element = document.querySelector('session-playground');
    if (dataset.usable === 'true' || element?.hasAttribute('usable')) window.__at.usable ??= performance.now();
    if (dataset.ready === 'true' || element?.hasAttribute('ready')) window.__at.ready ??= performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-usable', 'data-ready', 'usable', 'ready'] });
}

/**
 * The repository paths of every same-origin file the page has asked for by
 * the moment `until` (`usable`, `ready`, or, left out, now), the page itself
 * first: a file asked for before a moment counts for it even if it arrived
 * after (the labs start loading right after the page is ready, before a
 * script could look).
 */
async function fetched(page, origin, until = null) {
  const urls = await page.evaluate((moment) => {
    // The page marks the moment it is usable before it asks for anything more (the engine, on a fresh page).
    const usable = performance.getEntriesByName('session-playground:usable', 'mark')[0]?.startTime ?? window.__at.usable;
    const before = moment === null ? Infinity : moment === 'usable' ? usable : window.__at[moment];
    const resources = performance.getEntriesByType('resource').filter((entry) => entry.startTime <= before);
    return [location.href, ...resources.map((entry) => entry.name)];
  }, until);
  const paths = urls
    .map((url) => new URL(url))
    .filter((url) => url.origin === origin)
    .map((url) => (url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname).slice(1))
    // The author's page is the route's, not a file of the site.
    .filter((path) => path !== 'www/examples/size.html');
  return [...new Set(paths)];
}

const server = await serve();
const origin = new URL(server.url).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(watchReady);
  const query = process.argv.indexOf('--query');
  const element = process.argv.indexOf('--element');
  if (element === -1) {
    await page.goto(server.url + (query === -1 ? '' : process.argv[query + 1]));
    await page.waitForSelector('html[data-ready="true"]');
  } else {
    // An author's article on the same origin, as www/examples/ holds one; the route is its only file.
    const url = `${server.url}www/examples/size.html`;
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,">
<script type="module" src="../session-playground.js"></script></head><body><h1>An article</h1><session-playground ${process.argv[element + 1]}></session-playground></body></html>`;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
    await page.goto(url);
    await page.waitForSelector('session-playground[ready]');
  }
  const early = await fetched(page, origin, 'usable');
  const engine = (await fetched(page, origin, 'ready')).filter((path) => !early.includes(path));
  // Everything else the reader could reach by scrolling through the page.
  for (let y = 0; y < 20; y += 1) {
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(150);
  }
  await page.waitForLoadState('networkidle');
  const later = (await fetched(page, origin)).filter((path) => !early.includes(path) && !engine.includes(path));
  // What no scrolling fetches: the modules behind a press, and what they import
  // (read from the site's files as shipped: the page's bundle or the modules as written).
  const scripts = [...early, ...engine, ...later].filter((path) => path.endsWith('.js'));
  // A feature's own stylesheet comes with its module (www/on-demand.js).
  const sheets = (await readdir(join(SITE, 'www'))).filter((name) => name.endsWith('.css')).map((name) => `www/${name}`);
  const onDemand = [...(await builtOnDemand(SITE, scripts)), ...sheets].filter((path) => ![...early, ...engine, ...later].includes(path));

  const rows = [];
  const total = (group) => group.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const GROUPS = ['before usable', 'then, the engine', 'later', 'on demand'];
  for (const [when, paths] of [[GROUPS[0], early], [GROUPS[1], engine], [GROUPS[2], later], [GROUPS[3], onDemand]]) {
    for (const path of paths) rows.push({ when, path, ...(await sizes(path)) });
  }
  const before = total(rows.filter((row) => row.when === 'before usable'));
  const all = total(rows);
  const line = (name, s) => console.log(`${name.padEnd(44)} ${String(s.raw).padStart(9)} ${String(s.gzip).padStart(9)} ${String(s.brotli).padStart(9)}`);
  console.log(`${'file'.padEnd(44)} ${'bytes'.padStart(9)} ${'gzipped'.padStart(9)} ${'brotli'.padStart(9)}`);
  for (const when of GROUPS) {
    console.log(`-- ${when}`);
    for (const row of rows.filter((r) => r.when === when)) line(row.path, row);
  }
  // "total" is what loads before the page is usable; "all" adds what loads later or at a press.
  line('total', before);
  line('all', all);
  // The parts the README's goals name: the first load, the engine after it, the lazy parts.
  const untilReady = total(rows.filter((row) => row.when === 'then, the engine'));
  const lazy = total(rows.filter((row) => row.when === 'later'));
  const pressed = total(rows.filter((row) => row.when === 'on demand'));
  const only = (path) => total(rows.filter((row) => row.path === path));
  const parts = {
    'first load (before usable)': before,
    '  of which the first tour\'s recording': only('www/first-tour.js'),
    '  of which other tours\' recordings': total(rows.filter((row) => row.when === 'before usable' && row.path.startsWith('www/recordings/'))),
    'then, until the engine is there': untilReady,
    '  of which the wasm (the engine and the labs)': only('www/pkg/session_playground_bg.wasm'),
    'lazy parts (labs, near them)': lazy,
    'on demand (fork, dialogs, drawer, replay)': pressed,
    'all of it': all,
  };
  console.log();
  for (const [name, s] of Object.entries(parts)) line(name, s);
  const out = process.argv.indexOf('--json');
  if (out !== -1) await writeFile(process.argv[out + 1], `${JSON.stringify({ rows, before, untilReady, later: lazy, onPress: pressed, all, parts }, null, 2)}\n`);
} finally {
  await browser.close();
  await server.close();
}
