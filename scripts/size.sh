#!/usr/bin/env bash
# Prints the first load's size: every file the page fetches, raw and gzipped
# (gzip -9, as a static host would serve it), and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(index.html www/style.css www/main.js www/markup.js www/player.js www/share.js www/view.js www/dom.js www/cluster.js www/lab.js www/attacks.js www/scale.js www/core.js www/favicon.svg www/pkg/session_playground.js www/pkg/session_playground_bg.wasm)
total_raw=0
total_gz=0
printf '%-40s %10s %10s\n' file bytes gzipped
for f in "${files[@]}"; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-40s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-40s %10d %10d\n' total "$total_raw" "$total_gz"
