// The guided tour's state machine, as data: no DOM, no timers, no engine
// import. It holds the timeline (timeline.js), the loaded tour or scenario (a
// `Tour`: its key, what the core said about it when it loaded, how many of its
// steps have run) and the card held at a step the reader opened directly, and
// it decides what a press of Next does, what Back does, what answering a
// question does, what a restart resets, where "go to step n" lands, and what
// the tour card must show. The engine comes in as an argument
// (`nextScenarioStep()` and `stepCount`, the playground's), so the tests feed
// a fake one; whatever happens in a step is the engine's to say.
//
// A tour runs one step at a time: stepping past the timeline's end runs the
// tour's next action, once the reader has had the chance to answer its
// question (the card asks it while the step is still to come). The answer
// goes with the step into the timeline, and the verdict shows from the moment
// the core names as deciding it.
//
// The words the card and the empty stage say depend on which controls show
// (`full`, `minimal` or `none`): they only point at what is there.

import { FIRST_TOUR } from './compile.js';
import { WORDS } from './text/index.js';

const W = WORDS.tour;

// The tour a first-time reader is offered: Next on the empty stage starts it (defined beside
// what a page needs first, for start.js, which may import little).
export { FIRST_TOUR };

/**
 * The empty stage's invitation. It names only the controls that are shown:
 * `full` has Next and Log in, `minimal` only the stepper, and with `none`
 * the host page drives (its own buttons, whatever they are called).
 */
const IDLE_TEXT = W.idle;
const EMPTY_STAGE = W.emptyStage;
/** The tour's last card: going back is the stepper's (full and minimal), another tour or free play only where the toolbar and the login form show. */
const TOUR_END = W.tourEnd;
/** A loaded tour's first card ends by pointing at the button that starts it, where there is one. */
const TOUR_BEGIN = W.tourBegin;

/** The empty stage's narration, for the controls shown. */
export function idleText(controls) {
  return [EMPTY_STAGE, IDLE_TEXT[controls]].filter(Boolean).join(' ');
}

/** A value as a call's argument is written: NaN, Infinity, 10n, "3", undefined, a Symbol. */
export function quoteValue(value) {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return W.aFunction;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return W.anObject;
  }
}

/**
 * A loaded tour or scenario: `key` (null for an author's own scenario, whose
 * JSON is `text`), `info` (what the core's `loadScenario`
 * returned: title, summary, steps), how many steps have run, and whether the
 * reader has been told it ended.
 */
export class Tour {
  constructor(key, info, text = null) {
    this.key = key;
    this.info = info;
    this.text = text;
    this.ran = 0;
    this.ended = false;
  }

  get total() {
    return this.info.steps.length;
  }

  /** Whether steps are still to run. */
  get left() {
    return this.ran < this.total;
  }

  /** The first card: the title and summary, and the button that begins. */
  intro(controls) {
    return W.firstCard(this.info.title, this.info.summary, TOUR_BEGIN[controls]);
  }
}

/**
 * A tour step as the timeline keeps it: what the core said when it ran it
 * (`ran`, from `nextScenarioStep`) and the reader's guess (a choice's index,
 * or null when the step asked nothing or was run without asking).
 */
export function tourStepOf(ran, info, guess) {
  return {
    index: ran.index,
    title: ran.title ?? info.steps[ran.index]?.title ?? null,
    say: ran.say,
    ask: ran.ask,
    choices: ran.choices,
    correctChoice: ran.correctChoice,
    verdict: ran.verdict ?? null,
    guess,
    label: ran.action,
  };
}

/** The verdict on an answered (or unanswered) question: its text, and `right`, `wrong` or `` (no guess). */
function verdictOf(step) {
  const right = step.choices[step.correctChoice]?.label ?? '';
  const why = step.verdict?.reason ? ` ${step.verdict.reason}` : '';
  if (step.guess === null) return { text: W.theAnswer(right, why), tone: '' };
  const guessed = step.choices[step.guess].label;
  if (step.guess === step.correctChoice) return { text: W.answeredRight(guessed, why), tone: 'right' };
  return { text: W.answeredWrong(guessed, right, why), tone: 'wrong' };
}

/**
 * The stepper: the timeline, the tour (null in free play), the held card and
 * the controls shown. Every decision about moving through a tour is here; the
 * player draws what it says.
 */
export class Stepper {
  constructor(timeline) {
    this.timeline = timeline;
    /** The loaded tour or scenario, or null in free play. */
    this.tour = null;
    /** The position whose tour card shows its own step rather than the one to come (see `hold`). */
    this.heldCard = null;
    /** Which controls show: full, minimal or none (messages only point at what is there). */
    this.controls = 'full';
  }

  get pos() {
    return this.timeline.pos;
  }

  /** At the timeline's last moment (or on the empty stage). */
  get atEnd() {
    return this.pos === this.timeline.length - 1;
  }

  /** Whether a tour is loaded with steps still to run. */
  get tourLeft() {
    return this.tour !== null && this.tour.left;
  }

