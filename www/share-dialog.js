// The Share and Embed dialog: the moment the reader sees as a link, an
// <iframe> snippet or a <session-playground> snippet, with a live preview.
// Fetched at the first press of Share or Embed (share.js); the #play=
// fragment itself, which a link opens with, is share.js's.

import { encodeLog } from './share.js';
import { PART_WORDS, WORDS } from './text/index.js';

// Its words come with it (a file of their own, fetched beside this module).
const W = await PART_WORDS.shareDialog.ready;

/** The page's own address without query or fragment: where links and snippets point. */
function pageUrl() {
  return new URL(location.pathname, location.origin).href;
}

/** A built-in tour at the start of one of its steps can be named in the query; anything else needs the log. */
function readableTourQuery(state) {
  const { log, scenario } = state;
  // A forked moment needs the log, which carries the fork's step.
  if (!log.tour || log.actions.length > 0 || !scenario || log.fork) return null;
  if (log.ran === 0) return `scenario=${encodeURIComponent(log.tour)}`;
  return state.atStepStart ? `scenario=${encodeURIComponent(log.tour)}&step=${scenario.step}` : null;
}

function linkFor(state) {
  const query = readableTourQuery(state);
  return query ? `${pageUrl()}?${query}` : `${pageUrl()}${encodeLog(state.log)}`;
}

function iframeSrc(state) {
  const query = readableTourQuery(state);
  return query ? `${pageUrl()}?${query}&embed=1` : `${pageUrl()}?embed=1${encodeLog(state.log)}`;
}

const escapeAttr = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
// A <script type="application/json"> holds raw text, never decoded as HTML: JSON's own
// escape for "<" is the one that keeps "</script>" (and "<!--") out of it.
const scriptSafeJson = (value) => JSON.stringify(value, null, 2).replaceAll('<', '\\u003c');

function iframeSnippet(state) {
  const title = state.scenario ? W.frameTitleOf(state.scenario.title) : W.frameTitle;
  return `<iframe src="${escapeAttr(iframeSrc(state))}" title="${escapeAttr(title)}" width="100%" height="760" loading="lazy"></iframe>`;
}

/**
 * The element's snippet: a built-in tour by name (and step), or free play as
 * an inline scenario of the same actions. A tour left for free play mixes the
 * two, which a scenario cannot say: that moment is embedded as an iframe.
 */
function elementSnippet(state) {
  const script = `<script type="module" src="${escapeAttr(new URL('www/session-playground.js', pageUrl()).href)}"></script>`;
  const { log, scenario } = state;
  if (log.fork) return { code: null, why: W.forkNeedsIframe };
  if (log.tour && log.actions.length === 0) {
    const step = scenario?.step ? ` step="${scenario.step}"` : '';
    return { code: `${script}\n<session-playground scenario="${escapeAttr(log.tour)}"${step}></session-playground>`, exact: true };
  }
  if (log.tour) return { code: null, why: W.tourThenFreePlay };
  const settings = log.settings ?? {};
  if (log.actions.length === 0) {
    const preset = settings.preset && settings.preset !== 'generic' ? ` preset="${escapeAttr(settings.preset)}"` : '';
    const seed = Number.isInteger(settings.seed) ? ` seed="${settings.seed}"` : '';
    return { code: `${script}\n<session-playground${preset}${seed}></session-playground>`, exact: true };
  }
  const inline = {
    version: 1,
    title: W.inlineTitle,
    summary: W.inlineSummary,
    settings,
    steps: log.actions.map(({ label, action }) => ({ say: label, ...action })),
  };
  const step = state.action ? ` step="${state.action}"` : '';
  return {
    code: `${script}\n<session-playground${step}>\n<script type="application/json">\n${scriptSafeJson(inline)}\n</script>\n</session-playground>`,
    // A scenario opens at the start of a step, and draws its own IDs unless its settings name a seed.
    exact: Number.isInteger(settings.seed),
  };
}

/** Wires the dialog once; returns `open(which)`: 'link' (Share) or 'embed' (Embed). */
export function shareDialog(playground) {
  const $ = (id) => document.getElementById(id);
  const dialog = $('share-dialog');
  let mode = 'link';

  function fill() {
    const state = playground.state;
    const kind = document.querySelector('input[name="embed-kind"]:checked').value;
    $('share-copied').textContent = '';
    $('embed-kinds').hidden = mode === 'link';
    $('share-preview-wrap').hidden = mode === 'link';
    let text;
    let note = '';
    if (mode === 'link') {
      text = linkFor(state);
      note = W.linkNote;
    } else if (kind === 'iframe') {
      text = iframeSnippet(state);
      note = W.iframeNote;
    } else {
      const snippet = elementSnippet(state);
      text = snippet.code ?? iframeSnippet(state);
      if (!snippet.code) note = snippet.why;
      else if (snippet.exact) note = W.elementNote;
      else note = W.elementScenarioNote;
    }
    $('share-text').value = text;
    $('share-note').textContent = note;
    $('share-text-label').textContent = mode === 'link' ? W.linkLabel : W.snippetLabel;
    if (mode === 'link') return;
    const preview = $('share-preview');
    if (kind === 'iframe' || text.startsWith('<iframe')) {
      preview.removeAttribute('srcdoc');
      preview.src = iframeSrc(state);
    } else {
      // The preview is the snippet itself, in a page of its own.
      preview.removeAttribute('src');
      preview.srcdoc = `<!doctype html><html lang="${WORDS.language}"><meta charset="utf-8"><title>${W.previewTitle}</title><body>${text}</body></html>`;
    }
  }

  function open(which) {
    mode = which;
    $('share-title').textContent = which === 'link' ? W.shareTitle : W.embedTitle;
    fill();
    dialog.showModal();
    $('share-text').select();
  }

  for (const radio of document.querySelectorAll('input[name="embed-kind"]')) radio.addEventListener('change', fill);
  $('share-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('share-text').value);
      $('share-copied').textContent = W.copied;
    } catch {
      $('share-text').select();
      $('share-copied').textContent = W.copyRefused;
    }
  });
  dialog.addEventListener('close', () => {
    // The preview is a whole second playground: it stops when the dialog closes.
    $('share-preview').removeAttribute('src');
    $('share-preview').removeAttribute('srcdoc');
  });
  return open;
}
