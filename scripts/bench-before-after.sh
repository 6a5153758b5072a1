#!/usr/bin/env bash
# The commands whose loops moved into DistSwiftNative's typed kernels, timed in `distswift process` with a binary
# from before the move and this checkout's release build, interleaved run by run on one core: a 1000 × 10,000
# float32 chunk (`distswift synth`, 1 s at 10 kHz), pinned to CPU 0 with one BLAS thread, best of --runs N
# (default 3). A ratio (before ÷ after) of 1.0 is unchanged speed. Runs scripts/bench/before_after.py.
#
# Usage: scripts/bench-before-after.sh BEFORE_BINARY [--runs N] [--only a,b]
#   e.g. git worktree add /tmp/before HEAD~1 && (cd /tmp/before && swift build -c release --product distswift)
#        scripts/bench-before-after.sh /tmp/before/.build/release/distswift
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ "$1" != -h ] && [ "$1" != --help ] || { sed -n '2,9p' "$0"; exit 0; }
before=$1; shift
runs=3 only=""
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
swift build -c release --product distswift >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-bench-before-after.XXXXXX")
trap 'rm -rf "$work"' EXIT
.build/release/distswift synth --store "$work/store" --channels 1000 --rate 10000 --seconds 1 >/dev/null
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
taskset -c 0 python3 scripts/bench/before_after.py "$before" "$PWD/.build/release/distswift" "$work/store" "$work" \
    --runs "$runs" ${only:+--only "$only"}
