// The token inspector's dialog: it takes a signed token apart: its three
// parts in three colours, the same in the raw text and in the decoded parts,
// the header and the claims with what each field means, and the signature
// check. The core decides everything shown (Playground.inspectToken: the
// server's secret, its clock, its denylist); this module only draws. The
// reader may edit the payload and check the edited token again, or send it
// from Mallory's laptop (a typed-in ticket and a visit, as free play). The
// Decode buttons that open it are token-buttons.js's, which fetches this
// module (and inspector.css) at the first press (on-demand.js).

import { el } from './dom.js';
import { PART_WORDS } from './text/index.js';

// Its words come with it (a file of their own, fetched beside this module).
const W = await PART_WORDS.inspector.ready;

const DIALOG = `
<div class="token-dialog-head">
  <h2 id="token-title" tabindex="-1">${W.tokenTitle}</h2>
  <button type="button" class="token-close" data-close>${W.close}</button>
</div>
<p class="token-source" id="token-source"></p>
<p class="token-summary" id="token-summary"></p>
<p class="token-edited" id="token-edited" hidden>${W.tokenEdited}</p>
<h3 id="token-raw-title">${W.tokenRawTitle}</h3>
<p class="token-raw" id="token-raw" aria-labelledby="token-raw-title"></p>
<p class="token-legend" aria-hidden="true">${W.headerPayloadSignatureThree}</p>
<div class="token-parts">
  <section class="token-part part-h" aria-labelledby="token-h-title">
    <h3 id="token-h-title">${W.tokenHTitle}</h3>
    <pre id="token-header-json" tabindex="0"></pre>
    <dl id="token-header-fields" class="token-fields"></dl>
  </section>
  <section class="token-part part-p" aria-labelledby="token-p-title">
    <h3 id="token-p-title">${W.tokenPTitle}</h3>
    <pre id="token-claims-json" tabindex="0"></pre>
    <dl id="token-claims-fields" class="token-fields"></dl>
  </section>
  <section class="token-part part-s" aria-labelledby="token-s-title">
    <h3 id="token-s-title">${W.tokenSTitle}</h3>
    <p class="token-verdict" id="token-verdict"></p>
    <p class="token-reason" id="token-reason"></p>
    <p class="token-when muted" id="token-when"></p>
  </section>
</div>
<details class="token-edit" id="token-edit">
  <summary>${W.editThePayloadAs}</summary>
  <p class="hint">${W.changeAClaimSay}</p>
  <label for="token-claims-edit">${W.tokenClaimsEditLabel}</label>
  <textarea id="token-claims-edit" rows="4" spellcheck="false" autocapitalize="none"></textarea>
  <div class="buttons">
    <button type="button" id="token-check-edit">${W.tokenCheckEdit}</button>
    <button type="button" id="token-undo-edit">${W.tokenUndoEdit}</button>
    <button type="button" id="token-send" hidden>${W.tokenSend}</button>
  </div>
  <p class="token-verdict" id="token-edit-verdict" role="status" hidden></p>
  <p class="hint" id="token-send-hint" hidden>${W.tokenSendHint}</p>
</details>
`;

/**
 * The dialog of one playground, added to its dock. `options`: `playground()`
 * (the core), `perform(label, action)` (runs a free-play action),
 * `actionLabel(action)` (the core's label) and `fatal(message)`. Returns
 * `show(token, at, source, opener)` and `close()`.
 */
