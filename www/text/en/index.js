// English, the playground's first language: every word the first load
// shows, by area (one area a page module, named for it), and how English
// writes numbers. A translation copies this folder and keeps every id. The
// words of a part fetched only when the reader asks for it are that part's
// own file, fetched with it (fork.js, inspector.js, share-dialog.js,
// token-drawer.js, print.js; www/text/index.js's `PART_WORDS`), the three
// labs' are labs.js's (fetched with the labs), and index.html's are
// page.js's (read only by scripts/index-page.mjs).
//
// Why one file of this length: the page's load. The page fetches its words
// in one request, and gzip sees them together; as one module an area they
// cost about 4.0 KB more gzipped (measured with scripts/size.mjs when there
// were 20 areas) and a request an area more on the way to usable. Each
// area is a section of its own (`// ---- area ----`), in the order of the
// page modules' names, but the markup's, last: it takes the words the page
// writes later from theirs.

// ---- numbers ----
// Numbers as an English reader reads them, for every part of the page: counts
// with thousands separators, durations in the unit that reads well, plurals
// and ordinals. Pure functions, no DOM and no Intl: the first toLocaleString
// call loads the browser's ICU data, which is not worth a pause to write
// "1,500". A language writes its own (its separators, its plural rules);
// www/format.js hands the chosen language's to the page.

/** A whole number with thousands separators: 4981 → "4,981". */
export function count(n) {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `value` rounded to at most `digits` decimals, trailing zeros dropped, grouped: 1234.50 → "1,234.5". */
function decimal(value, digits) {
  const factor = 10 ** digits;
  return count(Math.round(value * factor) / factor);
}

/**
 * Nanoseconds in the unit that reads well: "800 ns", "1 µs", "414.2 µs",
 * "2.2 ms", "1 s". The one duration formatter of the page: the stepper's
 * cost model and the scale lab say the same time the same way.
 */
export function duration(ns) {
  if (ns >= 1e9) return `${decimal(ns / 1e9, 2)} s`;
  if (ns >= 1e6) return `${decimal(ns / 1e6, 2)} ms`;
  if (ns >= 1e3) return `${decimal(ns / 1e3, 1)} µs`;
  return `${ns} ns`;
}

/** "1 coat", "4,981 coats": English has one form for one and one for the rest. */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st. */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

// ---- announce ----
// What the page says about where the reader is (www/announce.js): who acts
// in a moment, the live region's sentence, a shared link's refused session
// IDs, and a free-play action that joined the timeline's end.

const announce = {
  // The actors other than a browser (whose name is the snapshot's label).
  actors: { network: 'the network', server: 'the server', store: 'the session store', clock: 'the clock', balancer: 'the load balancer' },
  theBrowser: 'the browser',
  // "Alice's laptop and the network"; "a, b and c".
  list: (names) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]),
  moment: (step, total, who, narration) => `Step ${step} of ${total}, ${who}: ${narration}`,
  // The first few refused IDs (`shown`: position, id, reason) of `total` in all.
  refusedIds: (shown, total) => {
    const named = shown.map(({ position, id, reason }) => `the ${ordinal(position)} ID, “${id.length > 40 ? `${id.slice(0, 40)}…` : id}”: ${reason}`);
    const more = total > named.length ? `; and ${total - named.length} more` : '';
    const one = total === 1;
    return `The shared link asked for ${one ? 'a session ID' : 'session IDs'} the real CSPRNG could not have drawn, so ${one ? 'a fresh one was' : 'fresh ones were'} drawn instead (what follows may differ from the link's run): ${named.join('; ')}${more}.`;
  },
  joinedAtEnd: (label, at, last) =>
    `“${label}” ran after the timeline's last step, step ${last}, not after step ${at}, where you were: steps are only ever added at the end, so nothing after step ${at} was lost.`,
};

// ---- cluster ----
// Scaling out's words (www/cluster.js): the topology fields of the settings
// form (the balancers and store layouts by the core's keys), the balancer's
// panel, each server's state and load, the shared store, the cost meter and
// its model, and the administrator's server and store buttons.

