// The words of the page around the playground (index.html): its title and
// introduction, the Share dialog, the attack, scale and cookie labs' static
// forms and prose, and the footer. index.html is written from these by
// scripts/index-page.mjs (a unit test checks it is up to date), so the page
// paints its words before any script runs. Entries are HTML: a few keep an
// inline element (<code>, <strong>, a span the page fills) that a
// translation keeps.

export default {
  // The page's language, as <html lang> writes it.
  language: 'en',
  title: 'Session playground: how a server remembers who is logged in',
  description: 'Step through web session authentication: login, the session cookie, the server-side session store, expiry, revocation and logout, with the real defaults of express-session, tower-sessions, Django, Spring Session and PHP.',
  skipLink: 'Skip to the playground',
  heading: 'Session playground',
  intro: `How does a server remember that you logged in? Like a coat check.<span class="intro-more"> It keeps your
      coat (who you are) behind the counter and hands your browser a <strong>ticket</strong>, a random session ID
      in a cookie, which it looks up on every visit.</span>`,
  boot: 'Loading the playground…',
  shareTitle: 'Share this moment',
  embedAs: 'Embed as',
  embedAsIframe: 'an iframe (works anywhere)',
  embedAsElement: 'a &lt;session-playground&gt; element',
  shareTextLabel: 'Link to this moment',
  shareCopy: 'Copy',
  shareClose: 'Close',
  sharePreview: 'Preview',
  sharePreviewTitle: 'Preview of the embedded playground',
  attacksTitle: 'Attacks and defences',
  attacksIntro: `Each attack below was played by the engine against a deliberately weak server (no new ID at
      login, adopting any ID, sequential IDs, no cookie attributes, no timeouts), once with nothing switched on and
      once with each defence. "stops" marks a defence that stopped the attack. In every run Mallory strikes 31
      minutes after Alice's last request, so the last two columns show defences that only narrow her window: a
      30-minute idle timeout (she was slower), and Alice's sessions being ended before she strikes. Every attack has
      a guided tour.`,
  matrixWrapLabel: 'Defence matrix (scrolls sideways on narrow screens)',
  matrixCaption: "Which defence stops which attack (from the engine's own runs)",
  tokenAttacksTitle: 'Attacks on signed tokens',
  tokenAttacksIntro: `The same kind of runs against a token server that is weak on purpose: the token kept in the
      page's storage and sent as <code>Authorization: Bearer</code>, a verifier that lets the token's header choose
      its algorithm, the signing secret <code>secret</code>, and no denylist. In every run Alice logs in and the
      administrator revokes the token her laptop holds before Mallory strikes. Two attacks forge a token from
      Mallory's own: one with <code>alg: none</code> and no signature, one signed with a secret Mallory finds by
      trying a list of common words with the core's HMAC-SHA256 against her token's signature.`,
  tokenMatrixCaption: "Attacks on tokens, and the defence that stops each (from the engine's own runs)",
  calcTitle: 'How long to guess a random ID?',
  calcHint: 'Each guess hits when it names any live session, so the expected time is 2<sup>bits</sup> ÷ (live sessions × guesses a second). Try 64 bits, 100,000 sessions and 10,000 guesses a second: OWASP\'s cheat sheet, whose formula halves the expected time, says "greater than 292 years".',
  calcBitsLabel: 'Bits of randomness',
  calcLiveLabel: 'Live sessions',
  calcRateLabel: 'Guesses a second',
  calcSubmit: 'Work it out',
  scaleTitle: 'Scale lab',
  scaleIntro: `What a session costs when many users share many servers. The engine simulates every request
      without animating it: each comes from a user picked at random; a user's first request logs in and leaves a
      record in the store of the server that handled it; every later request looks the session up in the store its
      server consults. Try 4 servers with one store each under round-robin, then switch to sticky sessions or a
      shared store, or sweep the server count. Sweep "sessions vs tokens" to run the same users against signed tokens
      (nothing stored, nothing looked up), tokens with a denylist and tokens with refresh tokens, and see what each costs per request and how
      long a stolen credential keeps working after it is revoked.`,
  scaleUsersLabel: 'Users',
  scaleRequestsLabel: 'Requests',
  scaleServersLabel: 'Servers',
  scaleBalancingLabel: 'Balancer',
  scaleBalancingRoundrobin: 'round-robin',
  scaleBalancingRandom: 'random',
  scaleBalancingSticky: 'sticky sessions (affinity cookie)',
  scaleLayoutLabel: 'Session store',
  scaleLayoutPerserver: 'one per server, in memory',
  scaleLayoutShared: 'one shared, over the network',
  scaleSweepLabel: 'Sweep',
  scaleSweepNone: 'none: one run',
  scaleSweepServers: 'server counts 1 to 8',
  scaleSweepPolicies: 'the three balancers',
  scaleSweepMechanisms: 'sessions vs tokens (5 runs)',
  scaleMechanismLabel: 'Logins kept as',
  scaleMechanismSession: 'session records',
  scaleMechanismToken: 'signed tokens (JWT)',
  scaleMechanismTokendenylist: 'tokens with a denylist',
  scaleMechanismTokenrefresh: 'tokens with refresh tokens',
  scaleStopLabel: 'Stop a server midway',
  scaleStopEmpty: 'none',
  scaleOutageLabel: 'Shared store down from midway, % of the run',
  scaleSeedLabel: 'Seed',
  scaleSkewLabel: 'Users send',
  scaleSkewEven: 'all alike',
  scaleSkewSkewed: 'a few heavy users (Zipf-like)',
  scaleReloginLabel: 'Users who find no session log in again',
  scaleLimits: 'Up to 100,000 users and 1,000,000 requests (logins included). The same seed gives the same run.',
  scaleRun: 'Run',
  scaleCancel: 'Cancel',
  scaleProgressLabel: 'Simulating',
  scaleFigures: 'The figures as a table',
  scaleTableWrapLabel: "The scale lab's figures (scrolls sideways on narrow screens)",
  scaleTableCaption: "Every run's counts",
  labTitle: 'Cookie lab',
  labIntro: `Type any <code>Set-Cookie</code> header for any URL and see what a browser stores, then which
      cookies go with which request, and why. The jar follows RFC 6265bis, as browsers ship it. Its clock reads`,
  labSetTitle: '1. A response sets a cookie',
  labSetUrlLabel: 'Response from',
  labHeaderLabel: 'Set-Cookie',
  labFromLabel: 'Set by',
  labFromHttp: "the site's own response (Set-Cookie)",
  labFromCrossSiteNavigation: 'a response to a link or form on another site',
  labFromCrossSiteSubresource: "a response to another site's image or fetch",
  labFromScript: 'a script on that page (document.cookie)',
  labSetSubmit: 'Set cookie',
  labClear: 'Empty the jar',
  labRequestTitle: '2. A request goes out',
  labRequestUrlLabel: 'Request to',
  labKindLabel: 'Started by',
  labKindSameSite: 'the site itself',
  labKindCrossSiteLink: 'a link on another site (top-level GET)',
  labKindCrossSitePost: 'a form on another site (POST)',
  labKindCrossSiteEmbed: 'an image or fetch on another site',
  labKindScript: 'a script reading document.cookie',
  labDefaultLabel: 'A missing SameSite means',
  labDefaultLax: 'Lax (as Chromium does)',
  labDefaultNone: 'no restriction (as Firefox and Safari ship)',
  labRequestSubmit: 'Send request',
  labWait: 'Let a day pass in the lab',
  labDecisionsLabel: 'Each cookie: sent or withheld',
  labJarWrapLabel: "The lab's cookie jar (scrolls sideways on narrow screens)",
  labJarCaption: "The lab's cookie jar",
  labJarName: 'Name',
  labJarValue: 'Value',
  labJarDomain: 'Domain',
  labJarPath: 'Path',
  labJarFlags: 'Flags',
  labJarExpires: 'Expires',
  labEmpty: 'The jar is empty.',
  footer: 'Session IDs come from the <span id="id-source">CSPRNG</span>. Everything runs in your browser; nothing is sent anywhere.',
};
