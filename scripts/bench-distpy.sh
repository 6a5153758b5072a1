#!/usr/bin/env bash
# distswift against distpy 1.32.3 on the same data, in one run, with the hardware bound (FFTW alone) beside them.
#
# Usage: scripts/bench-distpy.sh [--runs N] [--no-docs] [--no-ingest] [--no-long] [--keep]
#   --runs N     timed runs per measurement, the median is reported (default 3; one untimed warm-up run first)
#   --no-docs    only print the tables; by default they are also appended to docs/benchmarks.md
#   --no-ingest  skip the SEG-Y ingest comparison
#   --no-long    skip the long-fibre case (2 chunks of 20,000 channels, 1.6 GB)
#   --keep       keep the work folder (default: a temporary folder, removed at the end)
# Environment: DISTSWIFT_BENCH_CACHE (default ~/.cache/distswift/bench) holds the Python virtual environment with
# distpy 1.32.3 and its old dependencies (made once, from PyPI, with the system python3); TMPDIR for the work folder.
#
# What runs (store: `distswift synth`, 8 one-second chunks of 1000 channels at 10 kHz, and a float64 copy):
#   distpy     distpy.controllers.parallel_strainrate_processing.main(system.json), parallel_flag 0 / (1, ncpu 2)
#   distswift  distswift process system.json --workers 1|2 --force: float32 on the f32 store (its default there),
#              float64 on the f64 store, and --precision float64 on the f32 store
#   long fibre the same on 2 one-second chunks of 20,000 channels (f32 store; distpy 1 process, distswift 1 and 2)
#   bound      scripts/bench/fft_bound.c: fread each chunk + FFTW's batched r2c along time (FFTW_MEASURE, planned
#              once, planning not timed); 2 processes = two copies on half the chunks each, the slower one's time
#   numpy      scripts/bench/numpy_fft.py: np.load + numpy.fft.rfft / numpy.fft.fft per chunk (distpy's numpy)
#   ingest     distpy.ingesters.parallel_ingest.main(cfg, ingester=distpy.io_help.sgy) vs distswift ingest, on 4
#              big-endian IEEE SEG-Y files of 1 s (`distswift synth --segy`)
# Wall time is /usr/bin/time's %e of the whole command (interpreter / process start included) except for the bound
# and numpy rows (their own clock); peak RSS is %M, i.e. the largest single process of the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=3 docs=1 ingest=1 long=1 keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --no-docs) docs=0; shift ;;
        --no-ingest) ingest=0; shift ;;
        --no-long) long=0; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
cache=${DISTSWIFT_BENCH_CACHE:-$HOME/.cache/distswift/bench}
channels=1000 rate=10000 seconds=8

# 1. The virtual environment: distpy 1.32.3 and the versions it needs (numpy < 1.24 for numpy.int / numpy.complex).
# All pins have CPython 3.11 wheels; matplotlib 3.7.* and h5py 3.8.* resolve to 3.7.5 and 3.8.0. rec_avro is imported
# by distpy.io_help.witsmlfbe at module level without being declared.
pins="numpy==1.23.5 scipy==1.10.1 numba==0.57.1 h5py==3.8.* matplotlib==3.7.* pandas==1.5.3 scikit-learn==1.2.2 rec_avro distpy==1.32.3"
venv=$cache/venv-distpy
py=$venv/bin/python
if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]; then
    echo "creating $venv (distpy 1.32.3 from PyPI)"
    rm -rf "$venv"; mkdir -p "$cache"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    # shellcheck disable=SC2086
    "$venv/bin/pip" install -q $pins
    "$py" -c "import distpy.controllers.parallel_strainrate_processing, distpy.io_help.sgy"
    echo "$pins" > "$venv/.pins"
fi

# 2. Builds.
swift build -c release >/dev/null
bin=$repo/.build/release/distswift
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-vs-distpy.XXXXXX")
if [ "$keep" = 1 ]; then echo "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
cc -O2 -o "$work/fft_bound" scripts/bench/fft_bound.c -lfftw3 -lfftw3f

