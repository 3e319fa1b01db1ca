// Unit tests (node's test runner, no browser) for the site as deployed
// (scripts/build-site.mjs, target/site/): the sources minified, file for
// file, and the page's bundle beside them. Each test builds a copy of the
// repository's site sources in a temporary folder (wasm-bindgen's glue from
// www/pkg/ when `make build` has written it, else a stand-in module), so
// what it checks is what `make build` ships: every module imports and
// exports exactly what its source does (the element's module list and every
// `import()` name the same files), each stylesheet and module is smaller and
// names a source map that holds its source, JSON means the same, everything
// else is copied byte for byte, nothing else is there; the page's bundle
// holds exactly the sources of its graph, each on-demand part an entry that
// exports what its source does, the glue left apart, and index.html names it,
// preloading every file of its first load; the element's bundle the same
// way, its entry under the element's own name and its list of the engine's
// JS the bundle's files; a file edited, added or removed
// in www/ shows up in the next build, while a build with nothing changed
// does nothing; and a source that does not parse fails the build, naming it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELEMENT, ROOT, buildSite, elementModule, pageEntries, pageModule, siteSources } from '../../scripts/build-site.mjs';
import { RECORDING_MODULE, dynamicImports, moduleShape, reach, staticClosure } from '../../scripts/module-graph.mjs';
import { isRecording } from '../../www/recorded.js';
import { FIRST_TOUR } from '../../www/tour.js';
import { TOUR_LIST } from '../../www/tour-list.js';

const GLUE = ['session_playground.js', 'session_playground_bg.wasm'];
const built = GLUE.every((name) => existsSync(join(ROOT, 'www/pkg', name)));

/**
 * What writes the first tour's recording into a built site: the engine's own
 * recorder where the wasm is built; where the glue is a stand-in there is no
 * engine to record, and a stand-in module says so (the end-to-end layer,
 * after `make build`, walks the real recording against the engine).
 */
const record = built ? undefined : (site) => writeFileSync(join(site, 'www/first-tour.js'), 'export default null;\n');

