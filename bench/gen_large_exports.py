#!/usr/bin/env python3
"""Large one-line exports, for measuring the memory ipack takes to read them.

    python3 bench/gen_large_exports.py --out bench/out/large-exports --exports 4 --mb 63
    /usr/bin/time -f %M build/compiler/ipack validate -q --jobs 4 bench/out/large-exports

copies examples/crm-sync (a valid pack) to OUT and adds EXPORTS XML profiles of about MB
megabytes each, every one a single line of elements and attributes (the densest shape an export
takes: a profile of hundreds of thousands of fields), as the Component API returns exports. No
package uses them, so each gets an `unused-component` warning, which text output quotes from the
export. With --non-ascii every field's name holds an accented letter, so that columns are
counted in code points.

docs/performance.md (issue 15's ninth round) gives what peak RSS this reaches against the size
of the largest export. The output depends only on the arguments. Standard library only.
"""

import argparse
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def profile(index: int, megabytes: float, non_ascii: bool) -> str:
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<bns:Component xmlns:bns="http://api.platform.boomi.com/" '
        f'componentId="1d2e3f40-0000-4000-8000-{index:012x}" name="Large Profile {index}" '
        'type="profile.xml" version="1" deleted="false"><bns:object><XMLProfile><DataElements>'
    )
    tail = "</DataElements></XMLProfile></bns:object></bns:Component>"
    field = "f\u00efeld" if non_ascii else "field"
    target = int(megabytes * 1_000_000)
    parts = [head]
    size = len(head.encode())
    key = 0
    while size < target:
        element = (
            f'<XMLElement dataType="character" isMappable="true" key="{key}" name="{field}{key}" '
            'useNamespace="-1"><DataFormat><ProfileCharacterFormat/></DataFormat></XMLElement>'
        )
        parts.append(element)
        size += len(element.encode())
        key += 1
    parts.append(tail)
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="the pack's folder (replaced with --force)")
    parser.add_argument("--exports", type=int, default=4, help="large exports to add (1-16, default 4)")
    parser.add_argument("--mb", type=float, default=63.0, help="size of each, in MB (1-64, default 63)")
    parser.add_argument("--non-ascii", action="store_true", help="accented field names")
    parser.add_argument("--force", action="store_true", help="replace OUT when it exists")
    args = parser.parse_args()
    if not 1 <= args.exports <= 16 or not 1 <= args.mb <= 64:
        parser.error("--exports is 1-16 and --mb 1-64 (ipack's limit is 64 MiB per export)")
    out = pathlib.Path(args.out)
    if out.exists():
        if not args.force:
            parser.error(f"{out} exists: pass --force to replace it")
        shutil.rmtree(out)
    shutil.copytree(ROOT / "examples" / "crm-sync", out)
    for i in range(args.exports):
        path = out / "components" / "profiles" / f"large-{i}.xml"
        path.write_text(profile(i, args.mb, args.non_ascii), encoding="utf-8")
    print(f"gen_large_exports: {out}: {args.exports} exports of {args.mb:g} MB added to examples/crm-sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())
