#!/usr/bin/env bash
# The test command of the README and CI: build everything, run a short libFuzzer smoke run of every parser's fuzz
# target (a release build with AddressSanitizer; scripts/fuzz.sh), then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
./scripts/fuzz.sh --smoke "${DISTSWIFT_FUZZ_SMOKE_SECONDS:-5}"
swift test --skip-build