const cluster = {
  // The settings form's choices, in order, by the scenario format's values.
  balancing: {
    roundRobin: 'Round-robin (each server in turn)',
    random: 'Random',
    sticky: 'Sticky sessions (AWSALB cookie)',
  },
  layouts: {
    perServer: "Each server's own memory",
    shared: 'One shared store (Redis-like)',
  },
  // The balancer's policy in the panel's title and the settings' summary.
  balancingShort: { roundRobin: 'round-robin', random: 'random', sticky: 'sticky sessions' },
  millis: (ms) => `${ms} ms`,
  legend: 'Scale out: servers behind a load balancer',
  serversLabel: 'App servers',
  balancingLabel: 'Load balancer sends each request',
  layoutLabel: 'Sessions live in',
  title: 'Load balancer ',
  nodesLabel: 'App servers behind the load balancer',
  meterTitle: 'Cost meter',
  meterCaption: 'Session work: this action and in all',
  meterColumns: ['Measure', 'This action', 'In all'],
  adminLabel: 'Servers and store',
  pickLabel: 'Server to stop or start',
  stopServer: 'Stop server',
  stopServerLabel: (n) => `Stop app-${n}`,
  startServer: 'Start server',
  startServerLabel: (n) => `Start app-${n} again`,
  stopStore: 'Store goes down',
  stopStoreLabel: 'The session store goes down',
  startStore: 'Store is back',
  startStoreLabel: 'The session store is back',
  summary: (summary, servers, balancing, shared) => `${summary}; ${plural(servers, 'server')}, ${balancing}, ${shared ? 'a shared store' : 'own memory each'}`,
  // The cost meter's rows.
  cost: {
    requests: 'Requests',
    lookups: 'Lookups',
    roundTrips: 'Round trips to the store',
    inProcess: 'In-process operations',
    slow: 'of them slow',
    timedOut: 'Timed out (no reply)',
    time: 'Modelled time',
  },
  running: 'running',
  stopped: 'stopped',
  handled: (requests) => plural(requests, 'request'),
  records: (sessions) => plural(sessions, 'session'),
  waiting: 'Waiting for requests.',
  sentTo: (server) => `Sent to ${server}.`,
  noServerRunning: 'No server running: 503.',
  pins: (server) => `Pins this browser to ${server} (AWSALB cookie).`,
  handling: (server) => `Handling: ${server}.`,
  sharedUp: (kind) => `Shared store (${kind}): reachable by every server over the network.`,
  sharedDown: (kind) => `Shared store (${kind}) is DOWN: no server can read a session, so nobody can be authenticated.`,
  ownMemory: 'Each server keeps its sessions in its own memory: no other server can see them.',
  // The cost model's stated numbers, each already written as a duration.
  model: ({ inProcess, roundTrip, slowOneIn, slow, timeout }) =>
    `The model: an operation in the server's own memory ${inProcess}; a round trip to a shared store ${roundTrip} (about what Redis's latency guide gives for a 1 Gbit/s network); 1 round trip in ${slowOneIn} is slow, ${slow}; a command to a store that cannot be reached gets no reply and waits ${timeout} for the client to give up (an assumed command timeout: ioredis sets none by default).`,
  storeKindShared: (kind, reachable) => `shared: ${kind}${reachable ? '' : ', DOWN'}`,
  storeKindOwn: "each server's own memory",
};

// ---- controls ----
// The controls' words (www/controls.js): the browsers' names, the labels of
// free-play actions (the timeline's and a shared link's), and the settings
// form's complaints. A label is what the reader pressed, in the reader's
// words; the core's narration says what happened.

