#!/usr/bin/env bash
# Time `kesiapan evaluate` (issue 14) on the bundled window data (sample-data/evaluasi: 40 OPDs,
# 64 working days, 17,298 log rows) and at national size (25,000 units written by
# tools/gen_evaluation_data.py --units 25000: about 5.4 M rows of CSV), with hyperfine and the peak
# RSS (GNU time). A benchmark, not a test: it prints figures and asserts no timing.
#
# Usage: benches/evaluate.sh [--units N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
units=25000
out=target/bench-evaluate
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
  $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import openpyxl" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r tools/requirements.txt
mkdir -p "$out"
data="$out/national-$units"
if [ ! -f "$data/kinerja_harian.csv" ]; then
  echo "writing $units units into $data" >&2
  python3 tools/gen_evaluation_data.py --units "$units" --out "$data"
fi
cargo build --release --locked --quiet --bins
bin=target/release/kesiapan
now=2026-01-12T09:00:00Z
for set in sample national; do
  if [ $set = sample ]; then args=(); else args=(--data "$data"); fi
  echo "== evaluate, $set" >&2
  hyperfine --warmup 1 --runs 3 --export-json "$out/$set.json" \
    "$bin -q evaluate ${args[*]} --now $now --format json --out $out/$set-out"
  /usr/bin/time -f "peak RSS %M KiB, %e s" "$bin" -q evaluate "${args[@]}" --now $now \
    --format json --out "$out/$set-out" 2>&1 | tail -1
done
du -sh "$data"
