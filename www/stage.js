// The page's stage, drawn as soon as its markup has arrived. index.html runs
// this module on its own (<script type="module" async>), and it imports only
// the markup, the preferences' storage and the keeper of early presses, with
// their words (no player, no core, no engine): the stage's markup is parsed, laid out and painted in tasks of
// its own, while the player's modules and the engine are still on their way,
// instead of inside the task that runs main.js. Until the engine is ready
// a press of one of its buttons is kept, not lost, and main.js makes it again
// once the engine is there (www/early-presses.js); on a page that opens on a
// tour's recording (a fresh page, or one naming a built-in tour), the presses
// the recording answers go through once the playground is mounted on it.

import { playgroundMarkup } from './markup.js';
import { keepEarlyPresses } from './early-presses.js';
import { pageStorage } from './prefs.js';
import { yieldToPage } from './next-task.js';
/** The page's <main>, once the parser has reached it (a module run on its own may run before). */
function parsedMain() {
  const main = document.getElementById('playground');
  if (main !== null) return Promise.resolve(main);
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(document.getElementById('playground')), { once: true });
  });
}

/**
 * The stage is drawn in a task after the one that ran this module: the
 * site's page runs it from a bundle whose shared code is evaluated in that
 * task, and the stage's drawing (parse, style, layout: the load's largest
 * piece of work) would make it long.
 */
const afterThisTask = (main) => yieldToPage().then(() => main);

/** Resolves once the stage is on the page, to `{ main, presses }` (what keeps the early presses: `serve`, `end`, `fail`). */
export const stage = parsedMain().then(afterThisTask).then((main) => {
  main.replaceChildren(playgroundMarkup());
  // The first read of the page's storage waits on the browser, which sends the origin's stored items;
  // made here, that wait falls while the modules are still arriving, not inside the mount (which reads
  // the reader's preferences). Where storage is refused, the mount finds out and does without.
  try {
    pageStorage()?.length;
  } catch {
    // Nothing to open early.
  }
  return { main, presses: keepEarlyPresses(main) };
});
