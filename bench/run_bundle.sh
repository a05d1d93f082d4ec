#!/usr/bin/env bash
# ipack benchmark, bundles: `ipack build` and `ipack verify` on the component-graph pack (100
# packages, 2,000 exports, ~100 MB of XML), next to `tar -czf` and `tar -xzf` of the same folder
# in the same run: wall time, CPU time, peak RSS. Not a test; CI does not run it. See
# bench/README.md.
#
#   bench/run_bundle.sh                      # uses build/compiler/ipack
#   IPACK=/path/to/ipack bench/run_bundle.sh
#
# Knobs (environment): IPACK, BENCH_PACK (bench/out/components-pack), BENCH_PACKAGES/BENCH_EXPORTS/
# BENCH_AVG_KB (100/2000/50; 50/500/20 is the 10 MB pack), BENCH_RUNS (5 timed runs
# per command), BENCH_WARMUP (1), BENCH_RSS_RUNS (3), HYPERFINE (path; empty: time with a python3
# loop). Builds nothing. The signing key is a throwaway one made in a temporary folder outside
# the repository, removed at exit. Exit: 0 measured, 2 a prerequisite is missing or a command
# fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
IPACK=${IPACK:-build/compiler/ipack}
# The pack: the component-graph pack (100 packages, 2,000 exports, ~100 MB), or another size
# from the same generator (BENCH_PACKAGES=50 BENCH_EXPORTS=500 BENCH_AVG_KB=20: ~10 MB).
PACKAGES=${BENCH_PACKAGES:-100}
EXPORTS=${BENCH_EXPORTS:-2000}
AVG_KB=${BENCH_AVG_KB:-50}
if [[ $PACKAGES == 100 && $EXPORTS == 2000 && $AVG_KB == 50 ]]; then
  DEFAULT_PACK=bench/out/components-pack
else
  DEFAULT_PACK=bench/out/pack-${PACKAGES}x${EXPORTS}x${AVG_KB}kb
fi
PACK=${BENCH_PACK:-$DEFAULT_PACK}
RUNS=${BENCH_RUNS:-5}
WARMUP=${BENCH_WARMUP:-1}
RSS_RUNS=${BENCH_RSS_RUNS:-3}
OUT=bench/out
RESULTS=$OUT/bundle-results-$(basename "${BENCH_PACK:-$DEFAULT_PACK}").md
export SOURCE_DATE_EPOCH=1795478400   # 2026-11-24T00:00:00Z: fixed, so every build is the same bytes
# ipack build runs `git status` on the pack's folder (for `source`): never let it take the
# repository's index lock, so that a commit made during the run does not fail.
export GIT_OPTIONAL_LOCKS=0

source bench/lib.sh

