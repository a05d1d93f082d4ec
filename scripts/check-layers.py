#!/usr/bin/env python3
"""Checks the rooms and floors of compiler/ (docs/architecture.md): a file includes only headers
of its own room and of rooms on lower floors; two rooms on one floor never include each other;
every folder is a room, and docs/architecture.md has a row for each on its floor.
Prints each include that breaks this as FILE:LINE: ... and exits 1; exits 0 when there is none."""
import pathlib
import re
import sys

# Bottom up. Rooms on one floor are siblings: neither may include the other.
FLOORS = [
    ["base"],
    ["input"],
    ["schema", "render"],
    ["components"],
    ["pack"],
    ["plan"],
    ["rules"],
    ["bundle"],
    ["validate"],
    ["platform"],
    ["cli"],
]
FLOOR_OF = {room: i for i, rooms in enumerate(FLOORS) for room in rooms}


def main() -> int:
    # A folder other than compiler/ may be named (the tests check a tree that breaks the rule).
    default = pathlib.Path(__file__).resolve().parent.parent / "compiler"
    root = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else default
    problems = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".h", ".cc") or path.parent == root:
            continue
        room = path.relative_to(root).parts[0]
        if room not in FLOOR_OF:
            problems.append(f"{path.relative_to(root.parent)}: room {room!r} is on no floor of scripts/check-layers.py")
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            target = m.group(1).split("/")[0]
            if target not in FLOOR_OF:
                problems.append(f"{path.relative_to(root.parent)}:{n}: includes {m.group(1)}, which is in no room")
            elif target != room and FLOOR_OF[target] >= FLOOR_OF[room]:
                where = "a floor above" if FLOOR_OF[target] > FLOOR_OF[room] else "a sibling room on its floor"
                problems.append(f"{path.relative_to(root.parent)}:{n}: room {room} includes {m.group(1)}, {where}")
    if root == default:
        # docs/architecture.md describes every room, on its floor.
        doc = (root.parent / "docs" / "architecture.md").read_text()
        for floor, rooms in enumerate(FLOORS):
            for room in rooms:
                if f"| {floor} | `{room}/` |" not in doc:
                    problems.append(f"docs/architecture.md: no row for room {room}/ on floor {floor}")
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            if folder.name not in FLOOR_OF:
                problems.append(f"compiler/{folder.name}/: a folder that is no room of scripts/check-layers.py")
    for p in problems:
        print(p)
    if any(p for p in root.iterdir() if p.is_file() and p.suffix in (".h", ".cc")):
        print(f"{root.name}/: source files outside any room")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
