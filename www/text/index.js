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
 * Each on-demand part's words, a file of their own: its loader fetches them
 * beside it (`PART_WORDS.fork.load()`), its module awaits them
 * (`const W = await PART_WORDS.fork.ready;`).
 */
export const PART_WORDS = {
  fork: part(() => import('./en/fork.js')),
  inspector: part(() => import('./en/inspector.js')),
  print: part(() => import('./en/print.js')),
  shareDialog: part(() => import('./en/share-dialog.js')),
  tokenDrawer: part(() => import('./en/token-drawer.js')),
};

function part(fetch) {
  let arrived;
  const ready = new Promise((resolve) => (arrived = resolve));
  const load = () => fetch().then(({ default: words }) => (arrived(words), words));
  return {
    load,
    // Never fails: a module whose evaluation failed stays failed until a
    // reload, so after a failed fetch the module waits for the next load().
    get ready() {
      load().catch(() => {});
      return ready;
    },
  };
}
