#!/usr/bin/env bash
# Large SEG-Y files: ingest throughput of int16 and float32 SEG-Y (1-s files of CHANNELS channels at 10 kHz) on
# WORKERS workers, against the floor of moving the same bytes on this machine in the same run: `dd` of every file
# (a plain read + write through user space, bs 4 MB) followed by `sync`. Ingest does at least that much — it reads
# the file, byte-swaps the big-endian samples (and converts int16 to float32 unless --dtype raw), computes the
# file's SHA-256 and writes and syncs the chunks.
# Usage: scripts/bench-ingest-segy.sh [CHANNELS] [FILES] [RUNS] [WORKERS]  (defaults 2048, 10, 3, 2;
# BIN=path skips the release build; BASE=path also times another binary, e.g. the previous commit's, in the same run)
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-2048}
files=${2:-10}
runs=${3:-3}
workers=${4:-2}
if [ -z "${BIN:-}" ]; then swift build -c release >/dev/null; BIN=$PWD/.build/release/distswift; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-segy.XXXXXX")
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds_of() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); awk "BEGIN { print $t1 - $t0 }"; }
floor() { mkdir -p "$work/copy"; for f in "$work/p/raw/"*; do dd if="$f" of="$work/copy/${f##*/}" bs=4M status=none; done; sync; }
echo "| SEG-Y samples | chunks | binary | MB | s (median of $runs) | MB/s | × dd + sync |"
echo "|---|---|---|---:|---:|---:|---:|"
for format in int16 float32; do
    rm -rf "$work/p"
    "$BIN" synth --segy "$work/p/raw" --segy-format "$format" --files "$files" --seconds "$files" \
        --channels "$channels" --rate 10000 >/dev/null
    mb=$(du -sb "$work/p/raw" | awk '{ print $1 / 1e6 }')
    cat "$work/p/raw/"* >/dev/null
    echo '{"in_drive": ".", "out_drive": ".", "project": "p", "data": "raw", "results": "store"}' > "$work/c.json"
    floor_s=$(for _ in $(seq "$runs"); do rm -rf "$work/copy"; sync; seconds_of floor; done | median)
    rm -rf "$work/copy"
    awk -v f="$format" -v mb="$mb" -v s="$floor_s" \
        'BEGIN { printf "| %s | | dd + sync (floor) | %.0f | %.2f | %.0f | 1.00 |\n", f, mb, s, mb / s }'
    dtypes="float32"
    [ "$format" = int16 ] && dtypes="float32 raw"
    for dtype in $dtypes; do
        for bin in ${BASE:-} "$BIN"; do
            label=$([ "$bin" = "$BIN" ] && echo "this" || echo "base")
            s=$(for _ in $(seq "$runs"); do rm -rf "$work/p/store"; sync
                seconds_of "$bin" ingest "$work/c.json" --quiet --workers "$workers" --dtype "$dtype"; done | median)
            chunks=$([ "$dtype" = raw ] && echo "int16 (--dtype raw)" || echo float32)
            awk -v f="$format" -v c="$chunks" -v b="$label" -v mb="$mb" -v s="$s" -v fl="$floor_s" \
                'BEGIN { printf "| %s | %s | %s | %.0f | %.2f | %.0f | %.2f |\n", f, c, b, mb, s, mb / s, s / fl }'
        done
    done
done
