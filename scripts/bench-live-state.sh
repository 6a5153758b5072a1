#!/usr/bin/env bash
# The state a months-long watch keeps, after many files: FILES tiny 1-s SEG-Y files (8 channels at 100 Hz, so the
# per-file overhead is all there is) are delivered in batches of BATCH into the watched folder, and — as an
# operator rotating a folder would — the previous batch is moved to an archive as the next one comes in, so the folder never
# holds more than one batch. After each batch the script reads run.json (the watch's resident memory and the
# taken names and store chunks it holds) and measures the journal, store.json, the manifest's log and run.json
# on disk.
# Usage: scripts/bench-live-state.sh [FILES] [BATCH]  (defaults 20000 and 2000; BIN=path picks the binary, default
# the release build if there is one, else the debug build: memory and sizes, not speed, are measured; STAGING=folder
# takes the files from there, as made by an earlier run, instead of making them: ~5 min for 20,000)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-20000}
batch=${2:-2000}
if [ -z "${BIN:-}" ]; then
    BIN=$PWD/.build/release/distswift
    [ -x "$BIN" ] || BIN=$PWD/.build/debug/distswift
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-live-state.XXXXXX")
trap 'kill $watch 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "${STAGING:-}" ]; then
    cp -r "$STAGING" "$work/staging"
else
    "$BIN" synth --segy "$work/staging" --files "$files" --seconds "$files" --channels 8 --rate 100 >/dev/null
fi
mkdir -p "$work/p/raw" "$work/archive"
cat > "$work/live.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store", "parallel_flag": 1,
 "ncpu": 2, "BOX_SIZE": 128}
JSON
# A small graph: one band energy per chunk, written as .npy (the per-chunk output every graph has).
cat > "$work/graph.json" <<JSON
{"command_list": [{"name": "fft", "uid": 1, "in_uid": 0},
 {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": -1},
 {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "rms"}]}
JSON
"$BIN" watch "$work/live.json" "$work/graph.json" --settle 0.2 --poll 0.5 --report-every 1 --quiet \
    &
watch=$!
python3 - "$work" "$batch" <<'PY'
import json, os, sys, time
work, batch = sys.argv[1], int(sys.argv[2])
staging, raw, archive, store = (os.path.join(work, p) for p in ("staging", "p/raw", "archive", "p/store"))
names = sorted(os.listdir(staging))
def report():
    try:
        with open(os.path.join(store, "run.json")) as f: return json.load(f)
    except (OSError, ValueError): return None
def size(path):
    try: return os.path.getsize(os.path.join(store, path))
    except OSError: return 0
print("| files ingested | watch memory (RSS) | taken names held | chunks held | journal lines | journal | store.json | manifest log | run.json |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
start = time.monotonic()
previous = []
for first in range(0, len(names), batch):
    current = names[first:first + batch]
    for name in previous:
        os.rename(os.path.join(raw, name), os.path.join(archive, name))
    for name in current:
        os.rename(os.path.join(staging, name), os.path.join(raw, name))
    previous = current
    want = first + len(current)
    while True:
        r = report()
        if r and r["files"]["ingested"] >= want and r["chunks"]["processed"] >= want - 1 and r["chunks"]["queued"] == 0:
            break
        time.sleep(1)
    time.sleep(2.5)  # a report after the last chunk
    r = report()
    held = r.get('storeChunksHeld')
    log = r.get('manifestLog')
    print(f"| {r['files']['ingested']:,} | {r.get('controllerMemoryBytes', 0) / 1e6:.1f} MB | {r['takenNamesHeld']:,} "
          f"| {f'{held:,}' if held is not None else '-'} "
          f"| {r['journalLines']:,} | {size('.distswift/live-journal.jsonl') / 1e3:.0f} kB "
          f"| {size('store.json') / 1e6:.2f} MB | {f'{size(log) / 1e6:.2f} MB' if log else '-'} "
          f"| {size('run.json') / 1e3:.0f} kB |", flush=True)
print(f"\n{len(names)} files in {time.monotonic() - start:.0f} s")
PY
kill -INT $watch 2>/dev/null || true
wait $watch || true
