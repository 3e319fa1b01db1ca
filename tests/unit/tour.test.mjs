// Unit tests (node's test runner, no browser, no wasm) for www/tour.js: the
// guided tour's state machine, fed by a fake engine that runs a scripted
// tour as the core's nextScenarioStep does (one step at a time, with its
// trace) and keeps its steps for the timeline's stepAt.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../www/timeline.js';
import { FIRST_TOUR, Stepper, Tour, idleText, quoteValue, stepToOpen, stepWithoutTour } from '../../www/tour.js';

/** A step of a trace: `startsMoment` opens a moment; `picture` stands for the world it leaves. */
const step = (type, startsMoment, picture, extra = {}) => ({ kind: { type }, actor: 'server', startsMoment, narration: `${type}.`, browser: null, message: null, storeOp: null, state: { picture, now: { ms: 0 } }, ...extra });

/**
 * The revocation tour, cut down: a login (three moments), a question about
 * a revoke (one moment, decided at its only step), a visit (two moments,
 * decided at the response) whose answer is "401", and a last plain step.
 */
const TOUR = {
  title: 'Instant revocation',
  summary: 'Delete the record and the ticket is worthless.',
  steps: [
    { action: 'login', say: 'Alice logs in.', title: 'Log in' },
    { action: 'revoke', say: 'The admin revokes her session.', ask: 'Does her ticket still work?', choices: [{ label: 'Yes' }, { label: 'No' }], title: 'Revoke' },
    { action: 'visit', say: 'She visits /profile.', ask: 'What does the server answer?', choices: [{ label: '200' }, { label: '401' }] },
    { action: 'logout', say: 'She logs out.' },
  ],
};
const TRACES = [
  [step('requestBuilt', true, 'login sent'), step('passwordChecked', true, 'password checked'), step('responseReceived', true, 'logged in')],
  [step('adminAction', true, 'revoked')],
  [step('requestBuilt', true, 'visit sent'), step('responseReceived', true, 'visit answered')],
  [step('requestBuilt', true, 'logged out')],
];
/** What the core says when it runs each step: its answer and the step (in the step's own trace) that decides it. */
const RAN = [
  { correctChoice: null, choices: [] },
  { correctChoice: 1, choices: TOUR.steps[1].choices, verdict: { decidedAt: 0, reason: 'The record is gone.' } },
  { correctChoice: 1, choices: TOUR.steps[2].choices, verdict: { decidedAt: 1, reason: 'No record: 401.' } },
  { correctChoice: null, choices: [] },
];

/** A fake engine running TOUR: nextScenarioStep, stepCount and the steps for stepAt; reset starts the world again. */
function engine() {
  const steps = [];
  let next = 0;
  return {
    steps,
    reset() {
      steps.length = 0;
      next = 0;
    },
    get stepCount() {
      return steps.length;
    },
    nextScenarioStep() {
      if (next >= TOUR.steps.length) return null;
      const index = next++;
      const { action, say, ask, title } = TOUR.steps[index];
      steps.push(...TRACES[index]);
      return { index, action, say, ask, title, ...RAN[index], trace: { steps: TRACES[index] } };
    },
  };
}

/** A stepper with TOUR loaded on an empty stage, and its engine. */
function touring(controls = 'full') {
  const core = engine();
  const stepper = new Stepper(new Timeline((at) => core.steps[at]));
  stepper.controls = controls;
  stepper.load(new Tour('revocation', TOUR));
  return { stepper, core, press: () => stepper.next(core) };
}

const picture = (stepper) => stepper.timeline.current.step.state.picture;

