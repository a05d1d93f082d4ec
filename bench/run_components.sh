#!/usr/bin/env bash
# ipack benchmark, component graph: one big pack (100 packages, 2,000 component exports,
# ~100 MB of XML) validated by one `ipack validate` process with --jobs 1 and --jobs 2: wall time,
# MB/s, peak RSS, and where the time goes (perf). Not a test; CI does not run it. See
# bench/README.md.
#
#   bench/run_components.sh                      # uses build/compiler/ipack
#   IPACK=/path/to/ipack bench/run_components.sh
#
# Knobs (environment): IPACK, BENCH_PACK (bench/out/components-pack), BENCH_PACKAGES (100),
# BENCH_EXPORTS (2000), BENCH_RUNS (10 timed runs per --jobs), BENCH_RSS_RUNS (3),
# BENCH_PROFILE_RUNS (3 perf runs; 0: no profile), HYPERFINE (path; empty: time with a python3
# loop), PERF (path; empty: no perf, profile with valgrind's callgrind on a small pack instead).
# Builds nothing. Exit: 0 measured, 2 a prerequisite is missing (binary, python3) or ipack fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
IPACK=${IPACK:-build/compiler/ipack}
PACK=${BENCH_PACK:-bench/out/components-pack}
PACKAGES=${BENCH_PACKAGES:-100}
EXPORTS=${BENCH_EXPORTS:-2000}
RUNS=${BENCH_RUNS:-10}
RSS_RUNS=${BENCH_RSS_RUNS:-3}
PROFILE_RUNS=${BENCH_PROFILE_RUNS:-3}
OUT=bench/out
RESULTS=$OUT/components-results.md

source bench/lib.sh

