// The cookie lab's words (www/lab.js): what is wrong with a URL, the jar's
// table cells, what the jar did with a Set-Cookie (its reasons are the
// core's), what a request carries, and each cookie's decision.

const NO_NAME = '(no name)';
const named = (name) => name || NO_NAME;

export default {
  notAFullUrl: (text) => `"${text}" is not a full URL; write it like https://www.example.com/path`,
  notHttp: (scheme) => `cookies are only for http and https URLs, not ${scheme}`,
  noName: NO_NAME,
  // Where a cookie goes, by the core's reach.
  reach: {
    host: (domain) => `${domain} (host-only)`,
    subdomains: (domain) => `${domain} and subdomains`,
    address: (domain) => `${domain} only (an address has no subdomains)`,
  },
  whenBrowserCloses: 'when the browser closes',
  // What the jar did with a Set-Cookie: the sentence, and whether it went well.
  outcome: {
    stored: (c) => [`Stored the cookie ${named(c.name)}.`, true],
    replaced: (c) => [`Replaced the cookie ${named(c.name)}, keeping its creation time.`, true],
    deleted: (c) => [`Deleted the cookie ${named(c.name)}: its expiry is in the past.`, true],
    nothingToDelete: (c) => [`Nothing stored: the cookie ${named(c.name)} expires at once, and the jar had none to delete.`, true],
    rejected: (c) => [`Not stored. The browser ${c.reason}.`, false],
  },
  cannotBeTried: (why) => `That cannot be tried: ${why}.`,
  // What a request carries (or a script reads): the Cookie string, or null for none.
  carries: (script, cookies) => {
    const what = script ? 'document.cookie returns' : 'The request carries';
    return cookies === null ? `${what} no cookies.` : `${what}: ${script ? '' : 'Cookie: '}${cookies}`;
  },
  decision: (d) => `${named(d.name)} (${d.domain}${d.path}): ${d.reason}`,
  cleared: 'The jar is empty and the clock is back at the start.',
  dayPassed: 'A day passes; cookies whose time is up leave the jar.',
};
