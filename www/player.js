// One playground: the timeline of every step shown so far, the position in
// it, the play timer and speed, the loaded tour or scenario and the reader's
// answers, which browser is shown; and the wiring of its controls and keys.
// A click on an action asks the core to run it and gets back a trace; its
// steps join the timeline as moments, which the reader walks forward and back
// (buttons, scrubber, keyboard, or Play). One Next press is one moment: the
// core marks the step that starts each (`startsMoment`); within a moment the
// page animates its steps (the ticket leaving the jar, riding the wire,
// arriving). In a guided tour, stepping past the end runs
// the tour's next action, after the reader has had the chance to answer its
// question. Protocol decisions all happen in the core; this file only keeps
// the timeline and wires the controls.
//
// `mountPlayground(root, options)` works on any root that holds the markup of
// markup.js: the page's document or an element's shadow root. Everything is
// looked up within that root, so several playgrounds share a page safely.

import { Playground } from './core.js';
import { createView } from './view.js';
import { clusterSettings, setupCluster } from './cluster.js';
import { closestName } from './embedding.js';
import { watchPrint } from './print.js';

const PLAY_INTERVAL_MS = 2600;
/** How long one step inside a moment is shown before the next, at 1× (as --step-ms in style.css). */
const STEP_MS = 650;
const ACTOR_NAMES = { network: 'the network', server: 'the server', store: 'the session store', clock: 'the clock', balancer: 'the load balancer' };
/** The tour a first-time reader is offered: Next on the empty stage starts it. */
const FIRST_TOUR = 'coat-check';
/** A long shared link replays in chunks of about this many milliseconds, so the tab never freezes. */
const REPLAY_CHUNK_MS = 40;
const BROWSER_LABELS = { laptop: "Alice's laptop", phone: "Alice's phone", mallory: "Mallory's laptop" };
/**
 * The empty stage's narration. It names only the controls that are shown:
 * `full` has Next and Log in, `minimal` only the stepper, and with `none`
 * the host page drives (its own buttons, whatever they are called).
 */
const IDLE_TEXT = {
  full: 'Press Next to start the coat check, a guided tour in a few steps; or press Log in to play freely.',
  minimal: 'Press Next to start the coat check, a guided tour in a few steps.',
  none: '',
};
const EMPTY_STAGE = 'No browser has visited app.example yet: every cookie jar is empty and the store holds no sessions.';
/** The tour's last card: going back is the stepper's (full and minimal), another tour or free play only where the toolbar and the login form show. */
const TOUR_END = {
  full: 'That is the end of this tour. Go back through it with ◀, pick another tour, or carry on in free play.',
  minimal: 'That is the end of this tour. Go back through it with ◀.',
  none: 'That is the end of this tour.',
};
/** A loaded tour's first card ends by pointing at the button that starts it, where there is one. */
const TOUR_BEGIN = { full: ' Press Next tour step to begin.', minimal: ' Press Next tour step to begin.', none: '' };

/**
 * Whether a step starts a new moment. The rule is the core's (`startsMoment`
 * on every step); the page never works it out itself.
 */
const startsMoment = (step, index) => index === 0 || step.startsMoment === true;

/** Splits a trace's steps into moments: each a list of consecutive steps. */
function moments(steps) {
  const out = [];
  steps.forEach((step, i) => {
    if (startsMoment(step, i)) out.push([]);
    out[out.length - 1].push(step);
  });
  return out;
}

/**
 * A moment's steps folded into one step the view can draw: the state and kind
 * of its last step, its narrations in order, every actor in it, the last
 * message and store operation in it, and the ticket the server holds while it
 * works (read from the Cookie header, or looked up).
 */
function fold(steps) {
  const last = steps[steps.length - 1];
  const latest = (pick) => steps.reduce((found, step) => pick(step) ?? found, null);
  const storeOp = latest((s) => s.storeOp);
  const answered = steps.some((s) => s.kind.type === 'responseSent' || s.kind.type === 'responseReceived');
  const read = latest((s) => (s.kind.type === 'cookieRead' ? s.kind.id : null)) ?? (storeOp?.kind === 'lookup' ? storeOp.id : null);
  return {
    ...last,
    narration: steps.map((s) => s.narration).join(' '),
    actors: [...new Set(steps.map((s) => s.actor))],
    actor: steps.find((s) => s.actor !== 'network')?.actor ?? last.actor,
    browser: latest((s) => s.browser),
    message: latest((s) => s.message),
    storeOp,
    heldId: answered ? null : read,
    overheard: latest((s) => (s.kind.type === 'eavesdropped' ? s.kind : null)),
    // What the jar decided in this moment: which cookies went with the request, what it did with each Set-Cookie.
    sendDecisions: latest((s) => (s.kind.type === 'requestBuilt' ? s.kind.cookieDecisions : null)) ?? [],
    jarChanges: latest((s) => (s.kind.type === 'responseReceived' ? s.kind.jarChanges : null)) ?? [],
  };
}

/** The world as a moment left it. The one place the player reads a step's state. */
const stateOf = (entry) => entry.step.state;

/** Preferences are the only thing the page stores. */
const prefs = {
  get(key, fallback) {
    try {
      return localStorage.getItem(`session-playground.${key}`) ?? fallback;
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(`session-playground.${key}`, value);
    } catch {
      // Storage can be unavailable (private modes, sandboxed frames); preferences just won't stick.
    }
  },
};

/** A value as a call's argument is written: NaN, Infinity, 10n, "3", undefined, a Symbol. */
function quoteValue(value) {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return 'an object';
  }
}

/**
 * Puts a playground to work in `root`, which already holds the markup.
 * Options: `emit(type, detail)` for events; `seed`, `preset`, `speed`,
 * `controls`; `reveal` (the page may scroll the figure into view when a tour
 * starts; never in someone's article); `styleTarget` (where `--speed`
 * goes); `controlsTarget` (where the controls class goes).
 */
