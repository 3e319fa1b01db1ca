// Where the wasm's bytes go: reads the release build as rustc leaves it
// (target/wasm32-unknown-unknown/release/session_playground.wasm, which still
// has its name section; wasm-bindgen and wasm-opt later strip the names and
// shrink the code, so the shipped file is smaller, but the ranking holds),
// and prints the largest functions and the largest groups of them by module
// path (core::fmt, alloc::collections::btree, serde_json, our own modules…),
// with the data section beside them.
//
// Usage: node scripts/wasm-items.mjs [top=15] [file=the release build]

import { readFileSync } from 'node:fs';

const top = Number(process.argv[2] ?? 15);
const FILE = process.argv[3] ?? 'target/wasm32-unknown-unknown/release/session_playground.wasm';
const bytes = readFileSync(FILE);

let at = 8;
const u32 = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const name = () => {
  const length = u32();
  const text = bytes.subarray(at, at + length).toString('utf8');
  at += length;
  return text;
};

let imported = 0;
let bodies = [];
let data = 0;
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = u32();
  const end = at + size;
  if (id === 2) {
    // Imports: functions among them take the first indices.
    for (let count = u32(); count > 0; count -= 1) {
      name();
      name();
      const kind = bytes[at++];
      if (kind === 0) {
        u32();
        imported += 1;
      } else if (kind === 1) {
        at += 1;
        at += bytes[at] & 1 ? 1 : 0;
        u32();
        if (bytes[at - 1] & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else {
        at += 2;
      }
    }
  } else if (id === 10) {
    for (let count = u32(); count > 0; count -= 1) {
      const length = u32();
      bodies.push(length);
      at += length;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0 && name() === 'name') {
    while (at < end) {
      const sub = bytes[at++];
      const subSize = u32();
      const subEnd = at + subSize;
      if (sub === 1) {
        for (let count = u32(); count > 0; count -= 1) {
          const index = u32();
          names.set(index, name());
        }
      }
      at = subEnd;
    }
  }
  at = end;
}

/** Rust's legacy mangling, readable enough to group by: `_ZN4core3fmt5write17h…E` → `core::fmt::write`. */
function demangle(symbol) {
  if (!symbol.startsWith('_ZN')) return symbol;
  const parts = [];
  let i = 3;
  while (i < symbol.length && symbol[i] !== 'E') {
    let digits = '';
    while (/\d/.test(symbol[i])) digits += symbol[i++];
    if (digits === '') break;
    parts.push(symbol.slice(i, i + Number(digits)));
    i += Number(digits);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',').replace(/\.\./g, '::');
}

/**
 * wasm-bindgen's descriptor functions (`WasmDescribe::describe` and the
 * `__wbindgen_describe_*` exports) only tell its CLI each export's types; the
 * CLI runs them and removes them, so they never ship: leave them out.
 */
const shipped = (name) => !/WasmDescribe( for [^>]*)?>::describe$|__wbindgen_describe/.test(name);
const all = bodies.map((size, i) => ({ name: demangle(names.get(imported + i) ?? `function ${imported + i}`), size }));
const functions = all.filter((fn) => shipped(fn.name));
const code = functions.reduce((sum, f) => sum + f.size, 0);
/** A v0-mangled symbol (`_RNv…`, as std is built) names its crate after `Cs<hash>_`: group by that. */
const v0Crate = (symbol) => symbol.match(/Cs[0-9A-Za-z]*_(\d+)/) && symbol.slice(symbol.search(/Cs[0-9A-Za-z]*_\d+/)).replace(/^Cs[0-9A-Za-z]*_(\d+)(.*)$/, (_, n, rest) => rest.slice(0, Number(n)));
const group = (fn) => {
  if (fn.name.startsWith('_R')) return `${v0Crate(fn.name) ?? 'unknown'} (std build)`;
  const path = fn.name.replace(/^_?<+/, '').replace(/^impl /, '').split(/::| as |<| for /);
  const depth = ['session_playground', 'alloc', 'core'].includes(path[0]) ? 3 : 1;
  return path.slice(0, depth).join('::') || fn.name;
};
const groups = new Map();
for (const fn of functions) groups.set(group(fn), (groups.get(group(fn)) ?? 0) + fn.size);

const pct = (n) => `${((100 * n) / (code + data)).toFixed(1)}%`.padStart(6);
console.log(`${FILE}: code ${code} B in ${functions.length} functions, data ${data} B (before wasm-bindgen and wasm-opt; ${all.length - functions.length} descriptor functions, which wasm-bindgen removes, left out)`);
console.log(`\nLargest groups:`);
for (const [key, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(size).padStart(8)} ${pct(size)}  ${key}`);
console.log(`\nLargest functions:`);
for (const fn of [...functions].sort((a, b) => b.size - a.size).slice(0, top)) console.log(`${String(fn.size).padStart(8)} ${pct(fn.size)}  ${fn.name.slice(0, 110)}`);