/** A temporary copy of the site's sources (index.html, www/, scenarios/); the glue a stand-in if not built yet. */
function copyOfSources(t) {
  const root = mkdtempSync(join(tmpdir(), 'session-playground-site-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(ROOT, 'index.html'), join(root, 'index.html'));
  cpSync(join(ROOT, 'scenarios'), join(root, 'scenarios'), { recursive: true });
  cpSync(join(ROOT, 'www'), join(root, 'www'), { recursive: true, filter: (path) => built || !path.includes(`${join('www', 'pkg')}`) });
  if (!built) {
    mkdirSync(join(root, 'www/pkg'), { recursive: true });
    for (const name of GLUE) {
      const glue = `// A stand-in for wasm-bindgen's glue, which \`make build\` writes: its classes and init, as the real one exports.\n${['CookieLab', 'Playground', 'ScaleRun'].map((cls) => `export class ${cls} {\n  free() {}\n}\n`).join('')}export default async function init() {}\n`;
      writeFileSync(join(root, 'www/pkg', name), name.endsWith('.wasm') ? '\0asm' : glue);
    }
  }
  return root;
}

/** Every file under `dir`, relative, '/'-separated, sorted. */
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/')).sort();

/** The files of `prefix`'s bundle in a built site (`page-<name>-<hash>.js`, `element-shared-<hash>.js`…), with their maps. */
const bundleFileOf = (prefix) => new RegExp(`(^|/)${prefix}-[^/]+-[A-Z0-9]+\\.js(\\.map)?$`);
/** A file of either bundle, the page's or the element's. */
const isBundleFile = (path) => ['page', 'element'].some((prefix) => bundleFileOf(prefix).test(path));

test('the site is the sources minified, file for file, each module importing and exporting what its source does', async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  const result = await buildSite({ root, out, record });
  assert.equal(result.built, true);
  const sources = siteSources(root);
  const expected = sources.flatMap((path) => (/\.(js|css)$/.test(path) ? [path, `${path}.map`] : [path]));
  // And the files the build writes: each tour as the shipped engine answers it, the first tour's
  // where index.html asks for it (scripts/record-tours.mjs).
  const recordings = TOUR_LIST.map(({ key }) => (key === FIRST_TOUR ? 'www/first-tour.js' : `www/recordings/${key}.js`));
  assert.deepEqual(filesUnder(out).filter((path) => !isBundleFile(path)), [...expected, ...(built ? recordings : ['www/first-tour.js'])].sort(), "the site holds the sources (and their maps), the recordings, the page's and the element's bundles, and nothing else");
  if (built) {
    for (const [i, { key }] of TOUR_LIST.entries()) {
      const { default: recording } = await import(pathToFileURL(join(out, recordings[i])).href);
      assert.ok(isRecording(recording), `${key}'s recording is in the format www/recorded.js reads`);
      assert.equal(recording.tour, key);
      assert.equal(recording.states.length, 2 + recording.scenario.steps.length, `${key}: the fresh world, the tour loaded, and one world per step`);
    }
  } else {
    t.diagnostic('www/pkg/ is not built yet: the recording is checked once it is');
  }
  let minified = 0;
  for (const path of sources) {
    // The element's file is its bundle's entry (checked below), not the module minified on its own.
    if (path === ELEMENT || path === `${ELEMENT}.map`) continue;
    const source = readFileSync(join(root, path));
    const shipped = readFileSync(join(out, path));
    if (/\.(js|css)$/.test(path)) {
      assert.ok(shipped.length < source.length, `${path} is smaller (${shipped.length} B of ${source.length} B)`);
      const text = shipped.toString('utf8');
      const map = `${basename(path)}.map`;
      assert.ok(text.trimEnd().endsWith(path.endsWith('.css') ? `/*# sourceMappingURL=${map} */` : `//# sourceMappingURL=${map}`), `${path} names its map`);
      const sourceMap = JSON.parse(readFileSync(join(out, `${path}.map`), 'utf8'));
      assert.deepEqual(sourceMap.sourcesContent, [source.toString('utf8')], `${path}.map holds the source`);
      assert.deepEqual(sourceMap.sources, [`session-playground:///${path}`], `${path}.map names it by its repository path, not a URL of the site`);
      if (path.endsWith('.js')) assert.deepEqual(await moduleShape(text), await moduleShape(source.toString('utf8')), `${path} imports and exports what its source does`);
      // The words stay as written, not escaped (esbuild's default would make "…" six bytes).
      if (path === 'www/text/en/index.js') assert.ok(text.includes('…'), 'non-ASCII text stays UTF-8');
      minified += 1;
    } else if (path === 'index.html') {
      // The page's own file names the bundle (the next test): apart from that, it is the source.
      const apart = (html) => html.replace(/ *<link rel="modulepreload"[^>]*>\n/g, '').replace(/(<script type="module"[^>]*src=")[^"]+"/g, '$1"');
      assert.equal(apart(shipped.toString('utf8')), apart(source.toString('utf8')), 'index.html is its source but for the scripts it names and preloads');
    } else if (path.endsWith('.json')) {
      assert.deepEqual(JSON.parse(shipped), JSON.parse(source), `${path} means the same`);
      assert.equal(shipped.toString('utf8'), JSON.stringify(JSON.parse(source)), `${path} is compacted`);
    } else {
      assert.ok(shipped.equals(source), `${path} is copied as it is`);
    }
  }
  assert.ok(minified > 40, `every module and stylesheet is minified (${minified})`);
});

/** Every module `starts` load on demand, walked from the sources (not from the bundler): each `import()` of a literal in their graph, to the end. */
function onDemandFrom(starts) {
  const onDemand = new Set();
  let graph = staticClosure(starts);
  while (graph.length > 0) {
    const found = graph.flatMap(dynamicImports).filter((path) => !onDemand.has(path));
    for (const path of found) onDemand.add(path);
    graph = staticClosure(found);
  }
  return [...onDemand];
}

/**
 * Checks one bundle of the site at `out`, `prefix`'s (page or element):
 * every entry (`entries`, each file from `fileOf`) has a file named after
 * it and its content (`named` for those that keep a name) and exports what
 * its source does; its files hold each module of the entries' graphs once,
 * as written (but `rewritten`, a module whose text the build sets, checked
 * by the caller from the map), and nothing else; every import is one of its
 * files or the glue, every `import()` an entry; nothing is stray. Returns
 * the static imports of its files (`staticOf`) and what the maps hold
 * (`contents`, by source).
 */
async function assertBundle({ root, out, prefix, entries, fileOf, named = {}, rewritten = [] }) {
  const files = filesUnder(out).filter((path) => path.endsWith('.js') && (bundleFileOf(prefix).test(path) || Object.values(named).includes(path)));
  const entryFiles = new Map(entries.map((path) => [fileOf(path), path]));
  assert.equal(entryFiles.size, entries.length, 'each entry has a file of its own');
  for (const [file, source] of entryFiles) {
    if (source in named) assert.equal(file, named[source], `${source} keeps its name`);
    else assert.match(file, new RegExp(`^${dirname(source)}/${prefix}-${basename(source, '.js')}-[A-Z0-9]+\\.js$`), `${source}'s file is named after it and its content`);
  }
  const shapes = Object.fromEntries(await Promise.all(files.map(async (path) => [path, await moduleShape(readFileSync(join(out, path), 'utf8'))])));
  const resolved = (from, specifier) => join(dirname(from), specifier).split('\\').join('/');
  const heldBy = new Map();
  const contents = {};
  for (const path of files) {
    const text = readFileSync(join(out, path), 'utf8');
    assert.ok(text.trimEnd().endsWith(`//# sourceMappingURL=${basename(path)}.map`), `${path} names its map`);
    const map = JSON.parse(readFileSync(join(out, `${path}.map`), 'utf8'));
    for (const [i, name] of map.sources.entries()) {
      const source = name.replace('session-playground:///', '');
      assert.ok(name.startsWith('session-playground:///') && existsSync(join(root, source)), `${path}.map names ${name} by its repository path`);
      contents[source] = map.sourcesContent[i];
      if (!rewritten.includes(source)) assert.equal(map.sourcesContent[i], readFileSync(join(root, source), 'utf8'), `${path}.map holds ${source} as written`);
      assert.ok(!heldBy.has(source), `${source} is in ${heldBy.get(source)} and ${path}: two copies, two states`);
      heldBy.set(source, path);
    }
    for (const entry of shapes[path].imports) {
      const [kind, specifier] = entry.split(' ');
      const target = resolved(path, specifier);
      assert.ok(existsSync(join(out, target)), `${path}'s ${kind} of ${specifier} is a file of the site`);
      // The glue is the one file a bundle imports as written: the page and whoever imports www/core.js share one engine.
      if (!files.includes(target)) assert.equal(target, 'www/pkg/session_playground.js', `${path} imports ${target}, outside the bundle`);
      // Every `import()` names one of the entries: an on-demand part keeps a file of its own.
      if (kind === 'dynamic-import') assert.ok(entryFiles.has(target), `${path}'s import() of ${specifier} names an entry`);
    }
    if (entryFiles.has(path)) {
      const source = entryFiles.get(path);
      assert.deepEqual(shapes[path].exports, (await moduleShape(readFileSync(join(root, source), 'utf8'))).exports, `${path} exports what ${source} does`);
    }
  }
  // Exactly the modules of its graph, every one of them: the static graph of every entry, the glue left out.
  const modules = staticClosure(entries).filter((path) => path !== 'www/pkg/session_playground.js');
  assert.deepEqual([...heldBy.keys()].sort(), modules, `the ${prefix}'s bundle holds each of its modules, and nothing else`);
  // Nothing stray: every file is an entry or imported by one, to the end.
  const staticOf = (path) => (shapes[path]?.imports ?? []).filter((entry) => entry.startsWith('import-statement')).map((entry) => resolved(path, entry.split(' ')[1]));
  const reached = reach([...entryFiles.keys()], staticOf).filter((path) => shapes[path]);
  assert.deepEqual([...reached].sort(), [...files].sort(), `every file of the ${prefix}'s bundle is one of its entries' or imported by one`);
  return { staticOf, contents };
}

test("the page's bundle: its entries are the page's scripts and every part loaded on demand, each exporting what its source does; its files hold each of the page's modules once, as written, and nothing else; the glue stays apart; index.html runs it and preloads its first load", async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  await buildSite({ root, out, record });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const scripts = pageEntries(html);
  const sourceScripts = pageEntries(readFileSync(join(root, 'index.html'), 'utf8'));
  assert.deepEqual(scripts, sourceScripts.map((path) => pageModule(path, out)), "index.html runs the bundle's entries, in its source's order");
  const onDemand = onDemandFrom(sourceScripts);
  assert.ok(onDemand.includes('www/fork.js') && onDemand.includes('www/replay.js') && onDemand.includes('www/text/en/fork.js'), 'the parts loaded on demand are found');
  const { staticOf } = await assertBundle({ root, out, prefix: 'page', entries: [...sourceScripts, ...onDemand], fileOf: (path) => pageModule(path, out) });
  // The preload list: the first tour's recording, then every file the page's scripts import, to the end.
  const closure = reach(scripts, staticOf);
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((match) => match[1]);
  assert.equal(preloaded[0], RECORDING_MODULE, 'the recording first');
  assert.deepEqual([...preloaded.slice(1)].sort(), [...closure].filter((path) => path !== pageModule('www/main.js', out)).sort(), 'every file of the first load, preloaded once');
});

test("the element's bundle: www/session-playground.js is its entry, under its own name; every part it loads keeps a file, each module is in it once; its list of the engine's JS names the bundle's files, not the modules as written", async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  await buildSite({ root, out, record });
  const onDemand = onDemandFrom([ELEMENT]);
  for (const path of ['www/player.js', 'www/recorded.js', 'www/tours.js', 'www/core.js', 'www/fork.js']) assert.ok(onDemand.includes(path), `the element's import() of ${path} is found`);
  const { staticOf, contents } = await assertBundle({
    root,
    out,
    prefix: 'element',
    entries: [ELEMENT, ...onDemand],
    fileOf: (path) => elementModule(path, out),
    named: { [ELEMENT]: ELEMENT },
    rewritten: ['www/engine-modules.js'],
  });
  // The list: every file that holds the modules the source's list names, less what the element's file brings itself.
  const { ENGINE_MODULES } = await import(pathToFileURL(join(root, 'www/engine-modules.js')).href);
  const list = contents['www/engine-modules.js'].match(/^export const ENGINE_MODULES = (\[.*\]);\n$/)?.[1];
  assert.ok(list, "the bundle's copy of www/engine-modules.js is its list, written by the build");
  const bundled = JSON.parse(list).map((path) => join('www', path).split('\\').join('/'));
  const engine = ENGINE_MODULES.map((path) => join('www', path).split('\\').join('/')).filter((path) => onDemand.includes(path));
  assert.deepEqual(engine.sort(), ['www/compile.js', 'www/core.js', 'www/player.js', 'www/recorded.js', 'www/tours.js'], 'the entries the list leads to');
  const own = new Set(reach([ELEMENT], staticOf));
  const expected = reach(engine.map((path) => elementModule(path, out)), staticOf).filter((path) => !own.has(path));
  assert.deepEqual(bundled.sort(), expected.sort(), "the list is the engine's files in the bundle, to the end, less the element's own");
  assert.ok(!bundled.some((path) => !isBundleFile(path) && path !== 'www/pkg/session_playground.js'), 'no module as written is on it');
  const element = readFileSync(join(out, ELEMENT), 'utf8');
  for (const path of bundled) assert.ok(element.includes(`"./${path.slice(4)}"`), `${ELEMENT} names ${path}`);
});

