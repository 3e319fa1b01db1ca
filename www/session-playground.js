// <session-playground>: the playground as a custom element, for authors who
// put it inside their own articles. One module include, no bundler:
//
//   <script type="module" src="…/www/session-playground.js"></script>
//   <session-playground scenario="revocation" step="2"></session-playground>
//
// Each element has its own shadow root (its styles can't leak out and the
// host page's can't reach in), its own core instance and its own timeline;
// several can share a page. The wasm and the stylesheet load relative to this
// module's own URL, so it works from any path or CDN, and under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'): no inline
// script or style, no eval.
//
// Attributes: scenario (a built-in tour's name, or the URL of a scenario
// JSON; without it, a child <script type="application/json"> holding a
// scenario), step, autoplay (starts once the element is on screen), speed,
// controls (full | minimal | none), preset, theme (page | auto | light | dark; without it, the host
// page's color-scheme), seed, label (its name for screen readers), dock (sticky | static: whether the
// stepping controls stick to the bottom of the window while the element is in view) and compact (a
// smaller figure, for a column of text). The figure keeps one height from step to step, and stepping
// never scrolls the host page. Events (bubbling, composed): step, scenario-end, playground-error, ready
// (and `error`, the old name of playground-error, on the element only). API: next(), back(), goTo(n),
// run(action), play(), pause(), reset(), state, and `ready`, a promise of the state once it can be
// used; calls made before then wait for it, in order. A built-in tour (or no scenario) with no seed
// or preset opens on the tour's recording, written by the site's build: the reader can step through
// it (the element has the `usable` attribute) before the engine's wasm has come, and `ready` follows
// when it has. A press the recording cannot answer is kept, shown as starting, and done then. If the module, the engine or the stylesheet
// cannot load, the element says why in itself; if the module itself cannot run, the element's own
// light-DOM content (the author's fallback) stays on show.
//
// Why one file of this length (about 590 lines): most of it is the element's
// class, one lifecycle (start, wait for the viewport, load, mount on a
// recording or the engine, hand over, stop) whose private fields every part
// reads: the frame, the generation a stale start checks, the kept presses,
// the waiting calls and the ready promise. What needs none of them is
// elsewhere: the markup (markup.js), the kept presses (early-presses.js),
// the scenario's fetch and the reasons a load failed (embedding.js), the
// player (player.js). The loaders at the top (the engine's modules, its wasm,
// a tour's recording) are the part that could stand alone.

import { playgroundMarkup } from './markup.js';
import { fetchScenario, perform, whyItCouldNotStart } from './embedding.js';
import { keepEarlyPresses, SERVED_BY_RECORDING } from './early-presses.js';
import { recordingModule } from './compile.js';
import { TOUR_LIST } from './tour-list.js';
import { WORDS } from './text/index.js';
import { yieldToPage } from './next-task.js';
import { ENGINE_MODULES } from './engine-modules.js';

const W = WORDS.element;

const STYLESHEET = new URL('./style.css', import.meta.url).href;
const ENGINE = new URL('./pkg/session_playground_bg.wasm', import.meta.url).href;
const CONTROLS = ['full', 'minimal', 'none'];
const THEMES = ['page', 'auto', 'light', 'dark'];

// Content-Security-Policy refusals since this module loaded: when the engine or the stylesheet fails,
// they say which directive was missing.
const refusals = [];
document.addEventListener('securitypolicyviolation', (event) => refusals.push({ directive: event.effectiveDirective || event.violatedDirective, blocked: event.blockedURI }));
const DOCKS = ['sticky', 'static'];

// How near the viewport an element comes before it fetches the engine: far enough ahead that a
// reader scrolling at reading speed finds it ready (the labs on the page use the same margin).
const NEAR_PX = 600;

