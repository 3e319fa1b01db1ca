// The engine's JS as the element asks for it: every module of core.js's,
// player.js's and recorded.js's graphs, to the end (the first-load unit test
// keeps the list whole). The element, served as written, asks for them all at
// once: otherwise each would be fetched only once the one naming it had
// arrived, a waterfall as deep as the imports. In the site the element is
// bundled (scripts/build-site.mjs), and the build writes the bundle's copy of
// this list as the bundle's own files that hold these modules (less those the
// element's own file imports): each module is in the bundle once, and asking
// for the one written here would run a second copy.

/** The modules, relative to www/, as the element's `import()` resolves them. */
export const ENGINE_MODULES = [
  './announce.js', './cluster.js', './compile.js', './controls.js', './core.js', './dock.js', './dom.js', './embedding.js',
  './format.js', './next-task.js', './on-demand.js', './pkg/session_playground.js', './player.js', './prefs.js', './recorded.js',
  './text/en/index.js', './text/index.js', './timeline.js', './token-buttons.js', './token-settings.js', './tour-list.js',
  './tour.js', './tours.js', './view.js',
];
