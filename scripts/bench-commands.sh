#!/usr/bin/env bash
# Each catalogue command (issue 16) in `distswift process` against its numpy/scipy reference on the same chunk, one
# core: a 1000 × 10,000 float32 chunk (`distswift synth`, 1 s at 10 kHz), both sides pinned to CPU 0 with one BLAS
# thread. distswift's time is the command's own line of process's per-command report: the commands before it
# excluded, but for the first command the engine's conversion of the float32 chunk to float64 included (unless
# the command reads float32 directly; the float32→float64 row times the conversion alone); numpy/scipy's the
# reference call alone (float64 input). Best of --runs N (default 2).
#
# Usage: scripts/bench-commands.sh [--runs N] [--only a,b] [--no-docs] [--precision float32] [--first-calls]
#          [--binary PATH] [--default-blocks]
#   --no-docs  only print the table; by default it is also appended to docs/benchmarks.md
#   --precision float32  graphs in float32 ("precision": "float32"), references on the float32 chunk
#   --first-calls  also each reference's first call in a fresh Python process (commands.py's reference_cold_seconds)
#   --binary PATH  time this distswift binary (e.g. a baseline copied aside) instead of building this checkout
#   --default-blocks  BOX_SIZE left out (cache-sized channel blocks, process's default) and the timed command's
#                  output kept by a write_npy; without it the whole chunk at once (BOX_SIZE 0), no writer
# (scripts/bench-analysis.sh runs the same with --script scripts/bench/analysis.py and its own --title/--note.)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=2 only="" docs=1 precision="" first_calls="" default_blocks="" binary="" script=scripts/bench/commands.py title="Catalogue commands, one core"
note="distswift is than its numpy/scipy reference on the same data in the same run. \`count_peaks\`' reference
(find_peaks_cwt, ~0.15 s a channel) is timed on 20 channels and scaled to 1000; \`keras\` evaluates a Dense
model of the chunk's width (10,000 → 16 relu → 3 softmax) written with h5py in Keras's layout."
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --no-docs) docs=0; shift ;;
        --precision) precision=$2; shift 2 ;;
        --first-calls) first_calls=--first-calls; shift ;;
        --default-blocks) default_blocks=--default-blocks; shift ;;
        --binary) binary=$2; shift 2 ;;
        --script) script=$2; shift 2 ;;
        --title) title=$2; shift 2 ;;
        --note) note=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -n "$binary" ]; then
    bin=$(realpath "$binary")
else
    swift build -c release --product distswift >/dev/null
    bin=$PWD/.build/release/distswift
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-bench-commands.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin" synth --store "$work/store" --channels 1000 --rate 10000 --seconds 1 >/dev/null
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
table=$(taskset -c 0 python3 "$script" "$bin" "$work/store" "$work" --runs "$runs" \
        ${only:+--only "$only"} ${precision:+--precision "$precision"} $first_calls $default_blocks)
echo "$table"
if [ "$docs" = 1 ]; then
    {
        echo
        echo "### $title ($(date -u +%Y-%m-%d), $(nproc) CPUs shared, best of $runs)"
        echo
        echo "1000 × 10,000 float32 chunk; \`$script\` (\`scripts/bench-commands.sh\`). Each ratio column (reference ÷ distswift) is how many times faster"
        echo "$note"
        echo
        echo "$table"
    } >> docs/benchmarks.md
fi
