// The page's entry's words (www/main.js): what it says about the address it
// was opened with (?seed=, ?theme=, ?controls=, ?embed=, #scenario=), a host
// page's command it does not know, a press made while the engine starts,
// and an engine or a lab that could not load.

export default {
  badSeed: (raw) => `The seed "${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`,
  badTheme: (raw, themes) => `?theme=${raw} is not one of ${themes.join(', ')}; following the reader's system setting.`,
  badControls: (raw, controls) => `?controls=${raw} is not one of ${controls.join(', ')}; showing them all.`,
  // Where an inline scenario came from, as a message about it names it.
  inlineScenarioSource: 'in the address (#scenario=)',
  badInlineScenario: 'The scenario in the address (#scenario=) is not base64url-encoded UTF-8 JSON.',
  badCommand: (command, commands) => `The host page sent "${command}", which is not one of ${commands.join(', ')}.`,
  starting: (button) => `Starting… "${button}" happens as soon as the engine is ready.`,
  couldNotStart: (why) => `The playground could not start: ${why}. It needs a browser with WebAssembly, served over http(s).`,
  badEmbed: (raw) => `?embed=${raw} is not understood; ?embed=1 shows the playground alone.`,
  labCouldNotLoad: (why) => `This lab could not load: ${why}. Reload the page to try again.`,
};
