#!/usr/bin/env bash
# The README's first command: build distswift and run the main job end to end on a built-in synthetic example.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
bin=.build/release/distswift
out=examples/out
rm -rf "$out"
mkdir -p "$out"
$bin synth --store "$out/project/raw" --channels 256 --rate 10000 --seconds 5
$bin config examples/quickstart-system.json
$bin store info examples/quickstart-system.json
$bin store verify examples/quickstart-system.json
echo "example: the synthetic chunk store is in $out/project/raw (open the .npy files with numpy.load)"
