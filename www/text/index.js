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
 * with the part: its module awaits them (`const W = await PART_WORDS.fork();`)
 * and its loader asks for them beside it, so both come in one round trip.
 */
export const PART_WORDS = {
  fork: () => import('./en/fork.js').then(area),
  inspector: () => import('./en/inspector.js').then(area),
  print: () => import('./en/print.js').then(area),
  shareDialog: () => import('./en/share-dialog.js').then(area),
  tokenDrawer: () => import('./en/token-drawer.js').then(area),
};

function area(module) {
  return module.default;
}
