// The attack lab's words (www/attacks.js): the defence matrices' headings
// and verdicts, and the guessing calculator's fields, complaints and answer.
// The attacks' and defences' own names are the engine's (defence-matrix.json).

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

export default {
  matrixNotFetched: (status, statusText) => `the defence matrix could not be fetched (${status} ${statusText})`,
  attack: 'Attack',
  undefended: 'Undefended',
  tour: 'Tour',
  succeeds: 'succeeds',
  fails: 'fails',
  stops: 'stops',
  cellLabel: (defence, stops) => `${defence}: ${stops ? 'stops it' : 'does not stop it'}`,
  play: 'Play',
  playLabel: (attack) => `Play the tour: ${attack}`,
  // The calculator's fields, as its complaints name them.
  bits: 'Bits of randomness',
  live: 'Live sessions',
  rate: 'Guesses a second',
  badField: (label, min, max, raw) => `${label} must be a whole number from ${min} to ${max.toLocaleString('en')}; "${raw}" is not`,
  tooFewBits: (bits, live) => `${bits} bits allow only 2^${bits} different IDs, fewer than ${live.toLocaleString('en')} live sessions`,
  expectedTime: (log10Seconds) => `Expected time to a first hit: ${humanTime(log10Seconds)}.`,
};