# 3. The stores. distswift's store.json must not be in distpy's input folder (distpy takes every file but
# measured_depth.npy and time.npy as a chunk and fails on int("store"), reference §7.4 #46), so distpy reads a folder
# of hard links to the same .npy files.
"$bin" synth --store "$work/ds/f32" --channels $channels --rate $rate --seconds $seconds >/dev/null
"$py" scripts/bench/to_float64.py "$work/ds/f32" "$work/ds/f64"
for d in f32 f64; do
    mkdir -p "$work/dp/$d"
    ln "$work/ds/$d"/*.npy "$work/dp/$d/"
    cat > "$work/ds-$d.json" <<JSON
{"in_drive": "$work", "out_drive": "$work", "project": "ds", "data": "$d", "results": "out-$d",
 "config": "$repo/configs/strainrate2noiselog.json"}
JSON
    for p in 1 2; do
        flag=$((p > 1 ? 1 : 0))
        cat > "$work/dp-$d-$p.json" <<JSON
{"in_drive": "$work", "out_drive": "$work", "project": "dp", "data": "$d", "results": "out-$d",
 "measured_depth": "measured_depth.npy", "prf": $rate, "BOX_SIZE": 500, "parallel_flag": $flag, "ncpu": $p,
 "config": "$repo/configs/strainrate2noiselog.json"}
JSON
    done
done
cat > "$work/run_distpy.py" <<'PY'
import sys
if __name__ == "__main__":
    if sys.argv[1] == "process":
        import distpy.controllers.parallel_strainrate_processing as p
        p.main(sys.argv[2])
    else:
        import distpy.ingesters.parallel_ingest as pi, distpy.io_help.sgy as sgy
        pi.main(sys.argv[2], ingester=sgy)
PY
cat "$work"/ds/*/*.npy > /dev/null   # page cache warm
# distpy's workers create their output folders with exists-then-makedirs (strainrate2summary.build_command_list,
# sgy.ingest's tmp/): with 2 processes the second one fails with FileExistsError when both start on a missing
# folder, so the folders are made before every distpy run (stage 2: {results}/NoiseLog, ingest: {results}/tmp and json).
# Outputs are removed before every distpy run too, since distpy skips chunks whose outputs exist (§5.3).

