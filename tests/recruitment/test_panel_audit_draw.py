"""tools/audit_draw.py applies the household rule and the sex balance exactly as the draw does, so an
outsider reproduces the published result fingerprint of a draw with rules."""

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest

from recruitment.logic.ranking import draw_cohorts, result_fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("household", "sex_balance"), [(True, False), (False, True), (True, True)])
def test_outside_script_reproduces_a_draw_with_rules(tmp_path, household, sex_balance):
    rnd = random.Random(5)
    people = []
    for _ in range(300):
        people.append({"person_key": f"{rnd.getrandbits(128):032x}", "cohort": rnd.choice(["16-29", "30-59", "60+", ""]),
                       "household": f"h{rnd.randrange(120)}" if rnd.random() < 0.7 else "",
                       "sex": rnd.choices(["w", "m", "d", ""], [45, 40, 5, 10])[0]})
    seats = {"16-29": 5, "30-59": 8, "60+": 6}
    pool = {label: [p["person_key"] for p in people if p["cohort"] == label] for label in seats}
    ranked = draw_cohorts("W-6-2", pool,
                          household_of={p["person_key"]: p["household"] for p in people} if household else None,
                          sex_of={p["person_key"]: p["sex"] for p in people} if sex_balance else None,
                          seats_by_cohort=seats if sex_balance else None)
    expected = result_fingerprint(ranked)
    export = tmp_path / "export.csv"
    with open(export, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["person_key", "cohort", "household", "sex"])
        writer.writeheader()
        writer.writerows(people)
    args = [sys.executable, str(ROOT / "tools" / "audit_draw.py"), str(export), "--seed", "W-6-2"]
    args += ["--household"] if household else []
    args += ["--sex-balance", *[f"--seats={label}={n}" for label, n in seats.items()]] if sex_balance else []
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    assert f"result_fingerprint {expected}" in out
    plain = subprocess.run(args[:5], capture_output=True, text=True, check=True).stdout
    assert f"result_fingerprint {expected}" not in plain  # the rules do change the lists


@pytest.mark.django_db
@pytest.mark.parametrize(("household", "sex_balance"), [(True, True), (False, True), (True, False)])
def test_an_outsider_reproduces_a_draw_with_rules_from_the_admin_export(imported, client, superuser, tmp_path,
                                                                          household, sex_balance):
    from recruitment.services import draw

    imported.household_rule, imported.sex_balance = household, sex_balance
    imported.save()
    the_draw = draw.draw(imported, "Würfel 3-1-4-1-5", "Test")
    client.force_login(superuser)
    response = client.get(f"/admin/recruitment/{imported.pk}/export.csv")
    text = response.content.decode()
    assert text.splitlines()[0] == "person_key,cohort,household,sex,municipality"
    assert not any(p.household_key in text for p in imported.persons.exclude(household_key=""))  # no address hash
    rows = list(csv.DictReader(text.splitlines()))
    assert len({r["household"] for r in rows if r["household"]}) < len(rows)  # households do repeat
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    args = [sys.executable, str(ROOT / "tools" / "audit_draw.py"), str(export), "--seed", "Würfel 3-1-4-1-5"]
    args += ["--household"] if household else []
    if sex_balance:
        args += ["--sex-balance", *[f"--seats={c.label}={c.seats}" for c in the_draw.cohorts.all()]]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    assert f"result_fingerprint {the_draw.result_fingerprint}" in out
    plain = subprocess.run(args[:5], capture_output=True, text=True, check=True).stdout
    assert f"result_fingerprint {the_draw.result_fingerprint}" not in plain
