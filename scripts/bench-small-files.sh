#!/usr/bin/env bash
# Many small files: `ingest` (batch, 2 workers) and `watch` (all files landing at once) over FILES one-second SEG-Y
# files of CHANNELS channels at 1 kHz (float32), for a table of files × size: files/s and MB/s of record files.
# Usage: scripts/bench-small-files.sh ["FILES..."] ["CHANNELS..."]   (defaults "500 2000" and "8 64 512";
# BIN=path skips the release build). Each ingest is the median of 3 runs (--force: all the work each time).
set -euo pipefail
cd "$(dirname "$0")/.."
file_counts=${1:-"500 2000"}
channel_counts=${2:-"8 64 512"}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-small.XXXXXX")
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); awk "BEGIN { print $t1 - $t0 }"; }
echo "| files | channels | MB | ingest (2 workers) | files/s | MB/s | watch, all at once | files/s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for files in $file_counts; do
    for channels in $channel_counts; do
        rm -rf "$work/p"
        "$BIN" synth --segy "$work/staging" --files "$files" --seconds "$files" --channels "$channels" --rate 1000 >/dev/null
        mb=$(du -sb "$work/staging" | awk '{ print $1 / 1e6 }')
        mkdir -p "$work/p" && cp -r "$work/staging" "$work/p/raw"
        cat > "$work/c.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1, "ncpu": 2}
JSON
        ingest=$(for _ in 1 2 3; do seconds_of "$BIN" ingest "$work/c.json" --quiet --force; done | median)
        # The watch: a fresh store, every file renamed in at once; from the first arrival to the last chunk's
        # outputs (a graph that only writes each chunk's RMS) as run.json times them.
        rm -rf "$work/p"; mkdir -p "$work/p/raw"
        cat > "$work/g.json" <<JSON
{"document": 0, "name": "rms", "description": "one small output per chunk",
 "command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
  {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
  {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "RMS"}]}
JSON
        "$BIN" watch "$work/c.json" "$work/g.json" --settle 0.2 --report-every 1 --exit-when-idle 1 --quiet &
        watch=$!
        sleep 0.5
        for f in "$work/staging/"*; do mv "$f" "$work/p/raw/"; done
        wait $watch || true
        live=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print((r['lastOutputNs'] - r['firstArrivalNs']) / 1e9)" "$work/p/store/run.json")
        rm -rf "$work/staging"
        awk -v f="$files" -v c="$channels" -v mb="$mb" -v i="$ingest" -v l="$live" \
            'BEGIN { printf "| %d | %d | %.1f | %.2f s | %.0f | %.1f | %.2f s | %.0f |\n", f, c, mb, i, f / i, mb / i, l, f / l }'
    done
done
