#!/usr/bin/env bash
# Installs what Touchstone needs to build, test and run, from Debian 12 packages.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools libgl-dev libglx-mesa0 libgl1-mesa-dri
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev ffmpeg
  libsqlite3-dev sqlite3 nlohmann-json3-dev libeigen3-dev libssl-dev libpng-dev zlib1g-dev
  libopencv-dev libopencv-contrib-dev libhdf5-dev ccache
  libsnappy-dev libzstd-dev python3-h5py
  libvtk9-dev libopenmpi-dev libqt6opengl6-dev
  xvfb xauth fonts-dejavu-core
  lintian desktop-file-utils appstream libxml2-utils dpkg-dev
  qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm run the independent Parquet reader of the export tests (npm's hyparquet). A
# machine whose node already brings npm keeps it; Debian's npm would conflict with it.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
