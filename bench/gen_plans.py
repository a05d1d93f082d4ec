#!/usr/bin/env python3
"""Writes N seeded install plans for examples/crm-sync (every one valid) into a folder, one
customer per file: NNNN.install.yaml. Used by bench/run_plans.sh.

Usage: bench/gen_plans.py --plans 1000 --out bench/out/plans [--seed 1]"""
import argparse
import pathlib
import random

CRM = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
ERP = "0d8d87f5-b8b8-477a-bf05-45856f584550"
PROPERTY = ("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b")
PROCESSES = ["8f6a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]
ENVIRONMENTS = ["Production", "Test", "Staging", "QA", "DR"]


def plan(i: int, rng: random.Random) -> str:
    envs = rng.sample(ENVIRONMENTS, rng.randint(1, 3))
    out = [
        "# yaml-language-server: $schema=../../../schemas/install.schema.json",
        "apiVersion: ipack/v1",
        "kind: InstallPlan",
        "metadata:",
        f"  name: customer-{i:04d}-crm-sync",
        f"  description: Customer {i}, generated for the benchmark",
        "spec:",
        "  pack: crm-sync",
        "  version: 2.4.0",
        f"  account: customer-{i:04d}-{rng.randrange(16**6):06X}",
        "  instances:",
        f"    - environments: [{', '.join(envs)}]",
        "      extensions:",
        "        connections:",
        f"          - connection: {CRM}",
        "            field: url",
        f"            value: https://c{i}.crm.example/api",
        f"          - connection: {CRM}",
        "            field: user",
        f"            value: 'sync-{i}'",
        f"          - connection: {CRM}",
        "            field: password",
        f"            secret: {{ env: CUSTOMER_{i:04d}_CRM_PASSWORD }}",
        f"          - connection: {ERP}",
        "            field: password",
        f"            secret: {{ file: secrets/customer-{i:04d}-erp }}",
        "        processProperties:",
        f"          - component: {PROPERTY[0]}",
        f"            key: {PROPERTY[1]}",
        f"            value: \"{rng.randint(10, 1000)}\"",
        "        dynamicProcessProperties:",
        "          - name: BATCH_SIZE",
        f"            value: \"{rng.randint(1, 5000)}\"",
        "      schedules:",
    ]
    for p in PROCESSES:
        step = rng.choice([5, 10, 15, 30])
        out += [
            f"        - process: {p}",
            f"          minutes: \"0-59/{step}\"",
            f"          hours: \"{rng.randint(0, 8)}-{rng.randint(16, 23)}\"",
            f"          daysOfWeek: \"{rng.choice(['2-6', '*', '1,7', '2,4,6'])}\"",
            "          daysOfMonth: \"*\"",
            "          months: \"*\"",
            "          years: \"*\"",
            f"          retry: {{ maxRetry: {rng.randint(1, 5)} }}",
        ]
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.install.yaml"):
        old.unlink()
    for i in range(1, a.plans + 1):
        (out / f"{i:04d}.install.yaml").write_text(plan(i, rng))


if __name__ == "__main__":
    main()
