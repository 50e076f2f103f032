"""Two-stage selection, the plain logic: CSV convention, fair distribution, lottery, replacement."""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from recruitment.logic import panel, panel_lottery, panel_solver
from recruitment.logic.panel_data import PanelInputError, Quota, Respondent, parse_quotas, parse_respondents

QUOTAS = """feature,value,min,max
sex,w,4,6
sex,m,4,6
age,jung,2,4
age,mittel,3,5
age,alt,2,4
"""


def pool(n=60, seed=3, households=False):
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        household = f"haus{i // 2}" if households and i < 20 else ""
        rows.append(Respondent(f"p{i:03d}", {"sex": rnd.choice("wm"), "age": rnd.choice(["jung", "mittel", "alt"]),
                                            "edu": rnd.choice("abc")}, household))
    return rows


def test_quotas_read_in_both_header_conventions():
    old = QUOTAS.replace("feature,value", "category,name")
    assert parse_quotas(QUOTAS) == parse_quotas(old)
    assert Quota("sex", "w", 4, 6) in parse_quotas(QUOTAS)
    with pytest.raises(PanelInputError, match="min <= max"):
        parse_quotas("feature,value,min,max\nsex,w,5,4\n")


def test_respondents_need_an_id_and_unique_ids():
    people = parse_respondents("id;sex;age;household\nb;w;jung;Hauptstr 1\na;m;alt;\n")
    assert [p.id for p in people] == ["a", "b"]
    assert people[1].features == {"sex": "w", "age": "jung"} and people[1].household == "hauptstr 1"
    with pytest.raises(PanelInputError, match="twice"):
        parse_respondents("id,sex\na,w\na,m\n")
    with pytest.raises(PanelInputError, match="column id"):
        parse_respondents("name,sex\na,w\n")


def test_every_listed_panel_meets_the_quotas_and_the_chances_are_fair():
    people, quotas = pool(), parse_quotas(QUOTAS)
    result = panel.select(people, quotas, 10, "7-7-3", panels=200)
    by_id = {p.id: p for p in people}
    assert len(result.panels) == 200
    assert all(not panel_lottery.quota_violations(list(p), by_id, quotas, 10) for p in result.panels)
    assert result.chosen == result.panels[result.number - 1]
    # Nobody is left out; the least likely respondent gets close to the average 10/60.
    assert result.never_selectable == 0
    assert result.min_probability >= 0.12


def test_same_input_in_another_order_gives_the_same_result():
    people, quotas = pool(), parse_quotas(QUOTAS)
    first = panel.select(people, quotas, 10, "seed", panels=100)
    shuffled = list(people)
    random.Random(1).shuffle(shuffled)
    second = panel.select(shuffled, list(reversed(quotas)), 10, "seed", panels=100)
    assert first.result_fingerprint == second.result_fingerprint
    assert first.panels == second.panels
    other_seed = panel.select(people, quotas, 10, "another seed", panels=100)
    assert other_seed.panels_fingerprint == first.panels_fingerprint  # the list does not depend on the seed
    assert other_seed.number == panel_lottery.drawn_number("another seed", 100)


def test_household_members_never_sit_together():
    people, quotas = pool(households=True), parse_quotas(QUOTAS)
    result = panel.select(people, quotas, 10, "seed", panels=100, household_rule=True)
    by_id = {p.id: p for p in people}
    for listed in result.panels:
        assert not panel_lottery.quota_violations(list(listed), by_id, quotas, 10, household_rule=True)


def test_infeasible_quotas_name_the_conflict_and_a_relaxation():
    quotas = parse_quotas(QUOTAS.replace("sex,w,4,6", "sex,w,7,8"))
    with pytest.raises(PanelInputError) as info:
        panel.select(pool(), quotas, 10, "seed", panels=10)
    assert info.value.code == "infeasible"
    changes = {(q.feature, q.value): (lo, hi) for q, lo, hi in info.value.params["changes"]}
    # w needs at least 7 and m at least 4 of 10 seats: relaxing one bound by one seat suffices.
    assert changes in ({("sex", "w"): (6, 8)}, {("sex", "m"): (3, 6)})