test('on the empty stage in free play, Next offers the coat check; with no controls shown, the host page drives', () => {
  const core = engine();
  const stepper = new Stepper(new Timeline((at) => core.steps[at]));
  assert.equal(FIRST_TOUR, 'coat-check');
  assert.equal(stepper.offersFirstTour, true);
  assert.equal(stepper.nextLabel, 'Next: start the coat check');
  assert.equal(stepper.next(core), 'first-tour', 'the player loads the first tour');
  assert.equal(stepper.canForward, false, 'there is nothing to step through yet');
  assert.equal(stepper.card(), null, 'no tour card in free play');
  stepper.controls = 'none';
  assert.equal(stepper.offersFirstTour, false);
  assert.equal(stepper.nextWorks, false);
  assert.match(idleText('full'), /Press Next to start the coat check.*or press Log in/);
  assert.doesNotMatch(idleText('minimal'), /Log in/, 'the minimal controls have no login form');
  assert.doesNotMatch(idleText('none'), /Press/, 'no controls, no buttons to name');
});

test("a loaded tour's card names its first step; Next runs it and shows its first moment", () => {
  const { stepper, core, press } = touring();
  assert.equal(stepper.tour.intro('full'), 'Instant revocation. Delete the record and the ticket is worthless. Press Next tour step to begin.');
  assert.equal(stepper.tour.intro('none'), 'Instant revocation. Delete the record and the ticket is worthless.');
  assert.equal(stepper.nextLabel, 'Next tour step');
  assert.deepEqual(stepper.card(), { name: 'Instant revocation', position: 'Tour step 1 of 4, next:', title: 'Log in', say: 'Alice logs in.', verdict: null, question: null });
  assert.equal(press(), 'run');
  assert.equal(stepper.tour.ran, 1);
  assert.equal(core.stepCount, 3);
  assert.equal(picture(stepper), 'login sent', 'the first moment of the step, not its last');
  assert.equal(stepper.card().position, 'Tour step 1 of 4:');
  assert.equal(stepper.nextLabel, 'Next step', 'the step has moments left to show');
  assert.equal(press(), 'forward');
  assert.equal(press(), 'forward');
  assert.equal(picture(stepper), 'logged in');
  assert.equal(stepper.nextLabel, 'Next tour step');
});

test('a question shows while its step is still to come; Play stops there for the reader to answer', () => {
  const { stepper, press } = touring();
  for (let i = 0; i < 3; i++) press();
  const card = stepper.card();
  assert.equal(card.position, 'Tour step 2 of 4, next:');
  assert.deepEqual(card.question, { text: 'Think first: Does her ticket still work?', choices: ['Yes', 'No'] });
  assert.equal(stepper.stopsPlay(true), true, 'playing, it waits for an answer');
  assert.equal(stepper.stopsPlay(false), false, 'stepping by hand, Next may run it unanswered');
  assert.equal(stepper.tour.ran, 1, 'nothing has run yet');
});

test('answering wrong runs the step with the guess, and the verdict gives the right answer and why', () => {
  const { stepper, core, press } = touring();
  for (let i = 0; i < 3; i++) press();
  stepper.answer(core, 0);
  assert.equal(picture(stepper), 'revoked');
  const { verdict, question } = stepper.card();
  assert.deepEqual(verdict, { text: 'You answered “Yes”; the answer is “No”. The record is gone.', tone: 'wrong' });
  assert.equal(question.text, 'Think first: What does the server answer?', 'the next question is already asked');
  assert.deepEqual(stepper.answers(), [{ step: 2, guess: 0, correct: 1 }]);
});

test('the verdict waits for the moment the core names as deciding it', () => {
  const { stepper, core, press } = touring();
  for (let i = 0; i < 3; i++) press();
  stepper.answer(core, 1);
  assert.equal(stepper.card().verdict.tone, 'right');
  stepper.answer(core, 1);
  assert.equal(picture(stepper), 'visit sent');
  assert.equal(stepper.card().verdict, null, 'the request has not reached the server yet');
  press();
  assert.deepEqual(stepper.card().verdict, { text: 'You answered “401”: right. No record: 401.', tone: 'right' });
  assert.deepEqual(stepper.answers(), [{ step: 2, guess: 1, correct: 1 }, { step: 3, guess: 1, correct: 1 }]);
});

