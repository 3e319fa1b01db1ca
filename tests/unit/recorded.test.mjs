// Unit tests (node's test runner, no browser, no wasm) for www/recorded.js:
// a tour's recording standing in for the engine before it arrives, fed
// a small recording of a two-step tour, and handing over to a fake engine
// that answers as the recording did (or, built elsewhere, does not); and for
// compile.js's reading of the address: which pages open on the recording.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotRecorded, RECORDING_VERSION, RecordedPlayground, isRecording } from '../../www/recorded.js';
import { FIRST_TOUR, recordingModule, recordingToOpen } from '../../www/compile.js';
import { RECORDING_MODULE, RECORDINGS } from '../../scripts/module-graph.mjs';

const SCENARIO = { version: 1, title: 'Two steps', settings: { preset: 'generic', seed: 1 }, steps: [{ action: 'login' }, { action: 'visit' }] };
const world = (preset, steps, snapshot) => ({ settings: { preset }, idSource: preset === 'generic' && steps === 0 ? 'CSPRNG' : 'seeded', snapshot, stepCount: steps, drawnIds: [], refusedIds: [], presetSettings: { preset, idleTimeout: 1800 } });
const ran = (index, steps) => ({ index, action: SCENARIO.steps[index].action, trace: { steps } });

/** A fresh world, the tour loaded, then a login (two steps) and a visit (one). */
const RECORDING = {
  version: RECORDING_VERSION,
  tour: 'two-steps',
  scenario: SCENARIO,
  presets: [{ key: 'generic', label: 'Playground default' }],
  limits: { maxServers: 8 },
  info: { title: 'Two steps', steps: 2 },
  states: [
    world('generic', 0, 'empty'),
    world('generic', 0, 'empty, seeded'),
    { ran: ran(0, ['login sent', 'logged in']), ...world('generic', 2, 'alice logged in') },
    { ran: ran(1, ['visited']), ...world('generic', 3, 'alice visited') },
  ],
};

test('the fresh world answers from the first state: settings, snapshot, its preset, no steps', () => {
  const engine = new RecordedPlayground(RECORDING);
  assert.equal(engine.idSource, 'CSPRNG');
  assert.equal(engine.snapshot(), 'empty');
  assert.equal(engine.stepCount, 0);
  assert.deepEqual(engine.presetSettings('generic'), { preset: 'generic', idleTimeout: 1800 });
  assert.deepEqual(engine.journal, [], 'reading changes nothing');
});

test('the tour loads from its text however it is spaced, and each step moves the world on, with its steps for the timeline', () => {
  const engine = new RecordedPlayground(RECORDING);
  assert.deepEqual(engine.loadScenario(JSON.stringify(SCENARIO, null, 2)), RECORDING.info);
  assert.equal(engine.snapshot(), 'empty, seeded');
  assert.deepEqual(engine.nextScenarioStep(), RECORDING.states[2].ran);
  assert.equal(engine.snapshot(), 'alice logged in');
  assert.deepEqual([engine.stepAt(0), engine.stepAt(1)], ['login sent', 'logged in']);
  assert.throws(() => engine.stepAt(2), NotRecorded, 'a step the world has not reached yet');
  engine.nextScenarioStep();
  assert.equal(engine.stepAt(2), 'visited');
  // After the last step the engine answers null and stays where it is.
  assert.equal(engine.nextScenarioStep(), null);
  assert.equal(engine.snapshot(), 'alice visited');
  assert.deepEqual(engine.journal.map((entry) => entry.call[0]), ['loadScenario', 'nextScenarioStep', 'nextScenarioStep', 'nextScenarioStep']);
});

test('anything the recording does not hold throws NotRecorded, and changes nothing', () => {
  const engine = new RecordedPlayground(RECORDING);
  assert.throws(() => engine.nextScenarioStep(), NotRecorded, 'a step before the tour is loaded');
  assert.throws(() => engine.loadScenario(JSON.stringify({ ...SCENARIO, title: 'Another' })), NotRecorded, 'another scenario');
  assert.throws(() => engine.loadScenario('{not json'), NotRecorded, 'text that is not JSON');
  assert.throws(() => engine.presetSettings('django'), NotRecorded, "another preset's settings");
  assert.equal(engine.run, undefined, 'no free-play action: the press waits for the engine');
  assert.equal(engine.configure, undefined);
  assert.deepEqual(engine.journal, []);
  assert.equal(engine.snapshot(), 'empty');
});

/** A fake engine answering each change with `answers[i]`, noting the calls, and reads as the world `world` (the recording's, unless told). */
function fakeEngine(answers, world) {
  const calls = [];
  const answer = (...call) => {
    calls.push(call);
    return answers[calls.length - 1];
  };
  return {
    calls,
    loadScenario: (text) => answer('loadScenario', text),
    nextScenarioStep: () => answer('nextScenarioStep'),
    get settings() {
      return world.settings;
    },
    snapshot: () => world.snapshot,
    get stepCount() {
      return world.stepCount;
    },
    presetSettings: () => world.presetSettings,
  };
}

