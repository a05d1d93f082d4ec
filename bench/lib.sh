# Shared by bench/run*.sh (sourced, not run): messages, the ipack binary under test, the timing
# tools, and the description of the machine and source tree that each report ends with.

die2() { printf 'bench: %s\n' "$*" >&2; exit 2; }
note() { printf 'bench: %s\n' "$*" >&2; }

# Checks that $IPACK is a binary and makes its path absolute (relative to $ROOT).
require_ipack() {
  [[ -x $IPACK && ! -d $IPACK ]] || die2 "no ipack binary at '$IPACK'. Build it first (cmake -S . -B build && cmake --build build), or set IPACK=/path/to/ipack."
  case $IPACK in /*) ;; *) IPACK=$ROOT/$IPACK ;; esac
}

# Times a private copy in $TMP, so that a rebuild during the run neither breaks nor mixes the
# figures; IPACK_SHOWN keeps the path the report names.
use_private_ipack_copy() {
  IPACK_SHOWN=$IPACK
  cp "$IPACK" "$TMP/ipack"
  IPACK=$TMP/ipack
}

# HYPERFINE (empty: a python3 loop times instead) and GNU_TIME (empty: no peak RSS).
detect_timers() {
  HYPERFINE=${HYPERFINE-$(command -v hyperfine || true)}   # HYPERFINE= forces the python3 loop
  [[ -n $HYPERFINE ]] || note "hyperfine not found (apt-get install -y hyperfine): timing with a python3 loop instead"
  GNU_TIME=/usr/bin/time
  if ! [[ -x $GNU_TIME ]] || ! $GNU_TIME -f %M true >/dev/null 2>&1; then
    GNU_TIME=""
    note "GNU time not found (apt-get install -y time): peak RSS is not measured"
  fi
}

# CPU, NPROC, TIMER, BUILD_TYPE (of the tree $IPACK_SHOWN was built in) and TREE (the commit,
# and whether the sources differ from it), for the report.
describe_run() {
  CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
  NPROC=$(nproc)
  TIMER=""
  [[ -z $HYPERFINE ]] || TIMER="hyperfine $("$HYPERFINE" --version | cut -d' ' -f2)"
  BUILD_TYPE=""
  local cache
  for cache in "$(dirname "$IPACK_SHOWN")/../CMakeCache.txt" "$(dirname "$IPACK_SHOWN")/CMakeCache.txt"; do
    if [[ -f $cache ]]; then BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache"); break; fi
  done
  TREE="an unknown tree"
  local rev
  if rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    TREE="commit $rev"
    GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" diff --quiet HEAD -- compiler schemas cmake CMakeLists.txt 2>/dev/null \
      || TREE="$TREE plus uncommitted changes"
    [[ -z $(GIT_OPTIONAL_LOCKS=0 git -C "$ROOT" ls-files --others --exclude-standard -- compiler schemas 2>/dev/null) ]] \
      || TREE="$TREE plus untracked sources"
  fi
}