test('a question run without an answer shows the answer as it is', () => {
  const { stepper, press } = touring();
  for (let i = 0; i < 4; i++) press();
  assert.equal(picture(stepper), 'revoked');
  assert.deepEqual(stepper.card().verdict, { text: 'The answer: “No”. The record is gone.', tone: '' });
  assert.deepEqual(stepper.answers(), [{ step: 2, guess: null, correct: 1 }]);
});

test("Back from step 3 shows step 2's picture and card; Back stops at the first moment", () => {
  const { stepper, press } = touring();
  for (let i = 0; i < 3; i++) press();
  assert.equal(stepper.pos, 2);
  assert.equal(stepper.back(), true);
  assert.equal(picture(stepper), 'password checked');
  assert.equal(stepper.card().position, 'Tour step 1 of 4:');
  assert.equal(stepper.card().question, null, 'the question is asked only at the end of the timeline');
  assert.equal(stepper.back(), true);
  assert.equal(stepper.back(), false);
  assert.equal(picture(stepper), 'login sent');
  assert.equal(press(), 'forward', 'Next walks the timeline again before running anything');
  assert.equal(stepper.tour.ran, 1);
});

test('at the end of the tour: its last card, told once, in words for the controls shown', () => {
  for (const [controls, end] of [
    ['full', 'That is the end of this tour. Go back through it with ◀, pick another tour, or carry on in free play.'],
    ['none', 'That is the end of this tour.'],
  ]) {
    const { stepper, press } = touring(controls);
    while (stepper.canForward) press();
    assert.equal(stepper.tour.ran, 4);
    assert.equal(picture(stepper), 'logged out');
    assert.equal(stepper.card().position, 'Tour finished:');
    assert.equal(stepper.card().say, end);
    assert.equal(stepper.card().title, null);
    assert.equal(press(), 'none');
    assert.equal(stepper.stopsPlay(true), true);
    assert.equal(stepper.endsNow(), true, 'the end is told');
    assert.equal(stepper.endsNow(), false, 'once');
  }
});

test('the start of a tour is not its end, and restarting tells the end again', () => {
  const { stepper, core, press } = touring();
  assert.equal(stepper.endsNow(), false);
  while (stepper.canForward) press();
  stepper.endsNow();
  core.reset();
  stepper.restart();
  assert.deepEqual([stepper.tour.ran, stepper.timeline.length, stepper.pos], [0, 0, -1]);
  assert.equal(stepper.card().position, 'Tour step 1 of 4, next:');
  while (stepper.canForward) press();
  assert.equal(picture(stepper), 'logged out');
  assert.equal(stepper.endsNow(), true);
});

test("opened at a step, the card holds that step's own card; Next first shows the coming question, then runs it", () => {
  const { stepper, press } = touring();
  // ?step=2 runs steps 1 and 2 unasked; step 2 is one moment, the timeline's last.
  const open = stepToOpen('2', '?step=2', stepper.tour.total);
  assert.deepEqual(open, { run: 2, hold: true, problem: null });
  while (stepper.tour.ran < open.run) press();
  assert.equal(stepper.card().position, 'Tour step 3 of 4, next:', 'unheld, the card would show the step to come');
  stepper.hold();
  assert.equal(stepper.card().position, 'Tour step 2 of 4:');
  assert.equal(stepper.card().title, 'Revoke');
  assert.equal(stepper.card().question, null);
  assert.equal(press(), 'release');
  assert.equal(stepper.card().question.text, 'Think first: What does the server answer?');
  assert.equal(stepper.tour.ran, 2, 'letting go runs nothing');
  assert.equal(press(), 'run');
  assert.equal(stepper.tour.ran, 3);
});

