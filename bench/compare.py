#!/usr/bin/env python3
"""Times shell commands in turn, round after round, so that a machine whose speed drifts (a
shared or virtual one) slows them all alike: the ratio between them is what repeats.

    bench/compare.py ROUNDS -- 'COMMAND A' ';;' 'COMMAND B' [';;' ...]

Each command is run once as a warm-up, then ROUNDS times, interleaved (A, B, A, B, ...), with
its output thrown away. Prints, per command, the median and the minimum wall time and the median
CPU time (user + system of the command and its children), in milliseconds. Standard library
only; used for the before/after tables of docs/performance.md (issue 15's third round).
"""

import resource
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    rounds = int(argv[1])
    commands = [c.strip() for c in " ".join(argv[3:]).split(";;") if c.strip()]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for r in range(rounds + 1):
        for c in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(c, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if r == 0:
                continue  # the warm-up
            wall[c].append(elapsed)
            cpu[c].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    for c in commands:
        print(f"{statistics.median(wall[c]) * 1000:8.1f} ms wall (min {min(wall[c]) * 1000:.1f})"
              f"  {statistics.median(cpu[c]) * 1000:7.1f} ms cpu  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
