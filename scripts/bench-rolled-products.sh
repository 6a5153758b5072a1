#!/usr/bin/env bash
# The cost of a watch's growing products as the record grows: `--stack NoiseLog --prodml` rebuilt from every output
# at each update, against `--roll-products PERIOD`, where an update rebuilds only the periods whose outputs changed.
#   1. FILES one-second SEG-Y files of CHANNELS channels (2.5 kHz: the noise log's bands reach 1 kHz) land at once;
#      a watch with each kind of products processes them all (distpy's noise log per chunk) and exits when idle:
#      its wall and CPU time (the watch and its workers) include every product update made while the outputs grew.
#   2. Restart: one more file arrives and a new watch on each store processes it: its wall time is one chunk plus
#      one product update over the whole record (whole) or over the last period only (rolled).
#   3. Steady arrival: the first ARRIVING files arrive one by one at RATE files/s (as an interrogator writes them)
#      into a fresh store while a watch runs: its CPU time is the chunks plus every product update along the way.
# Usage: scripts/bench-rolled-products.sh [FILES] [CHANNELS] [PERIOD_SECONDS] [ARRIVING] [RATE]  (defaults 3000,
# 16, 300, 600, 20; BIN=path skips the release build; BASE=path adds a `rolled` row run with that binary, e.g. an
# earlier build)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-3000}
channels=${2:-16}
period=${3:-300}
arriving=${4:-600}
rate=${5:-20}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-rolled.XXXXXX")
trap 'rm -rf "$work"' EXIT
graph=$PWD/configs/strainrate2noiselog.json
"$BIN" synth --segy "$work/staging" --files "$files" --seconds "$files" --channels "$channels" --rate 2500 >/dev/null
"$BIN" synth --segy "$work/late" --files 1 --seconds 1 --channels "$channels" --rate 2500 \
    --start "$(python3 -c "import datetime as d; print((d.datetime(2024,1,1,tzinfo=d.timezone.utc)+d.timedelta(seconds=$files)).strftime('%Y-%m-%dT%H:%M:%SZ'))")" >/dev/null

# timed DIR ARGS...: runs a command in DIR; prints "WALL CPU" (seconds; CPU of it and its children).
timed() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
folder, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
subprocess.run(command, cwd=folder, check=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.1f} {usage.ru_utime + usage.ru_stime:.1f}")
PY
}

echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg); $files files of $channels channels; periods of $period s"
echo
echo "| products | binary | first watch: $files files, wall s | its CPU s | restart with 1 new file, wall s | its CPU s | stacked periods |"
echo "|---|---|---:|---:|---:|---:|---:|"
rows=("whole $BIN" "rolled $BIN")
if [ -n "${BASE:-}" ]; then rows+=("rolled $BASE"); fi
for row in "${rows[@]}"; do
    read -r kind binary <<<"$row"
    project=$work/$kind-$(basename "$binary")
    mkdir -p "$project/p/raw"
    cp "$work/staging"/* "$project/p/raw/"
    cat > "$project/live.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1,
 "ncpu": 2, "BOX_SIZE": 128}
JSON
    extra=()
    if [ "$kind" = rolled ]; then extra=(--roll-products "$period"); fi
    watch=("$binary" watch live.json "$graph" --stack NoiseLog --prodml "${extra[@]}" --settle 0.2 --report-every 1
           --provisional-after 0.5 --exit-when-idle 1.5 --quiet)
    read -r wall1 cpu1 < <(timed "$project" "${watch[@]}")
    cp "$work/late"/* "$project/p/raw/"
    read -r wall2 cpu2 < <(timed "$project" "${watch[@]}")
    periods=$(find "$project/p/store/NoiseLog_stacked" -name inputs.json | wc -l)
    echo "| $kind | $(basename "$binary") | $wall1 | $cpu1 | $wall2 | $cpu2 | $periods |"
done
echo
echo "(each watch waits 1.5 s idle before exiting; a restart's time is that wait plus one chunk and its product update)"
echo
echo "Steady arrival: $arriving files at $rate files/s, products updated every second"
echo
echo "| products | binary | wall s | CPU s (watch and workers) |"
echo "|---|---|---:|---:|"
for row in "${rows[@]}"; do
    read -r kind binary <<<"$row"
    project=$work/steady-$kind-$(basename "$binary")
    mkdir -p "$project/p/raw" "$project/staging"
    # (sed reads its whole input: head would end ls early, which pipefail counts as a failure)
    ls "$work/staging" | sort | sed -n "1,${arriving}p" | while read -r name; do cp "$work/staging/$name" "$project/staging/"; done
    cp "$work/$kind-$(basename "$binary")/live.json" "$project/"
    extra=()
    if [ "$kind" = rolled ]; then extra=(--roll-products "$period"); fi
    watch=("$binary" watch live.json "$graph" --stack NoiseLog --prodml "${extra[@]}" --settle 0.2 --report-every 1
           --provisional-after 0.5 --exit-when-idle 2 --quiet)
    python3 - "$project/staging" "$project/p/raw" "$rate" <<'PY' &
import os, sys, time
staging, raw, rate = sys.argv[1], sys.argv[2], float(sys.argv[3])
start = time.monotonic()
for i, name in enumerate(sorted(os.listdir(staging))):
    delay = start + i / rate - time.monotonic()
    if delay > 0: time.sleep(delay)
    os.rename(os.path.join(staging, name), os.path.join(raw, name))
PY
    player=$!
    read -r wall cpu < <(timed "$project" "${watch[@]}")
    wait "$player"
    echo "| $kind | $(basename "$binary") | $wall | $cpu |"
done
