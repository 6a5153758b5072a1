#!/usr/bin/env bash
# The test command of the README and CI: build everything, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
