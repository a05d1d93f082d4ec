#!/usr/bin/env python3
"""A small stateful fake of a Boomi account's Platform API, for ipack's tests (standard library
only). Serves on 127.0.0.1 on a free port and prints `listening on http://127.0.0.1:PORT` once
ready. State: one JSON object per account, {"Environment": {id: obj}, ...}, seeded with --state.

Control endpoints (no auth), for the tests:
  GET  /_fake/state              every account's objects
  GET  /_fake/log                the API requests received: [{"method", "path", "query", "body", "status",
                                 "in_flight"}], in_flight counting the API requests being answered
                                 when this one arrived, itself included
  POST /_fake/faults             a list of faults, each used up by the requests it matches:
       {"method": "POST", "path": "regex", "status": 503, "retry_after": "1", "delay": 2.5,
        "drop": true, "message": "...", "count": 1}
"""
import argparse
import base64
import http.server
import json
import re
import socket
import sys
import threading
import time
import urllib.parse
import uuid

LOCK = threading.Lock()
STATE = {}
LOG = []
FAULTS = []
QUERIES = {}
ARGS = None
IN_FLIGHT = 0
COUNT_LOCK = threading.Lock()
PAGE_SIZE = 2

LIST_OF = {  # an object's query results and where ids come from
    "Environment", "EnvironmentAtomAttachment", "IntegrationPack", "IntegrationPackInstance",
    "IntegrationPackEnvironmentAttachment", "EnvironmentExtensions", "ProcessSchedules",
    "PackagedComponent", "PublisherIntegrationPack", "ComponentMetadata", "ComponentReference", "Process",
}


class XmlDocument(str):
    """An answer sent as application/xml (a component's export)."""


