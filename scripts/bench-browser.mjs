// The scale lab's benchmark in headless Chromium: loads the release wasm
// build (www/pkg, as the site ships it, from `make build`) into a page served on 127.0.0.1 and runs
// the same 1,000,000-request, 100,000-user runs as examples/bench.rs, measured
// the same way: warm-up runs first, then 15 samples of 5 runs back to back,
// each sample timed with performance.now() (whose 0.1 ms steps are then
// well under 1% of a sample), reporting the fastest and the median sample.
// Given the native benchmark's output as a file, it prints the native/wasm
// ratio for each topology, fastest to fastest and median to median.
// Usage: node scripts/bench-browser.mjs [native-output.txt]

import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/static-server.mjs';

const WARM_UP = 3;
const SAMPLES = 15;
const RUNS_PER_SAMPLE = 5;
const TOPOLOGIES = [
  ['perServer', 'roundRobin'],
  ['perServer', 'sticky'],
  ['shared', 'random'],
];

const native = new Map();
if (process.argv[2]) {
  for (const line of (await readFile(process.argv[2], 'utf8')).split('\n')) {
    const match = /^native (\w+) (\w+) (\d+) simulated requests\/s \(median (\d+);/.exec(line);
    if (match) native.set(`${match[1]} ${match[2]}`, { rate: Number(match[3]), median: Number(match[4]) });
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
  console.log(`1,000,000 requests from 100,000 users on 4 servers, seed 1; after ${WARM_UP} warm-up runs, the fastest and median of ${SAMPLES} samples of ${RUNS_PER_SAMPLE} runs each`);
  for (const [layout, balancing] of TOPOLOGIES) {
    const { rate, median, found } = await page.evaluate(
      async ({ layout, balancing, warmUp, samples, runsPerSample }) => {
        const module = await import('/www/pkg/session_playground.js');
        await module.default();
        const config = { users: 100000, requests: 1000000, servers: 4, balancing, layout, seed: 1 };
        // One whole run, as examples/bench.rs's ScaleRun::run: set up, step to the end, read the result.
        const once = () => {
          const run = new module.ScaleRun(config);
          run.step(config.requests);
          const { found } = run.result();
          run.free();
          return found;
        };
        let found = 0;
        for (let i = 0; i < warmUp; i += 1) found = once();
        const rates = [];
        for (let i = 0; i < samples; i += 1) {
          const start = performance.now();
          for (let j = 0; j < runsPerSample; j += 1) found = once();
          const ms = performance.now() - start;
          rates.push((runsPerSample * config.requests) / (ms / 1000));
        }
        rates.sort((a, b) => a - b);
        return { rate: rates[samples - 1], median: rates[Math.floor(samples / 2)], found };
      },
      { layout, balancing, warmUp: WARM_UP, samples: SAMPLES, runsPerSample: RUNS_PER_SAMPLE },
    );
    const key = `${layout} ${balancing}`;
    const ratio = native.has(key) ? `; native/wasm ${(native.get(key).rate / rate).toFixed(2)} fastest, ${(native.get(key).median / median).toFixed(2)} median` : '';
    console.log(`wasm ${key} ${Math.round(rate)} simulated requests/s (median ${Math.round(median)}; found ${found})${ratio}`);
  }
} finally {
  await browser.close();
  await server.close();
}
