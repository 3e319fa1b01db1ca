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
// controls (full | minimal | none), preset, theme (auto | light | dark), seed,
// label (its name for screen readers), dock (sticky | static: whether the
// stepping controls stick to the bottom of the window while the element is in
// view) and compact (a smaller figure, for a column of text). The figure keeps
// one height from step to step, and stepping never scrolls the host page. Events (bubbling, composed): step,
// scenario-end, error, ready. API: next(), back(), goTo(n), run(action),
// play(), pause(), reset(), state.

import init from './pkg/session_playground.js';
import { playgroundMarkup } from './markup.js';
import { mountPlayground, SPEEDS } from './player.js';

const STYLESHEET = new URL('./style.css', import.meta.url).href;
const CONTROLS = ['full', 'minimal', 'none'];
const THEMES = ['auto', 'light', 'dark'];
const DOCKS = ['sticky', 'static'];

// One wasm module for every element on the page; each element makes its own Playground.
let core = null;
const loadCore = () => (core ??= init());

/** A scenario attribute is a tour's name unless it looks like a path or URL. */
const looksLikeUrl = (value) => /[/.:]/.test(value);

class SessionPlaygroundElement extends HTMLElement {
  static observedAttributes = ['scenario', 'step', 'autoplay', 'speed', 'controls', 'preset', 'theme', 'seed', 'label', 'dock', 'compact'];