results=$work/results.tsv
: > "$results"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed KEY MSAMPLES MB PREP CMD...: one warm-up run, then RUNS runs of CMD under /usr/bin/time, each after PREP.
timed() {
    local key=$1 ms=$2 mb=$3 prep=$4; shift 4
    local walls="" rss=0 i w m
    for i in $(seq 0 "$runs"); do
        eval "$prep"
        if ! /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/log.txt" 2>&1; then
            echo "FAILED: $key: $*" >&2; tail -20 "$work/log.txt" >&2; return 1
        fi
        [ "$i" = 0 ] && continue
        read -r w m < <(tail -1 "$work/time.txt")
        walls+="$w"$'\n'; [ "$m" -gt "$rss" ] && rss=$m
    done
    printf "%s\t%s\t%s\t%s\t%s\n" "$key" "$(printf "%s" "$walls" | median)" "$rss" "$ms" "$mb" >> "$results"
    echo "  $key: $(printf "%s" "$walls" | median) s (runs: $(printf "%s" "$walls" | tr '\n' ' '))"
}
# inner KEY MSAMPLES MB FIELD CMD...: like timed, but the time is field FIELD of the command's own last output line.
inner() {
    local key=$1 ms=$2 mb=$3 field=$4; shift 4
    local walls="" i
    for i in $(seq 0 "$runs"); do
        out=$("$@" | tail -1)
        [ "$i" = 0 ] && continue
        walls+="$(echo "$out" | awk -v f="$field" '{print $f}')"$'\n'
    done
    printf "%s\t%s\t%s\t%s\t%s\n" "$key" "$(printf "%s" "$walls" | median)" 0 "$ms" "$mb" >> "$results"
    echo "  $key: $(printf "%s" "$walls" | median) s (runs: $(printf "%s" "$walls" | tr '\n' ' '))"
}
bound2() {   # two bound processes on half the chunks each; the slower one's own time
    local kind=$1 dir=$2 chunks half
    chunks=("$dir"/[0-9]*.npy); half=$(( ${#chunks[@]} / 2 ))
    "$work/fft_bound" "$kind" "${chunks[@]:0:$half}" > "$work/b1.txt" &
    "$work/fft_bound" "$kind" "${chunks[@]:$half}" > "$work/b2.txt"
    wait
    cat "$work/b1.txt" "$work/b2.txt" | sort -g | tail -1
}

msamples=$(( channels * rate * seconds / 1000000 ))
echo "noise log, $seconds chunks × $channels channels × $rate Hz ($msamples Msamples); median of $runs runs:"
for d in f32 f64; do
    bytes=$([ $d = f32 ] && echo 4 || echo 8)
    mb=$(( msamples * bytes ))
    kind=$d
    chunks=("$work/ds/$d"/[0-9]*.npy)
    inner "bound $d 1" $msamples $mb 1 "$work/fft_bound" "$kind" "${chunks[@]}"
    inner "bound $d 2" $msamples $mb 1 bound2 "$kind" "$work/ds/$d"
    inner "numpy-rfft $d 1" $msamples $mb 1 "$py" scripts/bench/numpy_fft.py "${chunks[@]}"
    inner "numpy-fft $d 1" $msamples $mb 2 "$py" scripts/bench/numpy_fft.py "${chunks[@]}"
    for p in 1 2; do
        timed "distpy $d $p" $msamples $mb "rm -rf '$work/dp/out-$d'; mkdir -p '$work/dp/out-$d/NoiseLog'" "$py" "$work/run_distpy.py" process "$work/dp-$d-$p.json"
        timed "distswift $d $p" $msamples $mb "" "$bin" process "$work/ds-$d.json" --workers $p --force --quiet
        if [ $d = f32 ]; then
            timed "distswift-f64 $d $p" $msamples $mb "" "$bin" process "$work/ds-$d.json" --workers $p --force --quiet --precision float64
        fi
    done
    "$py" scripts/bench/compare_noiselog.py "$work/ds/$d" "$work/ds/out-$d/NoiseLog" "$work/dp/out-$d/NoiseLog" \
        | sed "s/^/  outputs $d (float64): /" | tee "$work/compare-$d.txt"
    if [ $d = f32 ]; then   # the float32 path's outputs against distpy's float64 ones
        "$bin" process "$work/ds-$d.json" --force --quiet
        "$py" scripts/bench/compare_noiselog.py "$work/ds/$d" "$work/ds/out-$d/NoiseLog" "$work/dp/out-$d/NoiseLog" \
            | sed "s/^/  outputs $d (float32): /" | tee "$work/compare-$d-float32.txt"
    fi
done

if [ "$long" = 1 ]; then
    # The long-fibre case: 20,000 channels (2.5 km at 12.5 cm), 2 one-second chunks; distpy and distswift both in
    # blocks of BOX_SIZE 500 channels. Peak RSS shows whether memory stays flat in the channel count.
    lch=20000 lsec=2
    "$bin" synth --store "$work/ds/long" --channels $lch --rate $rate --seconds $lsec >/dev/null
    mkdir -p "$work/dp/long"; ln "$work/ds/long"/*.npy "$work/dp/long/"
    echo "{\"in_drive\": \"$work\", \"out_drive\": \"$work\", \"project\": \"ds\", \"data\": \"long\", \"results\": \"out-long\", \"BOX_SIZE\": 500, \"config\": \"$repo/configs/strainrate2noiselog.json\"}" > "$work/ds-long.json"
    echo "{\"in_drive\": \"$work\", \"out_drive\": \"$work\", \"project\": \"dp\", \"data\": \"long\", \"results\": \"out-long\", \"measured_depth\": \"measured_depth.npy\", \"prf\": $rate, \"BOX_SIZE\": 500, \"parallel_flag\": 0, \"ncpu\": 1, \"config\": \"$repo/configs/strainrate2noiselog.json\"}" > "$work/dp-long-1.json"
    lms=$(( lch * rate * lsec / 1000000 )); lmb=$(( lms * 4 ))
    chunks=("$work/ds/long"/[0-9]*.npy)
    cat "${chunks[@]}" > /dev/null
    echo "long fibre: $lsec chunks × $lch channels × $rate Hz ($lms Msamples):"
    inner "bound long 1" $lms $lmb 1 "$work/fft_bound" f32 "${chunks[@]}"
    inner "bound long 2" $lms $lmb 1 bound2 f32 "$work/ds/long"
    timed "distpy long 1" $lms $lmb "rm -rf '$work/dp/out-long'; mkdir -p '$work/dp/out-long/NoiseLog'" "$py" "$work/run_distpy.py" process "$work/dp-long-1.json"
    timed "distswift long 2" $lms $lmb "" "$bin" process "$work/ds-long.json" --workers 2 --force --quiet
    timed "distswift long 1" $lms $lmb "" "$bin" process "$work/ds-long.json" --workers 1 --force --quiet
    "$py" scripts/bench/compare_noiselog.py "$work/ds/long" "$work/ds/out-long/NoiseLog" "$work/dp/out-long/NoiseLog" \
        | sed "s/^/  outputs long (float32): /" | tee "$work/compare-long.txt"
    rm -rf "$work/ds/long" "$work/dp/long"
fi

if [ "$ingest" = 1 ]; then
    # 7. SEG-Y ingest: 4 files of 1 s, big-endian IEEE float32 (the one SEG-Y flavour distpy reads correctly).
    # distpy writes float64 chunks, one JSON file per trace and a tmp/ memmap per second; distswift float32 by
    # default, so it runs with --dtype float64 too. TZ=UTC: distpy reads the SEG-Y start time as local time (§7.3 #35).
    mkdir -p "$work/sg/segy"
    "$bin" synth --segy "$work/sg/segy" --files 4 --channels $channels --rate $rate --seconds 4 >/dev/null
    cat "$work"/sg/segy/* > /dev/null
    segy_mb=$(du -b -c "$work"/sg/segy/* | tail -1 | awk '{print $1 / 1e6}')
    ms=$(( channels * rate * 4 / 1000000 ))
    for p in 1 2; do
        echo "{\"in_drive\": \"$work\", \"out_drive\": \"$work\", \"project\": \"sg\", \"data\": \"segy\", \"results\": \"dp\", \"parallel_flag\": $((p > 1 ? 1 : 0)), \"ncpu\": $p}" > "$work/sg-dp-$p.json"
    done
    for t in float32 float64; do
        echo "{\"in_drive\": \"$work\", \"out_drive\": \"$work\", \"project\": \"sg\", \"data\": \"segy\", \"results\": \"ds-$t\"}" > "$work/sg-ds-$t.json"
    done
    echo "SEG-Y ingest, 4 files × $channels channels × 1 s at $rate Hz ($segy_mb MB):"
    for p in 1 2; do
        timed "ingest-distpy f64 $p" $ms "$segy_mb" "rm -rf '$work/sg/dp'; mkdir -p '$work/sg/dp/tmp' '$work/sg/dp/json'" env TZ=UTC "$py" "$work/run_distpy.py" ingest "$work/sg-dp-$p.json"
        timed "ingest-distswift f32 $p" $ms "$segy_mb" "" "$bin" ingest "$work/sg-ds-float32.json" --workers $p --force --quiet
        timed "ingest-distswift f64 $p" $ms "$segy_mb" "" "$bin" ingest "$work/sg-ds-float64.json" --workers $p --force --quiet --dtype float64
    done
    "$py" - "$work/sg" <<'PY' | tee "$work/compare-ingest.txt"
import os, sys, numpy as np
d = sys.argv[1]
names = sorted(f for f in os.listdir(f"{d}/dp") if f[0].isdigit() and f.endswith(".npy"))
worst = max(float(np.max(np.abs(np.load(f"{d}/dp/{n}") - np.load(f"{d}/ds-float64/{n}")))) for n in names)
print(f"  ingest outputs: {len(names)} chunks named alike in both stores; largest |distpy - distswift| {worst:.3g}")
PY
fi

# 6. The tables.
{
    echo "#### \`scripts/bench-distpy.sh --runs $runs\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
         "distswift $(git rev-parse --short HEAD 2>/dev/null)$([ -n "$(git status --porcelain Sources 2>/dev/null)" ] && echo ' + uncommitted Sources changes'), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//');" \
         "distpy 1.32.3 on Python $("$py" -c 'import platform; print(platform.python_version())'), numpy 1.23.5; median of $runs runs."
    echo
    "$py" scripts/bench/report.py "$results"
    echo
    sed 's/^ *//' "$work"/compare-*.txt | sed 's/^/- /'
} > "$work/report.md"
echo; cat "$work/report.md"
if [ "$docs" = 1 ]; then
    { echo; cat "$work/report.md"; } >> docs/benchmarks.md
    echo; echo "appended to docs/benchmarks.md"
fi
