// English, the playground's first language: the page's words by area, one
// file an area, each named for the page module that shows them (page.js is
// index.html's, read only by scripts/index-page.mjs; the labs' words are
// labs.js's, fetched with the labs), and how English writes numbers. A
// translation copies this folder and keeps every id.

import announce from './announce.js';
import cluster from './cluster.js';
import controls from './controls.js';
import core from './core.js';
import dock from './dock.js';
import element from './element.js';
import embedding from './embedding.js';
import fork from './fork.js';
import inspector from './inspector.js';
import main from './main.js';
import markup from './markup.js';
import player from './player.js';
import print from './print.js';
import share from './share.js';
import tokenSettings from './token-settings.js';
import tour from './tour.js';
import tours from './tours.js';
import view from './view.js';
import * as numbers from './numbers.js';

export default {
  // The language's code, as <html lang> and a preview page write it.
  language: 'en',
  announce,
  cluster,
  controls,
  core,
  dock,
  element,
  embedding,
  fork,
  inspector,
  main,
  markup,
  player,
  print,
  share,
  tokenSettings,
  tour,
  tours,
  view,
  numbers,
};
