// What every end-to-end file shares: one headless Chromium and one static
// server per file (started before its tests, closed after), and `openPage`,
// which opens a page and fails the test on any console or page error.
// Screenshots, at desktop and phone size, land in target/screenshots/.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

export const SHOTS = new URL('../../target/screenshots/', import.meta.url);
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 667 };

/** The file's server ({ url, close }) and browser, once `before` has run. */
export const env = { server: null, browser: null };

before(async () => {
  env.server = await serve();
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
 * page error; the test fails if there were any. Waits for `ready` (a selector).
 */
export async function openPage(t, { viewport = DESKTOP, path = '', query = '', reducedMotion = 'reduce', ready = 'html[data-ready="true"]', bypassCSP = false } = {}) {
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
  await page.goto(env.server.url + path + query);
  if (ready) await page.waitForSelector(ready);
  return page;
}
