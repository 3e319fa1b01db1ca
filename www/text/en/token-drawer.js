// English words of the mechanism's fields in the settings drawer
// (www/token-drawer.js), fetched with them when the drawer first opens
// (www/text/index.js, `PART_WORDS.tokenDrawer`): sessions or tokens, how the
// token travels, its lifetime and denylist, and what each choice costs.

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
};
