// The page's entry point: waits for the playground's markup in <main> (drawn
// by stage.js, run on its own before this), mounts the playground on the
// document (on a fresh page, or one naming a built-in tour, first on that
// tour's recording, handing it the wasm core once that has arrived; elsewhere
// on the core), and reads the address:
// ?seed=N (a reproducible run), ?tour= or ?scenario= (a built-in tour),
// ?step=N (its Nth step), ?embed=1 (the playground alone, for an iframe),
// ?theme= and ?controls= (as the element's attributes), #play=… (a shared
// moment of free play or a tour) and #scenario=… (an author's own scenario,
// base64url JSON). Inside an iframe, every event of the playground also goes
// to the parent page by postMessage, with the page's height whenever it
// changes; the parent may send the element's commands back.

import init, { CookieLab, Playground, ScaleRun } from './core.js';
import { namedScenario } from './compile.js';
import { recordedTour, recordingFetched, startEngine } from './start.js';
import { isRecordingOf, RecordedPlayground } from './recorded.js';
import { prefetchFirstTour, tourRecorded } from './tours.js';
import { stage } from './stage.js';
import { SERVED_BY_RECORDING } from './early-presses.js';
import { mountPlayground, yieldToPage } from './player.js';
import { fromBase64Url, readShared, setupShare } from './share.js';
import { COMMANDS, fetchScenario, perform } from './embedding.js';
import { WORDS } from './text/index.js';

const W = WORDS.main;

const params = new URLSearchParams(location.search);
const main = document.getElementById('playground');

/** Reads ?seed=N: a reproducible run. Anything else is reported, not ignored. */
function seedFromUrl(problems) {
  const raw = params.get('seed');
  if (raw === null) return null;
  // Leading zeros are fine (00000000001 is 1); the value, not the digit count, is bounded.
  if (!/^\d+$/.test(raw) || Number(raw) > 0xffffffff) {
    problems.push(W.badSeed(raw));
    return null;
  }
  return Number(raw);
}

const THEMES = ['auto', 'light', 'dark'];
const CONTROLS = ['full', 'minimal', 'none'];

/** ?theme=: light or dark whatever the reader's system says; auto (the default) follows it. */
function applyTheme(problems) {
  const theme = params.get('theme');
  if (theme === null || theme === 'auto') return;
  if (!THEMES.includes(theme)) {
    problems.push(W.badTheme(theme, THEMES));
    return;
  }
  document.documentElement.style.colorScheme = theme;
}

/** ?controls=: as the element's attribute. */
function controlsFromUrl(problems) {
  const raw = params.get('controls');
  if (raw === null || CONTROLS.includes(raw)) return raw ?? 'full';
  problems.push(W.badControls(raw, CONTROLS));
  return 'full';
}

/** The scenario the address asks for: ?scenario= (a tour's key or a URL) or #scenario= (inline, base64url JSON). */
async function scenarioFromUrl() {
  const inline = new URLSearchParams(location.hash.replace(/^#/, '')).get('scenario');
  if (inline !== null) {
    try {
      return { text: fromBase64Url(inline), source: W.inlineScenarioSource };
    } catch {
      return { error: W.badInlineScenario };
    }
  }
  const value = namedScenario(params);
  return value ? fetchScenario(value, location.href) : {};
}

/** Opens what the address names: ?tour= or ?scenario= (the same: a built-in tour by name, or an author's scenario by URL, or #scenario=), at ?step=. */
async function openAddress(playground) {
  const scenario = await scenarioFromUrl();
  if (scenario.error) playground.report(scenario.error);
  const asked = scenario.key !== undefined || scenario.text !== undefined;
  if (asked) await playground.loadScenario(scenario);
  if (params.has('step')) playground.openAtStep(params.get('step'), asked || scenario.error !== undefined);
}

/** In an iframe, the host page hears what the playground's element would tell it. */
function postToParent(type, detail) {
  if (window.parent === window) return;
  // Events carry the simulation's own data (demo accounts, simulated IDs), nothing of the reader's
  // beyond what they typed into the demo, so any host page may read them.
  window.parent.postMessage({ source: 'session-playground', type, detail }, '*');
}

/**
 * In an iframe, the parent page may drive the playground as the element's API does:
 * `{ source: 'session-playground', command, args, id }`; the answer comes back as a
 * `result` message with the same id. Only the parent is listened to.
 */
function listenToParent(playground) {
  window.addEventListener('message', (event) => {
    if (window.parent === window || event.source !== window.parent) return;
    const { source, command, args, id } = event.data ?? {};
    if (source !== 'session-playground' || typeof command !== 'string') return;
    if (!COMMANDS.includes(command)) {
      playground.report(W.badCommand(command, COMMANDS));
      postToParent('result', { id, command, value: false });
      return;
    }
    const value = perform(playground, command, Array.isArray(args) ? args : [args]);
    postToParent('result', { id, command, value: value === undefined ? null : value });
  });
}

/** In an iframe, the parent hears the page's height whenever it changes, to size the frame to fit. */
function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) postToParent('resize', { height: (last = height) });
  }).observe(document.documentElement);
}

/** Runs `work` once, when `node` comes within 600px of the viewport or the browser is first idle. */
function whenNear(node, work) {
  let done = false;
  const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && run(), { rootMargin: '600px' });
  function run() {
    if (done) return;
    done = true;
    observer.disconnect();
    work();
  }
  observer.observe(node);
  const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 300));
  idle(run, { timeout: 3000 });
}

/**
 * The playground is mounted: it reports what the address got wrong, and the
 * page says it is usable, a press of Next doing what it says (the benchmark
 * and `make size` read the marks).
 */
