// Compiling the engine's wasm as it streams in, before the page's other
// modules have arrived: this module imports nothing, so the page's start.js
// (and the element, beside its modules) can begin at once. And what a page
// needs first: the engine at once where its address asks something of it,
// the first tour's recording (www/recorded.js) where it does not.

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

/** What in the address (?… and #…) only the engine can answer: a seed, a tour, a step, a shared link, an author's scenario. */
const ENGINE_PARAMS = ['seed', 'tour', 'scenario', 'step', 'play'];

/** Whether a page at `location` opens on the first tour's recording: its address asks nothing of the engine. */
export function opensOnRecording({ search, hash }) {
  const asked = [new URLSearchParams(search), new URLSearchParams(hash.replace(/^#/, ''))];
  return !asked.some((params) => ENGINE_PARAMS.some((name) => params.has(name)));
}
