// The stage's presses kept until the engine is ready: the page's stage
// (stage.js) and each <session-playground> element install this on their
// playground's root as soon as its markup is drawn, so a press made before the
// player (or the engine) is there is not lost. It is shown as "Starting…"
// beside what was pressed, and made again once the engine is there. Where the
// playground opens on a tour's recording (www/recorded.js), the presses the
// recording answers go through as soon as it is mounted.

import { beside } from './on-demand.js';
import { WORDS } from './text/index.js';

const W = WORDS.main;

/**
 * The buttons a tour's recording answers before the engine has arrived
 * (www/recorded.js): stepping through the tour, its answers, and what only
 * changes the view. Every other press waits for the engine.
 */
export const SERVED_BY_RECORDING = ['#next', '#back', '#first', '#last', '#play', '#tour-choices>button', '#narration-more', '#show-plain', '#show-raw', '#wire-toggle', '[data-browser]', '#tools-toggle', '#login-as', '#speed', '#tour', '#scrubber'].join(',');

/** Where a key goes to be typed: a key pressed there is the field's, never a stepping shortcut. */
const TYPED_IN = 'input,textarea,select,[contenteditable]';

/** Whether a key press is one of the stepping shortcuts (controls.js's `keyCommand`): Space only where it presses nothing. */
const isSteppingKey = (event) =>
  !(event.ctrlKey || event.metaKey || event.altKey) &&
  (['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(event.key) || (event.key === ' ' && !event.target.closest?.('button,a,summary')));

/**
 * Keeps each press of one of the stage's buttons until the engine is ready:
 * the status line says the playground is starting. A change of one of its
 * menus is kept too, silently (the preset's menu asks the engine), and made
 * again at the end. Returns `{ serve, end, fail }`:
 * - `serve(selector)`: from then on, a press of a button it matches goes
 *   through (the tour's recording answers it), unless a press is still
 *   kept: then it waits behind that one, and so do the stepping keys and the
 *   scrubber, so presses are done in the order they were made. The kept
 *   presses it matches, up to the first it does not, are made again at once.
 * - `end({ replay })`: ends the wait and, with `replay`, makes the rest again, in order.
 * - `fail()`: the engine could not start (the page says so): the kept
 *   presses are dropped, and from then on every press of a stage button does
 *   nothing, the recording's included, so the reason stays on show.
 */
export function keepEarlyPresses(main) {
  /** What is kept, in order: `{ node, again }`, the pressed node and how to make the press again. */
  const kept = [];
  let served = null;
  let failed = false;
  /** True while kept presses are made again: those go through. */
  let replaying = false;
  // The playground's own status line (an element's, in its shadow root, or the page's).
  const status = () => main.querySelector('#boot');
  const pressKept = () => kept.some(({ node }) => node.localName === 'button');
  const keep = (node, again) => kept.push({ node, again });
  const passes = (node) => replaying || (served !== null && !failed && !pressKept() && node.matches(served));
  /** Whether a kept press has put "Starting…" on the status line, which the end then takes down. */
  let startingShown = false;
  const keepPress = (event) => {
    const button = event.target.closest?.('button');
    if (!button || !main.contains(button) || passes(button)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (failed) return;
    keep(button, () => button.click());
    button.setAttribute('aria-busy', 'true');
    status().textContent = W.starting(button.textContent.trim());
    status().hidden = false;
    startingShown = true;
    // Beside what was pressed, as a module's wait is (its own place is under the toolbar).
    beside(status(), button.getBoundingClientRect());
  };
  const keepChange = (event) => {
    const menu = event.target;
    if (menu.localName !== 'select' || !main.contains(menu) || passes(menu) || !event.isTrusted) return;
    event.stopImmediatePropagation();
    if (!failed) keep(menu, () => menu.dispatchEvent(new Event('change', { bubbles: true })));
  };
  // Behind a kept press, a stepping key or a move of the scrubber waits its turn too.
  const keepKey = (event) => {
    if (replaying || !(failed || pressKept()) || !event.isTrusted || !isSteppingKey(event) || event.target.closest?.(TYPED_IN)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (failed) return;
    const { key, code, shiftKey, ctrlKey, altKey, metaKey } = event;
    const target = event.target;
    keep(target, () => target.dispatchEvent(new KeyboardEvent('keydown', { key, code, shiftKey, ctrlKey, altKey, metaKey, bubbles: true, cancelable: true })));
  };
  const keepInput = (event) => {
    const slider = event.target;
    if (replaying || !(failed || pressKept()) || slider.type !== 'range' || !event.isTrusted) return;
    event.stopImmediatePropagation();
    if (failed) return;
    const value = slider.value;
    keep(slider, () => {
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  const release = ({ node, again }, replay) => {
    node.removeAttribute('aria-busy');
    if (!replay || !node.isConnected) return;
    replaying = true;
    try {
      again();
    } finally {
      replaying = false;
    }
  };
  const listeners = [['click', keepPress], ['change', keepChange], ['keydown', keepKey], ['input', keepInput]];
  for (const [type, listener] of listeners) main.addEventListener(type, listener, true);
  return {
    serve(selector) {
      served = selector;
      while (kept.length > 0 && kept[0].node.matches(served)) release(kept.shift(), true);
      status().hidden = !pressKept();
    },
    fail() {
      failed = true;
      status().classList.remove('beside');
      for (const entry of kept.splice(0)) release(entry, false);
    },
    end({ replay }) {
      for (const [type, listener] of listeners) main.removeEventListener(type, listener, true);
      status().classList.remove('beside');
      if (served !== null || startingShown) status().hidden = true;
      for (const entry of kept.splice(0)) release(entry, replay);
    },
  };
}
