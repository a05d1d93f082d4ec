#!/usr/bin/env bash
# scripts/release.sh's dependency check, on the binary under test: a portable build
# (IPACK_PORTABLE=ON) must pass it; a normal build, which links yaml-cpp and the others as
# shared libraries, must fail it, naming them, so that the check is known to catch them.
set -euo pipefail
binary=$1 portable=$2
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ "$portable" = ON ]; then
  "$here/scripts/release.sh" --check "$binary"
  "$binary" --version | grep -q '^ipack '
  "$binary" validate "$here/examples/crm-sync" >/dev/null
else
  if "$here/scripts/release.sh" --check "$binary" >"$out" 2>&1; then
    echo "release.sh --check passed a binary that links shared libraries:" >&2
    cat "$out" >&2
    exit 1
  fi
  grep -q "needs libraries that are not glibc's: .*libyaml-cpp" "$out" || { cat "$out" >&2; exit 1; }
fi
