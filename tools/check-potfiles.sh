#!/bin/sh
# Fails when a source file with translatable strings is missing from po/POTFILES.in, or when
# POTFILES.in names a file that does not exist.
#
# Usage: tools/check-potfiles.sh [SOURCE_ROOT]
set -eu
root=${1:-$(dirname "$0")/..}
cd "$root"

listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d' | sort -u > "$listed"

{
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
    --include='*.c' --include='*.h' src || true
  grep -rl 'translatable="yes"' --include='*.ui' ui src || true
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$found"

status=0
missing=$(comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "po/POTFILES.in lacks these files with translatable strings:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  status=1
fi

while read -r file; do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in names a file that does not exist: $file" >&2
    status=1
  fi
done < "$listed"

[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(wc -l < "$found") files with translatable strings"
exit $status
