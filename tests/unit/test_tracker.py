"""My applications: content/signals.yml holds only numbers the program-signals page gives (for
the same season, from the same sources), content/tracker.yml is checked strictly with
file:line errors, and the page carries what the tracker needs."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from imgguide.blobs import Blob
from imgguide.models import TRACKER_CHOICES
from imgguide.validate import load_content

from ..conftest import PROJECT, ContentCopy

CONTENT = load_content(PROJECT)
SIGNALS = "content/signals.yml"
TRACKER = "content/tracker.yml"


def only(errors):
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def signal_bullets() -> list:
    """The claims of the program-signals page that give numbers, with their season."""
    page = next(article for article in CONTENT.articles if article.id == "program-signals")
    section = next(section for section in page.sections if section.id == "numbers-by-specialty")
    return [claim for claim in section.bullets if claim.season]


def allotments():
    for season in CONTENT.signals.seasons:
        for allotment in season.allotments:
            yield season.season, allotment


@pytest.mark.parametrize(
    ("season", "allotment"), list(allotments()), ids=lambda value: getattr(value, "specialty", str(value))
)
def test_every_signal_number_is_on_the_program_signals_page_for_its_season(season, allotment):
    name = next(s.name for s in CONTENT.signals.specialties if s.id == allotment.specialty).lower()
    if len(allotment.tiers) == 1:
        wanted = f"{allotment.tiers[0].count}"
    else:
        wanted = " and ".join(f"{tier.count} {tier.label.lower()}" for tier in allotment.tiers)
    found = [
        claim for claim in signal_bullets()
        if claim.season == season and re.search(
            rf"{re.escape(name)}\b[^;.]*?\b{re.escape(wanted)}\b", claim.text.lower().replace("\n", " ")
        )
    ]
    assert found, f"{name}: {wanted} is not on the program-signals page for season {season}"
    assert set(allotment.sources) <= {source for claim in found for source in claim.sources}
    assert allotment.confidence == found[0].confidence


def test_every_specialty_has_a_name_and_other_specialties_are_covered():
    ids = [s.id for s in CONTENT.signals.specialties]
    assert "other" in ids
    assert len(ids) == len(set(ids))
    assert CONTENT.sources[CONTENT.signals.check_source].official


def test_the_letter_limit_and_the_rank_note_cite_their_official_sources():
    tracker = CONTENT.tracker
    assert tracker.settings.letters_per_program == 4
    letters = next(claim for claim in tracker.notes if "four letters" in claim.text)
    assert letters.sources == ("aamc-letters",)
    assert "nrmp-rol-recommendations" in tracker.rank_note.sources
    assert all(CONTENT.sources[source].official for source in tracker.rank_note.sources)
    assert "true order of preference" in tracker.rank_note.text


def test_menus_offer_exactly_the_stored_ids():
    for group, wanted in TRACKER_CHOICES.items():
        assert sorted(choice.id for choice in getattr(CONTENT.tracker.choices, group)) == sorted(wanted)


def test_cost_lines_named_by_the_tracker_exist_in_the_cost_estimator():
    known = {item.id for item in CONTENT.costs.items}
    settings = CONTENT.tracker.settings
    assert set(settings.eras_cost_items) | set(settings.nrmp_cost_items) <= known


# ---------------------------------------------------------------------- bad input --------


def test_an_allotment_for_an_unknown_specialty(content: ContentCopy):
    line = content.replace(SIGNALS, "      - specialty: pathology\n", "      - specialty: pathologyy\n")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == (SIGNALS, line, "seasons[0].allotments[5].specialty")
    assert "no specialty 'pathologyy'" in str(error)


def test_a_signal_count_that_is_not_a_number_and_a_missing_source(content: ContentCopy):
    line = content.replace(SIGNALS, "            count: 15\n", "            count: fifteen\n")
    content.replace(SIGNALS, "          - id: gold\n            label: Gold\n            count: 6\n"
                             "          - id: silver\n            label: Silver\n            count: 6\n"
                             "        sources: [aamc-signals-2025]\n",
                    "          - id: gold\n            label: Gold\n            count: 6\n"
                    "          - id: silver\n            label: Silver\n            count: 6\n"
                    "        sources: [aamc-signals-20255]\n")
    errors = content.errors()
    assert [(e.file, e.line) for e in errors][0] == (SIGNALS, line)
    assert errors[0].got == "'fifteen'" and "whole number" in errors[0].expected
    assert any("aamc-signals-20255" in str(e) for e in errors)
    assert len(errors) == 2, "both problems are reported at once"


def test_the_same_season_twice(content: ContentCopy):
    line = content.replace(SIGNALS, "  - season: 2026\n", "  - season: 2025\n")
    error = only(content.errors())
    assert (error.file, error.line) == (SIGNALS, line)
    assert "listed twice" in str(error)


def test_a_menu_id_removed_from_tracker_yml(content: ContentCopy):
    content.replace(TRACKER, "    - id: withdrawn\n", "    - id: gone\n")
    error = only(content.errors())
    assert error.file == TRACKER
    assert "must list exactly the ids" in str(error) and "withdrawn" in str(error)


def test_a_default_season_outside_the_list(content: ContentCopy):
    line = content.replace(TRACKER, "  default_season: 2027\n", "  default_season: 2031\n")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == (TRACKER, line, "settings.default_season")
    assert "must be one of seasons" in str(error)


def test_an_unknown_cost_line(content: ContentCopy):
    line = content.replace(TRACKER, "  eras_cost_items: [eras-programs]\n", "  eras_cost_items: [eras-program]\n")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == (TRACKER, line, "settings.eras_cost_items[0]")
    assert error.got == "'eras-program'"


def test_a_missing_label(content: ContentCopy):
    line = content.line_of(TRACKER, "  wipe_yes:")
    content.replace(TRACKER, "  wipe_yes: Delete everything\n", "")
    error = only(content.errors())
    assert error.file == TRACKER and error.field == "labels.wipe_yes"
    assert error.line < line


def test_the_tracker_needs_the_signals_file(content: ContentCopy):
    content.path(SIGNALS).unlink()
    errors = content.errors()
    assert any(e.file == TRACKER and "signals.yml" in str(e) for e in errors), errors


# ---------------------------------------------------------------------- the page ---------


def test_the_page_explains_without_javascript_and_embeds_what_the_tracker_needs(tmp_path):
    from imgguide.pages import SiteOptions, render_site

    class NoQuestions:
        def render(self, *args):
            return ""

        def render_blob(self, *args, **kwargs):
            return Blob.in_memory("")

        def template(self):
            return ""

    site = SiteOptions(use_directory_urls=True, question_markup=NoQuestions(), bank_asset="assets/bank.json")
    page = next(p for p in render_site(CONTENT, site) if p.src_uri == "my-applications.md")
    html = page.fill_slots("\n".join(page.html_slots))
    assert CONTENT.tracker.labels["noscript"].split()[0] in html
    payload = json.loads(unescape(re.search(r"data-ig-tracker='([^']*)'", html).group(1)))
    assert payload["settings"]["letters"] == 4
    assert payload["signals"]["2025"]["internal-medicine"]["tiers"][0] == {"id": "gold", "label": "Gold", "count": 3}
    assert "2027" not in payload["signals"], "no number is invented for a season we could not read"
    assert payload["costs"]["items"] and payload["costsUrl"] == "../costs/"
    assert set(payload["cite"]) >= {"aamc-signals-2025", "nrmp-rol-recommendations"}
    assert "#rank-note" in page.markdown and "ig-tracker__privacy" in page.markdown
