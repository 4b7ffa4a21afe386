#!/usr/bin/env bash
# Runs the tests of the concurrent parts under ThreadSanitizer, in their own scratch path (.build-tsan):
# the SDK's connection state, drain queue, reconnect timer and callbacks; the terminal's EventInbox
# and wake pipe; the host's engine, sessions and commit path (over real sockets).
#
#   scripts/tsan.sh [extra swift test arguments]
#
# Exits non-zero when a test fails or ThreadSanitizer reports anything (in the test process or in a
# host process a test started); the reports are printed.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-tsan
sdk='ConnectionHostIntegrationTests|ConnectionSocketTests|ReconnectReconciliationTests|OneOffQueryReconnectTests|SDKProcessingTests|SDKProcedureTests|ProcedureHostIntegrationTests|TransportTLSTests|SDKReadmeExample|FrameLifetimeTests'
terminal='EventInboxTests'
host='DirectWriteTests|ListeningSocketTests|UnconfirmedReadsTests|V1ProtocolTests|V2ProtocolTests|RobustnessTests|ConnectionLimitsTests|DurabilityTests|SubscribeUpgradeTests|HTTPEndpointTests'
filter="$sdk|$terminal|$host"

started=$(date +%s)
swift build --build-tests --sanitize=thread --scratch-path "$scratch"
built=$(date +%s)
echo "tsan: built in $((built - started)) s"

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0
# Suppressions: only Synchronization.Mutex bodies, which TSan cannot see locked, and continuation
# resumes, which run inside the uninstrumented concurrency runtime (see the file).
# log_path: every instrumented process (tests, and hosts they start) writes its reports to a file,
# so none is lost in the output and an exit code that does not reflect them cannot hide them.
TSAN_OPTIONS="log_path=$reports/report suppressions=$PWD/scripts/tsan-suppressions.txt second_deadlock_stack=1 ${TSAN_OPTIONS:-}" \
    swift test --skip-build --sanitize=thread --scratch-path "$scratch" --filter "$filter" "$@" || status=$?
echo "tsan: tests ran in $(($(date +%s) - built)) s (exit $status)"

if compgen -G "$reports/report*" >/dev/null; then
    cat "$reports"/report* >&2
    echo "tsan: FAILED: ThreadSanitizer reported $(grep -c '^WARNING: ThreadSanitizer' "$reports"/report* | awk -F: '{s+=$NF} END {print s}') issue(s)" >&2
    exit 1
fi
exit "$status"
