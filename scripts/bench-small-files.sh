#!/usr/bin/env bash
# Many small files, measured so that a busy machine does not hide the result: `ingest` (2 workers, --force) and
# `watch` (all files renamed in at once; each file ingested, then its chunk run through FFT → RMS → write_npy) over
# FILES one-second SEG-Y files of CHANNELS channels at 1 kHz (float32). For each: the wall time, and the CPU time
# (user + system of the controller and its workers, from /usr/bin/time), whose quotient with the 2 cores is the
# rate 2 otherwise idle cores would sustain: files / (CPU s / 2).
# Usage: scripts/bench-small-files.sh ["FILES..."] ["CHANNELS..."]  (defaults "500 2000" and "8 64";
# BIN=path skips the release build; BASE=path also times `ingest` and `watch` of another binary in the same run,
# e.g. main's; REPEAT=N runs each N times and keeps the fastest, the load average is printed with each row;
# TMPDIR=/dev/shm puts the work on tmpfs, to see what the file system costs)
set -euo pipefail
cd "$(dirname "$0")/.."
file_counts=${1:-"500 2000"}
channel_counts=${2:-"8 64"}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-small.XXXXXX")
trap 'rm -rf "$work"' EXIT
# timed COMMAND...: prints "wall cpu" (seconds), the command's output discarded.
timed() {
    local t0 t1 cpu
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    cpu=$(tail -1 "$work/time.txt" | awk '{ print $1 + $2 }')
    awk -v a="$t0" -v b="$t1" -v c="$cpu" 'BEGIN { print b - a, c }'
}
row() {  # row WHAT BINARY FILES CHANNELS MB WALL CPU
    awk -v w="$1" -v b="$2" -v f="$3" -v c="$4" -v mb="$5" -v s="$6" -v cpu="$7" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        printf "| %s | %s | %d | %d | %.1f | %.2f s | %.0f | %.1f | %.2f s | %.2f ms | **%.0f** | %s |\n",
            w, b, f, c, mb, s, f / s, mb / s, cpu, 1000 * cpu / f, f / (cpu / 2), load }'
}
repeat=${REPEAT:-1}
# move FROM TO: renames every file of FROM into TO in one process (a `mv` per file would take longer than the
# watch at these rates: the files would not arrive at once).
move() {
    python3 -c 'import os, sys
src, dst = sys.argv[1:]
for n in sorted(os.listdir(src)): os.rename(os.path.join(src, n), os.path.join(dst, n))' "$1" "$2"
}
# best WALL CPU pairs on stdin: the pair with the shortest wall time.
best() { sort -g | head -1; }
echo "| run | binary | files | channels | MB | wall | files/s | MB/s | CPU | CPU per file | files/s on 2 idle cores | load |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
cat > "$work/c.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1, "ncpu": 2}
JSON
cat > "$work/g.json" <<JSON
{"document": 0, "name": "rms", "description": "one small output per chunk",
 "command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
  {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
  {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "RMS"}]}
JSON
for files in $file_counts; do
    for channels in $channel_counts; do
        rm -rf "$work/p" "$work/staging"
        "$BIN" synth --segy "$work/staging" --files "$files" --seconds "$files" --channels "$channels" --rate 1000 >/dev/null
        mb=$(du -sb "$work/staging" | awk '{ print $1 / 1e6 }')
        mkdir -p "$work/p" && cp -r "$work/staging" "$work/p/raw"
        for bin in ${BASE:-} "$BIN"; do
            label=$([ "$bin" = "$BIN" ] && echo "this" || echo "base")
            "$bin" ingest "$work/c.json" --quiet --force >/dev/null 2>&1 || true   # warm-up, and the store exists
            read -r wall cpu < <(for _ in $(seq "$repeat"); do timed "$bin" ingest "$work/c.json" --quiet --force; done | best)
            row "ingest" "$label" "$files" "$channels" "$mb" "$wall" "$cpu"
        done
        rm -rf "$work/p"
        for bin in ${BASE:-} "$BIN"; do
            label=$([ "$bin" = "$BIN" ] && echo "this" || echo "base")
            read -r live cpu < <(for _ in $(seq "$repeat"); do
                rm -rf "$work/p"; mkdir -p "$work/p/raw"
                ( cd "$work" && /usr/bin/time -f "%U %S" -o "$work/watch.cpu" "$bin" watch "$work/c.json" "$work/g.json" \
                    --settle 0.2 --report-every 1 --exit-when-idle 3 --quiet >/dev/null 2>&1 ) &
                watch=$!
                sleep 1
                move "$work/staging" "$work/p/raw"
                wait $watch || true
                move "$work/p/raw" "$work/staging"
                # A run that did not ingest and process every file is no measurement: said on stderr.
                live=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))
if r['files']['ingested'] != int(sys.argv[2]) or r['chunks']['processed'] < int(sys.argv[2]):
    print('incomplete watch run:', r['files'], r['chunks'], file=sys.stderr)
print((r['lastOutputNs'] - r['firstArrivalNs']) / 1e9)" "$work/p/store/run.json" "$files")
                echo "$live $(tail -1 "$work/watch.cpu" | awk '{ print $1 + $2 }')"
            done | best)
            row "watch, all at once" "$label" "$files" "$channels" "$mb" "$live" "$cpu"
        done
    done
done
