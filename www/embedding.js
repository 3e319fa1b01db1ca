// What the element and the iframe page share when they are embedded in
// someone else's article: reading a step number as a page would pass it,
// explaining why the engine could not start, suggesting the tour an author
// probably meant, and the iframe's message protocol with its host page.

import { WORDS } from './text/index.js';

const W = WORDS.embedding;

/** A step number as an author passes it: a number, or a string of digits (as a data- attribute gives it). */
export function stepNumber(value) {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return value;
}

/**
 * Says why the engine at `engineUrl` did not start, naming the cause an author can fix: a
 * Content-Security-Policy directive (connect-src for the fetch, 'wasm-unsafe-eval' for the
 * compilation), a missing file, a wrong MIME type, or a server without CORS.
 */
export async function whyItCouldNotStart(error, engineUrl, refusals) {
  // The browser reports a refusal in a task of its own, after the failed fetch: let it arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  // A script of the engine's that is not there (the element found which: www/session-playground.js).
  if (error?.missingScript) return W.couldNotStart.scriptMissing(error.missingScript);
  const text = String(error?.message ?? error);
  const origin = new URL(engineUrl).origin;
  const refused = (prefix) => refusals.some((r) => r.directive?.startsWith(prefix) && (r.blocked === 'wasm-eval' || r.blocked === 'eval' || engineUrl.startsWith(r.blocked) || r.blocked === origin));
  const couldNot = W.couldNotStart;
  if (refused('connect-src')) return couldNot.connectSrc(engineUrl, origin);
  if (/wasm-unsafe-eval|wasm-eval/.test(text) || refusals.some((r) => r.blocked === 'wasm-eval')) return couldNot.wasmEval;
  if (typeof WebAssembly !== 'object') return couldNot.noWebAssembly;
  if (/MIME/i.test(text)) return couldNot.mimeType(engineUrl);
  try {
    const response = await fetch(engineUrl, { method: 'HEAD' });
    if (!response.ok) return couldNot.status(engineUrl, response.status, response.statusText);
  } catch {
    const crossOrigin = origin !== location.origin;
    return crossOrigin ? couldNot.crossOrigin(engineUrl) : couldNot.unreachable(engineUrl);
  }
  return couldNot.other(text);
}

/** The name among `names` an author most likely meant by `wanted` (a small edit away), or null. */
export function closestName(wanted, names) {
  const distance = (a, b) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  const needle = String(wanted).toLowerCase().trim();
  let best = null;
  for (const name of names) {
    const d = name.includes(needle) && needle.length >= 4 ? 1 : distance(needle, name);
    if (d <= Math.max(2, Math.floor(name.length / 4)) && (best === null || d < best.d)) best = { name, d };
  }
  return best?.name ?? null;
}

/** A scenario value is a tour's name unless it looks like a path or URL. */
const looksLikeUrl = (value) => /[/.:]/.test(value);

/**
 * Where a scenario named by an author comes from, `value` being a tour's key or a URL (relative to
 * `base`): `{ key }`, `{ text, source }` once fetched, or `{ error }` saying what went wrong.
 */
export async function fetchScenario(value, base) {
  if (!looksLikeUrl(value)) return { key: value };
  let url;
  try {
    url = new URL(value, base);
  } catch {
    return { error: W.notTourNorUrl(value) };
  }
  try {
    const response = await fetch(url);
    if (!response.ok) return { error: W.scenarioStatus(url.href, response.status, response.statusText) };
    return { text: await response.text(), source: W.scenarioSource(url.href) };
  } catch (error) {
    return { error: W.scenarioUnreachable(url.href, error.message ?? error) };
  }
}

/** The commands a host page may send an embedded playground, by postMessage or as methods. */
export const COMMANDS = ['next', 'back', 'goTo', 'run', 'play', 'pause', 'reset'];

/** Does `command` on the playground's API with `args`, reading step numbers as an author writes them. */
export function perform(api, command, args = []) {
  if (command === 'goTo') return api.goTo(stepNumber(args[0]));
  if (command === 'run') return api.run(args[0]);
  return api[command]();
}
