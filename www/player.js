// One playground: the player that joins the core, the timeline, the view and
// the controls. It holds the timeline (timeline.js: every moment shown so
// far and the position in it), the play timer and speed, the loaded tour or
// scenario and the reader's answers, and which browser is shown. A control
// (controls.js) asks for an action; the core runs it and gives back a trace;
// its steps join the timeline as moments, which the reader walks forward and
// back (buttons, scrubber, keyboard, or Play), and the view (view.js) draws
// them. One Next press is one moment: the core marks the step that starts
// each (`startsMoment`); within a moment the page animates its steps (the
// ticket leaving the jar, riding the wire, arriving). In a guided tour,
// stepping past the end runs the tour's next action, after the reader has
// had the chance to answer its question. Protocol decisions all happen in
// the core.
//
// Why it is long (about a thousand lines): the tour's state machine, the
// replay of a shared link, the free-play actions' running and reporting and
// the API a host page calls all read and move the same few things (the
// timeline's position, the loaded tour, the log a link carries) and redraw
// through the same `show`; split apart, each would take all of them as
// arguments. What needs none of them lives elsewhere: the timeline as data
// (timeline.js), the controls (controls.js), the drawing (view.js).
//
// `mountPlayground(root, options)` works on any root that holds the markup of
// markup.js: the page's document or an element's shadow root. Everything is
// looked up within that root, so several playgrounds share a page safely.

import { Playground } from './core.js';
import { createView } from './view.js';
import { setupCluster } from './cluster.js';
import { BROWSER_LABELS, keyCommand, readSettingsForm, wireControls } from './controls.js';
import { closestName } from './embedding.js';
import { watchPrint } from './print.js';
import { count, ordinal } from './format.js';
import { Timeline, fold, nextChunk } from './timeline.js';
import { mountFork } from './fork.js';

const PLAY_INTERVAL_MS = 2600;
/** How long one step inside a moment is shown before the next, at 1× (as --step-ms in style.css). */
const STEP_MS = 650;
const ACTOR_NAMES = { network: 'the network', server: 'the server', store: 'the session store', clock: 'the clock', balancer: 'the load balancer' };
/** The tour a first-time reader is offered: Next on the empty stage starts it. */
const FIRST_TOUR = 'coat-check';
/** A long shared link replays in chunks of about this many milliseconds, so the tab never freezes. */
const REPLAY_CHUNK_MS = 40;
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

/**
 * Lets the page paint and handle input, then resumes: a message to itself
 * (a task of its own, without the 4 ms a nested setTimeout waits).
 */
