// A shared link's free-play actions, replayed in the core in chunks, as
// data: no DOM. The core runs each chunk untraced (a step is traced only when
// it is shown) and returns each action's moments as step counts; they join
// the timeline in bulk. Each chunk aims at a time budget (`nextChunk`), and
// between chunks `pause(done, total)` lets the page paint its progress and
// stay responsive. The clock (`now`) and the pause come in, so tests drive
// it without a browser.

import { nextChunk } from './timeline.js';

/** A long shared link replays in chunks of about this many milliseconds, so the tab never freezes. */
export const REPLAY_CHUNK_MS = 40;

/**
 * Replays `actions` (`{ label, action }` each) in `engine` (the playground:
 * `stepCount`, `replayActions`) onto `timeline`, appending each replayed
 * one to `log` (the log a shared link carries). Resolves to null when all
 * ran, or to `{ done, label, message }` for the first that failed (the
 * replay stops before it). Throws what the engine throws otherwise.
 */
export async function replayInChunks({ engine, timeline, log, actions, now, pause }) {
  const started = now();
  let done = 0;
  let chunk = 64;
  while (done < actions.length) {
    const slice = actions.slice(done, done + chunk);
    const before = now();
    const first = engine.stepCount;
    const result = engine.replayActions(slice.map(({ action }) => action));
    const replayed = slice.slice(0, result.moments.length);
    // One bulk append for the chunk: a few numbers per moment, no objects, nothing drawn.
    timeline.appendReplayed(first, result.moments, replayed, log.length + 1);
    for (const { label, action } of replayed) log.push({ label, action });
    done += replayed.length;
    if (result.failed !== null) return { done, label: slice[result.failed.index].label, message: result.failed.message };
    // Aim each chunk at the time budget, whatever this machine's speed.
    chunk = nextChunk(chunk, now() - before, REPLAY_CHUNK_MS);
    if (done < actions.length && now() - started > REPLAY_CHUNK_MS) await pause(done, actions.length);
  }
  return null;
}
