// The dock's words (www/dock.js): Play and Pause, the scrubber's position
// and the narration's More.

export default {
  play: 'Play',
  pause: 'Pause',
  noSteps: 'No steps yet',
  stepOf: (step, total) => `Step ${step} of ${total}`,
  more: 'More',
};
