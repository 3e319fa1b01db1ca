// The page's English lives in its catalogue (www/text/), so that a
// translation is a new folder, not a hunt: no page module outside it holds a
// label or a sentence. The rule a test can check, on every string literal of
// www/*.js (template literals included, their `${…}` read as code):
//
// - a literal that is markup (it has a tag) may hold no text with a letter
//   pair between its tags, nor in an attribute a reader hears or sees
//   (aria-label, title, placeholder, alt);
// - any other literal may not read as words: two words with a space between
//   them, a word and a `${…}` with a space between them ("Step ${n}"), one
//   capitalised word ("Play", "Reset") or one word in brackets ("(empty)");
// - but a literal is code, not words, as the argument of a selector, an
//   attribute or event call, `matchMedia` or `console`, or as a class list
//   (`className`, `class:`, `el(tag, classes)`);
// - and ALLOWED lists the few literals that look like words and are not
//   the reader's (each with its reason), FILES_ALLOWED the files that are
//   not the page's own words. (www/examples/ is an author's page, in its
//   author's words, and is not read.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { literalsOf } from './literals.mjs';
import { staticClosure } from '../../scripts/module-graph.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Files of www/ whose words are not the page's to translate, and why. */
const FILES_ALLOWED = {
  // Generated from scenarios/ (tests/native/tours.rs): each tour's title is its file's own,
  // and a translated tour is a translated scenario file.
  'tour-list.js': 'the tours’ titles, from their scenario files',
};

/** Literals that read as words but are protocol, key names or data, by the reason they stay. */
const ALLOWED = new Map([
  // KeyboardEvent.key values the key handlers compare with.
  ['Escape', 'a key’s name'],
  ['Home', 'a key’s name'],
  ['End', 'a key’s name'],
  // An attribute's name as HTTP writes it, compared with the core's data.
  ['Secure', 'a cookie attribute’s name'],
]);

/** Text in markup that is data, not words: the demo account, an address, the virtual clock's first date. */
const MARKUP_DATA = /^(https?:\/\/\S*|alice|\(?Mon, 02 Mar 2026 09:00:00 GMT\)?)$/;

