#!/usr/bin/env bash
# Live processing (`distswift watch`) on this machine: ingest + distpy's noise-log graph on every 1-s SEG-Y file.
#   1. Capacity: FILES one-second files of CHANNELS channels at 10 kHz (float32 SEG-Y, as `synth` writes them)
#      land at once (renamed into the watched folder); the watch's wall time until the last noise log gives the
#      highest input rate it keeps up with (MB/s and × real time), the catch-up rate of a backlog.
#   2. Flat backlog: the same files arrive one by one at 90 % of that rate; the lag at the end says whether the
#      backlog stayed flat.
#   3. Latency: at half that rate; median and 99th percentile from a file's rename to its noise log (run.json).
# The files are made beforehand and renamed into place on schedule, so making them costs the watch nothing.
# Usage: scripts/bench-live.sh [CHANNELS] [FILES]  (defaults 512 and 30; BIN=path skips the release build;
# SEGY_FORMAT=int16 writes int16 SEG-Y instead of float32 (half the bytes per file); CAPACITY_ONLY=1 skips 2 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-512}
files=${2:-30}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-live.XXXXXX")
trap 'rm -rf "$work"' EXIT
segy_format=${SEGY_FORMAT:-float32}
"$BIN" synth --segy "$work/staging" --segy-format "$segy_format" --files "$files" --seconds "$files" --channels "$channels" --rate 10000 >/dev/null
bytes=$(du -sb "$work/staging" | cut -f1)
mb_per_file=$(awk "BEGIN { print $bytes / $files / 1e6 }")
cat > "$work/live.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1,
 "ncpu": 2, "BOX_SIZE": 128}
JSON
graph=$PWD/configs/strainrate2noiselog.json

# play INTERVAL: renames the staged files into the watched folder, one every INTERVAL seconds (0: all at once).
play() {
    python3 - "$work/staging" "$work/p/raw" "$1" <<'PY'
import os, sys, time
staging, raw, interval = sys.argv[1], sys.argv[2], float(sys.argv[3])
names = sorted(os.listdir(staging))
start = time.monotonic()
for i, name in enumerate(names):
    delay = start + i * interval - time.monotonic()
    if delay > 0: time.sleep(delay)
    os.rename(os.path.join(staging, name), os.path.join(raw, name))
PY
}
# run INTERVAL: a fresh watch over the files arriving every INTERVAL seconds; prints its wall time; files go back.
run() {
    rm -rf "$work/p"; mkdir -p "$work/p/raw"
    "$BIN" watch "$work/live.json" "$graph" --settle 0.2 --report-every 1 --exit-when-idle 1 --quiet &
    local watch=$!
    sleep 0.5   # workers started, FFT plans loaded
    play "$1"
    wait $watch
    cp "$work/p/store/run.json" "$work/run-$2.json"
    mv "$work/p/raw/"* "$work/staging/"
    # From the first file's arrival to the last noise log, as the watch timed them.
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print((r['lastOutputNs'] - r['firstArrivalNs']) / 1e9)" \
        "$work/run-$2.json"
}
# Plans measured once (FFTW wisdom saved), as a long-running watch would have them.
run 0 warm >/dev/null
wall=$(run 0 burst)
rtf=$(awk "BEGIN { print $files / $wall }")
echo "live, $files files of $channels channels × 1 s at 10 kHz ($segy_format SEG-Y, $mb_per_file MB each), 2 workers:"
printf "  capacity (all files at once): %.2f s for %d s of data: %.2f× real time, %.1f MB/s\n" "$wall" "$files" "$rtf" \
    "$(awk "BEGIN { print $rtf * $mb_per_file }")"
report() {
    python3 - "$work/run-$1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
l = r["latency"]
print(f"latency median {l['medianSeconds']:.2f} s, p99 {l['p99Seconds']:.2f} s over {l['window']} chunks; "
      f"{r['chunks']['processed']} chunks, lag at the end {r['lagSeconds']:.1f} s")
PY
}
[ -n "${CAPACITY_ONLY:-}" ] && exit 0
for share in 0.9 0.5; do
    interval=$(awk "BEGIN { print 1 / ($share * $rtf) }")
    run "$interval" "$share" >/dev/null
    printf "  at %.0f %% of it (a file every %.3f s, %.2f× real time, %.1f MB/s): " "$(awk "BEGIN { print $share * 100 }")" \
        "$interval" "$(awk "BEGIN { print $share * $rtf }")" "$(awk "BEGIN { print $share * $rtf * $mb_per_file }")"
    report "$share"
done
