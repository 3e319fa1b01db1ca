// The attack lab's page parts: the defence matrices, for sessions and for
// signed tokens (the core plays every attack against every defence; the
// result is deterministic, so it is worked out ahead of time into
// defence-matrix.json, and tests/attacks.rs fails when the file and the
// engine disagree) and the calculator for guessing random IDs. Both only
// show what the core returns.

import { $, el } from './view.js';

/** A time given as log10(seconds), in the largest unit that reads well. */
function humanTime(log10Seconds) {
  const units = [['year', 365.25 * 86_400], ['day', 86_400], ['hour', 3_600], ['minute', 60], ['second', 1]];
  for (const [name, size] of units) {
    const log = log10Seconds - Math.log10(size);
    if (log >= 0 || name === 'second') {
      if (log < 0) return 'less than a second';
      if (log >= 6) return `about 10^${Math.floor(log)} ${name}s`;
      const value = 10 ** log;
      const text = value.toLocaleString('en', { maximumFractionDigits: value < 10 ? 1 : 0 });
      return `${text} ${name}${text === '1' ? '' : 's'}`;
    }
  }
  return '';
}

/** The engine's defence matrix, as data: `{ defences: [{ key, label }], rows: [{ attack, label, succeedsUndefended, stoppedBy }] }`. */
async function fetchMatrix() {
  const response = await fetch(new URL('./defence-matrix.json', import.meta.url));
  if (!response.ok) throw new Error(`the defence matrix could not be fetched (${response.status} ${response.statusText})`);
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
  row.append(el('th', '', 'Attack'), el('th', '', 'Undefended'));
  for (const d of defences) row.append(el('th', '', d.label));
  if (withTours) row.append(el('th', '', 'Tour'));
  for (const th of row.children) th.scope = 'col';
  $(headId).replaceChildren(row);
  const body = $(bodyId);
  body.replaceChildren();
  for (const r of rows) {
    const tr = el('tr');
    tr.append(Object.assign(el('th', '', r.label), { scope: 'row' }), el('td', r.succeedsUndefended ? 'bad' : 'ok', r.succeedsUndefended ? 'succeeds' : 'fails'));
    r.stoppedBy.forEach((stops, i) => {
      const cell = el('td', stops ? 'stops' : 'no', stops ? 'stops' : '—');
      cell.setAttribute('aria-label', `${defences[i].label}: ${stops ? 'stops it' : 'does not stop it'}`);
      tr.append(cell);
    });
    if (withTours) {
      const cell = el('td');
      const tour = tourOf(r);
      if (tour) {
        const button = el('button', '', 'Play');
        button.type = 'button';
        button.setAttribute('aria-label', `Play the tour: ${r.label}`);
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
        throw new Error(`${label} must be a whole number from ${min} to ${max.toLocaleString('en')}; "${$(id).value}" is not`);
      }
      return Number(raw);
    };
    try {
      const bits = read('calc-bits', 'Bits of randomness', 1, 1024);
      const live = read('calc-live', 'Live sessions', 1, 1e12);
      const rate = read('calc-rate', 'Guesses a second', 1, 1e15);
      if (Math.log10(live) > bits * Math.log10(2)) throw new Error(`${bits} bits allow only 2^${bits} different IDs, fewer than ${live.toLocaleString('en')} live sessions`);
      const log = Playground.log10GuessSeconds(bits, live, rate);
      $('calc-result').textContent = `Expected time to a first hit: ${humanTime(log)}.`;
      $('calc-result').className = 'lab-result';
    } catch (error) {
      $('calc-result').textContent = error.message;
      $('calc-result').className = 'lab-result bad';
    }
  });
  $('guess-calc').requestSubmit();
}
