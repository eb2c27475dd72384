#!/usr/bin/env bash
# Times `kesiapan assess`, `sensitivity --runs 10000` and `plan --budget` on the bundled sample
# data (release build), several runs.
# Uses hyperfine when installed (apt-get install hyperfine), else a plain loop.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/kesiapan
out=$(mktemp -d)
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 \
    "$bin assess --quiet --out $out --now 2025-12-23T09:00:00Z" \
    "$bin sensitivity --quiet --runs 10000" \
    "$bin plan --quiet --budget 2.000.000.000"
else
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "run $i: %e s wall, %M KiB max RSS" "$bin" assess --quiet --out "$out" --now 2025-12-23T09:00:00Z
  done
fi
