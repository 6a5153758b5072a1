#!/usr/bin/env bash
# What halos cost: the thumbnail graph (configs/strainrate2thumbnail.json: 200 Hz low-pass, 5 Hz high-pass,
# thumbnail) and the noise-log graph on 1-s and 10-s chunks at 10 kHz, each run on a contiguous store (every chunk
# reads its time halo from its neighbours) and on the same chunk files with a gap after every chunk (no neighbour:
# no halo, i.e. distpy's chunk-by-chunk processing, same compute otherwise). Also the thumbnail graph with
# `halo_tolerance` 1e-6 instead of the default 1e-9.
# Usage: scripts/bench-halos.sh [CHANNELS]   (default 500 channels; one worker; median of 3 runs with --force)
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-500}
swift build -c release >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-halos.XXXXXX")
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); awk "BEGIN { print $t1 - $t0 }"; }
timed() { for _ in 1 2 3; do seconds_of "$@"; done | median; }

python3 - "$work/thumb-1e-6.json" <<'PY'
import json, sys
graph = json.load(open("configs/strainrate2thumbnail.json"))
for entry in graph["command_list"]:
    if entry["name"] == "butter":
        entry["halo_tolerance"] = 1e-6
json.dump(graph, open(sys.argv[1], "w"))
PY
echo "| chunk | graph | halo read per side (samples) | contiguous (halos) s | gapped (no halos) s | extra time | extra bytes read |"
echo "|---|---|---|---|---|---|---|"
for spec in "1 8" "10 3"; do
    set -- $spec
    chunk=$1 count=$2
    seconds=$((chunk * count))
    store="$work/c$chunk/p/raw"
    "$bin" synth --store "$store" --channels "$channels" --rate 10000 --seconds "$seconds" --chunk-seconds "$chunk" >/dev/null
    # The gapped copy: the same chunk files, each chunk moved 1 s later than the one before ends.
    mkdir -p "$work/g$chunk/p"
    cp -r "$store" "$work/g$chunk/p/raw"
    python3 - "$work/g$chunk/p/raw/store.json" <<'PY'
import json, sys
path = sys.argv[1]
manifest = json.load(open(path))
chunks = sorted(manifest["chunks"], key=lambda c: c["start_time_ns"] if "start_time_ns" in c else c["startTimeNs"])
key = "start_time_ns" if "start_time_ns" in chunks[0] else "startTimeNs"
for i, c in enumerate(chunks):
    c[key] += i * 1_000_000_000
json.dump(manifest, open(path, "w"))
PY
    for graph in "$PWD/configs/strainrate2thumbnail.json" "$work/thumb-1e-6.json" "$PWD/configs/strainrate2noiselog.json"; do
        for kind in c g; do
            cat > "$work/$kind$chunk/system.json" <<JSON
{"in_drive": "$work/$kind$chunk", "out_drive": "$work/$kind$chunk", "project": "p", "data": "raw", "results": "out",
 "config": "$graph", "BOX_SIZE": 500}
JSON
            "$bin" process "$work/$kind$chunk/system.json" --workers 1 --quiet --force >/dev/null 2>&1   # warm-up, plans
        done
        with=$(timed "$bin" process "$work/c$chunk/system.json" --workers 1 --quiet --force)
        without=$(timed "$bin" process "$work/g$chunk/system.json" --workers 1 --quiet --force)
        halo=$("$bin" validate "$graph" --rate 10000 --samples $((chunk * 10000)) | sed -n 's/.*reads around each chunk: \([0-9]*\) before.*/\1/p')
        halo=${halo:-0}
        name=$(basename "$graph" .json)
        # Samples read beyond the chunks themselves: each chunk's halo, cut at the ends of the store.
        extra=$(awk "BEGIN { h = $halo; n = $chunk * 10000; c = $count; t = 0
            for (i = 0; i < c; i++) { b = i * n; a = (c - 1 - i) * n; t += (h < b ? h : b) + (h < a ? h : a) }
            printf \"%.0f %%\", 100 * t / (c * n) }")
        printf "| %s s | %s | %s | %.2f | %.2f | %+.0f %% | %s |\n" "$chunk" "$name" "$halo" "$with" "$without" \
            "$(awk "BEGIN { print 100 * ($with / $without - 1) }")" "$extra"
    done
done
