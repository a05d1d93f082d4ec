#!/usr/bin/env bash
# Installs the Debian (bookworm) packages ipack builds and tests with, if any is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkgconf
  libyaml-cpp-dev libvalijson-dev libcli11-dev libfmt-dev nlohmann-json3-dev catch2
  libpugixml-dev libssl-dev libarchive-dev zlib1g-dev libdeflate-dev openssl jq
  libcurl4-openssl-dev  # the Platform API client (pull, publish, install)
  pre-commit git dpkg-dev python3
  clang libclang-rt-14-dev  # the fuzz targets, run by scripts/test.sh in CI
  # the static archives libarchive.a may need (every build links it statically; the tests that
  # write archives reach its xar, 7-Zip and encryption code), and objdump for release.sh's check
  nettle-dev libxml2-dev libicu-dev liblzma-dev libbz2-dev binutils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
