// English words of the fork (www/fork.js), fetched with it when the reader
// first presses Fork (www/text/index.js, `PART_WORDS.fork`), not at load: its
// panel, the two sides' names and taglines, where the timelines part ways,
// and what it announces a step.

export default {
  forkTitle: 'What if tokens? <span class="muted fork-subtitle">The same actions, two servers</span>',
  showTimelineLabel: 'Show timeline',
  sessions: 'Sessions',
  tokens: 'Tokens',
  bothTimelinesLabel: 'Both timelines',
  forkFirstTitle: 'First step (Home)',
  firstStepOfBoth: 'First step of both',
  forkBackTitle: 'Step back (←)',
  stepBackBoth: 'Step back, both',
  forkNext: 'Next step, both',
  forkLastTitle: 'Last step (End)',
  lastStepOfBoth: 'Last step of both',
  forkLeave: 'Back to one timeline',
  sessionsTagline: 'a record in the store, its ID in a cookie',
  tokensTagline: 'a signed token, nothing stored',
  sideSays: (side, narration) => `${side}: ${narration}`,
  nothingMoreHere: 'nothing more happens here.',
  partWaysHere: 'They part ways here',
  partedAt: (step) => `Parted at step ${step}`,
  counter: (step, total, label) => `Step ${step} of ${total}: ${label}`,
  neverPartWays: 'These actions never part ways: both servers answer every request alike.',
  partWaysAt: (step, label) => `The two timelines part ways at step ${step} (${label}).`,
  atStep: (step, summary) => `At step ${step}: ${summary}`,
  // A side's switch while it differs from the other.
  differs: (side) => `${side} ≠`,
  spoken: (step, total, label, said) => `Step ${step} of ${total}, ${label}. ${said.join(' ')}`,
  spokenPartWays: (reason) => ` The two timelines part ways here. ${reason}`,
  couldNotFork: (why) => `The fork could not be made: ${why}`,
  nothingToFork: 'There is nothing to fork yet: take a step first (log in, say), then fork.',
};
