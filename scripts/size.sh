#!/usr/bin/env bash
# Prints what the page fetches from the site as deployed (target/site/, which
# `make build` writes), as a browser fetches it: every file fetched
# before the page is usable, then what loads later, each raw, gzipped and
# brotli'd; "total" is the first group's sum, "all" both groups'. Also
# writes target/size.json (scripts/size.mjs does the measuring); then the
# wasm's largest groups and functions (scripts/wasm-items.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
mkdir -p target
node scripts/size.mjs --json target/size.json
# Where the wasm's bytes go, from the names-kept build wasm-pack leaves behind.
if [ -f target/wasm32-unknown-unknown/release/session_playground.wasm ]; then
  echo
  node scripts/wasm-items.mjs 10
fi
