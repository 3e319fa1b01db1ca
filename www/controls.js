// The playground's controls: what each button, form and key asks for. A
// free-play button becomes an action in the scenario format with its label
// (the core runs it); the settings form becomes settings in the scenario
// format (the core checks them); a key becomes a stepping command. Nothing
// here decides protocol behaviour or keeps state: the player passes in what
// to call (`wireControls`), and every element is looked up within `root`.

import { clusterSettings } from './cluster.js';
import { count } from './format.js';
import { fetchTourText, isTour } from './tours.js';
import { tokenSettings } from './token-settings.js';
import { WORDS } from './text/index.js';

const W = WORDS.controls;

/** The three browsers, as labels name them. */
export const BROWSER_LABELS = W.browsers;

/**
 * A timeout field in minutes: null when empty, else its seconds. Whole
 * minutes from 1 to the core's longest timeout (`limits.timeoutSeconds.max`,
 * ten years), or the decimal a scenario's seconds show as (1.5 for 90 s).
 * Anything else marks the field and throws, naming it.
 */
function timeoutField(input, limits) {
  const raw = input.value.trim();
  input.removeAttribute('aria-invalid');
  if (raw === '') return null;
  const most = Math.floor(limits.timeoutSeconds.max / 60);
  const seconds = Number(raw) * 60;
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 60 || Number(raw) > most || Math.abs(seconds - Math.round(seconds)) > 1e-9) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    throw new Error(W.badTimeout(input.labels[0].textContent, count(most), raw));
  }
  return Math.round(seconds);
}

/** The settings form as settings in the scenario format's shape; throws, naming the field, on a bad timeout. */
export function readSettingsForm(root, limits) {
  const $ = (id) => root.querySelector(`#${id}`);
  return {
    preset: $('preset').value,
    ids: $('ids').value,
    rotateOnLogin: $('rotate').checked,
    logout: $('logout-mode').value,
    cleanup: $('cleanup').value,
    idleTimeout: timeoutField($('idle'), limits),
    absoluteTimeout: timeoutField($('absolute'), limits),
    strictAdoption: $('strict').checked,
    httpOnly: $('http-only').checked,
    // Whether __Host- may go without Secure is the core's to say (it may not, and says so).
    secure: $('secure').checked,
    hostPrefix: $('host-prefix').checked,
    sameSite: $('same-site').value === '' ? null : $('same-site').value,
    browserSameSiteDefault: $('browser-default').value,
    ...clusterSettings(root),
    ...tokenSettings(root, limits),
  };
}

/**
 * The stepping command a key press asks for: `play` (Space), `next` and
 * `back` (→ and ←), `first` and `last` (Home and End); null when the key is
 * not one, or belongs to where it was pressed: while typing, with a modifier,
 * Space on a control that Space activates, and (on a long page) Space, Home
 * and End outside `keyScope`, where they scroll the page.
 */
