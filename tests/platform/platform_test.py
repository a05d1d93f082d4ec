#!/usr/bin/env python3
"""`ipack install` against the fake account (tests/platform/fake_account.py): end to end,
idempotent, dry runs, a run killed half way and repeated, retries and their bound, the errors
and their exit codes, and never a credential in any output or file.

Usage: platform_test.py IPACK_BINARY   (ctest runs it; everything on 127.0.0.1)"""
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
IPACK = None
TOKEN = "tok-9f3c1e7a-NEVER-PRINT-ME"
USERNAME = "ci-bot@partner.example"
PARTNER = "partner-1AB2CD"
CRM_PASSWORD = "crm-pw-d41d8cd9-SECRET"
ERP_PASSWORD = "erp-pw-8f00b204-SECRET"
GLOBEX = "examples/crm-sync/customers/globex.install.yaml"
INITECH = "examples/contact-feeds/customers/initech.install.yaml"
WORK = None  # the temporary folder every run writes into, checked for leaks at the end


def managed_account(pack_name, multi, processes):
    """An account with three environments, a runtime in two, and the pack (by its display name) shared with it."""
    envs = {"env-prod": {"id": "env-prod", "name": "Production", "classification": "PROD"},
            "env-test": {"id": "env-test", "name": "Test", "classification": "TEST"},
            "env-dev": {"id": "env-dev", "name": "Development", "classification": "TEST"}}
    atoms = {"atom-prod:env-prod": {"id": "atom-prod:env-prod", "atomId": "atom-prod", "environmentId": "env-prod"},
             "atom-test:env-test": {"id": "atom-test:env-test", "atomId": "atom-test", "environmentId": "env-test"}}
    pack = {"id": f"ipack-{pack_name}", "name": DISPLAY_NAMES[pack_name], "installationType": "MULTI" if multi else "SINGLE",
            "_processes": [{"id": p, "name": f"process {p[:8]}"} for p in processes]}
    return {"Environment": envs, "EnvironmentAtomAttachment": atoms, "IntegrationPack": {pack["id"]: pack}}


