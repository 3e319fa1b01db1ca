// The page's timeline, as data: no DOM, no timers, no wasm-bindgen. The core
// keeps the world's history (every step can be traced again from it); this
// module keeps what the page needs to walk it: the moments (one Next press
// each) with where their steps sit in the core's timeline, the position, a
// small cache of the steps fetched, and the rules of a long replay's chunks.
//
// A moment is three numbers (its first core step, its step count, the action
// it belongs to), kept in plain arrays; the actions keep their label, their
// tour step and their free-play number. So a shared link of 10,000 actions
// costs a few arrays of numbers, not 30,000 objects, and a `Moment` is built
// only when one is read. Its steps come from `stepAt(i)` (the core's), when
// read; the last few are kept.
//
// The grouping of steps into moments is the core's (`startsMoment` on every
// step, or the sizes it returns for a replay); nothing here decides it.

/** How many of the core's steps are kept at hand: the moment shown, its neighbours, the newest trace. */
export const STEPS_KEPT = 48;

/** Splits a trace's steps into moments by the core's `startsMoment`: the number of steps in each. */
export function momentSizes(steps) {
  const sizes = [];
  steps.forEach((step, i) => {
    if (i === 0 || step.startsMoment === true) sizes.push(0);
    sizes[sizes.length - 1] += 1;
  });
  return sizes;
}

/**
 * A moment's steps folded into one step the view can draw: the state and kind
 * of its last step, its narrations in order, every actor in it, the last
 * message and store operation in it, and the ticket the server holds while it
 * works (read from the Cookie header, or looked up).
 */
export function fold(steps) {
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

/**
 * One moment, as the player reads it: `at` (its first step in the core's
 * timeline), `size` (its steps), `to` (the index of its last step in its
 * action's trace: a verdict names the step that decides it), `label`,
 * `tourStep`, `action` (a free-play action's number, 1, 2, …), `last` (the
 * action's last moment); `steps` and `step` (the fold) from the core, when read.
 */
export class Moment {
  constructor(timeline, index) {
    const owner = timeline.actions[timeline.owners[index]];
    this.timeline = timeline;
    this.index = index;
    this.at = timeline.starts[index];
    this.size = timeline.sizes[index];
    this.to = this.at - owner.first + this.size - 1;
    this.label = owner.label;
    this.tourStep = owner.tourStep;
    this.action = owner.action;
    this.last = index === timeline.length - 1 || timeline.owners[index + 1] !== timeline.owners[index];
  }

  get steps() {
    return Array.from({ length: this.size }, (_, i) => this.timeline.coreStep(this.at + i));
  }

  get step() {
    return this.timeline.folded(this);
  }
}

/**
 * Every moment shown so far, the position in them, and the steps fetched.
 * `stepAt(i)` gives the core's step `i` (the playground's `stepAt`).
 */
export class Timeline {
  constructor(stepAt) {
    this.stepAt = stepAt;
    this.clear();
  }

  /** A new world: no moments, position before the first, nothing fetched. */
  clear() {
    /** Per moment: its first core step, its number of steps, its action (an index into `actions`). */
    this.starts = [];
    this.sizes = [];
    this.owners = [];
    /** Per action: { first (its first core step), label, tourStep, action }. */
    this.actions = [];
    /** The moment shown, or -1 before any. */
    this.pos = -1;
    this.fetched = new Map();
    this.lastFold = { index: -1, step: null };
  }

  /** How many moments there are. */
  get length() {
    return this.starts.length;
  }

  get atEnd() {
    return this.pos === this.length - 1;
  }

  /** Moment `index`, or undefined outside the timeline. */
  at(index) {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    return new Moment(this, index);
  }

  /** The moment shown, or undefined before any. */
  get current() {
    return this.at(this.pos);
  }

  /** Moves to moment `index`, kept within the timeline; returns the moment, or undefined if there is none. */
  moveTo(index) {
    if (this.length === 0) return undefined;
    this.pos = Math.max(0, Math.min(index, this.length - 1));
    return this.current;
  }

  /**
   * Adds one action's moments: `sizes` (steps in each), from the core's step
   * `first`. Returns the index of its first moment.
   */
  append(first, sizes, label, tourStep = null, action = null) {
    const start = this.length;
    const owner = this.actions.length;
    this.actions.push({ first, label, tourStep, action });
    let at = first;
    for (const size of sizes) {
      this.starts.push(at);
      this.sizes.push(size);
      this.owners.push(owner);
      at += size;
    }
    return start;
  }

  /** Adds an action just run from its whole trace, whose steps end the core's timeline at `end`; they are kept, to be shown next. */
  appendTrace(steps, end, label, tourStep = null, action = null) {
    const first = end - steps.length;
    steps.forEach((step, i) => this.keep(first + i, step));
    return this.append(first, momentSizes(steps), label, tourStep, action);
  }

  /**
   * Adds a replay's actions in bulk, as the core's `replayActions` returned
   * them: `moments[i]`, action i's moments as step counts; `items[i]` its
   * `{ label }`; from the core's step `first`; free-play numbers from `number`.
   */
  appendReplayed(first, moments, items, number) {
    let at = first;
    moments.forEach((sizes, i) => {
      this.append(at, sizes, items[i].label, null, number + i);
      for (const size of sizes) at += size;
    });
    return at;
  }

  /** The tour steps the timeline holds, in order, once each (a tour step's action may be several moments). */
  tourSteps() {
    return this.actions.filter((a) => a.tourStep).map((a) => a.tourStep);
  }

  /** The first moment of tour step `index` (from 0), or -1. */
  firstMomentOfTourStep(index) {
    const owner = this.actions.findIndex((a) => a.tourStep?.index === index);
    return owner < 0 ? -1 : this.owners.indexOf(owner);
  }

  keep(at, step) {
    this.fetched.set(at, step);
    if (this.fetched.size > STEPS_KEPT) this.fetched.delete(this.fetched.keys().next().value);
  }

  /** The core's step `at`, fetched once and kept while it is recent. */
  coreStep(at) {
    if (!this.fetched.has(at)) this.keep(at, this.stepAt(at));
    return this.fetched.get(at);
  }

  /** A moment's fold, kept for the last moment asked: it is read many times while it is shown. */
  folded(moment) {
    if (this.lastFold.index !== moment.index) this.lastFold = { index: moment.index, step: fold(moment.steps) };
    return this.lastFold.step;
  }
}

/**
 * The size of a long replay's next chunk of actions, so each takes about
 * `budgetMs`: scaled by how long the last `chunk` took (`spentMs`), at most
 * doubling, between 16 and 4,096 actions. Deterministic, for any machine's speed.
 */
export function nextChunk(chunk, spentMs, budgetMs) {
  const spent = Math.max(1, spentMs);
  return Math.max(16, Math.min(2 * chunk, 4096, Math.round((chunk * budgetMs) / spent)));
}
