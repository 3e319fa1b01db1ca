// The built-in tours as the page gets them: the picker's list is a small
// static module (www/tour-list.js, generated from scenarios/ and checked by
// the native tests), and a tour's scenario file is fetched from scenarios/
// (the same files the native tests play) only when the reader picks it or an
// address names it, unless the tour's recording, which the page opens on,
// has brought it (`tourRecorded`). The first tour, the one Next starts on a
// fresh page, is fetched once the page is usable on a recording, or while
// the wasm comes where the engine opens it (`prefetchFirstTour`), unless its
// recording brought it: it is small, and a press of Next then does what it
// says without waiting for the network, while the first load is not kept
// waiting for it.

import { TOUR_LIST } from './tour-list.js';
import { WORDS } from './text/index.js';

const W = WORDS.tours;
import { FIRST_TOUR } from './tour.js';

export { TOUR_LIST };

/** Each tour's download, by key: one fetch however many players ask. */
const downloads = new Map();
/** Each tour's text once it has arrived, for a caller that must not wait. */
const arrived = new Map();

/** True if `key` names a built-in tour. */
export function isTour(key) {
  return TOUR_LIST.some((tour) => tour.key === key);
}

/** The scenario text of tour `key` if it has arrived already, else undefined. */
export function tourTextNow(key) {
  return arrived.get(key);
}

/**
 * Tour `key`'s text as its recording holds it (www/recorded.js; the file as
 * the site ships it, compacted): a page opening on the recording need not
 * fetch the file, and reads this text even if the file has come or comes
 * later.
 */
export function tourRecorded(key, scenario) {
  if (isTour(key)) arrived.set(key, JSON.stringify(scenario));
}

/**
 * The scenario text of tour `key`: fetched once, shared by every caller.
 * Rejects with a sentence a reader can act on if it cannot be fetched;
 * a failed download is tried again on the next call.
 */
export function fetchTourText(key) {
  if (!isTour(key)) return Promise.reject(new Error(W.noSuchTour(key)));
  let download = downloads.get(key);
  if (download === undefined) {
    const url = new URL(`../scenarios/${key}.json`, import.meta.url);
    download = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(W.serverAnswered(response.status, url.pathname));
        return response.text();
      })
      .then((text) => {
        // A text from the tour's recording, set meanwhile, stays.
        if (!arrived.has(key)) arrived.set(key, text);
        return arrived.get(key);
      }, (error) => {
        downloads.delete(key);
        throw new Error(W.couldNotFetch(key, error.message ?? error));
      });
    downloads.set(key, download);
  }
  return download;
}

/**
 * Fetches the first tour's file now, unless its text is here already (the
 * first tour's recording brought it): called once a playground is usable on
 * a recording, or while the engine's wasm comes, so that Next, which starts
 * that tour, need not wait for the network.
 * Nobody waits on it: a failure is reported when the reader asks for the tour.
 */
export function prefetchFirstTour() {
  if (!arrived.has(FIRST_TOUR)) fetchTourText(FIRST_TOUR).catch(() => {});
}
