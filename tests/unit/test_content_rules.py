"""Rules that keep the guide current: every source says when it was last read and is cited
somewhere, every claim about a named Match season says which season, and the maintainer can
list what belongs to a season that has passed."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from pathlib import Path

import pytest

from imgguide import stats
from imgguide.fields import INVALID, Context, ListOf, Record
from imgguide.models import Claim, Cost, Source, named_seasons, season_passed
from imgguide.pages import render_site
from imgguide.validate import load_content
from imgguide.yamlload import parse

from ..conftest import FIXTURE, PROJECT, ContentCopy


def convert(text: str, field_type):
    """Convert inline YAML with one field type; return (value, errors)."""
    document, problems = parse(text, "inline.yml")
    assert not problems, problems
    ctx = Context(document)
    return field_type.convert(document.data, (), ctx), ctx.errors


SOURCE = """\
- id: usmle-service-transition
  publisher: USMLE
  title: Phase two of USMLE Service Transition complete
  url: https://www.usmle.org/phase-two
  official: true
"""


# -- sources: when they were read ------------------------------------------------------


def test_a_source_must_say_when_it_was_last_read():
    value, errors = convert(SOURCE, ListOf(Record(Source)))
    assert value is INVALID
    (error,) = errors
    assert (error.line, error.field, error.got) == (1, "[0].checked", "nothing")
    assert "missing required field" in str(error)


def test_a_source_with_its_check_date_converts():
    (source,), errors = convert(SOURCE + "  checked: 2026-12-02\n", ListOf(Record(Source)))
    assert errors == []
    assert source.checked == date(2026, 12, 2)


def test_every_sources_list_shows_the_day_each_source_was_last_read():
    content = load_content(FIXTURE)
    for page in render_site(content):
        lines = page.markdown.split("\n")
        for source_id in page.cited:
            checked = content.sources[source_id].checked
            entry = lines[lines.index(f"   {{ #source-{source_id} }}") - 1]
            assert f'checked <time datetime="{checked.isoformat()}">' in entry, (page.src_uri, entry)


# -- sources: cited somewhere ----------------------------------------------------------


def test_a_source_that_nothing_cites_is_refused_with_its_line(content: ContentCopy):
    text = content.read("content/sources.yml")
    content.write("content/sources.yml", text.rstrip("\n") + (
        "\n\n- id: forgotten-page\n  publisher: X\n  title: Y\n  url: https://example.org/\n"
        "  official: false\n  checked: 2026-12-02\n"
    ))
    (error,) = content.errors()
    assert (error.file, error.line) == ("content/sources.yml", text.rstrip("\n").count("\n") + 3)
    assert "source 'forgotten-page' is not cited by any claim" in str(error)


def test_an_uncited_source_waits_until_the_other_problems_are_fixed(content: ContentCopy):
    """Removing a citation while fixing a step must not bury the step's own error."""
    content.replace("content/steps/usmle-exams.yml", "title: USMLE Step 1 and Step 2 CK", "title: [broken")
    errors = content.errors()
    assert errors and all("is not cited" not in str(error) for error in errors)


# -- claims: which season they are about -----------------------------------------------


@pytest.mark.parametrize(("text", "seasons"), [
    ("For the 2027 Match, the list is due in March.", (2027,)),
    ("Before the 2027 Main Residency Match starts.", (2027,)),
    ("Ranking opened around 1 February in the 2023 and 2024 Matches.", (2024,)),
    ("In the ERAS 2026 season programs read from 24 September 2025.", (2026,)),
    ("The 2026 season closed on 31 May 2026.", (2026,)),
    ("The 2026 Pathways opened on 19 August 2025.", (2026,)),
    ("Each season accepts recent results (for 2025, from 1 January 2023).", (2025,)),
    ("The applicant fee was $370 (2023).", (2023,)),
    ("It was 1 March 2023 for the 2023 Match and 28 February 2024 for the 2024 Match.", (2023, 2024)),
])
def test_texts_that_name_a_season(text, seasons):
    assert named_seasons(text) == seasons


@pytest.mark.parametrize("text", [
    "Step 1 taken on or after 26 January 2022 shows only pass or fail.",
    "Residency starts on 1 July 2027.",
    "ECFMG has required this since 2024.",
    "The stored page lists the fees of 2016-17.",
    "A $50 late fee applies after the deadline.",
])
def test_texts_that_name_no_season(text):
    assert named_seasons(text) == ()


def test_a_claim_that_names_a_season_must_say_which():
    claim, errors = convert("text: For the 2027 Match, rank by 3 March 2027.\nsources: [a]\n", Record(Claim))
    assert claim is INVALID
    (error,) = errors
    assert (error.line, error.field) == (1, "text")
    assert "names the season 2027" in error.message and "season: 2027" in error.message


