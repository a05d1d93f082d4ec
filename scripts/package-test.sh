#!/usr/bin/env bash
# The Debian package, end to end: a build tree (the one given as $1, already built; else a
# Release build in build-release), `cpack -G DEB`, its control
# fields (Depends are computed by dpkg-shlibdeps), `dpkg -i`, the installed /usr/bin/ipack run
# on the example pack, then `dpkg -r`. Installing needs root: sudo is used when not root.
# Refuses to replace an ipack package that is already installed and is not this one.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install the package" >&2; exit 1; }
  sudo=sudo
fi
if dpkg-query -W -f='${Status}' ipack 2>/dev/null | grep -q "install ok installed"; then
  echo "an ipack package is already installed; remove it first (dpkg -r ipack)" >&2
  exit 1
fi

tree=${1:-}
if [ -z "$tree" ]; then
  tree=build-release
  cmake -S . -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIPACK_BUILD_TESTS=OFF >/dev/null
  cmake --build "$tree" --parallel "$(nproc)"
fi
# CPack's DEB generator installs under /usr whatever CMAKE_INSTALL_PREFIX is, and strips.
rm -f "$tree"/ipack_*.deb
(cd "$tree" && cpack -G DEB >/dev/null)
deb=$(ls "$tree"/ipack_*.deb)

echo "+ dpkg-deb -I $deb"
dpkg-deb -I "$deb"
echo "+ dpkg-deb -c $deb"
dpkg-deb -c "$deb"
dpkg-deb -f "$deb" Depends | grep -q . || { echo "the package has no Depends: dpkg-shlibdeps did not run" >&2; exit 1; }

# Removed on the way out whatever happens, even after a dpkg -i that failed half-way.
remove() { if dpkg-query -W ipack >/dev/null 2>&1; then $sudo dpkg -r ipack >/dev/null; fi; }
trap remove EXIT
echo "+ dpkg -i $deb"
$sudo dpkg -i "$deb"

echo "+ /usr/bin/ipack --version"
version_text=$(/usr/bin/ipack --version)
version=$(sed -n 's/^project(ipack VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
# The first line is "ipack VERSION (BUILD TYPE build)"; the libraries follow.
[[ "${version_text%%$'\n'*}" == "ipack $version ("* ]] ||
  { echo "the installed ipack prints another version" >&2; exit 1; }
/usr/bin/ipack --version
echo "+ /usr/bin/ipack validate examples/crm-sync"
/usr/bin/ipack validate examples/crm-sync
echo "+ /usr/bin/ipack schema pack (matches the installed schema)"
/usr/bin/ipack schema pack | cmp - /usr/share/ipack/schemas/pack.schema.json
if command -v man >/dev/null && [ -x /usr/bin/mandb ]; then
  echo "+ man -w ipack"
  man -w ipack
fi

echo "+ dpkg -r ipack"
remove
trap - EXIT
[ ! -e /usr/bin/ipack ] || { echo "/usr/bin/ipack is still there after dpkg -r" >&2; exit 1; }
echo "package test passed"
