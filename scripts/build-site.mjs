// Writes the site as it is deployed, target/site/, from the sources: the
// files the page fetches, laid out as in the repository, each one smaller.
//
// - every JavaScript module (www/**/*.js, wasm-bindgen's glue in www/pkg/
//   included) minified on its own by esbuild: file names, `import`
//   specifiers and every `import()` stay as they are, so a module's parts
//   loaded on demand name the same files; the names a module exports are
//   kept (the glue's classes keep their `name`);
// - every stylesheet minified by esbuild the same way;
// - a linked source map beside each (`main.js.map`), the source inside it,
//   fetched only by a browser's developer tools, so a stack trace still reads;
// - the page's own scripts besides, as one bundle split at each part it
//   loads on demand (`www/page-*-<hash>.js`, bundlePage below), which the
//   site's index.html runs and preloads;
// - the element the same way (`www/element-*-<hash>.js`, bundleElement
//   below), its entry written as www/session-playground.js in place of the
//   module minified on its own, so an author's page names the file it did;
// - JSON (the tours in scenarios/, the defence matrix) compacted;
// - index.html with its scripts and preload list the bundle's;
// - everything else copied: the wasm, the icon, the example article's page;
// - and the modules written: every tour as the shipped engine answers it
//   (scripts/record-tours.mjs), the first tour's as www/first-tour.js and
//   every other's as www/recordings/<key>.js, which a fresh page or one
//   naming a tour opens on before the wasm arrives (www/recorded.js).
//
// The shipped files are the sources minified and bundled, nothing more (the
// one text a build writes into a module is the element's bundle's list of
// its own files, www/engine-modules.js): the unit tests
// read the sources, the end-to-end tests, `make size`, the benchmarks and the
// npm package read the site. Run by `make build` after the wasm; when no
// source's modification time differs from the last build's record
// (target/site.built.json) and none was added or removed, it does nothing,
// in a few milliseconds. A build writes a fresh folder and swaps it in, so
// no file of an earlier build is left behind.
//
// Usage: node scripts/build-site.mjs [--force]

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { RECORDING_MODULE, reach } from './module-graph.mjs';
import { writeRecordings } from './record-tours.mjs';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SITE = join(ROOT, 'target/site');

/** The record of the last build, beside the site (not deployed): each source's modification time, so any change (and a file added or removed) is noticed, and the page's bundle's entries (pageModule). */
const stampOf = (out) => `${out}.built.json`;
/** What a source map names each source as: its repository path under this scheme, not a URL the site serves. */
const SOURCE_SCHEME = 'session-playground:///';

const toPosix = (path) => path.split(sep).join('/');

/** Every file under `dir` (repository paths, '/'-separated), dotfiles left out. */
function walk(root, dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(root, path));
    else out.push(path);
  }
  return out;
}

/** The site's sources (repository paths, sorted): the page, www/ (the built www/pkg/ with it) and the tours. */
export function siteSources(root = ROOT) {
  for (const file of ['www/pkg/session_playground.js', 'www/pkg/session_playground_bg.wasm']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: \`make build\` builds the wasm before the site`);
  }
  const scenarios = walk(root, 'scenarios').filter((path) => path.endsWith('.json'));
  return ['index.html', ...walk(root, 'www'), ...scenarios].sort();
}

/** Files that change what a build writes without being shipped: this script, the recorder and the minifier. */
function toolFiles(root) {
  return [fileURLToPath(import.meta.url), fileURLToPath(new URL('./record-tours.mjs', import.meta.url)), join(root, 'node_modules/esbuild/package.json')].filter(existsSync);
}

/** Each file's modification time, by repository path: the sources and the tools. */
function mtimes(root, sources) {
  const files = [...sources, ...toolFiles(root).map((file) => toPosix(relative(root, file)))];
  return Object.fromEntries(files.map((path) => [path, statSync(join(root, path)).mtimeMs]));
}

/**
 * Why the site at `out` needs building, or null when it is up to date: the
 * last build recorded each source's (and tool's) modification time, and any
 * file whose time differs (newer, or older: a file put back), or that was
 * added or removed, makes it stale.
 */
export function whyStale(root, out, sources) {
  const stamp = stampOf(out);
  if (!existsSync(stamp) || !existsSync(out)) return 'not built yet';
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(stamp, 'utf8')).files;
  } catch {
    return 'its record is unreadable';
  }
  const now = mtimes(root, sources);
  const names = (files) => JSON.stringify(Object.keys(files ?? {}).sort());
  if (names(recorded) !== names(now)) return 'a source was added or removed';
  const changed = Object.keys(now).find((path) => recorded[path] !== now[path]);
  return changed ? `${changed} changed` : null;
}

