#!/usr/bin/env bash
# Each DASCore-style command (issue 19, part A) in `distswift process` against DASCore 0.1.24's own Patch method on
# the same chunk, one core: a 1000 × 10,000 float32 chunk (`distswift synth`, 1 s at 10 kHz), both sides pinned to
# CPU 0 with one BLAS thread. distswift's time is the command's own line of process's per-command report (its input
# conversion to float64 included, as the engine times it); DASCore's the method call on a Patch of the same float32
# values. Best of --runs N (default 2). Goal (issue 19): at least 2× DASCore. Runs scripts/bench-commands.sh with
# scripts/bench/toolkit.py.
#
# Usage: scripts/bench-toolkit.sh [--runs N] [--only a,b] [--no-docs]
#   --no-docs  only print the table; by default it is also appended to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = -h ] || [ "${1:-}" = --help ] && { sed -n '2,10p' "$0"; exit 0; }
exec scripts/bench-commands.sh --script scripts/bench/toolkit.py \
    --title "DASCore-style commands against DASCore 0.1.24, one core" \
    --note "distswift is than DASCore's Patch method on the same values in the same run (goal: 2×)." \
    "$@"
