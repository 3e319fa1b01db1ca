// The tours' recordings (www/recorded.js reads them): the engine's own
// answers while each built-in tour is walked from a fresh world to its end.
// The site's build runs this on the wasm it ships and writes them into the
// site, so the recordings and the engine always come from the same build:
// www/first-tour.js, the first tour's, which index.html asks for at once,
// and www/recordings/<key>.js for every other tour, which a page whose
// address names that tour asks for. What is recorded is what the player reads on a
// tour's path and nothing more: for each world, its settings, where its IDs
// come from, its snapshot, its step count, the IDs drawn and refused, and its
// preset's own settings; and what each change returned.
//
// Usage: node scripts/record-tours.mjs [site folder] (default target/site)

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RECORDING_VERSION } from '../www/recorded.js';
import { FIRST_TOUR } from '../www/tour.js';
import { TOUR_LIST } from '../www/tour-list.js';
import { RECORDING_MODULE, RECORDINGS } from './module-graph.mjs';

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

/** The engine in `site` (its glue and wasm in www/pkg/), instantiated. */
async function engineIn(site) {
  const glue = await import(pathToFileURL(join(site, 'www/pkg/session_playground.js')).href);
  glue.initSync({ module: await readFile(join(site, 'www/pkg/session_playground_bg.wasm')) });
  return glue;
}

/** Tour `key`'s recording, made by `glue`'s engine from the tour's file in `site`'s scenarios/. */
export async function recordTour(glue, site, key) {
  const text = await readFile(join(site, `scenarios/${key}.json`), 'utf8');
  const playground = new glue.Playground();
  try {
    const states = [reads(playground)];
    const info = playground.loadScenario(text);
    // The player opens such a tour forked (www/fork.js), which asks the engine for a fork: nothing a recording holds.
    if (info.fork) throw new Error(`${key} opens forked, which a recording cannot serve: record the fork, or leave the tour to the engine in www/compile.js's recordingToOpen`);
    states.push(reads(playground));
    for (let ran = playground.nextScenarioStep(); ran !== null; ran = playground.nextScenarioStep()) states.push({ ran, ...reads(playground) });
    // The recording serves stepAt(i) from the steps of each trace: they must be the engine's steps.
    const traced = states.flatMap((state) => state.ran?.trace.steps ?? []);
    const all = Array.from({ length: playground.stepCount }, (_, i) => playground.stepAt(i));
    if (JSON.stringify(traced) !== JSON.stringify(all)) throw new Error(`${key}: the tour's traces are not its timeline's steps`);
    return { version: RECORDING_VERSION, tour: key, scenario: JSON.parse(text), presets: glue.Playground.presets(), limits: glue.Playground.limits(), info, states };
  } finally {
    playground.free();
  }
}

/** A recording as a module: its JSON, parsed (a page that does not open on it only fetches it, with no console warning, as an unused `preload` would give). */
const asModule = (recording) => `export default JSON.parse(${JSON.stringify(JSON.stringify(recording))});\n`;

/** Writes every tour's recording into the site at `site`: the first tour's as the module index.html asks for at once, the others' in www/recordings/. */
export async function writeRecordings(site) {
  const glue = await engineIn(site);
  await mkdir(join(site, RECORDINGS), { recursive: true });
  for (const { key } of TOUR_LIST) {
    const path = key === FIRST_TOUR ? RECORDING_MODULE : `${RECORDINGS}/${key}.js`;
    await writeFile(join(site, path), asModule(await recordTour(glue, site, key)));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = process.argv[2] ?? fileURLToPath(new URL('../target/site', import.meta.url));
  await writeRecordings(site);
}
