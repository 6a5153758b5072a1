#!/usr/bin/env bash
# The cost of a watch's growing products as the record grows: `--stack NoiseLog --prodml` rebuilt from every output
# at each update, against `--roll-products PERIOD`, where an update rebuilds only the periods whose outputs changed.
#   1. FILES one-second SEG-Y files of CHANNELS channels (2.5 kHz: the noise log's bands reach 1 kHz) land at once; a watch with each kind of products
#      processes them all (distpy's noise log per chunk) and exits when idle: its wall time includes every product
#      update made while the outputs grew.
#   2. Restart: one more file arrives and a new watch on each store processes it: its wall time is one chunk plus
#      one product update over the whole record (whole) or over the last period only (rolled).
# Usage: scripts/bench-rolled-products.sh [FILES] [CHANNELS] [PERIOD_SECONDS]  (defaults 3000, 16, 300;
# BIN=path skips the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-3000}
channels=${2:-16}
period=${3:-300}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-rolled.XXXXXX")
trap 'rm -rf "$work"' EXIT
graph=$PWD/configs/strainrate2noiselog.json
"$BIN" synth --segy "$work/staging" --files "$files" --seconds "$files" --channels "$channels" --rate 2500 >/dev/null
"$BIN" synth --segy "$work/late" --files 1 --seconds 1 --channels "$channels" --rate 2500 \
    --start "$(python3 -c "import datetime as d; print((d.datetime(2024,1,1,tzinfo=d.timezone.utc)+d.timedelta(seconds=$files)).strftime('%Y-%m-%dT%H:%M:%SZ'))")" >/dev/null

seconds() { python3 -c "import time; print(f'{time.time():.3f}')"; }
echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg); $files files of $channels channels; periods of $period s"
echo
echo "| products | first watch: $files files, s | restart with 1 new file, s | product folders |"
echo "|---|---:|---:|---:|"
for kind in whole rolled; do
    project=$work/$kind
    mkdir -p "$project/p/raw"
    cp "$work/staging"/* "$project/p/raw/"
    cat > "$project/live.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1,
 "ncpu": 2, "BOX_SIZE": 128}
JSON
    extra=()
    if [ "$kind" = rolled ]; then extra=(--roll-products "$period"); fi
    run() {
        (cd "$project" && "$BIN" watch live.json "$graph" --stack NoiseLog --prodml "${extra[@]}" --settle 0.2 \
            --report-every 1 --provisional-after 0.5 --exit-when-idle 1.5 --quiet)
    }
    t0=$(seconds); run; t1=$(seconds)
    cp "$work/late"/* "$project/p/raw/"
    t2=$(seconds); run; t3=$(seconds)
    folders=$(find "$project/p/store/NoiseLog_stacked" -name inputs.json | wc -l)
    python3 -c "print(f'| $kind | {$t1 - $t0:.1f} | {$t3 - $t2:.1f} | $folders |')"
done
echo
echo "(both watches wait 1.5 s idle before exiting; the restart's time is that wait plus one chunk and its product update)"
