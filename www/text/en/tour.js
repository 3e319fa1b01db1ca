// The guided tour's words (www/tour.js): the empty stage's invitation, the
// tour card's position, question and verdict, the Next button's words, the
// note on leaving a tour, and the messages about steps that cannot be gone
// to. Where words point at controls they come by the controls shown
// (`full`, `minimal` or `none`).

export default {
  // The empty stage's invitation, by the controls shown.
  idle: {
    full: 'Press Next to start the coat check, a guided tour in a few steps; or press Log in to play freely.',
    minimal: 'Press Next to start the coat check, a guided tour in a few steps.',
    none: '',
  },
  emptyStage: 'No browser has visited app.example yet: every cookie jar is empty and the store holds no sessions.',
  tourEnd: {
    full: 'That is the end of this tour. Go back through it with ◀, pick another tour, or carry on in free play.',
    minimal: 'That is the end of this tour. Go back through it with ◀.',
    none: 'That is the end of this tour.',
  },
  // A loaded tour's first card: its title, its summary and how to begin.
  firstCard: (title, summary, begin) => `${title}. ${summary}${begin}`,
  tourBegin: { full: ' Press Next tour step to begin.', minimal: ' Press Next tour step to begin.', none: '' },
  // How a value that is not a step number is written in a message.
  aFunction: 'a function',
  anObject: 'an object',
  // A question's verdict; `why` is the core's reason with its leading space, or ''.
  theAnswer: (right, why) => `The answer: “${right}”.${why}`,
  answeredRight: (guessed, why) => `You answered “${guessed}”: right.${why}`,
  answeredWrong: (guessed, right, why) => `You answered “${guessed}”; the answer is “${right}”.${why}`,
  nextFirstTour: 'Next: start the coat check',
  nextTourStep: 'Next tour step',
  nextStep: 'Next step',
  positionNext: (step, total) => `Tour step ${step} of ${total}, next:`,
  positionFinished: 'Tour finished:',
  position: (step, total) => `Tour step ${step} of ${total}:`,
  // A step to come with no words of its own says what it will do.
  nextAction: (action) => `Next: ${action}.`,
  thinkFirst: (question) => `Think first: ${question}`,
  leftAfterLast: 'after its last step',
  leftBeforeFirst: 'before its first step',
  leftAfter: (step, total) => `after step ${step} of ${total}`,
  pickAgain: ' Pick the tour again under Guided tour to restart it.',
  leftTour: (title, where, again) => `You left the tour “${title}” ${where}: this is free play now, on the same browsers and store.${again}`,
  goToNotANumber: (value) => `goTo(${value}): expected a step number, a whole number from 1.`,
  goToBelowOne: (value) => `goTo(${value}): steps count from 1.`,
  goToPastTimeline: (value, length) => `goTo(${value}): the timeline has ${length} steps.`,
  goToPastTour: (value, total) => `goTo(${value}): this tour has ${total} steps.`,
  fixWithAttribute: (key, step) => `add a scenario attribute, for example scenario="${key}" step="${step}"`,
  fixWithAddress: (key, step) => `add ?tour=, for example ?tour=${key}&step=${step}`,
  noTourThatLong: (raw, key, steps) => ` (no tour has ${raw} steps; the longest, ${key}, has ${steps})`,
  stepWithoutTour: (given, none, fix) => `${given} needs a tour to step through${none}: ${fix}.`,
  notAStepNumber: (given) => `${given} is not a step number; steps count from 1. The tour starts at its beginning.`,
  pastTheEnd: (total, raw) => `This tour has ${total} steps, so there is no step ${raw}; here is its last.`,
};
