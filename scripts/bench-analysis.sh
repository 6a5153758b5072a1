#!/usr/bin/env bash
# The DASCore toolkit's spectral, event, array and rolling commands (issue 19, part B) in `distswift process`
# against DASCore 0.1.24's Patch method on the same chunk, one core: a 1000 × 10,000 float32 chunk (`distswift
# synth`, 1 s at 10 kHz), both sides pinned to CPU 0 with one BLAS thread. distswift's time is the command's own
# line of process's per-command report (the commands before it excluded); DASCore's the method call alone on a
# Patch of the same float32 samples (scripts/bench/analysis.py). Best of --runs N (default 2).
#
# Usage: scripts/bench-analysis.sh [--runs N] [--only a,b] [--no-docs]
#   --no-docs  only print the table; by default it is also appended to docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/bench-commands.sh --script scripts/bench/analysis.py \
    --title "DASCore toolkit commands against DASCore 0.1.24, one core" \
    --note "distswift is than DASCore's Patch method on the same samples in the same run (goal ≥ 2×, ≥ 5× for rolling statistics and STA/LTA)." \
    "$@"