// The engine: its JS (the wasm's glue and the player with the page modules it uses) and its wasm,
// fetched once for every element on the page, when the first comes near the viewport (or is called
// on); each element makes its own Playground. Until then an element is its static markup only.
// An element showing a built-in tour, or nothing yet (Next then starts the first tour), with no
// seed or preset of its own, opens on that tour's recording (www/recorded.js) as the page does:
// the reader can step through it once the JS has come, and the wasm is asked for after.
let modules = null;
let engine = null;
/** The player's module once the engine's JS has loaded: `{ mountPlayground, SPEEDS, … }`. */
let player = null;
/** The recording's module once the engine's JS has loaded: `{ RecordedPlayground, isRecordingOf }`. */
let recorded = null;
/** The tours' module once the engine's JS has loaded: `{ tourRecorded, … }`. */
let tours = null;
/**
 * Imports every module of `paths` (relative to this one) at once. If any fails, the error names
 * one that could not itself be fetched: a module whose import failed fails too, naming itself, and
 * whichever failed first would say so, sending the author to a file that is there.
 */
async function importAll(paths) {
  const results = await Promise.allSettled(paths.map((path) => import(path)));
  const failed = paths.filter((_, i) => results[i].status === 'rejected');
  for (const path of failed) {
    const url = new URL(path, import.meta.url).href;
    const there = await fetch(url, { method: 'HEAD' }).then(
      (response) => response.ok,
      () => false,
    );
    if (!there) throw Object.assign(new Error(url), { missingScript: url });
  }
  if (failed.length > 0) throw results.find((result) => result.status === 'rejected').reason;
}
/**
 * Resolves once the engine's JS is there (not its wasm); a failed download is tried again by the
 * next call. Every file of it is asked for at once (www/engine-modules.js: as written, the
 * modules; bundled, the bundle's files that hold them), then the three modules the element uses.
 */
const loadModules = () =>
  (modules ??= importAll(ENGINE_MODULES).then(async () => {
    [player, recorded, tours] = await Promise.all([import('./player.js'), import('./recorded.js'), import('./tours.js')]);
  })).catch((error) => {
    modules = null;
    throw error;
  });
/** Resolves once the engine is there, its JS and its wasm; a failed download is tried again by the next call. */
const loadEngine = () =>
  (engine ??= (() => {
    // Where the engine is needed first, the wasm downloads beside the scripts, not after them, and
    // compiles as it streams in (compile.js imports nothing), while the other modules are still
    // arriving; on a recording it is asked for once the element is usable.
    const wasm = import('./compile.js').then(({ compileEngine }) => compileEngine(ENGINE));
    // Its failure is reported through init() below (or not at all, if a script failed first).
    wasm.catch(() => {});
    return loadModules().then(async () => {
      const core = await import('./core.js');
      await core.default({ module_or_path: wasm });
    });
  })()).catch((error) => {
    engine = null;
    throw error;
  });
/**
 * The recording of tour `key` (`''`: the first tour's, which a fresh element's Next starts), as the
 * site's build wrote it beside this module, or null where there is none to open on (the sources
 * served unbuilt, or anything that is not a recording): the element then waits for the engine. It
 * needs the engine's JS too, asked for at the same time; if that fails, so does this.
 */
async function loadRecording(key) {
  const recording = import(recordingModule(key)).then(
    (module) => module.default,
    () => null,
  );
  await loadModules();
  const found = await recording;
  return recorded.isRecordingOf(found, key) ? found : null;
}

class SessionPlaygroundElement extends HTMLElement {
  static observedAttributes = ['scenario', 'step', 'autoplay', 'speed', 'controls', 'preset', 'theme', 'seed', 'label', 'dock', 'compact'];

