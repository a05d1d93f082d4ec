#!/usr/bin/env bash
# Every test: install what is missing, build, run the unit, golden, CLI and docs tests, the
# Debian package end to end (from the same build), then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, built with clang in build-fuzz: the tree the
# libFuzzer targets are built in too, so CI compiles the project twice, not three times.
#
# scripts/test.sh --quick: the developers' fast loop. An incremental build of build/, then the
# unit, golden, CLI and docs tests and the layering check, leaving out the tests that drive
# external tools (the SARIF Multitool, pre-commit, Prism), the package and the sanitizer pass.
# It compiles each file apart (IPACK_UNITY_BUILD=OFF), so that a change recompiles one file and
# not its batch; the full run compiles in batches, as a fresh build does, and so finds two
# helpers whose names clash within a batch (CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

if [ "${1:-}" = "--quick" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  scripts/build.sh build "${launcher[@]}" -DIPACK_UNITY_BUILD=OFF
  exec ctest --test-dir build --output-on-failure -j "$jobs" -E "^(sarif-multitool|pre-commit|prism-contract)$"
fi
[ $# -eq 0 ] || { echo "usage: scripts/test.sh [--quick]" >&2; exit 2; }

scripts/install-deps.sh

scripts/build.sh build -DIPACK_UNITY_BUILD=ON
ctest --test-dir build --output-on-failure -j "$jobs"

scripts/package-test.sh build

# The tests that drive external tools (pre-commit, the SARIF Multitool, Prism) ran above; under the
# sanitizers they would only repeat what those tools do.
CC=clang CXX=clang++ scripts/build.sh build-fuzz -DIPACK_FUZZ=ON -DIPACK_BUILD_TESTS=ON -DIPACK_UNITY_BUILD=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-fuzz --output-on-failure -j "$jobs" -E "^(sarif-multitool|pre-commit|prism-contract)$"

# In CI, every libFuzzer target (manifest, export, bundle) for a short while on its seeds.
if [ "${CI:-}" = true ]; then
  scripts/fuzz.sh all 30
fi
