// The page's words in the reader's language: every label, heading, status
// word and sentence the page shows comes from here, never from a literal in
// a page module (tests/unit/words.test.mjs checks it). A language is one
// folder, www/text/<code>/, whose index.js exports the same areas and ids as
// English's; numbers and plurals are written by the language too (its
// `numbers`), since plural rules and separators are its own.
//
// English is the only language today, so it is chosen here statically (no
// fetch, nothing waits). Adding one: ARCHITECTURE.md, "Adding a language".

import en from './en/index.js';

/** The playground's language: its words, by area and stable id. */
export const WORDS = en;
