#!/usr/bin/env bash
# The main job on the bundled example: install what is missing, build, validate the pack.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
echo "+ ipack validate examples/crm-sync"
build/compiler/ipack validate examples/crm-sync
