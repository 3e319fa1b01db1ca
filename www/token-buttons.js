// Where a signed token is shown (the token cookie in the jar, the page's
// storage for a bearer token, a Cookie, Authorization or Set-Cookie header or
// a login's response body on the wire), a Decode button that opens the token
// inspector on it. The inspector's dialog (inspector.js, with inspector.css)
// is fetched at the first press (on-demand.js); the buttons and the page
// storage's list are drawn with every step, since they are part of what the
// step shows.

import { el } from './dom.js';
import { INSPECTOR_CSS, once, stylesheet, whileLoading } from './on-demand.js';
import { PART_WORDS, WORDS } from './text/index.js';

const W = WORDS.tokenButtons;

/** The page's own words for where a token was found. */
const SOURCE = W.source;

/**
 * Sets up the token inspector of one playground. `options`: `playground()`
 * (the core), `shown()` (the browser on the stage), `perform(label, action)`
 * (runs a free-play action), `actionLabel(action)` (the core's label) and
 * `fatal(message)`. Returns `render(step)`, called after each step is drawn,
 * and `close()`.
 */
export function setupTokenInspector(root, options) {
  const $ = (id) => root.querySelector(`#${id}`);
  /** The dialog (inspector.js), made at the first Decode. */
  const dialog = once(async () => {
    const [{ tokenDialog }] = await Promise.all([import('./inspector.js'), PART_WORDS.inspector.load(), stylesheet($('dock'), INSPECTOR_CSS)]);
    return tokenDialog(root, options);
  });

  /** Opens the dialog on a token: at once if it is here, else once it has arrived (the button busy meanwhile). */
  async function show(token, at, source, button) {
    let open = dialog.now();
    if (open === null) {
      try {
        open = await whileLoading(root, button, W.loading, dialog());
      } catch (error) {
        options.fatal(W.couldNotLoad(error.message ?? error));
        return;
      }
    }
    open.show(token, at, source, button);
  }

  /** The page storage's list, under the jar: where a bearer token lives. */
  const storage = el('section', 'page-storage');
  storage.id = 'page-storage';
  storage.setAttribute('aria-labelledby', 'page-storage-title');
  const storageTitle = el('h3', '', W.pageStorage);
  storageTitle.id = 'page-storage-title';
  storageTitle.append(el('span', 'muted', W.pageStorageNote));
  const storageList = el('ul', 'storage-list');
  storage.append(storageTitle, storageList);
  storage.hidden = true;
  $('jar-box').insertBefore(storage, $('other-jars'));

  /** A button that opens the inspector on `token`. */
  function opener(text, token, at, source, label) {
    const button = el('button', 'token-open', text);
    button.type = 'button';
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-label', label);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      show(token, at, source, button);
    });
    return button;
  }

  const BUTTON_TEXT = W.decodeOnTheWire;

  /**
   * After a step is drawn: a Decode button on the token cookie in the jar,
   * the page storage with its own, and one for each token on the wire.
   * Nothing shows when the world's server uses sessions.
   */
  function render(step) {
    const state = step?.state ?? null;
    // The core names the token's cookie in a token world, and nothing in a session world.
    const tokenCookie = state?.tokenCookie ?? null;
    const settings = tokenCookie === null ? null : options.playground().settings;
    const tokens = tokenCookie !== null;
    let wire = $('wire-tokens');
    if (!wire) {
      wire = el('div', 'wire-tokens');
      wire.id = 'wire-tokens';
      $('inspector').insertBefore(wire, $('jar-decision'));
    }
    wire.replaceChildren();
    storageList.replaceChildren();
    if (!tokens) {
      storage.hidden = true;
      wire.hidden = true;
      if (!state) dialog.now()?.close();
      return;
    }
    const at = state.now.ms;
    const browser = state.browsers.find((b) => b.key === options.shown()) ?? state.browsers[0];
    // The jar's token cookie, by the name the core gives it.
    for (const item of $('jar').querySelectorAll('li.cookie')) {
      const name = item.querySelector('.name')?.textContent;
      const value = item.querySelector('.value')?.textContent ?? '';
      if (name !== tokenCookie || value === '') continue;
      // First in the cookie, so it shows even where the jar scrolls (a phone).
      item.prepend(opener(W.decode, value, at, SOURCE.jar(browser.label), W.decodeFromJar(browser.label)));
    }
    // The page's storage: shown once a bearer token may live there.
    const entries = Object.entries(browser.storage ?? {});
    storage.hidden = entries.length === 0 && settings.carry !== 'bearer';
    if (entries.length === 0) storageList.append(el('li', 'empty', W.storageEmpty));
    for (const [key, value] of entries) {
      const item = el('li', 'stored');
      const pair = el('div', 'pair');
      pair.append(el('span', 'name', key), ' = ', el('span', 'value', value));
      item.append(opener(W.decode, value, at, SOURCE.storage(browser.label), W.decodeFromStorage(browser.label)), pair);
      storageList.append(item);
    }
    // On the wire: each token the moment's message carries.
    const message = step.message ?? null;
    // The core names them, in the order of the message's lines (`HttpMessage.tokens`).
    const found = message?.tokens ?? [];
    wire.hidden = found.length === 0;
    if (found.length) {
      const line = message.direction === 'toServer' ? message.startLine.replace(' HTTP/1.1', '') : message.startLine.replace('HTTP/1.1 ', '');
      wire.append(el('span', 'muted', W.tokensInMessage));
      for (const { kind, token } of found) wire.append(opener(BUTTON_TEXT[kind], token, at, SOURCE[kind](line), W.decodeOnTheWireOf(BUTTON_TEXT[kind], line)));
    }
  }

  return { render, close: () => dialog.now()?.close() };
}
