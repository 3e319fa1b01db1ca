// The <session-playground> element's words (www/session-playground.js): its
// landmarks' names, what it says about its attributes and its stylesheet,
// and where an inline scenario came from.

export default {
  styleBlocked: (origin) => `the page's Content-Security-Policy does not allow it (add ${origin} to style-src)`,
  styleNotFetched: 'it could not be fetched',
  styleDidNotLoad: (sheet, why) => `The playground's stylesheet (${sheet}) did not load: ${why}. It works, unstyled.`,
  badDock: (raw, docks) => `dock="${raw}" is not one of ${docks.join(', ')}; the controls stick to the bottom of the window.`,
  // The element's landmark, alone on its page or numbered among several.
  name: 'Session playground',
  nameNumbered: (n) => `Session playground ${n}`,
  // An inner landmark's name with the element's after it, so several on a page stay distinct ('' for the suffix alone).
  landmark: (label, name) => `${label} (${name})`,
  inlineScenarioSource: 'in the element\u2019s <script type="application/json">',
  badSeed: (raw) => `seed="${raw}" is not a whole number from 0 to 4294967295, so session IDs come from the CSPRNG instead.`,
  badSpeed: (raw, speeds) => `speed="${raw}" is not one of ${speeds.join(', ')}; playing at normal speed.`,
  badControls: (raw, controls) => `controls="${raw}" is not one of ${controls.join(', ')}; showing them all.`,
  badTheme: (raw, themes) => `theme="${raw}" is not one of ${themes.join(', ')}; following the page's color-scheme.`,
};
