#!/usr/bin/env python3
"""The contract tests of tests/platform/boomi-api.openapi.json, the endpoints ipack calls:

  contract_test.py schemas REFERENCE   its schemas agree with Boomi's published OpenAPI document
                                       (same fields, types, enums, nesting); exit 77 (skipped)
                                       when REFERENCE is not there
  contract_test.py prism IPACK         Prism (`prism mock --errors`, installed from npm into
                                       tests/.tools/prism) validates every request `ipack install`
                                       sends; a request that breaks the contract gets a 422,
                                       which fails the install. Exit 77 without npm.
"""
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CONTRACT = HERE / "boomi-api.openapi.json"
PRISM_VERSION = "5.16.0"
OURS = {"@type", "additionalProperties"}  # what the contract adds to Boomi's schemas to be strict


def shape(schema, ours=False):
    """A schema without its prose (and, for ours, without what makes it strict): what a body must look like."""
    if isinstance(schema, dict):
        out = {k: shape(v, ours) for k, v in schema.items()
               if k not in ("xml", "description", "example", "examples", "additionalProperties")}
        if ours and isinstance(out.get("properties"), dict):
            out["properties"] = {k: v for k, v in out["properties"].items() if k not in OURS}
        return out
    if isinstance(schema, list):
        return [shape(v, ours) for v in schema]
    return schema


