"""Two-stage selection through the commands: import, commitment, lottery, verification, the outside
checker, replacement, purge."""

import io
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from councils.models import PublicRecord
from recruitment.models import PanelSelection
from recruitment.services import audit, panel, retention

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED = "Losnummer öffentlich gezogen"
QUOTAS = "feature,value,min,max\nsex,w,4,6\nsex,m,4,6\nage,jung,2,4\nage,mittel,3,5\nage,alt,2,4\n"


def respondents_csv(n=60, seed=3):
    rnd = random.Random(seed)
    lines = ["id,sex,age,household"]
    for i in range(n):
        lines.append(f"v{i:03d},{rnd.choice('wm')},{rnd.choice(['jung', 'mittel', 'alt'])},"
                     f"{'Weg ' + str(i // 2) if i < 10 else ''}")
    return "\n".join(lines) + "\n"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    (tmp_path / "r.csv").write_text(respondents_csv(), encoding="utf-8")
    (tmp_path / "q.csv").write_text(QUOTAS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def two_stage(case, files):
    case.seats, case.household_rule, case.two_stage = 10, True, True
    case.planned_seed_source = "Losnummer, gezogen am Workshop-Vorabend"
    case.save()
    out, _ = run("import_respondents", "--council", case.council.slug, str(files / "r.csv"))
    assert out.strip() == "Imported 60 respondents."
    return case


def test_select_panel_prints_the_lottery_and_publishes_commitment_and_protocol(two_stage, files):
    out, _ = run("select_panel", "--council", two_stage.council.slug, "--quotas", str(files / "q.csv"),
                 "--seed", SEED, "--panels", "100", "--out", str(files / "panel.csv"),
                 "--list-out", str(files / "panels.csv"))
    selection = PanelSelection.objects.get(case=two_stage)
    assert f"Drawn panel: No. {selection.number}" in out
    assert f"Result fingerprint: {selection.result_fingerprint}" in out
    assert "Minimum selection probability: 0." in out and "Distinct panels:" in out
    assert (files / "panel.csv").read_text().split() == ["id", *sorted(selection.chosen)]
    record = PublicRecord.objects.get(council_key=two_stage.council_key).panel
    commitment, lottery = record["commitment"], record["lottery"]
    assert commitment["respondents_fingerprint"] == selection.respondents_fingerprint
    assert commitment["respondent_count"] == 60 and commitment["rules"]["household"] is True
    assert commitment["planned_seed_source"].startswith("Losnummer") and commitment["frozen_at"]
    assert lottery["number"] == selection.number and lottery["panel_count"] == 100
    assert "v001" not in str(record)  # never an id on the public side
    actions = set(ModelLogEntry.objects.filter(object_id=str(two_stage.pk)).values_list("action", flat=True))
    assert {audit.ACTION_RESPONDENTS_IMPORT, audit.ACTION_RESPONDENTS_FREEZE, audit.ACTION_PANEL_SELECT,
            audit.ACTION_PANEL_EXPORT} <= actions

    out, _ = run("verify_panel", "--council", two_stage.council.slug)
    assert out.startswith(f"OK: panel No. {selection.number} of 100 reproduced")

    # The outside checker (standard library only) reproduces the drawn panel and the fingerprint.
    (files / "resp_export.csv").write_text(panel.respondents_csv(two_stage), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "audit_panel.py"), "--panels", str(files / "panels.csv"),
         "--respondents", str(files / "resp_export.csv"), "--quotas", str(files / "q.csv"), "--seed", SEED,
         "--seats", "10", "--household"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"drawn_number {selection.number}\n" in checked.stdout
    assert f"result_fingerprint {selection.result_fingerprint}" in checked.stdout
    assert "all meet the quotas: yes" in checked.stdout


def test_verify_panel_fails_on_a_tampered_list(two_stage, files):
    run("select_panel", "--council", two_stage.council.slug, "--quotas", str(files / "q.csv"), "--seed", SEED,
        "--panels", "50")
    selection = PanelSelection.objects.get(case=two_stage)
    selection.chosen = sorted(selection.panels[(selection.number) % 50])
    selection.save()
    with pytest.raises(CommandError, match="differs"):
        run("verify_panel", "--council", two_stage.council.slug)


def test_infeasible_quotas_are_refused_with_the_relaxation_and_nothing_changes(two_stage, files):
    (files / "bad.csv").write_text(QUOTAS.replace("sex,w,4,6", "sex,w,7,8"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"sex=(w 7–8 → 6–8|m 4–6 → 3–6)"):
        run("select_panel", "--council", two_stage.council.slug, "--quotas", str(files / "bad.csv"),
            "--seed", SEED, "--panels", "10")
    two_stage.refresh_from_db()
    assert not PanelSelection.objects.exists() and two_stage.respondents_frozen_at is None


def test_a_second_import_after_freezing_is_refused(two_stage, files):
    panel.freeze(two_stage)
    with pytest.raises(CommandError, match="eingefroren"):
        run("import_respondents", "--council", two_stage.council.slug, str(files / "r.csv"))


def test_replacement_keeps_the_quotas_and_is_logged(two_stage, files):
    selection = panel.select(two_stage, QUOTAS, SEED, panels=50)
    dropout = selection.chosen[0]
    taker = panel.replace(two_stage, dropout)
    selection.refresh_from_db()
    assert taker not in selection.chosen and dropout not in panel.current_panel(selection)
    assert selection.replacements[0]["replacement"] == taker
    assert PublicRecord.objects.get(council_key=two_stage.council_key).panel["lottery"]["replacements"] == 1


def test_purge_deletes_respondents_and_panel_lists(two_stage):
    panel.select(two_stage, QUOTAS, SEED, panels=20)
    retention.purge(two_stage)
    selection = PanelSelection.objects.get(case=two_stage)
    assert not two_stage.respondents.exists()
    assert selection.panels == [] and selection.chosen == [] and selection.result_fingerprint


def test_council_page_shows_commitment_and_lottery_but_no_id(two_stage, client):
    panel.freeze(two_stage)
    page = client.get(two_stage.council.url).content.decode()
    assert "Zusage vor der Losung" in page and "Losung des Panels" not in page
    two_stage.refresh_from_db()
    assert two_stage.respondents_fingerprint in page and "Losnummer, gezogen am Workshop-Vorabend" in page
    selection = panel.select(two_stage, QUOTAS, SEED, panels=20)
    page = client.get(two_stage.council.url).content.decode()
    assert selection.result_fingerprint in page and "Panel Nr. %d von 20" % selection.number in page
    assert "In Leichter Sprache" in page
    assert not any(i in page for i in selection.chosen)


def test_the_council_feed_carries_the_commitment_and_the_lottery(two_stage, client):
    panel.freeze(two_stage)
    url = reverse("councils:council_followups_rss", kwargs={"page_id": two_stage.council.pk})
    feed = client.get(url).content.decode()
    two_stage.refresh_from_db()
    assert "Zusage vor der Losung: 60 Rückmeldungen eingefroren" in feed
    assert two_stage.respondents_fingerprint in feed and "Panel ausgelost" not in feed
    selection = panel.select(two_stage, QUOTAS, SEED, panels=20)
    feed = client.get(url).content.decode()
    assert f"Panel ausgelost: Nr. {selection.number} von 20" in feed


def test_the_case_manager_sees_stage_two_and_downloads_are_logged(two_stage, client, manager_75, manager_other):
    selection = panel.select(two_stage, QUOTAS, SEED, panels=20)
    client.force_login(manager_75)
    dashboard = client.get(reverse("recruitment:dashboard", args=[two_stage.pk])).content.decode()
    assert reverse("recruitment:panel", args=[two_stage.pk]) in dashboard
    page = client.get(reverse("recruitment:panel", args=[two_stage.pk])).content.decode()
    assert selection.result_fingerprint in page
    listing = client.get(reverse("recruitment:panel_export", args=[two_stage.pk, "liste"]))
    assert "no-store" in listing["Cache-Control"]
    assert listing.content.decode().splitlines()[selection.number].startswith(f"{selection.number},")
    assert ModelLogEntry.objects.filter(object_id=str(two_stage.pk), action=audit.ACTION_PANEL_EXPORT).exists()
    chances = client.get(reverse("recruitment:panel_export", args=[two_stage.pk, "chancen"])).content.decode()
    rows = chances.splitlines()[1:]
    assert len(rows) == 60 and min(float(r.split(",")[2]) for r in rows) == pytest.approx(
        float(Fraction(selection.min_probability)))
    client.force_login(manager_other)
    assert client.get(reverse("recruitment:panel", args=[two_stage.pk])).status_code in (403, 404)
    assert client.get(reverse("recruitment:panel_export", args=[two_stage.pk, "liste"])).status_code in (403, 404)
