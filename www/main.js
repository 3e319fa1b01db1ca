// The page's entry point: puts the playground's markup in <main>, loads the
// wasm core, mounts the playground on the document, and reads the address:
// ?seed=N (a reproducible run), ?tour= or ?scenario= (a built-in tour),
// ?step=N (its Nth step), ?embed=1 (the playground alone, for an iframe) and
// #play=… (a shared moment of free play or a tour). Inside an iframe, every
// event of the playground also goes to the parent page by postMessage.

import init, { CookieLab, Playground } from './pkg/session_playground.js';
import { setupLab } from './lab.js';
import { setupAttacks } from './attacks.js';
import { playgroundMarkup } from './markup.js';
import { mountPlayground } from './player.js';
import { readShared, setupShare } from './share.js';
import { setupScale } from './scale.js';

const params = new URLSearchParams(location.search);
const main = document.getElementById('playground');

// ?embed=1: the playground alone, for an iframe inside someone's article.
const EMBED_ON = ['1', 'true'];
if (EMBED_ON.includes(params.get('embed'))) document.documentElement.classList.add('embed');

/** Reads ?seed=N: a reproducible run. Anything else is reported, not ignored. */
function seedFromUrl(problems) {
  const raw = params.get('seed');
  if (raw === null) return null;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) {
    problems.push(`The seed "${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`);
    return null;
  }
  return Number(raw);
}

/** In an iframe, the host page hears what the playground's element would tell it. */
function postToParent(type, detail) {
  if (window.parent === window) return;
  // Events carry the simulation's own data (demo accounts, simulated IDs), nothing of the reader's
  // beyond what they typed into the demo, so any host page may read them.
  window.parent.postMessage({ source: 'session-playground', type, detail }, '*');
}

async function boot() {
  main.replaceChildren(playgroundMarkup());
  try {
    await init();
  } catch (error) {
    document.getElementById('boot').hidden = true;
    const box = document.getElementById('fatal');
    box.textContent = `The playground could not start: ${error.message ?? error}. It needs a browser with WebAssembly, served over http(s).`;
    box.hidden = false;
    postToParent('error', { message: box.textContent });
    return;
  }
  const problems = [];
  let ready = false;
  const seed = seedFromUrl(problems);
  const playground = mountPlayground(document, {
    // Like the element, the frame tells its host about steps once it is ready (errors at once).
    emit: (type, detail) => (ready || type === 'error') && postToParent(type, detail),
    seed,
    // Framed in someone's article, the page must not scroll theirs unless the reader works in it.
    reveal: window.parent === window,
    keyScope: main,
    scrollRoot: document.documentElement,
    styleTarget: document.documentElement,
    controlsTarget: main,
  });
  for (const message of problems) playground.report(message);
  setupLab(CookieLab);
  setupScale();
  setupAttacks(Playground, (key) => {
    playground.loadScenario({ key });
    main.scrollIntoView({ block: 'start' });
    document.getElementById('next').focus({ preventScroll: true });
  });
  setupShare(playground);
  // A shared link pasted into a tab already showing the page changes only the fragment: replay it.
  window.addEventListener('hashchange', () => {
    const shared = readShared(location.hash);
    if (shared.log || shared.error) location.reload();
  });

  const shared = readShared(location.hash);
  if (shared.error) playground.report(shared.error);
  if (shared.log) {
    await playground.restore(shared.log);
  } else {
    // ?scenario= is the same as ?tour=: a built-in tour, by name.
    const tour = params.get('tour') || params.get('scenario');
    if (tour) playground.loadScenario({ key: tour });
    if (params.has('step')) playground.openAtStep(params.get('step'), Boolean(tour));
  }
  const embed = params.get('embed');
  if (embed !== null && !EMBED_ON.includes(embed)) playground.report(`?embed=${embed} is not understood; ?embed=1 shows the playground alone.`);
  // Tests wait for this marker before they click anything.
  document.documentElement.dataset.ready = 'true';
  ready = true;
  const { position, total, scenario } = playground.state;
  postToParent('ready', { position, total, scenario });
}

boot();