export function keyCommand(event, keyScope = null) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target;
  const tag = target.tagName;
  const typing = tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable || (tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
  if (typing) return null;
  if (keyScope && !keyScope.contains(target) && [' ', 'Home', 'End'].includes(event.key)) return null;
  if (event.key === ' ') {
    // Space already activates buttons, links, summaries and checkboxes.
    return ['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(tag) ? null : 'play';
  }
  return { ArrowRight: 'next', ArrowLeft: 'back', Home: 'first', End: 'last' }[event.key] ?? null;
}

/**
 * Wires every control inside `root` to the player's calls (`api`):
 * `perform(label, action)` runs a free-play action, `fatal(message)`, `shown()`
 * (the browser on screen), `showBrowser`, `linkTicket`, `updateControls`,
 * `chooseTour`, `applySettings`, `previewPreset`, `forward`, `back`, `first`,
 * `last`, `scrubTo(index)`, `togglePlay`, `reset`, `setSpeed`, `setInspect`,
 * and `key(event)`.
 */
export function wireControls(root, api) {
  const $ = (id) => root.querySelector(`#${id}`);
  const { perform } = api;
  const who = api.shown;
  const label = (what) => W.byBrowser(BROWSER_LABELS[who()], what);
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const username = $('username').value;
    const password = $('password').value;
    perform(label(W.logIn(username)), { action: 'login', browser: who(), username, password });
  });
  $('visit').addEventListener('click', () => perform(label(W.visit), { action: 'visit', browser: who(), path: '/profile' }));
  $('logout').addEventListener('click', () => perform(label(W.logOut), { action: 'logout', browser: who() }));
  $('logout-everywhere').addEventListener('click', () => perform(label(W.logOutEverywhere), { action: 'logoutEverywhere', browser: who() }));
  $('change-password').addEventListener('click', () => {
    const password = $('new-password').value;
    perform(label(W.changePassword), { action: 'changePassword', browser: who(), password });
  });
  $('copy').addEventListener('click', () => {
    const to = $('copy-to').value;
    perform(W.copyTicket(BROWSER_LABELS[who()], BROWSER_LABELS[to]), { action: 'copyCookie', from: who(), to });
  });
  $('close-browser').addEventListener('click', () => perform(label(W.closeAndReopen), { action: 'closeBrowser', browser: who() }));
  $('plant').addEventListener('click', () => perform(label(W.plant), { action: 'plantTicket', browser: who() }));
  $('script-theft').addEventListener('click', () => perform(label(W.scriptTheft), { action: 'scriptTheft', browser: who() }));
  $('csrf').addEventListener('click', () => {
    const password = $('new-password').value;
    perform(label(W.crossSiteForm), { action: 'crossSiteForm', browser: who(), path: '/password', fields: { password } });
  });
  $('http-visit').addEventListener('click', () => perform(label(W.visitOverHttp), { action: 'visitOverHttp', browser: who(), path: '/profile' }));
  $('guess').addEventListener('click', () => {
    const id = $('guess-id').value.trim();
    if (id === '') {
      api.fatal(W.noTicketTyped);
      return;
    }
    perform(label(W.guessTicket(id)), { action: 'guessTicket', browser: who(), id });
  });
  $('revoke').addEventListener('click', () => perform(W.revokeNewest, { action: 'revoke' }));
  $('revoke-user').addEventListener('click', () => {
    const user = $('username').value || 'alice';
    perform(W.revokeUser(user), { action: 'revokeUser', user });
  });
  $('restart').addEventListener('click', () => perform(W.restartServer, { action: 'restartServer' }));
  for (const button of root.querySelectorAll('[data-wait]')) {
    button.addEventListener('click', () => perform(button.textContent, { action: 'wait', seconds: Number(button.dataset.wait) }));
  }
  $('store-rows').addEventListener('click', (event) => {
    const id = event.target.closest('button[data-revoke]')?.dataset.revoke;
    if (id) perform(W.revokeId(id), { action: 'revoke', id });
  });
  for (const button of root.querySelectorAll('[data-browser]')) {
    button.addEventListener('click', () => api.showBrowser(button.dataset.browser));
  }
  // The coat-check link: a ticket and its record light up together.
  for (const type of ['pointerover', 'focusin']) {
    root.addEventListener(type, (event) => api.linkTicket(event.target.closest('[data-ticket]')?.dataset.ticket ?? null));
  }
  $('username').addEventListener('input', api.updateControls);
  // Choosing in the list does nothing until Start: arrow keys move through it freely.
  $('start-tour').addEventListener('click', () => api.chooseTour($('tour').value));
  // A tour's file is fetched when picked: from the list already, so that Start seldom waits.
  $('tour').addEventListener('change', () => isTour($('tour').value) && fetchTourText($('tour').value).catch(() => {}));
  $('settings-form').addEventListener('submit', api.applySettings);
  $('preset').addEventListener('change', api.previewPreset);
  $('next').addEventListener('click', api.forward);
  $('narration-more').addEventListener('click', () => {
    const open = $('narration-box').classList.toggle('expanded');
    $('narration-more').setAttribute('aria-expanded', String(open));
    $('narration-more').textContent = open ? W.less : W.more;
  });
  $('back').addEventListener('click', api.back);
  $('first').addEventListener('click', api.first);
  $('last').addEventListener('click', api.last);
  $('scrubber').addEventListener('input', () => {
    // Read the slider before stopping redraws it at the old position.
    api.scrubTo(Number($('scrubber').value) - 1);
  });
  $('play').addEventListener('click', api.togglePlay);
  $('reset').addEventListener('click', api.reset);
  $('speed').addEventListener('change', () => api.setSpeed($('speed').value));
  $('show-plain').addEventListener('click', () => api.setInspect('plain'));
  $('show-raw').addEventListener('click', () => api.setInspect('raw'));
  $('wire-toggle').addEventListener('click', () => {
    const open = $('dock').classList.toggle('show-wire');
    $('wire-toggle').setAttribute('aria-expanded', String(open));
    $('wire-toggle').textContent = open ? W.hideInspector : W.inspect;
  });
  root.addEventListener('keydown', api.key);
}
