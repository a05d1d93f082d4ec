#!/usr/bin/env bash
# Fuzzes ipack's readers with libFuzzer: scripts/fuzz.sh [manifest|export] [SECONDS] (default
# manifest, 60 s), starting from the examples. Needs clang. Not part of the test job.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-manifest}
seconds=${2:-60}
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPACK_FUZZ=ON \
  -DIPACK_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target "${kind}_fuzzer"
corpus=build-fuzz/corpus-$kind
mkdir -p "$corpus"
if [ "$kind" = manifest ]; then pattern='*.yaml'; else pattern='*.xml'; fi
i=0
while IFS= read -r f; do cp "$f" "$corpus/seed-$i"; i=$((i + 1)); done < <(find examples -name "$pattern" -o -name '.ipack.yaml')
"build-fuzz/fuzz/${kind}_fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/ "$corpus"