export function mountPlayground(root, options) {
  const $ = (id) => root.querySelector(`#${id}`);
  const { linkTicket, renderIdle, renderInspector, renderSettings, renderStep } = createView(root);
  const emit = options.emit ?? (() => {});

  const player = {
    playground: null,
    presets: [],
    defaults: { preset: 'generic' },
    /** The settings (scenario format) the world was last configured with: a shared link starts from them. */
    startSettings: { preset: 'generic' },
    /** Every moment shown so far, as Moment objects: { at, size, to, label, tourStep, action, last, steps, step }. */
    timeline: [],
    /** How many of a shared link's refused IDs the reader has been told of. */
    refusalsReported: 0,
    /** True while a shared link's actions replay (between chunks, clicks wait). */
    replaying: false,
    pos: -1,
    timer: null,
    /** The timer that shows a moment's steps one after another. */
    animation: null,
    speed: 1,
    shown: 'laptop',
    /** The position whose tour card shows its own step rather than the one to come (see holdCard). */
    heldCard: null,
    inspect: 'raw',
    /** The loaded tour or scenario: { key, info, ran, ended } or null in free play. */
    tour: null,
    /** Which controls show: full, minimal or none (messages only point at what is there). */
    controls: 'full',
    /**
     * What it takes to rebuild this moment: the settings the world started
     * from, the tour (and how many of its steps ran), then the free-play
     * actions, in order. A shared link carries exactly this.
     */
    log: { settings: null, tour: null, ran: 0, actions: [] },
  };

  function fatal(message) {
    const box = $('fatal');
    // Several problems at once (a bad seed and a bad tour, say) are all kept.
    if (box.hidden) box.replaceChildren();
    box.append(Object.assign(document.createElement('p'), { textContent: message }));
    box.hidden = false;
    if (options.reveal) box.scrollIntoView({ block: 'nearest' });
    emit('error', { message });
  }

  function clearFatal() {
    $('fatal').hidden = true;
  }

  const atEnd = () => player.pos === player.timeline.length - 1;
  const tourLeft = () => player.tour !== null && player.tour.ran < player.tour.info.steps.length;
  /** Whether the tour card shows the step shown, held there (see holdCard). */
  const held = () => player.tour !== null && player.heldCard === player.pos;
  const canForward = () => !atEnd() || tourLeft() || (held() && atEnd());
  const upcoming = () => (tourLeft() && atEnd() ? player.tour.info.steps[player.tour.ran] : null);
  const cookieName = () => player.playground.cookieName;

  /** Timeouts show on the coats once they matter: in a tour about them, or once time has passed. */
  function showTimes(state) {
    return (player.tour?.key ?? '').includes('timeout') || state.now.ms > 0;
  }

  function draw(step) {
    const position = { index: player.pos, total: player.timeline.length, label: player.timeline[player.pos].label };
    renderStep(step, position, player.shown, cookieName(), { showTimes: showTimes(step.state) });
    renderInspector(step, player.inspect, cookieName());
    fitNarration();
  }

  function stopAnimation() {
    clearTimeout(player.animation);
    player.animation = null;
  }

  /**
   * Shows the moment at `player.pos`. Moving forward one moment, it plays
   * the moment's steps one after another (the message moves with each);
   * with reduced motion, or jumping, it shows the moment as it ends.
   */
  function show(animate = false) {
    stopAnimation();
    const entry = player.timeline[player.pos];
    if (entry.step.browser && entry.step.browser !== player.shown) {
      player.shown = entry.step.browser;
      updateCopyTargets();
    }
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (animate && !still && entry.steps.length > 1) {
      let shown = 1;
      const playOn = () => {
        draw(shown === entry.steps.length ? entry.step : fold(entry.steps.slice(0, shown)));
        if (shown < entry.steps.length) {
          shown += 1;
          player.animation = setTimeout(playOn, STEP_MS / player.speed);
        } else {
          player.animation = null;
        }
      };
      playOn();
    } else {
      draw(entry.step);
    }
    renderTour();
    updateControls();
    announce(entry);
  }

  /** The narration box shows a few lines; More opens the rest. */
  function fitNarration() {
    const box = $('narration-box');
    box.classList.remove('expanded');
    $('narration-more').setAttribute('aria-expanded', 'false');
    $('narration-more').textContent = 'More';
    const text = $('narration');
    $('narration-more').hidden = text.scrollHeight <= text.clientHeight + 2;
  }

  /** Who acts in a moment, as a listener hears it: "Alice's laptop and the network". */
  function whoActs(entry) {
    const names = (entry.step.actors ?? [entry.step.actor]).map((actor) => {
      if (actor !== 'browser') return ACTOR_NAMES[actor] ?? actor;
      return stateOf(entry).browsers.find((b) => b.key === entry.step.browser)?.label ?? 'the browser';
    });
    const text = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** One announcement per moment: where, who, what; then the tour card. */
  function speak(entry) {
    const parts = [`Step ${player.pos + 1} of ${player.timeline.length}, ${whoActs(entry)}: ${entry.step.narration}`];
    if (player.tour !== null) {
      for (const id of ['tour-step-title', 'tour-verdict', 'tour-say', 'tour-question']) {
        const node = $(id);
        if (!node.hidden && !node.closest('[hidden]') && node.textContent) parts.push(node.textContent);
      }
    }
    // Each part ends as a sentence does, so a title runs into nothing.
    $('announce').textContent = parts.map((part) => (/[.!?:)”"]$/.test(part) ? part : `${part}.`)).join(' ');
  }

  /** Tells the reader and the host page where the reader is: the live region, a `step` event, and `scenario-end` once a tour is done. */
  function announce(entry) {
    speak(entry);
    const tour = player.tour;
    emit('step', {
      position: player.pos + 1,
      total: player.timeline.length,
      label: entry.label,
      actor: entry.step.actor,
      kind: entry.step.kind.type,
      steps: entry.steps.length,
      narration: entry.step.narration,
      scenario: tour === null ? null : { title: tour.info.title, step: entry.tourStep ? entry.tourStep.index + 1 : null, steps: tour.info.steps.length },
    });
    if (tour !== null && !tour.ended && !tourLeft() && atEnd()) {
      tour.ended = true;
      emit('scenario-end', { key: tour.key, title: tour.info.title, steps: tour.info.steps.length, answers: answers() });
    }
  }

  /** The reader's answers to the tour's questions so far. */
  function answers() {
    return player.timeline
      .filter((e) => e.last && e.tourStep && e.tourStep.choices.length > 0)
      .map((e) => ({ step: e.tourStep.index + 1, guess: e.tourStep.guess, correct: e.tourStep.correctChoice }));
  }

  /** On the empty stage in free play, Next starts the first tour: one obvious way in. */
  const offersFirstTour = () => player.tour === null && player.timeline.length === 0 && player.controls !== 'none';

  function updateControls() {
    const empty = player.timeline.length === 0;
    // Next and Play keep focus at the end of the timeline: aria-disabled, not disabled.
    $('next').setAttribute('aria-disabled', String(!canForward() && !offersFirstTour()));
    $('next').classList.toggle('waiting', canForward() || offersFirstTour());
    $('next').textContent = offersFirstTour() ? 'Next: start the coat check' : atEnd() && tourLeft() ? 'Next tour step' : 'Next step';
    options.controlsTarget.classList.toggle('touring', player.tour !== null);
    $('back').disabled = player.pos <= 0;
    $('first').disabled = player.pos <= 0;
    $('last').disabled = empty || atEnd();
    $('play').setAttribute('aria-disabled', String(!canForward() && player.timer === null));
    $('play').setAttribute('aria-pressed', String(player.timer !== null));
    $('play').textContent = player.timer !== null ? 'Pause' : 'Play';
    const scrubber = $('scrubber');
    scrubber.disabled = player.timeline.length < 2;
    $('scrub').classList.toggle('empty-timeline', empty);
    scrubber.max = String(Math.max(1, player.timeline.length));
    scrubber.value = String(Math.max(1, player.pos + 1));
    scrubber.setAttribute('aria-valuetext', empty ? 'No steps yet' : `Step ${player.pos + 1} of ${player.timeline.length}`);
    $('revoke-user-name').textContent = $('username').value || 'alice';
  }

  function goTo(pos, animate = false) {
    if (player.timeline.length === 0) return;
    player.pos = Math.max(0, Math.min(pos, player.timeline.length - 1));
    show(animate);
  }

  function next() {
    if (offersFirstTour()) {
      startFirstTour();
      return;
    }
    if (!atEnd()) goTo(player.pos + 1, true);
    else if (held() && (!tourLeft() || upcoming().ask)) {
      // A held card lets go: the coming step's question shows before it runs, or the tour's end.
      player.heldCard = null;
      renderTour();
      updateControls();
      speak(player.timeline[player.pos]);
    } else if (tourLeft()) {
      if (player.timeline.length === 0) revealFigure();
      runTourStep(null);
    }
    // Play stops where there is nothing left, or where the reader should answer first.
    if (!canForward() || (upcoming()?.ask && player.timer !== null)) stop();
  }

  function back() {
    stop();
    if (player.pos > 0) goTo(player.pos - 1);
  }

  /** Loads the coat-check tour and shows its first moment. */
  function startFirstTour() {
    $('tour').value = FIRST_TOUR;
    chooseTour(FIRST_TOUR);
    if (player.tour !== null) runTourStep(null);
  }

  function stop() {
    clearInterval(player.timer);
    player.timer = null;
    updateControls();
  }

  function togglePlay() {
    if (player.timer !== null) {
      stop();
      return;
    }
    if (!canForward()) return;
    player.timer = setInterval(next, PLAY_INTERVAL_MS / player.speed);
    updateControls();
    next();
  }

  function setSpeed(value, remember = false) {
    player.speed = Number(value);
    options.styleTarget.style.setProperty('--speed', String(player.speed));
    if (remember) prefs.set('speed', String(player.speed));
    if (player.timer !== null) {
      clearInterval(player.timer);
      player.timer = setInterval(next, PLAY_INTERVAL_MS / player.speed);
    }
  }

  /**
   * The core's steps the shown moment needs, asked of the core when read
   * (`stepAt`: the core keeps the timeline and rebuilds older steps), the
   * last few kept. The page holds no copy of a store or jar it is not showing.
   */
  const fetched = new Map();
  const FETCHED_MAX = 48;
  function keep(at, step) {
    fetched.set(at, step);
    if (fetched.size > FETCHED_MAX) fetched.delete(fetched.keys().next().value);
  }
  function coreStep(at) {
    if (!fetched.has(at)) keep(at, player.playground.stepAt(at));
    return fetched.get(at);
  }
  /** The last moment folded, and its fold: `entry.step` is read many times while it is shown. */
  let folded = { entry: null, step: null };

  /**
   * One moment of the timeline: `size` of the core's steps from `at`, `to`
   * the index of its last step in its action's trace (a verdict names the step
   * that decides it). Its steps, and their fold, come from the core when read.
   */
  class Moment {
    constructor(at, size, to, label, tourStep, action, last) {
      Object.assign(this, { at, size, to, label, tourStep, action, last });
    }

    get steps() {
      return Array.from({ length: this.size }, (_, i) => coreStep(this.at + i));
    }

    get step() {
      if (folded.entry !== this) folded = { entry: this, step: fold(this.steps) };
      return folded.step;
    }
  }

  /**
   * Adds an action's moments to the timeline (`sizes`: each one's number of
   * steps, from the core's step `first`) and shows the first, unless `quiet`.
   * `action` numbers a free-play action (1, 2, …) so a shared scenario can open at it.
   */
  function append(first, sizes, label, tourStep, action = null, quiet = false) {
    const start = player.timeline.length;
    let at = first;
    sizes.forEach((size, i) => {
      player.timeline.push(new Moment(at, size, at - first + size - 1, label, tourStep, action, i === sizes.length - 1));
      at += size;
    });
    if (quiet) return;
    player.pos = start;
    show(true);
  }

  /** Adds the trace of an action just run, whose steps end the core's timeline; they are kept at hand, to be shown next. */
  function appendTrace(steps, label, tourStep, action = null) {
    const first = player.playground.stepCount - steps.length;
    steps.forEach((step, i) => keep(first + i, step));
    append(first, moments(steps).map((part) => part.length), label, tourStep, action);
  }

  /**
   * Opened at a tour step (step="N", goTo(N)), the card shows that step's own
   * title and sentence, even when the step is a single moment and so the
   * timeline's last, where the card would otherwise already show the step to
   * come. The next Next press lets go: it shows the coming step's question
   * first, if it has one, else runs that step.
   */
  function holdCard() {
    player.heldCard = player.pos;
    renderTour();
    if (player.pos >= 0) speak(player.timeline[player.pos]);
  }

  /** The tour box: the current tour step, its verdict, and what comes next. */
  function renderTour() {
    const box = $('tour-box');
    if (player.tour === null) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const { info } = player.tour;
    const entry = player.timeline[player.pos];
    const coming = held() ? null : upcoming();
    const current = entry?.tourStep ?? null;
    $('tour-name').textContent = info.title;
    const finished = !held() && atEnd() && !tourLeft() && player.timeline.length > 0;
    let position;
    if (coming) position = `Tour step ${player.tour.ran + 1} of ${info.steps.length}, next:`;
    else if (finished) position = 'Tour finished:';
    else if (current) position = `Tour step ${current.index + 1} of ${info.steps.length}:`;
    else position = '';
    $('tour-position').textContent = position;
    const verdict = $('tour-verdict');
    verdict.hidden = true;
    // The verdict shows from the moment that decides it (the core names that step), with the reason.
    const decided = current?.verdict ? entry.to >= current.verdict.decidedAt : entry?.last;
    if (current && decided && current.choices.length > 0) {
      const right = current.choices[current.correctChoice]?.label ?? '';
      const why = current.verdict?.reason ? ` ${current.verdict.reason}` : '';
      verdict.hidden = false;
      if (current.guess === null) verdict.textContent = `The answer: “${right}”.${why}`;
      else if (current.guess === current.correctChoice) verdict.textContent = `You answered “${current.choices[current.guess].label}”: right.${why}`;
      else verdict.textContent = `You answered “${current.choices[current.guess].label}”; the answer is “${right}”.${why}`;
      verdict.className = `verdict ${current.guess === null ? '' : current.guess === current.correctChoice ? 'right' : 'wrong'}`;
    }
    const end = TOUR_END[player.controls];
    const say = coming ? coming.say ?? `Next: ${coming.action}.` : finished ? end : current ? current.say ?? current.label : '';
    $('tour-say').textContent = say;
    // A tour step may have a title of its own; the card shows it when it does.
    const titled = coming ?? (finished ? null : current);
    $('tour-step-title').hidden = !titled?.title;
    $('tour-step-title').textContent = titled?.title ?? '';
    const ask = $('tour-ask');
    ask.hidden = !coming?.ask;
    const choices = $('tour-choices');
    choices.replaceChildren();
    if (coming?.ask) {
      $('tour-question').textContent = `Think first: ${coming.ask}`;
      coming.choices.forEach((choice, i) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = choice.label;
        button.addEventListener('click', () => runTourStep(i));
        choices.append(button);
      });
    }
  }

  /** Runs the tour's next action; false when it could not (and the page says why). */
  function runTourStep(guess) {
    let ran;
    try {
      ran = player.playground.nextScenarioStep();
    } catch (error) {
      fatal(`The tour could not go on: ${error.message ?? error}`);
      return false;
    }
    if (ran === null) return false;
    player.tour.ran = ran.index + 1;
    player.log.ran = player.tour.ran;
    const tourStep = { index: ran.index, title: ran.title ?? player.tour.info.steps[ran.index]?.title ?? null, say: ran.say, ask: ran.ask, choices: ran.choices, correctChoice: ran.correctChoice, verdict: ran.verdict ?? null, guess, label: ran.action };
    appendTrace(ran.trace.steps, ran.action, tourStep);
    // A tour may switch a defence on: the settings panel follows.
    showSettings(player.playground.settings);
    showIdSource();
    return true;
  }

  /** The page's note of where IDs come from, if this root has one. */
  function showIdSource() {
    const node = $('id-source');
    if (node) node.textContent = player.playground.idSource;
  }

  /** Runs a free-play action (in the scenario format) in the core and shows its first step. */
  function perform(label, action) {
    if (player.replaying) {
      fatal('The shared link is still replaying: try again in a moment.');
      return false;
    }
    clearFatal();
    // The drawer an action came from closes: the figure is what to watch now.
    for (const drawer of root.querySelectorAll('.tools-drawer[open]')) drawer.open = false;
    tourLeftNote('');
    if (player.tour !== null) {
      // Saying so matters: the tour box vanishes and Next no longer runs tour steps.
      const { info, ran } = player.tour;
      const where = !tourLeft() ? 'after its last step' : ran === 0 ? 'before its first step' : `after step ${ran} of ${info.steps.length}`;
      leaveTour();
      // Only point at the tour list where the reader can see it.
      const again = player.controls === 'full' ? ' Pick the tour again under Guided tour to restart it.' : '';
      tourLeftNote(`You left the tour “${info.title}” ${where}: this is free play now, on the same browsers and store.${again}`);
    }
    let trace;
    try {
      trace = player.playground.run(action);
    } catch (error) {
      fatal(`That did not work: ${error.message ?? error}`);
      return false;
    }
    // Free play's first action, like a tour's first step, brings the whole figure on screen.
    if (player.timeline.length === 0) revealFigure();
    // The timeline is never rewritten: from an earlier step, the action joins the end, and the page says so.
    const behind = player.timeline.length > 0 && !atEnd() ? { at: player.pos + 1, last: player.timeline.length } : null;
    player.log.actions.push({ label, action });
    appendTrace(trace.steps, label, null, player.log.actions.length);
    if (behind) {
      const note = `“${label}” ran after the timeline's last step, step ${behind.last}, not after step ${behind.at}, where you were: steps are only ever added at the end, so nothing after step ${behind.at} was lost.`;
      tourLeftNote([$('tour-left').textContent, note].filter(Boolean).join(' '));
    }
    reportRefusedIds();
    return true;
  }

  /**
   * Says which of a shared link's session IDs were not used, and why: the
   * core refuses an ID the CSPRNG could not have drawn where the link put it.
   * The message stays until the reader acts again.
   */
  function reportRefusedIds() {
    const refused = player.playground.refusedIds;
    if (refused.length <= player.refusalsReported) return;
    const fresh = refused.slice(player.refusalsReported);
    player.refusalsReported = refused.length;
    const shown = fresh.slice(0, 5).map(({ position, id, reason }) => `the ${ordinal(position)} ID, “${id.length > 40 ? `${id.slice(0, 40)}…` : id}”: ${reason}`);
    const more = fresh.length > shown.length ? `; and ${fresh.length - shown.length} more` : '';
    const one = fresh.length === 1;
    fatal(
      `The shared link asked for ${one ? 'a session ID' : 'session IDs'} the real CSPRNG could not have drawn, so ${one ? 'a fresh one was' : 'fresh ones were'} drawn instead (what follows may differ from the link's run): ${shown.join('; ')}${more}.`,
    );
  }

  /** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st. */
  function ordinal(n) {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
    return `${n}${suffix}`;
  }

  /** The note that says a tour was left for free play; empty hides it. */
  function tourLeftNote(text) {
    // The live region stays in the page (empty, it takes no room) so screen readers announce the text.
    $('tour-left').textContent = text;
  }

  /** Free play from here on: the world and the timeline stay as they are. */
  function leaveTour() {
    player.playground.unloadScenario();
    player.tour = null;
    $('tour').value = '';
    renderTour();
  }

  /** The empty stage's narration, for the controls shown. */
  const idleText = () => [EMPTY_STAGE, IDLE_TEXT[player.controls]].filter(Boolean).join(' ');

  function startOver(narration = idleText()) {
    stop();
    tourLeftNote('');
    player.timeline = [];
    // A new world: its timeline starts again from step 0, and none of its IDs has been refused yet.
    fetched.clear();
    folded = { entry: null, step: null };
    player.refusalsReported = 0;
    player.pos = -1;
    player.heldCard = null;
    player.shown = 'laptop';
    player.log = { settings: player.startSettings, tour: player.tour?.key ?? null, ran: 0, actions: [] };
    if (player.tour !== null) player.tour.ended = false;
    updateCopyTargets();
    showSettings(player.playground.settings);
    showIdSource();
    renderIdle(player.playground.snapshot(), narration, player.shown, cookieName());
    fitNarration();
    renderTour();
    updateControls();
  }

  function reset() {
    clearFatal();
    player.playground.reset();
    if (player.tour !== null) {
      player.tour.ran = 0;
      startOver(tourIntro());
    } else {
      startOver();
    }
  }

  /**
   * ?step=N: a deep link into a tour, at the start of its Nth step (as the tour
   * box numbers them). The steps before it run without asking their questions.
   */
  function openAtStep(raw, tourAsked) {
    // Messages name the step as the author wrote it: in the address, or as an attribute.
    const given = options.attributes ? `step="${raw}"` : `?step=${raw}`;
    if (player.tour === null) {
      // An unknown tour has said so already.
      if (!tourAsked) {
        // The example must be a tour that has that step: the revocation tour if it is long enough.
        const number = /^[1-9]\d*$/.test(raw);
        const wanted = number ? Number(raw) : 2;
        const tours = Playground.tours();
        const fits = tours.filter((t) => t.steps >= wanted);
        const tour = fits.find((t) => t.key === 'revocation') ?? fits[0] ?? tours.reduce((a, b) => (b.steps > a.steps ? b : a));
        const step = !number ? '2' : fits.length > 0 ? raw : String(tour.steps);
        const fix = options.attributes ? `add a scenario attribute, for example scenario="${tour.key}" step="${step}"` : `add ?tour=, for example ?tour=${tour.key}&step=${step}`;
        const none = fits.length > 0 ? '' : ` (no tour has ${raw} steps; the longest, ${tour.key}, has ${tour.steps})`;
        fatal(`${given} needs a tour to step through${none}: ${fix}.`);
      }
      return;
    }
    if (!/^\d+$/.test(raw) || Number(raw) < 1) {
      fatal(`${given} is not a step number; steps count from 1. The tour starts at its beginning.`);
      return;
    }
    const wanted = Number(raw);
    const total = player.tour.info.steps.length;
    while (player.tour.ran < Math.min(wanted, total)) {
      if (!runTourStep(null)) return;
    }
    holdCard();
    // The step as written: a number past 2^53 would print rounded (100000000000000000000).
    if (wanted > total) fatal(`This tour has ${total} steps, so there is no step ${raw}; here is its last.`);
  }

  function tourIntro() {
    const { info } = player.tour;
    return `${info.title}. ${info.summary}${TOUR_BEGIN[player.controls]}`;
  }

  function chooseTour(key, clear = true, focus = clear) {
    if (clear) clearFatal();
    if (key === '') {
      // Free play starts fresh, with the default settings (not the last tour's).
      if (player.tour !== null) leaveTour();
      player.playground.configure(player.defaults);
      player.startSettings = player.defaults;
      startOver();
      return;
    }
    let info;
    try {
      info = player.playground.loadTour(key);
    } catch {
      $('tour').value = '';
      const keys = Playground.tours().map((t) => t.key);
      const meant = closestName(key, keys);
      const pick = meant !== null ? `Did you mean "${meant}"?` : player.controls === 'full' ? 'Pick one from the Guided tour list.' : `The tours are ${keys.join(', ')}.`;
      fatal(`There is no tour called "${key}". ${pick}`);
      return;
    }
    player.tour = { key, info, ran: 0 };
    startOver(tourIntro());
    if (focus) startHere();
  }

  /** A tour starts: the figure is on screen and Next has the focus, without scrolling someone's article. */
  function startHere() {
    revealFigure();
    $('next').focus({ preventScroll: true });
  }

  /** On the page (never in someone's article), a tour's first step or free play's first action brings the whole figure on screen, once. */
  function revealFigure() {
    if (!options.reveal) return;
    const figure = $('figure').getBoundingClientRect();
    if (figure.top < 0 || figure.bottom > window.innerHeight) $('figure').scrollIntoView({ block: figure.height > window.innerHeight ? 'end' : 'start' });
  }

  /** A timeout field in minutes: empty for none, else a whole number from 1 to ten years. */
  function minutes(id) {
    const input = $(id);
    const raw = input.value.trim();
    input.removeAttribute('aria-invalid');
    if (raw === '') return null;
    // Whole minutes, or the decimal a scenario's seconds show as (1.5 for 90 s).
    const seconds = Number(raw) * 60;
    if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 60 || Number(raw) > 5_270_400 || Math.abs(seconds - Math.round(seconds)) > 1e-9) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      throw new Error(`${input.labels[0].textContent} must be a whole number of minutes from 1 to 5,270,400, or empty for none; "${raw}" is not.`);
    }
    return Math.round(seconds);
  }

  function settingsError(message) {
    const box = $('settings-error');
    box.textContent = message;
    box.hidden = message === null;
    if (message !== null) emit('error', { message });
  }

  function applySettings(event) {
    event.preventDefault();
    clearFatal();
    settingsError(null);
    try {
      const settings = {
        preset: $('preset').value,
        ids: $('ids').value,
        rotateOnLogin: $('rotate').checked,
        logout: $('logout-mode').value,
        cleanup: $('cleanup').value,
        idleTimeout: minutes('idle'),
        absoluteTimeout: minutes('absolute'),
        strictAdoption: $('strict').checked,
        httpOnly: $('http-only').checked,
        secure: $('secure').checked || $('host-prefix').checked,
        hostPrefix: $('host-prefix').checked,
        sameSite: $('same-site').value === '' ? null : $('same-site').value,
        browserSameSiteDefault: $('browser-default').value,
        ...clusterSettings(root),
      };
      if (settings.ids === 'seeded') settings.seed = player.playground.settings.ids.seed ?? 1;
      player.playground.configure(settings);
      player.startSettings = settings;
    } catch (error) {
      settingsError(`Those settings cannot be used: ${error.message ?? error}`);
      return;
    }
    if (player.tour !== null) leaveTour();
    $('settings-panel').open = false;
    startOver();
  }

  /** A preset change fills in that preset's defaults, before applying. */
  function previewPreset() {
    let settings;
    try {
      settings = player.playground.presetSettings($('preset').value);
    } catch (error) {
      settingsError(`That preset cannot be used: ${error.message ?? error}`);
      return;
    }
    showSettings(settings);
  }

  /** The settings form, told which fields differ from the preset's own settings. */
  function showSettings(settings) {
    renderSettings(settings, player.presets, player.playground.presetSettings(settings.preset));
  }

  function fillSelects() {
    for (const preset of player.presets) $('preset').append(new Option(preset.label, preset.key));
    for (const tour of Playground.tours()) $('tour').append(new Option(tour.title, tour.key));
    updateCopyTargets();
  }

  function updateCopyTargets() {
    const select = $('copy-to');
    select.replaceChildren();
    for (const [key, label] of Object.entries(BROWSER_LABELS)) {
      if (key !== player.shown) select.append(new Option(label, key));
    }
  }

  function showBrowser(key) {
    player.shown = key;
    updateCopyTargets();
    const entry = player.timeline[player.pos];
    if (entry) renderStep(entry.step, { index: player.pos, total: player.timeline.length, label: entry.label }, player.shown, cookieName());
    else renderIdle(player.playground.snapshot(), $('narration').textContent, player.shown, cookieName());
  }

  function setInspect(mode) {
    player.inspect = mode;
    prefs.set('inspect', mode);
    $('show-plain').setAttribute('aria-pressed', String(mode === 'plain'));
    $('show-raw').setAttribute('aria-pressed', String(mode === 'raw'));
    const entry = player.timeline[player.pos];
    if (entry) renderInspector(entry.step, mode, cookieName());
  }

  /** Keyboard: Space plays or pauses, ←/→ step, Home/End jump; never while typing or on a control that uses the key itself. */
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const tag = target.tagName;
    const typing = tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable || (tag === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(target.type));
    if (typing) return;
    // On a long page, Space, Home and End scroll it: they step only when focus is in the playground.
    if (options.keyScope && !options.keyScope.contains(target) && [' ', 'Home', 'End'].includes(event.key)) return;
    const actions = { ArrowRight: next, ArrowLeft: back, Home: () => { stop(); goTo(0); }, End: () => { stop(); goTo(player.timeline.length - 1); } };
    if (event.key === ' ') {
      // Space already activates buttons, links, summaries and checkboxes.
      if (['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(tag)) return;
      event.preventDefault();
      togglePlay();
    } else if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  function wire() {
    const who = () => player.shown;
    const label = (what) => `${BROWSER_LABELS[who()]}: ${what}`;
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const username = $('username').value;
      const password = $('password').value;
      perform(label(`log in as ${username}`), { action: 'login', browser: who(), username, password });
    });
    $('visit').addEventListener('click', () => perform(label('visit /profile'), { action: 'visit', browser: who(), path: '/profile' }));
    $('logout').addEventListener('click', () => perform(label('log out'), { action: 'logout', browser: who() }));
    $('logout-everywhere').addEventListener('click', () => perform(label('log out everywhere'), { action: 'logoutEverywhere', browser: who() }));
    $('change-password').addEventListener('click', () => {
      const password = $('new-password').value;
      perform(label('change password'), { action: 'changePassword', browser: who(), password });
    });
    $('copy').addEventListener('click', () => {
      const to = $('copy-to').value;
      perform(`copy the ticket from ${BROWSER_LABELS[who()]} to ${BROWSER_LABELS[to]}`, { action: 'copyCookie', from: who(), to });
    });
    $('close-browser').addEventListener('click', () => perform(label('close and reopen'), { action: 'closeBrowser', browser: who() }));
    $('plant').addEventListener('click', () => perform(label("Mallory's ticket is planted"), { action: 'plantTicket', browser: who() }));
    $('script-theft').addEventListener('click', () => perform(label('an injected script runs'), { action: 'scriptTheft', browser: who() }));
    $('csrf').addEventListener('click', () => {
      const password = $('new-password').value;
      perform(label("another site's form posts to /password"), { action: 'crossSiteForm', browser: who(), path: '/password', fields: { password } });
    });
    $('http-visit').addEventListener('click', () => perform(label('visit over plain http'), { action: 'visitOverHttp', browser: who(), path: '/profile' }));
    $('host-prefix').addEventListener('change', () => {
      if ($('host-prefix').checked) $('secure').checked = true;
    });
    $('guess').addEventListener('click', () => {
      const id = $('guess-id').value.trim();
      if (id === '') {
        fatal('Type a ticket to try first.');
        return;
      }
      perform(label(`try the ticket ${id}`), { action: 'guessTicket', browser: who(), id });
    });
    $('revoke').addEventListener('click', () => perform('Admin: revoke the newest session', { action: 'revoke' }));
    $('revoke-user').addEventListener('click', () => {
      const user = $('username').value || 'alice';
      perform(`Admin: end all of ${user}'s sessions`, { action: 'revokeUser', user });
    });
    $('restart').addEventListener('click', () => perform('Restart the server', { action: 'restartServer' }));
    for (const button of root.querySelectorAll('[data-wait]')) {
      button.addEventListener('click', () => perform(button.textContent, { action: 'wait', seconds: Number(button.dataset.wait) }));
    }
    $('store-rows').addEventListener('click', (event) => {
      const id = event.target.closest('button[data-revoke]')?.dataset.revoke;
      if (id) perform(`Admin: revoke ${id}`, { action: 'revoke', id });
    });
    for (const button of root.querySelectorAll('[data-browser]')) {
      button.addEventListener('click', () => showBrowser(button.dataset.browser));
    }
    // The coat-check link: a ticket and its record light up together.
    for (const type of ['pointerover', 'focusin']) {
      root.addEventListener(type, (event) => linkTicket(event.target.closest('[data-ticket]')?.dataset.ticket ?? null));
    }
    $('username').addEventListener('input', updateControls);
    // Choosing in the list does nothing until Start: arrow keys move through it freely.
    $('start-tour').addEventListener('click', () => chooseTour($('tour').value));
    $('settings-form').addEventListener('submit', applySettings);
    $('preset').addEventListener('change', previewPreset);
    $('next').addEventListener('click', () => (canForward() || offersFirstTour()) && next());
    $('narration-more').addEventListener('click', () => {
      const open = $('narration-box').classList.toggle('expanded');
      $('narration-more').setAttribute('aria-expanded', String(open));
      $('narration-more').textContent = open ? 'Less' : 'More';
    });
    $('back').addEventListener('click', back);
    $('first').addEventListener('click', () => { stop(); goTo(0); });
    $('last').addEventListener('click', () => { stop(); goTo(player.timeline.length - 1); });
    $('scrubber').addEventListener('input', () => {
      // Read the slider before stop() redraws it at the old position.
      const pos = Number($('scrubber').value) - 1;
      stop();
      goTo(pos);
    });
    $('play').addEventListener('click', togglePlay);
    $('reset').addEventListener('click', reset);
    $('speed').addEventListener('change', () => setSpeed($('speed').value, true));
    $('show-plain').addEventListener('click', () => setInspect('plain'));
    $('show-raw').addEventListener('click', () => setInspect('raw'));
    $('wire-toggle').addEventListener('click', () => {
      const open = $('dock').classList.toggle('show-wire');
      $('wire-toggle').setAttribute('aria-expanded', String(open));
      $('wire-toggle').textContent = open ? 'Hide inspector' : 'Inspect';
    });
    root.addEventListener('keydown', onKey);
  }

  /** Loads a built-in tour by key, or a scenario from its JSON text; false (and a visible message) if it cannot. */
  function loadScenario(scenario) {
    if (scenario.key !== undefined) {
      $('tour').value = scenario.key;
      chooseTour(scenario.key, false);
      return player.tour !== null;
    }
    let info;
    try {
      info = player.playground.loadScenario(scenario.text);
    } catch (error) {
      fatal(`The scenario ${scenario.source} could not be loaded: ${error.message ?? error}.`);
      return false;
    }
    // A scenario of the author's own joins the list while it is loaded.
    let option = root.querySelector('#tour option[data-custom]');
    if (!option) {
      option = new Option('', 'custom');
      option.dataset.custom = '';
      $('tour').append(option);
    }
    option.textContent = info.title;
    $('tour').value = 'custom';
    player.tour = { key: null, text: scenario.text, info, ran: 0 };
    startOver(tourIntro());
    return true;
  }

  /**
   * Replays a shared moment: the same settings or tour, the same actions and
   * session IDs, the same step. Resolves to false (with a visible message) if
   * part of it could not be replayed.
   */
  async function restore(log) {
    // The IDs the CSPRNG drew the first time come out again, in order.
    const replayIds = () => {
      if (!log.ids?.length) return true;
      try {
        player.playground.replayIds(log.ids);
        return true;
      } catch (error) {
        fatal(`The shared link's session IDs cannot be replayed (${error.message ?? error}); new ones are drawn.`);
        return false;
      }
    };
    if (log.tour) {
      if (!loadScenario({ key: log.tour })) return false;
      replayIds();
      while (player.tour.ran < log.ran) {
        if (!runTourStep(null)) return false;
      }
    } else {
      try {
        player.playground.configure(log.settings);
      } catch (error) {
        fatal(`The shared link's settings cannot be used: ${error.message ?? error}`);
        return false;
      }
      player.startSettings = log.settings;
      startOver();
      replayIds();
    }
    const replayed = await replayActions(log.actions);
    // Every problem found on the way stays on screen until the reader acts.
    reportRefusedIds();
    if (!replayed) return false;
    if (Number.isInteger(log.pos)) goTo(log.pos - 1);
    if (Object.hasOwn(BROWSER_LABELS, log.shown)) showBrowser(log.shown);
    return true;
  }

  /**
   * Replays a shared link's free-play actions in the core, untraced (a step
   * is traced only when it is shown), in chunks of about REPLAY_CHUNK_MS:
   * between chunks the page shows how far it has got and stays responsive
   * (clicks wait until it is done). False (and a visible message) if an action fails.
   */
  async function replayActions(actions) {
    if (actions.length === 0) return true;
    // The link left its tour for free play, as the reader did.
    if (player.tour !== null) leaveTour();
    const progress = $('boot');
    const started = performance.now();
    player.replaying = true;
    let done = 0;
    let chunk = 64;
    let ok = true;
    try {
      while (done < actions.length) {
        const slice = actions.slice(done, done + chunk);
        const before = performance.now();
        let at = player.playground.stepCount;
        const result = player.playground.replayActions(slice.map(({ action }) => action));
        result.moments.forEach((sizes, i) => {
          const { label, action } = slice[i];
          player.log.actions.push({ label, action });
          append(at, sizes, label, null, player.log.actions.length, true);
          at += result.counts[i];
        });
        done += result.counts.length;
        if (result.failed !== null) {
          const label = slice[result.failed.index].label;
          fatal(`The shared link's action ${done + 1} of ${actions.length} (“${label}”) did not work, so the replay stops before it: ${result.failed.message}`);
          ok = false;
          break;
        }
        // Aim each chunk at the time budget, whatever this machine's speed (no more than doubling).
        const spent = Math.max(1, performance.now() - before);
        chunk = Math.max(16, Math.min(2 * chunk, 4096, Math.round((chunk * REPLAY_CHUNK_MS) / spent)));
        if (done < actions.length && performance.now() - started > REPLAY_CHUNK_MS) {
          progress.textContent = `Replaying the shared link: ${done.toLocaleString('en')} of ${actions.length.toLocaleString('en')} actions…`;
          progress.hidden = false;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
    } catch (error) {
      fatal(`The shared link could not be replayed: ${error.message ?? error}`);
      ok = false;
    } finally {
      player.replaying = false;
      progress.hidden = true;
    }
    if (player.timeline.length > 0) goTo(player.timeline.length - 1);
    return ok;
  }

  /** The tour step (1-based) the reader is at, or null. */
  function tourStepNow() {
    const entry = player.timeline[player.pos];
    if (entry?.tourStep) return entry.tourStep.index + 1;
    return null;
  }

  /** goTo(n): in a tour, its step n (run up to it if need be); in free play, step n of the timeline. */
  function goToStep(n) {
    if (!Number.isInteger(n)) {
      fatal(`goTo(${quoteValue(n)}): expected a step number, a whole number from 1.`);
      return false;
    }
    if (n < 1) {
      fatal(`goTo(${quoteValue(n)}): steps count from 1.`);
      return false;
    }
    stop();
    if (player.tour === null) {
      if (n > player.timeline.length) {
        fatal(`goTo(${quoteValue(n)}): the timeline has ${player.timeline.length} steps.`);
        return false;
      }
      goTo(n - 1);
      return true;
    }
    const total = player.tour.info.steps.length;
    if (n > total) {
      fatal(`goTo(${quoteValue(n)}): this tour has ${total} steps.`);
      return false;
    }
    while (player.tour.ran < n) {
      if (!runTourStep(null)) return false;
    }
    goTo(player.timeline.findIndex((e) => e.tourStep?.index === n - 1));
    holdCard();
    return true;
  }

  /** The moment as plain data, for the host page and for shared links. */
  function state() {
    const entry = player.timeline[player.pos] ?? null;
    const tour = player.tour;
    return {
      position: player.pos + 1,
      total: player.timeline.length,
      label: entry?.label ?? null,
      narration: entry ? entry.step.narration : $('narration').textContent,
      scenario: tour === null ? null : { key: tour.key, title: tour.info.title, step: tourStepNow(), ran: tour.ran, steps: tour.info.steps.length, ended: Boolean(tour.ended) },
      atStepStart: Boolean(entry?.tourStep) && player.timeline[player.pos - 1]?.tourStep?.index !== entry.tourStep.index,
      action: entry?.action ?? null,
      settings: player.playground.settings,
      world: entry ? stateOf(entry) : player.playground.snapshot(),
      playing: player.timer !== null,
      shown: player.shown,
      log: { ...player.log, actions: player.log.actions.slice(), ids: player.playground.drawnIds, pos: player.pos + 1, shown: player.shown },
    };
  }

  /** The steps so far, up to the one shown, for the printed transcript. */
  function transcript() {
    return player.timeline.slice(0, player.pos + 1).map((entry, i) => ({
      position: i + 1,
      who: whoActs(entry),
      narration: entry.step.narration,
      tourStep: entry.tourStep && player.timeline[i - 1]?.tourStep?.index !== entry.tourStep.index ? { number: entry.tourStep.index + 1, title: entry.tourStep.title } : null,
    }));
  }

  /** Sets how the controls show: full, minimal (stepping only) or none. */
  function setControls(mode) {
    player.controls = mode;
    const wrap = options.controlsTarget;
    wrap.classList.remove('controls-minimal', 'controls-none');
    if (mode !== 'full') wrap.classList.add(`controls-${mode}`);
    // Before the first step the narration points at controls: it follows the change.
    if (player.playground && player.timeline.length === 0) {
      renderIdle(player.playground.snapshot(), player.tour === null ? idleText() : tourIntro(), player.shown, cookieName());
      fitNarration();
      updateControls();
    }
  }

  // Start.
  const seed = options.seed ?? null;
  player.playground = seed === null ? new Playground() : Playground.withSeed(seed);
  player.presets = Playground.presets();
  player.defaults = seed === null ? { preset: 'generic' } : { preset: 'generic', seed };
  // An empty preset="" is a mistake to report, as controls="" is, not an absent attribute.
  if (options.preset !== undefined && options.preset !== null) {
    const wanted = { ...player.defaults, preset: options.preset };
    try {
      player.playground.configure(wanted);
      player.defaults = wanted;
    } catch (error) {
      fatal(`${options.presetSource ?? 'The preset'} cannot be used: ${error.message ?? error}`);
    }
  }
  player.startSettings = player.defaults;
  fillSelects();
  wire();
  // The packet and the connector are placed from the parts' positions: a new size of the figure places them again.
  const resized = new ResizeObserver(() => {
    if (player.pos >= 0 && player.animation === null) draw(player.timeline[player.pos].step);
  });
  resized.observe($('stage'));
  const stopPrint = watchPrint($('print-transcript'), transcript);
  setupCluster(root, perform);
  const speed = options.speed ?? prefs.get('speed', '1');
  $('speed').value = SPEEDS.includes(String(speed)) ? String(speed) : '1';
  setSpeed($('speed').value);
  setInspect(prefs.get('inspect', 'raw') === 'plain' ? 'plain' : 'raw');
  setControls(options.controls ?? 'full');
  startOver();
  $('boot').hidden = true;

  return {
    loadScenario,
    openAtStep,
    report: fatal,
    clearReports: clearFatal,
    restore,
    next() {
      if (canForward() || offersFirstTour()) next();
    },
    back,
    goTo: goToStep,
    /** Runs an action in the scenario format; false (and a visible message) if it is not one. */
    run(action) {
      let label;
      try {
        label = Playground.actionLabel(action);
      } catch (error) {
        fatal(`run(): that is not an action: ${error.message ?? error}`);
        return false;
      }
      return perform(label, action);
    },
    play() {
      if (player.timer === null) togglePlay();
    },
    pause: stop,
    reset,
    setSpeed(value) {
      $('speed').value = String(value);
      setSpeed(value);
    },
    setControls,
    get state() {
      return state();
    },
    destroy() {
      stop();
      stopAnimation();
      resized.disconnect();
      stopPrint();
      player.playground.free();
    },
  };
}

export const SPEEDS = ['0.25', '0.5', '1', '2', '4'];
