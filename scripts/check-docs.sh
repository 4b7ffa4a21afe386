#!/usr/bin/env bash
# Builds the SpacetimeDB module's DocC documentation and fails on any warning (a broken symbol
# link, an unknown article, a malformed topic), then runs the consumer package check.
#
# Read the documentation locally: `swift package --disable-sandbox preview-documentation --target
# SpacetimeDB` serves it on http://localhost:8080; or open the archive this script builds in
# .build/plugins/Swift-DocC/outputs/SpacetimeDB.doccarchive with `docc preview`.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
if ! swift package generate-documentation --target SpacetimeDB --warnings-as-errors >"$log" 2>&1; then
    cat "$log" >&2
    echo "check-docs: generate-documentation failed" >&2
    exit 1
fi
# Our own module's warnings only: the plugin's build of dependencies may print theirs.
if grep -E 'warning:' "$log" | grep -E 'SpacetimeDB.docc|Sources/SpacetimeDB/' >&2; then
    echo "check-docs: the documentation has warnings (above)" >&2
    exit 1
fi
# Every public symbol declared in our sources has a `///` summary (the symbol graph DocC just read;
# members a protocol synthesizes or inherits have no source location and are left out).
graph=$(ls -t $(find .build -path '*extracted-symbols*' -name SpacetimeDB.symbols.json) | head -1)
python3 - "$graph" <<'PY'
import json, sys
graph = json.load(open(sys.argv[1]))
missing = ["/".join(s["pathComponents"]) + " (" + s["location"]["uri"].rsplit("/", 1)[-1] + ")"
           for s in graph["symbols"]
           if s.get("accessLevel") in ("public", "open") and "location" in s and "docComment" not in s]
if missing:
    print("check-docs: public symbols without a /// summary:", *missing, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"check-docs: all {sum(1 for s in graph['symbols'] if s.get('accessLevel') in ('public', 'open'))} public symbols are documented")
PY
echo "check-docs: SpacetimeDB documentation builds with no warnings ($(( $(date +%s) - start )) s)"
"$(dirname "$0")/check-consumer.sh"
