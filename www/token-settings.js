// The mechanism switch in the server's settings drawer: a server-side session
// or a signed token, and for tokens how the browser carries it, how long it
// lives and whether the server keeps a denylist, each with a line on what it
// costs. The core parses and checks the settings (scenario/token_settings.rs:
// the token-only ones are an error under sessions, so they are sent only with
// "mechanism": "token"); this module only fills and reads the fields.

import { count } from './format.js';
import { WORDS } from './text/index.js';

const W = WORDS.tokenSettings;

const FIELDS = `
<fieldset class="setting-group mechanism-group" id="mechanism-group">
  <legend>${W.rememberingALogin}</legend>
  <div class="setting"><label for="mechanism">${W.mechanismLabel}</label>
    <select id="mechanism" aria-describedby="mechanism-cost">
      <option value="session">${W.mechanismSession}</option>
      <option value="token">${W.mechanismToken}</option>
    </select></div>
  <p class="hint cost" id="mechanism-cost"></p>
  <div class="token-only" id="token-fields">
    <div class="setting"><label for="carry">${W.carryLabel}</label>
      <select id="carry" aria-describedby="carry-cost">
        <option value="cookie">${W.carryCookie}</option>
        <option value="bearer">${W.carryBearer}</option>
      </select></div>
    <p class="hint cost" id="carry-cost"></p>
    <div class="setting"><label for="token-lifetime">${W.tokenLifetimeLabel}</label> <input id="token-lifetime" type="text" inputmode="numeric" autocomplete="off" aria-describedby="lifetime-cost"></div>
    <p class="hint cost" id="lifetime-cost"></p>
    <div class="setting check"><input type="checkbox" id="denylist" aria-describedby="denylist-cost"> <label for="denylist">${W.denylistLabel}</label></div>
    <p class="hint cost" id="denylist-cost">${W.denylistCost}</p>
  </div>
</fieldset>
`;

const COST = W.cost;

/** The fields that mean nothing to a token server: its logins have no record, no ID rotation, no timeouts. */
const SESSION_ONLY = ['rotate', 'logout-mode', 'cleanup', 'strict', 'idle', 'absolute'];

/** Puts the mechanism's fields at the top of the settings form. */
export function setupTokenSettings(root, limits) {
  const form = root.querySelector('#settings-form');
  const holder = document.createElement('template');
  // A fixed string of this module: no reader or core text goes through here.
  holder.innerHTML = FIELDS;
  const first = form.querySelector('.setting');
  form.insertBefore(holder.content, first.nextSibling);
  const range = limits.tokenLifetimeSeconds;
  const lifetimeCost = () => {
    const most = count(Math.floor(range.max / 60));
    root.querySelector('#lifetime-cost').textContent = W.lifetimeCost(range.min / 60, most);
  };
  lifetimeCost();
  const update = () => showMechanism(root);
  root.querySelector('#mechanism').addEventListener('change', update);
  root.querySelector('#carry').addEventListener('change', update);
  // The reader's choices here outlive a preset's preview (its defaults are a
  // session's) until the form is applied or the drawer closes.
  const group = root.querySelector('#mechanism-group');
  group.addEventListener('input', () => (group.dataset.edited = 'true'));
  group.addEventListener('change', () => (group.dataset.edited = 'true'));
  const forget = () => delete group.dataset.edited;
  // Before the form's own handler applies the settings (capture, on an ancestor), so the applied world's settings show.
  form.parentElement.addEventListener('submit', forget, true);
  root.querySelector('#settings-panel').addEventListener('toggle', (event) => event.target.open || forget());
}

/** Shows the fields of the chosen mechanism, and the cost of each choice. */
function showMechanism(root) {
  const $ = (id) => root.querySelector(`#${id}`);
  const token = $('mechanism').value === 'token';
  $('mechanism-cost').textContent = COST[$('mechanism').value];
  $('carry-cost').textContent = COST[$('carry').value];
  $('token-fields').hidden = !token;
  for (const id of SESSION_ONLY) {
    const row = $(id)?.closest('.setting');
    if (row) row.hidden = token;
  }
  $('timeout-hint').hidden = token;
}

/** The mechanism's settings in the scenario format (the token's only with a token server). */
export function tokenSettings(root, limits) {
  const $ = (id) => root.querySelector(`#${id}`);
  if (!$('mechanism')) return {};
  if ($('mechanism').value !== 'token') return { mechanism: 'session' };
  const input = $('token-lifetime');
  const raw = input.value.trim();
  const range = limits.tokenLifetimeSeconds;
  // Whole minutes, or the decimal a scenario's seconds show as (1.5 for 90 s).
  const seconds = Number(raw) * 60;
  input.removeAttribute('aria-invalid');
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds < range.min || seconds > range.max || Math.abs(seconds - Math.round(seconds)) > 1e-9) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    throw new Error(W.badLifetime(range.min / 60, count(range.max / 60), raw));
  }
  return { mechanism: 'token', carry: $('carry').value, tokenLifetime: Math.round(seconds), denylist: $('denylist').checked };
}

/** The buttons whose words name a session, as a token world words them. */
const BUTTON_WORDS = W.buttons;

/** Words the administrator's and copying buttons for the world's mechanism. */
function wordButtons(root, token) {
  for (const [id, words] of Object.entries(BUTTON_WORDS)) {
    const button = root.querySelector(`#${id}`);
    if (button) button.textContent = words[token ? 1 : 0];
  }
  // "End alice's sessions": the name is a span of its own; the word after it changes.
  const name = root.querySelector('#revoke-user-name');
  if (name?.nextSibling) name.nextSibling.textContent = token ? W.afterNameTokens : W.afterNameSessions;
}

/** Fills the mechanism's fields from settings, and notes a token server in the summary. */
export function showTokenSettings(root, settings) {
  const $ = (id) => root.querySelector(`#${id}`);
  if (!$('mechanism')) return;
  if ($('mechanism-group').dataset.edited) return;
  wordButtons(root, settings.mechanism === 'token');
  $('mechanism').value = settings.mechanism;
  $('carry').value = settings.carry;
  // Minutes, with decimals where a scenario set seconds (90 s shows as 1.5).
  $('token-lifetime').value = String(settings.tokenLifetime / 60);
  $('denylist').checked = settings.denylist;
  showMechanism(root);
  if (settings.mechanism !== 'token') return;
  const summary = $('settings-summary');
  const carried = settings.carry === 'bearer' ? 'bearer' : 'cookie';
  summary.textContent = W.summary(summary.textContent, carried, settings.tokenLifetime / 60, settings.denylist);
}
