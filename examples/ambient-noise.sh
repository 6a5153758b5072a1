#!/usr/bin/env bash
# The ambient-noise example of docs/toolkit.md in one command: (optionally) ingest a record, run
# examples/ambient-noise-graph.json on every chunk (whiten -> cross_correlate with the first channel -> write_npy),
# then stack the chunks' correlations into one array (stack.npy, lag.npy, measured_depth.npy, stack.json in
# {results}/Correlations_reduced) and draw it as a PNG (distance down, lag across).
#
# Usage: examples/ambient-noise.sh PROCESS_SYSTEM.json [--ingest INGEST_SYSTEM.json] [--png FILE]
#                                  [--reduce linear|mean|phase_weighted]
# PROCESS_SYSTEM.json: a system config whose input is the chunk store and whose "config" is the graph
# (examples/ambient-noise-graph.json). DISTSWIFT names the binary (default: distswift on the PATH).
set -euo pipefail
usage="usage: $0 PROCESS_SYSTEM.json [--ingest INGEST_SYSTEM.json] [--png FILE] [--reduce METHOD]"
[ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
system=$1; shift
ingest="" png="ambient-noise.png" reduce="linear"
while [ $# -gt 0 ]; do
  case $1 in
    --ingest) ingest=${2:?$usage}; shift 2 ;;
    --png) png=${2:?$usage}; shift 2 ;;
    --reduce) reduce=${2:?$usage}; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
distswift=${DISTSWIFT:-distswift}
if [ -n "$ingest" ]; then "$distswift" ingest "$ingest" --quiet; fi
"$distswift" process "$system" --quiet --fft-planning estimate
"$distswift" stack "$system" Correlations --reduce "$reduce" --png "$png"
