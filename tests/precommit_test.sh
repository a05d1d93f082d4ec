#!/usr/bin/env bash
# tests/precommit_test.sh IPACK_BINARY: the real pre-commit framework runs this repository's
# `ipack-validate` hook (.pre-commit-hooks.yaml) in a scratch repository of packs. A good pack
# commits; a bad one is blocked, and the output names the rule. Needs Debian's pre-commit.
#
# The hook repository is a scratch git repository holding the working tree's
# .pre-commit-hooks.yaml, committed: pre-commit clones a hook repository at a commit, and this
# way the test checks the file as it is now, committed or not, without the network.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 IPACK_BINARY" >&2; exit 2; }
ipack=$(realpath "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME=$tmp/pre-commit-home
export PATH="$(dirname "$ipack"):$PATH"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1  # no hooksPath, signing or templates from the machine
export NO_COLOR=1
git() { command git -c user.name=t -c user.email=t@e -c init.defaultBranch=main "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

hooks=$tmp/hooks
mkdir "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m "ipack hooks"
rev=$(git -C "$hooks" rev-parse HEAD)

work=$tmp/packs
git init -q "$work"
cd "$work"
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: ipack-validate
EOF
pre-commit install >/dev/null

echo "== a good pack commits"
ipack init --name orders packs/orders
git add -A
git commit -m "a new pack" 2>&1 | tee "$tmp/good.out" || fail "the good pack was blocked"
grep -q '^ipack validate\.*Passed$' "$tmp/good.out" || fail "the hook did not run and pass"
good=$(git rev-parse HEAD)

echo "== a commit without pack files skips the hook"
echo "notes" > README.md
git add README.md
git commit -m "readme" 2>&1 | tee "$tmp/skip.out" || fail "a commit without pack files was blocked"
grep -q '^ipack validate\.*(no files to check)Skipped$' "$tmp/skip.out" || fail "the hook ran on a README"

echo "== a bad pack is blocked"
sed -i 's/packageVersion: "1.0"/packageVersion: 1.0/' packs/orders/pack.yaml
grep -q 'packageVersion: 1.0$' packs/orders/pack.yaml || fail "could not break the pack"
git add -A
before=$(git rev-parse HEAD)
if git commit -m "an unquoted packageVersion" > "$tmp/bad.out" 2>&1; then
  cat "$tmp/bad.out"
  fail "the bad pack was committed"
fi
cat "$tmp/bad.out"
grep -q '^ipack validate\.*Failed$' "$tmp/bad.out" || fail "the hook did not fail"
grep -q 'packs/orders/pack.yaml:.*\[schema\]$' "$tmp/bad.out" || fail "the output does not name the rule"
[ "$(git rev-parse HEAD)" = "$before" ] || fail "a commit was made"

echo "== the fixed pack commits"
sed -i 's/packageVersion: 1.0$/packageVersion: "1.1"/' packs/orders/pack.yaml
git add -A
git commit -q -m "packageVersion 1.1" > "$tmp/fixed.out" 2>&1 || { cat "$tmp/fixed.out"; fail "the fixed pack was blocked"; }
[ "$(git rev-list --count "$good"..HEAD)" = 2 ] || fail "expected the readme and the fix after the good pack"
echo "PASS"
