#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the parsers that read outside bytes.
#
# Usage: scripts/fuzz.sh TARGET SECONDS      fuzz one target (its corpus grows in .fuzz/corpus/TARGET)
#        scripts/fuzz.sh all SECONDS         every target, one after the other
#        scripts/fuzz.sh --smoke [RUNS]      every target for RUNS inputs (default 20000) from its seeds alone, with a
#                                            fixed random seed: the test run's check, the same on every machine
#        scripts/fuzz.sh --list              the targets
# Seeds: Tests/Fuzz/corpus/TARGET (small real and synthetic files, committed). A crash, a sanitizer report or a
# timeout stops the run with exit 1 and leaves the input in .fuzz/crashes/TARGET/; copy it into
# Tests/Fuzz/corpus/TARGET so the test suite replays it from then on. Prints executions and corpus size per target.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
case ${1:-} in
    --list) swift build --product distswift-fuzz >/dev/null && exec .build/debug/distswift-fuzz --list ;;
    --smoke) smoke=1; target=all; runs=${2:-20000}; seconds=600 ;;
    ""|-h|--help) sed -n '2,10p' "$0"; exit 2 ;;
    *) target=$1; seconds=${2:?give the seconds to fuzz}
esac
# A release build with libFuzzer and ASan in a build folder of its own (it instruments every module). SwiftPM links
# an executable's `main` to its own entry point, so libFuzzer comes without its main (the harness calls
# LLVMFuzzerRunDriver) and the coverage instrumentation -sanitize=fuzzer would add is asked for directly.
fuzzer_runtime=$(dirname "$(command -v swift)")/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a
fuzzer_runtime=$(echo $fuzzer_runtime)
# DISTSWIFT_FUZZ_NO_BUILD=1 runs the binary already built (a campaign of several targets builds once).
[ "${DISTSWIFT_FUZZ_NO_BUILD:-0}" = 1 ] || swift build -c release --product distswift-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
    -Xswiftc -DFUZZING -Xswiftc -parse-as-library -Xlinker "$fuzzer_runtime" -Xlinker -lstdc++ >/dev/null
binary=.build-fuzz/release/distswift-fuzz
targets=$target
[ "$target" = all ] && targets=$(ls Tests/Fuzz/corpus)
status=0
for t in $targets; do
    [ -d "Tests/Fuzz/corpus/$t" ] || { echo "fuzz: no target $t (see --list)" >&2; exit 2; }
    mkdir -p ".fuzz/corpus/$t" ".fuzz/crashes/$t"
    log=.fuzz/$t.log
    corpus_dir=".fuzz/corpus/$t" limits=()
    if [ "$smoke" = 1 ]; then
        # Deterministic: a fresh corpus from the seeds, a fixed seed and a fixed number of inputs.
        corpus_dir=$(mktemp -d) limits=(-runs="$runs" -seed=1)
    fi
    # -rss_limit_mb: an input that makes a parser allocate without bound is a finding too.
    if DISTSWIFT_FUZZ_TARGET=$t ASAN_OPTIONS=detect_leaks=0 "$binary" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix=".fuzz/crashes/$t/" "${limits[@]}" \
        "$corpus_dir" "Tests/Fuzz/corpus/$t" >"$log" 2>&1; then
        result=ok
    else
        result="FAILED (see $log and .fuzz/crashes/$t/)"
        status=1
    fi
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(ls "$corpus_dir" | wc -l)
    [ "$smoke" = 1 ] && rm -rf "$corpus_dir"
    elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    printf "%-16s %10s executions in %ss, corpus %5s files: %s\n" "$t" "${executed:-?}" "${elapsed:-$seconds}" "$corpus" "$result"
done
exit $status
