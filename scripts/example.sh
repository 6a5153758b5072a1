#!/usr/bin/env bash
# The README's first command: build distswift and run the main job end to end on a built-in synthetic example:
# synthesise an instrument's record files (SEG-Y and PRODML HDF5), ingest them into a chunk store, inspect it, and
# run distpy's noise-log and thumbnail graphs on every chunk.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
bin=.build/release/distswift
out=examples/out
rm -rf "$out"
mkdir -p "$out/project/raw"
# 6 s of 256 channels at 10 kHz: three 1-s SEG-Y files, then three 1-s PRODML files that continue the record.
$bin synth --segy "$out/project/raw" --files 3 --channels 256 --rate 10000 --seconds 3
$bin synth --prodml "$out/project/raw" --files 3 --channels 256 --rate 10000 --seconds 3 \
    --start 2024-01-01T00:00:03Z --seed 2
$bin info "$out/project/raw/synth_20240101_000000.sgy"
$bin config examples/quickstart-system.json
$bin ingest examples/quickstart-system.json
$bin store info "$out/project/results"
$bin store verify "$out/project/results"
# The same store through distpy's noise-log and thumbnail graphs (configs/, unchanged from distpy).
$bin process examples/noiselog-system.json
$bin process examples/thumbnail-system.json
# The per-second noise logs joined into continuous curves (and one PRODML FBE file), then drawn as a well log.
$bin stack examples/noiselog-system.json NoiseLog --prodml "$out/project/products/noiselog-fbe.h5"
$bin plot examples/plots-system.json
echo "example: chunk store in $out/project/results (numpy.load the .npy files); noise logs (WITSML FBE) in"
echo "  $out/project/products/NoiseLog, thumbnails (PNG) in $out/project/products/png, the joined noise log in"
echo "  $out/project/products/NoiseLog_stacked and noiselog-fbe.h5, plots in $out/project/plots"
