// What every end-to-end file shares: one headless Chromium and one static
// server per file (started before its tests, closed after), and `openPage`,
// which opens a page and fails the test on any console or page error,
// `authorPage`, an author's page holding the element, and `markUsable`.
// Screenshots, at desktop and phone size, land in target/screenshots/.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

export const SHOTS = new URL('../../target/screenshots/', import.meta.url);
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 667 };

/** The file's server ({ url, close }) and browser, once `before` has run. */
export const env = { server: null, browser: null };

before(async () => {
  // The site, and the test scenarios (an author's files, opened by URL) beside it.
  env.server = await serve({ mounts: { '/tests/scenarios/': fileURLToPath(new URL('../scenarios/', import.meta.url)) } });
  await mkdir(SHOTS, { recursive: true });
  env.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/**
 * Opens `path + query` in a fresh context and records every console error and
 * page error; the test fails if there were any. `prepare(page)` runs before
 * the page is opened (routes, scripts). Waits for `ready` (a selector).
 */
export async function openPage(t, { viewport = DESKTOP, path = '', query = '', reducedMotion = 'reduce', ready = 'html[data-ready="true"]', bypassCSP = false, prepare } = {}) {
  const context = await env.browser.newContext({ viewport, reducedMotion, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });
  await prepare?.(page);
  await page.goto(env.server.url + path + query);
  if (ready) await page.waitForSelector(ready);
  return page;
}

/**
 * An author's page on the playground's own origin, served by a route (so no
 * file is needed) as www/examples/`file`, holding the element module, with
 * `head` (styles) and `body`; any console or page error fails the test
 * (but a request that fails, if the test makes one fail: `failedLoads`).
 * `prepare(page)` runs before the page is opened (routes, scripts).
 */
export async function authorPage(t, { file, title, head = '', body = '', colorScheme, prepare, failedLoads = false } = {}) {
  const context = await env.browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', colorScheme });
  const page = await context.newPage();
  const problems = [];
  const expected = (text) => failedLoads && text.startsWith('Failed to load resource');
  page.on('console', (message) => message.type() === 'error' && !expected(message.text()) && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });
  const url = `${env.server.url}www/examples/${file}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<script type="module" src="${env.server.url}www/session-playground.js"></script>${head}</head><body>${body}</body></html>`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await prepare?.(page);
  await page.goto(url);
  return page;
}

/** Notes on `window.__usableAt` the moment <html> gets data-ready, so that "before usable" is exact. */
export async function markUsable(page) {
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement?.dataset.ready === 'true') window.__usableAt ??= performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  });
}
