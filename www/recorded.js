// A tour, recorded: what the engine answers while a reader walks a built-in
// tour from a fresh world, written by the engine itself when the site is
// built (scripts/record-tours.mjs writes each into the site as a module:
// the first tour's as www/first-tour.js, which index.html asks for at once,
// every other as www/recordings/<key>.js, which a page naming that tour
// imports). The page opens on it before the engine's wasm has arrived: Next, Back,
// Play and the tour's answers are served from the recording, so a reader can
// start the tour after a few dozen kilobytes; everything else waits for the
// engine, kept and shown as starting (stage.js). When the engine arrives, the
// calls made so far are made again on it, each answer checked against the
// recording, and the engine takes over where the reader is. Nothing here
// decides anything: every value is one the engine gave.

import { WORDS } from './text/index.js';

const W = WORDS.recorded;

/** The recording's format: a file of another format is not read (the page waits for the engine). */
export const RECORDING_VERSION = 1;

/** A call the recording cannot answer: the press that led to it should have waited for the engine. */
export class NotRecorded extends Error {
  constructor(call) {
    super(W.notRecorded(call));
    this.name = 'NotRecorded';
  }
}

/** The same scenario, however its file is spaced: its JSON text with no whitespace. */
const sameScenario = (text, scenario) => {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(scenario);
  } catch {
    return false;
  }
};

/**
 * Stands in for `new Playground()` on a fresh page (or one naming a built-in
 * tour), answering from a recording: `states[0]` is the fresh world,
 * `states[1]` the world with the tour loaded, and each later one the world after one more of its
 * steps (`ran`, what `nextScenarioStep()` returned). Reads answer from the
 * state the world is in; the two calls that move it on move it on; any other
 * call throws `NotRecorded`.
 */
export class RecordedPlayground {
  constructor(recording) {
    this.recording = recording;
    this.at = 0;
    /** The calls that changed the world, as `[method, ...args]`, with what each returned. */
    this.journal = [];
    /** Every step of the tour's timeline, in order: the steps of each tour step's trace. */
    this.steps = recording.states.flatMap((state) => state.ran?.trace.steps ?? []);
  }

  get state() {
    return this.recording.states[this.at];
  }

  get settings() {
    return this.state.settings;
  }

  get idSource() {
    return this.state.idSource;
  }

  get stepCount() {
    return this.state.stepCount;
  }

  get drawnIds() {
    return this.state.drawnIds.slice();
  }

  get refusedIds() {
    return this.state.refusedIds.slice();
  }

  snapshot() {
    return this.state.snapshot;
  }

  presetSettings(key) {
    if (key !== this.state.settings.preset) throw new NotRecorded(`presetSettings(${JSON.stringify(key)})`);
    return this.state.presetSettings;
  }

  stepAt(index) {
    if (!(index >= 0 && index < this.stepCount)) throw new NotRecorded(`stepAt(${index})`);
    return this.steps[index];
  }

  loadScenario(text) {
    if (this.at !== 0 || !sameScenario(text, this.recording.scenario)) throw new NotRecorded(W.anotherScenario);
    this.at = 1;
    return this.changed(['loadScenario', text], this.recording.info);
  }

  nextScenarioStep() {
    if (this.at === 0) throw new NotRecorded(W.beforeTheTour);
    // After the tour's last step the engine answers null and the world stays as it is.
    if (this.at + 1 === this.recording.states.length) return this.changed(['nextScenarioStep'], null);
    this.at += 1;
    return this.changed(['nextScenarioStep'], this.state.ran);
  }

  changed(call, result) {
    this.journal.push({ call, result });
    return result;
  }

  /** Nothing to release: the recording is plain data. */
  free() {}

  /**
   * Makes every call that changed this world again on `engine` (a fresh
   * `new Playground()`), in order, and returns it, now in the same world.
   * Throws if the engine answers anything other than the recording did: in
   * its class's `presets` and `limits` (what the forms were filled from), in
   * those calls, or in what the player reads of the world they leave (its
   * settings, snapshot, steps and preset): the recording was made by another
   * build of the engine.
   */
  replayOn(engine, { presets, limits }) {
    const same = (name, answer, recorded) => {
      if (JSON.stringify(answer) !== JSON.stringify(recorded)) throw new Error(W.differs(name));
    };
    same('presets', presets, this.recording.presets);
    same('limits', limits, this.recording.limits);
    for (const { call, result } of this.journal) {
      const [method, ...args] = call;
      same(method, engine[method](...args), result);
    }
    const { state } = this;
    same('settings', engine.settings, state.settings);
    same('snapshot', engine.snapshot(), state.snapshot);
    same('stepCount', engine.stepCount, state.stepCount);
    same('presetSettings', engine.presetSettings(state.settings.preset), state.presetSettings);
    return engine;
  }
}

/** Whether `value` is a recording of tour `key` in this format (`''`: of the first tour, whichever it names). */
export function isRecordingOf(value, key) {
  return isRecording(value) && (key === '' || value.tour === key);
}

/** Whether `value` reads as a recording of this format (the file may be anything a server sent). */
export function isRecording(value) {
  const isObject = (thing) => typeof thing === 'object' && thing !== null;
  const isWorld = (state) => isObject(state) && isObject(state.settings) && typeof state.stepCount === 'number' && Array.isArray(state.drawnIds) && Array.isArray(state.refusedIds) && 'snapshot' in state;
  return (
    value?.version === RECORDING_VERSION &&
    isObject(value.scenario) &&
    isObject(value.info) &&
    Array.isArray(value.presets) &&
    isObject(value.limits) &&
    Array.isArray(value.states) &&
    value.states.length >= 2 &&
    value.states.every(isWorld) &&
    value.states.slice(2).every((state) => isObject(state.ran?.trace) && Array.isArray(state.ran.trace.steps))
  );
}
