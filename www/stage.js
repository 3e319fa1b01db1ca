// The page's stage, drawn as soon as its markup has arrived. index.html runs
// this module on its own (<script type="module" async>), and it imports only
// the markup, its words, the preferences' storage and where a wait's line
// goes (no player, no core, no engine): the stage's markup is parsed, laid out and painted in tasks of
// its own, while the player's modules and the engine are still on their way,
// instead of inside the task that runs main.js. Until the engine is ready
// the stage is only markup: a press of one of its buttons is kept, not lost,
// and main.js makes it again once the page is usable.

import { playgroundMarkup } from './markup.js';
import { beside } from './on-demand.js';
import { pageStorage } from './prefs.js';
import { WORDS } from './text/index.js';

const W = WORDS.main;

/** The page's <main>, once the parser has reached it (a module run on its own may run before). */
function parsedMain() {
  const main = document.getElementById('playground');
  if (main !== null) return Promise.resolve(main);
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(document.getElementById('playground')), { once: true });
  });
}

/**
 * Keeps each press of one of the stage's buttons until the engine is ready:
 * the status line says the playground is starting. Returns the function that
 * ends the wait and, with `replay`, makes the presses again, in order.
 */
function keepEarlyPresses(main) {
  const pressed = [];
  const keep = (event) => {
    const button = event.target.closest?.('button');
    if (!button || !main.contains(button)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    pressed.push(button);
    button.setAttribute('aria-busy', 'true');
    const status = document.getElementById('boot');
    status.textContent = W.starting(button.textContent.trim());
    status.hidden = false;
    // Beside what was pressed, as a module's wait is (its own place is under the toolbar).
    beside(status, button.getBoundingClientRect());
  };
  main.addEventListener('click', keep, true);
  return ({ replay }) => {
    main.removeEventListener('click', keep, true);
    document.getElementById('boot').classList.remove('beside');
    for (const button of pressed) {
      button.removeAttribute('aria-busy');
      if (replay && button.isConnected) button.click();
    }
  };
}

/** Resolves once the stage is on the page, to `{ main, pressesKept }` (the function that ends the wait). */
export const stage = parsedMain().then((main) => {
  main.replaceChildren(playgroundMarkup());
  // The first read of the page's storage waits on the browser, which sends the origin's stored items;
  // made here, that wait falls while the modules are still arriving, not inside the mount (which reads
  // the reader's preferences). Where storage is refused, the mount finds out and does without.
  try {
    pageStorage()?.length;
  } catch {
    // Nothing to open early.
  }
  return { main, pressesKept: keepEarlyPresses(main) };
});
