// The attack lab's page parts: the defence matrices, for sessions and for
// signed tokens (the core plays every attack against every defence; the
// result is deterministic, so it is worked out ahead of time into
// defence-matrix.json, and tests/attacks.rs fails when the file and the
// engine disagree) and the calculator for guessing random IDs. Both only
// show what the core returns.

import { $, el } from './view.js';
import { LAB_WORDS } from './text/labs.js';

const W = LAB_WORDS.attacks;

/** The engine's defence matrix, as data: `{ defences: [{ key, label }], rows: [{ attack, label, succeedsUndefended, stoppedBy }] }`. */
async function fetchMatrix() {
  const response = await fetch(new URL('./defence-matrix.json', import.meta.url));
  if (!response.ok) throw new Error(W.matrixNotFetched(response.status, response.statusText));
  return response.json();
}

/**
 * Draws one matrix: a header of its defences, and a row for each attack with
 * its verdict undefended and each defence's; `tourOf(row)` names a row's
 * tour, if it has one (the Tour column is left out when no row has one).
 */
function drawMatrix(headId, bodyId, defences, rows, tourOf, startTour) {
  const withTours = rows.some((r) => tourOf(r));
  const row = el('tr');
  row.append(el('th', '', W.attack), el('th', '', W.undefended));
  for (const d of defences) row.append(el('th', '', d.label));
  if (withTours) row.append(el('th', '', W.tour));
  for (const th of row.children) th.scope = 'col';
  $(headId).replaceChildren(row);
  const body = $(bodyId);
  body.replaceChildren();
  for (const r of rows) {
    const tr = el('tr');
    tr.append(Object.assign(el('th', '', r.label), { scope: 'row' }), el('td', r.succeedsUndefended ? 'bad' : 'ok', r.succeedsUndefended ? W.succeeds : W.fails));
    r.stoppedBy.forEach((stops, i) => {
      const cell = el('td', stops ? 'stops' : 'no', stops ? W.stops : '—');
      cell.setAttribute('aria-label', W.cellLabel(defences[i].label, stops));
      tr.append(cell);
    });
    if (withTours) {
      const cell = el('td');
      const tour = tourOf(r);
      if (tour) {
        const button = el('button', '', W.play);
        button.type = 'button';
        button.setAttribute('aria-label', W.playLabel(r.label));
        button.addEventListener('click', () => startTour(tour));
        cell.append(button);
      }
      tr.append(cell);
    }
    body.append(tr);
  }
}

/** Draws the matrix; each attack row offers its tour. */
export async function setupAttacks(Playground, startTour) {
  const matrix = await fetchMatrix();
  const tours = {
    stolenTicket: 'attack-stolen-ticket',
    plantedTicket: 'session-fixation',
    madeUpTicket: 'attack-made-up-id',
    guessedId: 'attack-guessed-id',
    scriptTheft: 'attack-script-theft',
    crossSiteForm: 'attack-csrf',
    plainHttp: 'attack-plain-http',
  };
  drawMatrix('matrix-head', 'matrix-body', matrix.defences, matrix.rows, (r) => tours[r.attack], startTour);
  // The token rows: the same look, their own defences; a stolen token has its tour.
  const tokenTours = { stolenToken: 'token-revocation' };
  drawMatrix('token-matrix-head', 'token-matrix-body', matrix.tokenDefences, matrix.tokenRows, (r) => tokenTours[r.attack], startTour);

  $('guess-calc').addEventListener('submit', (event) => {
    event.preventDefault();
    const read = (id, label, min, max) => {
      const raw = $(id).value.trim().replaceAll(',', '');
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new Error(W.badField(label, min, max, $(id).value));
      }
      return Number(raw);
    };
    try {
      const bits = read('calc-bits', W.bits, 1, 1024);
      const live = read('calc-live', W.live, 1, 1e12);
      const rate = read('calc-rate', W.rate, 1, 1e15);
      if (Math.log10(live) > bits * Math.log10(2)) throw new Error(W.tooFewBits(bits, live));
      const log = Playground.log10GuessSeconds(bits, live, rate);
      $('calc-result').textContent = W.expectedTime(log);
      $('calc-result').className = 'lab-result';
    } catch (error) {
      $('calc-result').textContent = error.message;
      $('calc-result').className = 'lab-result bad';
    }
  });
  $('guess-calc').requestSubmit();
}