test('goTo(n) lands on the first moment of tour step n, and refuses what is not a step, saying why', () => {
  const { stepper, press } = touring();
  while (stepper.tour.ran < 3) press();
  assert.equal(stepper.moveToTourStep(1).index, 0);
  assert.equal(picture(stepper), 'login sent');
  assert.equal(stepper.moveToTourStep(3).index, 4);
  assert.equal(stepper.goToProblem(4), null);
  assert.equal(stepper.goToProblem(5), 'goTo(5): this tour has 4 steps.');
  assert.equal(stepper.goToProblem(0), 'goTo(0): steps count from 1.');
  assert.equal(stepper.goToProblem('3'), 'goTo("3"): expected a step number, a whole number from 1.');
  assert.equal(stepper.goToProblem(NaN), 'goTo(NaN): expected a step number, a whole number from 1.');
  stepper.leave();
  assert.equal(stepper.goToProblem(6), null, 'in free play, any moment of the timeline');
  assert.equal(stepper.goToProblem(7), 'goTo(7): the timeline has 6 steps.');
  assert.deepEqual([10n, undefined, -0, Symbol('x'), () => 1].map(quoteValue), ['10n', 'undefined', '-0', 'Symbol(x)', 'a function']);
});

test('a free-play action during a tour says which tour was left and where', () => {
  const { stepper, press } = touring();
  assert.equal(stepper.leftNote(), 'You left the tour “Instant revocation” before its first step: this is free play now, on the same browsers and store. Pick the tour again under Guided tour to restart it.');
  press();
  assert.match(stepper.leftNote(), /after step 1 of 4:/);
  while (stepper.canForward) press();
  assert.match(stepper.leftNote(), /after its last step:/);
  stepper.controls = 'minimal';
  assert.doesNotMatch(stepper.leftNote(), /Guided tour/, 'the tour list is not shown');
  stepper.leave();
  assert.equal(stepper.tour, null);
  assert.equal(stepper.card(), null);
  assert.equal(stepper.canForward, false, 'free play at the end of the timeline: nothing to run');
});

test('?step= that cannot be opened is explained, with an example that works', () => {
  assert.deepEqual(stepToOpen('x', '?step=x', 4), { run: 0, hold: false, problem: '?step=x is not a step number; steps count from 1. The tour starts at its beginning.' });
  assert.deepEqual(stepToOpen('0', 'step="0"', 4).hold, false);
  assert.deepEqual(stepToOpen('100000000000000000000', '?step=100000000000000000000', 4), {
    run: 4,
    hold: true,
    problem: 'This tour has 4 steps, so there is no step 100000000000000000000; here is its last.',
  });
  const tours = [{ key: 'coat-check', steps: 9 }, { key: 'revocation', steps: 10 }, { key: 'long', steps: 30 }];
  assert.equal(stepWithoutTour('3', '?step=3', tours, false), '?step=3 needs a tour to step through: add ?tour=, for example ?tour=revocation&step=3.');
  assert.equal(stepWithoutTour('20', 'step="20"', tours, true), 'step="20" needs a tour to step through: add a scenario attribute, for example scenario="long" step="20".');
  assert.equal(stepWithoutTour('99', '?step=99', tours, false), '?step=99 needs a tour to step through (no tour has 99 steps; the longest, long, has 30): add ?tour=, for example ?tour=long&step=30.');
  assert.equal(stepWithoutTour('x', '?step=x', tours, false), '?step=x needs a tour to step through: add ?tour=, for example ?tour=revocation&step=2.');
});

test('timeouts show on the coats in a tour about them, or once time has passed', () => {
  const { stepper } = touring();
  assert.equal(stepper.showsTimes({ now: { ms: 0 } }), false);
  assert.equal(stepper.showsTimes({ now: { ms: 1 } }), true);
  stepper.load(new Tour('idle-timeout', TOUR));
  assert.equal(stepper.showsTimes({ now: { ms: 0 } }), true);
});
