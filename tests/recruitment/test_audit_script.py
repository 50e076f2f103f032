"""tools/audit_draw.py: the outside auditor's script reproduces the draw."""

import ast
import csv
import hashlib
import random
import subprocess
import sys
from pathlib import Path

from recruitment.logic.ranking import (
    ALGORITHM_VERSION,
    draw_cohorts,
    pool_fingerprint,
    rank_cohort,
    result_fingerprint,
)

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "audit_draw.py"
SEED = "Würfel 6-3-1-5-2 (öffentlich, 2025-04-01)"


def synthetic_pool() -> dict[str, list[str]]:
    keys = [hashlib.sha256(f"audit-{i}".encode()).hexdigest() for i in range(120)]
    return {"16-24": keys[:25], "25-39 Jahre": keys[25:60], "40-59": keys[60:100], "60+": keys[100:]}


def write_export(path: Path, pool: dict[str, list[str]], outside: list[str]) -> None:
    rows = [(key, label) for label, keys in pool.items() for key in keys] + [(k, "") for k in outside]
    random.Random(4).shuffle(rows)  # the export's row order must not matter
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["person_key", "cohort"])
        writer.writerows(rows)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def parse_output(stdout: str):
    lines = stdout.splitlines()
    values = dict(line.split(" ", 1) for line in lines if line.split(" ", 1)[0].endswith("fingerprint"))
    ranked: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("cohort "):
            current = line[len("cohort "):].rsplit(" (", 1)[0]
            ranked[current] = []
        elif current is not None and line.strip()[:1].isdigit() and not line.startswith("result"):
            position, key = line.split()
            assert int(position) == len(ranked[current]) + 1
            ranked[current].append(key)
    return ranked, values


def test_audit_script_reproduces_rank_cohort(tmp_path):
    pool = synthetic_pool()
    outside = [hashlib.sha256(f"too-young-{i}".encode()).hexdigest() for i in range(5)]
    export = tmp_path / "export.csv"
    write_export(export, pool, outside)

    completed = run(str(export), "--seed", SEED, "--algorithm", ALGORITHM_VERSION)
    assert completed.returncode == 0, completed.stderr
    ranked, values = parse_output(completed.stdout)

    expected = {label: rank_cohort(SEED, label, keys) for label, keys in pool.items()}
    assert ranked == expected
    assert expected == draw_cohorts(SEED, pool)  # no optional rules
    assert values["result_fingerprint"] == result_fingerprint(expected)
    all_keys = [k for keys in pool.values() for k in keys] + outside
    assert values["pool_fingerprint"] == pool_fingerprint(all_keys)


def test_audit_script_fails_cleanly(tmp_path):
    export = tmp_path / "export.csv"
    write_export(export, synthetic_pool(), [])
    wrong_version = run(str(export), "--seed", SEED, "--algorithm", "wkr-sha256-v0")
    assert wrong_version.returncode != 0
    assert "unsupported algorithm" in wrong_version.stderr

    bad = tmp_path / "bad.csv"
    bad.write_text("key,group\nabc,1\n", encoding="utf-8")
    completed = run(str(bad), "--seed", SEED)
    assert completed.returncode != 0 and "person_key,cohort" in completed.stderr


def test_audit_script_is_short_and_stdlib_only():
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 115  # with the household rule, sex balance, municipalities (#15)
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= set(sys.stdlib_module_names), imported
