#!/usr/bin/env bash
# The scale-and-speed benchmark (issue 6): on synthetic data sets of Kalteng size (xlsx) and
# national size (CSV, at several scales), times side by side
#   - the floor: reading the files and nothing else (calamine for xlsx; the csv crate and
#     polars' CSV reader for CSV), from the bench-only crate benches/floor;
#   - kesiapan assess end to end, JSON only and all outputs;
#   - the pandas + openpyxl peer (benches/peer/peer.py), whose scores and verdicts are checked
#     against kesiapan's (to 1e-9) on every set;
# with hyperfine, plus the peak RSS of each (GNU time) and kesiapan's per-phase timings
# (--verbose). Writes results.json and results.md into the output folder and prints the table.
#
# Usage: benches/run.sh [--quick] [--sizes "kalteng national:0.25 national:0.5 national:1"]
#                       [--out DIR] [--save-baseline FILE] [--baseline FILE] [--threshold PCT]
#   --sizes LIST       kalteng, national:SCALE (CSV) or national-xlsx:SCALE (xlsx workbooks;
#                      not in the default list: the openpyxl peer takes minutes on them)
#   --quick            kalteng and national:0.02 only, fewer runs (checks the harness in ~1 min)
#   --save-baseline F  also copy results.json to F (e.g. benches/baseline.json)
#   --baseline F       compare with a saved results.json: says by how much each command and
#                      each phase got slower; exits 1 when one is slower by more than PCT
#                      (default 15) percent
# Installs what it needs: hyperfine and GNU time (apt-get), pandas and openpyxl (pip).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

sizes="kalteng national:0.25 national:0.5 national:1"
out=target/bench
baseline=""
save=""
threshold=15
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; sizes="kalteng national:0.02" ;;
    --sizes) sizes="$2"; shift ;;
    --out) out="$2"; shift ;;
    --baseline) baseline="$2"; shift ;;
    --save-baseline) save="$2"; shift ;;
    --threshold) threshold="$2"; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

# --- What it needs -------------------------------------------------------------------------
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]} (apt-get)" >&2
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_=sudo
  $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import pandas, openpyxl" 2>/dev/null ||
  python3 -m pip install --quiet --disable-pip-version-check -r benches/peer/requirements.txt

echo "building (release): kesiapan, kesiapan-synth, benches/floor" >&2
cargo build --release --locked --quiet --bins
cargo build --release --locked --quiet --manifest-path benches/floor/Cargo.toml --target-dir target
bin=$root/target/release/kesiapan
synth=$root/target/release/kesiapan-synth
floor=$root/target/release/kesiapan-floor
now=2025-12-23T09:00:00Z

mkdir -p "$out"
out=$(cd "$out" && pwd)
data_root=$root/target/bench-data
mkdir -p "$data_root"

for size in $sizes; do
  preset=${size%%:*}
  scale=1
  [[ "$size" == *:* ]] && scale=${size#*:}
  name=$preset
  gen=(--size "$preset")
  [ "$preset" = national ] && name="national-x$scale"
  # National size as xlsx workbooks (the survey split at 1,000,000 rows a workbook).
  [ "$preset" = national-xlsx ] && { name="national-xlsx-x$scale"; gen=(--size national --format xlsx); }
  data=$data_root/$name
  res=$out/$name
  mkdir -p "$res"
  # Generated once per size and seed; the generator is deterministic.
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    echo "generating $name" >&2
    "$synth" "${gen[@]}" --scale "$scale" --out "$data" > "$res/files.txt"
    touch "$data/.complete"
  fi
  shopt -s nullglob
  xlsx=("$data"/*.xlsx)
  csvs=("$data"/*.csv)
  shopt -u nullglob

  # Runs: many on small sets, few on big ones.
  bytes=$(du -sb "$data" | cut -f1)
  if [ "$bytes" -lt 20000000 ]; then runs=10; warm=2; peer_runs=3; else runs=3; warm=1; peer_runs=2; fi
  [ $quick = 1 ] && { runs=3; warm=1; peer_runs=2; }

  cmds=()
  if [ ${#xlsx[@]} -gt 0 ]; then cmds+=("floor-calamine" "$floor xlsx ${xlsx[*]}"); fi
  if [ ${#csvs[@]} -gt 0 ]; then
    cmds+=("floor-csv" "$floor csv ${csvs[*]}")
    cmds+=("floor-polars" "$floor polars ${csvs[*]}")
  fi
  cmds+=("kesiapan-json" "$bin --quiet assess --data $data --out $res/out-json --format json --now $now")
  cmds+=("kesiapan-all" "$bin --quiet assess --data $data --out $res/out-all --format all --now $now")
  cmds+=("peer" "python3 $root/benches/peer/peer.py $data")

  # Correctness first: kesiapan's result and the peer's check of it.
  echo "[$name] kesiapan --verbose and the peer's equality check" >&2
  "$bin" --verbose assess --data "$data" --out "$res/out-json" --format json --now $now \
    > /dev/null 2> "$res/phases.txt"
  if python3 benches/peer/peer.py "$data" --check "$res/out-json/assessment.json" > "$res/peer.txt" 2>&1; then
    echo ok >> "$res/peer.txt"
  else
    cat "$res/peer.txt" >&2
    echo "[$name] the peer DISAGREES with kesiapan (see above)" >&2
    echo FAILED >> "$res/peer.txt"
  fi

  # Peak RSS, one run each; the floor's polars run also reports the tables' in-memory size.
  : > "$res/rss.txt"
  for ((i = 0; i < ${#cmds[@]}; i += 2)); do
    n=${cmds[i]}
    c=${cmds[i+1]}
    /usr/bin/time -f "%M" -o "$res/rss-$n.txt" bash -c "$c" > "$res/stdout-$n.txt" 2>/dev/null
    echo "$n $(tail -1 "$res/rss-$n.txt")" >> "$res/rss.txt"
  done

  # Times.
  echo "[$name] hyperfine ($runs runs; the peer $peer_runs)" >&2
  hf=()
  for ((i = 0; i < ${#cmds[@]}; i += 2)); do
    [ "${cmds[i]}" = peer ] && continue
    hf+=(-n "${cmds[i]}" "${cmds[i+1]}")
  done
  hyperfine --style basic --warmup $warm --runs $runs --export-json "$res/hyperfine.json" "${hf[@]}" >&2
  hyperfine --style basic --warmup 0 --runs $peer_runs --export-json "$res/hyperfine-peer.json" \
    -n peer "python3 $root/benches/peer/peer.py $data" >&2
done

args=(--out "$out" --threshold "$threshold")
[ -n "$baseline" ] && args+=(--baseline "$baseline")
status=0
python3 benches/report.py "${args[@]}" $sizes || status=$?
[ -n "$save" ] && cp "$out/results.json" "$save" && echo "saved the baseline to $save" >&2
exit $status