export function tokenDialog(root, options) {
  const $ = (id) => root.querySelector(`#${id}`);
  const dialog = el('dialog', 'token-dialog');
  dialog.id = 'token-dialog';
  dialog.setAttribute('aria-labelledby', 'token-title');
  // A fixed string of this module: no reader or core text goes through here.
  dialog.innerHTML = DIALOG;
  $('dock').append(dialog);
  const q = (id) => dialog.querySelector(`#${id}`);

  /** The token shown in the dialog: the original, what it is checked at, where it came from. */
  const open = { token: null, at: null, source: '', opener: null };

  function inspect(claims = null) {
    try {
      return options.playground().inspectToken(open.token, claims, open.at);
    } catch (error) {
      return { error: error.message ?? String(error) };
    }
  }

  /** The raw token in its three colours (or as it is, when it is not three parts). */
  function drawRaw(result) {
    const raw = q('token-raw');
    raw.replaceChildren();
    if (!result.parts) {
      raw.append(el('span', 'tok-bad', result.token));
      return;
    }
    raw.append(el('span', 'tok-h', result.parts.header), el('span', 'tok-dot', '.'), el('span', 'tok-p', result.parts.claims), el('span', 'tok-dot', '.'), el('span', 'tok-s', result.parts.signature || W.emptySignature));
  }

  function drawFields(list, fields) {
    list.replaceChildren();
    for (const field of fields) {
      const name = el('dt', '');
      name.append(el('code', '', field.name), ': ', el('span', 'token-value', field.value));
      list.append(name, el('dd', '', field.meaning));
    }
  }

  /** Pretty JSON when it parses (display only), else the text as decoded. */
  const pretty = (json) => {
    if (json === null || json === undefined) return W.doesNotDecode;
    try {
      return JSON.stringify(JSON.parse(json), null, 2);
    } catch {
      return json;
    }
  };

  function draw(result) {
    if (result.error) {
      q('token-verdict').className = 'token-verdict bad';
      q('token-verdict').textContent = W.couldNotCheck;
      q('token-reason').textContent = result.error;
      return;
    }
    drawRaw(result);
    q('token-edited').hidden = !result.edited;
    q('token-header-json').textContent = pretty(result.headerJson);
    q('token-claims-json').textContent = pretty(result.claimsJson);
    drawFields(q('token-header-fields'), result.header);
    drawFields(q('token-claims-fields'), result.claims);
    const verdict = q('token-verdict');
    verdict.className = `token-verdict ${result.verdict === 'accepted' ? 'ok' : 'bad'}`;
    verdict.dataset.verdict = result.verdict;
    verdict.replaceChildren(el('span', 'mark', result.verdict === 'accepted' ? '✓ ' : '✗ '), result.headline);
    q('token-reason').textContent = result.reason;
    // The verdict up top as well: on a phone the signature's part is a long scroll away.
    const summary = q('token-summary');
    summary.className = `token-summary ${verdict.className.split(' ')[1]}`;
    summary.replaceChildren(el('strong', '', W.serversCheck), result.verdict === 'accepted' ? '✓ ' : '✗ ', result.headline, el('span', 'muted', W.whyUnderSignature));
    // The edit's verdict again under its buttons, where the reader is (and announced there).
    const again = q('token-edit-verdict');
    again.hidden = !result.edited;
    again.className = verdict.className;
    again.textContent = result.edited ? W.editedVerdict(result.headline) : '';
    q('token-when').textContent = W.checkedAt(result.checkedAt.text);
    q('token-send').hidden = !result.edited;
    q('token-send-hint').hidden = !result.edited;
    q('token-send').dataset.token = result.edited ? result.token : '';
  }

  function show(token, at, source, opener) {
    Object.assign(open, { token, at, source, opener });
    q('token-source').textContent = W.foundIn(source);
    const result = inspect();
    draw(result);
    q('token-edit').open = false;
    q('token-claims-edit').value = result.claimsJson ?? '';
    q('token-edit').hidden = !result.parts;
    if (!dialog.open) dialog.showModal();
    q('token-title').focus();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  // Focus goes back where the reader was: the button that opened the dialog,
  // or (redrawn since) the stage's Inspect button.
  dialog.addEventListener('close', () => {
    const back = open.opener?.isConnected ? open.opener : $('wire-toggle');
    back?.focus();
  });
  // The timeline's keys (arrows, Space, Home, End) stay with the dialog while it is open.
  dialog.addEventListener('keydown', (event) => event.stopPropagation());
  dialog.addEventListener('click', (event) => {
    if (event.target.closest('[data-close]') || event.target === dialog) close();
  });
  q('token-check-edit').addEventListener('click', () => draw(inspect(q('token-claims-edit').value)));
  q('token-undo-edit').addEventListener('click', () => {
    const result = inspect();
    draw(result);
    q('token-claims-edit').value = result.claimsJson ?? '';
  });
  q('token-send').addEventListener('click', () => {
    const id = q('token-send').dataset.token;
    if (!id) return;
    close();
    const actions = [
      { action: 'guessTicket', browser: 'mallory', id },
      { action: 'visit', browser: 'mallory', path: '/profile' },
    ];
    for (const action of actions) {
      let label;
      try {
        label = options.actionLabel(action);
      } catch (error) {
        options.fatal(W.cannotSend(error.message ?? error));
        return;
      }
      if (!options.perform(label, action)) return;
    }
  });

  return { show, close };
}
