// Sharing what the reader sees. The playground's log (the settings or tour it
// started from, the tour steps run, the free-play actions in order, the step
// shown and the browser on screen) fits in the address's fragment as
// base64url JSON: #play=…. Opening such a link replays the log in the core,
// so the reader's reader sees the same steps. The Embed dialog turns the same
// moment into a paste-ready <iframe> or <session-playground> snippet, with a
// live preview.

import { once, whileLoading } from './on-demand.js';
import { PART_WORDS, WORDS } from './text/index.js';

const W = WORDS.share;

const FRAGMENT_KEY = 'play';
const LOG_VERSION = 1;

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The fragment that carries a log. */
export function encodeLog(log) {
  const { settings, tour, ran, actions, ids, pos, shown, fork } = log;
  // `fork`, when the moment is forked: the step of both timelines shown (from 1).
  return `#${FRAGMENT_KEY}=${toBase64Url(JSON.stringify({ v: LOG_VERSION, settings, tour, ran, actions, ids, pos, shown, fork }))}`;
}

/**
 * Reads #play=… from an address's fragment: `{ log }`, `{ error }` for a
 * damaged one, or `{}` when there is none. The log's contents are checked by
 * the core as it replays them; here only its shape.
 */
export function readShared(hash) {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get(FRAGMENT_KEY);
  if (raw === null) return {};
  const damaged = (why) => ({ error: W.damaged(why) });
  let log;
  try {
    log = JSON.parse(fromBase64Url(raw));
  } catch {
    return damaged(W.notBase64Json);
  }
  if (log === null || typeof log !== 'object' || log.v !== LOG_VERSION) return damaged(W.expectedVersion(LOG_VERSION));
  if (!Array.isArray(log.actions) || !log.actions.every((a) => a && typeof a.label === 'string' && a.action && typeof a.action === 'object')) {
    return damaged(W.badActions);
  }
  if (log.tour !== null && typeof log.tour !== 'string') return damaged(W.badTour);
  if (log.ids !== undefined && !(Array.isArray(log.ids) && log.ids.every((id) => typeof id === 'string'))) return damaged(W.badIds);
  const count = (n) => Number.isInteger(n) && n >= 0 && n <= 100_000;
  if (!count(log.ran) || !count(log.pos)) return damaged(W.badSteps);
  if (log.fork !== undefined && !(count(log.fork) && log.fork >= 1)) return damaged(W.badFork);
  if (typeof log.shown !== 'string') return damaged(W.badShown);
  if (log.tour === null && (log.settings === null || typeof log.settings !== 'object')) return damaged(W.noTourNorSettings);
  return { log };
}

/** Wires the Share and Embed buttons: the first press fetches the dialog (share-dialog.js), the button busy meanwhile. */
export function setupShare(playground) {
  const dialog = once(async () => {
    const [{ shareDialog }] = await Promise.all([import('./share-dialog.js'), PART_WORDS.shareDialog.load()]);
    return shareDialog(playground);
  });
  const open = async (which, button) => {
    let show = dialog.now();
    if (show === null) {
      try {
        show = await whileLoading(document, button, W.loading, dialog());
      } catch (error) {
        playground.report(W.couldNotLoad(error.message ?? error, button.textContent.replace('…', '')));
        return;
      }
    }
    show(which);
  };
  for (const [id, which] of [['share', 'link'], ['embed-code', 'embed']]) {
    const button = document.getElementById(id);
    button.addEventListener('click', () => open(which, button));
  }
}
