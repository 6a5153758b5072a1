#!/usr/bin/env bash
# Peak memory of `distswift process` on one long-fibre chunk, with channel blocks (BOX_SIZE) and without.
# Usage: scripts/bench-process-memory.sh [CHANNELS] [RATE]   (defaults: 20000 channels × 10 kHz, one 1-s chunk)
# Prints, per BOX_SIZE, the peak RSS and wall time, next to the chunk's size as float32 on disk and as float64.
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-20000}
rate=${2:-10000}
swift build -c release >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin" synth --store "$work/p/raw" --channels "$channels" --rate "$rate" --seconds 1 >/dev/null
cat > "$work/noiselog.json" <<'GRAPH'
{"name": "noise log to npy", "command_list": [
 {"name": "fft", "uid": 1, "in_uid": 0},
 {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
 {"name": "multiple_calcs", "uid": 3, "in_uid": 1, "func": "te_from_fft", "low_freq": [200, 600, 1000], "high_freq": [-1, -1, -1]},
 {"name": "gather", "uid": 4, "in_uid": 2, "gather_uids": [3]},
 {"name": "write_npy", "uid": 5, "in_uid": 4, "directory_out": "NoiseLog"}
]}
GRAPH
chunk_mb=$(awk "BEGIN { print $channels * $rate * 4 / 1e6 }")
block_mb() { awk "BEGIN { print $1 * $rate * 8 / 1e6 }"; }
printf "%-9s %14s %12s %10s %16s\n" BOX_SIZE "block f64 MB" "peak RSS MB" "wall s" "chunk f32 MB"
for box in 500 2000 0; do
    echo "{\"in_drive\": \".\", \"out_drive\": \".\", \"project\": \"p\", \"data\": \"raw\", \"results\": \"out$box\",
           \"config\": \"noiselog.json\", \"BOX_SIZE\": $box}" > "$work/system$box.json"
    stats=$( { /usr/bin/time -f "%M %e" "$bin" process "$work/system$box.json" --quiet; } 2>&1 | tail -1)
    rss_kb=${stats% *}; wall=${stats#* }
    rows=$([ "$box" -gt 0 ] && echo "$box" || echo "$channels")
    printf "%-9s %14.1f %12.1f %10.2f %16.1f\n" "$box" "$(block_mb "$rows")" "$(awk "BEGIN { print $rss_kb / 1024 }")" \
        "$wall" "$chunk_mb"
done
