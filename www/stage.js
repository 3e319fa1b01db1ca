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
 * the status line says the playground is starting. A change of one of its
 * menus is kept too, silently (the preset's menu asks the engine), and made
 * again at the end. Returns `{ serve, end, fail }`: `serve(selector)` lets presses
 * of the buttons it matches through from then on (the first tour's
 * recording answers them) and makes the kept ones again, in order, up to the
 * first it does not match; `end({ replay })` ends the wait and, with
 * `replay`, makes the rest again, in order; `fail()` drops the kept presses
 * (the engine could not start, as the page then says) and, from then on,
 * every press the engine would have answered.
 */
function keepEarlyPresses(main) {
  const kept = [];
  let served = null;
  let failed = false;
  const status = () => document.getElementById('boot');
  const passes = (node) => served !== null && kept.length === 0 && node.matches(served);
  const keepPress = (event) => {
    const button = event.target.closest?.('button');
    if (!button || !main.contains(button) || passes(button)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (failed) return;
    kept.push(button);
    button.setAttribute('aria-busy', 'true');
    status().textContent = W.starting(button.textContent.trim());
    status().hidden = false;
    // Beside what was pressed, as a module's wait is (its own place is under the toolbar).
    beside(status(), button.getBoundingClientRect());
  };
  const keepChange = (event) => {
    const menu = event.target;
    if (!main.contains(menu) || passes(menu) || !event.isTrusted) return;
    event.stopImmediatePropagation();
    if (!failed) kept.push(menu);
  };
  /** Makes the press (or change) kept in `node` again. */
  const again = (node) => {
    if (!node.isConnected) return;
    if (node.localName === 'button') node.click();
    else node.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const release = (node, replay) => {
    node.removeAttribute('aria-busy');
    if (replay) again(node);
  };
  main.addEventListener('click', keepPress, true);
  main.addEventListener('change', keepChange, true);
  return {
    serve(selector) {
      served = selector;
      while (kept.length > 0 && kept[0].matches(served)) release(kept.shift(), true);
      status().hidden = !kept.some((node) => node.localName === 'button');
    },
    fail() {
      failed = true;
      status().classList.remove('beside');
      for (const node of kept.splice(0)) release(node, false);
    },
    end({ replay }) {
      main.removeEventListener('click', keepPress, true);
      main.removeEventListener('change', keepChange, true);
      status().classList.remove('beside');
      if (served !== null) status().hidden = true;
      for (const node of kept.splice(0)) release(node, replay);
    },
  };
}

/** Resolves once the stage is on the page, to `{ main, presses }` (what keeps the early presses: `serve`, `end`, `fail`). */
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
  return { main, presses: keepEarlyPresses(main) };
});
