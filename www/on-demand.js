// What a fresh playground does not need until the reader asks for it, fetched
// then (by `import()`, with its stylesheet) and only once: the fork (fork.js
// and fork.css, when Fork is pressed
// or a scenario or a shared link opens forked), the token inspector's dialog
// (inspector.js and inspector.css, at the first Decode), the token fields of the settings
// drawer (token-drawer.js, when the drawer opens) and the writer of the
// printed transcript (print.js, once the browser is idle, or at once when the
// page is about to print). The first load stays what the first step needs.
// Each comes with its words (`PART_WORDS`), asked for beside it.
//
// A press made while its module is on its way is not lost: the button says it
// is busy (aria-busy), the status line says what is loading, and the press is
// done when the module arrives. A module that cannot load says so, and the
// next press tries again.

import { PART_WORDS, WORDS } from './text/index.js';

const W = WORDS.onDemand;

/** `load()` once: later calls share its promise; a failed load is tried again next time. `now()` is the module once it is here. */
export function once(load) {
  let promise = null;
  let value = null;
  const get = () =>
    (promise ??= load().then(
      (loaded) => (value = loaded),
      (error) => {
        promise = null;
        throw error;
      },
    ));
  get.now = () => value;
  return get;
}

/** Each root's stylesheets added on demand, by address: the promise that they have loaded. */
const sheets = new WeakMap();

/**
 * Adds the stylesheet at `href` to the tree `node` is in (the document's head,
 * or an element's shadow root) once; resolves when it has loaded, or failed
 * to (the feature then works unstyled). A feature's own rules come with it,
 * and it shows only once they are there, so nothing draws unstyled or jumps.
 */
export function stylesheet(node, href) {
  const tree = node.getRootNode();
  const host = tree === document ? document.head : tree;
  if (!sheets.has(host)) sheets.set(host, new Map());
  const loaded = sheets.get(host);
  if (!loaded.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    loaded.set(href, new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    }));
    host.append(link);
  }
  return loaded.get(href);
}

/** The rules of the fork and of the token inspector's dialog, fetched with their modules. */
export const FORK_CSS = new URL('./fork.css', import.meta.url).href;
export const INSPECTOR_CSS = new URL('./inspector.css', import.meta.url).href;

/**
 * Runs `work` (a promise) with `button` marked busy and the playground's
 * status line (`#boot` in `root`) saying `what` is loading, as the engine's
 * "Starting…" does; both clear when it settles. The line shows beside
 * `near`, what was pressed (its own place is under the toolbar, and off a
 * phone's screen), and a second press meanwhile leaves it be: heard once.
 */
export async function whileLoading(root, button, what, work, near = button) {
  const status = root.querySelector('#boot');
  button?.setAttribute('aria-busy', 'true');
  const text = W.loading(what);
  if (status.hidden || status.textContent !== text) {
    status.hidden = false;
    status.textContent = text;
  }
  // Not when nothing drawn was pressed (a shared link opening the fork).
  if (near?.getClientRects().length) beside(status, near.getBoundingClientRect());
  try {
    return await work;
  } finally {
    button?.removeAttribute('aria-busy');
    status.hidden = true;
    status.classList.remove('beside');
  }
}

/** Fixes `status` in the viewport just above `box` (below it if there is no room), centred on it (style.css's `.boot.beside`). */
export function beside(status, box) {
  status.classList.add('beside');
  const { offsetWidth: width, offsetHeight: height } = status;
  const above = box.top - height - 6;
  status.style.setProperty('--left', `${Math.max(6, Math.min(box.left + (box.width - width) / 2, innerWidth - width - 6))}px`);
  status.style.setProperty('--top', `${above >= 6 ? above : Math.min(box.bottom + 6, innerHeight - height - 6)}px`);
}

/**
 * The fork's button, wired at once (enabled whenever there is something to
 * fork), and the fork itself (fork.js) loaded at the first press or the first
 * `open`. Returns what player.js calls: `open(at)` (resolves to whether it
 * opened), `close(options)`, `isOpen()`, `row()`, `refresh()`. The hooks
 * are mountFork's.
 */
