"""The cost estimator: content/costs.yml is validated like every other file, and the one
cost function (costs.py) gives the figures the issue asks for. The browser's copy
(ig-costs.js) must give the same lines, totals and markup on every shared scenario."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from imgguide import costs
from imgguide.validate import load_content

from ..conftest import PROJECT, ContentCopy

COSTS = "content/costs.yml"
SCENARIOS = json.loads((PROJECT / "tests" / "costs_scenarios.json").read_text(encoding="utf-8"))["scenarios"]
COSTS_JS = PROJECT / "overrides" / "assets" / "javascripts" / "ig-costs.js"
CONTENT = load_content(PROJECT)
DATA = costs.data(CONTENT.costs)


def scenario_inputs(scenario: dict) -> dict:
    return {**DATA["defaults"], **scenario["inputs"]}


# ------------------------------------------------------------------ a small inline fixture --

LABELS = {name: name for name in ("specialty", "count_programs", "count_attempts", "count_sittings",
                                  "count_months", "count_interviews", "level_low", "level_typical", "level_high")}
LABELS["count_ranks"] = "beyond {included}"


def item(**fields) -> dict:
    base = {
        "id": "x", "label": "X", "phase": "p", "step": "s", "scale": "once", "exam": None, "mode": None,
        "when": [], "low": 10, "typical": 10, "high": 10, "tiers": [], "included": None, "unpriced": False,
        "original": None, "note": "", "season": 2027, "confidence": "verified", "sources": ["a"], "advice": False,
    }
    return {**base, **fields}


def fixture(*items: dict) -> dict:
    return {"season": 2027, "phases": [{"id": "p", "label": "P"}, {"id": "q", "label": "Q"}],
            "items": list(items), "labels": LABELS}


INPUTS = {
    "programs": [0, 0, 0], "ranks": 0, "step_1_attempts": 0, "step_2_ck_attempts": 0, "region": "outside",
    "oet_sittings": 0, "pathway": False, "step_3": False, "usce_months": 0, "usce_level": "typical",
    "interviews": 0, "in_person_percent": 0, "visa": "j1", "late_registration": False,
}
TIERS = [{"first": 1, "last": 30, "amount": 11}, {"first": 31, "last": None, "amount": 30}]


def typical_of(data: dict, **inputs) -> list[int]:
    return [line["typical"] for line in costs.estimate(data, {**INPUTS, **inputs})["lines"]]


def test_programs_are_priced_by_tier_and_each_specialty_starts_again():
    data = fixture(item(scale="per-program", tiers=TIERS, low=0, typical=0, high=0))
    assert typical_of(data, programs=[30, 0, 0]) == [330]
    assert typical_of(data, programs=[31, 0, 0]) == [360]
    assert typical_of(data, programs=[100, 0, 0]) == [2430]
    assert typical_of(data, programs=[150, 0, 0]) == [3930]
    assert typical_of(data, programs=[31, 31, 0]) == [360, 360]
    result = costs.estimate(data, {**INPUTS, "programs": [40, 0, 5]})
    assert [line["label"] for line in result["lines"]] == ["X (specialty 1)", "X (specialty 3)"]
    assert result["lines"][0]["detail"] == "count_programs: 40 (30 \u00d7 $11 + 10 \u00d7 $30)"


def test_ranks_cost_only_beyond_the_included_number():
    data = fixture(item(scale="per-rank", included=20, low=30, typical=30, high=30))
    assert typical_of(data, ranks=20) == []
    assert typical_of(data, ranks=21) == [30]
    assert costs.estimate(data, {**INPUTS, "ranks": 25})["lines"][0]["detail"] == "beyond 20: 5 \u00d7 $30"


def test_attempts_sittings_months_and_interviews_multiply_the_amount():
    data = fixture(
        item(id="s1", scale="per-attempt", exam="step-1", low=100, typical=100, high=100),
        item(id="ck", scale="per-attempt", exam="step-2-ck", low=200, typical=200, high=200),
        item(id="oet", scale="per-sitting", low=10, typical=15, high=20),
        item(id="usce", scale="per-month", low=1000, typical=2000, high=3000),
        item(id="int", scale="per-interview", mode="in-person", low=250, typical=375, high=499),
    )
    result = costs.estimate(data, {**INPUTS, "step_1_attempts": 2, "step_2_ck_attempts": 1, "oet_sittings": 3,
                                   "usce_months": 2, "usce_level": "high", "interviews": 10,
                                   "in_person_percent": 35})
    by_id = {line["item"]: (line["low"], line["typical"], line["high"]) for line in result["lines"]}
    assert by_id == {
        "s1": (200, 200, 200), "ck": (200, 200, 200), "oet": (30, 45, 60),
        "usce": (6000, 6000, 6000),  # the reader's chosen fee level, for every column
        "int": (1000, 1500, 1996),  # 35% of 10 interviews, rounded half up: 4 in person
    }
    assert result["total"] == {"low": 7430, "typical": 7945, "high": 8456}


def test_conditions_select_lines_and_unpriced_lines_are_listed_but_not_added():
    data = fixture(
        item(id="j1", when=["j1"]), item(id="h1b", when=["h1b"]), item(id="step3", when=["step-3"]),
        item(id="abroad", when=["outside-us"], unpriced=True, confidence="unverified", low=0, typical=0, high=0),
        item(id="late", when=["late-registration"], phase="q"),
    )
    j1 = costs.estimate(data, INPUTS)
    assert [line["item"] for line in j1["lines"]] == ["j1", "abroad"]
    assert (j1["total"]["typical"], j1["unpriced"]) == (10, 1)
    h1b = costs.estimate(data, {**INPUTS, "visa": "h1b", "region": "inside", "late_registration": True})
    assert [line["item"] for line in h1b["lines"]] == ["h1b", "step3", "late"]  # Step 3 comes with the H-1B
    assert [(phase["id"], phase["typical"]) for phase in h1b["phases"]] == [("p", 20), ("q", 10)]


def test_lines_not_confirmed_for_the_season_are_flagged():
    data = fixture(item(id="now"), item(id="old", season=2024), item(id="check", confidence="confirm"))
    flagged = {line["item"]: line["flagged"] for line in costs.estimate(data, INPUTS)["lines"]}
    assert flagged == {"now": False, "old": True, "check": True}


def test_a_range_without_a_typical_value_uses_its_midpoint_rounded_half_up():
    oet = next(entry for entry in DATA["items"] if entry["id"] == "oet-medicine")
    assert (oet["low"], oet["typical"], oet["high"]) == (365, 383, 400)
    assert oet["original"]["currency"] == "AUD"


def test_the_form_limits_come_from_the_model():
    assert DATA["limits"]["step_1_attempts"] == [0, 4]
    assert DATA["limits"]["in_person_percent"] == [0, 100]
    assert DATA["limits"]["programs"] == [0, 999]


# ------------------------------------------------------------------ the real content -------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_shared_scenarios_give_the_hand_worked_figures(scenario):
    result = costs.estimate(DATA, scenario_inputs(scenario))
    expect = scenario.get("expect", {})
    if "total" in expect:
        assert result["total"] == expect["total"]
    if "eras" in expect:
        assert [line["typical"] for line in result["lines"] if line["item"] == "eras-programs"] == expect["eras"]
    assert result["total"]["low"] <= result["total"]["typical"] <= result["total"]["high"]


def test_every_line_of_the_default_scenario_has_a_season_a_confidence_and_a_source():
    result = costs.estimate(DATA, DATA["defaults"])
    for line in result["lines"]:
        assert line["season"] and line["confidence"] in ("verified", "confirm", "unverified")
        assert line["sources"], line["item"]
    assert result["unpriced"] == 2  # the test-region surcharge and the Pathway fee


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_python_and_javascript_agree_on_every_scenario(tmp_path: Path):
    config = {**DATA, "cite": {source: [n, f"Source {n}"] for n, source in enumerate(sorted(
        {s for entry in DATA["items"] for s in entry["sources"]}), start=1)}, "steps": {"usmle-exams": "../x/"}}
    (tmp_path / "config.json").write_text(json.dumps(config))
    inputs = [scenario_inputs(scenario) for scenario in SCENARIOS]
    (tmp_path / "inputs.json").write_text(json.dumps(inputs))
    script = f"""
        const costs = require({json.dumps(str(COSTS_JS))});
        const config = require({json.dumps(str(tmp_path / "config.json"))});
        const inputs = require({json.dumps(str(tmp_path / "inputs.json"))});
        console.log(JSON.stringify(inputs.map((i) => {{
          const result = costs.estimate(config, i);
          return {{result, html: costs.resultsHtml(config, result)}};
        }})));
    """
    out = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)
    cite = {source: tuple(value) for source, value in config["cite"].items()}
    for scenario, scenario_input, from_js in zip(SCENARIOS, inputs, out, strict=True):
        result = costs.estimate(DATA, scenario_input)
        assert from_js["result"] == json.loads(json.dumps(result)), scenario["name"]
        assert from_js["html"] == costs.Markup(config, cite, config["steps"]).results(result), scenario["name"]


# ------------------------------------------------------------------ validation -------------


def errors_for(content: ContentCopy) -> list:
    return [error for error in content.errors() if error.file == COSTS]


def test_tiers_must_be_contiguous_and_open_ended(content: ContentCopy):
    line = content.replace(COSTS, "      - first: 31\n        amount: 30",
                           "      - first: 32\n        amount: 30")
    error = only(errors_for(content))
    assert (error.line, error.col, error.field) == (line, 9, "items[9].tiers[1].first")
    assert "tiers must be contiguous: expected first: 31, got 32" in str(error)


def only(errors: list):
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def test_every_problem_of_every_item_is_reported_at_once_with_its_position(content: ContentCopy):
    zero = content.replace(COSTS, "    amount: 160\n", "    amount: 0\n")
    token = content.line_of(COSTS, "  - id: eras-token\n")  # a missing field is reported at its item
    content.replace(COSTS, "    amount: 165\n    season: 2024\n", "    amount: 165\n")
    late = content.replace(COSTS, "    confidence: confirm\n    sources: [nrmp-illuminator-2023-01]\n",
                           "    confidence: confirm\n")
    found = {(error.line, error.field): str(error) for error in errors_for(content)}
    assert "expected a whole number of at least 1, got 0" in found[(zero, "items[0].amount")]
    assert "missing required field" in found[(token, "items[7].season")]
    assert "cite at least one source, or set 'advice: true'" in found[(late - 8, "items[13].sources")]
    assert all(str(error).startswith(f"{COSTS}:") for error in errors_for(content))


def test_rules_across_items_are_reported_together(content: ContentCopy):
    content.replace(COSTS, "    amount: 80\n    season: 2024\n    confidence: confirm\n",
                    "    amount: 80\n    season: 2024\n")
    verified = content.line_of(COSTS, "  - id: usmle-transcript\n")  # no confidence: reported at the item
    phase = content.replace(COSTS, "    phase: match\n    step: rank-and-match\n    scale: per-rank",
                            "    phase: matches\n    step: rank-and-match\n    scale: per-rank")
    duplicate = content.replace(COSTS, "  - id: sevis-fee\n", "  - id: j1-sponsorship\n")
    found = {(error.line, error.field): str(error) for error in errors_for(content)}
    assert "season 2024, before the estimate's season 2027: set 'confidence: confirm'" in found[
        (verified, "items[8].confidence")], found
    assert "no phase 'matches'" in found[(phase, "items[12].phase")], found
    assert "duplicate cost id 'j1-sponsorship'" in found[(duplicate, "items[15].id")], found


def test_a_range_needs_both_ends_in_order(content: ContentCopy):
    line = content.replace(COSTS, "    low: 365\n    high: 400\n", "    low: 400\n    high: 365\n")
    error = errors_for(content)[0]
    assert (error.line, error.field) == (line + 1, "items[4].high")
    assert "must be more than low (400), got 365" in str(error)


def test_a_cost_needs_exactly_one_kind_of_amount(content: ContentCopy):
    content.replace(COSTS, "    scale: once\n    amount: 160\n", "    scale: once\n    amount: 160\n    low: 1\n"
                    "    high: 2\n")
    error = errors_for(content)[0]
    assert "give exactly one of 'amount', a range ('low' and 'high'), 'tiers' or 'unpriced: true'" in str(error)
    assert "found amount and low/high" in str(error)
