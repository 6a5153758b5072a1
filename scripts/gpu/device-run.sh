#!/bin/bash
# Runs on the GPU machine, from the folder scripts/gpu/pack.sh fills (carried to the device machine): unpacks the
# static distswift and the Debian libraries it needs, finds CUDA's libraries (the driver's libcuda, and cuFFT and
# NVRTC from the CUDA toolkit or the nvidia-* pip packages), then
#   1. distswift backends --check: every device kernel against the CPU's, both precisions;
#   2. distswift process --backend $GPU vs --backend cpu on a synthetic store (float32 and float64): outputs compared
#      with numpy (1e-5 / 1e-12 relative);
#   3. throughput of the noise log and the thumbnail filters: GPU vs 1 CPU worker vs every core, and CuPy.
# Everything goes to $OUT (device.log, kernels.json, cupy.json, results.json).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/distswift-out}
mkdir -p "$OUT"
LOG=$OUT/device.log
exec > >(tee -a "$LOG") 2>&1
W=/tmp/dsw
rm -rf $W && mkdir -p $W && cd $W
tar -xJf "$HERE/bundle.tar.xz" || { echo "unpack failed"; exit 2; }
PY=/opt/torch/.venv/bin/python3; [ -x $PY ] || PY=python3
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm --format=csv,noheader
echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
find_lib() { find /usr/local/nvidia /usr/lib/x86_64-linux-gnu /usr/local/cuda* /opt /usr/lib64 -name "$1" 2>/dev/null | grep -v stubs | head -1; }
CUDA=$(find_lib 'libcuda.so.1'); CUFFT=$(find_lib 'libcufft.so.1[0-9]'); NVRTC=$(find_lib 'libnvrtc.so.1[0-9]')
echo "libcuda: $CUDA"; echo "libcufft: $CUFFT"; echo "libnvrtc: $NVRTC"
export DISTSWIFT_CUDA_LIBRARY_PATH="$(dirname "$CUFFT"):$(dirname "$NVRTC"):$(dirname "$CUDA")"
export LD_LIBRARY_PATH="$W/lib:$DISTSWIFT_CUDA_LIBRARY_PATH${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
D=$W/bin/distswift
# Knobs for a dry run on a machine without a GPU (GPU=cpu CHANNELS=50 RECORD_SECONDS=4): the defaults are the device run's.
GPU=${GPU:-cuda}; CHANNELS=${CHANNELS:-1000}; SECONDS_=${RECORD_SECONDS:-16}
now() { date +%s%N; }
secs() { $PY -c "print(round(($2 - $1) / 1e9, 3))"; }
declare -A T

echo "== 1. backends, kernel check, kernel bench"
$D backends
timeout 120 $D backends --check --bench ${CHANNELS}x10000 --repeats 5 --json "$OUT/kernels.json"
echo "check rc=$?"

echo "== 2. stores"
s=$(now)
$D synth --store $W/eq/project/store --channels 256 --rate 10000 --seconds 3 --chunk-seconds 1 >/dev/null
$D synth --store $W/big/project/store --channels $CHANNELS --rate 10000 --seconds $SECONDS_ --chunk-seconds 1 >/dev/null
echo "synth $(secs $s $(now)) s; $(du -sh $W/big/project/store | cut -f1)"
cp "$HERE"/graphs/*.json $W/
sys() { # name folder graph results box
  echo "{\"in_drive\": \"$W/$2\", \"out_drive\": \"$W/$2\", \"project\": \"project\", \"data\": \"store\", \"results\": \"$4\", \"config\": \"$W/$3\"${5:+, \"BOX_SIZE\": $5}}" > $W/$1.json
}

echo "== 3. equality: process --backend $GPU vs cpu"
EQ=()
for g in noise filt; do
  for p in float32 float64; do
    sys eq-$g-$p-cuda eq $g.json out-$g-$p-cuda; sys eq-$g-$p-cpu eq $g.json out-$g-$p-cpu 64
    timeout 120 $D process $W/eq-$g-$p-cuda.json --backend $GPU --precision $p --workers 1 --quiet --fft-planning estimate; echo "cuda $g $p rc=$?"
    timeout 120 $D process $W/eq-$g-$p-cpu.json --backend cpu --precision $p --workers 8 --quiet --fft-planning estimate; echo "cpu $g $p rc=$?"
    tol=1e-5; [ $p = float64 ] && tol=1e-12
    r=$($PY "$HERE/compare_outputs.py" $W/eq/project/out-$g-$p-cuda $W/eq/project/out-$g-$p-cpu $tol "$g $p"); echo "$r"; EQ+=("$r")
  done
done
# distpy's own GPU-enabled noise log (to_gpu/from_gpu, write_witsml) runs end to end on the device.
sys eq-witsml eq strainrate2noiselog.json out-witsml
timeout 120 $D process $W/eq-witsml.json --backend $GPU --workers 1 --fft-planning estimate 2>&1 | tail -4; echo "witsml noise log on cuda rc=${PIPESTATUS[0]}"

echo "== 4. throughput: 16 chunks of 1000 x 10000 float32 (640 MB)"
cat $W/big/project/store/*.npy > /dev/null
run() { # label system-json args...
  local label=$1 sysjson=$2; shift 2
  local s=$(now); timeout 200 $D process $W/$sysjson.json --force --fft-planning estimate "$@" | grep -E "uid|MB/s|backend"; local rc=${PIPESTATUS[0]}
  local t=$(secs $s $(now)); T[$label]=$t; echo "$label: $t s (rc $rc)"
}
sys tp-noise-gpu big strainrate2noiselog.json tp-noise-gpu; sys tp-noise-cpu big strainrate2noiselog.json tp-noise-cpu 128
sys tp-thumb-gpu big strainrate2thumbnail.json tp-thumb-gpu; sys tp-thumb-cpu big strainrate2thumbnail.json tp-thumb-cpu
run "noise log, cuda, 1 worker" tp-noise-gpu --backend $GPU --workers 1
run "noise log, cuda, 1 worker (again)" tp-noise-gpu --backend $GPU --workers 1
run "noise log, cuda, 4 workers" tp-noise-gpu --backend $GPU --workers 4
run "noise log, cpu, 1 worker" tp-noise-cpu --backend cpu --workers 1
run "noise log, cpu, 16 workers" tp-noise-cpu --backend cpu --workers 16
run "thumbnail filters, cuda, 1 worker" tp-thumb-gpu --backend $GPU --workers 1
run "thumbnail filters, cuda, 4 workers" tp-thumb-gpu --backend $GPU --workers 4
run "thumbnail filters, cpu, 16 workers" tp-thumb-cpu --backend cpu --workers 16
run "thumbnail filters, cpu, 1 worker, 4 of the 16 chunks" tp-thumb-cpu --backend cpu --workers 1 --shard 0/4

echo "== 5. CuPy and scipy on the same chunks"
timeout 150 $PY "$HERE/cupy_bench.py" $W/big/project/store "$OUT/cupy.json"

$PY - "$OUT/results.json" "${EQ[@]}" <<PYEOF
import json, sys
times = {$(for k in "${!T[@]}"; do printf '"%s": %s, ' "$k" "${T[$k]}"; done)}
json.dump({"equality": [json.loads(x) for x in sys.argv[2:]], "process_seconds_640MB": times}, open(sys.argv[1], "w"), indent=1)
for k, v in sorted(times.items()): print(f"{k:45s} {v:8.2f} s {0.64 / v:7.3f} GB/s")
PYEOF
