#!/usr/bin/env bash
# Builds Tests/ConsumerPackage, a package outside ours that depends on the SpacetimeDB and
# QuickstartChat products by path, and checks that an SDK user needs nothing of the terminal: the
# consumer's executable links no object of CNcurses, ChatTerminal or ChatCore, and no libncurses.
#
# It shares this package's scratch directory (.build), so targets already built for `swift test`
# with the same commands are reused instead of being compiled a second time.
set -euo pipefail
cd "$(dirname "$0")/.."
consumer=Tests/ConsumerPackage
start=$(date +%s)
swift build --package-path "$consumer" --scratch-path "$PWD/.build" --product chat-consumer
bin=$(swift build --package-path "$consumer" --scratch-path "$PWD/.build" --show-bin-path)
objects="$bin/chat-consumer.product/Objects.LinkFileList"
if grep -E '/(CNcurses|ChatTerminal|ChatCore)\.build/' "$objects" >&2; then
    echo "check-consumer: chat-consumer links terminal code (above, from $objects)" >&2
    exit 1
fi
if ldd "$bin/chat-consumer" | grep -i ncurses >&2; then
    echo "check-consumer: chat-consumer links ncurses (above)" >&2
    exit 1
fi
echo "check-consumer: chat-consumer builds without ncurses ($(( $(date +%s) - start )) s)"
