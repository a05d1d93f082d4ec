#!/usr/bin/env python3
"""`ipack pull` against the fake account: pull -> validate -> build -> publish -> install end to
end, `--check` as a drift gate, existing exports kept where they are.

Usage: pull_test.py IPACK_BINARY"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

import platform_test as pt

ROOT = pt.ROOT


def account_with_exports(bundle):
    """The publisher's account holding crm-sync's packaged versions and their exports."""
    with tarfile.open(bundle) as tar:
        pack = json.load(tar.extractfile("pack.json"))
    xml = {}
    for path in (ROOT / "examples/crm-sync/components").rglob("*.xml"):
        text = path.read_text()
        m = re.search(r'componentId="([0-9a-fA-F-]{36})"', text)
        xml[m.group(1).lower()] = text
    packages, components = {}, {}
    for i, p in enumerate(pack["packages"]):
        manifest = [{"id": c["id"], "version": int(c["version"])} for c in p["closure"]["components"]]
        root = next(c for c in p["closure"]["components"] if c["id"] == p["component"])
        packages[f"pkg-{i}"] = {"packageId": f"pkg-{i}", "componentId": p["component"], "packageVersion": p["packageVersion"],
                                "componentVersion": int(root["version"]), "shareable": True, "_manifest": manifest}
        for c in p["closure"]["components"]:
            components[f"{c['id']}~{c['version']}"] = {"id": c["id"], "_xml": xml[c["id"]]}
    return {"PackagedComponent": packages, "Component": components}


class Pull(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pt.Install.setUpClass()

    def setUp(self):
        state = json.loads(json.dumps(pt.STATE))
        state[pt.PARTNER] = account_with_exports(pathlib.Path(pt.WORK) / "dist/crm-sync-2.4.0.ipack")
        del state["globex-7QX2KF"]["IntegrationPack"]
        self.fake = pt.Fake(state)
        self.pack = pathlib.Path(tempfile.mkdtemp(dir=pt.WORK)) / "crm-sync"
        shutil.copytree(ROOT / "examples/crm-sync", self.pack, ignore=shutil.ignore_patterns("customers"))

    def tearDown(self):
        self.fake.stop()

    def pull(self, *extra):
        return pt.ipack("pull", str(self.pack), "--api-url", self.fake.url + "/api/rest/v1/{accountId}", *extra)

    def test_pull_validate_build_publish_install(self):
        shutil.rmtree(self.pack / "components")
        r = self.pull()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("23 exports pulled, 23 changed", r.stdout)
        self.assertEqual(len(list((self.pack / "components").glob("*.xml"))), 23)
        self.assertEqual(pt.ipack("validate", str(self.pack)).returncode, 0)
        built = pt.ipack("build", ".", "-o", f"{pt.WORK}/pulled", "--key", f"{pt.WORK}/signer.pem", cwd=self.pack)
        self.assertEqual(built.returncode, 0, built.stderr)
        bundle = f"{pt.WORK}/pulled/crm-sync-2.4.0.ipack"
        api = self.fake.url + "/api/rest/v1/{accountId}"
        published = pt.ipack("publish", bundle, "--key", "signer.pub.pem", "--api-url", api)
        self.assertEqual(published.returncode, 0, published.stderr)
        self.assertIn("created PublisherIntegrationPack", published.stdout)
        self.assertNotIn("created PackagedComponent", published.stdout)  # the account's own packaged versions
        installed = pt.ipack("install", "customers/globex.install.yaml", "--bundle", bundle, "--key", "signer.pub.pem",
                             "--api-url", self.fake.api)
        self.assertEqual(installed.returncode, 0, installed.stderr)
        self.fake.clear_log()
        self.assertEqual(self.pull().returncode, 0)
        self.assertEqual(pt.ipack("publish", bundle, "--key", "signer.pub.pem", "--api-url", api).returncode, 0)
        self.assertEqual(pt.ipack("install", "customers/globex.install.yaml", "--bundle", bundle, "--key",
                                  "signer.pub.pem", "--api-url", self.fake.api).returncode, 0)
        self.assertEqual(self.fake.writes(), [])  # second runs send no write

    def test_exports_are_fetched_on_a_few_connections_and_listed_in_order(self):
        # The first component fetches answer slowly, so the others overlap them.
        self.fake.faults([{"method": "GET", "path": "/Component/.*", "delay": 0.5, "count": 4}])
        r = self.pull("--check", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        fetches = [e for e in self.fake.log() if e["path"].startswith("/Component/")]
        self.assertEqual(len(fetches), 23)
        most = max(e["in_flight"] for e in fetches)
        self.assertGreater(most, 1)
        self.assertLessEqual(most, 4)
        # The record follows the manifests' order, not the answers'.
        listed = [c["id"] for c in json.loads(r.stdout)["components"]]
        again = json.loads(self.pull("--check", "--format", "json").stdout)
        self.assertEqual(listed, [c["id"] for c in again["components"]])
        self.assertEqual(len(set(listed)), 23)

    def test_an_offline_dry_run_sends_nothing_and_writes_nothing(self):
        before = {p: p.read_bytes() for p in (self.pack / "components").rglob("*.xml")}
        env = {k: v for k, v in pt.environment().items() if not k.startswith("BOOMI_")}
        r = pt.ipack("pull", str(self.pack), "--dry-run", "--offline", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("offline: an empty account assumed", r.stdout)
        self.assertEqual(json.loads(pt.ipack("pull", str(self.pack), "--dry-run", "--offline", "--format", "json",
                                             env=env).stdout), {"components": []})
        self.assertEqual(pt.ipack("pull", str(self.pack), "--offline", env=env).returncode, 2)
        self.assertEqual(self.fake.log(), [])
        self.assertEqual(before, {p: p.read_bytes() for p in (self.pack / "components").rglob("*.xml")})

    def test_check_is_a_drift_gate_and_existing_files_stay_where_they_are(self):
        before = {p: p.read_bytes() for p in (self.pack / "components").rglob("*.xml")}
        r = self.pull("--check")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("0 of 23 exports differ", r.stdout)
        target = self.pack / "components/processes/sync-accounts.xml"
        target.write_text(target.read_text().replace("Sync Accounts", "Sync Accounts (edited)"))
        drift = self.pull("--check")
        self.assertEqual(drift.returncode, 1)
        self.assertIn(f"{target}: differs from the account's", drift.stdout)
        self.assertIn("1 of 23 exports differ", drift.stdout)
        dry = self.pull("--dry-run")
        self.assertEqual(dry.returncode, 0)
        self.assertEqual(dry.stdout, f"dry run: 1 of 23 exports would be written; none was\n{target}\n")
        self.assertIn("Sync Accounts (edited)", target.read_text())
        fixed = self.pull()
        self.assertEqual(fixed.returncode, 0, fixed.stderr)
        self.assertIn(f"wrote {target}", fixed.stdout)
        after = {p: p.read_bytes() for p in (self.pack / "components").rglob("*.xml")}
        self.assertEqual(before, after)

    def test_docs_platform_md_shows_real_output(self):
        doc = (ROOT / "docs" / "platform.md").read_text()
        work = self.pack.parent

        def shown(*extra):
            r = pt.ipack("pull", "crm-sync", "--api-url", self.fake.url + "/api/rest/v1/{accountId}", *extra, cwd=work)
            self.assertIn(" ".join(["$ ipack pull crm-sync", *extra]) + "\n" + r.stdout + r.stderr, doc)

        shown("--check")
        target = self.pack / "components/processes/sync-accounts.xml"
        target.write_text(target.read_text().replace("Sync Accounts", "Sync Accounts (edited)"))
        shown("--check")
        shown()

    def test_a_package_the_account_lacks_is_an_error(self):
        text = (self.pack / "pack.yaml").read_text()
        (self.pack / "pack.yaml").write_text(text.replace('packageVersion: "1.3"', 'packageVersion: "9.9"'))
        r = self.pull()
        self.assertEqual(r.returncode, 3)
        self.assertIn("PackagedComponent 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b 9.9: the account holds no such packaged "
                      "version", r.stderr)


if __name__ == "__main__":
    pt.IPACK = os.path.abspath(sys.argv.pop(1))
    pt.WORK = tempfile.mkdtemp(prefix="ipack-pull-")
    try:
        ok = unittest.main(exit=False, verbosity=2).result.wasSuccessful()
    finally:
        shutil.rmtree(pt.WORK, ignore_errors=True)
    sys.exit(0 if ok else 1)