/**
 * Writes esbuild's output files, each map with its sources named by
 * repository path under SOURCE_SCHEME (esbuild writes them relative to the
 * map, which from target/site/ would point outside the site, or at the
 * minified file's own URL).
 */
async function writeOutputs(outputFiles, root) {
  for (const file of outputFiles) {
    await mkdir(dirname(file.path), { recursive: true });
    if (!file.path.endsWith('.map')) {
      await writeFile(file.path, file.contents);
      continue;
    }
    const map = JSON.parse(file.text);
    map.sources = map.sources.map((source) => `${SOURCE_SCHEME}${toPosix(relative(root, join(dirname(file.path), source)))}`);
    await writeFile(file.path, JSON.stringify(map));
  }
}

/** How every shipped script and stylesheet is written, one by one or bundled. */
const SHIPPED = {
  minify: true,
  // No syntax lowered.
  target: 'esnext',
  // The words stay UTF-8 (esbuild's default escapes every non-ASCII character, six bytes for "…").
  charset: 'utf8',
  sourcemap: 'linked',
  sourcesContent: true,
  // A licence comment stays where it is (none of the page's own modules has one).
  legalComments: 'inline',
  write: false,
  logLevel: 'silent',
};

/** Minifies the JavaScript and CSS of `sources` into `out`, each with its linked map. */
async function minify(root, out, sources) {
  if (sources.length === 0) return;
  const result = await build({
    ...SHIPPED,
    absWorkingDir: root,
    entryPoints: sources,
    outbase: root,
    outdir: out,
    bundle: false,
    // No `format`: esbuild then keeps each exported declaration's own name (a class's `name`,
    // which the free() guard of www/core.js reads), and renames only what is local to a module.
    // Each module ships as written: no helpers added.
  });
  await writeOutputs(result.outputFiles, root);
}

/**
 * The file of the built site at `site` (target/site/ unless said) that is
 * the page's bundle's entry for the module at `path` (a repository path):
 * `www/fork.js` is `www/page-fork-<hash>.js`, beside it. Read from the
 * record the last build left beside the site; throws if the module is not
 * one of the bundle's entries.
 */
export const pageModule = (path, site = SITE) => bundleEntry('page', path, site);

/** The same for the element's bundle: `www/player.js` is `www/element-player-<hash>.js`; the element's own module keeps its name. */
export const elementModule = (path, site = SITE) => bundleEntry('element', path, site);

function bundleEntry(which, path, site) {
  const files = JSON.parse(readFileSync(stampOf(site), 'utf8'))[which] ?? {};
  if (!(path in files)) throw new Error(`${path} is not an entry of the ${which}'s bundle in ${site}`);
  return files[path];
}

/** wasm-bindgen's glue: left out of the page's bundle, so the page and whoever imports www/core.js share one engine. */
const GLUE = 'www/pkg/session_playground.js';

/** The module scripts an index.html runs (repository paths), in its order. */
export function pageEntries(html) {
  return [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
}

/**
 * Every module the page loads on demand (repository paths, sorted): what an
 * `import('…')` names anywhere in the page's graph, found by esbuild itself
 * (a first pass that writes nothing). Each becomes an entry of the page's
 * bundle, so each keeps a file of its own and loads when it did.
 */
async function onDemandModules(root, entries, plugins) {
  const { metafile } = await build({ absWorkingDir: root, entryPoints: entries, outdir: 'out', bundle: true, splitting: true, format: 'esm', metafile: true, write: false, logLevel: 'silent', plugins });
  const found = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((item) => item.kind === 'dynamic-import' && !item.external).map((item) => item.path));
  return [...new Set(found)].sort();
}

/**
 * Leaves wasm-bindgen's glue out of a bundle, as written: the page (or the
 * element) and whoever imports www/core.js beside it share one engine.
 */
const glueStaysApart = (root) => ({
  name: 'glue-stays-apart',
  setup(plugin) {
    plugin.onResolve({ filter: /session_playground\.js$/ }, ({ path, resolveDir }) => {
      if (toPosix(relative(root, join(resolveDir, path))) !== GLUE) return undefined;
      // Every file of a bundle that can import it sits in www/, as the importer does.
      if (toPosix(relative(root, resolveDir)) !== 'www') throw new Error(`only a module in www/ may import ${GLUE} (the bundle's files are written there)`);
      return { path, external: true };
    });
  },
});

/**
 * `entries` and every part their graph loads on demand as one bundle
 * (esbuild, split at every `import()`): each entry named
 * `<prefix>-<name>-<hash>.js` beside its source's place, and the code two or
 * more of them share in `www/<prefix>-shared-<hash>.js` files, every one in
 * www/, so an `import.meta.url` in any of them (the wasm's, a stylesheet's,
 * the defence matrix's) resolves as it does from the source. Every file is
 * named by its content's hash: a page opened before a new build was
 * deployed asks for its own build's files, which are there if the host
 * keeps them, and fails to load a part rather than mixing its modules with
 * another build's if not. Returns esbuild's files (not yet written), each
 * entry's file by its source's path, and the static imports of each file.
 */