/** Code before a literal that makes it code: a selector, an attribute's or event's name, a media query, a log line. */
const CODE_CONTEXT =
  /(?:querySelector(?:All)?|closest|matches|getElementById|(?:add|remove)EventListener|(?:set|get|has|remove|toggle)Attribute|matchMedia|console\.\w+|import)\(\s*$|className\s*=\s*$|\bclass:\s*$|\bel\(\s*(?:'[\w-]+'|"[\w-]+"|`[\w-]+`)\s*,\s*$/;

const TAG = /<\/?[a-z][\w-]*[\s>/]/;
const HUMAN_ATTRIBUTE = /\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g;
const HAS_WORD = /\p{L}{2,}/u;

/** The words of a literal by the rule above (`\u0000` marks a `${…}`), or null: markup's words alone, or the literal. */
function wordsOf(text) {
  if (TAG.test(text)) {
    // Only the text between tags and the attributes a reader meets count; `${…}` is the catalogue's.
    const between = text.replace(/<[^>]*>/g, '\u0000').split('\u0000');
    const attributes = [...text.matchAll(HUMAN_ATTRIBUTE)].map((match) => match[1].replace(/\u0000/g, ''));
    const words = [...between, ...attributes].map((part) => part.trim()).filter((part) => HAS_WORD.test(part) && !MARKUP_DATA.test(part));
    return words.length > 0 ? words.join(' | ') : null;
  }
  const reads =
    /\p{L}['’\p{L}]*[,:;.]?\s+[\p{L}("“]/u.test(text) ||
    /(?<![\p{L}\d\u0000])\p{L}{2,}[,:;.]?\s+\u0000|\u0000\s+\p{L}{2,}/u.test(text) ||
    /^\p{Lu}\p{Ll}+[.…:!?]?$|^\(\p{L}+\)$/u.test(text);
  return reads ? text.replace(/\u0000/g, '${…}') : null;
}

const readsAsWords = (text) => wordsOf(text) !== null;

/** Every literal of a page module that breaks the rule. */
function wordsInSource(source, file) {
  return literalsOf(source)
    .filter((literal) => !CODE_CONTEXT.test(literal.before) && !ALLOWED.has(literal.text) && readsAsWords(literal.text))
    .map((literal) => `${file}:${literal.line}: ${JSON.stringify(wordsOf(literal.text))}`);
}

const wordsIn = (file) => wordsInSource(readFileSync(`${root}${file}`, 'utf8'), file);

// The page's modules, and the script that writes index.html (its markup is a template of the catalogue's words).
const pageModules = [
  ...readdirSync(`${root}www`)
    .filter((file) => file.endsWith('.js') && !(file in FILES_ALLOWED))
    .map((file) => `www/${file}`),
  'scripts/index-page.mjs',
];

test('the rule tells words from code', () => {
  assert.ok(readsAsWords('Log in'));
  assert.ok(readsAsWords('Play'));
  assert.ok(readsAsWords('Step \u0000 of \u0000'));
  assert.ok(readsAsWords('Step \u0000, \u0000: '));
  assert.ok(readsAsWords('(empty)'));
  assert.ok(!readsAsWords('#\u0000'));
  assert.ok(!readsAsWords('translate(\u0000px, \u0000px)'));
  assert.ok(readsAsWords('<button type="button">Reset</button>'));
  assert.ok(readsAsWords('<div aria-label="Show as"></div>'));
  assert.ok(!readsAsWords('<button type="button">\u0000</button>'));
  assert.ok(!readsAsWords('<div class="fork-head" aria-label="\u0000"><span>\u0000</span></div>'));
  assert.ok(!readsAsWords('<input value="https://app.example/login">'));
  assert.ok(!readsAsWords('lab-result'));
  assert.ok(!readsAsWords('deleteAndExpire'));
  assert.ok(!readsAsWords('\u0000 \u0000'));
  assert.ok(CODE_CONTEXT.test("root.querySelector("));
  assert.ok(CODE_CONTEXT.test("const row = el('p', "));
  assert.ok(!CODE_CONTEXT.test('status.textContent = '));
  // A module as the check reads it: the planted words are found, on their lines; the code is not.
  const planted = [
    "import { el } from './dom.js';",
    "const note = el('p', 'hint muted', 'Nothing to see here.');",
    "root.querySelector('#tour-box .tour-title');",
    '// A comment may say anything at all.',
    "note.textContent = `Step ${n} of ${total}`;",
    "const html = `<p class=\"x\">${W.hint}</p>`;",
    "if (event.key === 'Escape') console.log('closed the dialog');",
  ].join('\n');
  assert.deepEqual(wordsInSource(planted, 'planted.js'), ['planted.js:2: "Nothing to see here."', 'planted.js:5: "Step ${…} of ${…}"']);
});

test('no page module outside www/text/ holds an English label or sentence', () => {
  const found = pageModules.flatMap(wordsIn);
  assert.deepEqual(found, [], `Put these words in the catalogue (www/text/en/) and take them from www/text/index.js:\n${found.join('\n')}`);
});

test('every literal the rule lets pass by name is still there to pass (the list stays short)', () => {
  const used = new Set(
    pageModules.flatMap((file) => literalsOf(readFileSync(`${root}${file}`, 'utf8')).map((literal) => literal.text)).filter((text) => ALLOWED.has(text)),
  );
  assert.deepEqual([...ALLOWED.keys()].filter((text) => !used.has(text)), [], 'No page module has these any more: take them off ALLOWED');
});

/**
 * Each page module that takes words, with the area it takes (`const W = …`):
 * `{ file, source, catalogue, name, area }`. An area of the first load's
 * catalogue is `WORDS.<name>`, a lab's `LAB_WORDS.<name>`, and a part fetched
 * on demand awaits its own file, `await PART_WORDS.<name>.ready`.
 */
async function bindings() {
  const { WORDS, PART_WORDS } = await import('../../www/text/index.js');
  const { LAB_WORDS } = await import('../../www/text/labs.js');
  const catalogues = { WORDS, LAB_WORDS };
  const found = [];
  for (const file of pageModules.filter((f) => f.startsWith('www/'))) {
    const source = readFileSync(`${root}${file}`, 'utf8');
    const binding = /const W = (?:(WORDS|LAB_WORDS)\.(\w+)|await PART_WORDS\.(\w+)\.ready);/.exec(source);
    if (!binding) continue;
    const [catalogue, name] = binding[3] ? ['PART_WORDS', binding[3]] : [binding[1], binding[2]];
    const area = catalogue === 'PART_WORDS' ? await PART_WORDS[name]?.load() : catalogues[catalogue][name];
    assert.ok(area, `${file}: ${catalogue}.${name} is no area of the catalogue`);
    found.push({ file, source, catalogue, name, area });
  }
  return found;
}

/** The ids `source` names as `W.<id>`. */
const namedIds = (source) => new Set([...source.matchAll(/\bW\.(\w+)/g)].map((match) => match[1]));

test('every word a module names is in its area of the catalogue', async () => {
  const missing = [];
  let checked = 0;
  const found = await bindings();
  for (const { file, source, catalogue, name, area } of found) {
    for (const id of namedIds(source)) {
      checked += 1;
      if (!(id in area)) missing.push(`${file}: W.${id} (${catalogue}.${name})`);
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked > 300, `only ${checked} words named: is the check reading the modules?`);
  // The parts loaded on demand are read too, each from its own file.
  const parts = found.filter((binding) => binding.catalogue === 'PART_WORDS').map((binding) => binding.file);
  assert.deepEqual(parts.sort(), ['www/fork.js', 'www/inspector.js', 'www/print.js', 'www/share-dialog.js', 'www/token-drawer.js']);
});

/** Entries of the first load's catalogue that are not a module's area, and why. */
const NOT_AREAS = {
  language: 'the language’s code',
  numbers: 'how the language writes numbers, which www/format.js hands to every module',
};

test("the first load's words are only those the first load shows; a part's own come with it", async () => {
  const { WORDS, PART_WORDS } = await import('../../www/text/index.js');
  const found = await bindings();
  // The first load: the page's modules and the element's, before any import().
  const first = new Set(staticClosure(['www/main.js', 'www/session-playground.js']));
  const named = new Map();
  const name = (areaName, ids) => named.set(areaName, new Set([...(named.get(areaName) ?? []), ...ids]));
  for (const { file, source, catalogue, name: areaName } of found.filter((binding) => binding.catalogue === 'WORDS')) {
    assert.ok(first.has(file), `${file} is not in the first load, so its words (WORDS.${areaName}) belong in a file of its own (PART_WORDS)`);
    name(areaName, namedIds(source));
  }
  // The static markup's area takes some of its words from the other areas' (`controls.browsers.laptop`).
  const catalogueSource = readFileSync(`${root}www/text/en/index.js`, 'utf8');
  for (const areaName of Object.keys(WORDS)) {
    name(areaName, [...catalogueSource.matchAll(new RegExp(`\\b${areaName}\\.(\\w+)`, 'g'))].map((match) => match[1]));
  }
  const unshown = [];
  for (const [areaName, area] of Object.entries(WORDS)) {
    if (areaName in NOT_AREAS) continue;
    assert.ok(found.some((binding) => binding.catalogue === 'WORDS' && binding.name === areaName), `WORDS.${areaName}: no module takes this area`);
    for (const id of Object.keys(area)) if (!named.get(areaName).has(id)) unshown.push(`WORDS.${areaName}.${id}`);
  }
  assert.deepEqual(unshown, [], 'No module of the first load names these: move them to the part that does, or drop them');
  // Each part's file holds what its module names, and every part has its module.
  for (const [part, { load }] of Object.entries(PART_WORDS)) {
    const takers = found.filter((binding) => binding.catalogue === 'PART_WORDS' && binding.name === part);
    assert.equal(takers.length, 1, `PART_WORDS.${part}: one module takes it`);
    const [{ file, source }] = takers;
    assert.ok(!first.has(file), `${file} is in the first load, so its words belong in WORDS`);
    const ids = namedIds(source);
    assert.deepEqual(Object.keys(await load()).filter((id) => !ids.has(id)), [], `PART_WORDS.${part} holds words ${file} does not name`);
  }
});

test('a words file over about 500 lines says at its top why it is one file (as tests/native/tidy.rs asks of www/*.js)', () => {
  const files = (dir) => readdirSync(`${root}${dir}`, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
  for (const file of files('www/text').filter((name) => name.endsWith('.js'))) {
    const lines = readFileSync(`${root}${file}`, 'utf8').split('\n');
    if (lines.length <= 520) continue;
    const head = lines.slice(0, lines.findIndex((line) => !line.startsWith('//'))).join('\n');
    assert.ok(head.includes('Why one file of this length'), `${file} has ${lines.length} lines: split it, or say in its opening comment why it is one file`);
  }
});
