"""The item-writing report catches the cues a test-wise reader would use."""

from __future__ import annotations

from datetime import date

from imgguide import quality
from imgguide.models import Option, QualityRules, Question

RULES = QualityRules(
    max_key_longest_share=0.25, max_key_length_ratio=1.3, max_strategy_score=0.30,
    max_position_deviation=2.5, near_duplicate_similarity=0.5, banned_option_phrases=("all of the above",),
)


def question(qid: str, key: str, *distractors: str, stem: str = "Which is right?", step: str = "s",
             season: int | None = None) -> Question:
    options = [Option(id="key", text=key, correct=True, rationale="Yes.")]
    options += [Option(id=f"d{i}", text=text, rationale="No.") for i, text in enumerate(distractors)]
    return Question(id=qid, step=step, topics=("t",), difficulty=1, kind="recall", stem=stem,
                    options=tuple(options), objective=f"Objective of {qid}.", season=season,
                    last_reviewed=date(2026, 12, 2))


def test_a_key_much_longer_than_its_distractors_is_listed_and_counted_as_longest():
    long_key = question("long", "A long and carefully qualified answer that hedges", "Short one", "Short two",
                        "Short six")
    report = quality.report([long_key], RULES)
    assert report.long_keys == [("long", round(quality.key_length_ratio(long_key), 2))]
    assert report.per_step["s"].key_longest == 1
    assert any("strictly longest" in problem for problem in report.problems())


def test_options_of_equal_length_give_the_longest_strategy_only_chance():
    even = question("even", "Alpha", "Bravo", "Delta", "Gamma")
    assert quality.pick_longest(even) == 0.25
    assert quality.report([even], RULES).long_keys == []


def test_the_middle_position_strategy_scores_the_key_only_where_it_stands():
    q = question("q", "Alpha", "Bravo", "Delta", "Gamma")
    middle = len(q.options) // 2
    assert quality.pick_middle(q) == (1.0 if quality.key_index(q) == middle else 0.0)


def test_an_option_echoing_the_stem_is_what_the_stem_words_strategy_picks():
    echo = question("echo", "The ERAS token from ECFMG", "A visa stamp", "A hospital badge", "A licence",
                    stem="Who issues the ERAS token to an IMG?")
    assert quality.pick_most_stem_words(echo) == 1.0


def test_banned_phrases_are_reported_whatever_their_case():
    lazy = question("lazy", "Alpha", "Bravo", "Delta", "All of the above")
    assert quality.report([lazy], RULES).banned_phrases == [("lazy", "all of the above")]


def test_near_duplicate_stems_in_one_step_are_reported_but_not_across_steps():
    a = question("a", "W", "X", "Y", "Z", stem="Who can apply for a VSLO elective as a graduate?")
    b = question("b", "W", "X", "Y", "Z", stem="Who can apply for a VSLO elective as a student?")
    c = question("c", "W", "X", "Y", "Z", stem="Who can apply for a VSLO elective as a graduate?", step="other")
    pairs = quality.report([a, b, c], RULES).near_duplicates
    assert [(x, y) for x, y, _ in pairs] == [("a", "b")]


def test_a_season_counts_as_passed_once_its_residencies_have_started():
    old = question("old", "W", "X", "Y", "Z", stem="In the 2026 Match ...", season=2026)
    current = question("new", "W", "X", "Y", "Z", stem="In the 2027 Match ...", season=2027)
    assert quality.report([old, current], RULES, date(2026, 12, 2)).passed_seasons == [("old", 2026)]
    assert quality.season_passed(2026, date(2026, 7, 1)) is False
    assert quality.season_passed(2026, date(2026, 7, 2)) is True