function yieldToPage() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

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
    /** What the core allows in the forms: servers, timeouts (`Playground.limits()`). */
    limits: null,
    defaults: { preset: 'generic' },
    /** The settings (scenario format) the world was last configured with: a shared link starts from them. */
    startSettings: { preset: 'generic' },
    /** Every moment shown so far, and the position in them (timeline.js: each moment's steps come from the core when read). */
    timeline: null,
    /** The moment shown (the timeline's position). */
    get pos() {
      return this.timeline.pos;
    },
    set pos(index) {
      this.timeline.pos = index;
    },
    /** How many of a shared link's refused IDs the reader has been told of. */
    refusalsReported: 0,
    /** True while a shared link's actions replay (between chunks, clicks wait). */
    replaying: false,
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

  /** The fork beside this timeline (fork.js), once mounted. */
  let forkView = null;

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

  /** Timeouts show on the coats once they matter: in a tour about them, or once time has passed. */
  function showTimes(state) {
    return (player.tour?.key ?? '').includes('timeout') || state.now.ms > 0;
  }

  function draw(step) {
    const position = { index: player.pos, total: player.timeline.length, label: player.timeline.current.label };
    renderStep(step, position, player.shown, { showTimes: showTimes(step.state) });
    renderInspector(step, player.inspect);
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
    const entry = player.timeline.current;
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
      .tourSteps()
      .filter((tourStep) => tourStep.choices.length > 0)
      .map((tourStep) => ({ step: tourStep.index + 1, guess: tourStep.guess, correct: tourStep.correctChoice }));
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
    forkView?.refresh();
  }

  function goTo(pos, animate = false) {
    if (player.timeline.length === 0) return;
    player.timeline.moveTo(pos);
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
      speak(player.timeline.current);
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

  /** Adds the trace of an action just run, whose steps end the core's timeline; they are kept at hand, to be shown next, and the first is shown. */
  function appendTrace(steps, label, tourStep, action = null) {
    player.pos = player.timeline.appendTrace(steps, player.playground.stepCount, label, tourStep, action);
    show(true);
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
    if (player.pos >= 0) speak(player.timeline.current);
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
    const entry = player.timeline.current;
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
    // An action joins the single timeline: a fork shown beside it closes first, at the same step.
    forkView?.close();
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
    // A new world: a fork of the old one goes, with nowhere to return to.
    forkView?.close({ stay: true });
    tourLeftNote('');
    // A new world: its timeline starts again from step 0, and none of its IDs has been refused yet.
    player.timeline.clear();
    player.refusalsReported = 0;
    player.heldCard = null;
    player.shown = 'laptop';
    player.log = { settings: player.startSettings, tour: player.tour?.key ?? null, ran: 0, actions: [] };
    if (player.tour !== null) player.tour.ended = false;
    updateCopyTargets();
    showSettings(player.playground.settings);
    showIdSource();
    renderIdle(player.playground.snapshot(), narration, player.shown);
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
    // A scenario shown forked opens its fork at the same step.
    if (forkView.isOpen()) forkView.open();
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
      const settings = readSettingsForm(root, player.limits);
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
    const entry = player.timeline.current;
    if (entry) renderStep(entry.step, { index: player.pos, total: player.timeline.length, label: entry.label }, player.shown);
    else renderIdle(player.playground.snapshot(), $('narration').textContent, player.shown);
  }

  function setInspect(mode) {
    player.inspect = mode;
    prefs.set('inspect', mode);
    $('show-plain').setAttribute('aria-pressed', String(mode === 'plain'));
    $('show-raw').setAttribute('aria-pressed', String(mode === 'raw'));
    const entry = player.timeline.current;
    if (entry) renderInspector(entry.step, mode);
  }

  /** Loads a built-in tour by key, or a scenario from its JSON text; false (and a visible message) if it cannot. */
  function loadScenario(scenario) {
    const loaded = loadScenarioOnly(scenario);
    // A scenario may ask to be seen forked ("fork": "tokens").
    if (loaded && player.tour?.info.fork) forkView.open(0);
    return loaded;
  }

  function loadScenarioOnly(scenario) {
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
    performance.mark('session-playground:restore');
    try {
      return await restoreLog(log);
    } finally {
      // The benchmark reads the replay's time between these two marks.
      performance.mark('session-playground:restored');
    }
  }

  async function restoreLog(log) {
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
      if (!loadScenarioOnly({ key: log.tour })) return false;
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
    // A forked moment opens forked, at the same step of both.
    if (Number.isInteger(log.fork)) forkView.open(log.fork - 1);
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
        const first = player.playground.stepCount;
        const result = player.playground.replayActions(slice.map(({ action }) => action));
        const replayed = slice.slice(0, result.moments.length);
        // One bulk append for the chunk: a few numbers per moment, no objects, nothing drawn.
        player.timeline.appendReplayed(first, result.moments, replayed, player.log.actions.length + 1);
        for (const { label, action } of replayed) player.log.actions.push({ label, action });
        done += replayed.length;
        if (result.failed !== null) {
          const label = slice[result.failed.index].label;
          fatal(`The shared link's action ${done + 1} of ${actions.length} (“${label}”) did not work, so the replay stops before it: ${result.failed.message}`);
          ok = false;
          break;
        }
        // Aim each chunk at the time budget, whatever this machine's speed.
        chunk = nextChunk(chunk, performance.now() - before, REPLAY_CHUNK_MS);
        if (done < actions.length && performance.now() - started > REPLAY_CHUNK_MS) {
          progress.textContent = `Replaying the shared link: ${count(done)} of ${count(actions.length)} actions…`;
          progress.hidden = false;
          await yieldToPage();
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
    const entry = player.timeline.current;
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
    goTo(player.timeline.firstMomentOfTourStep(n - 1));
    holdCard();
    return true;
  }

  /** The moment as plain data, for the host page and for shared links. */
  function state() {
    const entry = player.timeline.current ?? null;
    const tour = player.tour;
    return {
      position: player.pos + 1,
      total: player.timeline.length,
      label: entry?.label ?? null,
      narration: entry ? entry.step.narration : $('narration').textContent,
      scenario: tour === null ? null : { key: tour.key, title: tour.info.title, step: tourStepNow(), ran: tour.ran, steps: tour.info.steps.length, ended: Boolean(tour.ended) },
      atStepStart: Boolean(entry?.tourStep) && player.timeline.at(player.pos - 1)?.tourStep?.index !== entry.tourStep.index,
      action: entry?.action ?? null,
      settings: player.playground.settings,
      world: entry ? stateOf(entry) : player.playground.snapshot(),
      playing: player.timer !== null,
      shown: player.shown,
      log: { ...player.log, actions: player.log.actions.slice(), ids: player.playground.drawnIds, pos: player.pos + 1, shown: player.shown, ...(forkView?.isOpen() ? { fork: forkView.row() + 1 } : {}) },
    };
  }

  /** The steps so far, up to the one shown, for the printed transcript. */
  function transcript() {
    const steps = [];
    for (let i = 0; i <= player.pos; i += 1) {
      const entry = player.timeline.at(i);
      steps.push({
        position: i + 1,
        who: whoActs(entry),
        narration: entry.step.narration,
        tourStep: entry.tourStep && player.timeline.at(i - 1)?.tourStep?.index !== entry.tourStep.index ? { number: entry.tourStep.index + 1, title: entry.tourStep.title } : null,
      });
    }
    return steps;
  }

  /** Sets how the controls show: full, minimal (stepping only) or none. */
  function setControls(mode) {
    player.controls = mode;
    const wrap = options.controlsTarget;
    wrap.classList.remove('controls-minimal', 'controls-none');
    if (mode !== 'full') wrap.classList.add(`controls-${mode}`);
    // Before the first step the narration points at controls: it follows the change.
    if (player.playground && player.timeline.length === 0) {
      renderIdle(player.playground.snapshot(), player.tour === null ? idleText() : tourIntro(), player.shown);
      fitNarration();
      updateControls();
    }
  }

  // Start.
  const seed = options.seed ?? null;
  player.playground = seed === null ? new Playground() : Playground.withSeed(seed);
  player.timeline = new Timeline((at) => player.playground.stepAt(at));
  player.presets = Playground.presets();
  player.limits = Playground.limits();
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
  const first = () => {
    stop();
    goTo(0);
  };
  const last = () => {
    stop();
    goTo(player.timeline.length - 1);
  };
  const commands = { next, back, first, last, play: togglePlay };
  wireControls(root, {
    perform,
    fatal,
    shown: () => player.shown,
    showBrowser,
    linkTicket,
    updateControls,
    chooseTour,
    applySettings,
    previewPreset,
    forward: () => (canForward() || offersFirstTour()) && next(),
    back,
    first,
    last,
    scrubTo(pos) {
      stop();
      goTo(pos);
    },
    togglePlay,
    reset,
    setSpeed: (value) => setSpeed(value, true),
    setInspect,
    key(event) {
      const command = keyCommand(event, options.keyScope);
      if (command === null) return;
      event.preventDefault();
      commands[command]();
    },
  });
  // The packet and the connector are placed from the parts' positions: a new size of the figure places them again.
  const resized = new ResizeObserver(() => {
    if (player.pos >= 0 && player.animation === null) draw(player.timeline.current.step);
  });
  resized.observe($('stage'));
  const stopPrint = watchPrint($('print-transcript'), transcript);
  forkView = mountFork(root, {
    playground: () => player.playground,
    position: () => player.pos,
    total: () => player.timeline.length,
    tourRan: () => player.tour?.ran ?? null,
    goToMoment(index) {
      stop();
      goTo(index);
    },
    goToTourStep: goToStep,
    fatal,
    changed: () => {},
    reveal: Boolean(options.reveal),
  });
  setupCluster(root, perform, player.limits.maxServers);
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
