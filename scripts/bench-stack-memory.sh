#!/usr/bin/env bash
# Peak memory of `distswift stack` for N and 10·N per-chunk outputs: the streaming stack should stay flat in the
# number of chunks. Two cases on synthetic write_npy folders (numpy writes them, nothing is processed):
#   join:   N chunk outputs of C channels × 1 value (a noise log) → one C × N array per curve
#   reduce: N per-chunk arrays of R × L (cross-correlations with lags) → --reduce phase_weighted
# Peak RSS from /usr/bin/time -v. Usage: scripts/bench-stack-memory.sh [--n N] [--no-docs]
set -euo pipefail
cd "$(dirname "$0")/.."
n=50 docs=1
while [ $# -gt 0 ]; do
    case $1 in
        --n) n=$2; shift 2 ;;
        --no-docs) docs=0; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
swift build -c release --product distswift >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-bench-stack.XXXXXX")
trap 'rm -rf "$work"' EXIT
channels=20000 rows=100 lags=1000
make_folder() {  # $1 folder, $2 count, $3 kind
    python3 - "$1" "$2" "$3" "$channels" "$rows" "$lags" <<'PY'
import os, sys, numpy as np
folder, count, kind, channels, rows, lags = sys.argv[1], int(sys.argv[2]), sys.argv[3], *map(int, sys.argv[4:])
os.makedirs(folder + "/lag", exist_ok=True)
rng = np.random.default_rng(1)
shape = (channels, 1) if kind == "join" else (rows, lags)
np.save(folder + "/measured_depth.npy", np.arange(shape[0], dtype=float))
block = rng.standard_normal(shape)
for i in range(count):
    name = "%d.npy" % (1704067200 + i)
    np.save(folder + "/" + name, np.roll(block, i, axis=1 if kind != "join" else 0))
    if kind != "join":
        np.save(folder + "/lag/" + name, (np.arange(lags) - lags // 2) / 1000.0)
PY
}
peak() {  # prints the peak RSS (MB) of a stack run: $1 folder name, extra args after
    local name=$1; shift
    /usr/bin/time -v "$bin" stack "$work/system.json" "$name" --output "$work/out-$name" "$@" 2> "$work/time.txt" >/dev/null
    awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$work/time.txt"
}
echo '{"in_directory": "store", "out_directory": "'"$work"'/results"}' > "$work/system.json"
rows_out=""
for kind in join reduce; do
    line="| $kind"
    for count in "$n" "$((10 * n))"; do
        make_folder "$work/results/$kind$count" "$count" "$kind"
        if [ "$kind" = join ]; then mb=$(peak "$kind$count"); else mb=$(peak "$kind$count" --reduce phase_weighted); fi
        line="$line | $mb"
        rm -rf "$work/results/$kind$count" "$work/out-$kind$count"
    done
    rows_out="$rows_out$line |"$'\n'
done
table="| case | peak RSS, $n chunks (MB) | peak RSS, $((10 * n)) chunks (MB) |
|---|---:|---:|
$rows_out"
echo "$table"
if [ "$docs" = 1 ]; then
    {
        echo
        echo "### Streaming stack ($(date -u +%Y-%m-%d))"
        echo
        echo "\`scripts/bench-stack-memory.sh --n $n\`: peak RSS of \`distswift stack\` for N and 10·N per-chunk outputs."
        echo "join: $channels channels × 1 value per chunk (a noise log; the stacked array grows with N, memory must"
        echo "not); reduce: $rows × $lags per-chunk correlations, \`--reduce phase_weighted\`."
        echo
        echo "$table"
    } >> docs/benchmarks.md
fi