  /** Whether the tour card shows the step shown, held there (see `hold`). */
  get held() {
    return this.tour !== null && this.heldCard === this.pos;
  }

  /** Whether Next has somewhere to go: a later moment, a tour step to run, or a held card to let go. */
  get canForward() {
    return !this.atEnd || this.tourLeft || (this.held && this.atEnd);
  }

  /** The tour step Next would run (as the loaded tour lists it), or null. */
  get upcoming() {
    return this.tourLeft && this.atEnd ? this.tour.info.steps[this.tour.ran] : null;
  }

  /** On the empty stage in free play, Next starts the first tour: one obvious way in. */
  get offersFirstTour() {
    return this.tour === null && this.timeline.length === 0 && this.controls !== 'none';
  }

  /** Whether a press of Next does anything (the first tour counts). */
  get nextWorks() {
    return this.canForward || this.offersFirstTour;
  }

  /** The Next button's words. */
  get nextLabel() {
    if (this.offersFirstTour) return W.nextFirstTour;
    return this.atEnd && this.tourLeft ? W.nextTourStep : W.nextStep;
  }

  /** A tour is loaded: nothing of it has run. */
  load(tour) {
    this.tour = tour;
    this.heldCard = null;
  }

  /** Free play from here on: the timeline stays as it is. */
  leave() {
    this.tour = null;
  }

  /** A new world: an empty timeline, no card held; the tour, if any, is to be told of its end again. */
  clear() {
    this.timeline.clear();
    this.heldCard = null;
    if (this.tour !== null) this.tour.ended = false;
  }

  /** Starts the tour again from its first step (the engine's world has been reset). */
  restart() {
    if (this.tour !== null) this.tour.ran = 0;
    this.clear();
  }

  /**
   * A press of Next, decided and done as far as data goes. Returns what
   * happened, for the player to draw: `first-tour` (load FIRST_TOUR and run
   * its first step; the player loads it), `forward` (the next moment is
   * shown), `release` (a held card lets go: the coming step's question, or the
   * tour's end, shows before anything runs), `run` (the tour's next step ran
   * and its first moment is shown), or `none`. Throws what the engine throws
   * when a step cannot run.
   */
  next(engine) {
    if (this.offersFirstTour) return 'first-tour';
    if (!this.atEnd) {
      this.timeline.moveTo(this.pos + 1);
      return 'forward';
    }
    if (this.held && (!this.tourLeft || this.upcoming.ask)) {
      this.heldCard = null;
      return 'release';
    }
    if (this.tourLeft) return this.runStep(engine, null) ? 'run' : 'none';
    return 'none';
  }

  /** Whether Play stops after a press: where there is nothing left, or where the reader should answer first. */
  stopsPlay(playing) {
    return !this.canForward || Boolean(this.upcoming?.ask && playing);
  }

  /** Back one moment; false on the first. */
  back() {
    if (this.pos <= 0) return false;
    this.timeline.moveTo(this.pos - 1);
    return true;
  }

  /**
   * Runs the tour's next step in the engine with the reader's answer (a
   * choice's index, or null) and adds its trace to the timeline, showing its
   * first moment. Returns the tour step, or null when the tour had none left.
   */
  runStep(engine, guess) {
    const ran = engine.nextScenarioStep();
    if (ran === null) return null;
    this.tour.ran = ran.index + 1;
    const tourStep = tourStepOf(ran, this.tour.info, guess);
    this.timeline.moveTo(this.timeline.appendTrace(ran.trace.steps, engine.stepCount, ran.action, tourStep));
    return tourStep;
  }

  /** An answer to the coming step's question: the step runs with it. */
  answer(engine, choice) {
    return this.runStep(engine, choice);
  }

  /**
   * Opened at a tour step (step="N", goTo(N)), the card shows that step's own
   * title and sentence, even when the step is a single moment and so the
   * timeline's last, where the card would otherwise already show the step to
   * come. The next Next press lets go: it shows the coming step's question
   * first, if it has one, else runs that step.
   */
  hold() {
    this.heldCard = this.pos;
  }

  /** Moves to the first moment of tour step `number` (from 1), already run; the moment, or undefined. */
  moveToTourStep(number) {
    return this.timeline.moveTo(this.timeline.firstMomentOfTourStep(number - 1));
  }

  /** Whether the tour has just been seen to its end, told once (the `scenario-end` event). */
  endsNow() {
    const tour = this.tour;
    if (tour === null || tour.ended || this.tourLeft || !this.atEnd) return false;
    tour.ended = true;
    return true;
  }

  /** The reader's answers to the tour's questions so far. */
  answers() {
    return this.timeline
      .tourSteps()
      .filter((tourStep) => tourStep.choices.length > 0)
      .map((tourStep) => ({ step: tourStep.index + 1, guess: tourStep.guess, correct: tourStep.correctChoice }));
  }

