// Numbers as the reader reads them, for every part of the page: counts with
// thousands separators, durations in the unit that reads well, plurals and
// ordinals. How they are written is the language's (separators and plural
// rules are its own), so they live with its words (www/text/en/index.js)
// and this module hands the playground's language's to the page.

import { WORDS } from './text/index.js';

export const { count, duration, plural, ordinal } = WORDS.numbers;