def check_schemas(reference_path):
    if not os.path.isfile(reference_path):
        print(f"SKIP: Boomi's OpenAPI document is not at {reference_path!r}; the contract's schemas are not compared")
        return 77
    reference = json.load(open(reference_path))["components"]["schemas"]
    contract = json.load(open(CONTRACT))["components"]["schemas"]
    problems, compared = [], 0
    for name, ours in sorted(contract.items()):
        if name not in reference:
            continue
        compared += 1
        theirs = shape(reference[name])
        mine = shape(ours, ours=True)
        if mine != theirs:
            extra = set(mine.get("properties", {})) - set(theirs.get("properties", {}))
            missing = set(theirs.get("properties", {})) - set(mine.get("properties", {}))
            differ = [k for k in set(mine.get("properties", {})) & set(theirs.get("properties", {}))
                      if mine["properties"][k] != theirs["properties"][k]]
            problems.append(f"{name}: fields only here {sorted(extra)}, only in Boomi's {sorted(missing)}, "
                            f"different {sorted(differ)}" if extra or missing or differ else f"{name}: differs")
    ipack_only = sorted(n for n in contract if n not in reference)
    for p in problems:
        print("FAIL:", p)
    if compared == 0:
        print("FAIL: no schema of the contract is in Boomi's document")
        return 1
    print(f"{compared - len(problems)} of {compared} schemas agree with Boomi's document; not in it (written from Boomi's published field lists): "
          f"{', '.join(ipack_only)}")
    return 1 if problems else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_with_prism(ipack):
    tools = ROOT / "tests" / ".tools" / "prism"
    prism = tools / "node_modules" / ".bin" / "prism"
    installed = subprocess.run([str(prism), "--version"], capture_output=True, text=True).stdout.strip() if prism.exists() else ""
    if installed != PRISM_VERSION:
        if not shutil.which("npm"):
            print("SKIP: npm is not installed, so Prism cannot be")
            return 77
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(tools),
                        f"@stoplight/prism-cli@{PRISM_VERSION}"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="ipack-prism-")
    # The mock answers with the document's examples: an account with no packaged version yet (so
    # that publish creates them), and, for pull, a second one that holds a packaged version.
    pulled = json.load(open(CONTRACT))
    example = pulled["paths"]["/PackagedComponent/query"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    example["result"] = [{"@type": "PackagedComponent", "packageId": "pkg-1", "componentId": "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b",
                          "componentType": "process", "componentVersion": 12, "packageVersion": "1.3", "branchName": "main",
                          "createdBy": "ci", "createdDate": "2026-01-01T00:00:00Z", "notes": "", "shareable": True}]
    example["numberOfResults"] = 1
    json.dump(pulled, open(f"{work}/pull.openapi.json", "w"))
    servers, logs = [], []

    def start(document):
        port = free_port()
        log = open(f"{work}/prism-{port}.log", "w")
        logs.append(log)
        servers.append(subprocess.Popen([str(prism), "mock", "--errors", "--host", "127.0.0.1", "--port", str(port),
                                         str(document)], stdout=log, stderr=subprocess.STDOUT))
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("Prism did not start: " + open(log.name).read())

    try:
        port = start(CONTRACT)
        pull_port = start(f"{work}/pull.openapi.json")
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOOMI_")}
        env.update({"BOOMI_ACCOUNT_ID": "partner-1", "BOOMI_USERNAME": "contract@example", "BOOMI_API_TOKEN": "t0ken",
                    "GLOBEX_CRM_PASSWORD": "pw", "INITECH_EU_CRM_PASSWORD": "pw", "IPACK_PLATFORM_BACKOFF_SECONDS": "0.01"})
        def run(*args, cwd=None):
            return subprocess.run([ipack, *args], cwd=cwd or work, env=env, capture_output=True, text=True, timeout=120)
        assert run("keygen", "signer").returncode == 0
        os.makedirs(f"{work}/customers")
        os.makedirs(f"{work}/secrets")
        for name in ("globex-erp-password", "initech-us-crm-password"):
            pathlib.Path(f"{work}/secrets/{name}").write_text("pw\n")
        failures = 0
        for pack, plan in (("crm-sync", "globex"), ("contact-feeds", "initech")):
            built = run("build", ".", "-o", f"{work}/dist", "--key", f"{work}/signer.pem", cwd=ROOT / "examples" / pack)
            assert built.returncode == 0, built.stderr
            shutil.copy(ROOT / "examples" / pack / "customers" / f"{plan}.install.yaml", f"{work}/customers/")
            bundle = next(pathlib.Path(work, "dist").glob(f"{pack}-*.ipack"))
            published = run("publish", str(bundle), "--key", "signer.pub.pem", "--api-url", f"http://127.0.0.1:{port}",
                            "--format", "json", "--timeout", "30")
            if published.returncode != 0:
                print(f"FAIL: publish {pack}: exit {published.returncode}\n{published.stderr}")
                failures += 1
            else:
                sent = json.loads(published.stdout)["requests"]
                print(f"publish {pack}: {len(sent)} writes accepted by Prism: {sorted({w['path'] for w in sent})}")
            r = run("install", f"customers/{plan}.install.yaml", "--bundle", str(bundle), "--key", "signer.pub.pem",
                    "--api-url", f"http://127.0.0.1:{port}", "--format", "json", "--timeout", "30")
            if r.returncode != 0:
                print(f"FAIL: install {plan}: exit {r.returncode}\n{r.stderr}")
                failures += 1
                continue
            sent = json.loads(r.stdout)["requests"]
            kinds = sorted({(w["method"], re.sub(r"/[^/]+$", "/{id}", w["path"]) if w["path"].count("/") > 1 else w["path"])
                            for w in sent})
            print(f"install {plan}: {len(sent)} writes accepted by Prism: {kinds}")
            if len(sent) < 4:
                print(f"FAIL: install {plan} sent too few writes to test the contract")
                failures += 1
        pack = pathlib.Path(work, "pull-pack")
        shutil.copytree(ROOT / "examples" / "crm-sync", pack, ignore=shutil.ignore_patterns("customers"))
        # Only the first package (the one the mock holds a packaged version of): the text up to the
        # second `- component:` entry of spec.packages.
        text = (pack / "pack.yaml").read_text()
        (pack / "pack.yaml").write_text(text[:text.index("    - component:", text.index("packages:"))] +
                                        text[text.index("    - component:", text.index("packages:")):].split("\n    - component:")[0] + "\n")
        pulled_run = run("pull", str(pack), "--api-url", f"http://127.0.0.1:{pull_port}", "--format", "json",
                         "--timeout", "30")
        if pulled_run.returncode != 0:
            print(f"FAIL: pull: exit {pulled_run.returncode}\n{pulled_run.stderr}")
            failures += 1
        else:
            print(f"pull: {len(json.loads(pulled_run.stdout)['components'])} exports fetched, every read accepted by Prism")
        text = "".join(open(l.name).read() for l in logs)
        violations = [l for l in text.splitlines() if "Request body" in l or "422" in l or "violation" in l.lower()]
        for v in violations:
            print("FAIL: Prism:", v)
        return 1 if failures or violations else 0
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)
        for log in logs:
            log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("schemas", "prism"):
        print(__doc__)
        sys.exit(2)
    sys.exit(check_schemas(sys.argv[2]) if sys.argv[1] == "schemas" else check_with_prism(os.path.abspath(sys.argv[2])))
