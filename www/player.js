// One playground: the wiring of the core, the page's pure modules and the
// DOM. The state and its rules live in modules without DOM, each unit-tested
// under node: the timeline (timeline.js: every moment shown so far and the
// position in it), the tour's state machine (tour.js: what Next, Back, an
// answer, a restart and "go to step n" do, and what the tour card shows),
// the announcements (announce.js), a shared link's replay (replay.js) and the
// preferences (prefs.js). The controls (controls.js) turn presses into
// actions and commands; the core runs an action and gives back a trace; its
// steps join the timeline as moments, and the view (view.js) draws them.
// What stays here is what touches the page: drawing a moment (and, moving
// forward, its steps one after another), the play timer, messages, focus and
// scrolling, loading a tour (one asynchronous `loadTourInfo`), and the API a
// host page calls.
// Protocol decisions all happen in the core.
//
// Why one file of this length (about 900 lines): what is left is wiring,
// and the wiring shares a few things that every part of it reads and moves:
// the stepper's position, the play timer, the log a shared link carries, the
// browser shown, and the one `show` that redraws. A tour's Next, a free-play
// action, a shared link's replay, goTo and the host page's API each run the
// core, add to the timeline, write the log and redraw; apart, each would take
// all of those as arguments. What needs none of them is elsewhere: the rules
// in tour.js, timeline.js, announce.js, replay.js and prefs.js (no DOM,
// unit-tested), the drawing in view.js and dock.js, the controls in controls.js.
//
// `mountPlayground(root, options)` works on any root that holds the markup of
// markup.js: the page's document or an element's shadow root. Everything is
// looked up within that root, so several playgrounds share a page safely.

import { Playground } from './core.js';
import { createView } from './view.js';
import { setupCluster } from './cluster.js';
import { setupTokenInspector } from './token-buttons.js';
import { BROWSER_LABELS, keyCommand, readSettingsForm, wireControls } from './controls.js';
import { closestName } from './embedding.js';
import { count } from './format.js';
import { Timeline, fold } from './timeline.js';
import { FIRST_TOUR, Stepper, Tour, idleText, stepToOpen, stepWithoutTour } from './tour.js';
import { TOUR_LIST, fetchTourText, isTour, tourTextNow } from './tours.js';
import { joinedAtEnd, refusedIdsMessage, spoken, stepEvent, transcript } from './announce.js';
import { SPEEDS, pageStorage, preferences } from './prefs.js';
import { fitNarration, renderStepperControls, renderTourCard, tourCardLines } from './dock.js';
import { forkOnDemand, printOnDemand, tokenDrawerOnDemand } from './on-demand.js';
import { WORDS } from './text/index.js';
import { yieldToPage } from './next-task.js';

// What the element and main.js wait on between pieces of work, from the player they have loaded.
export { yieldToPage };

export { SPEEDS };

const W = WORDS.player;

const PLAY_INTERVAL_MS = 2600;
/** How long one step inside a moment is shown before the next, at 1× (as --step-ms in style.css). */
const STEP_MS = 650;

/**
 * Puts a playground to work in `root`, which already holds the markup.
 * Options: `emit(type, detail)` for events; `seed`, `preset`, `speed`,
 * `controls`; `recorded` (a RecordedPlayground, www/recorded.js: a tour's
 * recording stands in for the engine until `engineArrived()`); `reveal` (the page may scroll the figure into view when a tour
 * starts; never in someone's article); `styleTarget` (where `--speed`
 * goes); `controlsTarget` (where the controls class goes).
 */
