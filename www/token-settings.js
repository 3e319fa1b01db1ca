// The mechanism switch in the server's settings drawer: a server-side session
// or a signed token, and for tokens how the browser carries it, how long it
// lives and whether the server keeps a denylist, each with a line on what it
// costs. The core parses and checks the settings (scenario/token_settings.rs:
// the token-only ones are an error under sessions, so they are sent only with
// "mechanism": "token"); this module only fills and reads the fields.

import { count } from './format.js';

const FIELDS = `
<fieldset class="setting-group mechanism-group" id="mechanism-group">
  <legend>Remembering a login</legend>
  <div class="setting"><label for="mechanism">The server keeps</label>
    <select id="mechanism" aria-describedby="mechanism-cost">
      <option value="session">a session: a record in its store, the ID in a cookie</option>
      <option value="token">nothing: a signed token (JWT) says who you are</option>
    </select></div>
  <p class="hint cost" id="mechanism-cost"></p>
  <div class="token-only" id="token-fields">
    <div class="setting"><label for="carry">The token travels</label>
      <select id="carry" aria-describedby="carry-cost">
        <option value="cookie">in a cookie (HttpOnly as set below)</option>
        <option value="bearer">as Authorization: Bearer, from page storage</option>
      </select></div>
    <p class="hint cost" id="carry-cost"></p>
    <div class="setting"><label for="token-lifetime">Token lifetime, minutes</label> <input id="token-lifetime" type="text" inputmode="numeric" autocomplete="off" aria-describedby="lifetime-cost"></div>
    <p class="hint cost" id="lifetime-cost"></p>
    <div class="setting check"><input type="checkbox" id="denylist" aria-describedby="denylist-cost"> <label for="denylist">Keep a denylist of revoked tokens (jti) in the store</label></div>
    <p class="hint cost" id="denylist-cost">Revocation and logout end a token at once, at the price of a store lookup on every request again: the lookup tokens were meant to save.</p>
  </div>
</fieldset>
`;

const COST = {
  session: 'Every request costs a lookup in the store, and a login ends the moment its record is deleted.',
  token: 'No store, no lookup: any server with the secret checks a token alone. But nothing can end a token before its exp.',
  cookie: 'The browser attaches it by itself, other sites\u2019 forms included (CSRF), and with HttpOnly no script can read it.',
  bearer: 'Only the page\u2019s script sends it, so another site\u2019s form carries none; but any script on the page, an injected one too, can read it.',
};

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
    root.querySelector('#lifetime-cost').textContent = `Whole minutes, ${range.min / 60} to ${most}. Longer means fewer logins, and longer for a stolen or revoked token to keep working.`;
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
    throw new Error(`Token lifetime must be a whole number of minutes from ${range.min / 60} to ${count(range.max / 60)}; "${raw}" is not.`);
  }
  return { mechanism: 'token', carry: $('carry').value, tokenLifetime: Math.round(seconds), denylist: $('denylist').checked };
}

/** The buttons whose words name a session, as a token world words them. */
const BUTTON_WORDS = {
  revoke: ['Revoke newest session', 'Revoke newest token'],
  copy: ['Copy the session cookie', 'Copy the token cookie'],
};

/** Words the administrator's and copying buttons for the world's mechanism. */
function wordButtons(root, token) {
  for (const [id, words] of Object.entries(BUTTON_WORDS)) {
    const button = root.querySelector(`#${id}`);
    if (button) button.textContent = words[token ? 1 : 0];
  }
  // "End alice's sessions": the name is a span of its own; the word after it changes.
  const name = root.querySelector('#revoke-user-name');
  if (name?.nextSibling) name.nextSibling.textContent = token ? "'s tokens" : "'s sessions";
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
  summary.textContent = `${summary.textContent}; tokens (${carried}, ${settings.tokenLifetime / 60} min${settings.denylist ? ', denylist' : ''})`;
}
