#!/usr/bin/env bash
# Configures and builds Touchstone into ./build (or $TS_BUILD_DIR) with two jobs.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${TS_BUILD_DIR:-$here/build}"
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTS_WERROR="$werror" >/dev/null
cmake --build "$build" -j2