def test_the_season_must_be_one_the_text_names():
    _, errors = convert("text: For the 2027 Match.\nsources: [a]\nseason: 2026\n", Record(Claim))
    (error,) = errors
    assert (error.line, error.field) == (3, "season")
    assert "season 2026 is not one the text names (2027)" in error.message


def test_a_claim_with_its_season_converts():
    claim, errors = convert("text: For the 2027 Match.\nsources: [a]\nseason: 2027\n", Record(Claim))
    assert errors == [] and claim.season == 2027


def test_a_season_is_a_year_written_as_a_number():
    _, errors = convert("text: Residency starts on 1 July 2027.\nsources: [a]\nseason: next\n", Record(Claim))
    (error,) = errors
    assert error.field == "season" and error.expected == "a whole number from 2000 to 2100"


def test_a_claim_without_a_named_season_may_still_give_one():
    claim, errors = convert("text: Residency starts on 1 July 2027.\nsources: [a]\nseason: 2027\n", Record(Claim))
    assert errors == [] and claim.season == 2027


def test_a_cost_names_its_season_in_applies_to_and_says_which():
    cost = "item: ERAS token\namount: $165\napplies_to: ERAS 2024 season\nsources: [a]\n"
    _, errors = convert(cost, Record(Cost))
    (error,) = errors
    assert (error.line, error.field) == (3, "applies_to")
    assert "applies_to names the season 2024" in error.message
    value, errors = convert(cost + "season: 2024\n", Record(Cost))
    assert errors == [] and value.season == 2024


# -- which seasons have passed ---------------------------------------------------------


def test_a_season_passes_when_its_residents_start_on_1_july():
    assert not season_passed(2026, date(2026, 6, 30))
    assert season_passed(2026, date(2026, 7, 1))
    assert not season_passed(2027, date(2026, 12, 2))
    assert season_passed(2025, date(2026, 12, 2))


def test_passed_seasons_takes_anything_with_a_file_a_line_and_a_season():
    Item = namedtuple("Item", "file line season")  # e.g. the questions the lead adds
    items = [Item("questions/b.yml", 9, 2026), Item("content/a.yml", 30, 2027), Item("content/a.yml", 4, 2025)]
    listed = stats.passed_seasons(items, date(2026, 12, 2))
    assert [(item.file, item.line, item.season) for item in listed] == [
        ("content/a.yml", 4, 2025), ("questions/b.yml", 9, 2026),
    ]
    assert stats.passed_seasons(items, date(2026, 6, 30)) == [stats.SeasonItem("content/a.yml", 4, 2025)]


def test_season_items_are_found_with_their_lines_in_content_and_questions(tmp_path: Path):
    (tmp_path / "content" / "steps").mkdir(parents=True)
    (tmp_path / "questions").mkdir()
    (tmp_path / "content" / "steps" / "a.yml").write_text(
        "id: a\n"
        "what_it_is:\n"
        "  - text: No season here.\n"
        "  - text: For the 2026 Match.\n"
        "    season: 2026\n"
    )
    (tmp_path / "questions" / "a.yml").write_text("- id: q\n  stem: Which?\n  season: 2027\n")
    (tmp_path / "content" / "broken.yml").write_text("a: [\n")
    assert stats.season_items(tmp_path) == [
        stats.SeasonItem("content/steps/a.yml", 4, 2026),
        stats.SeasonItem("questions/a.yml", 1, 2027),
    ]


def test_stats_lists_what_has_passed_as_file_line_and_season():
    content = load_content(FIXTURE)
    items = [stats.SeasonItem("content/steps/x.yml", 12, 2026), stats.SeasonItem("content/steps/x.yml", 20, 2028)]
    result = stats.compute(content, date(2026, 12, 2), seasoned=items)
    assert result.passed_seasons == [items[0]]
    assert "content/steps/x.yml:12  season 2026" in stats.as_table(result)
    assert "x.yml:20" not in stats.as_table(result)
    assert result.as_dict()["passed_seasons"] == [{"file": "content/steps/x.yml", "line": 12, "season": 2026}]


# -- the real content ------------------------------------------------------------------


def test_the_real_content_cites_every_source_dates_every_season_and_lists_past_ones():
    content = load_content(PROJECT)  # fails on an uncited source or a claim without its season
    assert all(source.checked for source in content.sources.values())
    passed = stats.passed_seasons(stats.season_items(PROJECT), date(2026, 12, 2))
    assert stats.SeasonItem("content/steps/eras-application.yml",
                            _line_of("content/steps/eras-application.yml", "**ERAS 2026 season"), 2026) in passed
    assert all(item.season < 2027 for item in passed)


def _line_of(relative: str, fragment: str) -> int:
    """The line of the claim mapping ('- text: >-') that holds `fragment`."""
    lines = (PROJECT / relative).read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if fragment in line)
    while "- text:" not in lines[index]:
        index -= 1
    return index + 1
