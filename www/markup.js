// The playground's markup: the setup row, the stage and the dock. One copy,
// used twice: the page puts it in its <main>, and <session-playground> puts it
// in its shadow root. Every ID is looked up within that root, so several
// copies can live on one page. Its words are the catalogue's
// (`WORDS.markup`, www/text/en/index.js), put in by the template.

import { WORDS } from './text/index.js';

const W = WORDS.markup;

const MARKUP = `
<p id="boot" class="boot" role="status">${W.boot}</p>
<div id="fatal" class="fatal" role="alert" hidden></div>

<nav class="toolbar" aria-label="${W.tourAndToolsLabel}">
  <div class="tour-pick">
    <label for="tour">${W.tourLabel}</label>
    <select id="tour"><option value="">${W.tourEmpty}</option></select>
    <button type="button" id="start-tour">${W.startTour}</button>
  </div>
  <button type="button" id="tools-toggle" class="tools-toggle" aria-expanded="false" aria-controls="toolbar-tools">${W.toolsToggle}</button>
  <div class="toolbar-tools" id="toolbar-tools">
  <div class="switch browsers" role="group" aria-label="${W.showBrowserLabel}">
    <button type="button" data-browser="laptop" aria-pressed="true">${W.alicesLaptop}</button>
    <button type="button" data-browser="phone" aria-pressed="false">${W.alicesPhone}</button>
    <button type="button" data-browser="mallory" aria-pressed="false">${W.mallorysLaptop}</button>
  </div>
  <details class="drawer tools-drawer" id="time-drawer">
    <summary>${W.time}</summary>
    <div class="drawer-body buttons time-row" role="group" aria-label="${W.letTimePassLabel}">
      <button type="button" data-wait="60">${W.wait1Min}</button>
      <button type="button" data-wait="1800">${W.wait30Min}</button>
      <button type="button" data-wait="86400">${W.wait1Day}</button>
    </div>
  </details>
  <details class="drawer tools-drawer" id="admin-drawer">
    <summary>${W.administrator}</summary>
    <div class="drawer-body buttons admin-row" role="group" aria-label="${W.administratorLabel}">
      <button type="button" id="revoke" class="admin">${W.revoke}</button>
      <button type="button" id="revoke-user" class="admin">${W.revokeUser}</button>
      <button type="button" id="restart" class="admin">${W.restart}</button>
      <div id="cluster-tools" class="cluster-tools"></div>
    </div>
  </details>
  <details class="drawer more tools-drawer" id="more-drawer">
    <summary>${W.moreActions}</summary>
    <div class="drawer-body more-body">
      <div class="field"><label for="new-password">${W.newPasswordLabel}</label> <input id="new-password" value="looking-glass" spellcheck="false" autocapitalize="none"></div>
      <div class="buttons"><button type="button" id="change-password">${W.changePassword}</button></div>
      <div class="field"><label for="copy-to">${W.copyToLabel}</label> <select id="copy-to"></select></div>
      <div class="buttons"><button type="button" id="copy">${W.copy}</button> <button type="button" id="close-browser">${W.closeBrowser}</button></div>
      <p class="hint">${W.attacksOnThisBrowser}</p>
      <div class="buttons">
        <button type="button" id="plant">${W.plant}</button>
        <button type="button" id="script-theft">${W.scriptTheft}</button>
        <button type="button" id="csrf">${W.csrf}</button>
        <button type="button" id="http-visit">${W.httpVisit}</button>
      </div>
      <div class="field"><label for="guess-id">${W.guessIdLabel}</label> <input id="guess-id" value="1" spellcheck="false" autocapitalize="none"></div>
      <div class="buttons"><button type="button" id="guess">${W.guess}</button></div>
    </div>
  </details>
  <details id="settings-panel" class="drawer settings">
    <summary>${W.server} <span id="settings-summary">${W.settingsSummary}</span></summary>
    <form id="settings-form" class="drawer-body settings-form" novalidate>
      <div class="setting"><label for="preset">${W.presetLabel}</label> <select id="preset"></select></div>
      <div class="setting"><label for="ids">${W.idsLabel}</label>
        <select id="ids">
          <option value="csprng">${W.idsCsprng}</option>
          <option value="seeded">${W.idsSeeded}</option>
          <option value="sequential">${W.idsSequential}</option>
        </select></div>
      <div class="setting check"><input type="checkbox" id="rotate"> <label for="rotate">${W.rotateLabel}</label></div>
      <div class="setting"><label for="logout-mode">${W.logoutModeLabel}</label>
        <select id="logout-mode">
          <option value="deleteAndExpire">${W.logoutModeDeleteandexpire}</option>
          <option value="clientOnly">${W.logoutModeClientonly}</option>
          <option value="serverOnly">${W.logoutModeServeronly}</option>
        </select></div>
      <div class="setting"><label for="cleanup">${W.cleanupLabel}</label>
        <select id="cleanup">
          <option value="onRead">${W.cleanupOnread}</option>
          <option value="sweeper">${W.cleanupSweeper}</option>
          <option value="never">${W.cleanupNever}</option>
        </select></div>
      <div class="setting check"><input type="checkbox" id="strict"> <label for="strict">${W.strictLabel}</label></div>
      <div class="setting check"><input type="checkbox" id="http-only"> <label for="http-only">${W.httpOnlyLabel}</label></div>
      <div class="setting check"><input type="checkbox" id="secure"> <label for="secure">${W.secureLabel}</label></div>
      <div class="setting check"><input type="checkbox" id="host-prefix"> <label for="host-prefix">${W.hostPrefixLabel}</label></div>
      <div class="setting"><label for="same-site">${W.sameSiteLabel}</label>
        <select id="same-site">
          <option value="">${W.sameSiteEmpty}</option>
          <option value="lax">${W.sameSiteLax}</option>
          <option value="strict">${W.sameSiteStrict}</option>
          <option value="none">${W.sameSiteNone}</option>
        </select></div>
      <div class="setting"><label for="browser-default">${W.browserDefaultLabel}</label>
        <select id="browser-default">
          <option value="lax">${W.browserDefaultLax}</option>
          <option value="none">${W.browserDefaultNone}</option>
        </select></div>
      <div class="setting"><label for="idle">${W.idleLabel}</label> <input id="idle" type="text" inputmode="numeric" autocomplete="off" placeholder="${W.idlePlaceholder}" aria-describedby="timeout-hint"></div>
      <div class="setting"><label for="absolute">${W.absoluteLabel}</label> <input id="absolute" type="text" inputmode="numeric" autocomplete="off" placeholder="${W.absolutePlaceholder}" aria-describedby="timeout-hint"></div>
      <p id="timeout-hint" class="hint">${W.timeoutHint}</p>
      <p id="settings-error" class="field-error" role="alert" tabindex="-1" hidden></p>
      <p id="preset-summary" class="preset-summary"></p>
      <button type="submit">${W.applyAndStartOver}</button>
    </form>
  </details>
  <div class="share page-only" role="group" aria-label="${W.shareWhatYouSeeLabel}">
    <button type="button" id="share">${W.share}</button>
    <button type="button" id="embed-code">${W.embedCode}</button>
  </div>
  </div>
</nav>

<div class="figure" id="figure">
<div class="stage" id="stage">
  <section class="actor browser" id="browser" aria-label="${W.browserLabel}">
    <h2 id="browser-title"><span class="dot" aria-hidden="true"></span><span id="browser-label">${W.browserLabel2}</span></h2>
    <div class="address" aria-label="${W.addressBarLabel}"><span id="address">https://app.example/login</span></div>
    <div class="screen" id="screen" aria-label="${W.screenLabel}"><span class="status" id="screen-status"></span> <span id="screen-text">${W.screenText}</span></div>
    <form id="login-form" class="login" autocomplete="off">
      <div class="fields" id="login-fields">
        <div class="field"><label for="username">${W.usernameLabel}</label> <input id="username" name="username" value="alice" spellcheck="false" autocapitalize="none"></div>
        <div class="field"><label for="password">${W.passwordLabel}</label> <input id="password" name="password" type="text" value="wonderland" spellcheck="false" autocapitalize="none"></div>
      </div>
      <div class="buttons">
        <button type="submit" id="login">${W.login}</button>
        <button type="button" id="login-as" class="login-as" aria-expanded="false" aria-controls="login-fields" title="${W.loginAsTitle}">${W.loginAs} <span id="login-as-name">alice</span></button>
        <button type="button" id="visit">${W.visit}</button>
        <button type="button" id="logout">${W.logout}</button>
        <button type="button" id="logout-everywhere">${W.logoutEverywhere}</button>
      </div>
    </form>
    <section class="jar-box" id="jar-box" aria-label="${W.jarBoxLabel}" tabindex="0">
      <h3 id="jar-title">${W.jarTitle}</h3>
      <ul class="jar" id="jar" aria-labelledby="jar-title"></ul>
      <p class="other-jars" id="other-jars"></p>
    </section>
  </section>

  <section class="wire" id="wire" aria-label="${W.wireLabel}">
    <span class="wire-label" aria-hidden="true">${W.network}</span>
    <div class="lane" aria-hidden="true"></div>
    <p class="wire-state" id="wire-state">${W.wireState}</p>
    <span class="eavesdropper" id="eavesdropper" hidden>${W.eavesdropper}</span>
    <div class="packet" id="packet" aria-hidden="true"></div>
  </section>

  <section class="actor server" id="server" aria-label="${W.serverLabel}">
    <h2 id="server-title"><span class="dot" aria-hidden="true"></span>${W.serverTitle}</h2>
    <p id="server-status" class="server-status">${W.serverStatus}</p>
    <p class="held" id="held" hidden></p>
    <p class="clock" id="clock-line"><span class="clock-label">${W.clockLine}</span> <strong id="clock">0:00:00</strong> <span class="muted" id="date">(Mon, 02 Mar 2026 09:00:00 GMT)</span></p>
    <section class="cluster" id="cluster" hidden></section>
  </section>

  <section class="actor store" id="store" aria-label="${W.storeLabel}">
    <h2 id="store-title"><span class="dot" aria-hidden="true"></span>${W.storeTitle} <span class="muted" id="store-kind">${W.storeKind}</span></h2>
    <ul class="rack" id="store-rows" aria-label="${W.storeRowsLabel}" tabindex="0"></ul>
    <p id="store-empty" class="empty">${W.storeEmpty}</p>
  </section>

  <svg class="connector" id="connector" aria-hidden="true"><path id="connector-path" d=""></path></svg>
</div>

<section class="dock" id="dock" aria-label="${W.dockLabel}">
  <div class="stepper">
    <div class="buttons step-buttons" role="group" aria-label="${W.timelineLabel}">
      <button type="button" id="first" aria-keyshortcuts="Home" title="${W.firstTitle}"><span aria-hidden="true">|◀</span><span class="visually-hidden">${W.firstStep}</span></button>
      <button type="button" id="back" aria-keyshortcuts="ArrowLeft" title="${W.backTitle}"><span aria-hidden="true">◀</span><span class="visually-hidden">${W.stepBack}</span></button>
      <button type="button" id="next" class="primary" aria-keyshortcuts="ArrowRight">${W.next}</button>
      <button type="button" id="last" aria-keyshortcuts="End" title="${W.lastTitle}"><span aria-hidden="true">▶|</span><span class="visually-hidden">${W.lastStep}</span></button>
      <button type="button" id="play" aria-pressed="false" aria-keyshortcuts="Space">${W.play}</button>
    </div>
    <div class="scrub" id="scrub">
      <input type="range" id="scrubber" min="1" max="1" value="1" step="1" aria-label="${W.scrubberLabel}" disabled>
      <span id="counter" class="counter">${W.counter}</span>
    </div>
    <div class="stepper-more">
      <label class="speed" for="speed">${W.speedLabel} <select id="speed">
        <option value="0.25">0.25×</option><option value="0.5">0.5×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option>
      </select></label>
      <button type="button" id="reset">${W.reset}</button>
      <button type="button" id="wire-toggle" class="wire-toggle" aria-expanded="false" aria-controls="inspector">${W.wireToggle}</button>
      <button type="button" id="fork-open" class="fork-open" aria-label="${W.forkOpenLabel}" disabled>${W.forkOpen}</button>
    </div>
  </div>
  <p id="tour-left" class="tour-left" role="status"></p>
  <div class="tour-box" id="tour-box" role="group" aria-label="${W.tourBoxLabel}" tabindex="0" hidden>
    <p class="tour-title"><span id="tour-position"></span> <strong id="tour-name"></strong></p>
    <p id="tour-step-title" class="tour-step-title" hidden></p>
    <p id="tour-verdict" class="verdict" hidden></p>
    <p id="tour-say"></p>
    <div id="tour-ask" class="ask" hidden>
      <p id="tour-question"></p>
      <div class="buttons" id="tour-choices" role="group" aria-labelledby="tour-question"></div>
    </div>
  </div>
  <section class="narration" id="narration-box" aria-label="${W.narrationBoxLabel}" tabindex="0">
    <span id="actor-badge" class="badge" hidden></span>
    <p id="narration">${W.narration}</p>
    <button type="button" id="narration-more" class="narration-more" aria-expanded="false" aria-controls="narration" hidden>${W.narrationMore}</button>
  </section>
  <p id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
  <section class="wire-text" id="inspector" aria-labelledby="wire-title" hidden>
    <div class="inspector-head">
      <h3 id="wire-title">${W.wireTitle}</h3>
      <div class="switch small" role="group" aria-label="${W.showAsLabel}">
        <button type="button" id="show-plain" aria-pressed="false">${W.showPlain}</button>
        <button type="button" id="show-raw" aria-pressed="true">${W.showRaw}</button>
      </div>
    </div>
    <pre id="wire-text" tabindex="0"></pre>
    <dl id="wire-plain" class="plain" hidden></dl>
    <p id="jar-decision" class="decision" hidden></p>
  </section>
</section>
<div class="print-transcript" id="print-transcript-box">
  <h2>${W.theStepsSoFar}</h2>
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
    shownName.textContent = username.value || W.noName;
  });
  form.addEventListener('submit', () => form.classList.contains('fields-open') && setFields(false));
  fields.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    setFields(false);
    loginAs.focus();
  });
}
