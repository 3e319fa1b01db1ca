// The page's module graph as the browser walks it before running anything:
// the static `import … from '…'` (and `export … from '…'`) of each module
// under www/, followed to the end. An `import()` is not followed: what it
// names loads on demand, later. The first-load test compares this graph with
// the modulepreload list in index.html and the element's list of the
// engine's modules, so neither can fall behind the code.
//
// Paths are relative to the repository's root, with '/' (e.g. 'www/main.js').

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

const toRepoPath = (absolute) => relative(ROOT, absolute).split(sep).join('/');

// A statement at the start of a line, up to its specifier: `import x from './a.js'`,
// `import { a,\n b } from "./b.js"`, `import './c.js'`, `export { d } from './d.js'`.
const STATIC = /^\s*(?:import|export)\s+(?:[^;'"`]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
// `import('./x.js')`: loaded on demand.
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiers(text, pattern) {
  return [...text.matchAll(pattern)].map((match) => match[1]);
}

function resolve(from, specifier) {
  if (!specifier.startsWith('.')) throw new Error(`${from} imports "${specifier}": the page has no bundler, so only relative paths work`);
  return toRepoPath(normalize(join(ROOT, dirname(from), specifier)));
}

/** The first tour's recording, a module the site's build writes (scripts/record-tours.mjs), not a source: it imports nothing. */
export const RECORDING_MODULE = 'www/first-tour.js';

/** Where the site's build writes every tour's recording (`<key>.js`), as modules that import nothing. */
export const RECORDINGS = 'www/recordings';

/**
 * A module's text. wasm-bindgen's glue (www/pkg/) is written by `make build`,
 * and the unit tests run before it on a fresh clone: a glue file not yet
 * built counts as importing nothing, which is what the glue of a web-target
 * build without JS snippets does. The tours' recordings are written into the
 * site only, and import nothing.
 */
function moduleText(path) {
  const file = join(ROOT, path);
  if (path === RECORDING_MODULE || path.startsWith(`${RECORDINGS}/`) || (path.startsWith('www/pkg/') && !existsSync(file))) return '';
  return readFileSync(file, 'utf8');
}

/** The modules `path` names in static imports (repository paths). */
export function staticImports(path) {
  const text = moduleText(path);
  return specifiers(text, STATIC).map((specifier) => resolve(path, specifier));
}

/** The modules `path` loads on demand with `import('…')` (repository paths). */
export function dynamicImports(path) {
  const text = moduleText(path);
  return specifiers(text, DYNAMIC).map((specifier) => resolve(path, specifier));
}

/** Every module the browser fetches before running `entries`: them and their static imports, to the end, sorted. */
export function staticClosure(entries) {
  const seen = new Set();
  const pending = [...entries];
  while (pending.length > 0) {
    const path = pending.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    pending.push(...staticImports(path));
  }
  return [...seen].sort();
}
