"""The real question bank, held to the item-writing limits in content/practice.yml.

A reader who answers by the shape of the options (always the longest, always the middle
position, always the one that echoes the stem) must do no better than about chance, and
every step needs enough questions to practise it.
"""

from __future__ import annotations

from datetime import date

import pytest

from imgguide import quality
from imgguide.validate import load_content

from ..conftest import PROJECT

CONTENT = load_content(PROJECT)
RULES = CONTENT.practice.quality
REPORT = quality.report(CONTENT.questions, RULES, date(2026, 12, 2), CONTENT.practice.settings.option_letters)
MIN_QUESTIONS_PER_STEP = 28
MIN_QUESTIONS = 260


@pytest.mark.parametrize("strategy", sorted(quality.STRATEGIES))
def test_no_test_wise_strategy_beats_the_limit(strategy: str):
    assert REPORT.strategies[strategy] <= RULES.max_strategy_score, quality.as_text(REPORT)


@pytest.mark.parametrize("step", [step.id for step in CONTENT.steps])
def test_the_key_is_rarely_the_longest_option_in_any_step(step: str):
    assert REPORT.per_step[step].key_longest_share <= RULES.max_key_longest_share, quality.as_text(REPORT)


def test_no_key_is_much_longer_than_its_distractors():
    assert REPORT.long_keys == []


def test_no_option_uses_a_banned_phrase():
    assert REPORT.banned_phrases == []


def test_keys_are_spread_over_the_positions_readers_see():
    assert not [problem for problem in REPORT.problems() if problem.startswith("key position")], quality.as_text(REPORT)


def test_the_bank_is_big_enough_to_practise_every_step():
    assert len(CONTENT.questions) >= MIN_QUESTIONS
    counts = {step.id: len(CONTENT.questions_for(step.id)) for step in CONTENT.steps}
    short = {step: n for step, n in counts.items() if n < MIN_QUESTIONS_PER_STEP}
    assert short == {}
