#!/usr/bin/env bash
# Builds the Debian package from this build tree, unpacks it into a throwaway root and runs the
# installed binaries from there; checks its dependencies, desktop entry, AppStream metainfo and
# MIME type, and runs lintian (no errors allowed).
# Usage: tst_package.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-deb lintian desktop-file-validate appstreamcli xmllint; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh installs it)"
done

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack could not build the package"; }
deb=$(ls "$work"/out/touchstone_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no touchstone_${version}_*.deb in $work/out"
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# Runs from the throwaway root.
root="$work/root"
dpkg-deb -x "$deb" "$root"
out=$("$root/usr/bin/touchstone-cli" --version)
[ "$out" = "touchstone-cli $version" ] || fail "installed touchstone-cli --version printed '$out'"
echo "installed: $out"
"$root/usr/bin/touchstone-cli" init "$work/p.tsproj" --name "Package test" >/dev/null ||
  fail "installed touchstone-cli cannot create a project"
gui=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/touchstone" --version)
case "$gui" in *"$version"*) ;; *) fail "installed touchstone --version printed '$gui'" ;; esac

# What the package says about itself.
depends=$(dpkg-deb -f "$deb" Depends)
for d in libqt6widgets6 libavcodec59 libsqlite3-0 qt6-qpa-plugins libvtk9.1; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d: $depends"
done
for f in usr/share/applications/org.touchstone.Touchstone.desktop \
         usr/share/metainfo/org.touchstone.Touchstone.metainfo.xml \
         usr/share/mime/packages/touchstone.xml \
         usr/share/icons/hicolor/scalable/apps/org.touchstone.Touchstone.svg \
         usr/share/man/man1/touchstone.1.gz usr/share/man/man1/touchstone-cli.1.gz \
         usr/share/doc/touchstone/copyright usr/share/doc/touchstone/changelog.gz; do
  [ -s "$root/$f" ] || fail "the package lacks /$f"
done
desktop-file-validate "$root/usr/share/applications/org.touchstone.Touchstone.desktop" ||
  fail "the desktop entry is not valid"
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/org.touchstone.Touchstone.metainfo.xml" ||
  fail "the AppStream metainfo is not valid"
grep -q "version=\"$version\"" "$root/usr/share/metainfo/org.touchstone.Touchstone.metainfo.xml" ||
  fail "the metainfo's release is not $version"
xmllint --noout "$root/usr/share/mime/packages/touchstone.xml" || fail "the MIME type is not XML"
grep -q 'glob pattern="\*.tsproj"' "$root/usr/share/mime/packages/touchstone.xml" ||
  fail "the MIME type does not claim *.tsproj"

# lintian: errors fail the test; warnings are listed.
lintian --fail-on error --suppress-tags-from-file /dev/null "$deb" | tee "$work/lintian.log" ||
  fail "lintian found errors in the package"
echo "ok: package installs, runs and passes lintian"
