// The labs' words in the reader's language, as www/text/index.js gives the
// page's: the attack lab's, the cookie lab's and the scale lab's, fetched
// with the labs' modules (after the page is usable), not before. A language
// gives them in www/text/<code>/labs.js.

import en from './en/labs.js';

/** The labs' words: `attacks`, `lab` (the cookie lab) and `scale`, by stable id. */
export const LAB_WORDS = en;
