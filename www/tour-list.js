// Generated from scenarios/ by `UPDATE_SNAPSHOTS=1 cargo test --test native tours::`,
// which checks it: the tour picker's list, each built-in tour's key, title and
// number of steps, in teaching order. The tours themselves are fetched when picked.

/** Every built-in tour: `{ key, title, steps }`. */
export const TOUR_LIST = Object.freeze([
  { key: "coat-check", title: "The coat check", steps: 3 },
  { key: "revocation", title: "Instant revocation", steps: 4 },
  { key: "logout-done-right", title: "Logout done right", steps: 2 },
  { key: "logout-client-only", title: "Logout done wrong: only the cookie is cleared", steps: 2 },
  { key: "logout-server-only", title: "Logout that leaves the cookie", steps: 2 },
  { key: "idle-timeout", title: "Idle timeout", steps: 4 },
  { key: "absolute-timeout", title: "Absolute timeout", steps: 2 },
  { key: "cookie-and-record", title: "The cookie and the record keep different clocks", steps: 3 },
  { key: "log-out-everywhere", title: "Log out everywhere", steps: 2 },
  { key: "password-change", title: "A password change ends the other sessions", steps: 3 },
  { key: "server-restart", title: "Server restart with an in-memory store", steps: 2 },
  { key: "server-restart-redis", title: "Server restart with Redis", steps: 2 },
  { key: "load-balancer-round-robin", title: "Four servers, round-robin: randomly logged out", steps: 6 },
  { key: "sticky-sessions", title: "Sticky sessions: pinned to one server", steps: 9 },
  { key: "shared-store", title: "A shared store: any server, every request a round trip", steps: 5 },
  { key: "store-outage", title: "The shared store goes down", steps: 8 },
  { key: "tokens-nothing-to-look-up", title: "Tokens: nothing to look up", steps: 7 },
  { key: "token-revocation", title: "Revoking a token", steps: 6 },
  { key: "token-denylist", title: "The denylist brings the lookup back", steps: 7 },
  { key: "sessions-vs-tokens", title: "Sessions vs tokens at four servers", steps: 8 },
  { key: "attack-stolen-ticket", title: "Attack: a stolen ticket", steps: 4 },
  { key: "session-fixation", title: "Attack: session fixation", steps: 7 },
  { key: "attack-made-up-id", title: "Attack: fixation with a made-up ID", steps: 7 },
  { key: "attack-guessed-id", title: "Attack: guessing an ID", steps: 5 },
  { key: "attack-script-theft", title: "Attack: a script steals the ticket", steps: 5 },
  { key: "attack-csrf", title: "Attack: cross-site request forgery", steps: 5 },
  { key: "attack-plain-http", title: "Attack: sniffing plain http", steps: 5 },
]);
