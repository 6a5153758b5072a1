#!/usr/bin/env bash
# The process pool on this machine: 1 vs 2 workers on distpy's noise-log graph, and workers × batch size for an
# ingest of many small files. Usage: scripts/bench-pool.sh [CHUNKS] [CHANNELS] [SMALL_FILES]
# (defaults: 8 one-second chunks of 1000 channels at 10 kHz; 400 small SEG-Y files of 32 channels × 1 s at 1 kHz).
# Every timing is the median of 3 runs (with --force, so each run does all the work).
set -euo pipefail
cd "$(dirname "$0")/.."
chunks=${1:-8}
channels=${2:-1000}
small=${3:-400}
swift build -c release >/dev/null
bin=$PWD/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-pool.XXXXXX")
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); awk "BEGIN { print $t1 - $t0 }"; }
timed() { for _ in 1 2 3; do seconds_of "$@"; done | median; }

# 1. Noise log (configs/strainrate2noiselog.json), 1 vs 2 workers.
"$bin" synth --store "$work/p/raw" --channels "$channels" --rate 10000 --seconds "$chunks" >/dev/null
cat > "$work/noiselog.json" <<JSON
{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "out",
 "config": "$PWD/configs/strainrate2noiselog.json"}
JSON
"$bin" process "$work/noiselog.json" --workers 1 --quiet --force   # plans measured once, wisdom saved
one=$(timed "$bin" process "$work/noiselog.json" --workers 1 --quiet --force)
two=$(timed "$bin" process "$work/noiselog.json" --workers 2 --quiet --force)
msamples=$(awk "BEGIN { print $chunks * $channels * 10000 / 1e6 }")
echo "noise log: $chunks chunks × $channels channels × 10 kHz ($msamples Msamples, float32 store)"
printf "  1 worker  %7.2f s  %7.1f Msamples/s\n" "$one" "$(awk "BEGIN { print $msamples / $one }")"
printf "  2 workers %7.2f s  %7.1f Msamples/s  speed-up %.2f\n" "$two" "$(awk "BEGIN { print $msamples / $two }")" \
    "$(awk "BEGIN { print $one / $two }")"

[ "${SKIP_INGEST:-0}" = 1 ] && exit 0
# 2. Many small files: workers × batch.
mkdir -p "$work/s/raw"
"$bin" synth --segy "$work/s/raw" --files "$small" --channels 32 --rate 1000 --seconds "$small" >/dev/null
echo '{"in_drive": ".", "out_drive": ".", "project": "s", "data": "raw", "results": "store"}' > "$work/small.json"
echo "ingest of $small SEG-Y files of 32 channels × 1 s at 1 kHz ($(du -sh "$work/s/raw" | cut -f1)):"
printf "  %-8s" "batch"; for w in 1 2; do printf " %12s" "$w worker(s)"; done; echo
for batch in 1 2 4 16 64 auto; do
    printf "  %-8s" "$batch"
    for w in 1 2; do
        option=(); [ "$batch" != auto ] && option=(--batch "$batch")
        printf " %10.2f s" "$(timed "$bin" ingest "$work/small.json" --workers "$w" "${option[@]}" --quiet --force)"
    done
    echo
done