  /** The tour step (1-based) the reader is at, or null. */
  get tourStepNow() {
    const entry = this.timeline.current;
    return entry?.tourStep ? entry.tourStep.index + 1 : null;
  }

  /** Whether the moment shown is the first of its tour step. */
  get atStepStart() {
    const entry = this.timeline.current;
    return Boolean(entry?.tourStep) && this.timeline.at(this.pos - 1)?.tourStep?.index !== entry.tourStep.index;
  }

  /** Timeouts show on the coats once they matter: in a tour about them, or once time has passed. */
  showsTimes(state) {
    return (this.tour?.key ?? '').includes('timeout') || state.now.ms > 0;
  }

  /**
   * What the tour card shows, as data: null in free play, else the tour's
   * `name`, the `position` line, the step's `title` (or null), what it says
   * (`say`), the `verdict` (null, or its text and tone) and the `question`
   * still to answer (null, or its text and the choices' labels).
   */
  card() {
    const tour = this.tour;
    if (tour === null) return null;
    const { info } = tour;
    const entry = this.timeline.current;
    const coming = this.held ? null : this.upcoming;
    const current = entry?.tourStep ?? null;
    const finished = !this.held && this.atEnd && !this.tourLeft && this.timeline.length > 0;
    let position = '';
    if (coming) position = W.positionNext(tour.ran + 1, info.steps.length);
    else if (finished) position = W.positionFinished;
    else if (current) position = W.position(current.index + 1, info.steps.length);
    // The verdict shows from the moment that decides it (the core names that step), with the reason.
    const decided = current?.verdict ? entry.to >= current.verdict.decidedAt : entry?.last;
    const verdict = current && decided && current.choices.length > 0 ? verdictOf(current) : null;
    const say = coming ? (coming.say ?? W.nextAction(coming.action)) : finished ? TOUR_END[this.controls] : current ? (current.say ?? current.label) : '';
    // A tour step may have a title of its own; the card shows it when it does.
    const titled = coming ?? (finished ? null : current);
    const question = coming?.ask ? { text: W.thinkFirst(coming.ask), choices: coming.choices.map((choice) => choice.label) } : null;
    return { name: info.title, position, title: titled?.title || null, say, verdict, question };
  }

  /**
   * The note shown when a free-play action leaves the tour: which tour, where
   * in it, and (where the tour list shows) how to start it again.
   */
  leftNote() {
    const { info, ran } = this.tour;
    const where = !this.tourLeft ? W.leftAfterLast : ran === 0 ? W.leftBeforeFirst : W.leftAfter(ran, info.steps.length);
    // Only point at the tour list where the reader can see it.
    const again = this.controls === 'full' ? W.pickAgain : '';
    return W.leftTour(info.title, where, again);
  }

  /**
   * Why goTo(n) cannot go where asked (the message), or null: a step number
   * counts from 1 and lies within the tour (in a tour) or the timeline (in
   * free play).
   */
  goToProblem(n) {
    if (!Number.isInteger(n)) return W.goToNotANumber(quoteValue(n));
    if (n < 1) return W.goToBelowOne(quoteValue(n));
    if (this.tour === null) return n > this.timeline.length ? W.goToPastTimeline(quoteValue(n), this.timeline.length) : null;
    return n > this.tour.total ? W.goToPastTour(quoteValue(n), this.tour.total) : null;
  }
}

/**
 * ?step=N or step="N" (as `given` writes it) without a tour: the message,
 * with an example that works. The example is a tour that has that step (the
 * revocation tour if it is long enough), from `tours` (`TOUR_LIST` of www/tour-list.js);
 * `attributes` says the author writes attributes, not an address.
 */
export function stepWithoutTour(raw, given, tours, attributes) {
  const number = /^[1-9]\d*$/.test(raw);
  const wanted = number ? Number(raw) : 2;
  const fits = tours.filter((t) => t.steps >= wanted);
  const tour = fits.find((t) => t.key === 'revocation') ?? fits[0] ?? tours.reduce((a, b) => (b.steps > a.steps ? b : a));
  const step = !number ? '2' : fits.length > 0 ? raw : String(tour.steps);
  const fix = attributes ? W.fixWithAttribute(tour.key, step) : W.fixWithAddress(tour.key, step);
  const none = fits.length > 0 ? '' : W.noTourThatLong(raw, tour.key, tour.steps);
  return W.stepWithoutTour(given, none, fix);
}

/**
 * ?step=N in a tour of `total` steps: `{ run }`, how many steps to run before
 * holding the card, and `problem`, a message or null. A bad number runs none
 * (the tour starts at its beginning); a number past the end runs them all.
 */
export function stepToOpen(raw, given, total) {
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return { run: 0, hold: false, problem: W.notAStepNumber(given) };
  const wanted = Number(raw);
  // The step as written: a number past 2^53 would print rounded (100000000000000000000).
  const problem = wanted > total ? W.pastTheEnd(total, raw) : null;
  return { run: Math.min(wanted, total), hold: true, problem };
}