export function mountPlayground(root, options) {
  const $ = (id) => root.querySelector(`#${id}`);
  const { linkTicket, renderIdle, renderInspector, renderSettings, renderStep } = createView(root);
  // The token inspector's buttons (www/token-buttons.js; the dialog, inspector.js, comes at the first Decode); its callbacks run only once the player is up.
  const tokens = setupTokenInspector(root, {
    playground: () => player.playground,
    shown: () => player.shown,
    perform: (label, action) => perform(label, action),
    actionLabel: (action) => Playground.actionLabel(action),
    fatal: (message) => fatal(message),
  });
  const emit = options.emit ?? (() => {});
  const prefs = preferences(pageStorage());

  const player = {
    playground: null,
    presets: [],
    /** What the core allows in the forms: servers, timeouts (`Playground.limits()`). */
    limits: null,
    defaults: { preset: 'generic' },
    /** The settings (scenario format) the world was last configured with: a shared link starts from them. */
    startSettings: { preset: 'generic' },
    /** The tour's state machine and the timeline it walks (tour.js, timeline.js). */
    stepper: null,
    /** How many of a shared link's refused IDs the reader has been told of. */
    refusalsReported: 0,
    /** True while a shared link's actions replay (between chunks, clicks wait). */
    replaying: false,
    /** How many tours have been chosen: a tour that finishes loading after a later choice is dropped. */
    tourChoices: 0,
    timer: null,
    /** The timer that shows a moment's steps one after another. */
    animation: null,
    speed: 1,
    shown: 'laptop',
    inspect: 'raw',
    /**
     * What it takes to rebuild this moment: the settings the world started
     * from, the tour (and how many of its steps ran), then the free-play
     * actions, in order. A shared link carries exactly this.
     */
    log: { settings: null, tour: null, ran: 0, actions: [] },
  };
  /** The parts the wiring reads most: the stepper, its timeline, the position. */
  const stepper = () => player.stepper;
  const timeline = () => player.stepper.timeline;
  const pos = () => player.stepper.pos;

  /** The fork beside this timeline (fork.js, loaded on demand: on-demand.js), once mounted. */
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

  function draw(step) {
    const position = { index: pos(), total: timeline().length, label: timeline().current.label };
    renderStep(step, position, player.shown, { showTimes: stepper().showsTimes(step.state) });
    renderInspector(step, player.inspect);
    tokens.render(step);
    fitNarration(root);
  }

  /** The world at rest: nothing to decode. */
  function showIdle(...args) {
    renderIdle(...args);
    tokens.render(null);
  }

  function stopAnimation() {
    clearTimeout(player.animation);
    player.animation = null;
  }

  /**
   * Shows the moment at the timeline's position. Moving forward one moment,
   * it plays the moment's steps one after another (the message moves with
   * each); with reduced motion, or jumping, it shows the moment as it ends.
   */
  function show(animate = false) {
    stopAnimation();
    const entry = timeline().current;
    followBrowser(entry);
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

  /** The browser a moment happens in is the one shown. */
  function followBrowser(entry) {
    if (entry.step.browser && entry.step.browser !== player.shown) {
      player.shown = entry.step.browser;
      updateCopyTargets();
    }
  }

  /** One announcement per moment: where, who, what; then the tour card's visible lines. */
  function speak(entry) {
    const more = stepper().tour === null ? [] : tourCardLines(root);
    $('announce').textContent = spoken(entry, pos(), timeline().length, more);
  }

  /** Tells the reader and the host page where the reader is: the live region, a `step` event, and `scenario-end` once a tour is done. */
  function announce(entry) {
    speak(entry);
    const { tour } = stepper();
    emit('step', stepEvent(entry, pos(), timeline().length, tour));
    if (stepper().endsNow()) emit('scenario-end', { key: tour.key, title: tour.info.title, steps: tour.info.steps.length, answers: stepper().answers() });
  }

  function updateControls() {
    renderStepperControls(root, stepper(), player.timer !== null);
    options.controlsTarget.classList.toggle('touring', stepper().tour !== null);
    $('revoke-user-name').textContent = $('username').value || 'alice';
    forkView?.refresh();
  }

  function goTo(index, animate = false) {
    if (timeline().length === 0) return;
    timeline().moveTo(index);
    show(animate);
  }

  /** The first tour on its way (Next on a fresh stage), or null. */
  let firstTourStarting = null;

  function next() {
    // A press while the first tour loads is the press after its first step, not a second start.
    if (firstTourStarting !== null) {
      firstTourStarting.then(next);
      return;
    }
    const wasEmpty = timeline().length === 0;
    let move;
    try {
      move = stepper().next(player.playground);
    } catch (error) {
      tourFailed(error);
      move = 'none';
    }
    if (move === 'first-tour') {
      firstTourStarting = startFirstTour().finally(() => {
        firstTourStarting = null;
      });
      return;
    }
    if (move === 'forward') show(true);
    else if (move === 'release') {
      renderTour();
      updateControls();
      speak(timeline().current);
    } else if (move === 'run') {
      if (wasEmpty) revealFigure();
      tourStepShown();
    }
    if (stepper().stopsPlay(player.timer !== null)) stop();
  }

  function back() {
    stop();
    if (stepper().back()) show();
  }

  /** Loads the coat-check tour and shows its first moment. */
  async function startFirstTour() {
    $('tour').value = FIRST_TOUR;
    await chooseTour(FIRST_TOUR);
    if (stepper().tour?.key === FIRST_TOUR && stepper().tour.ran === 0) runTourStep(null);
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
    if (!stepper().canForward) return;
    player.timer = setInterval(next, PLAY_INTERVAL_MS / player.speed);
    updateControls();
    next();
  }

  function setSpeed(value, remember = false) {
    player.speed = Number(value);
    options.styleTarget.style.setProperty('--speed', String(player.speed));
    if (remember) prefs.rememberSpeed(player.speed);
    if (player.timer !== null) {
      clearInterval(player.timer);
      player.timer = setInterval(next, PLAY_INTERVAL_MS / player.speed);
    }
  }

  /** Opened at a tour step, the card holds that step's own card until the next press (tour.js, `hold`). */
  function holdCard() {
    stepper().hold();
    renderTour();
    if (pos() >= 0) speak(timeline().current);
  }

  /** The tour box: the card tour.js describes, drawn; a choice runs the coming step with that answer. */
  function renderTour() {
    renderTourCard(root, stepper().card(), runTourStep);
  }

  function tourFailed(error) {
    fatal(W.tourCouldNotGoOn(error.message ?? error));
  }

  /** Runs the tour's next action with the reader's answer (or null); false when it could not (and the page says why). */
  function runTourStep(guess, { drawn = true } = {}) {
    try {
      if (stepper().runStep(player.playground, guess) === null) return false;
    } catch (error) {
      tourFailed(error);
      return false;
    }
    tourStepShown({ drawn });
    return true;
  }

  /**
   * A tour step has run: the log counts it, its first moment shows, and the settings panel follows
   * (a tour may switch a defence on). Not `drawn`, a step on the way to a deep link's own: only
   * counted and its browser followed; the link's own step shows where they left the world.
   */
  function tourStepShown({ drawn = true } = {}) {
    player.log.ran = stepper().tour.ran;
    if (!drawn) {
      followBrowser(timeline().current);
      return;
    }
    show(true);
    showSettings(player.playground.settings);
    showIdSource();
  }

  /** The page's note of where IDs come from, if this root has one. */
  function showIdSource() {
    const node = $('id-source');
    if (node) node.textContent = player.playground.idSource;
  }

  /** Runs a free-play action (in the scenario format) in the core and shows its first step. */
  function perform(label, action) {
    if (player.replaying) {
      fatal(W.stillReplaying);
      return false;
    }
    clearFatal();
    // An action joins the single timeline: a fork shown beside it closes first, at the same step.
    forkView?.close();
    // The drawer an action came from closes: the figure is what to watch now.
    for (const drawer of root.querySelectorAll('.tools-drawer[open]')) drawer.open = false;
    tourLeftNote('');
    if (stepper().tour !== null) {
      // Saying so matters: the tour box vanishes and Next no longer runs tour steps.
      const note = stepper().leftNote();
      leaveTour();
      tourLeftNote(note);
    }
    // In a token world the core words the label: there is no session to copy, revoke or end.
    if (player.playground.settings.mechanism === 'token') label = player.playground.labelOf(action);
    let trace;
    try {
      trace = player.playground.run(action);
    } catch (error) {
      fatal(W.didNotWork(error.message ?? error));
      return false;
    }
    // Free play's first action, like a tour's first step, brings the whole figure on screen.
    if (timeline().length === 0) revealFigure();
    // The timeline is never rewritten: from an earlier step, the action joins the end, and the page says so.
    const behind = timeline().length > 0 && !stepper().atEnd ? { at: pos() + 1, last: timeline().length } : null;
    player.log.actions.push({ label, action });
    timeline().moveTo(timeline().appendTrace(trace.steps, player.playground.stepCount, label, null, player.log.actions.length));
    show(true);
    if (behind) tourLeftNote([$('tour-left').textContent, joinedAtEnd(label, behind.at, behind.last)].filter(Boolean).join(' '));
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
    fatal(refusedIdsMessage(fresh));
  }

  /** The note that says a tour was left for free play; empty hides it. */
  function tourLeftNote(text) {
    // The live region stays in the page (empty, it takes no room) so screen readers announce the text.
    $('tour-left').textContent = text;
  }

  /** Free play from here on: the world and the timeline stay as they are. */
  function leaveTour() {
    player.playground.unloadScenario();
    stepper().leave();
    $('tour').value = '';
    renderTour();
  }

  /** A new world at rest; `firstDraw` (the mount's) leaves the narration's measure to the next frame (dock.js). */
  function startOver(narration = idleText(stepper().controls), { firstDraw = false } = {}) {
    stop();
    // A new world: a fork of the old one goes, with nowhere to return to.
    forkView?.close({ stay: true });
    tourLeftNote('');
    // A new world: its timeline starts again from step 0, and none of its IDs has been refused yet.
    stepper().clear();
    player.refusalsReported = 0;
    player.shown = 'laptop';
    player.log = { settings: player.startSettings, tour: stepper().tour?.key ?? null, ran: 0, actions: [] };
    updateCopyTargets();
    showSettings(player.playground.settings);
    showIdSource();
    showIdle(player.playground.snapshot(), narration, player.shown);
    fitNarration(root, { beforeNextFrame: firstDraw });
    renderTour();
    updateControls();
  }

  function reset() {
    clearFatal();
    player.playground.reset();
    if (stepper().tour !== null) {
      stepper().restart();
      startOver(stepper().tour.intro(stepper().controls));
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
    const { tour } = stepper();
    if (tour === null) {
      // An unknown tour has said so already.
      if (!tourAsked) fatal(stepWithoutTour(raw, given, TOUR_LIST, Boolean(options.attributes)));
      return;
    }
    const open = stepToOpen(raw, given, tour.total);
    if (!open.hold) {
      fatal(open.problem);
      return;
    }
    while (tour.ran < open.run) {
      if (!runTourStep(null, { drawn: tour.ran + 1 >= open.run })) {
        // A step that could not run (the page says why): the figure shows where the ones before it left the world.
        if (timeline().length > 0) tourStepShown();
        return;
      }
    }
    holdCard();
    // A scenario shown forked opens its fork at the same step.
    if (forkView.isOpen()) forkView.open();
    if (open.problem) fatal(open.problem);
  }

  /**
   * The one place a built-in tour is loaded: its file is fetched from
   * scenarios/ (www/tours.js; at once if it has arrived already, so then the
   * tour loads before this returns) and the core loads its text and returns
   * what it says about it (title, summary, steps). Resolves to null for a
   * key that names no tour, and to undefined if `stale()` says a later
   * choice came while the file was on its way (the core is then left
   * alone); rejects if the file cannot be fetched or read.
   */
  async function loadTourInfo(key, stale = () => false) {
    if (!isTour(key)) return null;
    const text = tourTextNow(key) ?? (await fetchTourText(key));
    if (stale()) return undefined;
    return player.playground.loadScenario(text);
  }

  /** Picks a tour by key ('' is free play); resolves once it is loaded (or said to be unknown). */
  async function chooseTour(key, clear = true, focus = clear) {
    if (clear) clearFatal();
    // Only the latest choice counts: one made while an earlier tour loads wins.
    const choice = ++player.tourChoices;
    if (key === '') {
      // Free play starts fresh, with the default settings (not the last tour's).
      if (stepper().tour !== null) leaveTour();
      player.playground.configure(player.defaults);
      player.startSettings = player.defaults;
      startOver();
      return;
    }
    let info;
    try {
      info = await loadTourInfo(key, () => choice !== player.tourChoices);
    } catch (error) {
      if (choice !== player.tourChoices) return;
      $('tour').value = stepper().tour?.key ?? '';
      fatal(W.tourCouldNotLoad(key, error.message ?? error));
      return;
    }
    if (choice !== player.tourChoices) return;
    if (info === null) {
      $('tour').value = '';
      const keys = TOUR_LIST.map((t) => t.key);
      const meant = closestName(key, keys);
      const pick = meant !== null ? W.didYouMean(meant) : stepper().controls === 'full' ? W.pickFromList : W.theToursAre(keys);
      fatal(W.noSuchTour(key, pick));
      return;
    }
    startTour(new Tour(key, info));
    if (focus) startHere();
  }

  /** A tour or scenario is loaded: its first card on the empty stage. */
  function startTour(tour) {
    stepper().load(tour);
    startOver(tour.intro(stepper().controls));
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
      settingsError(W.badSettings(error.message ?? error));
      return;
    }
    if (stepper().tour !== null) leaveTour();
    $('settings-panel').open = false;
    startOver();
  }

  /** A preset change fills in that preset's defaults, before applying. */
  function previewPreset() {
    let settings;
    try {
      settings = player.playground.presetSettings($('preset').value);
    } catch (error) {
      settingsError(W.badPreset(error.message ?? error));
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
    for (const tour of TOUR_LIST) $('tour').append(new Option(tour.title, tour.key));
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
    const entry = timeline().current;
    if (entry) renderStep(entry.step, { index: pos(), total: timeline().length, label: entry.label }, player.shown);
    else showIdle(player.playground.snapshot(), $('narration').textContent, player.shown);
  }

  function setInspect(mode) {
    player.inspect = mode;
    prefs.rememberInspect(mode);
    $('show-plain').setAttribute('aria-pressed', String(mode === 'plain'));
    $('show-raw').setAttribute('aria-pressed', String(mode === 'raw'));
    const entry = timeline().current;
    if (entry) renderInspector(entry.step, mode);
  }

  /** Loads a built-in tour by key, or a scenario from its JSON text; resolves to false (and a visible message) if it cannot. */
  async function loadScenario(scenario) {
    const loaded = await loadScenarioOnly(scenario);
    // A scenario may ask to be seen forked ("fork": "tokens").
    if (loaded && stepper().tour?.info.fork) await forkView.open(0);
    return loaded;
  }

  async function loadScenarioOnly(scenario) {
    if (scenario.key !== undefined) {
      $('tour').value = scenario.key;
      await chooseTour(scenario.key, false);
      return stepper().tour?.key === scenario.key;
    }
    let info;
    try {
      info = player.playground.loadScenario(scenario.text);
    } catch (error) {
      fatal(W.scenarioCouldNotLoad(scenario.source, error.message ?? error));
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
    startTour(new Tour(null, info, scenario.text));
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
        fatal(W.sharedIdsRefused(error.message ?? error));
        return false;
      }
    };
    if (log.tour) {
      if (!(await loadScenarioOnly({ key: log.tour }))) return false;
      replayIds();
      while (stepper().tour.ran < log.ran) {
        if (!runTourStep(null)) return false;
      }
    } else {
      try {
        player.playground.configure(log.settings);
      } catch (error) {
        fatal(W.sharedSettingsRefused(error.message ?? error));
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
    if (Number.isInteger(log.fork)) await forkView.open(log.fork - 1);
    return true;
  }

  /**
   * Replays a shared link's free-play actions (replay.js), showing between
   * chunks how far it has got; clicks wait until it is done. False (and a
   * visible message) if an action fails.
   */
  async function replayActions(actions) {
    if (actions.length === 0) return true;
    // The link left its tour for free play, as the reader did.
    if (stepper().tour !== null) leaveTour();
    const progress = $('boot');
    player.replaying = true;
    let ok = true;
    try {
      // Only a shared link replays: its module comes with the first one (www/replay.js).
      const { replayInChunks } = await import('./replay.js');
      const failed = await replayInChunks({
        engine: player.playground,
        timeline: timeline(),
        log: player.log.actions,
        actions,
        now: () => performance.now(),
        async pause(done, total) {
          progress.textContent = W.replaying(count(done), count(total));
          progress.hidden = false;
          await yieldToPage();
        },
      });
      if (failed !== null) {
        fatal(W.sharedActionFailed(failed.done + 1, actions.length, failed.label, failed.message));
        ok = false;
      }
    } catch (error) {
      fatal(W.sharedCouldNotReplay(error.message ?? error));
      ok = false;
    } finally {
      player.replaying = false;
      progress.hidden = true;
    }
    if (timeline().length > 0) goTo(timeline().length - 1);
    return ok;
  }

  /** goTo(n): in a tour, its step n (run up to it if need be); in free play, step n of the timeline. */
  function goToStep(n) {
    const problem = stepper().goToProblem(n);
    if (problem !== null) {
      fatal(problem);
      return false;
    }
    stop();
    const { tour } = stepper();
    if (tour === null) {
      goTo(n - 1);
      return true;
    }
    while (tour.ran < n) {
      if (!runTourStep(null)) return false;
    }
    stepper().moveToTourStep(n);
    show();
    holdCard();
    return true;
  }

  /** The moment as plain data, for the host page and for shared links. */
  function state() {
    const entry = timeline().current ?? null;
    const { tour } = stepper();
    return {
      position: pos() + 1,
      total: timeline().length,
      label: entry?.label ?? null,
      narration: entry ? entry.step.narration : $('narration').textContent,
      scenario: tour === null ? null : { key: tour.key, title: tour.info.title, step: stepper().tourStepNow, ran: tour.ran, steps: tour.total, ended: Boolean(tour.ended) },
      atStepStart: stepper().atStepStart,
      action: entry?.action ?? null,
      settings: player.playground.settings,
      world: entry ? entry.step.state : player.playground.snapshot(),
      playing: player.timer !== null,
      shown: player.shown,
      log: { ...player.log, actions: player.log.actions.slice(), ids: player.playground.drawnIds, pos: pos() + 1, shown: player.shown, ...(forkView?.isOpen() ? { fork: forkView.row() + 1 } : {}) },
    };
  }

  /** Sets how the controls show: full, minimal (stepping only) or none. */
  function setControls(mode) {
    applyControlsMode(mode);
    // Before the first step the narration points at controls: it follows the change.
    if (player.playground && timeline().length === 0) {
      const { tour } = stepper();
      showIdle(player.playground.snapshot(), tour === null ? idleText(mode) : tour.intro(mode), player.shown);
      fitNarration(root);
      updateControls();
    }
  }

  /** The controls' mode on the stepper and the wrapper's class, without drawing (the mount draws once, in startOver). */
  function applyControlsMode(mode) {
    stepper().controls = mode;
    const wrap = options.controlsTarget;
    wrap.classList.remove('controls-minimal', 'controls-none');
    if (mode !== 'full') wrap.classList.add(`controls-${mode}`);
  }

  // Start.
  const seed = options.seed ?? null;
  const recorded = options.recorded ?? null;
  player.playground = recorded ?? (seed === null ? new Playground() : Playground.withSeed(seed));
  player.stepper = new Stepper(new Timeline((at) => player.playground.stepAt(at)));
  player.presets = recorded?.recording.presets ?? Playground.presets();
  player.limits = recorded?.recording.limits ?? Playground.limits();
  player.defaults = seed === null ? { preset: 'generic' } : { preset: 'generic', seed };
  // An empty preset="" is a mistake to report, as controls="" is, not an absent attribute.
  if (options.preset !== undefined && options.preset !== null) {
    const wanted = { ...player.defaults, preset: options.preset };
    try {
      player.playground.configure(wanted);
      player.defaults = wanted;
    } catch (error) {
      fatal(W.presetCannotBeUsed(options.presetSource ?? W.thePreset, error.message ?? error));
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
    goTo(timeline().length - 1);
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
    forward: () => stepper().nextWorks && next(),
    back,
    first,
    last,
    scrubTo(index) {
      stop();
      goTo(index);
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
    if (pos() >= 0 && player.animation === null) draw(timeline().current.step);
  });
  resized.observe($('stage'));
  const printing = printOnDemand($('print-transcript'), () => transcript(timeline(), pos()));
  forkView = forkOnDemand(root, {
    playground: () => player.playground,
    position: () => pos(),
    total: () => timeline().length,
    tourRan: () => stepper().tour?.ran ?? null,
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
  tokenDrawerOnDemand(root, player.limits, () => player.playground.settings);
  $('speed').value = prefs.speed(options.speed ?? null);
  setSpeed($('speed').value);
  setInspect(prefs.inspect());
  // The idle stage is drawn once, by startOver, in the controls' mode (setControls would draw it a first time).
  applyControlsMode(options.controls ?? 'full');
  startOver(undefined, { firstDraw: true });
  $('boot').hidden = true;

  return {
    /** The engine has arrived: it takes over from the tour's recording, in the world the reader is in. */
    engineArrived() {
      const engine = new Playground();
      try {
        player.playground = recorded.replayOn(engine, { presets: Playground.presets(), limits: Playground.limits() });
      } catch (error) {
        engine.free();
        throw error;
      }
    },
    loadScenario,
    openAtStep,
    report: fatal,
    clearReports: clearFatal,
    restore,
    /** Fetches, once the browser is idle, what the page may need without a press: the printed transcript's writer. */
    loadWhenIdle: () => printing.loadWhenIdle(),
    next() {
      if (stepper().nextWorks) next();
    },
    back,
    goTo: goToStep,
    /** Runs an action in the scenario format; false (and a visible message) if it is not one. */
    run(action) {
      let label;
      try {
        label = Playground.actionLabel(action);
      } catch (error) {
        fatal(W.notAnAction(error.message ?? error));
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
      printing.stop();
      player.playground.free();
    },
  };
}
