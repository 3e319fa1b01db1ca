// The mechanism switch in the server's settings drawer: a server-side session
// or a signed token, and for tokens how the browser carries it, how long it
// lives and whether the server keeps a denylist, each with a line on what it
// costs. Fetched when the drawer first opens (on-demand.js); reading the
// fields and wording the rest of the playground is token-settings.js's.

import { count } from './format.js';
import { drawerReady } from './token-settings.js';

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

/** Puts the mechanism's fields at the top of the settings form, showing `settings`. */
export function setupTokenDrawer(root, limits, settings) {
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
  drawerReady(root, (shown) => fill(root, shown));
  fill(root, settings);
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

/** The settings' mechanism in the fields. */
function fill(root, settings) {
  const $ = (id) => root.querySelector(`#${id}`);
  $('mechanism').value = settings.mechanism;
  $('carry').value = settings.carry;
  // Minutes, with decimals where a scenario set seconds (90 s shows as 1.5).
  $('token-lifetime').value = String(settings.tokenLifetime / 60);
  $('denylist').checked = settings.denylist;
  showMechanism(root);
}
