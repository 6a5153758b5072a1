#!/bin/bash
# Fills FOLDER (default /work/main/.gpu-carry, git-ignored there) with what scripts/gpu/device-run.sh needs on a GPU
# machine without Swift: the release distswift built with --static-swift-stdlib, stripped, and the Debian shared
# libraries it links (all but glibc's and the C++ runtime, which the machine has), packed as bundle.tar.xz; the
# scripts and the graphs. Run after `swift build -c release --static-swift-stdlib --product distswift`.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=${1:-/work/main/.gpu-carry}
rm -rf "$DEST" && mkdir -p "$DEST/graphs"
STAGE=$(mktemp -d)
mkdir -p "$STAGE/bin" "$STAGE/lib"
cp "$ROOT/.build/release/distswift" "$STAGE/bin/" && strip "$STAGE/bin/distswift"
ldd "$ROOT/.build/release/distswift" | awk '$3 ~ /^\// {print $3}' | while read -r lib; do
  case $(basename "$lib") in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libresolv.so.*|libstdc++.so.*|libgcc_s.so.*|ld-linux*) ;;
    *) cp -L "$lib" "$STAGE/lib/" ;;
  esac
done
tar -C "$STAGE" -cJf "$DEST/bundle.tar.xz" bin lib
rm -rf "$STAGE"
cp "$ROOT"/scripts/gpu/device-run.sh "$ROOT"/scripts/gpu/compare_outputs.py "$ROOT"/scripts/gpu/cupy_bench.py "$DEST/"
cp "$ROOT"/scripts/gpu/graphs/*.json "$ROOT"/configs/strainrate2noiselog.json "$ROOT"/configs/strainrate2thumbnail.json "$DEST/graphs/"
du -sh "$DEST" "$DEST/bundle.tar.xz"
