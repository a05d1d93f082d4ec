#!/usr/bin/env python3
"""Deterministic generator of one big, realistic integration pack for the component-graph benchmark.

    python3 bench/gen_pack.py --packages 100 --exports 2000 --out bench/out/components-pack

writes OUT/pack.yaml and OUT/components/<kind>/<name>.xml: a single-install, packaged pack whose
PACKAGES shareable processes (each with a packageVersion, and the export's own type and name)
ship EXPORTS component exports in the shape of Boomi's Component API (see docs/components.md
and examples/crm-sync/), about 50 KB each on average (100 MB for 2,000):

- packaged processes and the subprocesses they call through Process Call steps, in chains two
  to four processes deep (packaged process -> subprocess -> ... ); many shapes per process;
- connections in the shapes platform-written exports have (docs/components.md): built-in HTTP
  Client (HttpSettings, AuthSettings) and Database (DatabaseConnectionSettings) connections
  and Connector SDK ones (GenericConnectionConfig), the password listed in bns:encryptedValues
  by its path; each shared by many processes; and their operations, which name request and
  response profiles;
- JSON and XML profiles with many elements, maps between them with many mappings and
  function steps, and process property components.

Every export is one line, as the Component API returns it, and every process lists every field
of every connection in its closure (ConnectionOverride/field with id, label, overrideable and
xpath), as the platform writes them.

The pack validates clean (`ipack validate OUT`: exit 0, no findings): every export is in some
package's closure; every packaged process declares the credentials of each connection in its
closure overrideable (url, user and password; host, username and password for a database), the
same fields everywhere; subprocesses declare no extensions; there
is no Process Route, Certificate or Custom Library; every reference names an exported component;
and the manifest's extensions are ones the packaged processes declare.

The output depends only on (--seed, --packages, --exports, --avg-kb): byte-identical on every
machine and Python version. Nothing iterates over a set or dict of strings in hash order. The
pack is written to a temporary sibling folder and renamed into place, so an interrupted run
never leaves half a pack behind. Standard library only.
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the benchmark
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_manifests import (  # noqa: E402  (shared vocabulary and YAML helpers)
    OBJECTS, PUBLISHERS, VENDORS, VERBS, guid, plain_or_quoted, single_quoted, slug)

SYSTEMS = VENDORS + ["Acme CRM", "Acme ERP", "SFTP Drop", "Azure Service Bus", "Amazon S3",
                     "PostgreSQL Warehouse", "Kafka Events", "Mailgun", "Twilio", "Okta"]
FIELD_NAMES = [
    "id", "externalId", "name", "displayName", "accountNumber", "customerNo", "email", "phone",
    "mobile", "fax", "website", "industry", "segment", "status", "type", "category", "currency",
    "amount", "netAmount", "taxAmount", "grossAmount", "discount", "quantity", "unitPrice",
    "unitOfMeasure", "sku", "productCode", "description", "notes", "street", "street2", "city",
    "postalCode", "state", "region", "country", "countryCode", "latitude", "longitude", "createdAt",
    "createdBy", "lastModifiedAt", "lastModifiedBy", "ownerId", "ownerEmail", "parentId",
    "territory", "costCenter", "subsidiary", "department", "firstName", "lastName", "middleName",
    "title", "salutation", "birthDate", "hireDate", "terminationDate", "employeeNo", "managerId",
    "orderNo", "orderDate", "dueDate", "shipDate", "deliveryDate", "invoiceNo", "invoiceDate",
    "paymentTerms", "paymentMethod", "iban", "bic", "vatId", "taxCode", "priority", "severity",
    "subject", "body", "channel", "source", "campaign", "score", "stage", "probability",
    "closeDate", "lineNo", "warehouse", "bin", "lotNumber", "serialNumber", "weight", "volume",
    "trackingNo", "carrier", "incoterms", "language", "timeZone", "active", "deleted", "version",
]
GROUP_NAMES = [
    "billingAddress", "shippingAddress", "contact", "owner", "lines", "items", "payments",
    "attachments", "addresses", "phones", "customFields", "tags", "taxes", "discounts", "meta",
    "links", "audit", "schedule", "dimensions", "approvals", "notesHistory", "relatedRecords",
]
JSON_TYPES = [("character", "<ProfileCharacterFormat/>")] * 6 + [
    ("number", '<ProfileNumberFormat numberFormat="" signed="true"/>'),
    ("datetime", "<ProfileDateFormat dateFormat=\"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\"/>"),
    ("boolean", "<ProfileCharacterFormat/>"),
]
STRING_FUNCTIONS = [
    ("String", "Left Trim", "StringLTrim"), ("String", "Right Trim", "StringRTrim"),
    ("String", "To Upper", "StringToUpper"), ("String", "String Replace", "StringReplace"),
    ("String", "String Concat", "StringConcat"), ("Date", "Date Format", "DateFormat"),
    ("Numeric", "Number Format", "NumberFormat"), ("Lookup", "SQL Lookup", "SimpleLookup"),
    ("Numeric", "Math Add", "MathAdd"), ("String", "Left Character Trim", "StringTrimLeft"),
]
OP_KINDS = ["Get", "Query", "Send", "Create", "Update", "Upsert", "Delete", "Listen"]
DYNAMIC_PROPERTIES = ["BATCH_SIZE", "LAST_RUN_DATE", "TARGET_SUBSIDIARY", "DRY_RUN", "MAX_ERRORS",
                      "SOURCE_QUERY_FILTER", "PAGE_SIZE", "ERROR_QUEUE", "NOTIFY_EMAIL", "REGION"]
PROPERTY_VALUES = [
    ("Batch size", "number", "100", "Records sent per call."),
    ("Page size", "number", "200", "Records read per page from the source."),
    ("Send summary e-mail", "boolean", "true", "Send a summary e-mail after each run."),
    ("Default currency", "string", "EUR", "Currency used when the source gives none."),
    ("Time zone", "string", "UTC", "Time zone for dates written to the target."),
    ("Retries", "number", "3", "How many times a failed document is retried."),
    ("Error recipients", "string", "ops@customer.example", "Who receives error notifications."),
    ("Start date", "string", "2026-01-01", "Oldest record the first run reads."),
    ("Subsidiary", "string", "1", "Subsidiary that new records are booked to."),
    ("Dry run", "boolean", "false", "Read and map, but write nothing to the target."),
]
SCRIPT_LINES = [
    "import java.util.Properties;",
    "import java.io.InputStream;",
    "import com.boomi.execution.ExecutionUtil;",
    "",
    "logger = ExecutionUtil.getBaseLogger();",
    "for (int i = 0; i < dataContext.getDataCount(); i++) {",
    "    InputStream is = dataContext.getStream(i);",
    "    Properties props = dataContext.getProperties(i);",
    "    String text = is.getText(\"UTF-8\");",
    "    String region = props.getProperty(\"document.dynamic.userdefined.DDP_REGION\") ?: \"EU\";",
    "    if (text.trim().isEmpty()) { logger.warning(\"empty document \" + i + \" skipped\"); continue; }",
    "    text = text.replaceAll(\"\\\\s+$\", \"\").replace(\"\\t\", \"  \");",
    "    props.setProperty(\"document.dynamic.userdefined.DDP_SIZE\", String.valueOf(text.length()));",
    "    dataContext.storeStream(new ByteArrayInputStream(text.getBytes(\"UTF-8\")), props);",
    "}",
]
ONE_LINE = re.compile(r">[ \t]*\n\s*<")
OBJECT_ROOT = re.compile(r"<bns:object><(\w+)(?=[\s>/])")
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<bns:Component xmlns:bns="http://api.platform.boomi.com/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ')


def xa(s):
    """An XML attribute value (double-quoted)."""
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def xt(s):
    """XML character data."""
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Comp:
    """One component to write: id, type, name, folder, and what it uses."""

    def __init__(self, kind, ctype, name, cid):
        self.kind, self.type, self.name, self.id = kind, ctype, name, cid
        self.path = None
        self.size = 0


def lognormal_targets(rng, n, mean, lo, hi, sigma=0.7):
    """n sizes, skewed like real exports (many small, a few big), averaging about `mean`."""
    mu = math.log(mean) - sigma * sigma / 2
    return [int(min(hi, max(lo, rng.lognormvariate(mu, sigma)))) for _ in range(n)]


def scale_to(targets, total, lo, hi):
    """Scales targets so that they sum to about total, keeping each within [lo, hi]."""
    for _ in range(8):
        s = sum(targets)
        if s == 0:
            break
        f = total / s
        targets = [int(min(hi, max(lo, t * f))) for t in targets]
    return targets


# --- pieces of an export -----------------------------------------------------------------------

def envelope(c, rng, folder, description, extra_attrs=""):
    created = "2026-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(1, 3), rng.randint(1, 28),
                                                 rng.randint(7, 18), rng.randint(0, 59),
                                                 rng.randint(0, 59))
    modified = "2026-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(4, 10), rng.randint(1, 28),
                                                  rng.randint(7, 18), rng.randint(0, 59),
                                                  rng.randint(0, 59))
    who = rng.choice(["dev", "ops", "integration.lead", "j.doe", "a.kumar"])
    return (HEAD + 'componentId="%s" version="%d" name="%s" type="%s"%s createdDate="%s" '
            'createdBy="%s@acme.example" modifiedDate="%s" modifiedBy="%s@acme.example" '
            'deleted="false" currentVersion="true" folderName="%s" folderFullPath="Acme/%s" '
            'folderId="Rjo4MTI3NDQ1" branchId="QjoyNzQ4MTI" branchName="main">\n'
            % (c.id, rng.randint(1, 40), xa(c.name), c.type, extra_attrs, created, who, modified,
               who, xa(folder), xa(folder)),
            "  <bns:description>%s</bns:description>\n" % xt(description))


# --- profiles ----------------------------------------------------------------------------------

def json_profile(c, rng, target):
    """A JSON profile of nested objects and arrays, written until it reaches ~target bytes."""
    out = []
    size = 0
    leaves = []  # (key, keyPath, namePath, elementName)
    key = [0]

    def nk():
        key[0] += 1
        return key[0]

    def emit(indent, text):
        nonlocal size
        line = " " * (indent - 2) + text + "\n"
        out.append(line)
        size += len(line)

    def data_format(indent, fmt):
        emit(indent, "<DataFormat>")
        emit(indent + 2, fmt)
        emit(indent, "</DataFormat>")

    # stack of (closing tags in order, indent, keyPath parts, name parts)
    root_key, obj_key = nk(), nk()
    emit(6, '<JSONProfile strict="false">')
    emit(8, "<DataElements>")
    emit(10, '<JSONRootValue dataType="character" isMappable="true" isNode="true" key="%d" name="Root">' % root_key)
    data_format(12, "<ProfileCharacterFormat/>")
    emit(12, '<JSONObject isMappable="false" isNode="true" key="%d" name="Object">' % obj_key)
    stack = [([(12, "</JSONObject>")], 12, ["*[@key='%d']" % root_key, "*[@key='%d']" % obj_key],
              ["Root", "Object"])]
    budget = target - 600
    while size < budget or len(leaves) < 3:
        closes, ind, kp, np_ = stack[-1]
        r = rng.random()
        depth = len(stack)
        if r < 0.10 and depth < 6:          # nested object
            k, ok = nk(), nk()
            name = rng.choice(GROUP_NAMES)
            emit(ind + 2, '<JSONObjectEntry dataType="character" isMappable="false" isNode="true" key="%d" name="%s">' % (k, name))
            data_format(ind + 4, "<ProfileCharacterFormat/>")
            emit(ind + 4, '<JSONObject isMappable="false" isNode="true" key="%d" name="Object">' % ok)
            stack.append(([(ind + 4, "</JSONObject>"), (ind + 2, "</JSONObjectEntry>")], ind + 4,
                          kp + ["*[@key='%d']" % k, "*[@key='%d']" % ok], np_ + [name, "Object"]))
        elif r < 0.15 and depth < 6:        # array of objects
            k, ak, ek, ok = nk(), nk(), nk(), nk()
            name = rng.choice(GROUP_NAMES)
            emit(ind + 2, '<JSONObjectEntry dataType="character" isMappable="false" isNode="true" key="%d" name="%s">' % (k, name))
            data_format(ind + 4, "<ProfileCharacterFormat/>")
            emit(ind + 4, '<JSONArray elementType="repeating" isMappable="false" isNode="true" key="%d" name="Array">' % ak)
            emit(ind + 6, '<JSONArrayElement dataType="character" isMappable="false" isNode="true" key="%d" maxOccurs="-1" minOccurs="0" name="ArrayElement1">' % ek)
            data_format(ind + 8, "<ProfileCharacterFormat/>")
            emit(ind + 8, '<JSONObject isMappable="false" isNode="true" key="%d" name="Object">' % ok)
            stack.append(([(ind + 8, "</JSONObject>"), (ind + 6, "</JSONArrayElement>"),
                           (ind + 4, "</JSONArray>"), (ind + 2, "</JSONObjectEntry>")],
                          ind + 8, kp + ["*[@key='%d']" % x for x in (k, ak, ek, ok)],
                          np_ + [name, "Array", "ArrayElement1", "Object"]))
        elif r < 0.22 and depth > 1:        # close the current group
            stack.pop()
            for at, tag in closes:
                emit(at, tag)
        else:                               # a field
            k = nk()
            name = rng.choice(FIELD_NAMES)
            dtype, fmt = rng.choice(JSON_TYPES)
            emit(ind + 2, '<JSONObjectEntry dataType="%s" isMappable="true" isNode="true" key="%d" name="%s">' % (dtype, k, name))
            data_format(ind + 4, fmt)
            emit(ind + 2, "</JSONObjectEntry>")
            leaves.append((k, "/".join(kp + ["*[@key='%d']" % k]), "/".join(np_ + [name]), name))
    while len(stack) > 1:
        closes, _, _, _ = stack.pop()
        for at, tag in closes:
            emit(at, tag)
    emit(12, "</JSONObject>")
    emit(12, "<Qualifiers>")
    emit(14, "<QualifierList/>")
    emit(12, "</Qualifiers>")
    emit(10, "</JSONRootValue>")
    emit(8, "</DataElements>")
    emit(8, "<tagLists/>")
    emit(6, "</JSONProfile>")
    return "".join(out), leaves


def xml_profile(c, rng, target):
    """An XML profile of nested elements and attributes, written until ~target bytes."""
    out = []
    size = 0
    leaves = []
    key = [0]

    def nk():
        key[0] += 1
        return key[0]

    def emit(indent, text):
        nonlocal size
        line = " " * (indent - 2) + text + "\n"
        out.append(line)
        size += len(line)

    root_name = c.name.split(" (")[0].replace(" ", "")
    emit(6, '<XMLProfile modelVersion="2" strict="true">')
    for line in ["  <ProfileProperties>", "    <XMLGeneralInfo/>",
                 '    <XMLOptions encoding="utf8" implicitElementOrdering="true" parseRespectMaxOccurs="true" respectMinOccurs="false" respectMinOccursAlways="false">',
                 "      <XMLFlavor>", "        <CustomStandardFlavor/>", "      </XMLFlavor>",
                 "    </XMLOptions>", "  </ProfileProperties>", "  <DataElements>"]:
        emit(6, line)
    rk = nk()
    emit(10, '<XMLElement dataType="character" isMappable="false" isNode="true" key="%d" maxOccurs="1" minOccurs="1" name="%s" useNamespace="-1">' % (rk, xa(root_name)))
    emit(12, "<DataFormat>")
    emit(14, "<ProfileCharacterFormat/>")
    emit(12, "</DataFormat>")
    stack = [(10, ["*[@key='%d']" % rk], [root_name])]
    budget = target - 500
    while size < budget or len(leaves) < 3:
        ind, kp, np_ = stack[-1]
        r = rng.random()
        if r < 0.12 and len(stack) < 7:
            k = nk()
            name = rng.choice(GROUP_NAMES)
            name = name[0].upper() + name[1:]
            emit(ind + 2, '<XMLElement dataType="character" isMappable="false" isNode="true" key="%d" maxOccurs="%s" minOccurs="0" name="%s" useNamespace="-1">' % (k, rng.choice(["1", "1", "-1"]), name))
            emit(ind + 4, "<DataFormat>")
            emit(ind + 6, "<ProfileCharacterFormat/>")
            emit(ind + 4, "</DataFormat>")
            stack.append((ind + 2, kp + ["*[@key='%d']" % k], np_ + [name]))
        elif r < 0.20 and len(stack) > 1:
            stack.pop()
            emit(ind, "</XMLElement>")
        else:
            k = nk()
            name = rng.choice(FIELD_NAMES)
            name = name[0].upper() + name[1:]
            if rng.random() < 0.15:
                emit(ind + 2, '<XMLAttribute dataType="character" isMappable="true" isNode="true" key="%d" name="%s" required="false" useNamespace="-1">' % (k, name[0].lower() + name[1:]))
                emit(ind + 4, "<DataFormat>")
                emit(ind + 6, "<ProfileCharacterFormat/>")
                emit(ind + 4, "</DataFormat>")
                emit(ind + 2, "</XMLAttribute>")
                leaves.append((k, "/".join(kp + ["*[@key='%d']" % k]), "/".join(np_ + ["@" + name]), name))
            else:
                dtype, fmt = rng.choice(JSON_TYPES)
                emit(ind + 2, '<XMLElement dataType="%s" isMappable="true" isNode="true" key="%d" maxOccurs="1" minOccurs="%d" name="%s" useNamespace="-1">' % (dtype, k, rng.randint(0, 1), name))
                emit(ind + 4, "<DataFormat>")
                emit(ind + 6, fmt)
                emit(ind + 4, "</DataFormat>")
                emit(ind + 2, "</XMLElement>")
                leaves.append((k, "/".join(kp + ["*[@key='%d']" % k]), "/".join(np_ + [name]), name))
    while stack:
        ind, _, _ = stack.pop()
        emit(ind, "</XMLElement>")
    emit(8, "</DataElements>")
    emit(8, "<Namespaces/>")
    emit(8, "<tagLists/>")
    emit(6, "</XMLProfile>")
    return "".join(out), leaves


# --- maps --------------------------------------------------------------------------------------

def map_object(c, rng, target, src, dst):
    """A map from profile src to profile dst: mappings, function steps and defaults (~target bytes)."""
    lines = ['    <Map fromProfile="%s" toProfile="%s">' % (src.id, dst.id), "      <Mappings>"]
    size = sum(len(x) + 1 for x in lines)
    functions = []
    fsteps = []
    to_leaves = dst.leaves[:]
    rng.shuffle(to_leaves)
    budget = target - 900
    used = 0
    for tk, tkp, tnp, _ in to_leaves:
        if size >= budget:
            break
        fk, fkp, fnp, _ = rng.choice(src.leaves)
        if rng.random() < 0.18:  # through a function step
            fkey = len(functions) + 1
            cat, label, ftype = rng.choice(STRING_FUNCTIONS)
            functions.append(fkey)
            block = [
                '        <FunctionStep cacheEnabled="true" category="%s" key="%d" name="%s" position="%d" sumEnabled="false" type="%s" x="%d.0" y="%d.0">'
                % (cat, fkey, label, fkey, ftype, rng.randint(10, 400), 10 + 60 * fkey),
                "          <Inputs>",
                '            <Input default="" key="1" name="Original String"/>',
                "          </Inputs>",
                "          <Outputs>",
                '            <Output key="2" name="Result"/>',
                "          </Outputs>",
                "          <Configuration/>",
                "        </FunctionStep>",
            ]
            fsteps += block
            m = ['        <Mapping fromKey="%d" fromKeyPath="%s" fromNamePath="%s" fromType="profile" toFunction="%d" toKey="1" toType="function"/>'
                 % (fk, xa(fkp), xa(fnp), fkey),
                 '        <Mapping fromFunction="%d" fromKey="2" fromType="function" toKey="%d" toKeyPath="%s" toNamePath="%s" toType="profile"/>'
                 % (fkey, tk, xa(tkp), xa(tnp))]
            size += sum(len(x) + 1 for x in block)
        else:
            m = ['        <Mapping fromKey="%d" fromKeyPath="%s" fromNamePath="%s" fromType="profile" toKey="%d" toKeyPath="%s" toNamePath="%s" toType="profile"/>'
                 % (fk, xa(fkp), xa(fnp), tk, xa(tkp), xa(tnp))]
        lines += m
        size += sum(len(x) + 1 for x in m)
        used += 1
    lines.append("      </Mappings>")
    if fsteps:
        lines.append('      <Functions optimizeExecutionOrder="true">')
        lines += fsteps
        lines.append("      </Functions>")
    else:
        lines.append('      <Functions optimizeExecutionOrder="true"/>')
    defaults = [leaf for leaf in to_leaves[used:used + rng.randint(0, 4)]]
    if defaults:
        lines.append("      <Defaults>")
        for tk, tkp, tnp, name in defaults:
            lines.append('        <Default toKey="%d" toKeyPath="%s" toNamePath="%s" value="%s"/>'
                         % (tk, xa(tkp), xa(tnp), xa(rng.choice(["EUR", "N/A", "0", "false", "UTC"]))))
        lines.append("      </Defaults>")
    else:
        lines.append("      <Defaults/>")
    lines += ["      <DocumentCacheJoins/>", "    </Map>"]
    return "\n".join(lines) + "\n"


# --- processes ---------------------------------------------------------------------------------

class ShapeWriter:
    """A process's shapes, laid out in rows and linked in order (decisions and branches fan out)."""

    def __init__(self):
        self.shapes = []   # (name, shapetype, image, userlabel, configuration lines, branches)
        self.n = 0

    def add(self, shapetype, image, label, config_lines, branches=1):
        self.n += 1
        self.shapes.append(("shape%d" % self.n, shapetype, image, label, config_lines, branches))
        return "shape%d" % self.n

    def render(self):
        out = []
        for i, (name, shapetype, image, label, config, branches) in enumerate(self.shapes):
            x, y = 48 + 192 * (i % 12), 46 + 160 * (i // 12)
            out.append('        <shape image="%s" name="%s" shapetype="%s" userlabel="%s" x="%d.0" y="%d.0">\n'
                       % (image, name, shapetype, xa(label), x, y))
            out.append("          <configuration>\n")
            out.extend("            " + line + "\n" for line in config)
            out.append("          </configuration>\n")
            nxt = self.shapes[i + 1][0] if i + 1 < len(self.shapes) else None
            if nxt is None or shapetype in ("stop", "returndocuments", "exception"):
                out.append("          <dragpoints/>\n")
            else:
                out.append("          <dragpoints>\n")
                for b in range(branches):
                    ident = {1: "", 2: ' identifier="%s" text="%s"' % (("true", "True") if b == 0 else ("false", "False"))}.get(branches, ' identifier="%d" text="%d"' % (b + 1, b + 1))
                    out.append('            <dragpoint%s name="%s.dragpoint%d" toShape="%s" x="%d.0" y="%d.0"/>\n'
                               % (ident, name, b + 1, nxt, x + 176, y + 10 + 40 * b))
                out.append("          </dragpoints>\n")
            out.append("        </shape>\n")
        return "".join(out)


def connector_config(op, conn, kind, dyn_props):
    lines = ['<connectoraction actionType="%s" allowDynamicCredentials="NONE" connectionId="%s" connectorType="%s" hideSettings="false" operationId="%s">'
             % (kind, conn.id, conn.connector_type, op.id)]
    lines.append("  <parameters/>")
    if dyn_props:
        lines.append("  <dynamicProperties>")
        for p in dyn_props:
            lines += ['    <propertyvalue childKey="" key="%s" name="%s" valueType="process">' % (p.lower(), p.replace("_", " ").title()),
                      '      <processparameter processproperty="%s" processpropertydefaultvalue=""/>' % p,
                      "    </propertyvalue>"]
        lines.append("  </dynamicProperties>")
    else:
        lines.append("  <dynamicProperties/>")
    lines.append("</connectoraction>")
    return lines


def docprops_config(rng, profile_refs, prop_refs, dyn_names):
    lines = ["<documentproperties>"]
    n = 0
    for prof, leaf in profile_refs:
        n += 1
        k, _, np_, name = leaf
        lines += ['  <documentproperty defaultValue="" isDynamicCredential="false" isTradingPartner="false" name="Dynamic Document Property - DDP_%s" persist="false" propertyId="dynamicdocument.DDP_%s" shouldEncrypt="false">' % (name.upper(), name.upper()),
                  "    <sourcevalues>",
                  '      <parametervalue key="%d" usesEncryption="false" valueType="profile">' % n,
                  '        <profileelement elementId="%d" elementName="%s (%s)" profileId="%s" profileType="%s"/>' % (k, xa(name), xa(np_), prof.id, prof.type),
                  "      </parametervalue>", "    </sourcevalues>", "  </documentproperty>"]
    for prop, value in prop_refs:
        n += 1
        label = value[1]
        pname = "P_" + label.upper().replace(" ", "_").replace("-", "_")
        lines += ['  <documentproperty defaultValue="" isDynamicCredential="false" isTradingPartner="false" name="Dynamic Process Property - %s" persist="false" propertyId="process.%s" shouldEncrypt="false">' % (pname, pname),
                  "    <sourcevalues>",
                  '      <parametervalue key="%d" usesEncryption="false" valueType="definedparameter">' % n,
                  '        <definedprocessparameter componentId="%s" componentName="%s" propertyLabel="%s"/>' % (prop.id, xa(prop.name), xa(label)),
                  "      </parametervalue>", "    </sourcevalues>", "  </documentproperty>"]
    for d in dyn_names:
        n += 1
        lines += ['  <documentproperty defaultValue="" isDynamicCredential="false" isTradingPartner="false" name="Dynamic Process Property - %s" persist="false" propertyId="process.%s" shouldEncrypt="false">' % (d, d),
                  "    <sourcevalues>",
                  '      <parametervalue key="%d" usesEncryption="false" valueType="current"/>' % n,
                  "    </sourcevalues>", "  </documentproperty>"]
    lines.append("</documentproperties>")
    return lines


def filler_shape(sw, rng, p, ctx):
    """One shape that adds size and realism, not new components."""
    r = rng.random()
    if r < 0.17:
        sw.add("decision", "decision_icon", "%s present?" % rng.choice(FIELD_NAMES), [
            '<decision comparison="%s" name="Check">' % rng.choice(["equals", "notequals", "greaterthan", "regex"]),
            '  <decisionvalue valueType="track">',
            '    <trackparameter defaultValue="" propertyId="dynamicdocument.DDP_STATUS" propertyName="Dynamic Document Property - DDP_STATUS"/>',
            "  </decisionvalue>",
            '  <decisionvalue valueType="static">',
            '    <staticparameter staticproperty="%s"/>' % rng.choice(["ERROR", "OK", "0", "true", "DELETED"]),
            "  </decisionvalue>",
            "</decision>"], branches=2)
    elif r < 0.30:
        text = " ".join(rng.choice(["Run", "for", "{1}", "records", "read", "from", "{2};",
                                    "rejected", "documents:", "'{3}'", "see", "the", "error",
                                    "queue.", "Batch", "{4}", "of", "page"]) for _ in range(rng.randint(20, 60)))
        sw.add("message", "message_icon", "Build summary", [
            '<message combined="%s">' % rng.choice(["true", "false"]),
            "  <msgTxt>%s</msgTxt>" % xt(text),
            "  <msgParameters>",
            '    <parametervalue key="1" valueType="process">',
            '      <processparameter processproperty="%s" processpropertydefaultvalue=""/>' % rng.choice(DYNAMIC_PROPERTIES),
            "    </parametervalue>",
            '    <parametervalue key="2" valueType="track">',
            '      <trackparameter defaultValue="" propertyId="meta.base.applicationstatuscode" propertyName="Base - Application Status Code"/>',
            "    </parametervalue>",
            "  </msgParameters>",
            "</message>"])
    elif r < 0.42:
        sw.add("notify", "notify_icon", "Log progress", [
            '<notify disableEvent="true" enableUserLog="false" perExecution="false" title="%s">' % xa(p.name[:60]),
            "  <notifyMessage>%s</notifyMessage>" % xt("Processed {1} of {2} %s; %s" % (rng.choice(OBJECTS).lower(), rng.choice(["continuing", "retrying failed ones", "done"]))),
            "  <notifyMessageLevel>%s</notifyMessageLevel>" % rng.choice(["INFO", "WARNING", "ERROR"]),
            "  <notifyParameters>",
            '    <parametervalue key="1" valueType="track">',
            '      <trackparameter defaultValue="" propertyId="meta.base.documentcount" propertyName="Base - Document Count"/>',
            "    </parametervalue>",
            "  </notifyParameters>",
            "</notify>"])
    elif r < 0.52:
        body = rng.sample(SCRIPT_LINES, rng.randint(8, len(SCRIPT_LINES)))
        sw.add("dataprocess", "dataprocess_icon", "Clean up documents", [
            "<dataprocess>",
            '  <step index="1" key="1" name="Custom Scripting" processtype="12">',
            '    <dataprocessscript language="groovy2" useCache="true" useComponent="false">',
            "      <script>%s</script>" % xt("\n".join(body)),
            "    </dataprocessscript>",
            "  </step>",
            '  <step index="2" key="2" name="Split Documents" processtype="8">',
            '    <dataprocesssplit batchCount="%d" headerOption="false" profileType="json" splitOption="record"/>' % rng.choice([1, 50, 100, 200]),
            "  </step>",
            "</dataprocess>"])
    elif r < 0.62 and ctx["profile_leaves"]:
        refs = [rng.choice(ctx["profile_leaves"]) for _ in range(rng.randint(1, 4))]
        sw.add("documentproperties", "documentproperties_icon", "Set document properties",
               docprops_config(rng, refs, [], rng.sample(DYNAMIC_PROPERTIES, rng.randint(0, 2))))
    elif r < 0.70:
        n = rng.randint(2, 4)
        sw.add("branch", "branch_icon", "", ['<branch numBranches="%d"/>' % n], branches=n)
    elif r < 0.76:
        sw.add("flowcontrol", "flowcontrol_icon", "Parallel batches", [
            '<flowcontrol chunks="%d" forEachCount="%d" forEachProperty="" forEachType="docsChunks" numThreads="%d" useProcesses="false"/>'
            % (rng.choice([0, 10, 100]), rng.choice([0, 1, 50]), rng.choice([1, 2, 4]))])
    elif r < 0.82:
        sw.add("trycatch", "trycatch_icon", "Catch errors",
               ['<catcherrors catchAll="true" retry="%d"/>' % rng.randint(0, 3)], branches=2)
    elif r < 0.86:
        sw.add("documentproperties", "documentproperties_icon", "Remember last run", [
            "<documentproperties>",
            '  <documentproperty defaultValue="" isDynamicCredential="false" isTradingPartner="false" name="Dynamic Process Property - LAST_RUN_DATE" persist="true" propertyId="process.LAST_RUN_DATE" shouldEncrypt="false">',
            "    <sourcevalues>",
            '      <parametervalue key="1" valueType="date">',
            '        <dateparameter dateformat="yyyy-MM-dd\'T\'HH:mm:ss\'Z\'" datetype="current"/>',
            "      </parametervalue>",
            "    </sourcevalues>",
            "  </documentproperty>",
            "</documentproperties>"])
    elif ctx["ops"]:
        op, conn = rng.choice(ctx["ops"])
        sw.add("connectoraction", "connectoraction_icon", op.name, connector_config(op, conn, op.kind, rng.sample(DYNAMIC_PROPERTIES, rng.randint(0, 2))))
    else:
        sw.add("cleanse", "cleanse_icon", "Cleanse", ['<cleanse cleanseAction="reject"/>'])


def process_object(p, rng, target):
    """A process's bns:object: the shapes it uses, then fillers up to ~target bytes."""
    sw = ShapeWriter()
    profile_leaves = [(prof, leaf) for m in p.maps for prof in (m.src, m.dst) for leaf in prof.leaves[:20]]
    ctx = {"ops": p.ops, "profile_leaves": profile_leaves}
    # Start shape. A listener runs in low latency mode, as the best-practice rules ask.
    workload = "general"
    if p.top:
        op, conn = p.ops[0]
        kind = op.kind if op.kind in ("Get", "Query", "Listen") else "Get"
        if kind == "Listen":
            workload = "low_latency"
        sw.add("start", "start", op.name, connector_config(op, conn, kind, p.dyn[:1]))
        rest_ops = p.ops[1:]
    else:
        sw.add("start", "start", "", ["<passthroughaction/>"])
        rest_ops = p.ops
    # What the process uses, interleaved with fillers.
    steps = []
    for op, conn in rest_ops:
        steps.append(("op", op, conn))
    for m in p.maps:
        steps.append(("map", m, None))
    for s in p.calls:
        steps.append(("call", s, None))
    for prop, values in p.props:
        steps.append(("prop", prop, values))
    rng.shuffle(steps)
    body_target = target - 1200 - (1500 if p.top else 400)
    for step in steps:
        what = step[0]
        if what == "op":
            _, op, conn = step
            sw.add("connectoraction", "connectoraction_icon", op.name,
                   connector_config(op, conn, op.kind, rng.sample(p.dyn, min(len(p.dyn), rng.randint(0, 1)))))
        elif what == "map":
            m = step[1]
            sw.add("map", "map_icon", m.name, ['<map mapId="%s"/>' % m.id])
        elif what == "call":
            s = step[1]
            sw.add("processcall", "processcall_icon", s.name, [
                '<processcall abort="true" processId="%s" wait="true">' % s.id,
                "  <parameters/>", "  <returnpaths>",
                '    <returnpaths childShapeName="shape%d"/>' % rng.randint(2, 9),
                "  </returnpaths>", "</processcall>"])
        else:
            _, prop, values = step
            leaves = rng.sample(profile_leaves, min(len(profile_leaves), rng.randint(0, 2)))
            sw.add("documentproperties", "documentproperties_icon", "Read settings",
                   docprops_config(rng, leaves, [(prop, v) for v in values], p.dyn[:1]))
        for _ in range(rng.randint(0, 3)):
            filler_shape(sw, rng, p, ctx)
    text = sw.render()
    # More fillers until the target size, in chunks of about half what is missing.
    while len(text) < body_target:
        for _ in range(max(1, (body_target - len(text)) // 900 // 2)):  # a filler is ~900 bytes
            filler_shape(sw, rng, p, ctx)
        text = sw.render()
    if p.top:
        sw.add("stop", "stop_icon", "", ['<stop continue="true"/>'])
    else:
        sw.add("returndocuments", "returndocuments_icon", "Done", ["<returndocuments/>"])
    text = sw.render()
    return ('    <process allowSimultaneous="%s" enableUserLog="false" processLogOnErrorOnly="false" '
            'purgeDataImmediately="false" updateRunDates="%s" workload="%s">\n      <shapes>\n'
            % (rng.choice(["true", "false"]), "true" if p.top else "false", workload)
            + text + "      </shapes>\n    </process>\n")


def process_overrides(p, connections, props, dyn):
    lines = ["  <bns:processOverrides>", "    <Overrides>"]
    if connections:
        lines.append("      <Connections>")
        for c in connections:
            lines.append('        <ConnectionOverride id="%s">' % c.id)
            for fid, label, _, _, xpath in c.fields:
                lines.append('          <field id="%s" label="%s" overrideable="%s" xpath="%s"/>'
                             % (fid, label, "true" if fid in c.credentials else "false", xa(xpath)))
            lines.append("        </ConnectionOverride>")
        lines.append("      </Connections>")
    else:
        lines.append("      <Connections/>")
    lines += ["      <Operations/>", "      <PartnerOverrides/>"]
    if dyn:
        lines.append("      <Properties>")
        lines += ['        <PropertyOverride name="%s"/>' % d for d in dyn]
        lines.append("      </Properties>")
    else:
        lines.append("      <Properties/>")
    if p.top:
        lines += ["      <Extensions>", "        <ObjectDefinitions>", "          <unusedProfiles/>",
                  "        </ObjectDefinitions>", "        <DataMaps>", "          <unusedMaps/>",
                  "        </DataMaps>", "      </Extensions>"]
    lines += ["      <CrossReferenceOverrides/>", "      <PGPOverrides/>"]
    if props:
        lines.append("      <DefinedProcessPropertyOverrides>")
        for prop in props:
            lines.append('        <OverrideableDefinedProcessPropertyComponent componentId="%s">' % prop.id)
            for key, label, _, _, _ in prop.values:
                lines.append('          <OverrideableDefinedProcessPropertyValue key="%s" name="%s" overrideable="true"/>' % (key, xa(label)))
            lines.append("        </OverrideableDefinedProcessPropertyComponent>")
        lines.append("      </DefinedProcessPropertyOverrides>")
    else:
        lines.append("      <DefinedProcessPropertyOverrides/>")
    lines += ["    </Overrides>", "  </bns:processOverrides>"]
    return "\n".join(lines) + "\n"


# --- the pack ----------------------------------------------------------------------------------

def plan_counts(exports, packages):
    conns = max(2, round(exports * 0.02))
    props = max(1, round(exports * 0.02))
    subs = max(1, round(exports * 0.125))
    ops = max(conns + 1, round(exports * 0.15))
    profiles = max(4, round(exports * 0.35))
    maps = exports - packages - subs - conns - props - ops - profiles
    return {"connections": conns, "properties": props, "subprocesses": subs, "operations": ops,
            "profiles": profiles, "maps": maps}


def counts_ok(exports, packages):
    """Enough maps for every profile to be used by one, and a subprocess per packaged process."""
    c = plan_counts(exports, packages)
    return c["maps"] >= max(2, c["profiles"] // 2 + 1) and c["subprocesses"] >= packages


def build(args):
    rng = random.Random("ipack-bench-pack:%s:%d:%d:%d" % (args.seed, args.packages, args.exports, args.avg_kb))
    counts = plan_counts(args.exports, args.packages)
    used_names = {}

    def unique(kind, name):
        n = used_names.get((kind, name), 0)
        used_names[(kind, name)] = n + 1
        return name if n == 0 else "%s %d" % (name, n + 1)

    # Systems (one connection each) and their operations.
    systems = (SYSTEMS * (counts["connections"] // len(SYSTEMS) + 1))[:counts["connections"]]
    connections = []
    for i, system in enumerate(systems):
        c = Comp("connection", "connector-settings", unique("conn", "%s Connection" % system), guid(rng))
        c.system = system
        # As platform-written exports have them: built-in HTTP Client and Database connections
        # keep their settings in their own elements, Connector SDK ones in GenericConnectionConfig.
        c.kind = ("http", "database", "sdk")[i % 3]
        host = "%s.example" % slug(system)
        secret = "%064x" % rng.getrandbits(256)
        if c.kind == "http":
            c.connector_type = "http"
            c.fields = [("url", "URL", "string", "https://%s/api/v%d" % (host, rng.randint(1, 5)), "HttpSettings/@url"),
                        ("connectTimeout", "Connect Timeout", "integer", "10000", "HttpSettings/@connectTimeout"),
                        ("readTimeout", "Read Timeout", "integer", "30000", "HttpSettings/@readTimeout"),
                        ("user", "User", "string", "integration@%s" % host, "HttpSettings/AuthSettings/@user"),
                        ("password", "Password", "password", secret, "HttpSettings/AuthSettings/@password"),
                        ("clientsslalias", "Client SSL Certificate", "string", "", "HttpSettings/SSLOptions/@clientsslalias"),
                        ("trustedcertalias", "Trust SSL Server Certificate", "string", "", "HttpSettings/SSLOptions/@trustedcertalias"),
                        ("clientId", "OAuth2 Client ID", "string", "", "HttpSettings/OAuth2Settings/credentials/@clientId"),
                        ("accessTokenURL2", "OAuth2 Access Token URL", "string", "", "HttpSettings/OAuth2Settings/accessTokenEndpoint/@url"),
                        ("scope", "OAuth2 Scope", "string", "", "HttpSettings/OAuth2Settings/scope")]
            c.credentials = ("url", "user", "password")
            c.secret_path = "//HttpSettings/AuthSettings/@password"
        elif c.kind == "database":
            c.connector_type = "database"
            c.fields = [("host", "Host", "string", "db.%s" % host, "DatabaseConnectionSettings/@host"),
                        ("port", "Port", "integer", "1433", "DatabaseConnectionSettings/@port"),
                        ("dbname", "Database Name", "string", slug(system).upper()[:16], "DatabaseConnectionSettings/@dbname"),
                        ("username", "User Name", "string", "boomi_%s" % slug(system)[:12], "DatabaseConnectionSettings/@username"),
                        ("password", "Password", "password", secret, "DatabaseConnectionSettings/@password"),
                        ("additionalOptions", "Additional Options", "string", "", "DatabaseConnectionSettings/@additionalOptions")]
            c.credentials = ("host", "username", "password")
            c.secret_path = "//DatabaseConnectionSettings/@password"
        else:
            c.connector_type = "acmecorp-7QX4KD-%s-prod" % slug(system)[:24]
            sdk = [("url", "URL", "string", "https://%s/api/v%d" % (host, rng.randint(1, 5))),
                   ("user", "User", "string", "integration@%s" % host),
                   ("password", "Password", "password", secret)]
            for extra in rng.sample([("timeout", "Timeout (ms)", "integer", "30000"),
                                     ("clientId", "Client ID", "string", "ipack-%06d" % rng.randint(0, 999999)),
                                     ("accountId", "Account ID", "string", "%07d" % rng.randint(0, 9999999)),
                                     ("proxyHost", "Proxy host", "string", ""),
                                     ("retries", "Retries", "integer", "3")], rng.randint(1, 3)):
                sdk.append(extra)
            c.fields = [f + ("GenericConnectionConfig/field[@id='%s']/@value" % f[0],) for f in sdk]
            c.credentials = ("url", "user", "password")
            c.secret_path = "//GenericConnectionConfig/field[@id='password']"
        c.ops = []
        connections.append(c)

    operations = []
    op_conns = connections[:] + [rng.choice(connections) for _ in range(counts["operations"] - len(connections))]
    for conn in op_conns:
        kind = rng.choice(OP_KINDS) if conn.ops else "Get"
        obj = rng.choice(OBJECTS)
        op = Comp("operation", "connector-action", unique("op", "%s %s %s" % (conn.system, kind, obj)), guid(rng))
        op.kind, op.conn, op.obj = kind, conn, obj
        conn.ops.append(op)
        operations.append(op)

    properties = []
    for i in range(counts["properties"]):
        name = unique("prop", "%s Settings" % rng.choice(systems + ["Shared", "Order Sync", "Finance"]))
        prop = Comp("property", "processproperty", name, guid(rng))
        prop.values = []
        for label, vtype, default, help_ in rng.sample(PROPERTY_VALUES, rng.randint(2, 6)):
            prop.values.append((guid(rng), label, vtype, default, help_))
        properties.append(prop)

    profiles = []
    for i in range(counts["profiles"]):
        system, obj = rng.choice(systems), rng.choice(OBJECTS)
        is_json = rng.random() < 0.55
        ptype = "profile.json" if is_json else "profile.xml"
        prof = Comp("profile", ptype, unique("profile", "%s %s (%s)" % (system, obj, "JSON" if is_json else "XML")), guid(rng))
        profiles.append(prof)

    maps = [Comp("map", "transform.map", "", guid(rng)) for _ in range(counts["maps"])]

    # Profiles are used by maps (from, to) and operations (request, response): every profile once,
    # then the remaining slots at random.
    slots = [(m, "src") for m in maps] + [(m, "dst") for m in maps]
    for op in operations:
        if op.kind != "Delete":
            slots.append((op, "response"))
        if op.kind in ("Send", "Create", "Update", "Upsert", "Listen"):
            slots.append((op, "request"))
    rng.shuffle(slots)
    order = profiles[:]
    rng.shuffle(order)
    for i, (owner, role) in enumerate(slots):
        setattr(owner, role, order[i] if i < len(order) else None)
    for owner, role in slots:
        if getattr(owner, role) is None:
            setattr(owner, role, rng.choice(profiles))
    for m in maps:
        while m.src is m.dst:
            m.dst = rng.choice(profiles)
        m.name = unique("map", "%s to %s" % (m.src.name.rsplit(" (", 1)[0], m.dst.name.rsplit(" (", 1)[0]))
    for op in operations:
        for role in ("response", "request"):
            if not hasattr(op, role):
                setattr(op, role, None)

    # Processes: packaged (level 1) and subprocesses at levels 2-4.
    tops = []
    seen = set()
    for i in range(args.packages):
        while True:
            verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
            a, b = rng.sample(systems, 2)
            name = "%s %s - %s to %s" % (verb, obj, a, b)
            if name not in seen:
                break
        seen.add(name)
        p = Comp("process", "process", name, guid(rng))
        p.top, p.level = True, 1
        tops.append(p)
    nsub = counts["subprocesses"]
    n2 = min(nsub, max(1, math.ceil(nsub * 0.45)))
    n3 = min(nsub - n2, math.ceil(nsub * 0.33))
    levels = [2] * n2 + [3] * n3 + [4] * (nsub - n2 - n3)
    subs = []
    for lvl in levels:
        name = unique("sub", "%s %s %s" % (rng.choice(["Upsert", "Enrich", "Validate", "Transform", "Split", "Handle Errors for", "Look up", "Publish", "Load", "Archive"]),
                                           rng.choice(OBJECTS), rng.choice(["Batch", "Page", "Record", "Details", "Lines", "Step"])))
        s = Comp("subprocess", "process", name, guid(rng))
        s.top, s.level = False, lvl
        subs.append(s)
    processes = tops + subs
    for p in processes:
        p.conns, p.ops, p.maps, p.calls, p.props, p.dyn = [], [], [], [], [], []

    by_level = {1: tops, 2: [s for s in subs if s.level == 2], 3: [s for s in subs if s.level == 3],
                4: [s for s in subs if s.level == 4]}
    # Each subprocess gets a caller one level up (every one is reached), plus some shared calls.
    for lvl in (2, 3, 4):
        parents, children = by_level[lvl - 1][:], by_level[lvl]
        rng.shuffle(parents)
        for i, s in enumerate(children):
            parents[i % len(parents)].calls.append(s)
        for parent in by_level[lvl - 1]:
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
                s = rng.choice(children) if children else None
                if s is not None and s not in parent.calls:
                    parent.calls.append(s)

    # Connections: every one used, each process talks to one to three systems.
    order = processes[:]
    rng.shuffle(order)
    for i, c in enumerate(connections):
        order[i % len(order)].conns.append(c)
    for p in processes:
        want = 2 if p.top else rng.choice([0, 1, 1, 2])
        while len(p.conns) < want:
            c = rng.choice(connections)
            if c not in p.conns:
                p.conns.append(c)
    # Operations of each connection spread over the processes using it; one or more per connection.
    inbound = ("Get", "Query", "Listen")
    for c in connections:
        users = [p for p in processes if c in p.conns]
        ops = c.ops[:]
        rng.shuffle(ops)
        for i, op in enumerate(ops):
            users[i % len(users)].ops.append((op, c))
        for p in users:
            if not any(oc is c for _, oc in p.ops):
                p.ops.append((rng.choice(c.ops), c))
            if rng.random() < 0.3:
                op = rng.choice(c.ops)
                if all(o is not op for o, _ in p.ops):
                    p.ops.append((op, c))
    for p in tops:  # a packaged process starts with an inbound operation (each connection's first is a Get)
        if not any(op.kind in inbound for op, _ in p.ops):
            p.ops.append((p.conns[0].ops[0], p.conns[0]))
        p.ops.sort(key=lambda oc: 0 if oc[0].kind in inbound else 1)
    # Maps and process properties.
    order = processes[:]
    rng.shuffle(order)
    for i, m in enumerate(maps):
        order[i % len(order)].maps.append(m)
    for p in processes:
        for _ in range(rng.randint(0, 2)):
            m = rng.choice(maps)
            if m not in p.maps:
                p.maps.append(m)
    rng.shuffle(order)
    for i, prop in enumerate(properties):
        p = order[i % len(order)]
        p.props.append((prop, rng.sample(prop.values, rng.randint(1, len(prop.values)))))
    for p in tops:
        if rng.random() < 0.5:
            prop = rng.choice(properties)
            if all(x is not prop for x, _ in p.props):
                p.props.append((prop, rng.sample(prop.values, 1)))
    for p in processes:
        p.dyn = rng.sample(DYNAMIC_PROPERTIES, rng.randint(0, 3))

    # What each packaged process's closure holds, for its extensions.
    def closure(p, acc):
        if p in acc:
            return
        acc.append(p)
        for s in p.calls:
            closure(s, acc)

    for p in tops:
        members = []
        closure(p, members)
        p.closure_conns, p.closure_props, p.closure_dyn = [], [], []
        for m in members:
            for _, c in m.ops:
                if c not in p.closure_conns:
                    p.closure_conns.append(c)
            for prop, _ in m.props:
                if prop not in p.closure_props:
                    p.closure_props.append(prop)
            for d in m.dyn:
                if d not in p.closure_dyn:
                    p.closure_dyn.append(d)
    return {"rng": rng, "connections": connections, "operations": operations, "properties": properties,
            "profiles": profiles, "maps": maps, "tops": tops, "subs": subs, "counts": counts}


def write_pack(plan, args, out):
    rng = plan["rng"]
    comp_dir = os.path.join(out, "components")
    files = {}

    def place(c, folder):
        base = slug(c.name)[:80] or "component"
        name = base
        n = 1
        while (folder, name) in files:
            n += 1
            name = "%s-%d" % (base, n)
        files[(folder, name)] = c
        c.path = os.path.join(comp_dir, folder, name + ".xml")

    def write(c, text):
        # One line, as the Component API returns an export (text with line breaks inside an
        # element, such as a script's, keeps them); the object's root in no namespace.
        text = ONE_LINE.sub("><", text).strip("\n") + "\n"
        text = OBJECT_ROOT.sub(r'<bns:object><\1 xmlns=""', text, count=1)
        text = text.replace("<bns:processOverrides><Overrides>", '<bns:processOverrides><Overrides xmlns="">', 1)
        os.makedirs(os.path.dirname(c.path), exist_ok=True)
        with open(c.path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        c.size = len(text.encode("utf-8"))
        return c.size

    total_budget = args.exports * args.avg_kb * 1000
    written = 0

    for c in plan["connections"]:
        place(c, "connections")
        head, desc = envelope(c, rng, "Connections", "%s endpoint, authenticated with an integration user. Installers set the URL and credentials of their own %s tenant." % (c.system, c.system), ' subType="%s"' % c.connector_type)
        body = ['  <bns:encryptedValues>',
                '    <bns:encryptedValue path="%s" isSet="true"/>' % xa(c.secret_path),
                "  </bns:encryptedValues>"]
        value = {fid: v for fid, _, _, v, _ in c.fields}
        if c.kind == "http":
            obj = ["  <bns:object>",
                   '    <HttpSettings authenticationType="BASIC" connectTimeout="%s" readTimeout="%s" url="%s">'
                   % (value["connectTimeout"], value["readTimeout"], xa(value["url"])),
                   '      <AuthSettings password="%s" user="%s"/>' % (value["password"], xa(value["user"])),
                   '      <OAuth2Settings grantType="code">', '        <credentials clientId=""/>',
                   '        <authorizationTokenEndpoint url=""><sslOptions/></authorizationTokenEndpoint>',
                   '        <accessTokenEndpoint url=""><sslOptions/></accessTokenEndpoint>', '        <scope/>',
                   '      </OAuth2Settings>', '      <SSLOptions clientauth="false" trustServerCert="false"/>',
                   '    </HttpSettings>', "  </bns:object>", "</bns:Component>"]
        elif c.kind == "database":
            obj = ["  <bns:object>",
                   '    <DatabaseConnectionSettings additionalOptions="" dbname="%s" driverId="sqlserver" host="%s" '
                   'password="%s" port="%s" username="%s"/>' % (xa(value["dbname"]), xa(value["host"]), value["password"],
                                                                value["port"], xa(value["username"])),
                   "  </bns:object>", "</bns:Component>"]
        else:
            obj = ["  <bns:object>", "    <GenericConnectionConfig>"]
            obj += ['      <field id="%s" type="%s" value="%s"/>' % (fid, ftype, xa(v)) for fid, _, ftype, v, _ in c.fields]
            obj += ["    </GenericConnectionConfig>", "  </bns:object>", "</bns:Component>"]
        written += write(c, head + "\n".join(body) + "\n" + desc + "\n".join(obj) + "\n")

    for op in plan["operations"]:
        place(op, os.path.join("operations", slug(op.conn.system)))
        head, desc = envelope(op, rng, "Operations", "%s %s in %s." % (op.kind, op.obj.lower(), op.conn.system), ' subType="%s"' % op.conn.connector_type)
        req = op.request.id if op.request else ""
        resp = op.response.id if op.response else ""
        rtype = lambda pr: "" if pr is None else pr.type.split(".")[1]  # noqa: E731
        fields = ['          <field id="path" type="string" value="/%s"/>' % slug(op.obj),
                  '          <field id="batchSize" type="integer" value="%d"/>' % rng.choice([50, 100, 200, 500]),
                  '          <field id="retryOn429" type="boolean" value="%s"/>' % rng.choice(["true", "false"])]
        if op.kind == "Listen":
            config = ['        <WebServicesServerListenAction inputType="singlejson" objectName="%s" operationType="CREATE" outputType="singlejson" requestProfile="%s" requestProfileType="%s" responseContentType="application/json" responseProfile="%s" responseProfileType="%s"/>'
                      % (slug(op.obj), req, rtype(op.request), resp, rtype(op.response))]
        else:
            config = ['        <GenericOperationConfig customOperationType="%s" objectTypeId="%s" objectTypeName="%s" operationType="%s" requestProfile="%s" requestProfileType="%s" responseProfile="%s" responseProfileType="%s">'
                      % (op.kind.upper(), xa(op.obj.replace(" ", "")), xa(op.obj), op.kind.upper(), req, rtype(op.request), resp, rtype(op.response))]
            config += fields + ["          <Options/>", "        </GenericOperationConfig>"]
        obj = ["  <bns:encryptedValues/>", desc.rstrip("\n"), "  <bns:object>",
               '    <Operation returnApplicationErrors="false" trackResponse="false">',
               '      <Archiving directory="" enabled="false"/>', "      <Configuration>"] + config + [
               "      </Configuration>", "      <Tracking>", "        <TrackedFields/>", "      </Tracking>",
               "      <Caching/>", "    </Operation>", "  </bns:object>", "</bns:Component>"]
        written += write(op, head + "\n".join(obj) + "\n")

    for prop in plan["properties"]:
        place(prop, "properties")
        head, desc = envelope(prop, rng, "Settings", "Settings installers may change: %s." % ", ".join(v[1].lower() for v in prop.values))
        obj = ["  <bns:encryptedValues/>", desc.rstrip("\n"), "  <bns:object>", "    <DefinedProcessProperties>"]
        for key, label, vtype, default, help_ in prop.values:
            obj += ['      <definedProcessProperty key="%s">' % key, "        <helpText>%s</helpText>" % xt(help_),
                    "        <label>%s</label>" % xt(label), "        <type>%s</type>" % vtype,
                    "        <defaultValue>%s</defaultValue>" % xt(default)]
            if vtype == "boolean":
                obj += ["        <allowedValues>", '          <allowedValue label="Yes" value="true"/>',
                        '          <allowedValue label="No" value="false"/>', "        </allowedValues>"]
            else:
                obj.append("        <allowedValues/>")
            obj += ["        <persisted>false</persisted>", "      </definedProcessProperty>"]
        obj += ["    </DefinedProcessProperties>", "  </bns:object>", "</bns:Component>"]
        written += write(prop, head + "\n".join(obj) + "\n")

    # Big components share what is left of the budget: profiles ~45%, maps ~30%, processes the rest.
    remaining = total_budget - written
    n_prof, n_map = len(plan["profiles"]), len(plan["maps"])
    n_proc = len(plan["tops"]) + len(plan["subs"])
    prof_targets = scale_to(lognormal_targets(rng, n_prof, 60000, 4000, 1500000), remaining * 0.44, 4000, 1500000)
    for prof, target in zip(plan["profiles"], prof_targets):
        place(prof, os.path.join("profiles", prof.type.split(".")[1]))
        head, desc = envelope(prof, rng, "Profiles", "%s as the %s API %s it." % (prof.name.rsplit(" (", 1)[0], prof.name.split(" ")[0], rng.choice(["returns", "takes", "sends"])))
        maker = json_profile if prof.type == "profile.json" else xml_profile
        content, prof.leaves = maker(prof, rng, target - len(head) - len(desc) - 80)
        written += write(prof, head + "  <bns:encryptedValues/>\n" + desc + "  <bns:object>\n" + content + "  </bns:object>\n</bns:Component>\n")

    remaining = total_budget - written
    map_targets = scale_to(lognormal_targets(rng, n_map, 50000, 3000, 800000), remaining * 0.52, 3000, 800000)
    for m, target in zip(plan["maps"], map_targets):
        place(m, "maps")
        head, desc = envelope(m, rng, "Maps", "Maps %s onto %s." % (m.src.name, m.dst.name))
        content = map_object(m, rng, target - len(head) - len(desc) - 80, m.src, m.dst)
        written += write(m, head + "  <bns:encryptedValues/>\n" + desc + "  <bns:object>\n" + content + "  </bns:object>\n</bns:Component>\n")

    remaining = total_budget - written
    procs = plan["subs"] + plan["tops"]
    proc_targets = scale_to(lognormal_targets(rng, n_proc, 60000, 6000, 900000, sigma=0.6), remaining, 6000, 900000)
    for p, target in zip(procs, proc_targets):
        place(p, "processes" if p.top else "subprocesses")
        head, desc = envelope(p, rng, "Processes", ("%s: runs on the installer's schedule." % p.name) if p.top else ("Subprocess (level %d): %s." % (p.level, p.name.lower())))
        content = process_object(p, rng, target - len(head) - len(desc))
        if p.top:
            overrides = process_overrides(p, p.closure_conns, p.closure_props, p.closure_dyn)
        else:
            overrides = process_overrides(p, [], [], [])
        written += write(p, head + "  <bns:encryptedValues/>\n" + desc + "  <bns:object>\n" + content + "  </bns:object>\n" + overrides + "</bns:Component>\n")
    return written


def manifest(plan, args, rng):
    tops = plan["tops"]
    q = plain_or_quoted
    out = [
        "# yaml-language-server: $schema=https://ipack.dev/schemas/pack.schema.json",
        "#",
        "# Written by bench/gen_pack.py (seed %s): %d packages, %d component exports."
        % (args.seed, args.packages, args.exports),
        "",
        "apiVersion: ipack/v1",
        "kind: IntegrationPack",
        "metadata:",
        "  name: bench-components",
        "  displayName: Acme Enterprise Integration Suite",
        "  description: >-",
        "    Keeps accounts, orders, invoices and employees in sync between the customer's CRM, ERP,",
        "    HR and finance systems. Every process runs on a schedule the installer chooses; failed",
        "    documents are retried, then parked in an error queue with the reason.",
        "  version: 3.2.0",
        "  publisher: %s" % q(PUBLISHERS[0]),
        "  homepage: https://acme.example/packs/enterprise-suite",
        "",
        "spec:",
        "  installation: single   # one install per managed account",
        "  deployment: packaged",
        "  components: components",
        "  release:",
        "    schedule: immediate",
        "",
        "  packages:",
    ]
    for i, p in enumerate(tops):
        if i and i % 25 == 0:
            out.append("    # --- batch %d ---" % (i // 25 + 1))
        out.append("    - component: %s" % p.id)
        pv = "%d.%d" % (rng.randint(1, 9), rng.randint(0, 15))
        out.append("      packageVersion: %s" % (single_quoted(pv) if rng.random() < 0.2 else json.dumps(pv)))
        out.append("      shareable: true")
        out.append("      type: process")
        out.append("      name: %s" % q(p.name))
        if rng.random() < 0.3:
            out.append("      notes: %s" % q(rng.choice(["First shareable build.", "Retries 429 and 503 responses.",
                                                          "Batch size comes from BATCH_SIZE."])))
    # Extensions: a few connections' credentials, property values and dynamic properties that
    # the packaged processes declare.
    out += ["", "  extensions:", "    connections:"]
    declared_conns = []
    for p in tops:
        for c in p.closure_conns:
            if c not in declared_conns:
                declared_conns.append(c)
    for c in declared_conns[:8]:
        for field in c.credentials:
            out.append("      - connection: %s" % c.id)
            out.append("        field: %s" % field)
            out.append("        required: true")
            if field == "url":
                out.append("        pattern: \"^https://\"")
                out.append("        description: %s" % q("Base URL of the customer's %s instance" % c.system))
    out.append("    processProperties:")
    declared_props = []
    for p in tops:
        for prop in p.closure_props:
            if prop not in declared_props:
                declared_props.append(prop)
    for prop in declared_props[:6]:
        key, label, vtype, default, help_ = prop.values[0]
        out.append("      - component: %s   # %s" % (prop.id, prop.name))
        out.append("        key: %s" % key)
        out.append("        default: %s" % json.dumps(default))
        out.append("        description: %s" % q(help_))
    declared_dyn = []
    for p in tops:
        for d in p.closure_dyn:
            if d not in declared_dyn:
                declared_dyn.append(d)
    out.append("    dynamicProcessProperties:" + ("" if declared_dyn else " []"))
    for d in declared_dyn[:4]:
        out.append("      - name: %s" % d)
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--packages", type=int, default=100, help="packaged processes, 1-100 (default 100)")
    ap.add_argument("--exports", type=int, default=2000, help="component exports in all (default 2000)")
    ap.add_argument("--avg-kb", type=int, default=50, help="average export size in kB (default 50: 100 MB for 2,000)")
    ap.add_argument("--out", required=True, help="the pack's folder (OUT/pack.yaml, OUT/components/...)")
    ap.add_argument("--seed", default="1", help="seed (default 1)")
    ap.add_argument("--force", action="store_true", help="replace OUT when it exists")
    args = ap.parse_args(argv)
    if not 1 <= args.packages <= 100:
        ap.error("--packages must be between 1 and 100")
    if not counts_ok(args.exports, args.packages):
        least = args.exports + 1
        while not counts_ok(least, args.packages):
            least += 1
        ap.error("--exports must be at least %d for %d packages" % (least, args.packages))
    if args.avg_kb < 4:
        ap.error("--avg-kb must be at least 4")
    out = args.out.rstrip("/")
    if os.path.exists(out) and not args.force:
        ap.error("%s exists (use --force to replace it)" % out)

    tmp = "%s.tmp-%d" % (out, os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    try:
        plan = build(args)
        total = write_pack(plan, args, tmp)
        with open(os.path.join(tmp, "pack.yaml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(manifest(plan, args, plan["rng"]))
        if os.path.exists(out):
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    n = sum(plan["counts"].values()) + args.packages
    print("gen_pack: %s: %d exports, %.1f MB (%s)" % (
        out, n, total / 1e6, ", ".join("%d %s" % (v, k) for k, v in
                                       [("processes", args.packages)] + list(plan["counts"].items()))),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
