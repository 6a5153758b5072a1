#!/usr/bin/env bash
# SHA-256 of the outputs of the commands whose loops live in DistSwiftNative's kernels (correlation, phase-weighted
# stack, tau-p, hampel, whiten, stft/istft, detrend, thumbnail) from a real `distswift process` run on a synthetic
# store, in float64 and float32 graphs. For behaviour-neutral refactors: run it with the binary from before and the
# one from after; the two lists must be identical (bit-identical outputs). With two binaries it compares them itself
# and exits 1 on any difference.
#
# Usage: scripts/output-hashes.sh DISTSWIFT [DISTSWIFT_AFTER]
set -euo pipefail
[ $# -ge 1 ] && [ "$1" != -h ] && [ "$1" != --help ] || { sed -n '2,8p' "$0"; exit 0; }

hashes() {
    local bin=$1 work
    work=$(mktemp -d "${TMPDIR:-/tmp}/distswift-output-hashes.XXXXXX")
    "$bin" synth --store "$work/store" --channels 48 --rate 2000 --seconds 3 --seed 7 >/dev/null
    for precision in float64 float32; do
        local folder=$work/$precision
        mkdir -p "$folder"
        cat > "$folder/graph.json" <<EOF
{"precision": "$precision", "command_list": [
  {"name": "hampel_filter", "uid": 1, "in_uid": 0, "time": 5, "distance": 3, "samples": true, "threshold": 2},
  {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "hampel"},
  {"name": "hampel_filter", "uid": 3, "in_uid": 0, "time": 5, "distance": 3, "samples": true, "threshold": 2, "approximate": false},
  {"name": "write_npy", "uid": 4, "in_uid": 3, "directory_out": "hampel_exact"},
  {"name": "whiten", "uid": 5, "in_uid": 0, "smooth_size": 20, "water_level": 0.05, "time": [10, 20, 300, 500]},
  {"name": "write_npy", "uid": 6, "in_uid": 5, "directory_out": "whiten"},
  {"name": "whiten", "uid": 7, "in_uid": 0, "time": [10, 600]},
  {"name": "write_npy", "uid": 8, "in_uid": 7, "directory_out": "whiten_flat"},
  {"name": "cross_correlate", "uid": 9, "in_uid": 0, "distance": 5, "samples": true},
  {"name": "write_npy", "uid": 10, "in_uid": 9, "directory_out": "cross_correlate"},
  {"name": "correlate_shift", "uid": 11, "in_uid": 0, "dim": "time"},
  {"name": "write_npy", "uid": 12, "in_uid": 11, "directory_out": "correlate_shift"},
  {"name": "phase_weighted_stack", "uid": 13, "in_uid": 0},
  {"name": "write_npy", "uid": 14, "in_uid": 13, "directory_out": "phase_weighted_stack"},
  {"name": "tau_p", "uid": 15, "in_uid": 0, "velocities": [1000, 2000, 5000]},
  {"name": "write_npy", "uid": 16, "in_uid": 15, "directory_out": "tau_p"},
  {"name": "stft", "uid": 17, "in_uid": 0, "time": 64, "samples": true},
  {"name": "real", "uid": 26, "in_uid": 17},
  {"name": "write_npy", "uid": 18, "in_uid": 26, "directory_out": "stft_real"},
  {"name": "angle", "uid": 27, "in_uid": 17},
  {"name": "write_npy", "uid": 28, "in_uid": 27, "directory_out": "stft_angle"},
  {"name": "istft", "uid": 19, "in_uid": 17},
  {"name": "write_npy", "uid": 20, "in_uid": 19, "directory_out": "istft"},
  {"name": "stft", "uid": 21, "in_uid": 0, "time": 50, "samples": true, "detrend": true},
  {"name": "real", "uid": 29, "in_uid": 21},
  {"name": "write_npy", "uid": 22, "in_uid": 29, "directory_out": "stft_detrended"},
  {"name": "detrend", "uid": 23, "in_uid": 0, "dim": "time", "type": "linear"},
  {"name": "write_npy", "uid": 24, "in_uid": 23, "directory_out": "detrend"},
  {"name": "thumbnail", "uid": 25, "in_uid": 0, "directory_out": "thumbnail"}
]}
EOF
        printf '{"in_directory": "%s", "out_directory": "%s", "config": "%s", "BOX_SIZE": 0}\n' \
            "$work/store" "$folder/results" "$folder/graph.json" > "$folder/system.json"
        "$bin" process "$folder/system.json" --workers 1 --force --fft-planning estimate >/dev/null 2>&1 || {
            echo "process failed ($precision): $("$bin" process "$folder/system.json" --workers 1 --force 2>&1 | tail -1)" >&2
            exit 1
        }
        (cd "$folder/results" && find . -type f \( -name '*.npy' -o -name '*.png' \) ! -path './.distswift/*' \
            | LC_ALL=C sort | xargs sha256sum | sed "s|  ./|  $precision/|")
    done
    rm -rf "$work"
}

if [ $# -eq 1 ]; then
    hashes "$1"
    exit 0
fi
before=$(hashes "$1") after=$(hashes "$2")
if [ "$before" = "$after" ]; then
    echo "identical: $(echo "$before" | wc -l) outputs"
else
    diff <(echo "$before") <(echo "$after") || true
    echo "outputs differ" >&2
    exit 1
fi
