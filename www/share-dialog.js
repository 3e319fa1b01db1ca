// The Share and Embed dialog: the moment the reader sees as a link, an
// <iframe> snippet or a <session-playground> snippet, with a live preview.
// Fetched at the first press of Share or Embed (share.js); the #play=
// fragment itself, which a link opens with, is share.js's.

import { encodeLog } from './share.js';

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
  const title = state.scenario ? `Session playground: ${state.scenario.title}` : 'Session playground';
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
  if (log.fork) return { code: null, why: 'A forked moment is replayed by the iframe; an element opens forked when its scenario says "fork": "tokens".' };
  if (log.tour && log.actions.length === 0) {
    const step = scenario?.step ? ` step="${scenario.step}"` : '';
    return { code: `${script}\n<session-playground scenario="${escapeAttr(log.tour)}"${step}></session-playground>`, exact: true };
  }
  if (log.tour) return { code: null, why: 'This moment starts in a tour and carries on in free play, which only the iframe can replay.' };
  const settings = log.settings ?? {};
  if (log.actions.length === 0) {
    const preset = settings.preset && settings.preset !== 'generic' ? ` preset="${escapeAttr(settings.preset)}"` : '';
    const seed = Number.isInteger(settings.seed) ? ` seed="${settings.seed}"` : '';
    return { code: `${script}\n<session-playground${preset}${seed}></session-playground>`, exact: true };
  }
  const inline = {
    version: 1,
    title: 'A session, step by step',
    summary: 'Played in the session playground and shared from it.',
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
      note = 'The link replays the same actions with the same session IDs, and opens at the same step. It lives in the address itself: nothing is stored anywhere.';
    } else if (kind === 'iframe') {
      text = iframeSnippet(state);
      note = 'Paste it into your article: the playground alone, at this moment, in a frame. Its events reach your page by postMessage.';
    } else {
      const snippet = elementSnippet(state);
      text = snippet.code ?? iframeSnippet(state);
      if (!snippet.code) note = snippet.why;
      else if (snippet.exact) note = 'One module script, then the element wherever it should appear. Several can share a page.';
      else note = 'One module script, then the element: your actions as a scenario of its own, opening at the action shown. Its session IDs are drawn afresh; for the very same ones, use the iframe or a seed.';
    }
    $('share-text').value = text;
    $('share-note').textContent = note;
    $('share-text-label').textContent = mode === 'link' ? 'Link to this moment' : 'Snippet to paste';
    if (mode === 'link') return;
    const preview = $('share-preview');
    if (kind === 'iframe' || text.startsWith('<iframe')) {
      preview.removeAttribute('srcdoc');
      preview.src = iframeSrc(state);
    } else {
      // The preview is the snippet itself, in a page of its own.
      preview.removeAttribute('src');
      preview.srcdoc = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Preview</title><body>${text}</body></html>`;
    }
  }

  function open(which) {
    mode = which;
    $('share-title').textContent = which === 'link' ? 'Share this moment' : 'Embed this moment';
    fill();
    dialog.showModal();
    $('share-text').select();
  }

  for (const radio of document.querySelectorAll('input[name="embed-kind"]')) radio.addEventListener('change', fill);
  $('share-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('share-text').value);
      $('share-copied').textContent = 'Copied.';
    } catch {
      $('share-text').select();
      $('share-copied').textContent = 'Copying was not allowed here: the text is selected, press Ctrl+C (or ⌘C).';
    }
  });
  dialog.addEventListener('close', () => {
    // The preview is a whole second playground: it stops when the dialog closes.
    $('share-preview').removeAttribute('src');
    $('share-preview').removeAttribute('srcdoc');
  });
  return open;
}
