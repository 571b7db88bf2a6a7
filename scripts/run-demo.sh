#!/usr/bin/env bash
# Installs what is missing (Debian packages), builds, and opens the app on the demo project
# (created on first use under ~/.local/share/Touchstone/Touchstone/demo). Extra arguments go to the app.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
"$here/scripts/install-deps.sh"
"$here/scripts/build.sh"
build="${TS_BUILD_DIR:-$here/build}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display found; starting the app under xvfb-run (add --screenshot FILE to capture it)"
  exec xvfb-run -a "$build/bin/touchstone" --demo "$@"
fi
exec "$build/bin/touchstone" --demo "$@"
