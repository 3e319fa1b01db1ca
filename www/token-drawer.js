// The mechanism switch in the server's settings drawer: a server-side session
// or a signed token, and for tokens how the browser carries it, how long it
// lives and whether the server keeps a denylist, each with a line on what it
// costs. Fetched when the drawer first opens (on-demand.js); reading the
// fields and wording the rest of the playground is token-settings.js's.

import { count } from './format.js';
import { PART_WORDS } from './text/index.js';
import { drawerReady } from './token-settings.js';

// Its words come with it (a file of their own, fetched beside this module).
const W = await PART_WORDS.tokenDrawer.ready;

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
