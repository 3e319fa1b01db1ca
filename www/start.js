// The page's engine, asked for and compiled as early as it is needed.
// index.html runs this module on its own (<script type="module" async>) as
// soon as it and compile.js have arrived. An address that asks for something
// only the engine can answer (a seed, a shared link, an author's scenario)
// needs it before anything can be shown, so its wasm is fetched and compiled
// at once, while the page's other modules are still on their way. A fresh
// page, or one naming a built-in tour, fetches that tour's recording
// (www/recorded.js) instead, opens on it, and asks for the wasm once it is
// usable, so what the reader needs first comes first; main.js hands either
// to the player.

import { compileEngine, recordingModule, recordingToOpen } from './compile.js';
import { TOUR_LIST } from './tour-list.js';

let compiling = null;

/** Fetches and compiles the engine's wasm, once: resolves as compileEngine does (a failure is main.js's to report). */
export function startEngine() {
  if (compiling === null) {
    compiling = compileEngine(new URL('./pkg/session_playground_bg.wasm', import.meta.url));
    compiling.catch(() => {});
  }
  return compiling;
}

/**
 * The tour whose recording this page opens on: `''` for the first tour's (a
 * fresh page), a built-in tour's key (the address names it), or null (the
 * address needs the engine first).
 */
export const recordedTour = recordingToOpen(location, TOUR_LIST.map((tour) => tour.key));

/**
 * The recording the page opens on, as the engine recorded it: a module the
 * site's build writes (index.html asks for the first tour's at once, beside
 * the other modules; a named tour's is asked for here), or null where the
 * address needs the engine first, or where it cannot be had (the sources
 * served unbuilt).
 */
export const recordingFetched =
  recordedTour === null
    ? Promise.resolve(null)
    : import(recordingModule(recordedTour)).then(
        (module) => module.default,
        () => {
          // No recording to open on: the engine is needed first after all.
          startEngine();
          return null;
        },
      );

if (recordedTour === null) startEngine();
