#!/usr/bin/env bash
# ipack benchmark: bulk throughput, one-manifest latency and peak memory, against sourcemeta's
# jsonschema CLI validating the same manifests against the same schema. Not a test; CI does not
# run it. See bench/README.md.
#
#   bench/run.sh                      # uses build/compiler/ipack
#   IPACK=/path/to/ipack bench/run.sh
#
# Knobs (environment): IPACK, BENCH_COUNT (1000), BENCH_PACKAGES (100), BENCH_RUNS (5 bulk runs),
# BENCH_SINGLE_RUNS (200), BENCH_RSS_RUNS (5), SOURCEMETA (path to a jsonschema binary),
# HYPERFINE (path; empty: time with a python3 loop).
# Builds nothing. Exit: 0 measured, 2 a prerequisite is missing (binary, schema, python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
IPACK=${IPACK:-build/compiler/ipack}
SCHEMA=schemas/pack.schema.json
COUNT=${BENCH_COUNT:-1000}
PACKAGES=${BENCH_PACKAGES:-100}
RUNS=${BENCH_RUNS:-5}
SINGLE_RUNS=${BENCH_SINGLE_RUNS:-200}
RSS_RUNS=${BENCH_RSS_RUNS:-5}
OUT=bench/out
PACKS=$OUT/packs
RESULTS=$OUT/results.md

source bench/lib.sh

command -v python3 >/dev/null || die2 "python3 is needed (manifest generator, statistics)"
[[ -f $SCHEMA ]] || die2 "$SCHEMA does not exist yet: nothing to compare against. Write the schema first."
require_ipack

mkdir -p "$OUT"
TMP=$(mktemp -d "$ROOT/$OUT/.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
use_private_ipack_copy

# --- tools ------------------------------------------------------------------------------------
detect_timers

# sourcemeta's npm package ships native binaries behind a Node launcher (npm/cli.js). Timing the
# launcher would charge sourcemeta ~70 ms of Node start-up per run (one manifest: 77 ms against
# 6 ms here), so we call the native binary it would spawn, chosen the way the launcher does.
SM_NOTE=""
find_sourcemeta() {
  local base=bench/node_modules/@sourcemeta/jsonschema/build/github-releases arch libc=""
  case $(uname -m) in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  if ldd --version 2>&1 | grep -qi musl; then libc=-musl; fi
  if [[ -x $base/jsonschema-linux-$arch$libc ]]; then
    echo "$ROOT/$base/jsonschema-linux-$arch$libc"
  elif [[ -x bench/node_modules/.bin/jsonschema ]]; then
    echo "$ROOT/bench/node_modules/.bin/jsonschema"
  fi
}
SM=${SOURCEMETA:-}
if [[ -z $SM ]]; then
  SM=$(find_sourcemeta)
  if [[ -z $SM ]] && command -v npm >/dev/null; then
    note "installing @sourcemeta/jsonschema into bench/node_modules (version pinned in bench/package.json)"
    npm install --prefix bench --no-audit --no-fund >&2 || note "npm install failed"
    SM=$(find_sourcemeta)
  fi
fi
[[ -n $SM ]] || note "sourcemeta jsonschema not available: its columns will say n/a"
if [[ $SM == */.bin/jsonschema ]]; then
  SM_NOTE="sourcemeta was timed through its Node launcher, so its figures include Node's start-up."
fi

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
if awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l + 0 > 0.5) }'; then
  note "load average is $LOAD_BEFORE: something else is running, the figures will be noisy"
fi