command -v python3 >/dev/null || die2 "python3 is needed (pack generator, statistics)"
require_ipack
case $PACK in /*) ;; *) PACK=$ROOT/$PACK ;; esac

mkdir -p "$OUT"
TMP=$(mktemp -d "$ROOT/$OUT/.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
use_private_ipack_copy

# --- tools ------------------------------------------------------------------------------------
detect_timers
PERF=${PERF-$(command -v perf || true)}
if [[ -n $PERF ]] && ! "$PERF" record -q -o "$TMP/probe.data" -- true >/dev/null 2>&1; then
  note "perf cannot record here (kernel.perf_event_paranoid?): profiling with callgrind instead"
  PERF=""
fi
VALGRIND=$(command -v valgrind || true)

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
if awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l + 0 > 0.5) }'; then
  note "load average is $LOAD_BEFORE: something else is running, the figures will be noisy"
fi

# --- data -------------------------------------------------------------------------------------
# The pack is generated once and reused; it is made again when the generator or the arguments
# change (the stamp records both).
STAMP="packages=$PACKAGES exports=$EXPORTS seed=1 generator=$(cat bench/gen_pack.py bench/gen_manifests.py | cksum | cut -d' ' -f1)"
if [[ ! -f $PACK/pack.yaml || ! -f $PACK/.generated || $(cat "$PACK/.generated") != "$STAMP" ]]; then
  note "generating the pack into ${PACK#"$ROOT"/} ($PACKAGES packages, $EXPORTS exports)"
  python3 bench/gen_pack.py --packages "$PACKAGES" --exports "$EXPORTS" --out "$PACK" --force
  printf '%s\n' "$STAMP" >"$PACK/.generated"
fi
# The exports ipack reads: every *.xml under components/, hidden folders skipped.
read -r NFILES BYTES < <(python3 - "$PACK/components" <<'PY'
import os, sys
n = b = 0
for d, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [x for x in dirs if not x.startswith(".")]
    for f in files:
        if f.endswith(".xml"):
            n += 1
            b += os.path.getsize(os.path.join(d, f))
print(n, b)
PY
)

# --- measuring --------------------------------------------------------------------------------
# time_cmd NAME RUNS WARMUP CMD...: writes $TMP/NAME.json {"median", "runs", "user", "system"}
time_cmd() {
  local name=$1 runs=$2 warmup=$3; shift 3
  if [[ -n $HYPERFINE ]]; then
    "$HYPERFINE" -N -i --style basic --warmup "$warmup" --runs "$runs" \
      --export-json "$TMP/$name.hf.json" "$(printf '%q ' "$@")" >"$TMP/$name.hf.log" 2>&1 \
      || { cat "$TMP/$name.hf.log" >&2; die2 "hyperfine failed for $name"; }
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
json.dump({"median": r["median"], "runs": len(r["times"]), "user": r["user"], "system": r["system"]}, open(sys.argv[2], "w"))' \
      "$TMP/$name.hf.json" "$TMP/$name.json"
  else
    python3 - "$TMP/$name.json" "$runs" "$warmup" "$@" <<'PY'
import json, os, statistics, subprocess, sys, time
out, runs, warmup, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
times, cpu = [], []
for i in range(warmup + runs):
    t0, c0 = time.perf_counter(), os.times()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1, c1 = time.perf_counter(), os.times()
    if i >= warmup:
        times.append(t1 - t0)
        cpu.append((c1.children_user - c0.children_user, c1.children_system - c0.children_system))
json.dump({"median": statistics.median(times), "runs": len(times),
           "user": statistics.mean(u for u, _ in cpu), "system": statistics.mean(s for _, s in cpu)},
          open(out, "w"))
PY
  fi
}

# rss_cmd NAME RUNS CMD...: writes $TMP/NAME.rss (median peak RSS in KiB over RUNS runs)
rss_cmd() {
  local name=$1 runs=$2 i; shift 2
  [[ -n $GNU_TIME ]] || return 0
  : >"$TMP/$name.rsslist"
  for ((i = 0; i < runs; i++)); do
    "$GNU_TIME" -f %M -o "$TMP/$name.one" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$TMP/$name.one" >>"$TMP/$name.rsslist"
  done
  python3 -c 'import statistics,sys; print(int(statistics.median(int(l) for l in open(sys.argv[1]) if l.strip())))' \
    "$TMP/$name.rsslist" >"$TMP/$name.rss"
}

# What ipack says about the pack (once, outside the timings). Run from the repository root,
# where no .ipack.yaml applies: the default rules.
set +e
"$IPACK" validate --jobs 1 -q --format json "$PACK" >"$TMP/check.out" 2>"$TMP/check.err"
IPACK_RC=$?
set -e
"$IPACK" --version 2>&1 | head -1 >"$TMP/ipack-version" || echo unknown >"$TMP/ipack-version"
[[ $IPACK_RC -le 1 ]] || { cat "$TMP/check.err" >&2; die2 "ipack exited $IPACK_RC on the generated pack: not a run worth timing"; }
[[ $IPACK_RC -eq 0 ]] || note "ipack reports errors on the generated pack (exit 1); timings go on, see the findings line in the report"

for jobs in 1 2; do
  cmd=("$IPACK" validate --jobs "$jobs" -q --format json "$PACK")
  note "ipack --jobs $jobs: $RUNS runs"
  time_cmd "jobs$jobs" "$RUNS" 2 "${cmd[@]}"
  rss_cmd "jobs$jobs" "$RSS_RUNS" "${cmd[@]}"
done

# --- where the time goes ----------------------------------------------------------------------
# perf: --jobs 1 on the benchmark pack, call chains unwound with DWARF (the build keeps no frame
# pointers); bench/perf_split.py assigns each sample to a phase. Without perf: callgrind on a
# small pack (it runs ~50× slower), inclusive costs of the phases' entry points.
PROFILE_TOOL=""
if [[ $PROFILE_RUNS -gt 0 && -n $PERF ]]; then
  note "perf: $PROFILE_RUNS profiled runs of --jobs 1"
  : >"$TMP/perf.txt"
  for ((i = 0; i < PROFILE_RUNS; i++)); do
    "$PERF" record -q --call-graph dwarf,16384 -F 4999 -o "$TMP/perf.data" -- \
      "$IPACK" validate --jobs 1 -q --format json "$PACK" >/dev/null 2>"$TMP/perf.err" || true
    "$PERF" script -i "$TMP/perf.data" -F comm,tid,period,ip,sym,srcline --inline >>"$TMP/perf.txt" 2>/dev/null || true
    rm -f "$TMP/perf.data"
  done
  python3 bench/perf_split.py --detail <"$TMP/perf.txt" >"$TMP/profile.json"
  rm -f "$TMP/perf.txt"
  PROFILE_TOOL="perf $("$PERF" --version | awk '{print $3}')"
elif [[ $PROFILE_RUNS -gt 0 && -n $VALGRIND ]]; then
  SMALL=$TMP/small-pack
  note "callgrind: a pack of 10 packages and 200 exports"
  python3 bench/gen_pack.py --packages 10 --exports 200 --out "$SMALL" >/dev/null 2>&1
  "$VALGRIND" --tool=callgrind --callgrind-out-file="$TMP/callgrind.out" \
    "$IPACK" validate --jobs 1 -q --format json "$SMALL" >/dev/null 2>"$TMP/callgrind.err" || true
  callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$TMP/callgrind.out" >"$TMP/callgrind.txt" 2>/dev/null || true
  python3 - "$TMP/callgrind.txt" >"$TMP/profile.json" <<'PY'
import json, re, sys
incl, total = {}, None
for line in open(sys.argv[1], errors="replace"):
    # "  1,234 (12.34%)  file:function [object]". A function with inlined code has one line
    # per source file, each a part of its cost; the largest is the whole (it includes the rest).
    m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line.rstrip())
    if not m:
        continue
    cost, what = int(m.group(1).replace(",", "")), m.group(2)
    if what == "PROGRAM TOTALS":
        total = cost
        continue
    f = re.match(r"(?:\?\?\?|[^:]*):(.*?)(?:\s+\[[^\]]*\])?$", what)
    if f:
        incl[f.group(1)] = max(incl.get(f.group(1), 0), cost)
def cost(rx):
    return sum(v for k, v in incl.items() if re.search(rx, k))
if not total:
    json.dump({"samples": 0, "phases": []}, sys.stdout); sys.exit()
utf8 = cost(r"first_invalid_utf8")
parse = cost(r"xml_document::load_buffer\b")
export = cost(r"ipack::read_component_export\b")
reading = cost(r"read_file_capped") + cost(r"export_files")
graph = cost(r"ComponentGraph::closure_of\b") + cost(r"ComponentGraph::ComponentGraph\b")
rules = cost(r"ipack::rules::.*check\(")
phases = [["reading files", reading], ["UTF-8 check", utf8], ["pugixml parsing", parse],
          ["reference collection (with the line index)", max(0, export - utf8 - parse)],
          ["graph and closures", graph], ["rules", rules]]
phases.append(["other (manifest, start-up, merging, exit)", max(0, total - sum(v for _, v in phases))])
json.dump({"samples": 0, "instructions": total,
           "phases": sorted([[k, v / total] for k, v in phases], key=lambda kv: -kv[1])}, sys.stdout)
PY
  PROFILE_TOOL="callgrind from valgrind $("$VALGRIND" --version | sed 's/valgrind-//'), counting instructions, on a pack of 10 packages and 200 exports"
fi

# --- report -----------------------------------------------------------------------------------
describe_run
export TMP NFILES BYTES PACKAGES EXPORTS RUNS RSS_RUNS PROFILE_RUNS IPACK_RC CPU NPROC \
  LOAD_BEFORE BUILD_TYPE IPACK IPACK_SHOWN TREE TIMER PROFILE_TOOL ROOT PACK \
  HAVE_RSS=${GNU_TIME:+1}
python3 - >"$ROOT/$RESULTS.tmp" <<'PY'
import json, os
E = os.environ
tmp = E["TMP"]

def load(name):
    try:
        return json.load(open(os.path.join(tmp, name)))
    except (OSError, ValueError):
        return None

def rss(name):
    try:
        return int(open(os.path.join(tmp, name + ".rss")).read())
    except (OSError, ValueError):
        return None

nbytes, nfiles = int(E["BYTES"]), int(E["NFILES"])
mb = nbytes / 1e6
t = {j: load("jobs%d.json" % j) for j in (1, 2)}
r = {j: rss("jobs%d" % j) for j in (1, 2)}
def shown(path):  # relative to the repository root when inside it
    rel = os.path.relpath(path, E["ROOT"])
    return path if rel.startswith("..") else rel

pack = shown(E["PACK"])
ver = open(os.path.join(tmp, "ipack-version")).read().strip().removeprefix("ipack ").strip()

def findings():
    doc = load("check.out")
    if doc is None:
        return "output not read"
    by = {}
    for d in doc.get("diagnostics", []):
        k = (d.get("severity"), d.get("rule"))
        by[k] = by.get(k, 0) + 1
    return ", ".join(f"{n:,} {rule} {sev}{'' if n == 1 else 's'}" for (sev, rule), n in sorted(by.items())) or "no findings"

def cell(j, f):
    return "n/a" if t[j] is None else f(t[j])

wall = lambda x: f"{x['median']:.3f} s"
speed = lambda x: f"{mb / x['median']:,.0f} MB/s"
cpu = lambda x: f"{x['user'] + x['system']:.3f} s"
print(f"## Component graph ({E['PACKAGES']} packages, {nfiles:,} exports, {mb:.1f} MB of XML)\n")
print("| measurement | --jobs 1 | --jobs 2 |")
print("| --- | ---: | ---: |")
print(f"| wall time, whole run (median of {E['RUNS']} runs) | {cell(1, wall)} | {cell(2, wall)} |")
print(f"| throughput (exports' size ÷ median time) | {cell(1, speed)} | {cell(2, speed)} |")
print(f"| CPU time, user + system (mean of the runs) | {cell(1, cpu)} | {cell(2, cpu)} |")
fmt_rss = lambda k: "n/a" if k is None else f"{k:,} KiB ({k / 1024:.1f} MiB)"
print(f"| peak RSS (median of {E['RSS_RUNS']} runs) | {fmt_rss(r[1])} | {fmt_rss(r[2])} |")
print(f"| exports' total size | {nbytes:,} bytes ({mb:.1f} MB) | same |")
print()

limit_kib = (nbytes + 64 * 1024 * 1024) / 1024
print("| target | measured | met? |")
print("| --- | --- | --- |")
if t[2] is not None:
    mbs = mb / t[2]["median"]
    print(f"| at least 100 MB/s on 2 cores (`--jobs 2`) | {mbs:,.0f} MB/s | **{'yes' if mbs >= 100 else 'no'}** |")
peaks = [k for k in r.values() if k is not None]
if peaks:
    peak = max(peaks)
    print(f"| peak RSS under the exports' size + 64 MiB ({limit_kib / 1024:,.1f} MiB) | {peak / 1024:,.1f} MiB "
          f"(the larger of the two) | **{'yes' if peak < limit_kib else 'no'}** |")
print()

prof = load("profile.json")
if prof and prof.get("phases"):
    t1 = t[1]["median"] if t[1] else None
    if prof.get("samples"):
        runs = int(E["PROFILE_RUNS"])
        print(f"Where the time goes, `--jobs 1` ({E['PROFILE_TOOL']}, {prof['samples']:,} samples over "
              f"{runs} run{'' if runs == 1 else 's'}; each sample counts for the innermost phase on its call chain, "
              f"see bench/perf_split.py):\n")
        print("| phase | share | ≈ time at the median |")
        print("| --- | ---: | ---: |")
        for name, share in prof["phases"]:
            print(f"| {name} | {share * 100:.1f}% | " + ("n/a" if t1 is None else f"{share * t1 * 1000:.0f} ms") + " |")
        print()
        frames = [f for f in prof.get("frames", []) if f[2] >= 0.01 and f[1]]
        if frames:
            print("Functions that decided the phase (1% or more): " + "; ".join(
                f"{fn or '(none)'} {share * 100:.1f}%" for _, fn, share in frames) + ".\n")
    else:
        print(f"Where the time goes ({E['PROFILE_TOOL']}; inclusive costs of each phase's entry points):\n")
        print("| phase | share of instructions |")
        print("| --- | ---: |")
        for name, share in prof["phases"]:
            print(f"| {name} | {share * 100:.1f}% |")
        print()
else:
    print("No profile (perf and valgrind unavailable, or BENCH_PROFILE_RUNS=0).\n")

print(f"Findings: ipack exit {E['IPACK_RC']} ({findings()}).\n")
print("Command, from the repository root (no `.ipack.yaml` applies), with N = 1 and 2:\n")
print("```")
print(f"{shown(E['IPACK_SHOWN'])} validate --jobs N -q --format json {pack}")
print("```\n")
print(f"Machine: {E['NPROC']} processors, {E['CPU'] or 'unknown CPU'}. ipack {ver}"
      + (f" ({E['BUILD_TYPE']} build)" if E.get("BUILD_TYPE") else "")
      + f" from {E['TREE']}; timer: {E.get('TIMER') or 'python3 loop'}, 2 warm-up runs per "
      f"--jobs value, so the exports are in the page cache. "
      f"The 1-minute load average before the run was {E['LOAD_BEFORE']}.")
PY
mv "$ROOT/$RESULTS.tmp" "$ROOT/$RESULTS"
cat "$ROOT/$RESULTS"
