// The playground's markup: the setup row, the stage and the dock. One copy,
// used twice: the page puts it in its <main>, and <session-playground> puts it
// in its shadow root. Every ID is looked up within that root, so several
// copies can live on one page.

const MARKUP = `
<p id="boot" class="boot" role="status">Loading the playground…</p>
<div id="fatal" class="fatal" role="alert" hidden></div>

<nav class="toolbar" aria-label="Tour and tools">
  <div class="tour-pick">
    <label for="tour">Guided tour</label>
    <select id="tour"><option value="">Free play (no tour)</option></select>
    <button type="button" id="start-tour">Start</button>
  </div>
  <button type="button" id="tools-toggle" class="tools-toggle" aria-expanded="false" aria-controls="toolbar-tools">Tools</button>
  <div class="toolbar-tools" id="toolbar-tools">
  <div class="switch browsers" role="group" aria-label="Show browser">
    <button type="button" data-browser="laptop" aria-pressed="true">Alice's laptop</button>
    <button type="button" data-browser="phone" aria-pressed="false">Alice's phone</button>
    <button type="button" data-browser="mallory" aria-pressed="false">Mallory's laptop</button>
  </div>
  <details class="drawer tools-drawer" id="time-drawer">
    <summary>Time</summary>
    <div class="drawer-body buttons time-row" role="group" aria-label="Let time pass">
      <button type="button" data-wait="60">Wait 1 min</button>
      <button type="button" data-wait="1800">Wait 30 min</button>
      <button type="button" data-wait="86400">Wait 1 day</button>
    </div>
  </details>
  <details class="drawer tools-drawer" id="admin-drawer">
    <summary>Administrator</summary>
    <div class="drawer-body buttons admin-row" role="group" aria-label="Administrator">
      <button type="button" id="revoke" class="admin">Revoke newest session</button>
      <button type="button" id="revoke-user" class="admin">End <span id="revoke-user-name">alice</span>'s sessions</button>
      <button type="button" id="restart" class="admin">Restart server</button>
      <div id="cluster-tools" class="cluster-tools"></div>
    </div>
  </details>
  <details class="drawer more tools-drawer" id="more-drawer">
    <summary>More actions</summary>
    <div class="drawer-body more-body">
      <div class="field"><label for="new-password">New password</label> <input id="new-password" value="looking-glass" spellcheck="false" autocapitalize="none"></div>
      <div class="buttons"><button type="button" id="change-password">Change password</button></div>
      <div class="field"><label for="copy-to">Copy ticket to</label> <select id="copy-to"></select></div>
      <div class="buttons"><button type="button" id="copy">Copy the session cookie</button> <button type="button" id="close-browser">Close and reopen browser</button></div>
      <p class="hint">Attacks on this browser:</p>
      <div class="buttons">
        <button type="button" id="plant">Plant Mallory's ticket (log her in first)</button>
        <button type="button" id="script-theft">Run an injected script</button>
        <button type="button" id="csrf">Another site's form sets the new password</button>
        <button type="button" id="http-visit">Visit over plain http</button>
      </div>
      <div class="field"><label for="guess-id">Try a ticket</label> <input id="guess-id" value="1" spellcheck="false" autocapitalize="none"></div>
      <div class="buttons"><button type="button" id="guess">Put it in this jar</button></div>
    </div>
  </details>
  <details id="settings-panel" class="drawer settings">
    <summary>Server: <span id="settings-summary">Playground default</span></summary>
    <form id="settings-form" class="drawer-body settings-form" novalidate>
      <div class="setting"><label for="preset">Behave like</label> <select id="preset"></select></div>
      <div class="setting"><label for="ids">Session IDs</label>
        <select id="ids">
          <option value="csprng">Random (CSPRNG)</option>
          <option value="seeded">Random, seeded (reproducible)</option>
          <option value="sequential">Sequential 1, 2, 3… (guessable)</option>
        </select></div>
      <div class="setting check"><input type="checkbox" id="rotate"> <label for="rotate">New ID at login (defends against session fixation)</label></div>
      <div class="setting"><label for="logout-mode">Log out</label>
        <select id="logout-mode">
          <option value="deleteAndExpire">deletes record, expires cookie</option>
          <option value="clientOnly">expires cookie only</option>
          <option value="serverOnly">deletes record only</option>
        </select></div>
      <div class="setting"><label for="cleanup">Expired records</label>
        <select id="cleanup">
          <option value="onRead">deleted when found expired</option>
          <option value="sweeper">swept as time passes</option>
          <option value="never">never deleted, only refused</option>
        </select></div>
      <div class="setting check"><input type="checkbox" id="strict"> <label for="strict">Refuse IDs the server never issued (strict adoption)</label></div>
      <div class="setting check"><input type="checkbox" id="http-only"> <label for="http-only">HttpOnly (scripts cannot read the cookie)</label></div>
      <div class="setting check"><input type="checkbox" id="secure"> <label for="secure">Secure (https only)</label></div>
      <div class="setting check"><input type="checkbox" id="host-prefix"> <label for="host-prefix">__Host- prefix (implies Secure, Path=/, no Domain)</label></div>
      <div class="setting"><label for="same-site">SameSite</label>
        <select id="same-site">
          <option value="">not sent</option>
          <option value="lax">Lax</option>
          <option value="strict">Strict</option>
          <option value="none">None</option>
        </select></div>
      <div class="setting"><label for="browser-default">Browsers take a missing SameSite as</label>
        <select id="browser-default">
          <option value="lax">Lax (as Chromium does, without its 2-minute POST exception)</option>
          <option value="none">no restriction (as Firefox and Safari ship)</option>
        </select></div>
      <div class="setting"><label for="idle">Idle timeout, minutes</label> <input id="idle" type="text" inputmode="numeric" autocomplete="off" placeholder="none" aria-describedby="timeout-hint"></div>
      <div class="setting"><label for="absolute">Absolute timeout, minutes</label> <input id="absolute" type="text" inputmode="numeric" autocomplete="off" placeholder="none" aria-describedby="timeout-hint"></div>
      <p id="timeout-hint" class="hint">Whole minutes, 1 to 5,270,400 (ten years). Leave a timeout empty for none.</p>
      <p id="settings-error" class="field-error" role="alert" tabindex="-1" hidden></p>
      <p id="preset-summary" class="preset-summary"></p>
      <button type="submit">Apply and start over</button>
    </form>
  </details>
  <div class="share page-only" role="group" aria-label="Share what you see">
    <button type="button" id="share">Share link…</button>
    <button type="button" id="embed-code">Embed…</button>
  </div>
  </div>
</nav>

<div class="figure" id="figure">
<div class="stage" id="stage">
  <section class="actor browser" id="browser" aria-label="Browser: Alice's laptop">
    <h2 id="browser-title"><span class="dot" aria-hidden="true"></span><span id="browser-label">Alice's laptop</span></h2>
    <div class="address" aria-label="Address bar"><span id="address">https://app.example/login</span></div>
    <div class="screen" id="screen" aria-label="Page shown"><span class="status" id="screen-status"></span> <span id="screen-text">Log in to app.example</span></div>
    <form id="login-form" class="login" autocomplete="off">
      <div class="fields" id="login-fields">
        <div class="field"><label for="username">Username</label> <input id="username" name="username" value="alice" spellcheck="false" autocapitalize="none"></div>
        <div class="field"><label for="password">Password</label> <input id="password" name="password" type="text" value="wonderland" spellcheck="false" autocapitalize="none"></div>
      </div>
      <div class="buttons">
        <button type="submit" id="login">Log in</button>
        <button type="button" id="login-as" class="login-as" aria-expanded="false" aria-controls="login-fields" title="Change the username and password">as <span id="login-as-name">alice</span></button>
        <button type="button" id="visit">Visit /profile</button>
        <button type="button" id="logout">Log out</button>
        <button type="button" id="logout-everywhere">Log out everywhere</button>
      </div>
    </form>
    <section class="jar-box" id="jar-box" aria-label="Cookie jar of Alice's laptop" tabindex="0">
      <h3 id="jar-title">Cookie jar <span class="muted">(app.example)</span></h3>
      <ul class="jar" id="jar" aria-labelledby="jar-title"></ul>
      <p class="other-jars" id="other-jars"></p>
    </section>
  </section>

  <section class="wire" id="wire" aria-label="Network">
    <span class="wire-label" aria-hidden="true">network</span>
    <div class="lane" aria-hidden="true"></div>
    <p class="wire-state" id="wire-state">Nothing on the wire.</p>
    <span class="eavesdropper" id="eavesdropper" hidden>Mallory is listening</span>
    <div class="packet" id="packet" aria-hidden="true"></div>
  </section>

  <section class="actor server" id="server" aria-label="Server">
    <h2 id="server-title"><span class="dot" aria-hidden="true"></span>Server <span class="muted">app.example</span></h2>
    <p id="server-status" class="server-status">Waiting for requests.</p>
    <p class="held" id="held" hidden></p>
    <p class="clock" id="clock-line">Clock: <strong id="clock">0:00:00</strong> <span class="muted" id="date">(Mon, 02 Mar 2026 09:00:00 GMT)</span></p>
    <section class="cluster" id="cluster" hidden></section>
  </section>

  <section class="actor store" id="store" aria-label="Session store">
    <h2 id="store-title"><span class="dot" aria-hidden="true"></span>Session store <span class="muted" id="store-kind">in memory</span></h2>
    <ul class="rack" id="store-rows" aria-label="Session records held by the server" tabindex="0"></ul>
    <p id="store-empty" class="empty">No records: nobody is logged in.</p>
  </section>

  <svg class="connector" id="connector" aria-hidden="true"><path id="connector-path" d=""></path></svg>
</div>

<section class="dock" id="dock" aria-label="Step through what happens">
  <div class="stepper">
    <div class="buttons step-buttons" role="group" aria-label="Timeline">
      <button type="button" id="first" aria-keyshortcuts="Home" title="First step (Home)"><span aria-hidden="true">|◀</span><span class="visually-hidden">First step</span></button>
      <button type="button" id="back" aria-keyshortcuts="ArrowLeft" title="Step back (←)"><span aria-hidden="true">◀</span><span class="visually-hidden">Step back</span></button>
      <button type="button" id="next" class="primary" aria-keyshortcuts="ArrowRight">Next: start the coat check</button>
      <button type="button" id="last" aria-keyshortcuts="End" title="Last step (End)"><span aria-hidden="true">▶|</span><span class="visually-hidden">Last step</span></button>
      <button type="button" id="play" aria-pressed="false" aria-keyshortcuts="Space">Play</button>
    </div>
    <div class="scrub" id="scrub">
      <input type="range" id="scrubber" min="1" max="1" value="1" step="1" aria-label="Step" disabled>
      <span id="counter" class="counter">No action yet</span>
    </div>
    <div class="stepper-more">
      <label class="speed" for="speed">Speed <select id="speed">
        <option value="0.25">0.25×</option><option value="0.5">0.5×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option>
      </select></label>
      <button type="button" id="reset">Reset</button>
      <button type="button" id="wire-toggle" class="wire-toggle" aria-expanded="false" aria-controls="inspector">Inspect</button>
      <button type="button" id="fork-open" class="fork-open" aria-label="Fork: what if tokens?" disabled>Fork<span class="fork-open-more">: what if tokens?</span></button>
    </div>
  </div>
  <p id="tour-left" class="tour-left" role="status"></p>
  <div class="tour-box" id="tour-box" role="group" aria-label="Tour" tabindex="0" hidden>
    <p class="tour-title"><span id="tour-position"></span> <strong id="tour-name"></strong></p>
    <p id="tour-step-title" class="tour-step-title" hidden></p>
    <p id="tour-verdict" class="verdict" hidden></p>
    <p id="tour-say"></p>
    <div id="tour-ask" class="ask" hidden>
      <p id="tour-question"></p>
      <div class="buttons" id="tour-choices" role="group" aria-labelledby="tour-question"></div>
    </div>
  </div>
  <section class="narration" id="narration-box" aria-label="Narration" tabindex="0">
    <span id="actor-badge" class="badge" hidden></span>
    <p id="narration">No browser has visited app.example yet: every cookie jar is empty and the store holds no sessions. Press Next to start the coat check, a guided tour in a few steps; or press Log in to play freely.</p>
    <button type="button" id="narration-more" class="narration-more" aria-expanded="false" aria-controls="narration" hidden>More</button>
  </section>
  <p id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
  <section class="wire-text" id="inspector" aria-labelledby="wire-title" hidden>
    <div class="inspector-head">
      <h3 id="wire-title">On the wire</h3>
      <div class="switch small" role="group" aria-label="Show as">
        <button type="button" id="show-plain" aria-pressed="false">Plain English</button>
        <button type="button" id="show-raw" aria-pressed="true">Raw</button>
      </div>
    </div>
    <pre id="wire-text" tabindex="0"></pre>
    <dl id="wire-plain" class="plain" hidden></dl>
    <p id="jar-decision" class="decision" hidden></p>
  </section>
</section>
<div class="print-transcript" id="print-transcript-box">
  <h2>The steps so far</h2>
  <ol id="print-transcript"></ol>
</div>
</div>
`;

