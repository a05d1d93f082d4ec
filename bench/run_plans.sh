#!/usr/bin/env bash
# ipack benchmark, install plans: `ipack validate` of 1,000 install plans for examples/crm-sync
# against one pack, given as its source folder and as a verified bundle; and of one plan, to
# show that the pack is read once per run, not once per plan. Wall time (median of the timed
# runs), peak RSS and CPU time. Not a test; CI does not run it. See docs/performance.md.
#
#   bench/run_plans.sh                       # uses build/compiler/ipack
#   IPACK=/path/to/ipack bench/run_plans.sh
#
# Knobs (environment): IPACK, BENCH_PLANS (1000), BENCH_RUNS (5), BENCH_JOBS (the --jobs values
# to time, "1 N" with N the number of processors). The signing key is a throwaway one in a
# temporary folder, removed at exit. Exit: 0 measured, 2 a prerequisite is missing or a run fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
IPACK=${IPACK:-build/compiler/ipack}
PLANS=${BENCH_PLANS:-1000}
RUNS=${BENCH_RUNS:-5}
JOBS=${BENCH_JOBS:-"1 $(nproc)"}
OUT=bench/out
DATA=$OUT/plans
RESULTS=$OUT/plans-results.md
export SOURCE_DATE_EPOCH=1795478400
export GIT_OPTIONAL_LOCKS=0

source bench/lib.sh
command -v python3 >/dev/null || die2 "python3 is needed (plan generator, statistics)"
require_ipack
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipack-plans-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
use_private_ipack_copy
detect_timers

note "generating $PLANS plans into $DATA"
python3 bench/gen_plans.py --plans "$PLANS" --out "$DATA"
BYTES=$(find "$DATA" -name '*.install.yaml' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')

"$IPACK" keygen "$TMP/k" >/dev/null
"$IPACK" build examples/crm-sync -o "$TMP/dist" --key "$TMP/k.pem" >/dev/null 2>"$TMP/build.err" \
  || { cat "$TMP/build.err" >&2; die2 "ipack build of examples/crm-sync failed"; }
BUNDLE=$TMP/dist/crm-sync-2.4.0.ipack

# Every timed command must succeed with no finding first: a failing run is not worth timing.
check_clean() {
  "$@" >"$TMP/check.json" 2>"$TMP/check.err" || { cat "$TMP/check.err" >&2; die2 "not clean: $*"; }
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(1 if d["diagnostics"] else 0)' "$TMP/check.json" \
    || die2 "findings in: $*"
}

# Median wall seconds of $RUNS runs (after one warm-up), and peak RSS in MiB of one run.
measure() {
  python3 - "$RUNS" "$@" <<'PY'
import statistics, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
times = []
for _ in range(runs):
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
print(f"{statistics.median(times):.3f}")
PY
}
# Peak RSS in MiB and CPU seconds (user + system) of one run: on a busy machine CPU time says
# more than wall time about the work done.
rss() {
  if [[ -n $GNU_TIME ]]; then
    $GNU_TIME -f '%M %U %S' "$@" >/dev/null 2>"$TMP/rss" || true
    awk '{ m = $1; c = $2 + $3 } END { printf "%.1f | %.2f", m / 1024, c }' "$TMP/rss"
  else
    printf 'n/a | n/a'
  fi
}

ONE=$DATA/0001.install.yaml
declare -a ROWS
for j in $JOBS; do
  SRC=("$IPACK" validate --jobs "$j" -q --format json --pack examples/crm-sync "$DATA")
  BND=("$IPACK" validate --jobs "$j" -q --format json --pack "$BUNDLE" --key "$TMP/k.pub.pem" "$DATA")
  check_clean "${SRC[@]}"
  check_clean "${BND[@]}"
  s=$(measure "${SRC[@]}"); r=$(rss "${SRC[@]}")
  ROWS+=("| $PLANS plans, --pack examples/crm-sync (source) | $j | $s | $(python3 -c "print(f'{$PLANS/$s:,.0f}')") | $r |")
  s=$(measure "${BND[@]}"); r=$(rss "${BND[@]}")
  ROWS+=("| $PLANS plans, --pack BUNDLE --key PUB (verified) | $j | $s | $(python3 -c "print(f'{$PLANS/$s:,.0f}')") | $r |")
done
ONE_SRC=("$IPACK" validate --jobs 1 -q --format json --pack examples/crm-sync "$ONE")
ONE_BND=("$IPACK" validate --jobs 1 -q --format json --pack "$BUNDLE" --key "$TMP/k.pub.pem" "$ONE")
check_clean "${ONE_SRC[@]}"
s=$(measure "${ONE_SRC[@]}"); ROWS+=("| 1 plan, --pack examples/crm-sync (source) | 1 | $s | | $(rss "${ONE_SRC[@]}") |")
s=$(measure "${ONE_BND[@]}"); ROWS+=("| 1 plan, --pack BUNDLE --key PUB (verified) | 1 | $s | | $(rss "${ONE_BND[@]}") |")

describe_run
{
  echo "| run | --jobs | median wall s | plans/s | peak RSS MiB | CPU s |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$PLANS plans, $BYTES bytes of YAML; $RUNS timed runs after 1 warm-up. $NPROC processors ($CPU); ipack $BUILD_TYPE, $TREE; load average before: $(cut -d' ' -f1 /proc/loadavg)."
} | tee "$RESULTS"
