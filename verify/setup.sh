#!/usr/bin/env bash
# Installs what `make verify-real` needs, skipping what is there: Debian's
# redis-server, php-cli, faketime and inotify-tools; Django and PyJWT in
# verify/.venv (PyPI); express, express-session, connect-redis and redis in
# verify/express/node_modules (npm, from the lock file); and the
# tower-sessions app, built from crates.io into target/verify-tower.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v php >/dev/null || missing+=(php-cli)
command -v inotifywait >/dev/null || missing+=(inotify-tools)
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(faketime)
if [ ${#missing[@]} -gt 0 ]; then
  echo "verify: installing ${missing[*]} from Debian"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

DJANGO_VERSION=5.2.19
if ! .venv/bin/python -c "import django, sys; sys.exit(django.__version__ != '$DJANGO_VERSION')" 2>/dev/null; then
  echo "verify: Django $DJANGO_VERSION into verify/.venv"
  /usr/bin/python3 -m venv .venv
  .venv/bin/pip install -q "Django==$DJANGO_VERSION"
fi
PYJWT_VERSION=2.15.1
if ! .venv/bin/python -c "import jwt, sys; sys.exit(jwt.__version__ != '$PYJWT_VERSION')" 2>/dev/null; then
  echo "verify: PyJWT $PYJWT_VERSION into verify/.venv"
  .venv/bin/pip install -q "PyJWT==$PYJWT_VERSION"
fi

if [ ! -d express/node_modules/express-session ] || [ express/package-lock.json -nt express/node_modules/.package-lock.json ]; then
  echo "verify: npm packages for the express app"
  (cd express && npm ci --no-audit --no-fund --silent)
fi

echo "verify: building the tower-sessions app"
CARGO_TARGET_DIR=../target/verify-tower cargo build --quiet --release --manifest-path tower/Cargo.toml