command -v python3 >/dev/null || die2 "python3 is needed (pack generator, statistics)"
command -v tar >/dev/null || die2 "tar is needed (the comparison)"
require_ipack
case $PACK in /*) ;; *) PACK=$ROOT/$PACK ;; esac

mkdir -p "$OUT"
# Everything the run writes (key, bundle, tarball, extraction) goes to one temporary folder
# outside the repository, so that ipack build and tar write to the same file system and no key
# ever lands in the work tree.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipack-bundle-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
use_private_ipack_copy

# --- tools ------------------------------------------------------------------------------------
detect_timers

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
if awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l + 0 > 0.5) }'; then
  note "load average is $LOAD_BEFORE: something else is running, the figures will be noisy"
fi

# --- data -------------------------------------------------------------------------------------
# The same pack as bench/run_components.sh, with the same stamp: whichever script runs first
# generates it, the other reuses it.
STAMP="packages=$PACKAGES exports=$EXPORTS seed=1 generator=$(cat bench/gen_pack.py bench/gen_manifests.py | cksum | cut -d' ' -f1)"
[[ $AVG_KB == 50 ]] || STAMP="$STAMP avg-kb=$AVG_KB"
if [[ -z ${BENCH_PACK:-} ]] && [[ ! -f $PACK/pack.yaml || ! -f $PACK/.generated || $(cat "$PACK/.generated") != "$STAMP" ]]; then
  note "generating the pack into ${PACK#"$ROOT"/} ($PACKAGES packages, $EXPORTS exports)"
  python3 bench/gen_pack.py --packages "$PACKAGES" --exports "$EXPORTS" --avg-kb "$AVG_KB" --out "$PACK" --force
  printf '%s\n' "$STAMP" >"$PACK/.generated"
fi
[[ -f $PACK/pack.yaml ]] || die2 "no pack at ${PACK}: BENCH_PACK must be a pack's folder"
PACK_PARENT=$(dirname "$PACK")
PACK_NAME=$(basename "$PACK")
# Sizes: every file tar archives, the exports, the largest export.
NFILES=$(find "$PACK" -type f | wc -l)
TREE_BYTES=$(find "$PACK" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
EXPORT_BYTES=$(find "$PACK/components" -type f -name '*.xml' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
LARGEST=$(find "$PACK/components" -type f -name '*.xml' -printf '%s\n' | sort -n | tail -1)

"$IPACK" keygen "$TMP/k" >/dev/null 2>"$TMP/keygen.err" || { cat "$TMP/keygen.err" >&2; die2 "ipack keygen failed"; }

# One build and one verify outside the timings: they must succeed, or there is nothing to time.
"$IPACK" build "$PACK" -o "$TMP/dist" --key "$TMP/k.pem" >"$TMP/build.out" 2>"$TMP/build.err" \
  || { cat "$TMP/build.err" >&2; die2 "ipack build failed on ${PACK#"$ROOT"/}: not a run worth timing"; }
BUNDLES=("$TMP"/dist/*.ipack)
[[ ${#BUNDLES[@]} -eq 1 && -f ${BUNDLES[0]} ]] || die2 "ipack build did not leave exactly one bundle in $TMP/dist"
BUNDLE=${BUNDLES[0]}
"$IPACK" verify "$BUNDLE" --key "$TMP/k.pub.pem" >"$TMP/verify.out" 2>"$TMP/verify.err" \
  || { cat "$TMP/verify.err" >&2; die2 "ipack verify refused the bundle it just built"; }
tar -czf "$TMP/x.tgz" -C "$PACK_PARENT" "$PACK_NAME"
BUNDLE_BYTES=$(stat -c %s "$BUNDLE")
TGZ_BYTES=$(stat -c %s "$TMP/x.tgz")
"$IPACK" --version 2>&1 | head -1 >"$TMP/ipack-version" || echo unknown >"$TMP/ipack-version"

# --- measuring --------------------------------------------------------------------------------
# time_cmd NAME PREPARE CMD...: writes $TMP/NAME.json {"median", "runs", "user", "system"}.
# PREPARE (a shell command line, or empty) runs before every run, outside the timing.
time_cmd() {
  local name=$1 prepare=$2; shift 2
  if [[ -n $HYPERFINE ]]; then
    local prep=()
    [[ -z $prepare ]] || prep=(--prepare "sh -c $(printf '%q' "$prepare")")
    "$HYPERFINE" -N --style basic --warmup "$WARMUP" --runs "$RUNS" "${prep[@]}" \
      --export-json "$TMP/$name.hf.json" "$(printf '%q ' "$@")" >"$TMP/$name.hf.log" 2>&1 \
      || { cat "$TMP/$name.hf.log" >&2; die2 "hyperfine failed for $name"; }
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
json.dump({"median": r["median"], "runs": len(r["times"]), "user": r["user"], "system": r["system"]}, open(sys.argv[2], "w"))' \
      "$TMP/$name.hf.json" "$TMP/$name.json"
  else
    python3 - "$TMP/$name.json" "$RUNS" "$WARMUP" "$prepare" "$@" <<'PY'
import json, os, statistics, subprocess, sys, time
out, runs, warmup, prepare, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
times, cpu = [], []
for i in range(warmup + runs):
    if prepare:
        subprocess.run(["sh", "-c", prepare], check=True)
    t0, c0 = time.perf_counter(), os.times()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
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

# rss_cmd NAME PREPARE CMD...: writes $TMP/NAME.rss (median peak RSS in KiB over RSS_RUNS runs).
# GNU time reports the largest resident set of the process and its waited-for children (for
# tar -z, the gzip child).
rss_cmd() {
  local name=$1 prepare=$2 i; shift 2
  [[ -n $GNU_TIME ]] || return 0
  : >"$TMP/$name.rsslist"
  for ((i = 0; i < RSS_RUNS; i++)); do
    [[ -z $prepare ]] || sh -c "$prepare"
    "$GNU_TIME" -f %M -o "$TMP/$name.one" "$@" >/dev/null 2>&1 || die2 "$name failed under GNU time"
    tail -n 1 "$TMP/$name.one" >>"$TMP/$name.rsslist"
  done
  python3 -c 'import statistics,sys; print(int(statistics.median(int(l) for l in open(sys.argv[1]) if l.strip())))' \
    "$TMP/$name.rsslist" >"$TMP/$name.rss"
}

q() { printf '%q' "$1"; }
# Each command writes a fresh output: the previous one is removed first, outside the timing.
BUILD_PREP="rm -rf $(q "$TMP/dist")"
TGZ_PREP="rm -f $(q "$TMP/y.tgz")"
EXTRACT_PREP="rm -rf $(q "$TMP/extract") && mkdir $(q "$TMP/extract")"
measure() {  # measure NAME PREPARE CMD...
  local name=$1 prepare=$2; shift 2
  note "$name: $WARMUP warm-up + $RUNS timed runs, $RSS_RUNS for peak RSS"
  time_cmd "$name" "$prepare" "$@"
  rss_cmd "$name" "$prepare" "$@"
}
# Alternate ipack and tar, so that neither gets a quieter stretch of the run.
measure build "$BUILD_PREP" "$IPACK" build "$PACK" -o "$TMP/dist" --key "$TMP/k.pem"
measure tgz "$TGZ_PREP" tar -czf "$TMP/y.tgz" -C "$PACK_PARENT" "$PACK_NAME"
# build left a fresh bundle behind (the same bytes: SOURCE_DATE_EPOCH is fixed).
measure verify "" "$IPACK" verify "$BUNDLE" --key "$TMP/k.pub.pem"
measure extract "$EXTRACT_PREP" tar -xzf "$TMP/x.tgz" -C "$TMP/extract"
# For reading the build's figure: validation alone, as build runs it (same jobs, same pack).
measure validate "" "$IPACK" validate -q --format json "$PACK"

# --- report -----------------------------------------------------------------------------------
describe_run
TAR_VERSION=$(tar --version | head -1)
GZIP_VERSION=$(gzip --version 2>/dev/null | head -1 || true)
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
export TMP NFILES TREE_BYTES EXPORT_BYTES LARGEST BUNDLE_BYTES TGZ_BYTES RUNS WARMUP RSS_RUNS CPU NPROC \
  LOAD_BEFORE LOAD_AFTER BUILD_TYPE IPACK_SHOWN TREE TIMER TAR_VERSION GZIP_VERSION ROOT PACK \
  BUNDLE_NAME="${BUNDLE##*/}" HAVE_RSS=${GNU_TIME:+1}
