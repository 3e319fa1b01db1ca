// The first tour's recording (www/recorded.js reads it): the engine's own
// answers on a fresh page while the coat check is walked, from the fresh
// world to the tour's end. The site's build runs this on the wasm it ships
// and writes it into the site (www/first-tour.js), so the recording and the
// engine always come from the same build. What is recorded is what the
// player reads on that path and nothing more: for each world, its settings,
// where its IDs come from, its snapshot, its step count, the IDs drawn and
// refused, and its preset's own settings; and what each change returned.
//
// Usage: node scripts/record-first-tour.mjs [site folder] (default target/site)

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RECORDING_VERSION } from '../www/recorded.js';
import { FIRST_TOUR } from '../www/tour.js';
import { RECORDING_MODULE } from './module-graph.mjs';

/** What the player reads of a world at rest. */
function reads(playground) {
  const settings = playground.settings;
  return {
    settings,
    idSource: playground.idSource,
    snapshot: playground.snapshot(),
    stepCount: playground.stepCount,
    drawnIds: playground.drawnIds,
    refusedIds: playground.refusedIds,
    presetSettings: playground.presetSettings(settings.preset),
  };
}

/** The recording, made by the engine in `site` (its glue and wasm in www/pkg/, the tour in scenarios/). */
export async function recordFirstTour(site) {
  const glue = await import(pathToFileURL(join(site, 'www/pkg/session_playground.js')).href);
  glue.initSync({ module: await readFile(join(site, 'www/pkg/session_playground_bg.wasm')) });
  const text = await readFile(join(site, `scenarios/${FIRST_TOUR}.json`), 'utf8');
  const playground = new glue.Playground();
  try {
    const states = [reads(playground)];
    const info = playground.loadScenario(text);
    states.push(reads(playground));
    for (let ran = playground.nextScenarioStep(); ran !== null; ran = playground.nextScenarioStep()) states.push({ ran, ...reads(playground) });
    // The recording serves stepAt(i) from the steps of each trace: they must be the engine's steps.
    const traced = states.flatMap((state) => state.ran?.trace.steps ?? []);
    const all = Array.from({ length: playground.stepCount }, (_, i) => playground.stepAt(i));
    if (JSON.stringify(traced) !== JSON.stringify(all)) throw new Error("the tour's traces are not its timeline's steps");
    return { version: RECORDING_VERSION, tour: FIRST_TOUR, scenario: JSON.parse(text), presets: glue.Playground.presets(), limits: glue.Playground.limits(), info, states };
  } finally {
    playground.free();
  }
}

/**
 * Writes the recording into the site at `site`, as a module
 * (www/first-tour.js: its JSON, parsed), so index.html can ask for it at
 * once beside the other modules, and a page that does not open on it only
 * fetches it (no console warning, as an unused `preload` would give).
 */
export async function writeFirstTour(site) {
  const json = JSON.stringify(await recordFirstTour(site));
  await writeFile(join(site, RECORDING_MODULE), `export default JSON.parse(${JSON.stringify(json)});\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = process.argv[2] ?? fileURLToPath(new URL('../target/site', import.meta.url));
  await writeFirstTour(site);
}
