#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already
# there: the wasm32 target, wasm-pack, the wasm-bindgen CLI at exactly the
# version Cargo.toml pins, the npm dev dependencies (wasm-opt from binaryen,
# esbuild, pinned, for the site's minified files, playwright-core, axe-core),
# and Debian's chromium and chromedriver.
# With everything present it finishes in a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must match the crate exactly, so read the pin.
bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
[ -n "$bindgen_version" ] || { echo "Cargo.toml must pin wasm-bindgen with \"=X.Y.Z\"" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null; then
  say "Installing wasm-pack (a few minutes, once)"
  cargo install wasm-pack --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # No --locked: its lock file names a dependency version the registry lacks.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi

if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  say "Installing Debian's chromium and chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver
fi