async function bundle(root, out, entries, { prefix, plugins }) {
  const result = await build({
    ...SHIPPED,
    absWorkingDir: root,
    entryPoints: [...entries, ...(await onDemandModules(root, entries, plugins))],
    outbase: root,
    outdir: out,
    entryNames: `[dir]/${prefix}-[name]-[hash]`,
    chunkNames: `www/${prefix}-shared-[hash]`,
    bundle: true,
    splitting: true,
    format: 'esm',
    // No `keepNames`: the one class name read (by core.js's free() guard) is the glue's, outside the bundle.
    metafile: true,
    plugins,
  });
  const imports = {};
  const files = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const path = toPosix(relative(out, join(root, file)));
    if (path.endsWith('.map')) continue;
    imports[path] = output.imports.filter((item) => item.kind === 'import-statement').map((item) => (item.external ? toPosix(join(dirname(path), item.path)) : toPosix(relative(out, join(root, item.path)))));
    if (output.entryPoint) files[toPosix(output.entryPoint)] = path;
  }
  return { outputFiles: result.outputFiles, imports, files };
}

/**
 * The page's JavaScript as one bundle: index.html's scripts and every part
 * they load on demand (`www/page-*-<hash>.js`). The first load is 14
 * scripts in place of 28, which on a cold load costs the browser less of
 * its two cores (README, Size). The modules as written stay in the site
 * too, minified one by one: the npm package and a test that imports
 * www/core.js load those. Returns each entry's file by its source's path,
 * and the static imports of each file written, for index.html's preload
 * list.
 */
async function bundlePage(root, out, html) {
  const entries = pageEntries(html);
  const { outputFiles, imports, files } = await bundle(root, out, entries, { prefix: 'page', plugins: [glueStaysApart(root)] });
  await writeOutputs(outputFiles, root);
  return { entries, imports, page: files };
}

/** The element's module: authors load it by this name, so its bundle's entry keeps it. */
export const ELEMENT = 'www/session-playground.js';

/**
 * The element as one bundle the same way (`www/element-*-<hash>.js`), its
 * entry written as www/session-playground.js itself, in place of the module
 * minified on its own: an author's page asks for the one file it always
 * did. Bundled, the element's `import()`s of player.js, recorded.js,
 * tours.js and core.js name the bundle's files, so the list of the engine's
 * JS it asks for at once (www/engine-modules.js, as written the modules
 * themselves) becomes the bundle's files that hold it: each of those
 * modules is in the bundle once, and asking for the one written on its own
 * would run a second copy. esbuild runs twice for it: once to learn the
 * files, once with the list, which only the element's own file holds (the
 * second run checks that every other file is as the first wrote it).
 * Returns each entry's file by its source's path.
 */
async function bundleElement(root, out) {
  const listed = (list) => ({
    name: 'engine-modules-bundled',
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]www[\\/]engine-modules\.js$/ }, () => ({ contents: `export const ENGINE_MODULES = ${JSON.stringify(list)};\n`, loader: 'js' }));
    },
  });
  const bundled = (list) => bundle(root, out, [ELEMENT], { prefix: 'element', plugins: [glueStaysApart(root), listed(list)] });
  const first = await bundled([]);
  // The list as written, imported afresh each build (node keeps a module by its URL): a process that builds again after an edit reads the edit.
  const { ENGINE_MODULES } = await import(`${pathToFileURL(join(root, 'www/engine-modules.js')).href}?build=${Date.now()}`);
  // The modules it names that are entries of the bundle (player.js, core.js…), and every file they import, to the end,
  // less what the element's own file imports, which is there before any of it is asked for.
  const entries = ENGINE_MODULES.map((path) => first.files[toPosix(join('www', path))]).filter(Boolean);
  const importsOf = (path) => first.imports[path] ?? [];
  const already = new Set(reach([first.files[ELEMENT]], importsOf));
  const files = reach(entries, importsOf).filter((path) => !already.has(path)).map((path) => `./${toPosix(relative('www', path))}`).sort();
  const { outputFiles, files: entryFiles } = await bundled(files);
  // Every other file as the first run wrote it (the names are their contents' hashes), the element's own aside.
  const others = (paths, own) => JSON.stringify(paths.filter((path) => !path.startsWith(join(out, own))).sort());
  if (others(outputFiles.map((file) => file.path), entryFiles[ELEMENT]) !== others(first.outputFiles.map((file) => file.path), first.files[ELEMENT])) {
    throw new Error("the element's bundle changed beyond the element's own file when its list of the engine's files was written in");
  }
  const hashed = join(out, entryFiles[ELEMENT]);
  const named = join(out, ELEMENT);
  const mapComment = `//# sourceMappingURL=${basename(hashed)}.map`;
  const renamed = outputFiles.map((file) => {
    if (file.path === hashed) {
      const text = file.text.replace(mapComment, `//# sourceMappingURL=${basename(named)}.map`);
      if (text === file.text) throw new Error(`${entryFiles[ELEMENT]} does not name its map as expected`);
      return { path: named, contents: Buffer.from(text), text };
    }
    return file.path === `${hashed}.map` ? { path: `${named}.map`, contents: file.contents, text: file.text } : file;
  });
  await writeOutputs(renamed, root);
  return { ...entryFiles, [ELEMENT]: ELEMENT };
}

