// Compiling the engine's wasm as it streams in, before the page's other
// modules have arrived: this module imports nothing, so the page's start.js
// (and the element, beside its modules where it needs the engine first) can begin at once. And what a page
// needs first: the engine at once where its address asks something only the
// engine can answer, a tour's recording (www/recorded.js) where it does not.

/**
 * The engine's wasm from `url`, compiled as it streams in: resolves to a
 * `WebAssembly.Module` for the glue's `init({ module_or_path })`, so the
 * compile can start before the page's other modules have arrived. Where the
 * server answers with an error or without `application/wasm`, it resolves to
 * the response itself, and the glue reports the error or reads it the slow way, as it would have.
 */
export async function compileEngine(url) {
  const response = await fetch(url);
  if (!response.ok || response.headers.get('Content-Type') !== 'application/wasm' || typeof WebAssembly.compileStreaming !== 'function') return response;
  return WebAssembly.compileStreaming(response);
}

/** The tour a first-time reader is offered: Next on the empty stage starts it, and a fresh page opens on its recording. */
export const FIRST_TOUR = 'coat-check';

/**
 * The module holding the recording of tour `key` (`''`: the first tour's, which
 * Next on a fresh stage starts), relative to www/, where the site's build
 * writes them: index.html asks for the first tour's at once, beside the other
 * modules; any other is asked for by the page (or element) that names it.
 */
export const recordingModule = (key) => (key === '' || key === FIRST_TOUR ? './first-tour.js' : `./recordings/${key}.js`);

/** What `?tour=` (or else `?scenario=`) names in `query`: a tour's key or a scenario's URL, or undefined. */
export function namedScenario(query) {
  return (query.get('tour') || query.get('scenario'))?.trim() || undefined;
}

/**
 * Which tour's recording a page at `location` opens on: `''` for the first
 * tour's (Next on a fresh page starts it), where the address asks nothing of
 * the engine; a tour's key where `?tour=` or `?scenario=` names one of
 * `tours` (the built-in tours' keys), with `?step=` or without; null where
 * the address asks the engine first: a seed, a shared moment (`#play=`), an
 * author's scenario (a URL, or `#scenario=`), a tour that is not built in,
 * or a step of no tour.
 */
export function recordingToOpen({ search, hash }, tours) {
  const query = new URLSearchParams(search);
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  if (['seed', 'play', 'tour', 'scenario', 'step'].some((name) => fragment.has(name))) return null;
  if (query.has('seed') || query.has('play')) return null;
  const named = namedScenario(query);
  if (named) return tours.includes(named) ? named : null;
  return ['tour', 'scenario', 'step'].some((name) => query.has(name)) ? null : '';
}
