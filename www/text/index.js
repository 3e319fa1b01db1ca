// The page's words in the reader's language: every label, heading, status
// word and sentence the page shows comes from here, never from a literal in
// a page module (tests/unit/words.test.mjs checks it). A language is one
// folder, www/text/<code>/, whose index.js exports the same areas and ids as
// English's; numbers and plurals are written by the language too (its
// `numbers`), since plural rules and separators are its own.
//
// English is the only language today, chosen here: the first load's words
// statically (nothing waits), each on-demand part's with the part. Adding
// one: ARCHITECTURE.md, "Adding a language".

import en from './en/index.js';

/** The first load's words, by area and stable id. */
export const WORDS = en;

/**
 * Each on-demand part's words (on-demand.js), a file of their own, fetched
 * with the part: its loader asks for them beside it (`PART_WORDS.fork.load()`),
 * so both come in one round trip, and its module awaits them
 * (`const W = await PART_WORDS.fork.ready;`).
 */
export const PART_WORDS = {
  fork: part(() => import('./en/fork.js')),
  inspector: part(() => import('./en/inspector.js')),
  print: part(() => import('./en/print.js')),
  shareDialog: part(() => import('./en/share-dialog.js')),
  tokenDrawer: part(() => import('./en/token-drawer.js')),
};

/**
 * One part's words: `load()` fetches them (again, after a failure) and
 * resolves to them; `ready` asks for them too and resolves once they are
 * here, but never fails. A module whose evaluation failed stays failed
 * until the page reloads, so the part's module waits instead, and the next
 * press's `load()` lets it finish.
 */
function part(fetchWords) {
  let arrived;
  const ready = new Promise((resolve) => (arrived = resolve));
  const load = () => fetchWords().then(({ default: words }) => (arrived(words), words));
  return {
    load,
    get ready() {
      load().catch(() => {});
      return ready;
    },
  };
}
