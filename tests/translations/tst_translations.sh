#!/usr/bin/env bash
# The translation catalogues are up to date with the sources and complete, and no visible
# string bypasses tr(). Usage: tst_translations.sh SOURCE_DIR LUPDATE LANG...
set -euo pipefail
src=$1
lupdate=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# 1. Up to date: lupdate over the sources changes nothing in a scratch copy.
files=()
for lang in "$@"; do
  cp "$src/translations/touchstone_$lang.ts" "$work/"
  files+=("$work/touchstone_$lang.ts")
done
(cd "$src" && "$lupdate" -no-obsolete -locations none -no-ui-lines -silent widgets app -ts "${files[@]}")
for lang in "$@"; do
  if ! diff -u "$src/translations/touchstone_$lang.ts" "$work/touchstone_$lang.ts" >"$work/diff_$lang"; then
    echo "FAIL: translations/touchstone_$lang.ts is out of date with the sources:"
    head -40 "$work/diff_$lang"
    echo "(run: cmake --build build --target update_translations, then translate what is new)"
    status=1
  fi
done

# 2. Complete: every message has a translation.
for lang in "$@"; do
  f="$src/translations/touchstone_$lang.ts"
  total=$(grep -c '<message' "$f" || true)
  open=$(grep -c 'type="unfinished"' "$f" || true)
  empty=$(grep -c '<translation></translation>' "$f" || true)
  echo "$lang: $total messages, $open unfinished, $empty empty"
  [ "$total" -gt 100 ] || { echo "FAIL: $f has only $total messages"; status=1; }
  [ "$open" -eq 0 ] && [ "$empty" -eq 0 ] || { echo "FAIL: $f is not complete"; status=1; }
done

# 3. Nothing visible bypasses tr().
python3 "$src/tests/translations/unwrapped_strings.py" "$src" || status=1
exit $status
