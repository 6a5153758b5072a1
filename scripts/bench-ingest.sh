#!/usr/bin/env bash
# Ingest throughput against cp of the same bytes (warm page cache), for SEG-Y and PRODML input.
# Usage: scripts/bench-ingest.sh [CHANNELS] [SECONDS] [RUNS] [WORKERS]
# (defaults: 512 channels × 10 kHz × 20 s = 410 MB, 3 runs, 1 worker process)
# Prints one line per format: bytes, median seconds of cp, cp+sync and ingest, MB/s and the ratio ingest / cp.
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-512}
seconds=${2:-20}
runs=${3:-3}
workers=${4:-1}
swift build -c release >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
calc() { awk "BEGIN { print $1 }"; }
seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); calc "$t1 - $t0"; }

printf "%-7s %10s %8s %9s %9s %9s %9s %8s\n" format MB cp_s cpsync_s ingest_s ingest_MBps cp_MBps ratio
for format in segy prodml; do
    raw="$work/in/p/raw"
    rm -rf "$work/in" "$work/out"
    mkdir -p "$raw"
    "$bin" synth --$format "$raw" --files "$seconds" --channels "$channels" --rate 10000 --seconds "$seconds" >/dev/null
    bytes=$(du -sb "$raw" | cut -f1)
    cat "$raw"/* >/dev/null   # warm the page cache
    echo '{"in_drive": "in", "out_drive": "out", "project": "p", "data": "raw", "results": "store"}' > "$work/system.json"
    cp_times=(); sync_times=(); ingest_times=()
    for _ in $(seq "$runs"); do
        rm -rf "$work/copy"; sync
        cp_times+=("$(seconds_of cp -r "$raw" "$work/copy")")
        rm -rf "$work/copy"; sync
        sync_times+=("$(seconds_of bash -c "cp -r '$raw' '$work/copy' && sync")")
        rm -rf "$work/copy" "$work/out"; sync
        ingest_times+=("$(seconds_of "$bin" ingest "$work/system.json" --quiet --workers "$workers")")
    done
    cp_s=$(printf "%s\n" "${cp_times[@]}" | median)
    sync_s=$(printf "%s\n" "${sync_times[@]}" | median)
    ingest_s=$(printf "%s\n" "${ingest_times[@]}" | median)
    mb=$(calc "$bytes / 1000000")
    printf "%-7s %10.1f %8.3f %9.3f %9.3f %9.1f %9.1f %8.2f\n" "$format" "$mb" "$cp_s" "$sync_s" "$ingest_s" \
        "$(calc "$mb / $ingest_s")" "$(calc "$mb / $cp_s")" "$(calc "$ingest_s / $cp_s")"
done
