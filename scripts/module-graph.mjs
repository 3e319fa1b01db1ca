// The page's module graph as the browser walks it before running anything:
// the static `import … from '…'` (and `export … from '…'`) of each module
// under www/, followed to the end. An `import()` is not followed: what it
// names loads on demand, later. The first-load test compares this graph with
// the modulepreload list in index.html and the element's list of the
// engine's modules, so neither can fall behind the code.
//
// Paths are relative to the repository's root, with '/' (e.g. 'www/main.js').

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

/** Everything reached from `starts` by `next(item)` (an array of items), `starts` included, each once, in the order first reached (breadth first). */
export function reach(starts, next) {
  const seen = new Set();
  const queue = [...starts];
  while (queue.length > 0) {
    const item = queue.shift();
    if (seen.has(item)) continue;
    seen.add(item);
    queue.push(...next(item));
  }
  return [...seen];
}

/** Every module the browser fetches before running `entries`: them and their static imports, to the end, sorted. */
export function staticClosure(entries) {
  return reach(entries, staticImports).sort();
}

/**
 * A module's imports as esbuild parses it (any text, minified or not):
 * `import` statements and `import()`s of a literal, in order, each
 * `<kind> <specifier>`, and its exported names, sorted. It reads a built
 * file, where a line may hold many statements, as well as a source.
 */
export async function moduleShape(text) {
  const external = { name: 'external', setup: (b) => b.onResolve({ filter: /.*/ }, (args) => ({ path: args.path, external: true })) };
  const result = await build({ stdin: { contents: text, loader: 'js' }, bundle: true, format: 'esm', write: false, metafile: true, outfile: 'shape.js', plugins: [external], logLevel: 'silent' });
  return {
    imports: result.metafile.inputs['<stdin>'].imports.map((entry) => `${entry.kind} ${entry.path}`),
    exports: [...result.metafile.outputs['shape.js'].exports].sort(),
  };
}

/**
 * What the modules `paths` of a built site (paths in `site`, '/'-separated)
 * load on demand, and what those import, to the end: each `import('…')` of a
 * literal followed, with the static imports of what it names, leaving out
 * `paths` themselves and what they import. Read from the files as shipped,
 * so it holds for the site's bundled page as for its modules as written.
 */
export async function builtOnDemand(site, paths) {
  const imports = async (path) => {
    const { imports: found } = await moduleShape(readFileSync(join(site, path), 'utf8'));
    return found.map((entry) => {
      const [kind, specifier] = entry.split(' ');
      return { dynamic: kind === 'dynamic-import', path: posix.normalize(posix.join(posix.dirname(path), specifier)) };
    });
  };
  const loaded = new Set();
  const pending = [...paths];
  const wanted = [];
  // First the static graph of `paths`: what is already there is not on demand.
  while (pending.length > 0) {
    const path = pending.pop();
    if (loaded.has(path)) continue;
    loaded.add(path);
    for (const next of await imports(path)) (next.dynamic ? wanted : pending).push(next.path);
  }
  const onDemand = new Set();
  while (wanted.length > 0) {
    const path = wanted.pop();
    if (loaded.has(path) || onDemand.has(path)) continue;
    onDemand.add(path);
    for (const next of await imports(path)) wanted.push(next.path);
  }
  return [...onDemand].sort();
}