let template = null;

/** A fresh copy of the playground's markup, to put in a page or a shadow root. */
export function playgroundMarkup() {
  if (template === null) {
    template = document.createElement('template');
    // A fixed string of this module: no reader or author input goes through here.
    template.innerHTML = MARKUP;
  }
  const copy = template.content.cloneNode(true);
  foldAway(copy);
  return copy;
}

/**
 * The two things a narrow playground (a phone) folds away, so the figure keeps
 * the screen: the toolbar's tools behind one Tools button, and the login
 * form's username and password behind its "as alice" button. Both open over
 * the figure and close again once used. On a wide playground the buttons are
 * hidden and everything shows (style.css), so this is layout only: what the
 * controls do is player.js's.
 */
function foldAway(copy) {
  const tools = copy.getElementById('toolbar-tools');
  const toolsToggle = copy.getElementById('tools-toggle');
  const settingsPanel = copy.getElementById('settings-panel');
  const setTools = (open) => {
    tools.classList.toggle('open', open);
    toolsToggle.setAttribute('aria-expanded', String(open));
  };
  toolsToggle.addEventListener('click', () => setTools(!tools.classList.contains('open')));
  // A button pressed among the tools has done its work (or opened a dialog): the figure is what to watch now.
  // A drawer's summary only opens that drawer, and the settings form closes the tools once it applies.
  tools.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (button && button.type !== 'submit' && !button.closest('form')) setTools(false);
  });
  tools.addEventListener('submit', () => {
    // player.js closes the settings drawer when the settings applied; an error keeps both open.
    setTimeout(() => {
      if (!settingsPanel.open) setTools(false);
    });
  });
  // Escape from the panel or from Tools itself.
  tools.parentElement.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !tools.classList.contains('open')) return;
    setTools(false);
    toolsToggle.focus();
  });

  // A drawer near the right edge opens leftwards, so its body stays on the screen.
  for (const drawer of tools.querySelectorAll('details.drawer')) {
    drawer.addEventListener('toggle', () => {
      const body = drawer.querySelector('.drawer-body');
      body.classList.remove('flip');
      if (drawer.open && body.getBoundingClientRect().right > document.documentElement.clientWidth) body.classList.add('flip');
    });
  }

  const form = copy.getElementById('login-form');
  const fields = copy.getElementById('login-fields');
  const loginAs = copy.getElementById('login-as');
  const username = copy.getElementById('username');
  const shownName = copy.getElementById('login-as-name');
  const setFields = (open) => {
    form.classList.toggle('fields-open', open);
    loginAs.setAttribute('aria-expanded', String(open));
    if (open) username.focus();
  };
  loginAs.addEventListener('click', () => setFields(!form.classList.contains('fields-open')));
  username.addEventListener('input', () => {
    shownName.textContent = username.value || '(no name)';
  });
  form.addEventListener('submit', () => form.classList.contains('fields-open') && setFields(false));
  fields.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    setFields(false);
    loginAs.focus();
  });
}
