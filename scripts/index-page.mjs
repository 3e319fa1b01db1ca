// index.html, written from the catalogue: the page's static HTML with every
// word taken from www/text/<language>/page.js, so the page paints its words
// before any script runs and a translation is a new words file, not a second
// copy of the page. `node scripts/index-page.mjs` writes index.html again
// after a word, the markup or the page's imports change (its head preloads
// every module of the first load, walked by scripts/module-graph.mjs);
// tests/unit/index-page.test.mjs fails while the file differs from what this writes.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import en from '../www/text/en/page.js';
import { RECORDING_MODULE, staticClosure } from './module-graph.mjs';

/**
 * Every module main.js imports, to the end (main.js itself has its own tag),
 * and the first tour's recording, which start.js imports on a fresh page:
 * index.html preloads them all at once, in the order they are needed: the
 * recording, start.js's (it asks for what the address needs first), then
 * stage.js's, then the rest.
 */
const FIRST_LOAD = [...new Set([RECORDING_MODULE, ...staticClosure(['www/start.js']), ...staticClosure(['www/stage.js']), ...staticClosure(['www/main.js'])])].filter((path) => path !== 'www/main.js');

/** Each language's words and the page written from them. */
export const PAGES = [{ words: en, file: 'index.html' }];

/** The page in the language of `W` (its words by id). */
export function indexPage(W) {
  return `<!doctype html>
<html lang="${W.language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${W.title}</title>
  <meta name="description" content="${W.description}">
  <link rel="icon" href="www/favicon.svg" type="image/svg+xml">
  <!-- First, and holding the first paint until it has run (it imports
       nothing, so it runs while the stylesheet is still on its way):
       ?embed=1 shows the playground alone, and the page is never painted
       with the heading above it and then without. -->
  <script type="module" async blocking="render" src="www/embed-view.js"></script>
  <link rel="stylesheet" href="www/style.css">
  <!-- Fetched at once, in parallel, rather than each when the module before it
       names it: the first tour's recording (written by the site's build),
       then every module main.js imports (scripts/index-page.mjs writes the
       list from the imports; the site's build, scripts/build-site.mjs,
       writes the list and the scripts of the page's bundle into the site's
       copy of this file). start.js, run on its own, asks for what the
       address needs first: the engine's wasm at once, or a tour's recording
       (this one on a fresh page), and the wasm once the page is usable. -->
${FIRST_LOAD.map((path) => `  <link rel="modulepreload" href="${path}">\n`).join('')}  <script type="module" async src="www/start.js"></script>
  <script type="module" src="www/main.js"></script>
  <script type="module" async src="www/stage.js"></script>
</head>
<body>
  <a class="skip-link" href="#playground">${W.skipLink}</a>
  <header class="intro">
    <h1>${W.heading}</h1>
    <p>${W.intro}</p>
  </header>

  <main id="playground" tabindex="-1">
    <p class="boot" role="status">${W.boot}</p>
  </main>

  <dialog id="share-dialog" class="share-dialog" aria-labelledby="share-title">
    <form method="dialog" class="share-form">
      <h2 id="share-title">${W.shareTitle}</h2>
      <fieldset id="embed-kinds" class="embed-kinds">
        <legend>${W.embedAs}</legend>
        <label><input type="radio" name="embed-kind" value="iframe" checked> ${W.embedAsIframe}</label>
        <label><input type="radio" name="embed-kind" value="element"> ${W.embedAsElement}</label>
      </fieldset>
      <label id="share-text-label" for="share-text">${W.shareTextLabel}</label>
      <textarea id="share-text" rows="4" readonly spellcheck="false"></textarea>
      <p id="share-note" class="hint"></p>
      <div class="buttons">
        <button type="button" id="share-copy" class="primary">${W.shareCopy}</button>
        <button type="submit" value="close">${W.shareClose}</button>
      </div>
      <p id="share-copied" class="hint" role="status"></p>
      <div id="share-preview-wrap" class="share-preview">
        <h3>${W.sharePreview}</h3>
        <iframe id="share-preview" title="${W.sharePreviewTitle}" loading="lazy"></iframe>
      </div>
    </form>
  </dialog>

  <section class="lab" id="attacks" aria-labelledby="attacks-title">
    <h2 id="attacks-title">${W.attacksTitle}</h2>
    <p class="lab-intro">${W.attacksIntro}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${W.matrixWrapLabel}">
      <table class="matrix">
        <caption>${W.matrixCaption}</caption>
        <thead id="matrix-head"></thead>
        <tbody id="matrix-body"></tbody>
      </table>
    </div>
    <h3 id="token-attacks-title">${W.tokenAttacksTitle}</h3>
    <p class="lab-intro">${W.tokenAttacksIntro}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="token-attacks-title" aria-describedby="token-matrix-caption">
      <table class="matrix" id="token-matrix">
        <caption id="token-matrix-caption">${W.tokenMatrixCaption}</caption>
        <thead id="token-matrix-head"></thead>
        <tbody id="token-matrix-body"></tbody>
      </table>
    </div>
    <form id="guess-calc" class="lab-card calc" novalidate>
      <h3>${W.calcTitle}</h3>
      <p class="hint">${W.calcHint}</p>
      <div class="calc-fields">
        <div class="setting"><label for="calc-bits">${W.calcBitsLabel}</label> <input id="calc-bits" type="text" inputmode="numeric" value="64"></div>
        <div class="setting"><label for="calc-live">${W.calcLiveLabel}</label> <input id="calc-live" type="text" inputmode="numeric" value="100000"></div>
        <div class="setting"><label for="calc-rate">${W.calcRateLabel}</label> <input id="calc-rate" type="text" inputmode="numeric" value="10000"></div>
      </div>
      <div class="buttons"><button type="submit">${W.calcSubmit}</button></div>
      <p id="calc-result" class="lab-result" role="status"></p>
    </form>
  </section>

  <section class="lab" id="scale" aria-labelledby="scale-title">
    <h2 id="scale-title">${W.scaleTitle}</h2>
    <p class="lab-intro">${W.scaleIntro}</p>
    <form id="scale-form" class="lab-card scale-form" novalidate>
      <div class="scale-fields">
        <div class="setting"><label for="scale-users">${W.scaleUsersLabel}</label> <input id="scale-users" type="text" inputmode="numeric" autocomplete="off" value="10000" aria-describedby="scale-limits"></div>
        <div class="setting"><label for="scale-requests">${W.scaleRequestsLabel}</label> <input id="scale-requests" type="text" inputmode="numeric" autocomplete="off" value="100000" aria-describedby="scale-limits"></div>
        <div class="setting"><label for="scale-servers">${W.scaleServersLabel}</label>
          <select id="scale-servers">
            <option>1</option><option>2</option><option>3</option><option selected>4</option><option>5</option><option>6</option><option>7</option><option>8</option>
          </select></div>
        <div class="setting"><label for="scale-balancing">${W.scaleBalancingLabel}</label>
          <select id="scale-balancing">
            <option value="roundRobin">${W.scaleBalancingRoundrobin}</option>
            <option value="random">${W.scaleBalancingRandom}</option>
            <option value="sticky">${W.scaleBalancingSticky}</option>
          </select></div>
        <div class="setting"><label for="scale-layout">${W.scaleLayoutLabel}</label>
          <select id="scale-layout">
            <option value="perServer">${W.scaleLayoutPerserver}</option>
            <option value="shared">${W.scaleLayoutShared}</option>
          </select></div>
        <div class="setting"><label for="scale-sweep">${W.scaleSweepLabel}</label>
          <select id="scale-sweep">
            <option value="none">${W.scaleSweepNone}</option>
            <option value="servers">${W.scaleSweepServers}</option>
            <option value="policies">${W.scaleSweepPolicies}</option>
            <option value="mechanisms">${W.scaleSweepMechanisms}</option>
          </select></div>
        <div class="setting"><label for="scale-mechanism">${W.scaleMechanismLabel}</label>
          <select id="scale-mechanism">
            <option value="session">${W.scaleMechanismSession}</option>
            <option value="token">${W.scaleMechanismToken}</option>
            <option value="tokenDenylist">${W.scaleMechanismTokendenylist}</option>
            <option value="tokenRefresh">${W.scaleMechanismTokenrefresh}</option>
          </select></div>
        <div class="setting"><label for="scale-stop">${W.scaleStopLabel}</label>
          <select id="scale-stop">
            <option value="">${W.scaleStopEmpty}</option>
          </select></div>
        <div class="setting"><label for="scale-outage">${W.scaleOutageLabel}</label> <input id="scale-outage" type="text" inputmode="numeric" autocomplete="off" value="0"></div>
        <div class="setting"><label for="scale-seed">${W.scaleSeedLabel}</label> <input id="scale-seed" type="text" inputmode="numeric" autocomplete="off" value="1"></div>
        <div class="setting"><label for="scale-skew">${W.scaleSkewLabel}</label>
          <select id="scale-skew">
            <option value="even">${W.scaleSkewEven}</option>
            <option value="skewed">${W.scaleSkewSkewed}</option>
          </select></div>
        <div class="setting check"><input type="checkbox" id="scale-relogin"> <label for="scale-relogin">${W.scaleReloginLabel}</label></div>
      </div>
      <p class="hint" id="scale-limits">${W.scaleLimits}</p>
      <div class="buttons"><button type="submit" class="primary" id="scale-run">${W.scaleRun}</button> <button type="button" id="scale-cancel" disabled>${W.scaleCancel}</button></div>
      <div class="scale-progress" id="scale-progress-box" hidden>
        <label for="scale-progress">${W.scaleProgressLabel}</label> <progress id="scale-progress" max="1" value="0"></progress> <span id="scale-progress-text"></span>
      </div>
      <p id="scale-status" class="lab-result" role="status"></p>
    </form>
    <div id="scale-charts" class="scale-charts"></div>
    <p class="hint scale-model" id="scale-model"></p>
    <p class="hint scale-model" id="scale-model-tokens" hidden></p>
    <details class="scale-figures">
      <summary>${W.scaleFigures}</summary>
      <div class="table-wrap" tabindex="0" role="region" aria-label="${W.scaleTableWrapLabel}">
        <table class="scale-table">
          <caption>${W.scaleTableCaption}</caption>
          <thead id="scale-table-head"></thead>
          <tbody id="scale-table-body"></tbody>
        </table>
      </div>
    </details>
  </section>

  <section class="lab" id="lab" aria-labelledby="lab-title">
    <h2 id="lab-title">${W.labTitle}</h2>
    <p class="lab-intro">${W.labIntro}
      <span id="lab-now">Mon, 02 Mar 2026 09:00:00 GMT</span>.</p>
    <div class="lab-grid">
      <form id="lab-set" class="lab-card" novalidate>
        <h3>${W.labSetTitle}</h3>
        <div class="setting"><label for="lab-set-url">${W.labSetUrlLabel}</label> <input id="lab-set-url" value="https://www.example.com/account/login" spellcheck="false" autocomplete="off"></div>
        <div class="setting"><label for="lab-header">${W.labHeaderLabel}</label> <input id="lab-header" value="id=42; Path=/; Secure; HttpOnly; SameSite=Lax" spellcheck="false" autocomplete="off"></div>
        <div class="setting"><label for="lab-from">${W.labFromLabel}</label>
          <select id="lab-from">
            <option value="http">${W.labFromHttp}</option>
            <option value="cross-site-navigation">${W.labFromCrossSiteNavigation}</option>
            <option value="cross-site">${W.labFromCrossSiteSubresource}</option>
            <option value="script">${W.labFromScript}</option>
          </select></div>
        <div class="buttons"><button type="submit">${W.labSetSubmit}</button> <button type="button" id="lab-clear">${W.labClear}</button></div>
        <p id="lab-set-result" class="lab-result" role="status"></p>
      </form>
      <form id="lab-request" class="lab-card" novalidate>
        <h3>${W.labRequestTitle}</h3>
        <div class="setting"><label for="lab-request-url">${W.labRequestUrlLabel}</label> <input id="lab-request-url" value="https://www.example.com/account/settings" spellcheck="false" autocomplete="off"></div>
        <div class="setting"><label for="lab-kind">${W.labKindLabel}</label>
          <select id="lab-kind">
            <option value="same-site">${W.labKindSameSite}</option>
            <option value="cross-site-link">${W.labKindCrossSiteLink}</option>
            <option value="cross-site-post">${W.labKindCrossSitePost}</option>
            <option value="cross-site-embed">${W.labKindCrossSiteEmbed}</option>
            <option value="script">${W.labKindScript}</option>
          </select></div>
        <div class="setting"><label for="lab-default">${W.labDefaultLabel}</label>
          <select id="lab-default">
            <option value="lax">${W.labDefaultLax}</option>
            <option value="none">${W.labDefaultNone}</option>
          </select></div>
        <div class="buttons"><button type="submit">${W.labRequestSubmit}</button> <button type="button" id="lab-wait">${W.labWait}</button></div>
        <p id="lab-request-result" class="lab-result" role="status"></p>
        <ul id="lab-decisions" class="lab-decisions" aria-label="${W.labDecisionsLabel}"></ul>
      </form>
    </div>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${W.labJarWrapLabel}">
      <table class="lab-jar">
        <caption>${W.labJarCaption}</caption>
        <thead><tr><th scope="col">${W.labJarName}</th><th scope="col">${W.labJarValue}</th><th scope="col">${W.labJarDomain}</th><th scope="col">${W.labJarPath}</th><th scope="col">${W.labJarFlags}</th><th scope="col">${W.labJarExpires}</th></tr></thead>
        <tbody id="lab-jar"></tbody>
      </table>
    </div>
    <p id="lab-empty" class="empty">${W.labEmpty}</p>
  </section>

  <footer class="foot">
    <p>${W.footer}</p>
  </footer>
</body>
</html>
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { words, file } of PAGES) writeFileSync(new URL(`../${file}`, import.meta.url), indexPage(words));
}