class Refusal(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def matches(obj, expression):
    op = expression.get("operator", "")
    if op.lower() in ("and", "or"):
        parts = [matches(obj, e) for e in expression.get("nestedExpression", [])]
        return all(parts) if op.lower() == "and" else any(parts)
    prop, args = expression.get("property"), expression.get("argument", [])
    if op == "EQUALS":
        return str(obj.get(prop, "")) == str(args[0]) if args else False
    if op == "NOT_EQUALS":
        return str(obj.get(prop, "")) != str(args[0]) if args else False
    if op == "IS_NOT_NULL":
        return obj.get(prop) is not None
    raise Refusal(400, f"operator {op} is not supported by the fake")


def page(results):
    token = None
    if len(results) > PAGE_SIZE:
        token = uuid.uuid4().hex
        QUERIES[token] = results[PAGE_SIZE:]
        results = results[:PAGE_SIZE]
    out = {"@type": "QueryResult", "numberOfResults": len(results), "result": results}
    if token:
        out["queryToken"] = token
    return out


class Account:
    def __init__(self, objects):
        self.o = objects

    def coll(self, name):
        return self.o.setdefault(name, {})

    def get(self, name, ident):
        obj = self.coll(name).get(ident)
        if obj is None:
            raise Refusal(404, f"{name} {ident} does not exist")
        return obj

    # --- writes -------------------------------------------------------------------------------
    def create_instance(self, body):
        pack = self.get("IntegrationPack", body.get("integrationPackId", ""))
        name = body.get("integrationPackOverrideName")
        existing = [i for i in self.coll("IntegrationPackInstance").values() if i["integrationPackId"] == pack["id"]]
        if pack.get("installationType", "SINGLE") == "SINGLE":
            if name:
                raise Refusal(400, "integrationPackOverrideName is only for multi-install integration packs")
            if existing:
                raise Refusal(409, f"Integration pack {pack['name']} is already installed")
        else:
            if not name:
                raise Refusal(400, "A multi-install integration pack needs integrationPackOverrideName")
            if any(i.get("integrationPackOverrideName") == name for i in existing):
                raise Refusal(409, f"An instance named {name} already exists")
        ident = uuid.uuid4().hex
        processes = []
        for p in pack.get("_processes", []):
            entry = {"originalProcessId": p["id"], "name": p.get("name", "")}
            entry["wrapperProcessId"] = uuid.uuid4().hex if pack.get("installationType") == "MULTI" else p["id"]
            processes.append(entry)
        inst = {"@type": "IntegrationPackInstance", "id": ident, "integrationPackId": pack["id"], "ProcessId": processes}
        if name:
            inst["integrationPackOverrideName"] = name
        inst["integrationPackName"] = pack.get("name", "")
        self.coll("IntegrationPackInstance")[ident] = inst
        return inst

    def delete_instance(self, ident):
        self.get("IntegrationPackInstance", ident)
        for a in list(self.coll("IntegrationPackEnvironmentAttachment").values()):
            if a["integrationPackInstanceId"] == ident:
                self.detach(a["id"])
        del self.coll("IntegrationPackInstance")[ident]
        return {}

    def attach(self, body):
        inst = self.get("IntegrationPackInstance", body.get("integrationPackInstanceId", ""))
        env = self.get("Environment", body.get("environmentId", ""))
        ident = f"{inst['id']}:{env['id']}"
        if ident in self.coll("IntegrationPackEnvironmentAttachment"):
            raise Refusal(409, "The instance is already attached to the environment")
        att = {"@type": "IntegrationPackEnvironmentAttachment", "id": ident, "environmentId": env["id"],
               "integrationPackInstanceId": inst["id"]}
        self.coll("IntegrationPackEnvironmentAttachment")[ident] = att
        pack = self.get("IntegrationPack", inst["integrationPackId"])
        multi = pack.get("installationType") == "MULTI"
        ext_id = f"{env['id']}:{inst['id']}" if multi else env["id"]
        if ext_id not in self.coll("EnvironmentExtensions"):
            ext = {"@type": "EnvironmentExtensions", "id": ext_id, "environmentId": env["id"],
                   "connections": {"connection": []}, "processProperties": {"ProcessProperty": []},
                   "properties": {"property": []}}
            if multi:
                ext["extensionGroupId"] = inst["id"]
            self.coll("EnvironmentExtensions")[ext_id] = ext
        atoms = [a["atomId"] for a in self.coll("EnvironmentAtomAttachment").values() if a["environmentId"] == env["id"]]
        for p in inst["ProcessId"]:
            for atom in atoms:
                sid = f"{p['wrapperProcessId']}:{atom}"
                self.coll("ProcessSchedules").setdefault(sid, {"@type": "ProcessSchedules", "id": sid, "atomId": atom,
                                                               "processId": p["wrapperProcessId"], "Schedule": []})
        return att

    def detach(self, ident):
        att = self.get("IntegrationPackEnvironmentAttachment", ident)
        del self.coll("IntegrationPackEnvironmentAttachment")[ident]
        return {}

    def update_extensions(self, ident, body):
        ext = self.get("EnvironmentExtensions", ident)
        if body.get("partial") is not True:
            raise Refusal(400, "the fake takes partial updates only")
        for c in body.get("connections", {}).get("connection", []):
            cur = next((x for x in ext["connections"]["connection"] if x["id"] == c["id"]), None)
            if cur is None:
                cur = {"id": c["id"], "field": []}
                ext["connections"]["connection"].append(cur)
            for f in c.get("field", []):
                old = next((x for x in cur["field"] if x["id"] == f["id"]), None)
                if old is None:
                    old = {"id": f["id"]}
                    cur["field"].append(old)
                old["useDefault"] = bool(f.get("useDefault", False))
                if f.get("usesEncryption"):
                    old["usesEncryption"], old["encryptedValueSet"] = True, True
                    old["_secret"] = f.get("value", "")
                    old.pop("value", None)
                else:
                    old["value"] = f.get("value", "")
        for p in body.get("processProperties", {}).get("ProcessProperty", []):
            cur = next((x for x in ext["processProperties"]["ProcessProperty"] if x["id"] == p["id"]), None)
            if cur is None:
                cur = {"id": p["id"], "ProcessPropertyValue": []}
                ext["processProperties"]["ProcessProperty"].append(cur)
            for v in p.get("ProcessPropertyValue", []):
                old = next((x for x in cur["ProcessPropertyValue"] if x["key"] == v["key"]), None)
                if old is None:
                    old = {"key": v["key"]}
                    cur["ProcessPropertyValue"].append(old)
                old["value"], old["useDefault"] = v.get("value", ""), bool(v.get("useDefault", False))
        for p in body.get("properties", {}).get("property", []):
            cur = next((x for x in ext["properties"]["property"] if x["name"] == p["name"]), None)
            if cur is None:
                ext["properties"]["property"].append({"name": p["name"], "value": p.get("value", "")})
            else:
                cur["value"] = p.get("value", "")
        return ext

    def update_schedules(self, ident, body):
        sched = self.get("ProcessSchedules", ident)
        for key in ("atomId", "processId"):
            if key in body and body[key] != sched[key]:
                raise Refusal(400, f"{key} does not match the schedule's")
        sched["Schedule"] = body.get("Schedule", [])
        if "Retry" in body:
            sched["Retry"] = body["Retry"]
        else:
            sched.pop("Retry", None)
        return sched


class Publisher(Account):
    """The publisher's side: packaged components, publisher packs and their releases."""

    def create_package(self, body):
        for key in ("componentId", "packageVersion"):
            if not body.get(key):
                raise Refusal(400, f"{key} is required")
        for p in self.coll("PackagedComponent").values():
            if p["componentId"] == body["componentId"] and p["packageVersion"] == body["packageVersion"]:
                raise Refusal(409, f"Package version {body['packageVersion']} already exists for the component")
        ident = uuid.uuid4().hex
        pkg = {"@type": "PackagedComponent", "packageId": ident, "componentId": body["componentId"],
               "componentVersion": body.get("componentVersion", 1), "packageVersion": body["packageVersion"],
               "shareable": bool(body.get("shareable")), "notes": body.get("notes", ""), "deleted": False}
        self.coll("PackagedComponent")[ident] = pkg
        return pkg

    def components_of(self, body):
        return [c["componentId"] for c in body.get("PublisherPackagedComponents", {}).get("PublisherPackagedComponent", [])]

    def create_pack(self, body):
        if any(p["name"] == body.get("name") for p in self.coll("PublisherIntegrationPack").values()):
            raise Refusal(409, f"An integration pack named {body.get('name')} already exists")
        ident = uuid.uuid4().hex
        pack = {"@type": "PublisherIntegrationPack", "id": ident, "name": body["name"],
                "Description": body.get("Description", ""), "installationType": body.get("installationType", "SINGLE"),
                "PublisherPackagedComponents": {"PublisherPackagedComponent": []}}
        self.coll("PublisherIntegrationPack")[ident] = pack
        for c in self.components_of(body):
            self.add_to_pack(pack, c)
        return pack

    def add_to_pack(self, pack, component):
        if not any(p["componentId"] == component and p["shareable"] for p in self.coll("PackagedComponent").values()):
            raise Refusal(400, f"Component {component} has no shareable packaged version")
        pack["PublisherPackagedComponents"]["PublisherPackagedComponent"].append({"componentId": component})

    def update_pack(self, ident, body):
        pack = self.get("PublisherIntegrationPack", ident)
        op = body.get("operationType")
        listed = pack["PublisherPackagedComponents"]["PublisherPackagedComponent"]
        for c in self.components_of(body):
            if op == "ADD":
                if any(x["componentId"] == c for x in listed):
                    raise Refusal(409, f"Component {c} is already in the pack")
                self.add_to_pack(pack, c)
            elif op == "DELETE":
                listed[:] = [x for x in listed if x["componentId"] != c]
            else:
                raise Refusal(400, "operationType must be ADD or DELETE")
        return pack

    def release(self, body):
        pack = self.get("PublisherIntegrationPack", body.get("id", ""))
        listed = {x["componentId"]: x for x in pack["PublisherPackagedComponents"]["PublisherPackagedComponent"]}
        for c in body.get("ReleasePackagedComponents", {}).get("ReleasePackagedComponent", []):
            if c["componentId"] not in listed:
                raise Refusal(400, f"Component {c['componentId']} is not in the pack")
            if not any(p["componentId"] == c["componentId"] and p["packageVersion"] == c["version"]
                       for p in self.coll("PackagedComponent").values()):
                raise Refusal(400, f"Component {c['componentId']} has no packaged version {c['version']}")
            listed[c["componentId"]]["currentVersion"] = c["version"]
        # Released, the pack is shared with every account the publisher manages.
        for account, objects in STATE.items():
            if objects is not self.o:
                objects.setdefault("IntegrationPack", {})[pack["id"]] = {
                    "@type": "IntegrationPack", "id": pack["id"], "name": pack["name"],
                    "installationType": pack["installationType"],
                    "_processes": [{"id": c, "name": ""} for c in listed]}
        request = "release-" + uuid.uuid4().hex
        self.coll("ReleaseIntegrationPackStatus")[request] = {
            "@type": "ReleaseIntegrationPackStatus", "requestId": request, "integrationPackId": pack["id"],
            "name": pack["name"], "releaseSchedule": body.get("releaseSchedule", "IMMEDIATELY"),
            "releaseStatus": "IN_PROGRESS", "responseStatusCode": 200, "_polls": 0}
        return {"@type": "ReleaseIntegrationPack", "id": pack["id"], "name": pack["name"], "requestId": request,
                "releaseSchedule": body.get("releaseSchedule", "IMMEDIATELY")}

    def release_status(self, request):
        status = self.get("ReleaseIntegrationPackStatus", request)
        status["_polls"] += 1
        if status["_polls"] >= 2:
            status["releaseStatus"] = "SCHEDULED" if status["releaseSchedule"] != "IMMEDIATELY" else "SUCCESS"
        return status


def strip_secrets(obj):
    if isinstance(obj, dict):
        return {k: strip_secrets(v) for k, v in obj.items() if k != "_secret"}
    if isinstance(obj, list):
        return [strip_secrets(v) for v in obj]
    return obj


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, headers=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        with COUNT_LOCK:
            global IN_FLIGHT
            IN_FLIGHT += 1
        self.counted = True
        try:
            self.handle_request(method)
        finally:
            self.done_counting()

    def done_counting(self):
        """A request stops counting as in flight before its answer is sent: once the client has
        the answer, its next request cannot find this one still counted."""
        if getattr(self, "counted", False):
            self.counted = False
            with COUNT_LOCK:  # not LOCK: an answer may be sent while LOCK is held
                global IN_FLIGHT
                IN_FLIGHT -= 1

    def send_response(self, *args, **kwargs):
        self.done_counting()
        super().send_response(*args, **kwargs)

    def handle_request(self, method):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path.startswith("/_fake/"):
            return self.control(method, url.path, raw)
        m = re.fullmatch(r"/(partner/)?api/rest/v1/([^/]+)(/.*)", url.path)
        if not m:
            return self.answer(404, {"@type": "Error", "message": f"no such path {url.path}"})
        partner, account, path = m.group(1), m.group(2), m.group(3)
        body = raw.decode("utf-8", "replace")
        if self.headers.get("Content-Type", "").startswith("application/json") and raw:
            try:
                body = json.loads(raw)
            except ValueError:
                return self.answer(400, {"@type": "Error", "message": "the body is not JSON"})
        entry = {"method": method, "path": path, "query": query, "body": body}
        with LOCK:
            with COUNT_LOCK:
                entry["in_flight"] = IN_FLIGHT
            LOG.append(entry)
            fault = None
            for f in FAULTS:
                if (f.get("method") in (None, method)) and re.fullmatch(f.get("path", ".*"), path) and f.get("count", 1) > 0:
                    f["count"] = f.get("count", 1) - 1
                    fault = dict(f)
                    break
        if fault:
            entry["fault"] = True
            if fault.get("delay"):
                time.sleep(fault["delay"])
            if fault.get("drop"):
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if fault.get("status"):
                entry["status"] = fault["status"]
                headers = {"Retry-After": fault["retry_after"]} if "retry_after" in fault else {}
                return self.answer(fault["status"], {"@type": "Error", "statusCode": str(fault["status"]),
                                                     "message": fault.get("message", "injected fault")}, headers)
        expected = "Basic " + base64.b64encode(f"BOOMI_TOKEN.{ARGS.username}:{ARGS.token}".encode()).decode()
        if self.headers.get("Authorization") != expected or account != ARGS.account:
            entry["status"] = 401
            return self.answer(401, {"@type": "Error", "message": "Authentication failed"})
        target = query.get("overrideAccount", account)
        if target != account and not partner:
            entry["status"] = 403
            return self.answer(403, {"@type": "Error", "message": "overrideAccount needs the Partner API"})
        with LOCK:
            if target not in STATE:
                entry["status"] = 403
                return self.answer(403, {"@type": "Error", "message": f"Account {target} is not managed by {account}"})
            try:
                status, out = 200, self.route(Publisher(STATE[target]), method, path, body)
            except Refusal as r:
                status, out = r.status, {"@type": "Error", "statusCode": str(r.status), "message": r.message}
        entry["status"] = status
        if isinstance(out, XmlDocument):
            data = out.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.answer(status, strip_secrets(out))

    def route(self, acct, method, path, body):
        parts = path.strip("/").split("/")
        obj = parts[0]
        if method == "POST" and len(parts) == 2 and parts[1] == "query":
            expression = body.get("QueryFilter", {}).get("expression", {}) if isinstance(body, dict) else {}
            found = [public(o) for o in acct.coll(obj).values() if matches(o, expression)]
            return page(found)
        if method == "POST" and len(parts) == 2 and parts[1] == "queryMore":
            rest = QUERIES.pop(body.strip() if isinstance(body, str) else "", None)
            if rest is None:
                raise Refusal(410, "The query token has expired")
            return page(rest)
        if method == "GET" and obj == "PackagedComponentManifest" and len(parts) == 2:
            pkg = next((p for p in acct.coll("PackagedComponent").values() if p["packageId"] == parts[1]), None)
            if pkg is None:
                raise Refusal(404, f"Packaged component {parts[1]} does not exist")
            return {"@type": "PackagedComponentManifest", "packageId": pkg["packageId"],
                    "componentInfo": pkg.get("_manifest", [])}
        if method == "GET" and obj == "Component" and len(parts) == 2:
            component = acct.get("Component", urllib.parse.unquote(parts[1]))
            return XmlDocument(component["_xml"])
        if method == "GET" and obj == "ReleaseIntegrationPackStatus" and len(parts) == 2:
            return public(acct.release_status(parts[1]))
        if method == "GET" and len(parts) == 2:
            return public(acct.get(obj, urllib.parse.unquote(parts[1])))
        if method == "POST" and path == "/PackagedComponent":
            return acct.create_package(body)
        if method == "POST" and path == "/PublisherIntegrationPack":
            return acct.create_pack(body)
        if method == "POST" and obj == "PublisherIntegrationPack" and len(parts) == 2:
            return acct.update_pack(parts[1], body)
        if method == "POST" and path == "/ReleaseIntegrationPack":
            return acct.release(body)
        if method == "POST" and path == "/IntegrationPackInstance":
            return acct.create_instance(body)
        if method == "DELETE" and obj == "IntegrationPackInstance" and len(parts) == 2:
            return acct.delete_instance(parts[1])
        if method == "POST" and path == "/IntegrationPackEnvironmentAttachment":
            return acct.attach(body)
        if method == "DELETE" and obj == "IntegrationPackEnvironmentAttachment" and len(parts) == 2:
            return acct.detach(urllib.parse.unquote(parts[1]))
        if method == "POST" and obj == "EnvironmentExtensions" and len(parts) == 2:
            return acct.update_extensions(urllib.parse.unquote(parts[1]), body)
        if method == "POST" and obj == "ProcessSchedules" and len(parts) == 2:
            return acct.update_schedules(urllib.parse.unquote(parts[1]), body)
        raise Refusal(404, f"{method} {path} is not served by the fake")

    def control(self, method, path, raw):
        with LOCK:
            if method == "GET" and path == "/_fake/state":
                return self.answer(200, STATE)
            if method == "GET" and path == "/_fake/log":
                return self.answer(200, LOG)
            if method == "POST" and path == "/_fake/faults":
                FAULTS[:] = json.loads(raw or b"[]")
                return self.answer(200, {})
            if method == "POST" and path == "/_fake/log/clear":
                LOG.clear()
                return self.answer(200, {})
        self.answer(404, {"message": "no such control"})


def main():
    global ARGS, PAGE_SIZE
    p = argparse.ArgumentParser()
    p.add_argument("--state", help="a JSON file: {accountId: {ObjectType: {id: object}}}")
    p.add_argument("--account", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--token-file", required=True, help="the API token, read from a file (never argv)")
    p.add_argument("--page-size", type=int, default=2)
    ARGS = p.parse_args()
    with open(ARGS.token_file) as f:
        ARGS.token = f.read().strip()
    PAGE_SIZE = ARGS.page_size
    if ARGS.state:
        with open(ARGS.state) as f:
            STATE.update(json.load(f))
    STATE.setdefault(ARGS.account, {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
