#!/usr/bin/env bash
# Each DASCore-style command (issue 19, part A) in `distswift process` against DASCore 0.1.24's own Patch method on
# the same chunk, one core: a 1000 × 10,000 float32 chunk (`distswift synth`, 1 s at 10 kHz), both sides pinned to
# CPU 0 with one BLAS thread. distswift's time is the command's own line of process's per-command report (its input
# conversion to float64 excluded); DASCore's the method call on a Patch of the same float32 values. Best of
# --runs N (default 2). Goal (issue 19): at least 2× DASCore.
#
# Usage: scripts/bench-toolkit.sh [--runs N] [--only a,b] [--no-docs]
#   --no-docs  only print the table; by default it is also appended to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
runs=2 only="" docs=1
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --no-docs) docs=0; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
swift build -c release --product distswift >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-bench-toolkit.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin" synth --store "$work/store" --channels 1000 --rate 10000 --seconds 1 >/dev/null
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
table=$(taskset -c 0 python3 scripts/bench/toolkit.py "$bin" "$work/store" "$work" --runs "$runs" \
        ${only:+--only "$only"})
echo "$table"
if [ "$docs" = 1 ]; then
    {
        echo
        echo "### DASCore-style commands against DASCore 0.1.24, one core ($(date -u +%Y-%m-%d), $(nproc) CPUs shared, best of $runs)"
        echo
        echo "1000 × 10,000 float32 chunk; \`scripts/bench-toolkit.sh\`. The last column is how many times faster"
        echo "distswift is than DASCore's Patch method on the same values in the same run (goal: 2×)."
        echo
        echo "$table"
    } >> docs/benchmarks.md
fi
