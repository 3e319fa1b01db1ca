// The page's engine, asked for and compiled as early as it is needed.
// index.html runs this module on its own (<script type="module" async>) as
// soon as it and compile.js have arrived. An address that asks for something
// of the engine (a seed, a tour, a step, a shared link, an author's scenario)
// needs it before anything can be shown, so its wasm is fetched and compiled
// at once, while the page's other modules are still on their way. A fresh
// page fetches the first tour's recording (www/recorded.js) instead, opens
// on it, and asks for the wasm once it is usable, so what the reader needs
// first comes first; main.js hands either to the player.

import { compileEngine, opensOnRecording } from './compile.js';

export { opensOnRecording };

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
 * A fresh page's first tour, as the engine recorded it: a module the site's
 * build writes (index.html asks for it at once, beside the other modules),
 * or null elsewhere, or where it cannot be had (the sources served unbuilt).
 */
export const recordingFetched = opensOnRecording(location)
  ? import('./first-tour.js').then(
      (module) => module.default,
      () => {
        // No recording to open on: the engine is needed first after all.
        startEngine();
        return null;
      },
    )
  : Promise.resolve(null);

if (!opensOnRecording(location)) startEngine();
