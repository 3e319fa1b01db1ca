// Unit tests (node's test runner, no browser) for the first load's lists:
// index.html asks for every module of the page's first load at once
// (<link rel="modulepreload">), start.js for the engine's wasm or a tour's recording, and the
// element asks for the engine's modules at once too; each list is exactly
// what the code imports (scripts/module-graph.mjs walks the static imports),
// so none falls behind when a module is added, moved or loaded on demand.
// scripts/index-page.mjs writes index.html's list from the same walk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORDING_MODULE, ROOT, dynamicImports, staticClosure } from '../../scripts/module-graph.mjs';

const INDEX = join(ROOT, 'index.html');
const ELEMENT = 'www/session-playground.js';

/** What a fresh page does not fetch until the reader asks for it (or, for the labs, comes near). */
const ON_DEMAND = [
  'www/fork.js', 'www/inspector.js', 'www/print.js', 'www/replay.js', 'www/share-dialog.js', 'www/token-drawer.js', 'www/attacks.js', 'www/lab.js', 'www/scale.js',
  // The words of the parts above, each fetched with its part (www/text/index.js, PART_WORDS).
  'www/text/en/fork.js', 'www/text/en/inspector.js', 'www/text/en/print.js', 'www/text/en/share-dialog.js', 'www/text/en/token-drawer.js',
];

/** The modules index.html preloads, in its order. */
function preloaded(html) {
  return [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((match) => match[1]);
}

test("index.html preloads exactly the modules of the page's first load", () => {
  const html = readFileSync(INDEX, 'utf8');
  const entry = html.match(/<script type="module" src="([^"]+)"><\/script>/)?.[1];
  assert.equal(entry, 'www/main.js', 'the page has one entry module');
  // The entry itself is fetched at once by its own tag.
  // And the first tour's recording, which the site's build writes and start.js imports on a fresh page.
  const expected = [...staticClosure([entry]).filter((path) => path !== entry), RECORDING_MODULE].sort();
  const listed = preloaded(html);
  assert.deepEqual(
    [...listed].sort(),
    expected,
    "index.html's modulepreload links must be main.js's static imports, to the end, and the recording: `node scripts/index-page.mjs` writes them",
  );
  assert.equal(new Set(listed).size, listed.length, 'no module is preloaded twice');
});

test("start.js asks for what the address needs first: the engine's wasm, compiled as it streams in, or a tour's recording", (t) => {
  const html = readFileSync(INDEX, 'utf8');
  // The wasm is not preloaded: a fresh page would then fetch it before it is usable. The recording
  // is, first (a page that does not open on it fetches it and leaves it: 7 KB gzipped, no warning).
  assert.doesNotMatch(html, /session_playground_bg\.wasm/);
  assert.deepEqual(preloaded(html)[0], 'www/first-tour.js');
  // start.js runs on its own, as soon as it (and compile.js) arrive, and starts the compile from that same URL.
  assert.match(html, /<script type="module" async src="www\/start\.js"><\/script>\s*<script type="module" src="www\/main\.js"><\/script>/);
  const start = readFileSync(join(ROOT, 'www/start.js'), 'utf8');
  assert.match(start, /compileEngine\(new URL\('\.\/pkg\/session_playground_bg\.wasm', import\.meta\.url\)\)/);
  assert.match(start, /^if \(recordedTour === null\) startEngine\(\);$/m, 'an address that needs the engine asks for it at once');
  assert.match(start, /import\(recordingModule\(recordedTour\)\)/, "a fresh page imports the first tour's recording, one naming a tour that tour's");
  assert.deepEqual(staticClosure(['www/start.js']), ['www/compile.js', 'www/start.js', 'www/tour-list.js'], 'start.js waits for nothing else but the list of tours (which imports nothing)');
  const compile = readFileSync(join(ROOT, 'www/compile.js'), 'utf8');
  assert.match(compile, /WebAssembly\.compileStreaming\(response\)/, 'compiled as it streams in');
  // main.js hands the compiled module to the glue, which would otherwise fetch and compile it only once main.js runs.
  assert.match(readFileSync(join(ROOT, 'www/main.js'), 'utf8'), /await init\(\{ module_or_path: startEngine\(\) \}\)/);
  // The glue is written by `make build`, which on a fresh clone runs after this layer; the end-to-end
  // layer then loads the page through it.
  const gluePath = join(ROOT, 'www/pkg/session_playground.js');
  if (!existsSync(gluePath)) {
    t.diagnostic('www/pkg/ is not built yet: the glue is checked once it is');
    return;
  }
  assert.match(readFileSync(gluePath, 'utf8'), /WebAssembly\.instantiate\(module, imports\)/, 'the glue instantiates a module it is given');
});

