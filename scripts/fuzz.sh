#!/usr/bin/env bash
# Builds the libFuzzer harness (Fuzz/Harness, one binary for every target) and runs each target for
# a bounded time, starting from its seed corpus in Fuzz/Corpus/<target>.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]     (default: 20 s, every target)
#
# Exits non-zero when any target crashes (a trap, a broken invariant, a timeout or running out of
# memory); the input that did it is kept in .build-fuzz/crashes/ and printed in hex. Replay one with
#   SPACETIME_FUZZ=1 FUZZ_TARGET=<target> .build-fuzz/debug/spacetime-fuzz <file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
scratch=.build-fuzz
export SPACETIME_FUZZ=1           # declares the spacetime-fuzz product in Package.swift
export SWIFT_BACKTRACE=enable=no  # let libFuzzer's own handler catch a trap and save the input

started=$(date +%s)
swift build --scratch-path "$scratch" --product spacetime-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing
built=$(date +%s)
echo "fuzz: harness built in $((built - started)) s"
binary="$scratch/debug/spacetime-fuzz"

if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(ls Fuzz/Corpus); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
crashes="$scratch/crashes"
mkdir -p "$crashes"

failed=()
printf '%-14s %12s %8s %10s  %s\n' target executions exec/s "corpus" result
for target in "${targets[@]}"; do
    mkdir -p "$work/$target"
    log="$work/$target.log"
    status=0
    # New inputs go to the scratch corpus (first directory); the checked-in seeds are only read.
    FUZZ_TARGET="$target" "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/$target-" "$work/$target" "Fuzz/Corpus/$target" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1 || true)
    corpus=$( (grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" || true) | tail -1 | cut -d' ' -f2)
    if [ "$status" -eq 0 ]; then
        printf '%-14s %12s %8s %10s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "${corpus:-?}" ok
    else
        printf '%-14s %12s %8s %10s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "${corpus:-?}" "FAILED (exit $status)"
        failed+=("$target")
        grep -v '^0x' "$log" | tail -40 >&2
        for artifact in $(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" || true); do
            echo "input ($artifact):" >&2
            od -An -tx1 "$artifact" | head -20 >&2
        done
    fi
done
echo "fuzz: ${#targets[@]} targets x ${seconds} s in $(($(date +%s) - built)) s (build $((built - started)) s)"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
