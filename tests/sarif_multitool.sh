#!/usr/bin/env bash
# Checks ipack's SARIF with Microsoft's SARIF Multitool, GitHub code scanning's rules included:
# the logs of examples/crm-sync, of every failing fixture (chains, findings in XML exports,
# warnings, a config finding) and of standard input must draw no error and no warning.
#
# Usage: tests/sarif_multitool.sh PATH/TO/ipack
# The Multitool (a self-contained linux-x64 binary in an npm package) is installed into
# tests/.tools/ the first time; after that the check runs offline. Exits 77 (skipped) without npm.
set -euo pipefail

ipack=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
version=5.7.0
tools=$root/tests/.tools
multitool=$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
export DOTNET_CLI_TELEMETRY_OPTOUT=1 HOME=${HOME:-/tmp}

installed=$("$multitool" --version 2>&1 || true)  # it prints its version on standard error
if [[ $installed != "SARIF Multitool $version"* ]]; then
  if ! command -v npm >/dev/null; then
    echo "SKIP: npm is not installed, so the SARIF Multitool cannot be"
    exit 77
  fi
  npm install --no-save --no-audit --no-fund --prefix "$tools" "@microsoft/sarif-multitool-linux@$version"
  chmod u+x "$multitool"  # the package's postinstall does only this, and npm may not run it
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# As the golden tests run them: from the fixture's folder, on a fixed "today".
export SOURCE_DATE_EPOCH=1795478400
sarif_of() {  # NAME DIR [ARGS...]
  local name=$1 dir=$2 code=0
  shift 2
  (cd "$dir" && "$ipack" validate --format sarif "$@" >"$work/$name.sarif") || code=$?
  if [ "$code" -gt 1 ]; then
    echo "FAIL: ipack exited $code in $dir"
    exit 1
  fi
}
sarif_of crm-sync "$root/examples/crm-sync"
for dir in "$root"/examples/invalid/*/; do
  sarif_of "$(basename "$dir")" "$dir"
done
sarif_of examples "$root" --jobs 2 examples
sarif_of stdin "$root/examples/crm-sync" --stdin-name "<stdin>" - <"$root/examples/invalid/schema/pack.yaml"
# A finding in a config above the current directory: an absolute file URI, not a "../" one.
mkdir -p "$work/outside/pack"
cp "$root/examples/invalid/account-feature--config/.ipack.yaml" "$work/outside/"
cp "$root/examples/invalid/schema/pack.yaml" "$work/outside/pack/"
sarif_of outside-root "$work/outside/pack"
# XPath rules of a profile: their findings and their entries in tool.driver.rules
sarif_of xpath-profile "$root" --config tests/fixtures/review-profile/ipack.yaml tests/fixtures/extensions-cicd
logs=("$work"/*.sarif)

report=$work/report.sarif
"$multitool" validate "${logs[@]}" -o "$report" --log ForceOverwrite --rule-kind "Gh;Sarif" --level "Error;Warning" \
  >"$work/multitool.out" 2>&1 || { cat "$work/multitool.out"; echo "FAIL: the Multitool itself failed"; exit 1; }

# The report is SARIF too: its results are the problems found (a file that does not parse is one).
if ! node - "$report" "${#logs[@]}" <<'EOF'
const [report, count] = process.argv.slice(2);
const log = JSON.parse(require('fs').readFileSync(report, 'utf8'));
const problems = [];
for (const run of log.runs) {
  for (const r of run.results || []) {
    const where = r.locations?.[0]?.physicalLocation;
    problems.push(`${where?.artifactLocation?.uri}:${where?.region?.startLine}: ${r.level} ${r.ruleId}`);
  }
  for (const inv of run.invocations || []) {
    if (!inv.executionSuccessful) problems.push('the Multitool says its run did not succeed');
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])])
      if (n.level !== 'note' && n.level !== 'none') problems.push(`notification: ${n.message?.text}`);
  }
}
if (problems.length) {
  console.log(problems.join('\n'));
  console.log(`FAIL: ${problems.length} errors and warnings in ${count} SARIF logs`);
  process.exit(1);
}
console.log(`OK: ${count} SARIF logs, 0 errors and 0 warnings (SARIF Multitool, rule kinds Gh;Sarif)`);
EOF
then
  grep -E ": (error|warning) " "$work/multitool.out" || true  # the Multitool's own words
  exit 1
fi
