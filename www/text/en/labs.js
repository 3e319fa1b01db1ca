// English words of the three labs below the playground, fetched with them
// (www/text/labs.js), after the page is usable: the attack lab's, the
// cookie lab's and the scale lab's, by area. Their static forms and prose
// are index.html's (page.js).

import { duration, plural } from './index.js';

// ---- attacks ----
// The attack lab's words (www/attacks.js): the defence matrices' headings
// and verdicts, and the guessing calculator's fields, complaints and answer.
// The attacks' and defences' own names are the engine's (defence-matrix.json).

/** A time given as log10(seconds), in the largest unit that reads well. */
function humanTime(log10Seconds) {
  const units = [['year', 365.25 * 86_400], ['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  for (const [name, size] of units) {
    const log = log10Seconds - Math.log10(size);
    if (log >= 0 || name === 'second') {
      if (log < 0) return 'less than a second';
      if (log >= 6) return `about 10^${Math.floor(log)} ${name}s`;
      const value = 10 ** log;
      const text = value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 1 : 0 });
      return `${text} ${name}${text === '1' ? '' : 's'}`;
    }
  }
  return '';
}

const attacks = {
  matrixNotFetched: (status, statusText) => `the defence matrix could not be fetched (${status} ${statusText})`,
  attack: 'Attack',
  undefended: 'Undefended',
  tour: 'Tour',
  succeeds: 'succeeds',
  fails: 'fails',
  stops: 'stops',
  cellLabel: (defence, stops) => `${defence}: ${stops ? 'stops it' : 'does not stop it'}`,
  play: 'Play',
  playLabel: (attack) => `Play the tour: ${attack}`,
  // The calculator's fields, as its complaints name them.
  bits: 'Bits of randomness',
  live: 'Live sessions',
  rate: 'Guesses a second',
  badField: (label, min, max, raw) => `${label} must be a whole number from ${min} to ${max.toLocaleString('en')}; "${raw}" is not`,
  tooFewBits: (bits, live) => `${bits} bits allow only 2^${bits} different IDs, fewer than ${live.toLocaleString('en')} live sessions`,
  expectedTime: (log10Seconds) => `Expected time to a first hit: ${humanTime(log10Seconds)}.`,
};

// ---- lab ----
// The cookie lab's words (www/lab.js): what is wrong with a URL, the jar's
// table cells, what the jar did with a Set-Cookie (its reasons are the
// core's), what a request carries, and each cookie's decision.

const NO_NAME = '(no name)';
const named = (name) => name || NO_NAME;