python3 - >"$ROOT/$RESULTS.tmp" <<'PY'
import json, os
E = os.environ
tmp = E["TMP"]

def load(name):
    try:
        return json.load(open(os.path.join(tmp, name + ".json")))
    except (OSError, ValueError):
        return None

def rss(name):
    try:
        return int(open(os.path.join(tmp, name + ".rss")).read())
    except (OSError, ValueError):
        return None

def shown(path):  # relative to the repository root when inside it
    rel = os.path.relpath(path, E["ROOT"])
    return path if rel.startswith("..") else rel

t = {k: load(k) for k in ("build", "tgz", "verify", "extract", "validate")}
r = {k: rss(k) for k in t}
largest = int(E["LARGEST"])
limit_kib = (largest + 64 * 1024 * 1024) / 1024
ver = open(os.path.join(tmp, "ipack-version")).read().strip().removeprefix("ipack ").strip()
pack = shown(E["PACK"])
mb = lambda b: f"{int(b) / 1e6:.1f} MB"

def secs(k):
    return "n/a" if t[k] is None else f"{t[k]['median']:.3f} s"

def cpu(k):
    return "n/a" if t[k] is None else f"{t[k]['user'] + t[k]['system']:.2f} s"

def kib(k):
    return "n/a" if r[k] is None else f"{r[k]:,} KiB ({r[k] / 1024:.1f} MiB)"

