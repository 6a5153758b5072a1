#!/usr/bin/env bash
# Installs distswift's system dependencies on Debian/Ubuntu (when missing) and numpy/h5py for the reference checks.
set -euo pipefail
packages="pkg-config libhdf5-dev libopenblas-dev liblapacke-dev libfftw3-dev libsegyio-dev libcairo2-dev hdf5-tools fonts-dejavu-core"
if ! dpkg -s $packages >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $packages >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.1 or newer from swift.org" >&2
  exit 1
fi
# numpy and h5py are the independent references the tests compare against.
if ! python3 -c "import numpy, h5py" >/dev/null 2>&1; then
  python3 -m pip install -q numpy h5py
fi
