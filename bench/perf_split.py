#!/usr/bin/env python3
"""Splits an ipack profile into the phases of checking a pack's component exports.

    perf record --call-graph dwarf -o perf.data -- ipack validate --jobs 1 ... PACK
    perf script -i perf.data -F comm,tid,period,ip,sym,srcline --inline | python3 bench/perf_split.py

reads `perf script` output (one block per sample: a header line, then its call chain, leaf
first, inlined frames included, each frame optionally followed by its source line) and prints a
JSON object {"samples": N, "phases": [[name, share], ...]} with each phase's share of the
sampled time (the samples' periods), biggest first. With --detail it also lists which
function decided each sample ("frames"). Used by bench/run_components.sh; see bench/README.md.

A sample belongs to the first phase in PHASES that any frame of its call chain matches, so a
phase listed earlier wins over its callers: a strcmp called from the reference walk counts as
reference collection, pugixml's parser called from read_component_export counts as parsing,
and a page fault counts where the code that touched the page is. Samples that match nothing
(start-up, the dynamic loader, process exit) are "other".

Inlined code is not always given its own frame: the line-index loop, inlined into
read_component_export, often shows up as read_component_export itself. So a frame whose
source line falls inside `class LineIndex` of compiler/components/export_reader.cc (found in
the source, not hard-coded; --source names another copy) counts as that class.
Standard library only.
"""

import json
import os
import re
import sys

# (phase, regular expression over one frame's function name), most specific first.
PHASES = [
    ("UTF-8 check", r"first_invalid_utf8"),
    ("line index (positions)", r"\bLineIndex\b"),
    ("pugixml parsing", r"xml_document::load_buffer|load_buffer_impl|xml_parser::|strconv_|"
                        r"xml_document::~xml_document|xml_document::_destroy|xml_document::reset"),
    ("reference collection", r"ExportScan|ExportWalker|\bwalk\b|collect_references|position_of|read_object|"
                             r"read_extensions|read_secrets|normalise_component_id|"
                             r"in_reference_table|attribute_offset|child_named|local_name|"
                             r"read_component_export"),
    ("reading files", r"read_file_capped|export_files|read_one\b|ReadExport"),
    ("rules", r"ipack::rules::|check_pack"),
    ("graph and closures", r"ComponentGraph|closure_of|edges_of|read_components|index_components"),
    ("manifest (YAML, schema), output", r"YAML::|yaml|valijson|check_schema|check_manifest|"
                                        r"discover_manifests|render_|Reporter|nlohmann"),
]
OTHER = "other (start-up, loader, exit)"
COMPILED = [(name, re.compile(rx)) for name, rx in PHASES]
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def line_index_lines(path):
    """(file name, first line, last line) of `class LineIndex` in export_reader.cc, or None."""
    try:
        lines = open(path, encoding="utf-8").read().split("\n")
    except OSError:
        return None
    for i, line in enumerate(lines):
        if re.match(r"\s*class LineIndex\b", line):
            for j in range(i + 1, len(lines)):
                if re.match(r"\s*};", lines[j]):
                    return os.path.basename(path), i + 1, j + 1
    return None


def classify(frames, inline_range):
    """(phase, the function that decided it) for one sample's frames [(symbol, srcline)]."""
    best, where = None, ""
    for symbol, srcline in frames:
        if inline_range and srcline:
            m = re.match(r"(\S+):(\d+)", srcline)
            if m and os.path.basename(m.group(1)) == inline_range[0] and \
                    inline_range[1] <= int(m.group(2)) <= inline_range[2]:
                symbol = "LineIndex"
        for rank, (name, rx) in enumerate(COMPILED):
            if (best is None or rank < best) and rx.search(symbol):
                best, where = rank, symbol
                break
    if best is None:
        return OTHER, ""
    return COMPILED[best][0], where


def short(symbol):
    """A function's name without namespaces, arguments and template arguments."""
    symbol = re.sub(r"\(inlined\)$", "", symbol).strip()
    symbol = symbol.replace("(anonymous namespace)::", "")
    depth, out = 0, ""
    for ch in symbol:
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif depth == 0:
            out += ch
    return out.split(" ")[-1] or symbol


FRAME = re.compile(r"^\s+([0-9a-f]+)\s+(.*)$")


def main():
    args = sys.argv[1:]
    detail = "--detail" in args
    source = os.path.join(REPO_ROOT, "compiler", "components", "export_reader.cc")
    if "--source" in args:
        source = args[args.index("--source") + 1]
    inline_range = line_index_lines(source)

    counts, by_frame = {}, {}
    total, samples = 0, 0
    frames, header, period = [], None, 0

    def flush():
        nonlocal total, samples
        if header is None:
            return
        phase, where = classify(frames, inline_range)
        counts[phase] = counts.get(phase, 0) + period
        key = (phase, short(where))
        by_frame[key] = by_frame.get(key, 0) + period
        total += period
        samples += 1

    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if not line[0].isspace():            # a sample's header: comm tid period
            flush()
            header = line
            try:
                period = int(line.split()[-1])
            except (ValueError, IndexError):
                period = 1
            frames = []
            continue
        m = FRAME.match(line)
        if m:                                # a frame: address and function
            frames.append([m.group(2), ""])
        elif frames and not frames[-1][1]:   # the frame's source line: file:line [(inlined)]
            frames[-1][1] = line.strip()
    flush()

    phases = sorted(counts.items(), key=lambda kv: -kv[1])
    result = {"samples": samples, "phases": [[k, v / total if total else 0.0] for k, v in phases]}
    if detail:
        result["frames"] = [[p, f, v / total] for (p, f), v in
                            sorted(by_frame.items(), key=lambda kv: -kv[1])]
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
