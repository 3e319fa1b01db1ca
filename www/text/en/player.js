// The player's messages (www/player.js): why a tour, a scenario, the
// settings, a preset or a shared link could not be used, and a shared
// link's replay under way. `why` is the cause as the core or the browser
// words it.

export default {
  tourCouldNotGoOn: (why) => `The tour could not go on: ${why}`,
  stillReplaying: 'The shared link is still replaying: try again in a moment.',
  didNotWork: (why) => `That did not work: ${why}`,
  tourCouldNotLoad: (key, why) => `The tour "${key}" could not be loaded: ${why}.`,
  didYouMean: (name) => `Did you mean "${name}"?`,
  pickFromList: 'Pick one from the Guided tour list.',
  theToursAre: (keys) => `The tours are ${keys.join(', ')}.`,
  noSuchTour: (key, pick) => `There is no tour called "${key}". ${pick}`,
  badSettings: (why) => `Those settings cannot be used: ${why}`,
  badPreset: (why) => `That preset cannot be used: ${why}`,
  scenarioCouldNotLoad: (source, why) => `The scenario ${source} could not be loaded: ${why}.`,
  sharedIdsRefused: (why) => `The shared link's session IDs cannot be replayed (${why}); new ones are drawn.`,
  sharedSettingsRefused: (why) => `The shared link's settings cannot be used: ${why}`,
  replaying: (done, total) => `Replaying the shared link: ${done} of ${total} actions…`,
  sharedActionFailed: (number, total, label, why) => `The shared link's action ${number} of ${total} (“${label}”) did not work, so the replay stops before it: ${why}`,
  sharedCouldNotReplay: (why) => `The shared link could not be replayed: ${why}`,
  // Where a preset came from, when the caller does not name it.
  thePreset: 'The preset',
  presetCannotBeUsed: (source, why) => `${source} cannot be used: ${why}`,
  notAnAction: (why) => `run(): that is not an action: ${why}`,
};