const controls = {
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

// ---- core ----
// The words of the core's guard (www/core.js): what a call on a freed
// engine object says, and the names of the objects it guards.

const core = {
  freed: (noun, name, className) => `this ${noun} was freed: ${name} cannot be used after free(); make a new ${className}`,
  playground: 'playground',
  cookieLab: 'cookie lab',
  scaleRun: 'scale run',
};

// ---- dock ----
// The dock's words (www/dock.js): Play and Pause, the scrubber's position
// and the narration's More.

const dock = {
  play: 'Play',
  pause: 'Pause',
  noSteps: 'No steps yet',
  stepOf: (step, total) => `Step ${step} of ${total}`,
  more: 'More',
};

// ---- element ----
// The <session-playground> element's words (www/session-playground.js): its
// landmarks' names, what it says about its attributes and its stylesheet,
// and where an inline scenario came from.

const element = {
  styleBlocked: (origin) => `the page's Content-Security-Policy does not allow it (add ${origin} to style-src)`,
  styleNotFetched: 'it could not be fetched',
  styleDidNotLoad: (sheet, why) => `The playground's stylesheet (${sheet}) did not load: ${why}. It works, unstyled.`,
  badDock: (raw, docks) => `dock="${raw}" is not one of ${docks.join(', ')}; the controls stick to the bottom of the window.`,
  // The element's landmark, alone on its page or numbered among several.
  name: 'Session playground',
  nameNumbered: (n) => `Session playground ${n}`,
  // An inner landmark's name with the element's after it, so several on a page stay distinct ('' for the suffix alone).
  landmark: (label, name) => `${label} (${name})`,
  inlineScenarioSource: 'in the element\u2019s <script type="application/json">',
  badSeed: (raw) => `seed="${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`,
  badSpeed: (raw, speeds) => `speed="${raw}" is not one of ${speeds.join(', ')}; playing at normal speed.`,
  badControls: (raw, controls) => `controls="${raw}" is not one of ${controls.join(', ')}; showing them all.`,
  badTheme: (raw, themes) => `theme="${raw}" is not one of ${themes.join(', ')}; following the page's color-scheme.`,
};

// ---- embedding ----
// An embedding's words (www/embedding.js): why the engine could not start,
// naming the cause an author can fix, and why an author's scenario could not
// be had.

const couldNotStartIntro = 'The playground could not start:';

const embedding = {
  couldNotStart: {
    connectSrc: (engine, origin) => `${couldNotStartIntro} the page's Content-Security-Policy does not let it fetch its engine (${engine}). Add ${origin} to connect-src.`,
    wasmEval: `${couldNotStartIntro} the page's Content-Security-Policy does not let it compile WebAssembly. Add 'wasm-unsafe-eval' to script-src.`,
    noWebAssembly: `${couldNotStartIntro} this browser has no WebAssembly.`,
    mimeType: (engine) => `${couldNotStartIntro} its engine (${engine}) is not served as application/wasm. Configure the server to send .wasm files with that type.`,
    status: (engine, status, statusText) => `${couldNotStartIntro} its engine (${engine}) could not be fetched: the server answered ${status} ${statusText}. Is the package complete there?`,
    crossOrigin: (engine) =>
      `${couldNotStartIntro} its engine (${engine}) could not be fetched. It is on another origin: that server must send Access-Control-Allow-Origin (CDNs that serve npm packages do).`,
    unreachable: (engine) => `${couldNotStartIntro} its engine (${engine}) could not be fetched. Is the address right, and is the page served over http(s)?`,
    other: (why) => `${couldNotStartIntro} ${why}.`,
    scriptMissing: (script) => `${couldNotStartIntro} one of its scripts (${script}) could not be fetched. Is the package complete there?`,
  },
  notTourNorUrl: (value) => `scenario="${value}" is neither a tour's name nor a URL.`,
  scenarioStatus: (url, status, statusText) => `The scenario at ${url} could not be fetched: the server answered ${status} ${statusText}.`,
  // Where a fetched scenario came from, as a message about it names it.
  scenarioSource: (url) => `at ${url}`,
  scenarioUnreachable: (url, why) => `The scenario at ${url} could not be fetched (${why}). Is the address right, and does that server allow this page to read it?`,
};

// ---- main ----
// The page's entry's words (www/main.js): what it says about the address it
// was opened with (?seed=, ?theme=, ?controls=, ?embed=, #scenario=), a host
// page's command it does not know, a press made while the engine starts,
// and an engine or a lab that could not load.

const main = {
  badSeed: (raw) => `The seed "${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`,
  badTheme: (raw, themes) => `?theme=${raw} is not one of ${themes.join(', ')}; following the reader's system setting.`,
  badControls: (raw, controls) => `?controls=${raw} is not one of ${controls.join(', ')}; showing them all.`,
  // Where an inline scenario came from, as a message about it names it.
  inlineScenarioSource: 'in the address (#scenario=)',
  badInlineScenario: 'The scenario in the address (#scenario=) is not base64url-encoded UTF-8 JSON.',
  badCommand: (command, commands) => `The host page sent "${command}", which is not one of ${commands.join(', ')}.`,
  starting: (button) => `Starting… "${button}" happens as soon as the engine is ready.`,
  couldNotStart: (why) => `The playground could not start: ${why}. It needs a browser with WebAssembly, served over http(s).`,
  badEmbed: (raw) => `?embed=${raw} is not understood; ?embed=1 shows the playground alone.`,
  labCouldNotLoad: (why) => `This lab could not load: ${why}. Reload the page to try again.`,
};

// ---- on-demand ----
// What loads only when the reader asks for it (www/on-demand.js): the status
// line while a module is on its way, and what it says if one cannot load.

const onDemand = {
  loading: (what) => `Loading ${what}…`,
  fork: 'the fork',
  forkCouldNotLoad: (why) => `The fork could not load: ${why}. Press Fork to try again.`,
  settings: 'the settings',
  settingsCouldNotLoad: (why) => `The token settings could not load: ${why}. Close and open the drawer to try again.`,
};

// ---- player ----
// The player's messages (www/player.js): why a tour, a scenario, the
// settings, a preset or a shared link could not be used, and a shared
// link's replay under way. `why` is the cause as the core or the browser
// words it.

const player = {
  tourCouldNotGoOn: (why) => `The tour could not go on: ${why}`,
  stillReplaying: 'The shared link is still replaying: try again in a moment.',
  didNotWork: (why) => `That did not work: ${why}`,
  tourCouldNotLoad: (key, why) => `The tour "${key}" could not be loaded: ${why}.`,
  didYouMean: (name) => `Did you mean "${name}"?`,
  pickFromList: 'Pick one from the Guided tour list.',
  theToursAre: (keys) => `The tours are ${keys.join(', ')}.`,
  noSuchTour: (key, pick) => `There is no tour called "${key}". ${pick}`,
  badSettings: (why) => `Those settings cannot be used: ${why}`,
  badPreset: (why) => `That preset cannot be used: ${why}`,
  scenarioCouldNotLoad: (source, why) => `The scenario ${source} could not be loaded: ${why}.`,
  sharedIdsRefused: (why) => `The shared link's session IDs cannot be replayed (${why}); new ones are drawn.`,
  sharedSettingsRefused: (why) => `The shared link's settings cannot be used: ${why}`,
  replaying: (done, total) => `Replaying the shared link: ${done} of ${total} actions…`,
  sharedActionFailed: (number, total, label, why) => `The shared link's action ${number} of ${total} (“${label}”) did not work, so the replay stops before it: ${why}`,
  sharedCouldNotReplay: (why) => `The shared link could not be replayed: ${why}`,
  // Where a preset came from, when the caller does not name it.
  thePreset: 'The preset',
  presetCannotBeUsed: (source, why) => `${source} cannot be used: ${why}`,
  notAnAction: (why) => `run(): that is not an action: ${why}`,
};

// ---- recorded ----
// A tour's recording (www/recorded.js), which stands in for the engine on a
// fresh page, or one naming a built-in tour, until it arrives: a call it has
// no answer for, and an engine that answers otherwise than it recorded.

const recorded = {
  notRecorded: (call) => `the tour's recording has no answer for ${call}; the engine is still on its way`,
  anotherScenario: 'a scenario other than the recorded tour',
  beforeTheTour: 'a tour step before the tour is loaded',
  differs: (what) => `the engine's ${what} is not what the tour's recording says: the page and its recording come from different builds`,
};

// ---- share ----
// Sharing's words (www/share.js): why a shared link is damaged (each a
// clause for `damaged`), and the status while the Share and Embed dialog
// loads. The dialog's own words come with it (share-dialog.js).

const share = {
  // The dialog comes with the first press of Share or Embed: "Loading the share dialog…".
  loading: 'the share dialog',
  couldNotLoad: (why, button) => `The share dialog could not load: ${why}. Press ${button} to try again.`,
  damaged: (why) => `The shared link is damaged (${why}), so the playground starts fresh instead.`,
  notBase64Json: 'its #play= part is not the base64url JSON the Share button writes',
  expectedVersion: (version) => `expected version ${version}`,
  badActions: 'its actions are not a list of { label, action }',
  badTour: 'its tour is not a name',
  badIds: 'its session IDs are not a list of strings',
  badSteps: 'its step numbers are not whole numbers',
  badFork: 'its fork step is not a whole number from 1',
  badShown: 'it does not say which browser was shown',
  noTourNorSettings: 'it has neither a tour nor settings',
};

// ---- token-buttons ----
// The Decode buttons' words (www/token-buttons.js), drawn with every step of a
// token world: the buttons on the jar, the page's storage and the wire, where
// each token was found, and the status while the inspector's dialog loads.
// The dialog's own words come with it (inspector.js).

const tokenButtons = {
  // Its dialog comes with the first Decode (www/token-buttons.js): the status line says "Loading the token inspector…".
  loading: 'the token inspector',
  couldNotLoad: (why) => `The token inspector could not load: ${why}. Press Decode to try again.`,
  // Where a token was found, by where it lives.
  source: {
    jar: (browser) => `the token cookie in ${browser}'s jar`,
    storage: (browser) => `${browser}'s page storage (localStorage)`,
    cookie: (line) => `the Cookie header of ${line}`,
    bearer: (line) => `the Authorization: Bearer header of ${line}`,
    setCookie: (line) => `the Set-Cookie header of the response ${line}`,
    body: (line) => `the body of the response ${line} (access_token)`,
  },
  pageStorage: 'Page storage ',
  pageStorageNote: '(localStorage: any script on the page can read it)',
  // The wire's buttons, by where in the message the token travels.
  decodeOnTheWire: {
    cookie: 'Decode the token in Cookie',
    bearer: 'Decode the token in Authorization',
    setCookie: 'Decode the token in Set-Cookie',
    body: 'Decode the token in the body',
  },
  // A wire button's accessible name: where, and in which message (its start line).
  decodeOnTheWireOf: (button, line) => `${button} of ${line}`,
  decode: 'Decode token',
  decodeFromJar: (browser) => `Decode token: the token cookie in ${browser}'s jar`,
  decodeFromStorage: (browser) => `Decode token: ${browser}'s page storage`,
  storageEmpty: 'Empty: the page has stored nothing.',
  tokensInMessage: 'Tokens in this message: ',
};

// ---- token-settings ----
// The words of a token world outside the drawer's fields
// (www/token-settings.js): the buttons a token world words its own way, the
// lifetime's complaint and the settings' summary. The fields' own words come
// with them (token-drawer.js).

const tokenSettings = {
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

// ---- tour ----
// The guided tour's words (www/tour.js): the empty stage's invitation, the
// tour card's position, question and verdict, the Next button's words, the
// note on leaving a tour, and the messages about steps that cannot be gone
// to. Where words point at controls they come by the controls shown
// (`full`, `minimal` or `none`).

const tour = {
  // The empty stage's invitation, by the controls shown.
  idle: {
    full: 'Press Next to start the coat check, a guided tour in a few steps; or press Log in to play freely.',
    minimal: 'Press Next to start the coat check, a guided tour in a few steps.',
    none: '',
  },
  emptyStage: 'No browser has visited app.example yet: every cookie jar is empty and the store holds no sessions.',
  tourEnd: {
    full: 'That is the end of this tour. Go back through it with ◀, pick another tour, or carry on in free play.',
    minimal: 'That is the end of this tour. Go back through it with ◀.',
    none: 'That is the end of this tour.',
  },
  // A loaded tour's first card: its title, its summary and how to begin.
  firstCard: (title, summary, begin) => `${title}. ${summary}${begin}`,
  tourBegin: { full: ' Press Next tour step to begin.', minimal: ' Press Next tour step to begin.', none: '' },
  // How a value that is not a step number is written in a message.
  aFunction: 'a function',
  anObject: 'an object',
  // A question's verdict; `why` is the core's reason with its leading space, or ''.
  theAnswer: (right, why) => `The answer: “${right}”.${why}`,
  answeredRight: (guessed, why) => `You answered “${guessed}”: right.${why}`,
  answeredWrong: (guessed, right, why) => `You answered “${guessed}”; the answer is “${right}”.${why}`,
  nextFirstTour: 'Next: start the coat check',
  nextTourStep: 'Next tour step',
  nextStep: 'Next step',
  positionNext: (step, total) => `Tour step ${step} of ${total}, next:`,
  positionFinished: 'Tour finished:',
  position: (step, total) => `Tour step ${step} of ${total}:`,
  // A step to come with no words of its own says what it will do.
  nextAction: (action) => `Next: ${action}.`,
  thinkFirst: (question) => `Think first: ${question}`,
  leftAfterLast: 'after its last step',
  leftBeforeFirst: 'before its first step',
  leftAfter: (step, total) => `after step ${step} of ${total}`,
  pickAgain: ' Pick the tour again under Guided tour to restart it.',
  leftTour: (title, where, again) => `You left the tour “${title}” ${where}: this is free play now, on the same browsers and store.${again}`,
  goToNotANumber: (value) => `goTo(${value}): expected a step number, a whole number from 1.`,
  goToBelowOne: (value) => `goTo(${value}): steps count from 1.`,
  goToPastTimeline: (value, length) => `goTo(${value}): the timeline has ${length} steps.`,
  goToPastTour: (value, total) => `goTo(${value}): this tour has ${total} steps.`,
  fixWithAttribute: (key, step) => `add a scenario attribute, for example scenario="${key}" step="${step}"`,
  fixWithAddress: (key, step) => `add ?tour=, for example ?tour=${key}&step=${step}`,
  noTourThatLong: (raw, key, steps) => ` (no tour has ${raw} steps; the longest, ${key}, has ${steps})`,
  stepWithoutTour: (given, none, fix) => `${given} needs a tour to step through${none}: ${fix}.`,
  notAStepNumber: (given) => `${given} is not a step number; steps count from 1. The tour starts at its beginning.`,
  pastTheEnd: (total, raw) => `This tour has ${total} steps, so there is no step ${raw}; here is its last.`,
};

// ---- tours ----
// The words of fetching a tour (www/tours.js): why it could not be had, as a
// clause the caller puts into its own sentence.

const tours = {
  noSuchTour: (key) => `there is no tour called "${key}"`,
  serverAnswered: (status, path) => `the server answered ${status} for ${path}`,
  couldNotFetch: (key, why) => `the tour "${key}" could not be fetched (${why}); check the connection and pick it again`,
};

// ---- view ----
// The stage's words (www/view.js): the step counter, the eavesdropper, the
// jar's cookies and tickets, the coat rack's records and what left it, the
// packet on the wire, the inspector's titles, what each store operation
// means in plain English, the jar's decisions, and the settings' summary.
// The narration, the server's status and the store's commands are the core's.

const view = {
  // The narration's badge: who acts, by the core's actor.
  actorBadge: { browser: 'browser', network: 'network', server: 'server', store: 'store', clock: 'clock', balancer: 'balancer' },
  counter: (step, total, label) => `Step ${step} of ${total}: ${label}`,
  eavesdropperCopies: 'Mallory is listening: she copies the ticket',
  eavesdropperSeesNothing: 'Mallory is listening: no ticket in sight',
  noActionYet: 'No action yet',
  waitingForRequests: 'Waiting for requests.',
  nothingOnTheWire: 'Nothing on the wire.',
  // What a ticket's record is, by the core's state of it.
  coat: {
    live: 'its record is in the store',
    expired: 'its record has expired',
    noRecord: 'no record in the store: this ticket names nothing',
  },
  // The landmarks' names; `suffix` tells one element's from another's.
  browserLabel: (browser, suffix) => `Browser: ${browser}${suffix}`,
  jarLabel: (browser, suffix) => `Cookie jar of ${browser}${suffix}`,
  noCookies: 'no cookies',
  // Another browser's ticket, when its record is not live.
  otherTicketState: (state) => ` (${state === 'noRecord' ? 'no record' : 'record expired'})`,
  jarEmpty: 'Empty: no cookies for this site.',
  sessionCookieLabel: (name, coat) => `Session cookie ${name}: ${coat}`,
  hostOnly: 'host-only',
  expires: (when) => `expires ${when}`,
  untilBrowserCloses: 'until the browser closes',
  sentFirst: ' (the one sent first)',
  ticket: (id, first, coat) => `Ticket ${id}${first}: ${coat}`,
  unreadableTicket: 'The server cannot read an ID from this cookie',
  memoryOf: (server, empty) => `${server}'s memory${empty ? ': empty' : ''}`,
  olderCoats: (unseen) => `${plural(unseen, 'older coat', 'older coats')} on the rack, not drawn`,
  emptyHook: 'empty hook: this ticket names nothing',
  expiredGhost: (timeout) => `expired (${timeout})`,
  // A record shown once more as it leaves the store, by how it left.
  gone: { deleted: 'deleted', renamed: 'renamed', swept: 'swept', lost: 'lost' },
  andMoreGone: (more, gone) => `and ${more} more ${gone}`,
  noteLabel: (id, note) => `Session ${id}: ${note}`,
  // A record's name; `mark` is what the moment did to it (hit, inserted or nothing).
  recordLabel: (id, user, mark) => `Session ${id} of ${user}${mark === 'hit' ? ': found' : mark === 'inserted' ? ': just filed' : ''}`,
  revoke: 'Revoke',
  revokeLabel: (id, user) => `Revoke session ${id} of ${user}`,
  never: 'never',
  times: (seen, idleEnds, ends) => `seen ${seen} · idle ends ${idleEnds} · ends ${ends}`,
  ticketInHand: (id) => `Ticket in hand: ${id}`,
  emptyValue: '(empty)',
  // Where the message is: `head` its start line or status, `ticket` the ID it carries (null: none), `where` jar, server or browser.
  wireState: ({ isRequest, head, ticket, where }) => {
    const going = isRequest ? 'to the server' : 'to the browser';
    const place = where === 'server' ? 'at the server' : where === 'jar' ? 'leaving the browser' : 'at the browser';
    return `${isRequest ? 'Request' : 'Response'} ${head}, ${ticket !== null ? `with ticket ${ticket}` : 'no ticket'}: ${place}${where === 'jar' ? `, on its way ${going}` : ''}.`;
  },
  // What a store operation means, in plain English, by its kind.
  storeMeaning: {
    insert: (op) => `Files a new record for ${op.user} under this ID.`,
    lookup: (op) => (op.expired ? `Finds ${op.user}'s record, but it has expired (${op.expired} timeout).` : op.found ? `Finds the record: the session of ${op.user}.` : 'Finds no record under this ID.'),
    update: (op) => `Gives the existing session to ${op.user}, keeping its ID.`,
    rename: () => 'Moves the record to a new ID; the old ID is dead.',
    delete: (op) => (op.found ? `Deletes ${op.user}'s record.` : 'Nothing to delete under this ID.'),
    deleteUser: (op) => `Finds ${op.user}'s sessions and deletes ${op.removed.length}.`,
    sweep: (op) => `Removes ${op.removed.length} expired record${op.removed.length === 1 ? '' : 's'}.`,
    flush: (op) => (op.removed.length ? `Everything is gone: ${op.removed.length} record${op.removed.length === 1 ? '' : 's'} lost.` : 'No record was lost.'),
    failed: () => 'No reply: the store cannot be reached, so nothing is read or written.',
  },
  storeTitle: 'In the store: the command it runs',
  requestTitle: 'On the wire: the request',
  responseTitle: 'On the wire: the response',
  // The jar's decisions on a response's cookies (the core's outcome and reason) and on a request's.
  jarChanges: (changes) =>
    `The jar's decision: ${changes.map((c) => (c.outcome === 'rejected' ? `rejected (${c.reason})` : `${c.name} ${{ stored: 'stored', replaced: 'replaced', deleted: 'deleted', nothingToDelete: 'was not there to delete' }[c.outcome]}`)).join('; ')}.`,
  jarSends: (sends) => `The jar's decision: ${sends.map((d) => `${d.name} ${d.reason}`).join('; ')}.`,
  reproduces: (what, summary) => `Reproduces ${what}. ${summary}`,
  // What the reader changed from the preset's defaults, in the settings' summary.
  changed: {
    rotationOn: 'rotation on',
    rotationOff: 'rotation off',
    logout: 'logout changed',
    cleanup: 'cleanup changed',
    timeouts: 'timeouts changed',
    ids: (type) => `${type} IDs`,
    adoption: 'adopts unknown IDs',
    cookie: 'cookie changed',
  },
  settingsSummary: (preset, changed) => `${preset}${changed.length ? `, changed: ${changed.join(', ')}` : ''}`,
};

// ---- markup ----
// The words of the playground's static markup (www/markup.js): the toolbar,
// the stage and the dock as they stand before the engine arrives. Entries are
// HTML (the markup is a template): a few keep an inline element the page
// fills or styles, whose id or class a translation keeps. Words the page
// also writes later (a browser's name, the idle stage, the stepper's) are
// the other areas' entries, so they are translated once; this area comes
// last for that.

const markup = {
  boot: 'Loading the playground…',
  tourAndToolsLabel: 'Tour and tools',
  tourLabel: 'Guided tour',
  tourEmpty: 'Free play (no tour)',
  startTour: 'Start',
  toolsToggle: 'Tools',
  showBrowserLabel: 'Show browser',
  alicesLaptop: controls.browsers.laptop,
  alicesPhone: controls.browsers.phone,
  mallorysLaptop: controls.browsers.mallory,
  time: 'Time',
  letTimePassLabel: 'Let time pass',
  wait1Min: 'Wait 1 min',
  wait30Min: 'Wait 30 min',
  wait1Day: 'Wait 1 day',
  administrator: 'Administrator',
  administratorLabel: 'Administrator',
  revoke: tokenSettings.buttons.revoke[0],
  revokeUser: 'End <span id="revoke-user-name">alice</span>\'s sessions',
  restart: 'Restart server',
  moreActions: 'More actions',
  newPasswordLabel: 'New password',
  changePassword: 'Change password',
  copyToLabel: 'Copy ticket to',
  copy: tokenSettings.buttons.copy[0],
  closeBrowser: 'Close and reopen browser',
  attacksOnThisBrowser: 'Attacks on this browser:',
  plant: "Plant Mallory's ticket (log her in first)",
  scriptTheft: 'Run an injected script',
  csrf: "Another site's form sets the new password",
  httpVisit: 'Visit over plain http',
  guessIdLabel: 'Try a ticket',
  guess: 'Put it in this jar',
  server: 'Server:',
  settingsSummary: 'Playground default',
  presetLabel: 'Behave like',
  idsLabel: 'Session IDs',
  idsCsprng: 'Random (CSPRNG)',
  idsSeeded: 'Random, seeded (reproducible)',
  idsSequential: 'Sequential 1, 2, 3… (guessable)',
  rotateLabel: 'New ID at login (defends against session fixation)',
  logoutModeLabel: 'Log out',
  logoutModeDeleteandexpire: 'deletes record, expires cookie',
  logoutModeClientonly: 'expires cookie only',
  logoutModeServeronly: 'deletes record only',
  cleanupLabel: 'Expired records',
  cleanupOnread: 'deleted when found expired',
  cleanupSweeper: 'swept as time passes',
  cleanupNever: 'never deleted, only refused',
  strictLabel: 'Refuse IDs the server never issued (strict adoption)',
  httpOnlyLabel: 'HttpOnly (scripts cannot read the cookie)',
  secureLabel: 'Secure (https only)',
  hostPrefixLabel: '__Host- prefix (implies Secure, Path=/, no Domain)',
  sameSiteLabel: 'SameSite',
  sameSiteEmpty: 'not sent',
  sameSiteLax: 'Lax',
  sameSiteStrict: 'Strict',
  sameSiteNone: 'None',
  browserDefaultLabel: 'Browsers take a missing SameSite as',
  browserDefaultLax: 'Lax (as Chromium does, without its 2-minute POST exception)',
  browserDefaultNone: 'no restriction (as Firefox and Safari ship)',
  idleLabel: 'Idle timeout, minutes',
  idlePlaceholder: 'none',
  absoluteLabel: 'Absolute timeout, minutes',
  absolutePlaceholder: 'none',
  timeoutHint: 'Whole minutes, 1 to 5,270,400 (ten years). Leave a timeout empty for none.',
  applyAndStartOver: 'Apply and start over',
  shareWhatYouSeeLabel: 'Share what you see',
  share: 'Share link…',
  embedCode: 'Embed…',
  browserLabel: view.browserLabel(controls.browsers.laptop, ''),
  browserLabel2: controls.browsers.laptop,
  addressBarLabel: 'Address bar',
  screenLabel: 'Page shown',
  screenText: 'Log in to app.example',
  usernameLabel: 'Username',
  passwordLabel: 'Password',
  login: 'Log in',
  loginAsTitle: 'Change the username and password',
  loginAs: 'as',
  visit: 'Visit /profile',
  logout: 'Log out',
  logoutEverywhere: 'Log out everywhere',
  jarBoxLabel: view.jarLabel(controls.browsers.laptop, ''),
  jarTitle: 'Cookie jar <span class="muted">(app.example)</span>',
  wireLabel: 'Network',
  network: 'network',
  wireState: view.nothingOnTheWire,
  eavesdropper: 'Mallory is listening',
  serverLabel: 'Server',
  serverTitle: 'Server <span class="muted">app.example</span>',
  serverStatus: view.waitingForRequests,
  clockLine: 'Clock:',
  storeLabel: 'Session store',
  storeTitle: 'Session store',
  storeKind: 'in memory',
  storeRowsLabel: 'Session records held by the server',
  storeEmpty: 'No records: nobody is logged in.',
  dockLabel: 'Step through what happens',
  timelineLabel: 'Timeline',
  firstTitle: 'First step (Home)',
  firstStep: 'First step',
  backTitle: 'Step back (←)',
  stepBack: 'Step back',
  next: tour.nextFirstTour,
  lastTitle: 'Last step (End)',
  lastStep: 'Last step',
  play: dock.play,
  scrubberLabel: 'Step',
  counter: view.noActionYet,
  speedLabel: 'Speed',
  reset: 'Reset',
  wireToggle: controls.inspect,
  forkOpenLabel: 'Fork: what if tokens?',
  forkOpen: 'Fork<span class="fork-open-more">: what if tokens?</span>',
  tourBoxLabel: 'Tour',
  narrationBoxLabel: 'Narration',
  // The empty stage's narration with every control shown, as tour.js's idleText('full') writes it.
  narration: `${tour.emptyStage} ${tour.idle.full}`,
  narrationMore: dock.more,
  wireTitle: 'On the wire',
  showAsLabel: 'Show as',
  showPlain: 'Plain English',
  showRaw: 'Raw',
  theStepsSoFar: 'The steps so far',
  // The login button's name while the username field is empty.
  noName: '(no name)',
};

export default {
  // The language's code, as <html lang> and a preview page write it.
  language: 'en',
  announce,
  cluster,
  controls,
  core,
  dock,
  element,
  embedding,
  main,
  markup,
  onDemand,
  player,
  recorded,
  share,
  tokenButtons,
  tokenSettings,
  tour,
  tours,
  view,
  numbers: { count, duration, plural, ordinal },
};