# --- data -------------------------------------------------------------------------------------
note "generating $COUNT manifests of $PACKAGES packages into $PACKS"
rm -rf "$PACKS"
python3 bench/gen_manifests.py --count "$COUNT" --packages "$PACKAGES" --out "$PACKS"
BYTES=$(cat "$PACKS"/*/pack.yaml | wc -c)

# The generated packs have no components/ folder (nothing to compile, no XML to parse), so by
# default every package gets a closure-unchecked warning: 100,000 of them. The main figures are
# for a clean run, as in a repository that passes CI: ipack runs from bench/out, where this
# config (found from the current directory) turns that rule off. One extra row shows the cost of
# the default, from the repository root, where no config applies.
cat >"$OUT/.ipack.yaml" <<'YAML'
# Written by bench/run.sh: the benchmark's packs have no component exports on purpose.
apiVersion: ipack/v1
kind: Config
rules:
  closure-unchecked: off
YAML
SCHEMA=$ROOT/$SCHEMA
cd "$OUT"
PACKS=packs
SINGLE=$PACKS/$(printf '%04d' 1)/pack.yaml

# --- measuring --------------------------------------------------------------------------------
# time_cmd NAME RUNS WARMUP CMD...: writes $TMP/NAME.json {"median": seconds, "runs": n}
time_cmd() {
  local name=$1 runs=$2 warmup=$3; shift 3
  if [[ -n $HYPERFINE ]]; then
    # -N: no intermediate shell; -i: a manifest with findings still counts as a run.
    "$HYPERFINE" -N -i --style basic --warmup "$warmup" --runs "$runs" \
      --export-json "$TMP/$name.hf.json" "$(printf '%q ' "$@")" >"$TMP/$name.hf.log" 2>&1 \
      || { cat "$TMP/$name.hf.log" >&2; die2 "hyperfine failed for $name"; }
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
json.dump({"median": r["median"], "runs": len(r["times"])}, open(sys.argv[2], "w"))' \
      "$TMP/$name.hf.json" "$TMP/$name.json"
  else
    python3 - "$TMP/$name.json" "$runs" "$warmup" "$@" <<'PY'
import json, statistics, subprocess, sys, time
out, runs, warmup, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
times = []
for i in range(warmup + runs):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i >= warmup:
        times.append(time.perf_counter() - t0)
json.dump({"median": statistics.median(times), "runs": len(times)}, open(out, "w"))
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

# What each tool says about the data (once, outside the timings): exit code and a summary.
set +e
"$IPACK" validate --jobs 1 -q --format json "$PACKS" >"$TMP/ipack-bulk.out" 2>"$TMP/ipack-bulk.err"
IPACK_RC=$?
(cd "$ROOT" && "$IPACK" validate --jobs 1 -q --format json "$OUT/$PACKS" >"$TMP/ipack-nocfg.out" 2>&1)
IPACK_NOCFG_RC=$?
"$IPACK" --version 2>&1 | head -1 >"$TMP/ipack-version" || echo unknown >"$TMP/ipack-version"
if [[ -n $SM ]]; then
  "$SM" validate "$SCHEMA" "$PACKS" --extension .yaml >"$TMP/sm-bulk.out" 2>&1
  SM_RC=$?
  "$SM" --version >"$TMP/sm-version" 2>&1 || echo unknown >"$TMP/sm-version"
fi
set -e
[[ $IPACK_RC -le 1 ]] || { cat "$TMP/ipack-bulk.err" >&2; die2 "ipack exited $IPACK_RC on the generated manifests: not a run worth timing"; }
[[ $IPACK_RC -eq 0 ]] || note "ipack reports errors on the generated manifests (exit 1); timings go on, see the findings line in the report"
if [[ -n $SM && ${SM_RC:-0} -ne 0 ]]; then
  note "sourcemeta rejects generated manifests (exit $SM_RC):"; tail -n 20 "$TMP/sm-bulk.out" >&2
fi

IPACK_BULK1=("$IPACK" validate --jobs 1 -q --format json "$PACKS")
IPACK_BULK2=("$IPACK" validate --jobs 2 -q --format json "$PACKS")
IPACK_ONE=("$IPACK" validate -q --format json "$SINGLE")
SM_BULK=("$SM" validate "$SCHEMA" "$PACKS" --extension .yaml)
SM_BULK_FAST=("$SM" validate --fast "$SCHEMA" "$PACKS" --extension .yaml)
SM_ONE=("$SM" validate "$SCHEMA" "$SINGLE")
IPACK_NOCFG=("$IPACK" validate --jobs 1 -q --format json "$OUT/$PACKS")   # run from $ROOT

note "ipack: bulk, --jobs 1 ($RUNS runs)";  time_cmd ipack-bulk1 "$RUNS" 1 "${IPACK_BULK1[@]}"
note "ipack: bulk, --jobs 2 ($RUNS runs)";  time_cmd ipack-bulk2 "$RUNS" 1 "${IPACK_BULK2[@]}"
note "ipack: one manifest ($SINGLE_RUNS runs)"; time_cmd ipack-one "$SINGLE_RUNS" 10 "${IPACK_ONE[@]}"
rss_cmd ipack-one "$RSS_RUNS" "${IPACK_ONE[@]}"
rss_cmd ipack-bulk1 1 "${IPACK_BULK1[@]}"
note "ipack: bulk, --jobs 1, default rules, from the repository root ($RUNS runs)"
(cd "$ROOT" && time_cmd ipack-nocfg "$RUNS" 1 "${IPACK_NOCFG[@]}")
if [[ -n $SM ]]; then
  note "sourcemeta: bulk ($RUNS runs)";        time_cmd sm-bulk "$RUNS" 1 "${SM_BULK[@]}"
  note "sourcemeta: bulk --fast ($RUNS runs)"; time_cmd sm-bulk-fast "$RUNS" 1 "${SM_BULK_FAST[@]}"
  note "sourcemeta: one manifest ($SINGLE_RUNS runs)"; time_cmd sm-one "$SINGLE_RUNS" 10 "${SM_ONE[@]}"
  rss_cmd sm-one "$RSS_RUNS" "${SM_ONE[@]}"
  rss_cmd sm-bulk 1 "${SM_BULK[@]}"
fi

# --- report -----------------------------------------------------------------------------------
describe_run
export TMP COUNT PACKAGES BYTES RUNS SINGLE_RUNS RSS_RUNS IPACK_RC IPACK_NOCFG_RC SM_NOTE OUT
export SM_RC=${SM_RC:-} HAVE_SM=${SM:+1} TIMER
export CPU NPROC SINGLE LOAD_BEFORE BUILD_TYPE IPACK IPACK_SHOWN TREE
export CMD_BULK1="${IPACK_BULK1[*]}" CMD_BULK2="${IPACK_BULK2[*]}" CMD_ONE="${IPACK_ONE[*]}"
export CMD_NOCFG="${IPACK_NOCFG[*]}"
export CMD_SM_BULK="${SM_BULK[*]}" CMD_SM_ONE="${SM_ONE[*]}" ROOT
python3 - >"$ROOT/$RESULTS.tmp" <<'PY'
import json, os
E = os.environ
tmp = E["TMP"]

def med(name):
    try:
        return json.load(open(os.path.join(tmp, name + ".json")))["median"]
    except OSError:
        return None

def rss(name):
    try:
        return int(open(os.path.join(tmp, name + ".rss")).read())
    except (OSError, ValueError):
        return None

def rel(cmd, cwd):  # the command as a reader would type it in cwd
    out = []
    for tok in cmd.replace(E["IPACK"], E["IPACK_SHOWN"]).split(" "):
        if tok.startswith(E["ROOT"] + "/"):
            tok = os.path.relpath(tok, cwd)
        out.append(tok)
    return " ".join(out)

def findings(name):
    try:
        doc = json.load(open(os.path.join(tmp, name)))
    except (OSError, ValueError) as e:
        return f"output not read: {e}"
    by = {}
    for d in doc.get("diagnostics", []):
        k = (d.get("severity"), d.get("rule"))
        by[k] = by.get(k, 0) + 1
    return ", ".join(f"{n:,} {rule} {sev}{'' if n == 1 else 's'}" for (sev, rule), n in sorted(by.items())) or "no findings"

count = int(E["COUNT"])
fmt_fps = lambda t: "n/a" if t is None else f"{count / t:,.0f} files/s ({t:.2f} s)"
fmt_ms = lambda t: "n/a" if t is None else f"{t * 1000:.1f} ms"
fmt_kib = lambda k: "n/a" if k is None else f"{k:,} KiB"
ratio = lambda a, b: "n/a" if a is None or b is None else f"{a / b:.2f}×"

b1, b2, one, nocfg = med("ipack-bulk1"), med("ipack-bulk2"), med("ipack-one"), med("ipack-nocfg")
sb, sbf, sone = med("sm-bulk"), med("sm-bulk-fast"), med("sm-one")
r1, rb, sr1, srb = rss("ipack-one"), rss("ipack-bulk1"), rss("sm-one"), rss("sm-bulk")
ver = open(os.path.join(tmp, "ipack-version")).read().strip().removeprefix("ipack ").strip()
smver = open(os.path.join(tmp, "sm-version")).read().strip() if E.get("HAVE_SM") else "n/a"
mb = int(E["BYTES"]) / 1e6
nrun = E["RUNS"]

print(f"## Results ({count:,} manifests × {E['PACKAGES']} packages, {mb:.1f} MB of YAML)\n")
print("The ratio is ipack's figure divided by sourcemeta's; for time and memory, below 1 means "
      "ipack does better. sourcemeta has no --jobs option, so its bulk runs are single-threaded.\n")
print("| measurement | ipack | sourcemeta jsonschema | ipack / sourcemeta |")
print("| --- | ---: | ---: | ---: |")
print(f"| bulk, --jobs 1: throughput (median of {nrun} runs) | {fmt_fps(b1)} | {fmt_fps(sb)} | {ratio(b1, sb)} |")
print(f"| bulk, --jobs 2: throughput (median of {nrun} runs) | {fmt_fps(b2)} | {fmt_fps(sb)} | {ratio(b2, sb)} |")
print(f"| bulk, --jobs 1: peak RSS | {fmt_kib(rb)} | {fmt_kib(srb)} | {ratio(rb, srb)} |")
print(f"| one manifest: wall time, whole process (median of {E['SINGLE_RUNS']} runs) | {fmt_ms(one)} | {fmt_ms(sone)} | {ratio(one, sone)} |")
print(f"| one manifest: peak RSS (median of {E['RSS_RUNS']} runs) | {fmt_kib(r1)} | {fmt_kib(sr1)} | {ratio(r1, sr1)} |")
print()
print("For reference:")
if nocfg is not None:
    print(f"- ipack bulk with `--jobs 1` and the default rules, reporting one closure-unchecked warning "
          f"per package: {fmt_fps(nocfg)}.")
if sbf is not None:
    print(f"- sourcemeta bulk with `--fast`, which gives terse errors: {fmt_fps(sbf)}.")
print()

print("Targets:")
if one is not None:
    print(f"- one 100-package manifest under 10 ms, whole process: {fmt_ms(one)}, "
          + ("**met**" if one < 0.010 else "**not met**"))
if b1 is not None and sb is not None:
    print(f"- bulk within 1.5× of sourcemeta (ipack --jobs 1 against its single thread): "
          f"{b1 / sb:.2f}×, " + ("**met**" if b1 / sb <= 1.5 else "**not met**"))
print()

print(f"Findings on the bulk set: ipack exit {E['IPACK_RC']} ({findings('ipack-bulk.out')}). "
      f"Without the config: exit {E['IPACK_NOCFG_RC']} ({findings('ipack-nocfg.out')}). "
      f"sourcemeta: exit {E.get('SM_RC') or 'n/a'}.")
if E.get("SM_NOTE"):
    print(f"\nNote: {E['SM_NOTE']}")
print()
out_dir = os.path.join(E["ROOT"], E["OUT"])
print(f"Commands, run from `{E['OUT']}`, where `.ipack.yaml` turns closure-unchecked off:\n")
print("```")
for k in ("CMD_BULK1", "CMD_BULK2", "CMD_ONE", "CMD_SM_BULK", "CMD_SM_ONE"):
    if k.startswith("CMD_SM") and not E.get("HAVE_SM"):
        continue
    print(rel(E[k], out_dir))
print("```\n")
print("The default-rules row was run from the repository root:\n")
print("```")
print(rel(E["CMD_NOCFG"], E["ROOT"]))
print("```\n")
print(f"Machine: {E['NPROC']} processors, {E['CPU'] or 'unknown CPU'}. "
      f"ipack {ver}" + (f" ({E['BUILD_TYPE']} build)" if E.get("BUILD_TYPE") else "")
      + f" from {E['TREE']}; sourcemeta jsonschema {smver}; timer: {E.get('TIMER') or 'python3 loop'}. "
      f"Bulk runs follow 1 warm-up run, single-manifest runs follow 10. "
      f"The 1-minute load average before the run was {E['LOAD_BEFORE']}.")
PY
mv "$ROOT/$RESULTS.tmp" "$ROOT/$RESULTS"
cat "$ROOT/$RESULTS"