DISPLAY_NAMES = {"crm-sync": "Acme CRM ⇄ ERP Sync", "contact-feeds": "Acme Contact Feeds"}
STATE = {
    PARTNER: {},
    "globex-7QX2KF": managed_account("crm-sync", False, ["8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b",
                                                        "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]),
    "initech-4MZ8PD": managed_account("contact-feeds", True, ["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]),
}


class Fake:
    """One fake account server, started for a test and stopped after it."""

    def __init__(self, state=STATE):
        self.dir = tempfile.mkdtemp(dir=WORK)
        (pathlib.Path(self.dir) / "state.json").write_text(json.dumps(state))
        (pathlib.Path(self.dir) / "token").write_text(TOKEN)
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "fake_account.py"), "--state", f"{self.dir}/state.json", "--account", PARTNER,
             "--username", USERNAME, "--token-file", f"{self.dir}/token"], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert m, line
        self.url = m.group(1)
        self.api = self.url + "/partner/api/rest/v1/{accountId}"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()

    def control(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        with urllib.request.urlopen(urllib.request.Request(self.url + path, data=data,
                                                           method="POST" if data is not None else "GET")) as r:
            return json.loads(r.read())

    def state(self):
        return self.control("/_fake/state")

    def log(self):
        return self.control("/_fake/log")

    def writes(self):
        return [e for e in self.log() if e["method"] != "GET" and not e["path"].endswith(("/query", "/queryMore"))]

    def faults(self, faults):
        self.control("/_fake/faults", faults)

    def clear_log(self):
        self.control("/_fake/log/clear", {})


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOMI_")}
    env.update({"BOOMI_ACCOUNT_ID": PARTNER, "BOOMI_USERNAME": USERNAME, "BOOMI_API_TOKEN": TOKEN,
                "GLOBEX_CRM_PASSWORD": CRM_PASSWORD, "INITECH_EU_CRM_PASSWORD": CRM_PASSWORD,
                "IPACK_PLATFORM_BACKOFF_SECONDS": "0.01", "NO_COLOR": "1"})
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def ipack(*args, env=None, timeout=60, cwd=None):
    r = subprocess.run([IPACK, *args], cwd=cwd or WORK, env=env or environment(), capture_output=True, text=True,
                       timeout=timeout)
    for secret in (TOKEN, CRM_PASSWORD, ERP_PASSWORD):
        assert secret not in r.stdout and secret not in r.stderr, f"a secret leaked in ipack {args}: {r}"
    return r


def normal(state, account):
    """An account's installed state with the ids the platform assigns replaced by names."""
    acct = json.loads(json.dumps(state[account]))
    names = {i: inst.get("integrationPackOverrideName", "single") for i, inst in
             acct.get("IntegrationPackInstance", {}).items()}
    text = json.dumps(acct, sort_keys=True)
    for ident, name in names.items():
        text = text.replace(ident, f"<instance {name}>")
    for inst in acct.get("IntegrationPackInstance", {}).values():
        for p in inst.get("ProcessId", []):
            if p["wrapperProcessId"] != p["originalProcessId"]:
                text = text.replace(p["wrapperProcessId"], f"<wrapper {names[inst['id']]} {p['originalProcessId']}>")
    acct = json.loads(text)
    return {k: sorted(v.values(), key=lambda o: json.dumps(o, sort_keys=True)) for k, v in acct.items()}


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if (pathlib.Path(WORK) / "signer.pem").exists():
            return  # made for another test class already
        assert ipack("keygen", "signer").returncode == 0
        for pack in ("crm-sync", "contact-feeds"):  # from the pack's folder: its .ipack.yaml applies
            r = ipack("build", ".", "-o", f"{WORK}/dist", "--key", f"{WORK}/signer.pem", cwd=ROOT / "examples" / pack)
            assert r.returncode == 0, r.stderr
        (pathlib.Path(WORK) / "secrets").mkdir(parents=True, exist_ok=True)
        (pathlib.Path(WORK) / "customers").mkdir(parents=True, exist_ok=True)
        for plan in (GLOBEX, INITECH):
            shutil.copy(ROOT / plan, pathlib.Path(WORK) / "customers")
        (pathlib.Path(WORK) / "secrets/globex-erp-password").write_text(ERP_PASSWORD + "\n")
        (pathlib.Path(WORK) / "secrets/initech-us-crm-password").write_text(CRM_PASSWORD + "\n")

    def setUp(self):
        self.fake = Fake()

    def tearDown(self):
        self.fake.stop()

    def install(self, plan="customers/globex.install.yaml", *extra, env=None, timeout=60):
        crm = "pack: crm-sync" in (pathlib.Path(WORK) / plan).read_text()
        bundle = "dist/crm-sync-2.4.0.ipack" if crm else "dist/contact-feeds-1.2.0.ipack"
        return ipack("install", plan, "--bundle", bundle, "--key", "signer.pub.pem", "--api-url", self.fake.api,
                     *extra, env=env, timeout=timeout)

    def test_install_then_a_second_run_sends_no_write(self):
        r = self.install()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("installed IntegrationPackInstance 'crm-sync'", r.stdout)
        self.assertIn("attached IntegrationPackInstance 'crm-sync' to Environment 'Production'", r.stdout)
        acct = self.fake.state()["globex-7QX2KF"]
        [inst] = acct["IntegrationPackInstance"].values()
        self.assertEqual(inst["integrationPackId"], "ipack-crm-sync")
        self.assertEqual(sorted(a["environmentId"] for a in acct["IntegrationPackEnvironmentAttachment"].values()),
                         ["env-prod", "env-test"])
        ext = acct["EnvironmentExtensions"]["env-prod"]
        crm = next(c for c in ext["connections"]["connection"] if c["id"] == "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e")
        fields = {f["id"]: f for f in crm["field"]}
        self.assertEqual(fields["url"]["value"], "https://globex.crm.example")
        self.assertEqual(fields["password"]["_secret"], CRM_PASSWORD)  # read from the environment at send time
        erp = next(c for c in ext["connections"]["connection"] if c["id"] == "0d8d87f5-b8b8-477a-bf05-45856f584550")
        self.assertEqual(erp["field"][0]["_secret"], ERP_PASSWORD)  # read from the file, final newline dropped
        self.assertEqual(ext["properties"]["property"], [{"name": "BATCH_SIZE", "value": "500"}])
        sched = acct["ProcessSchedules"]["8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b:atom-prod"]
        self.assertEqual(sched["Schedule"], [{"minutes": "0-59/15", "hours": "8-18", "daysOfWeek": "2-6",
                                              "daysOfMonth": "*", "months": "*", "years": "*"}])
        self.assertEqual(sched["Retry"]["maxRetry"], 3)
        self.fake.clear_log()
        again = self.install()
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(self.fake.writes(), [])
        self.assertIn("already as planned, nothing sent", again.stdout)

    def test_a_changed_value_sends_only_that_value(self):
        self.assertEqual(self.install().returncode, 0)
        plan = pathlib.Path(WORK) / "customers" / "changed.install.yaml"
        plan.write_text((pathlib.Path(WORK) / "customers/globex.install.yaml").read_text().replace('value: "500"', 'value: "750"'))
        self.fake.clear_log()
        r = self.install("customers/changed.install.yaml", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        writes = self.fake.writes()
        self.assertEqual([w["path"] for w in writes], ["/EnvironmentExtensions/env-prod", "/EnvironmentExtensions/env-test"])
        for w in writes:
            self.assertEqual(w["body"]["properties"]["property"], [{"name": "BATCH_SIZE", "value": "750"}])
            self.assertEqual(w["body"]["connections"]["connection"], [])
        record = json.loads(r.stdout)
        self.assertEqual(len(record["requests"]), 2)
        self.assertEqual(record["instances"][0]["created"], False)

    def test_multi_install_and_prune(self):
        r = self.install("customers/initech.install.yaml")
        self.assertEqual(r.returncode, 0, r.stderr)
        acct = self.fake.state()["initech-4MZ8PD"]
        names = sorted(i["integrationPackOverrideName"] for i in acct["IntegrationPackInstance"].values())
        self.assertEqual(names, ["EU Sales", "US Sales"])
        us = next(i for i in acct["IntegrationPackInstance"].values() if i["integrationPackOverrideName"] == "US Sales")
        wrapper = us["ProcessId"][0]["wrapperProcessId"]
        self.assertEqual(acct["ProcessSchedules"][f"{wrapper}:atom-test"]["Schedule"][0]["hours"], "*/2")
        self.assertEqual(acct["EnvironmentExtensions"][f"env-prod:{us['id']}"]["extensionGroupId"], us["id"])
        text = (pathlib.Path(WORK) / "customers/initech.install.yaml").read_text()
        eu_only = text[:text.index("    - name: US Sales")]
        (pathlib.Path(WORK) / "customers/eu-only.install.yaml").write_text(eu_only)
        self.fake.clear_log()
        kept = self.install("customers/eu-only.install.yaml")
        self.assertEqual(kept.returncode, 0, kept.stderr)
        self.assertEqual(self.fake.writes(), [])  # without --prune, what the plan omits stays
        pruned = self.install("customers/eu-only.install.yaml", "--prune")
        self.assertEqual(pruned.returncode, 0, pruned.stderr)
        self.assertIn("uninstalled IntegrationPackInstance 'US Sales'", pruned.stdout)
        names = [i["integrationPackOverrideName"] for i in self.fake.state()["initech-4MZ8PD"]["IntegrationPackInstance"].values()]
        self.assertEqual(names, ["EU Sales"])

    def test_dry_run_reads_but_sends_no_write(self):
        r = self.install("customers/globex.install.yaml", "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("dry run: "), r.stdout)
        self.assertIn("POST /IntegrationPackInstance?overrideAccount=globex-7QX2KF", r.stdout)
        self.assertIn("${secret:env:GLOBEX_CRM_PASSWORD}", r.stdout)  # masked: the reference, not the value
        self.assertEqual(self.fake.writes(), [])
        self.assertTrue(any(e["path"] == "/Environment/query" for e in self.fake.log()))
        j = self.install("customers/globex.install.yaml", "--dry-run", "--format", "json")
        writes = json.loads(j.stdout)
        self.assertEqual([sorted(w) for w in writes], [["body", "method", "path", "query"]] * len(writes))
        self.assertEqual(writes[0], {"method": "POST", "path": "/IntegrationPackInstance",
                                     "query": {"overrideAccount": "globex-7QX2KF"},
                                     "body": {"integrationPackId": "ipack-crm-sync"}})
        # The dry run's writes are the real run's.
        self.assertEqual(self.install().returncode, 0)
        real = [w for w in self.fake.writes()]
        self.assertEqual(len(real), len(writes))
        self.assertEqual([(w["method"], w["path"]) for w in writes][:3], [(w["method"], w["path"]) for w in real][:3])

    def test_dry_run_offline_uses_no_network(self):
        self.fake.stop()
        r = self.install("customers/globex.install.yaml", "--dry-run", "--offline", "--format", "json",
                         env=environment(BOOMI_API_TOKEN=None, BOOMI_USERNAME=None, BOOMI_ACCOUNT_ID=None))
        self.fake = Fake()  # for tearDown
        self.assertEqual(r.returncode, 0, r.stderr)
        writes = json.loads(r.stdout)
        self.assertEqual(writes[0]["body"], {"integrationPackId": "${integrationPackId:crm-sync}"})
        self.assertIn("/IntegrationPackEnvironmentAttachment", [w["path"] for w in writes])
        self.assertEqual(len([w for w in writes if w["path"].startswith("/ProcessSchedules/")]), 4)
        no_dry = self.install("customers/globex.install.yaml", "--offline")
        self.assertEqual(no_dry.returncode, 2)

    def test_a_run_killed_half_way_then_repeated_ends_as_a_clean_run(self):
        self.fake.faults([{"method": "POST", "path": "/EnvironmentExtensions/.*", "delay": 30, "count": 1}])
        bundle = "dist/crm-sync-2.4.0.ipack"
        proc = subprocess.Popen([IPACK, "install", "customers/globex.install.yaml", "--bundle", bundle, "--key",
                                 "signer.pub.pem", "--api-url", self.fake.api], cwd=WORK, env=environment(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while time.time() < deadline and not any(e["path"].startswith("/EnvironmentExtensions/") and e["method"] == "POST"
                                                  for e in self.fake.log()):
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        half = self.fake.state()["globex-7QX2KF"]
        self.assertEqual(len(half["IntegrationPackInstance"]), 1)  # it was stopped after installing
        self.fake.faults([])
        r = self.install()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("installed IntegrationPackInstance", r.stdout)  # not installed twice
        clean = Fake()
        try:
            self.assertEqual(ipack("install", "customers/globex.install.yaml", "--bundle", bundle, "--key",
                                   "signer.pub.pem", "--api-url", clean.api).returncode, 0)
            self.assertEqual(normal(self.fake.state(), "globex-7QX2KF"), normal(clean.state(), "globex-7QX2KF"))
        finally:
            clean.stop()

    def test_503_429_and_dropped_connections_are_retried(self):
        self.fake.faults([{"path": "/Environment/query", "status": 503, "retry_after": "1", "count": 1},
                          {"path": "/IntegrationPack/query", "status": 429, "count": 2},
                          {"method": "POST", "path": "/IntegrationPackInstance", "drop": True, "count": 1}])
        started = time.time()
        r = self.install()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreaterEqual(time.time() - started, 1.0)  # Retry-After: 1 was honoured
        log = self.fake.log()
        self.assertEqual(len([e for e in log if e["path"] == "/IntegrationPack/query"]), 3)
        self.assertEqual(len([e for e in log if e["path"] == "/Environment/query"]), 3)  # 503, then Production, Test

    def test_retries_are_bounded_by_the_timeout(self):
        self.fake.faults([{"path": "/IntegrationPack/query", "status": 503, "message": "Maintenance", "count": 1000}])
        started = time.time()
        r = self.install("customers/globex.install.yaml", "--timeout", "2")
        self.assertLess(time.time() - started, 10)
        self.assertEqual(r.returncode, 3)
        self.assertRegex(r.stderr, r"IntegrationPack 'Acme CRM ⇄ ERP Sync': HTTP 503 Service Unavailable: Maintenance; gave up "
                                   r"after \d+ attempts within --timeout 2s")
        self.assertGreater(len(self.fake.log()), 2)
        self.assertEqual(self.fake.writes(), [])

    def test_a_slow_answer_times_out_and_is_reported(self):
        self.fake.faults([{"path": "/IntegrationPack/query", "delay": 4, "count": 1000}])
        started = time.time()
        r = self.install("customers/globex.install.yaml", "--timeout", "2")
        self.assertLess(time.time() - started, 10)
        self.assertEqual(r.returncode, 3)
        self.assertIn("IntegrationPack 'Acme CRM ⇄ ERP Sync': no answer in time", r.stderr)
        self.assertIn("within --timeout 2s", r.stderr)

    def test_platform_errors_name_the_object_status_and_message(self):
        bad = self.install(env=environment(BOOMI_API_TOKEN="not-the-token"))
        self.assertEqual(bad.returncode, 3)
        self.assertIn("HTTP 401 Unauthorized: Authentication failed (check BOOMI_ACCOUNT_ID", bad.stderr)
        self.assertNotIn("not-the-token", bad.stderr + bad.stdout)
        plan = pathlib.Path(WORK) / "customers" / "unmanaged.install.yaml"
        plan.write_text((pathlib.Path(WORK) / "customers/globex.install.yaml").read_text()
                        .replace("account: globex-7QX2KF", "account: someone-else"))
        forbidden = self.install("customers/unmanaged.install.yaml")
        self.assertEqual(forbidden.returncode, 3, forbidden.stderr)
        self.assertIn("IntegrationPack 'Acme CRM ⇄ ERP Sync': HTTP 403 Forbidden: Account someone-else is not managed", forbidden.stderr)
        plan.write_text((pathlib.Path(WORK) / "customers/globex.install.yaml").read_text()
                        .replace("[Production, Test]", "[Production, Staging]"))
        missing = self.install("customers/unmanaged.install.yaml")
        self.assertEqual(missing.returncode, 3)
        self.assertIn("Environment 'Staging': the account globex-7QX2KF has no environment of that name", missing.stderr)
        self.assertEqual(self.fake.writes(), [])  # nothing written before every name resolved
        self.fake.faults([{"method": "POST", "path": "/IntegrationPackInstance", "status": 409,
                           "message": "Integration pack crm-sync is already installed"}])
        conflict = self.install()
        self.assertEqual(conflict.returncode, 3)
        self.assertIn("IntegrationPackInstance 'crm-sync': HTTP 409 Conflict: Integration pack crm-sync is already "
                      "installed", conflict.stderr)
        self.fake.faults([{"method": "POST", "path": "/IntegrationPackInstance", "status": 404,
                           "message": "Integration pack not found"}])
        gone = self.install()
        self.assertEqual(gone.returncode, 3)
        self.assertIn("HTTP 404 Not Found: Integration pack not found", gone.stderr)

    def test_docs_platform_md_shows_real_output(self):
        doc = (ROOT / "docs" / "platform.md").read_text()
        command = "$ ipack install customers/globex.install.yaml --bundle dist/crm-sync-2.4.0.ipack --key signer.pub.pem"

        def shown(r, *flags):
            block = " ".join([command, *flags]) + "\n" + r.stdout + r.stderr
            self.assertIn(block, doc)

        shown(self.install())
        shown(self.install())
        plan = pathlib.Path(WORK) / "customers" / "globex.install.yaml"
        original = plan.read_text()
        try:
            plan.write_text(original.replace('value: "500"', 'value: "750"'))
            shown(self.install("customers/globex.install.yaml", "--dry-run"), "--dry-run")
            plan.write_text(original.replace("[Production, Test]", "[Production, Staging]"))
            shown(self.install())
        finally:
            plan.write_text(original)
        shown(self.install(env=environment(BOOMI_API_TOKEN="wrong")))

    def test_credentials_come_from_the_environment_only(self):
        r = self.install(env=environment(BOOMI_API_TOKEN=None, BOOMI_USERNAME=""))
        self.assertEqual(r.returncode, 3)
        self.assertIn("set BOOMI_USERNAME, BOOMI_API_TOKEN", r.stderr)
        self.assertEqual(self.fake.log(), [])
        unset = self.install(env=environment(GLOBEX_CRM_PASSWORD=None))
        self.assertEqual(unset.returncode, 3)
        self.assertIn("the secret {env: GLOBEX_CRM_PASSWORD} is not set in the environment", unset.stderr)


class Publish(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        Install.setUpClass()

    def setUp(self):
        state = json.loads(json.dumps(STATE))
        del state["globex-7QX2KF"]["IntegrationPack"]  # not published yet
        self.fake = Fake(state)

    def tearDown(self):
        self.fake.stop()

    def publish(self, *extra, bundle="dist/crm-sync-2.4.0.ipack", env=None):
        return ipack("publish", bundle, "--key", "signer.pub.pem", "--api-url", self.fake.url + "/api/rest/v1/{accountId}",
                     *extra, env=env)

    def test_publish_then_install_and_a_second_publish_sends_no_write(self):
        r = self.publish()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("created PublisherIntegrationPack 'Acme CRM ⇄ ERP Sync'", r.stdout)
        self.assertIn("released Acme CRM ⇄ ERP Sync 2.4.0 (SUCCESS)", r.stdout)
        acct = self.fake.state()[PARTNER]
        self.assertEqual(sorted((p["packageVersion"], p["componentVersion"], p["shareable"])
                                for p in acct["PackagedComponent"].values()),
                         [("1.1", 8, True), ("1.3", 12, True), ("2.0", 6, True), ("2.0", 9, True)])
        [pack] = acct["PublisherIntegrationPack"].values()
        self.assertEqual(sorted(c["currentVersion"] for c in pack["PublisherPackagedComponents"]["PublisherPackagedComponent"]),
                         ["1.1", "1.3", "2.0", "2.0"])
        self.fake.clear_log()
        again = self.publish()
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(self.fake.writes(), [])
        self.assertIn("already published and released, nothing sent", again.stdout)
        installed = ipack("install", "customers/globex.install.yaml", "--bundle", "dist/crm-sync-2.4.0.ipack", "--key",
                          "signer.pub.pem", "--api-url", self.fake.api)
        self.assertEqual(installed.returncode, 0, installed.stderr)
        self.assertIn("installed IntegrationPackInstance 'crm-sync'", installed.stdout)

    def test_docs_platform_md_shows_real_output(self):
        doc = (ROOT / "docs" / "platform.md").read_text()
        for extra in (["--dry-run"], [], []):
            r = self.publish(*extra)
            command = " ".join(["$ ipack publish dist/crm-sync-2.4.0.ipack --key signer.pub.pem", *extra])
            self.assertIn(command + "\n" + r.stdout + r.stderr, doc)

    def test_a_package_version_held_with_other_content_is_refused(self):
        self.fake.stop()
        state = json.loads(json.dumps(STATE))
        state[PARTNER]["PackagedComponent"] = {"p1": {"packageId": "p1", "componentId": "8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b",
                                                      "componentVersion": 11, "packageVersion": "1.3", "shareable": True}}
        self.fake = Fake(state)
        r = self.publish()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("the account already holds packageVersion 1.3 of component 8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b at "
                      "component version 11, and the bundle holds version 12; a packageVersion is immutable", r.stderr)
        self.assertEqual(self.fake.writes(), [])

    def test_publish_dry_runs_and_an_unverified_bundle(self):
        r = self.publish("--dry-run", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        paths = [w["path"] for w in json.loads(r.stdout)]
        self.assertEqual(paths, ["/PackagedComponent"] * 4 + ["/PublisherIntegrationPack", "/ReleaseIntegrationPack"])
        self.assertEqual(self.fake.writes(), [])
        offline = self.publish("--dry-run", "--offline", env=environment(BOOMI_API_TOKEN=None))
        self.assertEqual(offline.returncode, 0, offline.stderr)
        self.assertIn("POST /ReleaseIntegrationPack", offline.stdout)
        assert ipack("keygen", "other").returncode == 0
        self.fake.clear_log()
        wrong = ipack("publish", "dist/crm-sync-2.4.0.ipack", "--key", "other.pub.pem", "--api-url", self.fake.api)
        self.assertEqual(wrong.returncode, 1)
        self.assertIn("is not verified", wrong.stderr)
        self.assertEqual(self.fake.log(), [])


def main():
    global IPACK, WORK
    IPACK = os.path.abspath(sys.argv.pop(1))
    WORK = tempfile.mkdtemp(prefix="ipack-platform-")
    try:
        result = unittest.main(exit=False, verbosity=2).result
        # No credential or secret value in any file a run wrote (the fake's own token file aside).
        for path in pathlib.Path(WORK).rglob("*"):
            if path.is_file() and path.name not in ("token", "state.json"):
                data = path.read_bytes()
                for secret in (TOKEN, CRM_PASSWORD, ERP_PASSWORD):
                    if secret.encode() in data and "secrets" not in path.parts:
                        print(f"FAIL: {secret[:6]}… found in {path}")
                        return 1
        return 0 if result.wasSuccessful() else 1
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