  #shadow;
  #frame = null;
  #api = null;
  #generation = 0;
  #problems = [];
  #attributeProblems = [];
  /** Calls made before the playground could be used, done in order once it can. */
  #waiting = [];
  #ready;
  #resolveReady;
  #rejectReady;
  #visible = null;
  /** Watches for the element coming near the viewport, until it does. */
  #near = null;
  /** Ends the wait for the viewport at once (a call on the element wants it now). */
  #wake = null;
  /** Settles once the shadow root's stylesheet has loaded, or failed to. */
  #styled;
  /** Keeps the stage's presses until the playground can take them (www/early-presses.js). */
  #presses = null;
  /** True once this start could not load the engine: calls answer false at once. */
  #failed = false;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = STYLESHEET;
    // Unstyled, the playground still works; say why it looks as it does.
    sheet.addEventListener('error', () => {
      const blocked = refusals.some((r) => r.directive.startsWith('style-src') && STYLESHEET.startsWith(r.blocked));
      const why = blocked ? W.styleBlocked(new URL(STYLESHEET).origin) : W.styleNotFetched;
      this.#whenMounted((api) => api.report(W.styleDidNotLoad(STYLESHEET, why)));
    });
    // Ready waits for the stylesheet (loaded or failed): the figure is measured as it is drawn.
    this.#styled = new Promise((resolve) => {
      sheet.addEventListener('load', resolve, { once: true });
      sheet.addEventListener('error', resolve, { once: true });
    });
    this.#shadow.append(sheet);
    this.#newReady();
  }

  #newReady() {
    this.#ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    // A page that never asks for `ready` must not see an unhandled rejection.
    this.#ready.catch(() => {});
  }

  /** A promise of the state, fulfilled once the playground can be used (at once if it can). */
  get ready() {
    return this.#ready;
  }

  /** Runs `call` on the mounted playground now, or once it is ready; resolves to its result. */
  #whenMounted(call) {
    if (this.#failed) return Promise.resolve(false);
    if (this.#api !== null && this.hasAttribute('ready')) return call(this.#api);
    this.#wake?.();
    return new Promise((resolve) => {
      const run = () => resolve(call(this.#api));
      run.fail = () => resolve(false);
      this.#waiting.push(run);
    });
  }

  connectedCallback() {
    if (this.#frame === null) this.#start();
  }

  disconnectedCallback() {
    // Moved elsewhere in the page, it is connected again at once: keep it. Removed, it stops.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  attributeChangedCallback(name, previous, value) {
    if (this.#frame === null || previous === value) return;
    if (this.#api === null) {
      // Still starting: it reads the other attributes once the playground is mounted. A new scenario,
      // seed or preset starts over: each decides whether a tour's recording can stand in for the engine.
      if (['scenario', 'seed', 'preset'].includes(name)) this.#start();
      return;
    }
    if (name === 'label') {
      this.#name();
      return;
    }
    if (name === 'dock' || name === 'compact') {
      this.#layout();
      this.#showAttributeProblems();
      return;
    }
    if (name === 'speed') this.#api.setSpeed(this.#speedValue() ?? '1');
    else if (name === 'controls') this.#api.setControls(this.#controls());
    else if (name !== 'theme') {
      this.#start();
      return;
    }
    this.#showAttributeProblems();
  }

  /** Builds a fresh playground from the attributes (again, if they changed). */
  async #start() {
    this.#stop();
    const generation = ++this.#generation;
    // A promise already settled (ready, or a start that failed) is not the new start's.
    if (this.hasAttribute('ready') || this.#failed) this.#newReady();
    this.#failed = false;
    this.removeAttribute('ready');
    this.removeAttribute('usable');
    this.#frame = document.createElement('div');
    this.#frame.className = 'playground';
    this.#frame.append(playgroundMarkup());
    this.#name();
    this.#layout();
    this.#shadow.append(this.#frame);
    const frame = this.#frame;
    const say = (message) => {
      const box = frame.querySelector('#fatal');
      if (box.hidden) box.replaceChildren();
      box.append(Object.assign(document.createElement('p'), { textContent: message }));
      box.hidden = false;
      this.#emit('error', { message });
    };
    // Until the playground can take them, the stage's presses are kept, shown as starting, not lost.
    const presses = keepEarlyPresses(frame);
    this.#presses = presses;
    // Removed, or started again, while waiting: a newer start (or nobody) owns the element.
    const stale = () => generation !== this.#generation || !this.isConnected;
    /** The engine (or its JS) could not load: the element says why, and nothing waiting will ever run. */
    const couldNotStart = async (error) => {
      frame.querySelector('#boot').hidden = true;
      const why = await whyItCouldNotStart(error, ENGINE, refusals);
      if (stale()) return;
      say(why);
      presses.fail();
      // Mounted on a recording, it stops there: no longer usable, not playing on.
      this.removeAttribute('usable');
      this.#api?.pause();
      // Each call, waiting or made from now on, answers false, and `ready` rejects with the reason.
      this.#failed = true;
      for (const call of this.#waiting.splice(0)) call.fail();
      this.#rejectReady(new Error(why));
    };
    /** Waits for `loading`; false (having said why, unless stale) if it failed or the start is stale. */
    const loaded = async (loading) => {
      try {
        await loading;
      } catch (error) {
        if (!stale()) await couldNotStart(error);
        return false;
      }
      return !stale();
    };
    // Far below the fold, nothing more loads until the reader scrolls near.
    await this.#nearViewport();
    if (stale()) return;
    const tour = this.#recordedTour();
    let recording = null;
    if (tour !== null) {
      const loading = loadRecording(tour);
      if (!(await loaded(loading))) return;
      recording = await loading;
    }
    // Without a recording to open on, the playground needs the engine, its wasm too, first; the
    // first tour's file, which Next may start, then comes while the wasm does (a failure is loadEngine's to say).
    if (recording === null) loadModules().then(() => tours.prefetchFirstTour(), () => {});
    if (!(await loaded(recording === null ? loadEngine() : loadModules()))) return;
    await this.#styled;
    if (stale()) return;
    // The author's page may have added an inline scenario (or a step) while the scripts came: then
    // the recording cannot stand in after all, and the engine is needed first.
    if (recording !== null && this.#recordedTour() !== tour) {
      recording = null;
      if (!(await loaded(loadEngine()))) return;
    }
    const scenario = recording === null ? await this.#readScenario() : tour === '' ? {} : { key: tour };
    if (stale()) return;
    this.#problems = [];
    // Once a press works the element tells its host of each step; until then, the steps it runs to
    // reach step= are setup, not news. Errors go out at once.
    let live = false;
    const seed = this.#seed();
    this.#dock();
    this.#api = player.mountPlayground(frame, {
      emit: (type, detail) => (live || type === 'error') && this.#emit(type, detail),
      attributes: true,
      seed,
      recorded: recording === null ? null : new recorded.RecordedPlayground(recording),
      preset: this.getAttribute('preset'),
      presetSource: `preset="${this.getAttribute('preset')}"`,
      speed: this.#speedValue(),
      controls: this.#controls(),
      reveal: false,
      styleTarget: this,
      controlsTarget: frame,
    });
    // The tour is read from its recording (the file as the site's build shipped it), not fetched,
    // so the recording is what the engine is later given and checked against.
    if (recording !== null) tours.tourRecorded(recording.tour, recording.scenario);
    this.#attributeProblems = this.#problems;
    for (const message of this.#problems) this.#api.report(message);
    this.#checkTheme();
    if (scenario.error) this.#api.report(scenario.error);
    const asked = scenario.key !== undefined || scenario.text !== undefined;
    if (asked) await this.#api.loadScenario(scenario);
    if (stale()) return;
    // A missing or broken scenario has said so already; step= then adds nothing.
    if (this.hasAttribute('step')) this.#api.openAtStep(this.getAttribute('step'), asked || scenario.error !== undefined);
    live = true;
    // Play is one of the presses a recording answers, so autoplay need not wait for the engine.
    if (this.hasAttribute('autoplay') && this.getAttribute('autoplay') !== 'false') this.#playWhenVisible(generation);
    if (recording !== null) {
      // On the recording the reader can step through the tour now; the rest waits for the engine,
      // asked for only now, so what the reader needs first comes first.
      this.setAttribute('usable', '');
      presses.serve(SERVED_BY_RECORDING);
      // The engine's compile may end in the task that would hand it over: that waits for one of its own.
      if (!(await loaded(loadEngine().then(yieldToPage)))) return;
      if (!(await loaded(Promise.resolve().then(() => this.#api.engineArrived())))) return;
    }
    this.setAttribute('usable', '');
    this.setAttribute('ready', '');
    presses.end({ replay: true });
    this.#emit('ready', this.#api.state);
    this.#resolveReady(this.#api.state);
    for (const call of this.#waiting.splice(0)) call();
    // Next with no scenario starts the first tour: its file comes now, unless its recording brought it.
    tours.prefetchFirstTour();
    this.#api.loadWhenIdle();
  }

  /**
   * The built-in tour whose recording this element opens on: `''` for the first tour's (no
   * scenario: Next starts it), a tour's key (scenario= names one), or null where it needs the
   * engine first: a seed or a preset of its own, an author's scenario, a step of no tour.
   */
  #recordedTour() {
    if (this.hasAttribute('seed') || this.hasAttribute('preset')) return null;
    const named = this.getAttribute('scenario')?.trim();
    if (named) return TOUR_LIST.some((tour) => tour.key === named) ? named : null;
    if (this.querySelector(':scope > script[type="application/json"]') || this.hasAttribute('step')) return null;
    return '';
  }

  /** Resolves when the element comes within NEAR_PX of the viewport, or is called on, whichever is first. */
  #nearViewport() {
    this.#near?.disconnect();
    return new Promise((resolve) => {
      const done = () => {
        this.#near?.disconnect();
        this.#near = null;
        this.#wake = null;
        resolve();
      };
      this.#wake = done;
      this.#near = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && done(), { rootMargin: `${NEAR_PX}px` });
      this.#near.observe(this);
      // Already near as the page stands, on the screen or just below it: go now rather than wait for
      // the observer's first report, which comes only once the page has been laid out and painted.
      // Asked in a task of its own, not in the one that ran this module, as it lays the page out.
      yieldToPage().then(() => this.#wake === done && this.#nearNow() && done());
    });
  }

  /**
   * Whether the element is within NEAR_PX of the viewport now. Not rendered (under display: none, or
   * in a closed <details>, whose content keeps its boxes but is skipped), it is not; the observer
   * then says when it is.
   */
  #nearNow() {
    if (!(this.checkVisibility?.() ?? this.getClientRects().length > 0)) return false;
    const { top, bottom, left, right } = this.getBoundingClientRect();
    return top < innerHeight + NEAR_PX && bottom > -NEAR_PX && left < innerWidth + NEAR_PX && right > -NEAR_PX;
  }

  /** Autoplay starts only once the reader can see the element, not while it waits below the fold. */
  #playWhenVisible(generation) {
    this.#visible?.disconnect();
    this.#visible = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.#visible.disconnect();
      this.#visible = null;
      if (generation === this.#generation) this.#api?.play();
    }, { threshold: 0.25 });
    this.#visible.observe(this);
  }

  /** dock= and compact: classes on the frame; the stylesheet does the rest. */
  #layout() {
    this.#frame.classList.toggle('static-dock', this.#dock() === 'static');
    this.#frame.classList.toggle('compact', this.hasAttribute('compact') && this.getAttribute('compact') !== 'false');
  }

  #dock() {
    const raw = this.getAttribute('dock');
    if (raw === null || DOCKS.includes(raw)) return raw ?? 'sticky';
    this.#problems.push(W.badDock(raw, DOCKS));
    return 'sticky';
  }

  /**
   * Landmarks need names unique on the page: the element's label attribute if the
   * author gave one, else "Session playground" and its place among the page's
   * playgrounds. Its inner landmarks keep their own names first ("Browser",
   * "Server", …) and add the element's in brackets.
   */
  #name() {
    const all = [...document.querySelectorAll('session-playground')];
    const name = this.getAttribute('label') ?? (all.length > 1 ? W.nameNumbered(all.indexOf(this) + 1) : W.name);
    this.#frame.setAttribute('role', 'region');
    this.#frame.setAttribute('aria-label', name);
    this.#frame.querySelector('#stage').dataset.suffix = W.landmark('', name);
    for (const section of this.#frame.querySelectorAll('section[aria-label], nav[aria-label]')) {
      section.dataset.label ??= section.getAttribute('aria-label');
      section.setAttribute('aria-label', W.landmark(section.dataset.label, name));
    }
  }

  #stop() {
    // Any start still waiting for the core or a scenario is now stale.
    this.#generation += 1;
    this.#visible?.disconnect();
    this.#visible = null;
    this.#near?.disconnect();
    this.#near = null;
    this.#wake = null;
    this.#presses?.end({ replay: false });
    this.#presses = null;
    this.#api?.destroy();
    this.#api = null;
    this.#frame?.remove();
    this.#frame = null;
  }

  /** Where the scenario comes from: `{ key }`, `{ text, source }`, `{ error }`, or `{}` for free play. */
  async #readScenario() {
    const value = this.getAttribute('scenario')?.trim();
    if (value) return fetchScenario(value, document.baseURI);
    const inline = this.querySelector(':scope > script[type="application/json"]');
    if (inline) return { text: inline.textContent, source: W.inlineScenarioSource };
    return {};
  }

  #seed() {
    const raw = this.getAttribute('seed');
    if (raw === null) return null;
    // Leading zeros are fine (00000000001 is 1); the value, not the digit count, is bounded.
    if (/^\d+$/.test(raw) && Number(raw) <= 0xffffffff) return Number(raw);
    this.#problems.push(W.badSeed(raw));
    return null;
  }

  #speedValue() {
    const raw = this.getAttribute('speed');
    if (raw === null) return null;
    if (player.SPEEDS.includes(raw)) return raw;
    this.#problems.push(W.badSpeed(raw, player.SPEEDS));
    return '1';
  }

  #controls() {
    const raw = this.getAttribute('controls');
    if (raw === null || CONTROLS.includes(raw)) return raw ?? 'full';
    this.#problems.push(W.badControls(raw, CONTROLS));
    return 'full';
  }

  #checkTheme() {
    const raw = this.getAttribute('theme');
    if (raw !== null && !THEMES.includes(raw)) this.#api.report(W.badTheme(raw, THEMES));
  }

  /**
   * After an attribute changes, the messages about attributes say what is
   * wrong now: a corrected value's message goes, a new mistake's appears.
   */
  #showAttributeProblems() {
    this.#problems = [];
    this.#speedValue();
    this.#controls();
    this.#dock();
    const previous = this.#attributeProblems;
    this.#attributeProblems = this.#problems;
    const box = this.#frame.querySelector('#fatal');
    const shown = [...box.children].map((p) => p.textContent);
    const others = shown.filter((text) => !previous.includes(text) && !text.startsWith('theme="'));
    this.#api.clearReports();
    for (const message of [...others, ...this.#problems]) this.#api.report(message);
    this.#checkTheme();
  }

  #emit(type, detail) {
    if (type === 'error') {
      // Not "error": an "error" event reaching window is taken for a script error by error trackers
      // (window.onerror). The old name still fires on the element itself, for one major version.
      this.dispatchEvent(new CustomEvent('playground-error', { detail, bubbles: true, composed: true }));
      this.dispatchEvent(new CustomEvent('error', { detail }));
      return;
    }
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // The API. Before the playground is ready, each call waits for it (in the order made) and returns
  // a promise of its result; after, it acts at once.

  /** Shows the next step (running the tour's next action at the end of the timeline). */
  next() {
    return this.#whenMounted((api) => perform(api, 'next'));
  }

  /** Shows the previous step. */
  back() {
    return this.#whenMounted((api) => perform(api, 'back'));
  }

  /**
   * In a tour, its step n (run up to it if need be); in free play, step n of the timeline. Takes a
   * number or a string of digits (as a data- attribute gives it). False, with a message, if there is none.
   */
  goTo(n) {
    return this.#whenMounted((api) => perform(api, 'goTo', [n]));
  }

  /**
   * Runs an action in the scenario format, e.g. { action: 'visit', browser: 'laptop', path: '/profile' },
   * after the last step of the timeline (from an earlier step too: the timeline is never rewritten),
   * and shows the action's first step. False, with a message, if it is not one.
   */
  run(action) {
    return this.#whenMounted((api) => perform(api, 'run', [action]));
  }

  /** Plays the steps one after another, as the Play button does. */
  play() {
    return this.#whenMounted((api) => perform(api, 'play'));
  }

  /** Stops playing. */
  pause() {
    return this.#whenMounted((api) => perform(api, 'pause'));
  }

  /** Starts over: the same settings, or the tour from its beginning. */
  reset() {
    return this.#whenMounted((api) => perform(api, 'reset'));
  }

  /** The moment as plain data: position, scenario, settings and the world's state; null before it is mounted. */
  get state() {
    return this.#api?.state ?? null;
  }
}

if (!customElements.get('session-playground')) customElements.define('session-playground', SessionPlaygroundElement);
