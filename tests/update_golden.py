#!/usr/bin/env python3
"""Re-records examples/invalid/*/expected.out from the built binary, and puts the new output
into docs/rules.md wherever the old one was quoted. Review the diff before committing:
the golden tests only prove the tool still says what was reviewed once.

Usage: tests/update_golden.py [path/to/ipack]
"""
import os
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
binary = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build/compiler/ipack").resolve()
docs_path = root / "docs/rules.md"
docs = docs_path.read_text()
env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "SOURCE_DATE_EPOCH": "1795478400", "IPACK_TODAY": "2026-11-24"}

changed = 0
for fixture in sorted((root / "examples/invalid").iterdir()):
    if not fixture.is_dir():
        continue
    args = [str(binary), "validate", "--color", "never"]
    if (fixture / "previous.ipack").exists():
        args += ["--previous", "previous.ipack"]  # a release check against the last bundle
    if (fixture / "pack.path").exists():
        args += ["--pack", (fixture / "pack.path").read_text().strip()]  # an install plan against its pack
    run = subprocess.run(args, cwd=fixture, env=env,
                         capture_output=True, text=True)
    if run.returncode not in (0, 1) or run.stderr:
        print(f"{fixture.name}: exit {run.returncode}, stderr {run.stderr!r}", file=sys.stderr)
    expected = fixture / "expected.out"
    old = expected.read_text() if expected.exists() else None
    if old == run.stdout:
        continue
    expected.write_text(run.stdout)
    if old is not None:
        docs = docs.replace(f"```text\n{old}```", f"```text\n{run.stdout}```")
    changed += 1
    print(f"updated {fixture.name}")

docs_path.write_text(docs)
print(f"{changed} fixture(s) updated")
