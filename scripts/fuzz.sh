#!/usr/bin/env bash
# Fuzzes ipack's readers with libFuzzer: scripts/fuzz.sh [manifest|export|bundle|all] [SECONDS]
# (default all, 600 s each). Manifests and exports start from the examples, bundles from
# fuzz/corpus/bundle. Needs clang and libclang-rt-14-dev; a finding is written to build-fuzz/
# and fails the script. scripts/test.sh runs every target briefly when CI=true, from the same
# build-fuzz tree it runs the sanitizer test pass in (only the fuzz targets are built here).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-all}
seconds=${2:-600}
case "$kind" in
  all) kinds=(manifest export bundle) ;;
  manifest | export | bundle) kinds=("$kind") ;;
  *) echo "usage: scripts/fuzz.sh [manifest|export|bundle|all] [SECONDS]" >&2; exit 2 ;;
esac
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPACK_FUZZ=ON >/dev/null
targets=()
for k in "${kinds[@]}"; do targets+=("${k}_fuzzer"); done
cmake --build build-fuzz --target "${targets[@]}"
for k in "${kinds[@]}"; do
  corpus=build-fuzz/corpus-$k
  mkdir -p "$corpus"
  case "$k" in
    manifest) seeds=$(find examples -name '*.yaml' -o -name '.ipack.yaml') ;;
    export) seeds=$(find examples -name '*.xml') ;;
    bundle) seeds=$(find fuzz/corpus/bundle examples -name '*.ipack') ;;
  esac
  i=0
  for f in $seeds; do cp "$f" "$corpus/seed-$i"; i=$((i + 1)); done
  echo "fuzzing $k for ${seconds}s"
  "build-fuzz/fuzz/${k}_fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/$k-" "$corpus"
done
