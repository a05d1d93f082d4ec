#!/usr/bin/env python3
"""Deterministic generator of realistic pack.yaml manifests for the ipack benchmark.

    python3 bench/gen_manifests.py --count 1000 --packages 100 --out bench/out/packs [--json]

writes OUT/0001/pack.yaml ... OUT/1000/pack.yaml: kind IntegrationPack manifests that are valid
per docs/manifest.md and schemas/pack.schema.json (single install, packaged deployment, a
release on a date in 2099 or immediate, P shareable process packages, and an extensions section).
With --json each manifest also gets a pack.json twin holding exactly the same data, for tools
that cannot read YAML.

Manifest i depends only on (--seed, i, --packages): the same arguments give byte-identical files
on every machine and Python version (random.Random seeded with a string is stable across runs).
Standard library only.
"""

import argparse
import json
import os
import random
import re
import sys
import textwrap

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_ID = "https://ipack.dev/schemas/pack.schema.json"

VENDORS = [
    "Salesforce", "NetSuite", "Workday", "SAP S/4HANA", "ServiceNow", "Zendesk", "HubSpot",
    "Shopify", "Stripe", "Dynamics 365", "Snowflake", "Jira", "Coupa", "Oracle ERP Cloud",
    "Marketo", "Concur", "BambooHR", "QuickBooks Online", "Magento", "Veeva CRM",
]
OBJECTS = [
    "Accounts", "Contacts", "Orders", "Invoices", "Products", "Employees", "Tickets", "Payments",
    "Shipments", "Opportunities", "Vendors", "Purchase Orders", "Journal Entries", "Price Books",
    "Leads", "Cases", "Subscriptions", "Expense Reports", "Inventory Levels", "Cost Centers",
]
VERBS = [
    "Sync", "Import", "Export", "Reconcile", "Publish", "Archive", "Enrich", "Load", "Validate",
    "Merge", "Backfill", "Notify on",
]
DOMAINS = [
    ("order-to-cash", "Order to Cash"), ("procure-to-pay", "Procure to Pay"),
    ("hire-to-retire", "Hire to Retire"), ("crm-sync", "CRM Sync"),
    ("record-to-report", "Record to Report"), ("case-routing", "Case Routing"),
    ("catalog-sync", "Catalog Sync"), ("billing-bridge", "Billing Bridge"),
]
PUBLISHERS = [
    "Acme Corp", "Globex Integration Services", "Initech Solutions GmbH", "Umbrella Systems Ltd.",
    "Contoso Partners", "Hooli Cloud Integrations", "Stark Industries IT", "Wayne Enterprises",
    "Soylent Data Co.", "Tyrell Connectivity", "Cyberdyne Systems", "Nakatomi Trading",
]
NOTES = [
    "First shareable build.",
    "Retries 429 and 503 responses with exponential back-off.",
    "Maps the new custom field Region__c to the ERP's territory code.",
    "Fixes duplicate records when the source sends the same event twice.",
    "Batch size is now taken from the BATCH_SIZE dynamic process property.",
    "Logs a summary document per run instead of one per record.",
    "Handles empty pages from the source API: the run ends cleanly.",
    "Uses the bulk endpoint for more than 200 records.",
    "Dates are sent in UTC (ISO 8601), no longer in the account's time zone.",
    "Drops the deprecated v1 endpoint; needs API version 58.0 or later.",
    "Adds a dead-letter branch: failed documents go to the error queue.",
    "Currency amounts keep 4 decimals, as the ERP expects.",
    "",
]
NOTE_LINES = [
    "- Adds paging for result sets over 2,000 records",
    "- Normalises phone numbers to E.164",
    "- Skips records whose owner is inactive",
    "- Sends a notification when the run rejects more than 5% of documents",
    "- Connection timeouts raised to 120 s",
    "- Error messages now carry the source record id",
]
CONNECTION_FIELDS = [
    # field, required, pattern, description
    ("url", True, "^https://", "Base URL of the customer's {v} instance"),
    ("user", True, None, "Integration user in {v}"),
    ("password", True, None, None),
    ("clientId", False, "^[A-Za-z0-9._-]{8,64}$", "OAuth 2.0 client id registered in {v}"),
    ("accountId", False, "^[0-9]{6,10}(_SB[0-9]+)?$", "{v} account id, e.g. 1234567 or 1234567_SB1"),
    ("timeout", False, "^[0-9]+$", "Read timeout in seconds"),
]
PROPERTY_DEFAULTS = [
    ("100", "^[0-9]+$", "Records per page read from the source"),
    ("true", "^(true|false)$", "Send a summary e-mail after each run"),
    ("EUR", "^[A-Z]{3}$", "Currency used when the source gives none"),
    ("UTC", None, "Time zone for dates written to the target"),
    ("3", "^[1-5]$", "How many times a failed document is retried"),
    ("ops@customer.example", None, "Who receives error notifications"),
]
DYNAMIC_PROPERTIES = [
    ("BATCH_SIZE", "^[0-9]+$", "200"),
    ("LAST_RUN_DATE", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", None),
    ("TARGET_SUBSIDIARY", None, None),
    ("DRY_RUN", "^(true|false)$", "false"),
    ("MAX_ERRORS", "^[0-9]{1,4}$", "50"),
    ("SOURCE_QUERY_FILTER", None, None),
]
DESCRIPTION_PARTS = [
    "Keeps {o1} and {o2} in sync between {a} and {b}.",
    "Changes made in {a} reach {b} within minutes, and the other way round for {o2}.",
    "Runs on a schedule the installer chooses; every run picks up where the last one stopped.",
    "Failed documents are retried, then parked in an error queue with the reason.",
    "Field mappings follow the {b} defaults and can be changed through extensions.",
    "Tested against sandbox and production accounts of both systems.",
    "Needs an integration user with API access on both sides.",
    "Includes reconciliation reports for finance teams.",
]

_PLAIN_UNSAFE = re.compile(
    r"""^(?:
        [-?:,\[\]{}\#&*!|>'"%@`\s]       # starts with an indicator or space
      | .*(?:\ \#|:\ |:$|\s$|\t)         # comment, mapping indicator, trailing space, tab
      | (?:true|false|yes|no|on|off|y|n|null|~)$
      | [-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$   # number-like
      | [-+]?\.(?:inf|nan)$
      | 0[xXoObB][0-9a-fA-F_]+$
    )""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)


def plain_or_quoted(s):
    """A YAML scalar for string s: plain when YAML 1.1 and 1.2 both read it as that string."""
    if s and "\n" not in s and not _PLAIN_UNSAFE.match(s):
        return s
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def single_quoted(s):
    return "'" + s.replace("'", "''") + "'"


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def guid(rng):
    """A random lower-case GUID shaped like a version-4 UUID (Boomi ids are)."""
    n = rng.getrandbits(128)
    n = (n & ~(0xF << 76)) | (0x4 << 76)   # version 4
    n = (n & ~(0x3 << 62)) | (0x2 << 62)   # RFC 4122 variant
    h = "%032x" % n
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def make_manifest(seed, index, packages):
    """The data of manifest number index (1-based), plus presentation hints for the YAML."""
    rng = random.Random("ipack-bench:%s:%d:%d" % (seed, index, packages))
    a, b = rng.sample(VENDORS, 2)
    dom_slug, dom_title = rng.choice(DOMAINS)
    publisher = rng.choice(PUBLISHERS)
    name = "%s-%s-%s-%04d" % (slug(a)[:12].strip("-"), slug(b)[:12].strip("-"), dom_slug, index)
    arrow = rng.choice([" ⇄ ", " to ", " / ", " – "])
    display = "%s%s%s %s" % (a, arrow, b, dom_title)
    o1, o2 = rng.sample(OBJECTS, 2)
    parts = [DESCRIPTION_PARTS[0]] + rng.sample(DESCRIPTION_PARTS[1:], rng.randint(1, 4))
    description = " ".join(p.format(a=a, b=b, o1=o1.lower(), o2=o2.lower()) for p in parts)
    assert len(description) < 500, len(description)
    major, minor, patch = rng.randint(0, 7), rng.randint(0, 20), rng.randint(0, 30)
    version = "%d.%d.%d" % (major, minor, patch)
    r = rng.random()
    if r < 0.1:
        version += "-rc.%d" % rng.randint(1, 4)
    elif r < 0.15:
        version += "+build.%d" % rng.randint(100, 999)

    metadata = {
        "name": name,
        "displayName": display,
        "description": description,
        "version": version,
        "publisher": publisher,
        "homepage": "https://%s.example/packs/%s" % (slug(publisher).split("-")[0], name),
    }
    if rng.random() < 0.5:
        release = {"schedule": "immediate"}
    else:
        month = rng.randint(1, 12)
        day = rng.randint(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
        release = {"schedule": "on-date", "date": "2099-%02d-%02d" % (month, day)}

    pkgs, seen_names = [], set()
    for _ in range(packages):
        while True:
            verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
            src, dst = (a, b) if rng.random() < 0.6 else (b, a)
            pname = "%s %s - %s to %s" % (verb, obj, src, dst)
            if pname in seen_names:
                pname += " (%s)" % rng.choice(["EU", "US", "APAC", "v2", "bulk", "delta"])
            if pname not in seen_names:
                break
        seen_names.add(pname)
        r = rng.random()
        if r < 0.85:
            pv = "%d.%d" % (rng.randint(1, 9), rng.randint(0, 15))
        elif r < 0.95:
            pv = "%d.%d.%d" % (rng.randint(1, 9), rng.randint(0, 15), rng.randint(0, 9))
        else:
            pv = rng.choice(["Alpha Release", "2.0 Beta", "GA_2099-01", "hotfix-3"])
        if rng.random() < 0.15:
            notes = "\n".join(rng.sample(NOTE_LINES, rng.randint(2, 4))) + "\n"
        else:
            notes = rng.choice(NOTES)
        pkgs.append({
            "component": guid(rng),
            "packageVersion": pv,
            "shareable": True,
            "type": "process",
            "name": pname,
            "notes": notes,
        })

    connections = []
    for vendor in (a, b)[: rng.randint(1, 2)] + tuple(rng.sample(VENDORS, rng.randint(0, 2))):
        conn = guid(rng)
        fields = CONNECTION_FIELDS[:3] + rng.sample(CONNECTION_FIELDS[3:], rng.randint(0, 3))
        for field, required, pattern, desc in fields:
            entry = {"connection": conn, "field": field}
            if required:
                entry["required"] = True
            if pattern:
                entry["pattern"] = pattern
            if desc:
                entry["description"] = desc.format(v=vendor)
            connections.append(entry)
    props = []
    for _ in range(rng.randint(1, 3)):
        comp = guid(rng)
        for dflt, pattern, desc in rng.sample(PROPERTY_DEFAULTS, rng.randint(1, 3)):
            entry = {"component": comp, "key": guid(rng), "default": dflt}
            if pattern and rng.random() < 0.5:
                entry["pattern"] = pattern
            if rng.random() < 0.7:
                entry["description"] = desc
            props.append(entry)
    dyn = []
    for pname, pattern, dflt in rng.sample(DYNAMIC_PROPERTIES, rng.randint(1, 4)):
        entry = {"name": pname}
        if pattern:
            entry["pattern"] = pattern
        if dflt is not None:
            entry["default"] = dflt
        dyn.append(entry)

    return {
        "apiVersion": "ipack/v1",
        "kind": "IntegrationPack",
        "metadata": metadata,
        "spec": {
            "installation": "single",
            "deployment": "packaged",
            "release": release,
            "packages": pkgs,
            "extensions": {
                "connections": connections,
                "processProperties": props,
                "dynamicProcessProperties": dyn,
            },
        },
    }, rng


def to_yaml(doc, rng, schema_ref):
    """Hand-written YAML with the comments and styles people write (PyYAML would drop them)."""
    md, spec = doc["metadata"], doc["spec"]
    q = plain_or_quoted
    out = [
        "# yaml-language-server: $schema=%s" % schema_ref,
        "#",
        "# %s: integration pack manifest, checked by `ipack validate` in CI." % md["displayName"],
        "# Owner: integrations team. Bump metadata.version on every release.",
        "",
        "apiVersion: ipack/v1",
        "kind: IntegrationPack",
        "metadata:",
        "  name: %s" % md["name"],
        "  displayName: %s" % q(md["displayName"]),
    ]
    if rng.random() < 0.7:
        out.append("  description: >-")
        out += ["    " + line for line in textwrap.wrap(
            md["description"], 88, break_long_words=False, break_on_hyphens=False)]
    else:
        out.append("  description: %s" % q(md["description"]))
    out += [
        "  version: %s   # SemVer; see CHANGELOG.md" % md["version"],
        "  publisher: %s" % q(md["publisher"]),
        "  homepage: %s" % md["homepage"],
        "",
        "spec:",
        "  installation: single   # one install per managed account",
        "  deployment: packaged",
    ]
    rel = spec["release"]
    out.append("  release:")
    if rel["schedule"] == "on-date":
        out.append("    schedule: on-date   # goes live between midnight and 1 A.M. UTC")
        out.append("    date: %s" % rel["date"])
    else:
        out.append("    schedule: immediate")
    out += ["", "  # Primary components, one package each (the platform allows at most 100).",
            "  packages:"]
    for i, p in enumerate(spec["packages"]):
        if i and i % 25 == 0:
            out.append("    # --- batch %d ---" % (i // 25 + 1))
        out.append("    - component: %s" % p["component"])
        pv = p["packageVersion"]
        out.append("      packageVersion: %s" % (single_quoted(pv) if rng.random() < 0.2
                                              else json.dumps(pv)))
        out.append("      shareable: true")
        out.append("      type: process")
        out.append("      name: %s" % q(p["name"]))
        notes = p["notes"]
        if "\n" in notes:
            out.append("      notes: |")
            out += ["        " + line for line in notes.rstrip("\n").split("\n")]
        elif notes == "":
            out.append('      notes: ""')
        else:
            out.append("      notes: %s" % q(notes))
    ext = spec["extensions"]
    out += ["", "  # What installers may change; each entry must match an extension a packaged",
            "  # process declares overrideable in its export.",
            "  extensions:", "    connections:"]
    for c in ext["connections"]:
        out.append("      - connection: %s" % c["connection"])
        out.append("        field: %s" % c["field"] + (
            "   # secret: install plans give a secret reference" if c["field"] == "password" else ""))
        if "required" in c:
            out.append("        required: true")
        if "pattern" in c:
            out.append("        pattern: %s" % (single_quoted(c["pattern"]) if rng.random() < 0.5
                                               else json.dumps(c["pattern"])))
        if "description" in c:
            out.append("        description: %s" % q(c["description"]))
    out.append("    processProperties:")
    for p in ext["processProperties"]:
        out.append("      - component: %s   # Process Property component" % p["component"])
        out.append("        key: %s" % p["key"])
        out.append("        default: %s" % json.dumps(p["default"]))
        if "pattern" in p:
            out.append("        pattern: %s" % json.dumps(p["pattern"]))
        if "description" in p:
            out.append("        description: %s" % q(p["description"]))
    out.append("    dynamicProcessProperties:")
    for d in ext["dynamicProcessProperties"]:
        out.append("      - name: %s" % d["name"])
        if "pattern" in d:
            out.append("        pattern: %s" % single_quoted(d["pattern"]))
        if "default" in d:
            out.append("        default: %s" % json.dumps(d["default"]))
    return "\n".join(out) + "\n"


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000, help="manifests to write (default 1000)")
    ap.add_argument("--packages", type=int, default=100,
                    help="packages per manifest, 1-100 (default 100)")
    ap.add_argument("--out", required=True, help="output folder (OUT/0001/pack.yaml, ...)")
    ap.add_argument("--seed", default="1", help="seed (default 1)")
    ap.add_argument("--json", action="store_true",
                    help="also write a pack.json twin with the same data next to each pack.yaml")
    ap.add_argument("--schema-ref", default=None,
                    help="$schema in the yaml-language-server modeline (default: the path from each "
                         "manifest to this repository's schemas/pack.schema.json when OUT is "
                         "inside it, else the schema's $id URL)")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    if not 1 <= args.packages <= 100:
        ap.error("--packages must be between 1 and 100")

    width = max(4, len(str(args.count)))
    schema_path = os.path.join(REPO_ROOT, "schemas", "pack.schema.json")
    for i in range(1, args.count + 1):
        d = os.path.join(args.out, "%0*d" % (width, i))
        os.makedirs(d, exist_ok=True)
        doc, rng = make_manifest(args.seed, i, args.packages)
        ref = args.schema_ref
        if ref is None:
            ref = os.path.relpath(schema_path, os.path.abspath(d))
            if os.path.relpath(os.path.abspath(d), REPO_ROOT).startswith(".."):
                ref = SCHEMA_ID  # outside this repository: the schema's published $id
        write_atomic(os.path.join(d, "pack.yaml"), to_yaml(doc, rng, ref))
        if args.json:
            write_atomic(os.path.join(d, "pack.json"),
                         json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
