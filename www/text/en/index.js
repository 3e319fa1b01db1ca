// English, the playground's first language: the page's words by area, one
// file an area (each named for the module that shows them), and how English
// writes numbers. A translation copies this folder and keeps every id.

import markup from './markup.js';
import * as numbers from './numbers.js';

export default { markup, numbers };