test("wasm-bindgen's glue keeps its classes' names when minified (the free() guard names the class)", { skip: !built && 'www/pkg/ is not built yet' }, async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  await buildSite({ root, out, record });
  for (const [file, classes] of [['session_playground.js', ['CookieLab', 'Playground', 'ScaleRun']]]) {
    const glue = await import(pathToFileURL(join(out, 'www/pkg', file)).href);
    for (const name of classes) assert.equal(glue[name].name, name, `${file}'s ${name}`);
    // Its own default URL for the wasm is still beside it.
    assert.match(readFileSync(join(out, 'www/pkg', file), 'utf8'), new RegExp(`new URL\\("${file.replace('.js', '_bg.wasm')}",import\\.meta\\.url\\)`));
  }
});

test('a file edited, added or removed in www/ shows up in the next build; with nothing changed a build does nothing', async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  assert.equal((await buildSite({ root, out, record })).built, true);
  assert.equal((await buildSite({ root, out, record })).built, false, 'nothing changed: nothing built');

  const edited = join(root, 'www/dom.js');
  writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nexport const edited = 'edited in www/';\n`);
  // Later than the last build, whatever the file system's clock resolution.
  const later = new Date(Date.now() + 5000);
  utimesSync(edited, later, later);
  const rebuilt = await buildSite({ root, out, record });
  assert.equal(rebuilt.built, true);
  assert.equal(rebuilt.why, 'www/dom.js changed');
  assert.match(readFileSync(join(out, 'www/dom.js'), 'utf8'), /edited in www\//);
  assert.equal((await buildSite({ root, out, record })).built, false);

  writeFileSync(join(root, 'www/added.css'), '.added {\n  color: red;\n}\n');
  // A file no module imports (one that is imported cannot go: the page's bundle would fail, naming it).
  rmSync(join(root, 'www/examples/article.js'));
  const again = await buildSite({ root, out, record });
  assert.equal(again.why, 'a source was added or removed');
  assert.equal(readFileSync(join(out, 'www/added.css'), 'utf8').trim().split('\n')[0], '.added{color:red}');
  assert.equal(existsSync(join(out, 'www/examples/article.js')), false, 'a removed file leaves the site');
  assert.equal(existsSync(join(out, 'www/examples/article.js.map')), false, 'and so does its map');
});

test('a site without the built wasm is refused, naming the step that builds it', (t) => {
  const root = copyOfSources(t);
  rmSync(join(root, 'www/pkg/session_playground_bg.wasm'));
  assert.throws(() => siteSources(root), /www\/pkg\/session_playground_bg\.wasm is missing: `make build` builds the wasm before the site/);
});

test('a module or a JSON file that does not parse fails the build, naming it, and the last good site stays', async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'target/site');
  await buildSite({ root, out, record });
  const good = readFileSync(join(out, 'www/dom.js'));
  const module = join(root, 'www/dom.js');
  const source = readFileSync(module, 'utf8');
  writeFileSync(module, `${source}\nexport const = 1;\n`);
  await assert.rejects(buildSite({ root, out, record }), /www\/dom\.js:\d+:\d+: ERROR: Expected identifier/);
  assert.ok(readFileSync(join(out, 'www/dom.js')).equals(good), 'the last good site is still there');
  writeFileSync(module, source);
  writeFileSync(join(root, 'scenarios/coat-check.json'), '{ "version": 1,');
  await assert.rejects(buildSite({ root, out, record }), /scenarios\/coat-check\.json is not JSON/);
  assert.deepEqual(readdirSync(join(root, 'target')).sort(), ['site', 'site.built.json'], 'no half-written folder is left behind');
});
