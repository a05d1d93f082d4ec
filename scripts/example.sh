#!/usr/bin/env bash
# The main job on the bundled example: install what is missing, build ipack, validate the pack,
# compile it into a bundle signed with a freshly generated key, and verify the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
ipack=build/compiler/ipack
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT  # the throwaway key goes with it
run() { echo "+ ipack $*"; "$ipack" "$@"; }
run validate examples/crm-sync
run keygen "$work/signing"
run build examples/crm-sync -o "$work/dist" --key "$work/signing.pem"
run verify "$work/dist/crm-sync-2.4.0.ipack" --key "$work/signing.pub.pem"
run inspect "$work/dist/crm-sync-2.4.0.ipack"
