#!/usr/bin/env bash
# scripts/release.sh's dependency check, on the binary under test: a portable build
# (IPACK_PORTABLE=ON) must pass it; a normal build, which links libcrypto, libstdc++ and fmt as
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
  # The platform commands load the system's libcurl.so.4 at run time: a refused connection
  # reported in libcurl's words shows that it was found and every forwarded call worked.
  set +e
  said=$(BOOMI_ACCOUNT_ID=acme-1 BOOMI_USERNAME=ci BOOMI_API_TOKEN=not-a-token "$binary" pull \
    "$here/examples/crm-sync" --check --timeout 1 --api-url 'http://127.0.0.1:9/api/rest/v1/{accountId}' 2>&1)
  code=$?
  set -e
  [ "$code" -eq 3 ] && grep -q "Couldn't connect to server" <<<"$said" || { echo "$said" >&2; exit 1; }
else
  if "$here/scripts/release.sh" --check "$binary" >"$out" 2>&1; then
    echo "release.sh --check passed a binary that links shared libraries:" >&2
    cat "$out" >&2
    exit 1
  fi
  grep -q "needs libraries that are not glibc's: .*libcrypto" "$out" || { cat "$out" >&2; exit 1; }
fi
