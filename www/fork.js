// The fork, "what if tokens?": the timeline on screen and its twin, the same
// actions from the same start against a server that signs tokens instead of
// keeping sessions (or the other way round, for a token tour), side by side
// and stepping together, with the first request where the two answer
// differently marked on both. The core plays both and finds the divergence
// (`Playground.fork()`, src/sim/fork.rs); this module only draws what it
// says. Each side is a figure of its own in a shadow root (the same markup
// and view as the playground's, with its controls hidden), so the two never
// share a node. On a wide playground they stand side by side; on a narrow
// one (a phone) a switch shows one at a time, and the shared dock says what
// both did at the step, and where they part ways.
//
// `mountFork(root, hooks)` adds the fork's panel to the playground in `root`
// and returns `{ open(row), close(), isOpen(), row() }`; the "Fork: what if
// tokens?" button is on-demand.js's, which loads this module at its first
// press (or when a scenario or a shared link opens forked). The hooks are the player's: `playground()` (the core),
// `position()` and `total()` (the moment shown, the moments there are),
// `goToMoment(index)`, `goToTourStep(n)` (runs a tour up to its step n),
// `fatal(message)`, `changed()` (the state moved) and
// `reveal` (whether it may scroll the page to show the fork).

import { playgroundMarkup } from './markup.js';
import { createView } from './view.js';
import { buildClusterPanel } from './cluster.js';
import { fold } from './timeline.js';
import { PART_WORDS } from './text/index.js';

// Its words come with it (a file of their own, fetched beside this module).
const W = await PART_WORDS.fork.ready;

/** Each side's figure is styled as the playground's, and by the fork's own rules. */
const STYLESHEETS = [new URL('./style.css', import.meta.url).href, new URL('./fork.css', import.meta.url).href];

/** The two sides, left to right: the core's keys and the page's names for them. */
const SIDES = [
  { key: 'session', name: W.sessions, tagline: W.sessionsTagline },
  { key: 'token', name: W.tokens, tagline: W.tokensTagline },
];

const PANEL = `
<div class="fork-head">
  <h2 id="fork-title">${W.forkTitle}</h2>
  <div class="switch fork-switch" role="group" aria-label="${W.showTimelineLabel}">
    <button type="button" id="fork-show-session" aria-pressed="true">${W.sessions}</button>
    <button type="button" id="fork-show-token" aria-pressed="false">${W.tokens}</button>
  </div>
</div>
<div class="fork-sides" id="fork-sides">
  <section class="fork-side" id="fork-side-session" aria-labelledby="fork-label-session">
    <h3 class="fork-label" id="fork-label-session"><span class="fork-name">${W.sessions}</span> <span class="muted fork-tagline"></span> <span class="fork-badge" hidden></span></h3>
    <div class="fork-host"></div>
  </section>
  <section class="fork-side" id="fork-side-token" aria-labelledby="fork-label-token">
    <h3 class="fork-label" id="fork-label-token"><span class="fork-name">${W.tokens}</span> <span class="muted fork-tagline"></span> <span class="fork-badge" hidden></span></h3>
    <div class="fork-host"></div>
  </section>
</div>
<div class="fork-dock">
  <div class="buttons step-buttons" role="group" aria-label="${W.bothTimelinesLabel}">
    <button type="button" id="fork-first" title="${W.forkFirstTitle}"><span aria-hidden="true">|◀</span><span class="visually-hidden">${W.firstStepOfBoth}</span></button>
    <button type="button" id="fork-back" title="${W.forkBackTitle}"><span aria-hidden="true">◀</span><span class="visually-hidden">${W.stepBackBoth}</span></button>
    <button type="button" id="fork-next" class="primary">${W.forkNext}</button>
    <button type="button" id="fork-last" title="${W.forkLastTitle}"><span aria-hidden="true">▶|</span><span class="visually-hidden">${W.lastStepOfBoth}</span></button>
    <span id="fork-counter" class="counter"></span>
    <button type="button" id="fork-leave">${W.forkLeave}</button>
  </div>
  <p id="fork-divergence" class="fork-divergence" tabindex="0"><strong id="fork-summary"></strong> <span id="fork-reason"></span></p>
  <p id="fork-announce" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>
</div>
`;

