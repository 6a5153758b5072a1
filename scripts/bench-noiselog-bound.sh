#!/bin/bash
# The noise-log run against its hardware bound, start-up included, in one run: `distswift process --workers 1` of
# distpy's noise-log graph (configs/strainrate2noiselog.json) on 8 one-second chunks of 1000 channels at 10 kHz
# (float32 store), against scripts/bench/fft_bound.c (fread of each chunk + FFTW's batched float r2c, planned
# before its clock starts) on the same files; also a one-chunk run (what start-up costs) and what the dynamic loader
# does per process (LD_DEBUG=statistics: libraries mapped, relocation time). Fastest of RUNS wall times and least
# CPU time (user + system of the controller and its workers), each side, after one untimed run that saves the FFTW
# wisdom; the binaries' runs alternate within each round.
# Usage: scripts/bench-noiselog-bound.sh [RUNS]
# Environment: BASELINE=path/to/an/older/distswift times that binary too (rows "before").
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-5}
BIN=$ROOT/.build/release/distswift
[ -x "$BIN" ] || (cd "$ROOT" && swift build -c release --product distswift >/dev/null)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cc -O2 -o "$TMP/fft_bound" "$ROOT/scripts/bench/fft_bound.c" -lfftw3 -lfftw3f
"$BIN" synth --store "$TMP/ds/f32" --channels 1000 --rate 10000 --seconds 8 >/dev/null
"$BIN" synth --store "$TMP/ds/one" --channels 1000 --rate 10000 --seconds 1 >/dev/null
for d in f32 one; do
    cat > "$TMP/$d.json" <<JSON
{"in_drive": "$TMP", "out_drive": "$TMP", "project": "ds", "data": "$d", "results": "out-$d",
 "config": "$ROOT/configs/strainrate2noiselog.json"}
JSON
done
bound_best=999
time_bound() {  # RUNS more runs of the bound; the fastest so far stays (measured before and after the others)
    for _ in $(seq "$RUNS"); do
        t=$("$TMP/fft_bound" f32 "$TMP/ds/f32"/17*.npy | awk '{print $1}')
        bound_best=$(python3 -c "print(min($bound_best, $t))")
    done
}
time_bound
loader() {  # libraries mapped and relocation time of the controller of a one-chunk run
    LD_DEBUG=statistics LD_DEBUG_OUTPUT="$TMP/ld" "$1" process "$TMP/one.json" --workers 1 --force >/dev/null 2>&1
    local f; f=$(ls "$TMP"/ld.* | head -1)
    local libs; libs=$(LD_TRACE_LOADED_OBJECTS=1 "$1" | wc -l)
    local cycles; cycles=$(grep -h "total startup time" "$f" | awk '{print $NF == "cycles" ? $(NF-1) : $NF}')
    rm -f "$TMP"/ld.*
    echo "$libs libraries, $(python3 -c "print(round($cycles / 1e6, 1))") M cycles in the loader"
}
# Every binary's full and one-chunk runs alternate within each round (scripts/bench/alternating_runs.py), so the
# before/after ratio is not the difference between two minutes of this shared machine's load.
runs=("new-full=$BIN process $TMP/f32.json --workers 1 --force" "new-one=$BIN process $TMP/one.json --workers 1 --force")
if [ -n "${BASELINE:-}" ]; then
    runs+=("old-full=$BASELINE process $TMP/f32.json --workers 1 --force"
           "old-one=$BASELINE process $TMP/one.json --workers 1 --force")
fi
python3 "$ROOT/scripts/bench/alternating_runs.py" "$RUNS" "${runs[@]}" > "$TMP/times"
time_bound
field() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$TMP/times"; }
echo "noise log, 8 chunks of 1000 × 10,000 float32 (320 MB), 1 worker; fastest of $RUNS"
echo "| run | seconds | ÷ bound | CPU s | one-chunk run s | one-chunk CPU s | loader per process |"
echo "|---|---:|---:|---:|---:|---:|---|"
echo "| bound: fread + fftwf r2c (scripts/bench/fft_bound.c) | $(printf %.3f "$bound_best") | 1.00 | | | | |"
row() {
    local name=$1 bin=$2 key=$3 full
    full=$(field "$key-full" 2)
    echo "| $name | $(printf %.3f "$full") | $(python3 -c "print(f'{$full / $bound_best:.2f}')") | $(printf %.2f "$(field "$key-full" 3)") | $(printf %.3f "$(field "$key-one" 2)") | $(printf %.2f "$(field "$key-one" 3)") | $(loader "$bin") |"
}
row "distswift process" "$BIN" new
if [ -n "${BASELINE:-}" ]; then row "distswift process, before (BASELINE)" "$BASELINE" old; fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