/**
 * index.html as the site serves it: its scripts the bundle's entries, and its
 * preload list the first tour's recording, then every file those entries
 * import, to the end, as the source's list is every module main.js imports.
 */
function sitePage(html, { entries, imports, page: entryFile }) {
  const main = entryFile['www/main.js'];
  const closure = (entry) => reach([entryFile[entry]], (path) => imports[path] ?? []);
  const preload = [...new Set([RECORDING_MODULE, ...entries.flatMap(closure)])].filter((path) => path !== main);
  const links = preload.map((path) => `  <link rel="modulepreload" href="${path}">\n`).join('');
  const first = html.indexOf('  <link rel="modulepreload"');
  const after = html.lastIndexOf('<link rel="modulepreload"');
  if (first < 0) throw new Error('index.html has no modulepreload list to write');
  const end = html.indexOf('\n', after) + 1;
  let page = html.slice(0, first) + links + html.slice(end);
  for (const entry of entries) page = page.replace(`src="${entry}"`, `src="${entryFile[entry]}"`);
  return page;
}

/** Writes every file of the site into `out`: the modules and stylesheets minified, the page's bundle, JSON compacted, the rest copied. */
async function writeSite(root, out, sources) {
  await minify(root, out, sources.filter((path) => path.endsWith('.js') || path.endsWith('.css')));
  const html = await readFile(join(root, 'index.html'), 'utf8');
  const page = await bundlePage(root, out, html);
  await writeFile(join(out, 'index.html'), sitePage(html, page));
  const element = await bundleElement(root, out);
  for (const path of sources) {
    if (path.endsWith('.js') || path.endsWith('.css') || path === 'index.html') continue;
    const target = join(out, path);
    await mkdir(dirname(target), { recursive: true });
    if (path.endsWith('.json')) await writeFile(target, compactJson(path, await readFile(join(root, path), 'utf8')));
    else await copyFile(join(root, path), target);
  }
  return { page: page.page, element };
}

/** A JSON file's text without its whitespace, or an error naming the file. */
function compactJson(path, text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error.message}`);
  }
}

/**
 * Builds the site from `root`'s sources into `out` (target/site/), unless it
 * is up to date; says what it did. `record(site)` writes the tours'
 * recordings from the site's engine (a test whose glue is a stand-in, with no
 * engine to record, passes its own).
 */
export async function buildSite({ root = ROOT, out = join(root, 'target/site'), force = false, record = writeRecordings } = {}) {
  const sources = siteSources(root);
  const why = force ? 'asked to' : whyStale(root, out, sources);
  if (why === null) return { built: false, files: sources.length };
  const started = performance.now();
  // The times as they were when the build began: a file edited during it makes the next one build again.
  const stamped = mtimes(root, sources);
  // A fresh folder beside the old one, swapped in at the end.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = `${out}.${tag}.new`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  /** The page's bundle: each entry's file by its source's path (pageModule reads it from the record). */
  let page;
  /** The element's bundle, the same way (elementModule reads it). */
  let element;
  try {
    ({ page, element } = await writeSite(root, fresh, sources));
    await record(fresh);
  } catch (error) {
    // A source that does not parse fails the build, naming it; the last good site stays.
    await rm(fresh, { recursive: true, force: true });
    throw error;
  }
  // Two builds at once (two test files started together) each swap in a whole site: whichever
  // lands last stays, and a folder the other moved first is simply not there to move.
  const old = `${out}.${tag}.old`;
  await rename(out, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(fresh, out).catch(async (error) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    await rm(fresh, { recursive: true, force: true });
  });
  await rm(old, { recursive: true, force: true });
  await writeFile(stampOf(out), `${JSON.stringify({ files: stamped, page, element }, null, 1)}\n`);
  return { built: true, why, files: sources.length, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await buildSite({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`site: not built: ${error.message}`);
    process.exit(1);
  });
  const where = toPosix(relative(process.cwd(), SITE)) || '.';
  if (result.built) console.log(`site: built ${where}/ (${result.files} files, ${result.ms} ms: ${result.why})`);
  else console.log(`site: ${where}/ is up to date`);
}
