// The mechanism's settings as the rest of the playground needs them at once:
// reading them from the settings drawer in the scenario format (the
// token-only ones only with "mechanism": "token"; the core parses and checks
// them, scenario/token_settings.rs), wording the buttons that name a session
// for a token world, and noting a token server in the drawer's summary. The
// drawer's own fields (token-drawer.js) are fetched when the drawer first
// opens (on-demand.js), and filled from here once they are there.

import { count } from './format.js';
import { WORDS } from './text/index.js';

const W = WORDS.tokenSettings;

/** Each playground's way of filling the drawer's fields, once token-drawer.js has added them. */
const fillers = new WeakMap();

/** Called by token-drawer.js once the fields are in `root`'s form: `fill(settings)` shows settings in them. */
export function drawerReady(root, fill) {
  fillers.set(root, fill);
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

/** Words the buttons for the world's mechanism, fills the drawer's fields (once they are there), and notes a token server in the summary. */
export function showTokenSettings(root, settings) {
  const $ = (id) => root.querySelector(`#${id}`);
  if ($('mechanism-group')?.dataset.edited) return;
  wordButtons(root, settings.mechanism === 'token');
  fillers.get(root)?.(settings);
  if (settings.mechanism !== 'token') return;
  const summary = $('settings-summary');
  const carried = settings.carry === 'bearer' ? 'bearer' : 'cookie';
  summary.textContent = W.summary(summary.textContent, carried, settings.tokenLifetime / 60, settings.denylist);
}