function mounted(playground, problems) {
  performance.mark('session-playground:mounted');
  for (const message of problems) playground.report(message);
  performance.mark('session-playground:usable');
  document.documentElement.dataset.usable = 'true';
}

/** Says the playground could not start; a press kept for it is dropped. */
function couldNotStart(error, presses) {
  document.getElementById('boot').hidden = true;
  const box = document.getElementById('fatal');
  box.textContent = W.couldNotStart(error.message ?? error);
  box.hidden = false;
  presses.fail();
  postToParent('error', { message: box.textContent });
}

async function boot() {
  // The stage is drawn by stage.js, run on its own as soon as its markup arrived; its presses are kept until usable.
  const { presses } = await stage;
  const problems = [];
  let ready = false;
  const seed = seedFromUrl(problems);
  applyTheme(problems);
  const controls = controlsFromUrl(problems);
  const mount = (recorded) =>
    mountPlayground(document, {
      // Like the element, the frame tells its host about steps once it is ready (errors at once).
      emit: (type, detail) => (ready || type === 'error') && postToParent(type, detail),
      seed,
      recorded,
      // Framed in someone's article, the page must not scroll theirs unless the reader works in it.
      reveal: window.parent === window,
      keyScope: main,
      styleTarget: document.documentElement,
      controlsTarget: main,
      controls,
    });
  // A fresh page, or one naming a built-in tour, opens on that tour's recording, and asks for the
  // engine once it is usable.
  const recording = await recordingFetched;
  let playground = null;
  let opened = false;
  if (isRecordingOf(recording, recordedTour)) {
    // The recording has come with the modules: the mount then waits for a task of its own, rather
    // than joining the one that ran every module of the page.
    await yieldToPage();
    try {
      playground = mount(new RecordedPlayground(recording));
    } catch (error) {
      // A recording the page cannot mount on (not one this page's build wrote) starts nothing.
      couldNotStart(error, presses);
      return;
    }
    // The tour is read from its recording (the file as the recording's build shipped it), so the
    // recording is what the engine is later given and checked against, whatever else a server sends.
    tourRecorded(recording.tour, recording.scenario);
    if (recordedTour !== '') {
      // The tour the address names opens on its recording, at its step, in a task after the mount's.
      try {
        await yieldToPage();
        await openAddress(playground);
      } catch (error) {
        couldNotStart(error, presses);
        return;
      }
      opened = true;
    }
    mounted(playground, problems);
    presses.serve(SERVED_BY_RECORDING);
  }
  // Next starts the first tour: its file is fetched now (once usable, or while the wasm comes), unless its recording brought it.
  prefetchFirstTour();
  try {
    // Elsewhere the wasm has been compiling since the page started (start.js); here it is asked for now.
    await init({ module_or_path: startEngine() });
    performance.mark('session-playground:engine');
  } catch (error) {
    couldNotStart(error, presses);
    return;
  }
  // With the wasm compiled early (start.js) the engine can be ready in the very task that ran this
  // module (and laid out the page when its parsing finished): mounting the playground (or handing
  // it the engine) then waits for a task of its own, so no one task holds the page for both.
  await yieldToPage();
  if (playground !== null) {
    try {
      playground.engineArrived();
    } catch (error) {
      couldNotStart(error, presses);
      return;
    }
  } else {
    playground = mount(null);
    mounted(playground, problems);
  }
  setupShare(playground);
  // A shared link pasted into a tab already showing the page changes only the fragment: replay it.
  window.addEventListener('hashchange', () => {
    const shared = readShared(location.hash);
    if (shared.log || shared.error) location.reload();
  });

  const shared = readShared(location.hash);
  if (shared.error) playground.report(shared.error);
  if (shared.log) await playground.restore(shared.log);
  else if (!opened) await openAddress(playground);
  const embed = params.get('embed');
  // embed-view.js, the page's first script, read ?embed= and said yes (the class) or not.
  if (embed !== null && !document.documentElement.classList.contains('embed')) playground.report(W.badEmbed(embed));
  // Tests wait for this marker before they click anything: the engine is there.
  document.documentElement.dataset.ready = 'true';
  ready = true;
  presses.end({ replay: true });
  // The same state the element's ready event carries.
  postToParent('ready', playground.state);
  listenToParent(playground);
  reportHeight();
  playground.loadWhenIdle();
  setupLabs(playground);
}

/**
 * The labs below the playground: their scripts are fetched and set up (on the
 * engine's own module, there by now) when each comes near the viewport or the
 * browser is idle, whichever is first, and never before the playground is usable.
 */
function setupLabs(playground) {
  const labs = [
    ['lab', async () => {
      const { setupLab } = await import('./lab.js');
      setupLab(CookieLab);
    }],
    ['scale', async () => {
      const { setupScale } = await import('./scale.js');
      setupScale(ScaleRun);
    }],
    ['attacks', async () => {
      const { setupAttacks } = await import('./attacks.js');
      await setupAttacks(Playground, async (key) => {
        await playground.loadScenario({ key });
        main.scrollIntoView({ block: 'start' });
        document.getElementById('next').focus({ preventScroll: true });
      });
    }],
  ];
  let waiting = labs.length;
  for (const [id, setup] of labs) {
    const section = document.getElementById(id);
    whenNear(section, async () => {
      try {
        await setup();
      } catch (error) {
        // A lab that cannot load says so in its own section; the playground goes on.
        const note = document.createElement('p');
        note.className = 'lab-result bad';
        note.setAttribute('role', 'alert');
        note.textContent = W.labCouldNotLoad(error.message ?? error);
        section.querySelector('h2').after(note);
        return;
      }
      waiting -= 1;
      // Tests wait for this marker before they use a lab.
      if (waiting === 0) document.documentElement.dataset.labs = 'ready';
    });
  }
}

boot();
