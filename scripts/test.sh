#!/usr/bin/env bash
# The test command of the README and CI: build everything, run every parser's fuzz target under libFuzzer with
# AddressSanitizer for 20,000 inputs grown from its seeds with a fixed random seed (deterministic; a release build
# with sanitizers, scripts/fuzz.sh), then the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
./scripts/fuzz.sh --smoke "${DISTSWIFT_FUZZ_SMOKE_RUNS:-20000}"
swift test --skip-build