test('the stage is drawn by a module of its own, which waits for its markup alone, not for the player or the engine', () => {
  const html = readFileSync(INDEX, 'utf8');
  // Run on its own (async), it does not wait for main.js's graph, nor for the page's parsing to end.
  assert.match(html, /<script type="module" async src="www\/stage\.js"><\/script>/);
  const graph = staticClosure(['www/stage.js']);
  assert.ok(graph.includes('www/markup.js'), 'stage.js draws the markup');
  for (const late of ['www/main.js', 'www/player.js', 'www/core.js', 'www/pkg/session_playground.js', 'www/view.js']) {
    assert.ok(!graph.includes(late), `stage.js imports ${late}, so the stage waits for it`);
  }
  // main.js takes the stage from it (the same module: the presses it kept), rather than drawing its own.
  const main = readFileSync(join(ROOT, 'www/main.js'), 'utf8');
  assert.match(main, /await stage\b/);
  assert.doesNotMatch(main, /playgroundMarkup\(/);
});

test('the framed view is decided before the first paint, by a module that waits for nothing', () => {
  const html = readFileSync(INDEX, 'utf8');
  // The first script, before the stylesheet, holding the first paint until it has run.
  assert.match(html, /<link rel="icon"[^>]*>\s*(<!--[\s\S]*?-->\s*)?<script type="module" async blocking="render" src="www\/embed-view\.js"><\/script>\s*<link rel="stylesheet"/);
  assert.equal((html.match(/blocking="render"/g) ?? []).length, 1, 'nothing else holds the first paint');
  assert.deepEqual(staticClosure(['www/embed-view.js']), ['www/embed-view.js'], 'it imports nothing, so it runs as soon as it arrives');
  // main.js reads its answer rather than deciding again.
  assert.match(readFileSync(join(ROOT, 'www/main.js'), 'utf8'), /classList\.contains\('embed'\)/);
});

test('nothing the reader must ask for is in the first load', () => {
  const first = staticClosure(['www/main.js']);
  for (const path of ON_DEMAND) assert.ok(!first.includes(path), `${path} is imported statically from main.js's graph`);
  // Each is still loaded by someone, on demand.
  const loadedLater = new Set(first.flatMap(dynamicImports).concat(dynamicImports('www/core.js')));
  for (const path of ON_DEMAND) assert.ok(loadedLater.has(path), `nothing loads ${path} on demand`);
});

test("the element asks for all of the engine's modules at once, the same ones, and its tour's recording as the page does", async () => {
  const text = readFileSync(join(ROOT, ELEMENT), 'utf8');
  assert.match(text, /import \{ ENGINE_MODULES \} from '\.\/engine-modules\.js'/, `${ELEMENT} asks for the list in www/engine-modules.js`);
  assert.match(text, /\(modules \?\?= importAll\(ENGINE_MODULES\)/, `${ELEMENT} asks for every module on the list at once, before the player`);
  assert.match(text, /Promise\.allSettled\(paths\.map\(\(path\) => import\(path\)\)\)/, 'all at once, not one after another');
  const { ENGINE_MODULES } = await import('../../www/engine-modules.js');
  const named = ENGINE_MODULES.map((path) => `www/${path.replace(/^\.\//, '')}`);
  const expected = staticClosure(['www/core.js', 'www/player.js', 'www/recorded.js']);
  assert.deepEqual([...named].sort(), expected, `www/engine-modules.js must list core.js's, player.js's and recorded.js's static imports, to the end:\n${expected.map((p) => `'./${p.slice(4)}'`).join(', ')}`);
  for (const path of ON_DEMAND) assert.ok(!named.includes(path), `the element's first load includes ${path}`);
  // The recordings it opens on are the page's: the first tour's for an element with no scenario, a named tour's for one naming it.
  assert.match(text, /import\(recordingModule\(key\)\)/);
});
