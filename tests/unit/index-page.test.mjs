// index.html is written from the catalogue (scripts/index-page.mjs), not
// edited by hand: its words are www/text/en/page.js's. The file must be what
// the script writes, so a word changed in the catalogue or the markup changed
// in the script reaches the page, and an edit made to index.html alone is
// caught here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PAGES, indexPage } from '../../scripts/index-page.mjs';

test('index.html is what scripts/index-page.mjs writes from the catalogue', () => {
  for (const { words, file } of PAGES) {
    const written = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    assert.ok(written === indexPage(words), `${file} is not the catalogue's page: run \`node scripts/index-page.mjs\` (and move any word edited in ${file} into www/text/en/page.js)`);
  }
});

test('every word of the page is in the catalogue, and the catalogue holds no word the page leaves out', () => {
  const used = new Set();
  const spy = new Proxy(PAGES[0].words, { get: (words, id) => (used.add(id), words[id]) });
  indexPage(spy);
  assert.deepEqual(Object.keys(PAGES[0].words).filter((id) => !used.has(id)), []);
  assert.ok(!indexPage(spy).includes('undefined'));
});