def test_a_dropout_is_replaced_by_the_best_fitting_volunteer():
    people, quotas = pool(), parse_quotas(QUOTAS)
    result = panel.select(people, quotas, 10, "seed", panels=50)
    by_id = {p.id: p for p in people}
    dropout = result.chosen[0]
    taker = panel_lottery.replacement(list(result.chosen), dropout, people, quotas, 10, "seed")
    assert taker not in result.chosen
    assert by_id[taker].features["sex"] == by_id[dropout].features["sex"]
    assert by_id[taker].features["age"] == by_id[dropout].features["age"]
    new_panel = [i for i in result.chosen if i != dropout] + [taker]
    assert not panel_lottery.quota_violations(new_panel, by_id, quotas, 10)
    assert taker == panel_lottery.replacement(list(result.chosen), dropout, list(reversed(people)), quotas, 10,
                                              "seed")


def test_the_solver_thread_count_does_not_change_the_published_list():
    # HiGHS fixes its thread count once per process, so the second count runs in a fresh one.
    script = """
import json, sys
sys.path[:0] = ["tests/recruitment", "."]
from recruitment.logic import panel, panel_solver
from recruitment.logic.panel_data import parse_quotas
from test_panel_logic import QUOTAS, pool
panel_solver.THREADS = int(sys.argv[1])
r = panel.select(pool(), parse_quotas(QUOTAS), 10, "seed", panels=100)
print(json.dumps([r.panels_fingerprint, r.result_fingerprint]))
"""
    root = Path(__file__).resolve().parents[2]
    runs = [subprocess.run([sys.executable, "-c", script, str(threads)], cwd=root, capture_output=True, text=True,
                           check=True).stdout for threads in (1, 2)]
    here = panel.select(pool(), parse_quotas(QUOTAS), 10, "seed", panels=100)
    assert runs[0] == runs[1] == json.dumps([here.panels_fingerprint, here.result_fingerprint]) + "\n"


def test_nobody_a_quota_shuts_out_is_listed_and_leximin_is_as_fair_as_maximin_at_the_bottom():
    people = pool() + [Respondent("z-divers", {"sex": "d", "age": "alt", "edu": "a"})]
    quotas = parse_quotas(QUOTAS + "sex,d,0,0\n")
    leximin = panel.select(people, quotas, 10, "seed", panels=200)
    maximin = panel.select(people, quotas, 10, "seed", panels=200, method="maximin")
    for result in (leximin, maximin):
        assert result.probabilities["z-divers"] == 0 and result.never_selectable == 1
        assert all(not any(i == "z-divers" for i in listed) for listed in result.panels)
    others = lambda r: min(p for i, p in r.probabilities.items() if i != "z-divers")  # noqa: E731
    # Both guarantee the same smallest chance (give or take the rounding to 200 panels); leximin
    # then spreads the rest more evenly.
    assert abs(others(leximin) - others(maximin)) <= 0.01 and others(leximin) >= 0.12
    assert panel_lottery.gini(leximin.probabilities.values()) <= panel_lottery.gini(maximin.probabilities.values())


def test_leximin_stopped_at_a_solver_cap_still_meets_the_quotas_and_keeps_the_maximin_minimum():
    problem = panel_solver.build_problem(pool(), parse_quotas(QUOTAS + "edu,a,2,5\nedu,b,2,5\nedu,c,2,5\n"), 10)
    full = panel_solver.fair_distribution(problem)
    maximin = min(panel_solver.fair_distribution(problem, "maximin").type_probabilities())
    # The smallest cap on pricing rounds per level that lets the maximin level finish.
    for cap in range(1, 100):
        try:
            capped = panel_solver.fair_distribution(problem, level_rounds=cap)
        except PanelInputError as exc:
            assert exc.code == "solver_limit"  # stopped in the maximin level: an error, no unfair result
            continue
        if not capped.complete:
            break
    assert not capped.complete and 1 <= capped.levels < full.levels and full.complete
    for listed in capped.panels:
        seats = dict(listed)
        assert sum(seats.values()) == 10
        for q, types in zip(problem.quotas, problem.quota_types, strict=True):
            assert q.min <= sum(seats.get(t, 0) for t in types) <= q.max
    assert abs(sum(capped.weights) - 1) < 1e-6
    assert min(capped.type_probabilities()) >= maximin - 1e-6
    with pytest.raises(PanelInputError) as info:
        panel_solver.fair_distribution(problem, lp_iterations=1)
    assert info.value.code == "solver_limit"


def test_a_solver_limit_reaches_the_manager_as_one_german_line():
    from recruitment.services.panel import error_message

    message = error_message(PanelInputError("solver_limit", "the maximin level did not finish"))
    assert "Schrittlimit" in message and "nichts wurde gespeichert" in message and "MAXIMIN" in message
