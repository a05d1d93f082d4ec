#!/usr/bin/env bash
# The portable release artifact: one Linux x86-64 `ipack` that links every library but glibc
# statically (IPACK_PORTABLE), checked to need nothing but glibc's own libraries and no glibc
# symbol version newer than 2.31 (Debian 11, Ubuntu 20.04), packed with the man page, the shell
# completions and the JSON Schemas as dist/ipack-VERSION-linux-x86_64.tar.gz, with its SHA-256
# in a .sha256 file next to it. The Debian package stays scripts/package-test.sh's job.
#
#   scripts/release.sh [BUILD_DIR]      (default build-portable)
#   scripts/release.sh --check BINARY   only the dependency check, on a built binary
set -euo pipefail
if [ "${1:-}" = "--check" ]; then
  set -- --check "$(realpath "$2")"  # before the cd below
fi
cd "$(dirname "$0")/.."

readonly max_glibc=2.31
# What glibc itself installs: ld.so, libc and the libraries it split off (and the vDSO).
readonly glibc_libs='^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux-x86-64\.so\.2|/lib64/ld-linux-x86-64\.so\.2)$'

# Fails, saying why, unless BINARY needs only glibc's libraries and glibc <= max_glibc.
check_binary() {
  local binary=$1 failed=0
  local needed
  needed=$(ldd "$binary" | awk '{print $1}')
  local other
  other=$(grep -Ev "$glibc_libs" <<<"$needed" || true)
  if [ -n "$other" ]; then
    echo "release: $binary needs libraries that are not glibc's: $(tr '\n' ' ' <<<"$other")" >&2
    failed=1
  fi
  local versions newest
  versions=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -u -V)
  newest=$(tail -n 1 <<<"$versions")
  if [ "$(printf '%s\n%s\n' "$newest" "$max_glibc" | sort -V | tail -n 1)" != "$max_glibc" ]; then
    echo "release: $binary needs glibc $newest (at most $max_glibc allowed); the symbols:" >&2
    local v
    for v in $versions; do
      [ "$(printf '%s\n%s\n' "$v" "$max_glibc" | sort -V | tail -n 1)" = "$max_glibc" ] && continue
      objdump -T "$binary" | grep -E "GLIBC_${v//./\\.}[) ]" | awk -v v="$v" '{print "  " $NF " (GLIBC_" v ")"}' >&2
    done
    failed=1
  fi
  [ "$failed" -eq 0 ] || return 1
  echo "release: $binary needs only glibc's libraries, glibc $newest at most"
}

if [ "${1:-}" = "--check" ]; then
  check_binary "$2"
  exit
fi

tree=${1:-build-portable}
cmake -S . -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIPACK_BUILD_TESTS=ON -DIPACK_PORTABLE=ON >/dev/null
cmake --build "$tree" --target ipack --parallel 2
binary="$tree/compiler/ipack"
strip "$binary"
# The test of the portable tree (tests/release_test.sh): this very check, then the binary runs.
ctest --test-dir "$tree" -R '^release-check$' --output-on-failure

version=$("$binary" --version | sed -n '1s/^ipack \([^ ]*\) .*/\1/p')
name="ipack-$version-linux-x86_64"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/ipack/schemas" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$root/bin/ipack"
install -m 0644 docs/ipack.1 "$root/share/man/man1/ipack.1"
install -m 0644 schemas/*.json "$root/share/ipack/schemas/"
"$binary" completion bash >"$root/share/bash-completion/completions/ipack"
"$binary" completion zsh >"$root/share/zsh/site-functions/_ipack"
"$binary" completion fish >"$root/share/fish/vendor_completions.d/ipack.fish"
install -m 0644 README.md "$root/README.md"

# The same bytes from the same sources: fixed order, owner and times.
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
mkdir -p dist
archive="dist/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" --format=gnu -C "$stage" -cf - "$name" |
  gzip -9n >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "release: wrote $archive and $archive.sha256"
cat "$archive.sha256"
