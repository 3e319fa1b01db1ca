// Numbers as an English reader reads them, for every part of the page: counts
// with thousands separators, durations in the unit that reads well, plurals
// and ordinals. Pure functions, no DOM and no Intl: the first toLocaleString
// call loads the browser's ICU data, which is not worth a pause to write
// "1,500". A language writes its own (its separators, its plural rules);
// www/format.js hands the chosen language's to the page.

/** A whole number with thousands separators: 4981 → "4,981". */
export function count(n) {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `value` rounded to at most `digits` decimals, trailing zeros dropped, grouped: 1234.50 → "1,234.5". */
function decimal(value, digits) {
  const factor = 10 ** digits;
  return count(Math.round(value * factor) / factor);
}

/**
 * Nanoseconds in the unit that reads well: "800 ns", "1 µs", "414.2 µs",
 * "2.2 ms", "1 s". The one duration formatter of the page: the stepper's
 * cost model and the scale lab say the same time the same way.
 */
export function duration(ns) {
  if (ns >= 1e9) return `${decimal(ns / 1e9, 2)} s`;
  if (ns >= 1e6) return `${decimal(ns / 1e6, 2)} ms`;
  if (ns >= 1e3) return `${decimal(ns / 1e3, 1)} µs`;
  return `${ns} ns`;
}

/** "1 coat", "4,981 coats": English has one form for one and one for the rest. */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st. */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
