// The words of the mechanism's fields in the settings drawer
// (www/token-settings.js): sessions or tokens, what each choice costs, and
// the buttons a token world words its own way.

export default {
  rememberingALogin: 'Remembering a login',
  mechanismLabel: 'The server keeps',
  mechanismSession: 'a session: a record in its store, the ID in a cookie',
  mechanismToken: 'nothing: a signed token (JWT) says who you are',
  carryLabel: 'The token travels',
  carryCookie: 'in a cookie (HttpOnly as set below)',
  carryBearer: 'as Authorization: Bearer, from page storage',
  tokenLifetimeLabel: 'Token lifetime, minutes',
  denylistLabel: 'Keep a denylist of revoked tokens (jti) in the store',
  denylistCost: 'Revocation and logout end a token at once, at the price of a store lookup on every request again: the lookup tokens were meant to save.',
  // What each choice costs, by the value chosen.
  cost: {
    session: 'Every request costs a lookup in the store, and a login ends the moment its record is deleted.',
    token: 'No store, no lookup: any server with the secret checks a token alone. But nothing can end a token before its exp.',
    cookie: 'The browser attaches it by itself, other sites\u2019 forms included (CSRF), and with HttpOnly no script can read it.',
    bearer: 'Only the page\u2019s script sends it, so another site\u2019s form carries none; but any script on the page, an injected one too, can read it.',
  },
  lifetimeCost: (least, most) => `Whole minutes, ${least} to ${most}. Longer means fewer logins, and longer for a stolen or revoked token to keep working.`,
  badLifetime: (least, most, raw) => `Token lifetime must be a whole number of minutes from ${least} to ${most}; "${raw}" is not.`,
  // The buttons whose words name a session: [a session world's, a token world's].
  buttons: {
    revoke: ['Revoke newest session', 'Revoke newest token'],
    copy: ['Copy the session cookie', 'Copy the token cookie'],
  },
  // "End alice's sessions": the words after the user's name (a span of its own).
  afterNameSessions: "'s sessions",
  afterNameTokens: "'s tokens",
  // The settings' summary, with a token server's carry, lifetime in minutes and denylist.
  summary: (summary, carried, minutes, denylist) => `${summary}; tokens (${carried}, ${minutes} min${denylist ? ', denylist' : ''})`,
};