def ratio(a, b):
    return None if t[a] is None or t[b] is None else t[a]["median"] / t[b]["median"]

print(f"## Bundles ({int(E['NFILES']):,} files, {mb(E['TREE_BYTES'])}; exports {mb(E['EXPORT_BYTES'])}, "
      f"the largest {int(E['LARGEST']):,} bytes)\n")
print(f"| command | wall time (median of {E['RUNS']}) | CPU, user + system | ratio to tar | peak RSS (median of {E['RSS_RUNS']}) |")
print("| --- | ---: | ---: | ---: | ---: |")
rb, rv = ratio("build", "tgz"), ratio("verify", "extract")
print(f"| `ipack build` (validate, digest, sign, write) | {secs('build')} | {cpu('build')} | "
      f"{'n/a' if rb is None else f'{rb:.2f}×'} | {kib('build')} |")
print(f"| `tar -czf` of the pack's folder | {secs('tgz')} | {cpu('tgz')} | 1 | {kib('tgz')} |")
print(f"| `ipack verify` | {secs('verify')} | {cpu('verify')} | "
      f"{'n/a' if rv is None else f'{rv:.2f}×'} | {kib('verify')} |")
print(f"| `tar -xzf` into an empty folder | {secs('extract')} | {cpu('extract')} | 1 | {kib('extract')} |")
rval = ratio("validate", "build")
print(f"| for reference: `ipack validate` of the pack | {secs('validate')} | {cpu('validate')} | "
      f"{'n/a' if rval is None else f'{rval * 100:.0f}% of build'} | {kib('validate')} |")
print()
print(f"Output sizes: the bundle {int(E['BUNDLE_BYTES']):,} bytes, the tarball {int(E['TGZ_BYTES']):,} bytes.\n")

yes = lambda ok: "**yes**" if ok else "**no**"
print("| target | measured | met? |")
print("| --- | --- | --- |")
if rb is not None:
    print(f"| `ipack build` ≤ 0.5× `tar -czf` | {rb:.2f}× | {yes(rb <= 0.5)} |")
if rv is not None:
    print(f"| `ipack verify` ≤ 0.35× `tar -xzf` | {rv:.2f}× | {yes(rv <= 0.35)} |")
for k, what in (("build", "build"), ("verify", "verify")):
    if r[k] is not None:
        print(f"| `ipack {what}` peak RSS ≤ the largest export + 64 MiB ({limit_kib:,.0f} KiB) | "
              f"{r[k]:,} KiB | {yes(r[k] <= limit_kib)} |")
print()

print("Commands (`SOURCE_DATE_EPOCH=1795478400`; `$tmp` is a fresh temporary folder outside the "
      "repository, holding a throwaway key from `ipack keygen $tmp/k`):\n")
print("```sh")
print("rm -rf $tmp/dist                       # before each run, untimed")
print(f"ipack build {pack} -o $tmp/dist --key $tmp/k.pem")
print("rm -f $tmp/y.tgz                       # before each run, untimed")
print(f"tar -czf $tmp/y.tgz -C {os.path.dirname(pack)} {os.path.basename(pack)}")
print(f"ipack verify $tmp/dist/{E['BUNDLE_NAME']} --key $tmp/k.pub.pem")
print("rm -rf $tmp/extract && mkdir $tmp/extract   # before each run, untimed")
print("tar -xzf $tmp/x.tgz -C $tmp/extract")
print(f"ipack validate -q --format json {pack}")
print("```\n")
print(f"Machine: {E['NPROC']} processors, {E['CPU'] or 'unknown CPU'}. ipack {ver}"
      + (f" ({E['BUILD_TYPE']} build)" if E.get("BUILD_TYPE") else "")
      + f" from {E['TREE']}, run as a copy of {shown(E['IPACK_SHOWN'])}; {E['TAR_VERSION']}, {E['GZIP_VERSION']}; "
      f"timer: {E.get('TIMER') or 'python3 loop'}, {E['WARMUP']} warm-up run(s) per command, so the pack "
      f"is in the page cache. The 1-minute load average was {E['LOAD_BEFORE']} before the run "
      f"and {E['LOAD_AFTER']} after it.")
PY
mv "$ROOT/$RESULTS.tmp" "$ROOT/$RESULTS"
cat "$ROOT/$RESULTS"
