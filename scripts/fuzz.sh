#!/usr/bin/env bash
# Fuzzes the manifest front end (YAML reader, schema, rules) with libFuzzer for $1 seconds
# (default 60), starting from the examples. Needs clang. Not part of the test job.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPACK_FUZZ=ON \
  -DIPACK_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target manifest_fuzzer
corpus=build-fuzz/corpus
mkdir -p "$corpus"
find examples -name '*.yaml' -exec cp {} "$corpus/" \; 2>/dev/null || true
i=0; for f in $(find examples -name 'pack.yaml' -o -name '.ipack.yaml'); do cp "$f" "$corpus/seed-$i.yaml"; i=$((i+1)); done
build-fuzz/fuzz/manifest_fuzzer -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix=build-fuzz/ "$corpus"