const lab = {
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

// ---- scale ----
// The scale lab's words (www/scale.js): counts, shares and sizes as English
// writes them, a run's configuration as phrases, the charts' titles and bars,
// the table's columns and cells, how the figures are modelled, the form's
// complaints and the run's progress. Every number comes from the core's result.

const number = (n) => n.toLocaleString('en');
const percent = (part, whole) => (whole === 0 ? '—' : `${((100 * part) / whole).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`);

/** Bytes in decimal units. */
function bytes(n) {
  if (n >= 1e9) return `${(n / 1e9).toLocaleString('en', { maximumFractionDigits: 1 })} GB`;
  if (n >= 1e6) return `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
  if (n >= 1e3) return `${(n / 1e3).toLocaleString('en', { maximumFractionDigits: 1 })} kB`;
  return `${n} B`;
}

/** The form's labels for the core's field names, as its messages name them. */
const FIELD_LABELS = { mechanism: 'Logins kept as', denylist: 'Logins kept as', refresh: 'Logins kept as', users: 'Users', requests: 'Requests', servers: 'Servers', seed: 'Seed', stopServer: 'Stop a server midway', outagePercent: 'Shared store down', balancing: 'Balancer', layout: 'Session store', sweep: 'Sweep', skewed: 'Users send' };

const scale = {
  number,
  percent,
  bytes,
  // Where a run keeps what a login leaves behind; `layout` is the form's words for its store layout.
  keptAs: (config, layout) => {
    if (config.mechanism !== 'token') return `sessions: ${layout}`;
    if (config.refresh) return 'tokens: refresh records in the shared store';
    return config.denylist ? 'tokens: a denylist in the shared store' : 'tokens: nothing stored';
  },
  /** How long a stolen credential stayed usable after revocation, in words, from the core's measured seconds. */
  stolenFor: (revocation) => {
    const secs = revocation.usableSecs;
    if (secs === null) return `still usable after ${plural(revocation.watchSecs / 3600, 'hour')}`;
    if (secs === 0) return '0 s: refused at once';
    const minutes = Math.floor(secs / 60);
    const rest = secs % 60;
    return [minutes ? plural(minutes, 'minute') : '', rest ? plural(rest, 'second') : ''].filter(Boolean).join(' ');
  },
  /** A run's configuration as phrases, e.g. ["4 servers", "round-robin", "one in-memory store per server"]. */
  phrases: (config, balancing, keptAs) => {
    const parts = [`${config.servers} server${config.servers === 1 ? '' : 's'}`, balancing, keptAs];
    if (config.stopServer) parts.push(`server ${config.stopServer} stopped midway`);
    if (config.outagePercent) parts.push(`store down for ${config.outagePercent}% of the run`);
    if (config.relogin) parts.push('users log in again');
    if (config.skewed) parts.push('a few heavy users');
    return parts;
  },
  // A chart's values as a listener hears them, and one bar's tooltip.
  spokenValues: (spoken) => `${spoken.join('; ')}.`,
  spokenBar: (group, bar, text) => `${group ? `${group}: ` : ''}${bar}: ${text}`,
  barTitle: (bar, text) => `${bar}: ${text}`,
  charts: {
    perServer: 'Requests per server',
    found: 'Requests after login that found their session (or whose token was accepted)',
    ops: 'Store commands and network round trips per request (express-session or the token server, as the stepper runs it)',
    latency: 'Modelled session (or token) latency per request',
    revocation: 'How long a stolen credential kept working after it was revoked (measured on the simulated clock)',
  },
  serverBar: (n, stopped) => `Server ${n}${stopped ? ' (stopped)' : ''}`,
  bars: {
    found: 'Found',
    commands: 'Commands',
    roundTrips: 'Round trips',
    p50: 'p50',
    p99: 'p99',
    p999: 'p99.9',
    mean: 'mean',
    records: 'Records',
    stillUsable: 'Still usable',
  },
  foundOf: (found, lookups) => `${percent(found, lookups)} (${number(found)} of ${number(lookups)})`,
  recordsAbout: (records, redisBytes) => `${number(records)} ≈ ${bytes(redisBytes)}`,
  // What the runs share, said once above the charts.
  common: (runs, common) => `${runs > 1 ? `${runs} runs, each with` : 'One run:'} ${common}.`,
  // The records chart's title, by where the runs' records live.
  storeTitle: {
    mixed: 'Records held: sessions in the app servers\' memory or the shared store (with its memory in Redis, estimated); tokens none but refresh records',
    tokens: 'Records held: a token server stores no session (a denylist holds only revoked tokens, and nobody is revoked here; refresh tokens are records)',
    shared: 'Records held in the shared store, and their memory in Redis (estimate)',
    perServer: "Records held in the app servers' own memory (in-process stores)",
  },
  // The table's memory cell where there is no Redis estimate.
  memory: {
    refreshRecords: '— (refresh records, not estimated)',
    nothingStored: '— (nothing stored)',
    perServer: '— (in each server’s memory)',
  },
  columns: ['Run', 'Requests', 'Logins', 'Lookups', 'Found', 'Not found', 'Store commands', 'Round trips', 'p50', 'p99', 'p99.9', 'Mean', 'Records', 'Memory in Redis (estimate)', 'Sessions lost', 'Stolen credential usable after revocation', 'Requests per server'],
  foundCell: (found, lookups) => `${number(found)} (${percent(found, lookups)})`,
  /** The model's assumptions, with the numbers the first result `r` was computed from. */
  model: (r) => {
    const c = r.cost;
    // How many commands each kind of request runs: the core counts them in the stepper.
    const k = r.commands;
    const shared = r.config.layout === 'shared';
    const share = percent(r.latency.tailRequests, r.done);
    let tail = '';
    if (r.roundTrips > 0 && r.latency.tailRequests * 100 > r.done) {
      tail = ` Here ${share} of requests paid for a slow or failed round trip (a request that finds its session makes ${r.commands.found} round trips and a login ${r.commands.login}, so about ${r.commands.found} in 100 or more meet a slow one): more than the 1% that p99 leaves out, so p99 is one of them.`;
    } else if (r.roundTrips > 0) {
      tail = ` Here ${share} of requests paid for a slow or failed round trip: no more than the 1% that p99 leaves out, so p99 is a normal request and only p99.9 (when above 0.1%) and the mean show the tail.`;
    }
    return (
      'How these figures are modelled: latency counts only the session store work, the commands the stepper runs for express-session on each request ' +
      `(through connect-redis on the shared store, through its MemoryStore in each server's memory), counted in the stepper itself: here a login runs ${k.login} ` +
      (shared ? "(DEL of the request's never-saved session, which regenerate() destroys, then SET twice: the login's save and the save as the response ends)" : '(it files the record)') +
      `, a login over the user's live session ${k.rotated}, a login whose cookie names nothing ${k.relogin}; ` +
      `a request that finds its session ${k.found} (it reads it and, since it did not change it, touches it to slide the expiry: GET, then EXPIRE), ` +
      `one that finds none ${k.missed} (GET). Each command costs ${duration(c.inProcessNs)} in the server's own memory or ${duration(c.roundTripNs)} for a round trip to the shared store, ` +
      `and every ${c.slowOneIn}th round trip takes ${duration(c.slowRoundTripNs)} (counted, not drawn at random, so the seed does not move the tail). ` +
      `While the shared store is down, each request's first command gets no answer and fails after the client's timeout, ${duration(c.unreachableTimeoutNs)} (an assumption, the same as the stepper's).${tail} ` +
      `Memory in Redis is an estimate of ${r.memory.redisBytesPerRecord} bytes a record: the key sess:<ID> (37 bytes), express-session's JSON for a logged-in user as the stepper stores it ` +
      '({"cookie":{…},"user":"alice","role":"customer"}, 109 bytes) and Redis 7\'s per-key structures; it is shown for the shared store only (per-server stores keep records in each app server\'s own memory, where the overhead differs). ' +
      `The simulator itself keeps ${r.memory.simulatorBytesPerUser} bytes a user (${bytes(r.memory.simulatorBytes)} here), and its IDs are its own numbers, not secrets. ` +
      'Users are alike unless "a few heavy users" is chosen: then the k-th user sends in proportion to 1/k (a Zipf-like mix; with 10,000 users the heaviest sends about a tenth of all requests). ' +
      'A stopped server stops after half the requests, and its in-memory records are deleted with it; an outage also starts then. No other record is deleted during a run (nobody logs out, and nothing expires).'
    );
  },
  /** What the token runs are modelled on: the plain, denylisted and renewed runs (any may be missing), the first of them `r`, and a session run `some` (else `r`). */
  tokenModel: ({ plain, listed, renewed, r, some }) => {
    let text =
      `With signed tokens (HS256 JWTs) a login signs a token and every later request verifies its signature and expiry, in the server's own CPU: ${duration(r.cost.tokenSignatureNs)} each (an assumption, stated), and ` +
      `${plain ? `${plain.commands.login} store commands at a login and ${plain.commands.found} at a request, counted in the stepper's token server, so any server accepts any token and a stopped server loses nobody` : 'no store command at a login'}.`;
    if (renewed) text += ` With refresh tokens a login also files a refresh record in the shared store (${renewed.commands.login} commands); no request asks the store again until its access token expires, and then a renewal reads and rotates the record (${renewed.commands.renewal} commands, counted in the stepper; not charged here: a run is taken to be shorter than any expiry, an access token's too). A revocation deletes the refresh record, so a stolen access token works until its own exp and is never renewed; the watch gives it the short life the fix intends, 5 minutes.`;
    if (listed) text += ` With a denylist every request after login also asks the shared store whether its token was revoked: ${listed.commands.found} command (EXISTS denylist:<jti>), a round trip like a session's lookup; while the store is down those requests fail, though logins, which ask nothing, still work.`;
    text +=
      ` The last column is measured, not assumed: for each run the stepper plays Alice logging in, Mallory copying what her browser holds, and the administrator revoking Alice's ${r.config.mechanism === 'token' ? 'token' : 'session'}; then Mallory asks for Alice's profile once a minute, and once a second over the last minute, until the server refuses her (here ${plural(r.revocation.attempts, 'try', 'tries')} for the tokens` +
      `${some !== r ? `, ${plural(some.revocation.attempts, 'try', 'tries')} for sessions` : ''}). A session's record is gone, so her first try fails; a token has no record to delete and works until its exp (with refresh tokens, at most the 5 minutes to the next renewal); a denylist refuses it at once.`;
    return text;
  },
  fieldLabels: FIELD_LABELS,
  // The core's "field: message" with the field's label from the form.
  fieldMessage: (label, message) => `${label}: ${message}`,
  asSentence: (text) => (/[.!?]$/.test(text) ? text : `${text}.`),
  badWhole: (label, min, max, raw) => `${label} must be a whole number from ${number(min)} to ${number(max)}; "${raw}" is not.`,
  noStop: 'none',
  stopOption: (n) => `server ${n}`,
  failed: (message, shown) => `${message}${shown ? ' The charts still show the last run.' : ''}`,
  simulating: (total, runs) => `Simulating ${number(total)} requests${runs > 1 ? ` in ${runs} runs` : ''}…`,
  progress: (percentDone) => `${percentDone}%`,
  cancelled: (simulated, total, shown) => `Cancelled after ${number(simulated)} of ${number(total)} requests${shown ? '; the charts still show the last run' : ''}.`,
  simulated: (total, runs) => `Simulated ${number(total)} requests${runs > 1 ? ` in ${runs} runs` : ''}.`,
};

export default { attacks, lab, scale };