export function forkOnDemand(root, hooks) {
  const button = root.querySelector('#fork-open');
  const load = once(async () => {
    const [{ mountFork }] = await Promise.all([import('./fork.js'), PART_WORDS.fork.load(), stylesheet(button, FORK_CSS)]);
    return mountFork(root, hooks);
  });
  /** Counts opens and closes: an open still waiting for the module is dropped when a close (or a later open) comes first. */
  let asked = 0;

  async function open(at = null) {
    const mine = ++asked;
    let fork = load.now();
    if (fork === null) {
      try {
        fork = await whileLoading(root, button, W.fork, load());
      } catch (error) {
        hooks.fatal(W.forkCouldNotLoad(error.message ?? error));
        return false;
      }
      if (mine !== asked) return false;
    }
    return fork.open(at);
  }

  function close(options) {
    asked += 1;
    load.now()?.close(options);
  }

  /** The button is there whenever there is something to fork. */
  function refresh() {
    button.disabled = hooks.total() === 0 && hooks.tourRan() === null;
  }

  button.addEventListener('click', async () => {
    if (await open()) root.querySelector('#fork-next').focus();
  });

  return {
    open,
    close,
    refresh,
    isOpen: () => load.now()?.isOpen() ?? false,
    row: () => load.now()?.row() ?? null,
  };
}

/**
 * Keeps `list` ready for printing with `lines()` (print.js's `watchPrint`),
 * print.js fetched once the browser is idle after `loadWhenIdle()`, or at
 * once when the page is about to print (it then writes as soon as it
 * arrives). Returns `{ loadWhenIdle, stop }`.
 */
export function printOnDemand(list, lines) {
  let stopWatching = null;
  let stopped = false;
  const media = window.matchMedia('print');
  const load = once(async () => {
    const [{ watchPrint }] = await Promise.all([import('./print.js'), PART_WORDS.print.load()]);
    if (!stopped) stopWatching = watchPrint(list, lines);
    forget();
  });
  const early = (event) => (event.type === 'beforeprint' || event.matches) && load().catch(() => {});
  function forget() {
    media.removeEventListener('change', early);
    window.removeEventListener('beforeprint', early);
  }
  media.addEventListener('change', early);
  window.addEventListener('beforeprint', early);
  return {
    loadWhenIdle() {
      const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 300));
      // A failed fetch here is tried again when the page is about to print.
      idle(() => stopped || load().catch(() => {}), { timeout: 3000 });
    },
    stop() {
      stopped = true;
      forget();
      stopWatching?.();
    },
  };
}

/**
 * The token fields of the settings drawer (token-drawer.js), fetched when the
 * drawer first opens and filled with `settings()`, the world's. Applying the
 * form before they are there would drop the mechanism, so an Apply pressed
 * meanwhile waits for them (the button busy) and is made again once they are.
 */
export function tokenDrawerOnDemand(root, limits, settings) {
  const panel = root.querySelector('#settings-panel');
  const form = root.querySelector('#settings-form');
  const load = once(async () => {
    const [{ setupTokenDrawer }] = await Promise.all([import('./token-drawer.js'), PART_WORDS.tokenDrawer.load()]);
    setupTokenDrawer(root, limits, settings());
    return true;
  });
  const fetchFields = (button = null) =>
    whileLoading(root, button, W.settings, load(), button ?? panel.querySelector('summary')).catch((error) => {
      root.querySelector('#settings-error').textContent = W.settingsCouldNotLoad(error.message ?? error);
      root.querySelector('#settings-error').hidden = false;
      throw error;
    });
  panel.addEventListener('toggle', () => panel.open && load.now() === null && fetchFields().catch(() => {}));
  // Before the form's own handler (capture, on an ancestor): a press while the fields are on their way is kept.
  form.parentElement.addEventListener(
    'submit',
    (event) => {
      if (event.target !== form || load.now() !== null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const button = event.submitter ?? form.querySelector('[type="submit"]');
      fetchFields(button).then(() => form.requestSubmit(event.submitter ?? undefined), () => {});
    },
    true,
  );
}
