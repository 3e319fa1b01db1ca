// The scale lab's benchmark in headless Chromium: loads the release wasm
// build (www/pkg, from `make build`) into a page served on 127.0.0.1 and runs
// the same 1,000,000-request, 100,000-user runs as examples/bench.rs, timed
// with performance.now(), fastest and median of 15. Given the native benchmark's output
// as a file, it prints the native/wasm ratio for each topology.
// Usage: node scripts/bench-browser.mjs [native-output.txt]

import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/static-server.mjs';

const RUNS = 15;
const TOPOLOGIES = [
  ['perServer', 'roundRobin'],
  ['perServer', 'sticky'],
  ['shared', 'random'],
];

const native = new Map();
if (process.argv[2]) {
  for (const line of (await readFile(process.argv[2], 'utf8')).split('\n')) {
    const match = /^native (\w+) (\w+) (\d+) /.exec(line);
    if (match) native.set(`${match[1]} ${match[2]}`, Number(match[3]));
  }
}

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  // A same-origin document to import the module into; the page itself is not needed.
  await page.goto(`${server.url}www/favicon.svg`);
  console.log(`1,000,000 requests from 100,000 users on 4 servers, seed 1; fastest and median of ${RUNS} runs each`);
  for (const [layout, balancing] of TOPOLOGIES) {
    const { rate, median, found } = await page.evaluate(
      async ({ layout, balancing, runs }) => {
        const module = await import('/www/pkg/session_playground.js');
        await module.default();
        const config = { users: 100000, requests: 1000000, servers: 4, balancing, layout, seed: 1 };
        const rates = [];
        let found = 0;
        for (let i = 0; i < runs; i += 1) {
          const start = performance.now();
          const run = new module.ScaleRun(config);
          run.step(config.requests);
          const ms = performance.now() - start;
          found = run.result().found;
          run.free();
          rates.push(config.requests / (ms / 1000));
        }
        rates.sort((a, b) => a - b);
        return { rate: rates[runs - 1], median: rates[Math.floor(runs / 2)], found };
      },
      { layout, balancing, runs: RUNS },
    );
    const key = `${layout} ${balancing}`;
    const ratio = native.has(key) ? `; native/wasm ${(native.get(key) / rate).toFixed(2)}` : '';
    console.log(`wasm ${key} ${Math.round(rate)} simulated requests/s (median ${Math.round(median)}; found ${found})${ratio}`);
  }
} finally {
  await browser.close();
  await server.close();
}