test('the engine is handed the same calls, in order, and takes over in the same world', () => {
  const recorded = new RecordedPlayground(RECORDING);
  const text = JSON.stringify(SCENARIO);
  recorded.loadScenario(text);
  recorded.nextScenarioStep();
  const engine = fakeEngine([RECORDING.info, RECORDING.states[2].ran], RECORDING.states[2]);
  assert.equal(recorded.replayOn(engine, RECORDING), engine);
  assert.deepEqual(engine.calls, [['loadScenario', text], ['nextScenarioStep']]);
});

test('an engine that answers otherwise than the recording (another build) is refused, naming the call', () => {
  const recorded = new RecordedPlayground(RECORDING);
  recorded.loadScenario(JSON.stringify(SCENARIO));
  recorded.nextScenarioStep();
  const other = fakeEngine([RECORDING.info, ran(0, ['login sent', 'logged in', 'one more'])], RECORDING.states[2]);
  assert.throws(() => recorded.replayOn(other, RECORDING), /nextScenarioStep is not what the tour's recording says/);
  // The same answers, but a world left otherwise: its snapshot is not the recording's.
  const elsewhere = fakeEngine([RECORDING.info, RECORDING.states[2].ran], { ...RECORDING.states[2], snapshot: 'bob logged in' });
  const again = new RecordedPlayground(RECORDING);
  again.loadScenario(JSON.stringify(SCENARIO));
  again.nextScenarioStep();
  assert.throws(() => again.replayOn(elsewhere, RECORDING), /snapshot is not what the tour's recording says/);
  // With nothing pressed yet, the fresh world is still compared.
  assert.throws(() => new RecordedPlayground(RECORDING).replayOn(fakeEngine([], { ...RECORDING.states[0], stepCount: 1 }), RECORDING), /stepCount/);
});

test('a recording is read only in its own format', () => {
  assert.equal(isRecording(RECORDING), true);
  assert.equal(isRecording({ ...RECORDING, version: RECORDING_VERSION + 1 }), false);
  assert.equal(isRecording({ ...RECORDING, states: [RECORDING.states[0]] }), false);
  for (const value of [null, undefined, 'text', [], { version: RECORDING_VERSION }]) assert.equal(isRecording(value), false);
  assert.equal(isRecording({ ...RECORDING, info: undefined }), false, 'without what loading the tour returns');
  assert.equal(isRecording({ ...RECORDING, states: [RECORDING.states[0], { settings: {} }] }), false, 'a world without its reads');
  assert.equal(isRecording({ ...RECORDING, states: [...RECORDING.states.slice(0, 2), world('generic', 2, 'x')] }), false, 'a step without its trace');
});

test("a fresh address opens on the first tour's recording, one naming a built-in tour on that tour's, any other on the engine", () => {
  const tours = ['coat-check', 'revocation'];
  const opens = (search, hash = '') => recordingToOpen({ search, hash }, tours);
  for (const search of ['', '?theme=dark', '?controls=minimal', '?embed=1', '?theme=light&embed=1']) assert.equal(opens(search), '', search);
  for (const [search, tour] of [['?tour=coat-check', 'coat-check'], ['?scenario=revocation', 'revocation'], ['?tour=revocation&step=3', 'revocation'], ['?embed=1&scenario=revocation&controls=minimal', 'revocation'], ['?tour=%20revocation%20', 'revocation'], ['?tour=&scenario=revocation', 'revocation']]) {
    assert.equal(opens(search), tour, search);
  }
  for (const search of ['?seed=1', '?tour=revocation&seed=2', '?tour=no-such-tour', '?scenario=https://example.com/mine.json', '?scenario=scenarios/revocation.json', '?step=2', '?tour=', '?tour=&step=2', '?play=x']) {
    assert.equal(opens(search), null, search);
  }
  assert.equal(opens('', '#playground'), '', 'the skip link asks nothing of the engine');
  assert.equal(opens('?tour=revocation', '#playground'), 'revocation');
  assert.equal(opens('', '#play=eyJ2IjoxfQ'), null, 'a shared link');
  assert.equal(opens('?tour=revocation', '#play=eyJ2IjoxfQ'), null, 'a shared link of a tour');
  assert.equal(opens('', '#scenario=eyJ2IjoxfQ'), null, "an author's scenario");
});

test('each tour\'s recording is asked for where the site\'s build writes it', () => {
  // Relative to www/, as the page's start.js and the element import it.
  const at = (key) => `www/${recordingModule(key).slice(2)}`;
  assert.equal(at(''), RECORDING_MODULE, "a fresh stage's, the first tour's");
  assert.equal(at(FIRST_TOUR), RECORDING_MODULE, 'the first tour named');
  assert.equal(at('revocation'), `${RECORDINGS}/revocation.js`);
});
