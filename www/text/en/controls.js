// The controls' words (www/controls.js): the browsers' names, the labels of
// free-play actions (the timeline's and a shared link's), and the settings
// form's complaints. A label is what the reader pressed, in the reader's
// words; the core's narration says what happened.

export default {
  browsers: { laptop: "Alice's laptop", phone: "Alice's phone", mallory: "Mallory's laptop" },
  badTimeout: (field, most, raw) => `${field} must be a whole number of minutes from 1 to ${most}, or empty for none; "${raw}" is not.`,
  // A browser's action: "Alice's laptop: visit /profile".
  byBrowser: (browser, what) => `${browser}: ${what}`,
  logIn: (username) => `log in as ${username}`,
  visit: 'visit /profile',
  logOut: 'log out',
  logOutEverywhere: 'log out everywhere',
  changePassword: 'change password',
  copyTicket: (from, to) => `copy the ticket from ${from} to ${to}`,
  closeAndReopen: 'close and reopen',
  plant: "Mallory's ticket is planted",
  scriptTheft: 'an injected script runs',
  crossSiteForm: "another site's form posts to /password",
  visitOverHttp: 'visit over plain http',
  noTicketTyped: 'Type a ticket to try first.',
  guessTicket: (id) => `try the ticket ${id}`,
  revokeNewest: 'Admin: revoke the newest session',
  revokeUser: (user) => `Admin: end all of ${user}'s sessions`,
  restartServer: 'Restart the server',
  revokeId: (id) => `Admin: revoke ${id}`,
  less: 'Less',
  more: 'More',
  hideInspector: 'Hide inspector',
  inspect: 'Inspect',
};