let panelTemplate = null;

/** A fresh copy of the fork's panel (a fixed string of this module: no input goes through it). */
function panelMarkup() {
  if (panelTemplate === null) {
    panelTemplate = document.createElement('template');
    panelTemplate.innerHTML = PANEL;
  }
  return panelTemplate.content.cloneNode(true);
}

/** One side's figure: a shadow root holding the playground's markup and its own view. */
function mountSide(host, side) {
  const shadow = host.attachShadow({ mode: 'open' });
  const sheets = STYLESHEETS.map((href) => Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
  const frame = document.createElement('div');
  frame.className = 'playground fork-frame';
  frame.append(playgroundMarkup());
  // Settles once the side's stylesheets have loaded (or failed to): only then is the figure its size.
  const styled = Promise.all(
    sheets.map(
      (sheet) =>
        new Promise((resolve) => {
          sheet.addEventListener('load', resolve, { once: true });
          sheet.addEventListener('error', resolve, { once: true });
        }),
    ),
  );
  shadow.append(...sheets, frame);
  // Each part of the figure is a landmark; on the fork's two figures each is named for its side.
  const named = [...frame.querySelectorAll('[aria-label]')];
  const nameParts = () => {
    for (const node of named) {
      const label = node.getAttribute('aria-label');
      if (!label.startsWith(`${side.name}: `)) node.setAttribute('aria-label', `${side.name}: ${label}`);
    }
  };
  // Scaling out, each side draws its load balancer and servers as the playground does.
  buildClusterPanel(shadow);
  nameParts();
  return { ...side, view: createView(shadow), nameParts, shown: 'laptop', frame, styled };
}

export function mountFork(root, hooks) {
  const $ = (id) => root.querySelector(`#${id}`);
  const figure = $('figure');

  // The button is in the static markup (markup.js), so the stepper's row has
  // its final width before the engine arrives; on-demand.js enables it and
  // opens the fork from it. Leaving the fork gives it the focus back.
  const button = $('fork-open');

  const panel = document.createElement('section');
  panel.className = 'fork';
  panel.id = 'fork';
  panel.hidden = true;
  panel.setAttribute('aria-labelledby', 'fork-title');
  panel.append(panelMarkup());
  figure.append(panel);

  for (const side of SIDES) $(`fork-side-${side.key}`).querySelector('.fork-tagline').textContent = side.tagline;
  /** The two figures, built when the fork opens and removed when it closes (a closed fork leaves no second copy of any part). */
  let sides = [];
  function buildSides() {
    sides = SIDES.map((side) => {
      const section = $(`fork-side-${side.key}`);
      const host = document.createElement('div');
      host.className = 'fork-host';
      section.querySelector('.fork-host').replaceWith(host);
      return { ...mountSide(host, side), section, badge: section.querySelector('.fork-badge') };
    });
  }
  function removeSides() {
    for (const side of sides) side.section.querySelector('.fork-host').replaceChildren();
    for (const side of SIDES) {
      const section = $(`fork-side-${side.key}`);
      const empty = document.createElement('div');
      empty.className = 'fork-host';
      section.querySelector('.fork-host').replaceWith(empty);
    }
    sides = [];
  }

  /** The fork on screen: the core's rows and divergence, and the row shown; null when closed. */
  let fork = null;
  /** Folded moments already fetched, by side and first step. */
  const folded = new Map();

  const isOpen = () => fork !== null;

  /** The moment a side shows at row `r`: its own, or (when it has no more in this action) the last it had. */
  function momentAt(key, r) {
    for (let i = r; i >= 0; i -= 1) {
      const moment = fork.rows[i][key];
      if (moment) return moment;
    }
    return null;
  }

  function foldedMoment(key, moment) {
    const id = `${key}:${moment.first}`;
    if (!folded.has(id)) {
      const steps = [];
      for (let i = moment.first; i < moment.first + moment.size; i += 1) steps.push(hooks.playground().forkStepAt(key, i));
      folded.set(id, fold(steps));
    }
    return folded.get(id);
  }

  /** The row where the divergence is marked, or -1. */
  const divergentRow = () => fork.rows.findIndex((row) => row.diverges);

  function render() {
    const r = fork.pos;
    const row = fork.rows[r];
    const label = fork.labels[row.action] ?? '';
    const marked = divergentRow();
    const said = [];
    for (const side of sides) {
      const moment = momentAt(side.key, r);
      if (moment === null) continue;
      const step = foldedMoment(side.key, moment);
      if (step.browser) side.shown = step.browser;
      side.view.renderStep(step, { index: r, total: fork.rows.length, label }, side.shown, { showTimes: step.state.now.ms > 0 });
      side.nameParts();
      const holding = row[side.key] === null;
      side.section.classList.toggle('holding', holding);
      said.push(W.sideSays(side.name, holding ? W.nothingMoreHere : step.narration));
      // The mark: on the step where they part ways, and a reminder after it.
      side.badge.hidden = marked === -1 || r < marked;
      side.badge.classList.toggle('now', r === marked);
      side.badge.textContent = r === marked ? W.partWaysHere : W.partedAt(marked + 1);
    }
    panel.classList.toggle('diverging', r === marked);
    $('fork-counter').textContent = W.counter(r + 1, fork.rows.length, label);
    const d = fork.divergence;
    $('fork-divergence').classList.toggle('now', r === marked);
    const [summary, reason] = [$('fork-summary'), $('fork-reason')];
    summary.textContent = '';
    if (d === null) reason.textContent = W.neverPartWays;
    else if (r < marked) reason.textContent = W.partWaysAt(marked + 1, d.label);
    else {
      summary.textContent = r === marked ? d.summary : W.atStep(marked + 1, d.summary);
      reason.textContent = d.reason;
    }
    for (const side of sides) {
      const pressed = $(`fork-show-${side.key}`);
      pressed.textContent = r === marked ? W.differs(side.name) : side.name;
    }
    $('fork-first').disabled = r === 0;
    $('fork-back').disabled = r === 0;
    $('fork-last').disabled = r === fork.rows.length - 1;
    $('fork-next').setAttribute('aria-disabled', String(r === fork.rows.length - 1));
    let spoken = W.spoken(r + 1, fork.rows.length, label, said);
    if (r === marked) spoken += W.spokenPartWays(d.reason);
    $('fork-announce').textContent = spoken;
    hooks.changed();
  }

  function moveTo(r) {
    if (fork === null) return;
    fork.pos = Math.max(0, Math.min(fork.rows.length - 1, r));
    render();
  }

  /** The row that shows the main timeline's moment `index` (its side's moments are the main timeline's). */
  function rowOfMoment(index) {
    let seen = -1;
    for (let r = 0; r < fork.rows.length; r += 1) {
      if (fork.rows[r][fork.original]) seen += 1;
      if (seen === index) return r;
    }
    return Math.max(0, fork.rows.length - 1);
  }

  /** The main timeline's moment that row `r` shows on its own side. */
  function momentOfRow(r) {
    let seen = -1;
    for (let i = 0; i <= r; i += 1) if (fork.rows[i][fork.original]) seen += 1;
    return seen;
  }

  /** Opens the fork at row `at`, or at the step the main timeline shows. False (and a message) if there is nothing to fork. */
  function open(at = null) {
    let info;
    try {
      info = hooks.playground().fork();
    } catch (error) {
      hooks.fatal(W.couldNotFork(error.message ?? error));
      return false;
    }
    if (info.rows.length === 0) {
      hooks.playground().unfork();
      hooks.fatal(W.nothingToFork);
      return false;
    }
    folded.clear();
    if (fork === null) buildSides();
    fork = { ...info, pos: 0 };
    const here = at ?? rowOfMoment(Math.max(0, hooks.position()));
    fork.pos = Math.max(0, Math.min(info.rows.length - 1, here));
    figure.classList.add('forked');
    panel.hidden = false;
    showSide('session');
    render();
    // On the page (never in someone's article) the two figures and their stepper come on screen whole, once styled.
    const current = fork;
    Promise.all(sides.map((side) => side.styled)).then(() => {
      if (fork !== current) return;
      panel.dataset.styled = 'true';
      // Styled, the parts have their places: the packet and the drawn lookup find them.
      redraw();
      if (hooks.reveal) panel.scrollIntoView({ block: 'end' });
    });
    return true;
  }

  /** Leaves the fork for the single timeline, at the same step (with `stay`, where it is: it is starting over). */
  function close({ stay = false } = {}) {
    if (fork === null) return;
    const r = fork.pos;
    const action = fork.rows[r].action;
    const moment = momentOfRow(r);
    fork = null;
    folded.clear();
    hooks.playground().unfork();
    panel.hidden = true;
    delete panel.dataset.styled;
    removeSides();
    figure.classList.remove('forked');
    if (stay) return;
    // A tour forked ahead of where it was runs on to the same step.
    if (moment >= hooks.total() && hooks.tourRan() !== null && action >= hooks.tourRan()) hooks.goToTourStep(action + 1);
    if (hooks.total() > 0) hooks.goToMoment(Math.min(Math.max(0, moment), hooks.total() - 1));
    hooks.changed();
  }

  /** On a narrow playground one side shows at a time. */
  function showSide(key) {
    for (const side of sides) {
      $(`fork-show-${side.key}`).setAttribute('aria-pressed', String(side.key === key));
      side.section.classList.toggle('chosen', side.key === key);
    }
    redraw();
  }

  /**
   * Draws both figures again where they stand: the packet and the drawn
   * lookup are placed from the parts' positions, which a side hidden behind
   * the switch did not have, and a new width changes.
   */
  function redraw() {
    // A playground taken off the page (its core freed) has nothing to draw.
    if (fork === null || !panel.isConnected) return;
    for (const side of sides) {
      const moment = momentAt(side.key, fork.pos);
      if (moment === null) continue;
      const step = foldedMoment(side.key, moment);
      side.view.renderStep(step, { index: fork.pos, total: fork.rows.length, label: fork.labels[fork.rows[fork.pos].action] ?? '' }, side.shown, { showTimes: step.state.now.ms > 0 });
      side.nameParts();
    }
  }
  const resized = new ResizeObserver(() => redraw());
  resized.observe(panel);

  $('fork-leave').addEventListener('click', () => {
    close();
    button.focus();
  });
  $('fork-next').addEventListener('click', () => fork && moveTo(fork.pos + 1));
  $('fork-back').addEventListener('click', () => fork && moveTo(fork.pos - 1));
  $('fork-first').addEventListener('click', () => moveTo(0));
  $('fork-last').addEventListener('click', () => fork && moveTo(fork.rows.length - 1));
  for (const side of SIDES) $(`fork-show-${side.key}`).addEventListener('click', () => showSide(side.key));
  // The fork's keys are its own: the single timeline behind it must not move.
  panel.addEventListener('keydown', (event) => {
    if (fork === null || event.target.closest('input, select, textarea')) return;
    const moves = { ArrowRight: () => fork.pos + 1, ArrowLeft: () => fork.pos - 1, Home: () => 0, End: () => fork.rows.length - 1 };
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
      button.focus();
    } else if (moves[event.key]) {
      event.preventDefault();
      moveTo(moves[event.key]());
    }
    if (moves[event.key] || event.key === ' ') event.stopPropagation();
  });

  return { open, close, isOpen, row: () => (fork === null ? null : fork.pos) };
}