  #shadow;
  #frame = null;
  #api = null;
  #generation = 0;
  #problems = [];
  #attributeProblems = [];
  #visible = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = STYLESHEET;
    this.#shadow.append(sheet);
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
      // Still starting: it reads every attribute but the scenario once the core is up; a new scenario starts over.
      if (name === 'scenario') this.#start();
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
    this.removeAttribute('ready');
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
    // Removed, or started again, while waiting: a newer start (or nobody) owns the element.
    const stale = () => generation !== this.#generation || !this.isConnected;
    try {
      await loadCore();
    } catch (error) {
      if (stale()) return;
      frame.querySelector('#boot').hidden = true;
      say(`The playground could not start: ${error.message ?? error}. It needs a browser with WebAssembly, and the page's Content-Security-Policy must allow 'wasm-unsafe-eval'.`);
      return;
    }
    if (stale()) return;
    const scenario = await this.#readScenario();
    if (stale()) return;
    this.#problems = [];
    let ready = false;
    const seed = this.#seed();
    this.#dock();
    this.#api = mountPlayground(frame, {
      // Until it is ready, the steps it runs to reach step= are setup, not news: errors still go out.
      emit: (type, detail) => (ready || type === 'error') && this.#emit(type, detail),
      attributes: true,
      seed,
      preset: this.getAttribute('preset'),
      presetSource: `preset="${this.getAttribute('preset')}"`,
      speed: this.#speedValue(),
      controls: this.#controls(),
      reveal: false,
      styleTarget: this,
      controlsTarget: frame,
    });
    this.#attributeProblems = this.#problems;
    for (const message of this.#problems) this.#api.report(message);
    this.#checkTheme();
    if (scenario.error) this.#api.report(scenario.error);
    const asked = scenario.key !== undefined || scenario.text !== undefined;
    if (asked) this.#api.loadScenario(scenario);
    // A missing or broken scenario has said so already; step= then adds nothing.
    if (this.hasAttribute('step')) this.#api.openAtStep(this.getAttribute('step'), asked || scenario.error !== undefined);
    this.setAttribute('ready', '');
    ready = true;
    this.#emit('ready', this.#api.state);
    if (this.hasAttribute('autoplay') && this.getAttribute('autoplay') !== 'false') this.#playWhenVisible(generation);
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
    this.#problems.push(`dock="${raw}" is not one of ${DOCKS.join(', ')}; the controls stick to the bottom of the window.`);
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
    const name = this.getAttribute('label') ?? (all.length > 1 ? `Session playground ${all.indexOf(this) + 1}` : 'Session playground');
    this.#frame.setAttribute('role', 'region');
    this.#frame.setAttribute('aria-label', name);
    this.#frame.querySelector('#stage').dataset.suffix = ` (${name})`;
    for (const section of this.#frame.querySelectorAll('section[aria-label], nav[aria-label]')) {
      section.dataset.label ??= section.getAttribute('aria-label');
      section.setAttribute('aria-label', `${section.dataset.label} (${name})`);
    }
  }

  #stop() {
    // Any start still waiting for the core or a scenario is now stale.
    this.#generation += 1;
    this.#visible?.disconnect();
    this.#visible = null;
    this.#api?.destroy();
    this.#api = null;
    this.#frame?.remove();
    this.#frame = null;
  }

  /** Where the scenario comes from: `{ key }`, `{ text, source }`, `{ error }`, or `{}` for free play. */
  async #readScenario() {
    const value = this.getAttribute('scenario')?.trim();
    if (value) {
      if (!looksLikeUrl(value)) return { key: value };
      let url;
      try {
        url = new URL(value, document.baseURI);
      } catch {
        return { error: `scenario="${value}" is neither a tour's name nor a URL.` };
      }
      try {
        const response = await fetch(url);
        if (!response.ok) return { error: `The scenario at ${url.href} could not be fetched: the server answered ${response.status} ${response.statusText}.` };
        return { text: await response.text(), source: `at ${url.href}` };
      } catch (error) {
        return { error: `The scenario at ${url.href} could not be fetched (${error.message ?? error}). Is the address right, and does that server allow this page to read it?` };
      }
    }
    const inline = this.querySelector(':scope > script[type="application/json"]');
    if (inline) return { text: inline.textContent, source: 'in the element\u2019s <script type="application/json">' };
    return {};
  }

  #seed() {
    const raw = this.getAttribute('seed');
    if (raw === null) return null;
    if (/^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff) return Number(raw);
    this.#problems.push(`seed="${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`);
    return null;
  }

  #speedValue() {
    const raw = this.getAttribute('speed');
    if (raw === null) return null;
    if (SPEEDS.includes(raw)) return raw;
    this.#problems.push(`speed="${raw}" is not one of ${SPEEDS.join(', ')}; playing at normal speed.`);
    return '1';
  }

  #controls() {
    const raw = this.getAttribute('controls');
    if (raw === null || CONTROLS.includes(raw)) return raw ?? 'full';
    this.#problems.push(`controls="${raw}" is not one of ${CONTROLS.join(', ')}; showing them all.`);
    return 'full';
  }

  #checkTheme() {
    const raw = this.getAttribute('theme');
    if (raw !== null && !THEMES.includes(raw)) this.#api.report(`theme="${raw}" is not one of ${THEMES.join(', ')}; following the reader's system setting.`);
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
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Shows the next step (running the tour's next action at the end of the timeline). */
  next() {
    this.#api?.next();
  }

  /** Shows the previous step. */
  back() {
    this.#api?.back();
  }

  /** In a tour, its step n (run up to it if need be); in free play, step n of the timeline. False if there is none. */
  goTo(n) {
    return this.#api?.goTo(n) ?? false;
  }

  /** Runs an action in the scenario format, e.g. { action: 'visit', browser: 'laptop', path: '/profile' }. False if it is not one. */
  run(action) {
    return this.#api?.run(action) ?? false;
  }

  /** Plays the steps one after another, as the Play button does. */
  play() {
    this.#api?.play();
  }

  /** Stops playing. */
  pause() {
    this.#api?.pause();
  }

  /** Starts over: the same settings, or the tour from its beginning. */
  reset() {
    this.#api?.reset();
  }

  /** The moment as plain data: position, scenario, settings and the world's state; null before it is ready. */
  get state() {
    return this.#api?.state ?? null;
  }
}

if (!customElements.get('session-playground')) customElements.define('session-playground', SessionPlaygroundElement);
