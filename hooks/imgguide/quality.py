"""Item-writing quality of the question bank, measured the way a test-wise reader exploits it.

A good single-best-answer item cannot be answered by its form: the key is not the longest
or the most carefully qualified option, it is not always in the same place, and it does not
echo the stem. This module measures those cues over the bank (per step and overall) and
lists the items to rewrite; the limits are data (`quality:` in content/practice.yml).
`imgguide stats --quality` prints the report and a test holds the real bank to the limits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from .models import MAX_OPTIONS, QualityRules, Question

_WORD = re.compile(r"[a-z0-9$]+(?:[.,'][a-z0-9]+)*")
# Words that carry no meaning when comparing an option with its stem.
_STOP = frozenset(
    "a an the of to in on at by for and or is are be was were it its this that with as from "
    "your you their they he she his her not no can must may which what when who how than".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> set[str]:
    return {word for word in words(text) if word not in _STOP}


def key_index(question: Question) -> int:
    """Where the key stands in the order readers see (see option_order)."""
    return next(i for i, option in enumerate(question.shown_options) if option.correct)


def is_strictly_longest(question: Question) -> bool:
    lengths = [len(option.text) for option in question.options]
    return len(question.answer.text) == max(lengths) and lengths.count(max(lengths)) == 1


def key_length_ratio(question: Question) -> float:
    """The key's length over the mean length of the distractors."""
    distractors = [len(option.text) for option in question.options if not option.correct]
    return len(question.answer.text) / (sum(distractors) / len(distractors))


# Each strategy returns the probability of being right on one question: a reader who
# cannot break a tie picks among the tied options at random.
def _share(chosen: Sequence[bool], question: Question) -> float:
    options = question.shown_options
    picks = [option for option, pick in zip(options, chosen, strict=True) if pick]
    return sum(option.correct for option in picks) / len(picks)


def pick_longest(question: Question) -> float:
    lengths = [len(option.text) for option in question.shown_options]
    return _share([length == max(lengths) for length in lengths], question)


def pick_shortest(question: Question) -> float:
    lengths = [len(option.text) for option in question.shown_options]
    return _share([length == min(lengths) for length in lengths], question)


def pick_middle(question: Question) -> float:
    middle = len(question.options) // 2
    return _share([index == middle for index in range(len(question.options))], question)


def pick_most_stem_words(question: Question) -> float:
    stem = content_words(question.stem)
    overlap = [len(stem & content_words(option.text)) for option in question.shown_options]
    return _share([count == max(overlap) for count in overlap], question)


STRATEGIES = {
    "always the longest option": pick_longest,
    "always the shortest option": pick_shortest,
    "always the middle position": pick_middle,
    "always the option sharing most words with the stem": pick_most_stem_words,
}


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of the content words of two texts (0 to 1)."""
    a, b = content_words(first), content_words(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def season_passed(season: int, today: date) -> bool:
    """A Match year's season is over once its residencies have started (1 July)."""
    return today > date(season, 7, 1)


@dataclass(frozen=True)
class StepQuality:
    questions: int
    key_longest: int
    positions: dict[str, int]

    @property
    def key_longest_share(self) -> float:
        return self.key_longest / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class Report:
    rules: QualityRules
    per_step: dict[str, StepQuality]
    overall: StepQuality
    long_keys: list[tuple[str, float]]
    banned_phrases: list[tuple[str, str]]
    near_duplicates: list[tuple[str, str, float]]
    strategies: dict[str, float]
    position_expected: dict[str, float]
    passed_seasons: list[tuple[str, int]] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Every way the bank breaks the limits, one line each (empty when it meets them)."""
        found = []
        for step, quality in self.per_step.items():
            if quality.key_longest_share > self.rules.max_key_longest_share:
                found.append(
                    f"{step}: the key is the strictly longest option in {quality.key_longest} of "
                    f"{quality.questions} questions ({quality.key_longest_share:.0%}; limit "
                    f"{self.rules.max_key_longest_share:.0%})"
                )
        found += [
            f"{qid}: the key is {ratio:.2f} times the mean distractor length (limit {self.rules.max_key_length_ratio})"
            for qid, ratio in self.long_keys
        ]
        found += [f"{qid}: option '{phrase}' is not allowed" for qid, phrase in self.banned_phrases]
        found += [
            f"{name}: scores {score:.0%} (limit {self.rules.max_strategy_score:.0%})"
            for name, score in self.strategies.items()
            if score > self.rules.max_strategy_score
        ]
        for letter, expected in self.position_expected.items():
            observed = self.overall.positions.get(letter, 0)
            if expected and abs(observed - expected) / expected**0.5 > self.rules.max_position_deviation:
                found.append(f"key position {letter}: {observed} keys where about {expected:.0f} are expected")
        return found


def _step_quality(questions: Iterable[Question], letters: str) -> StepQuality:
    questions = list(questions)
    positions = Counter(letters[key_index(question)] for question in questions)
    return StepQuality(
        questions=len(questions),
        key_longest=sum(is_strictly_longest(question) for question in questions),
        positions={letter: positions.get(letter, 0) for letter in letters[:MAX_OPTIONS]},
    )


def report(
    questions: Sequence[Question], rules: QualityRules, today: date | None = None, letters: str = "ABCDE"
) -> Report:
    """The cues over `questions`; key positions are named with `letters` (the site's option letters)."""
    steps = sorted({question.step for question in questions})
    expected = Counter()
    for question in questions:
        for index in range(len(question.options)):
            expected[letters[index]] += 1 / len(question.options)
    banned = [
        (question.id, phrase)
        for question in questions
        for option in question.options
        for phrase in rules.banned_option_phrases
        if phrase.lower() in option.text.lower()
    ]
    near = [
        (a.id, b.id, round(score, 2))
        for a, b in combinations(questions, 2)
        if a.step == b.step
        and (score := max(similarity(a.stem, b.stem), similarity(a.objective, b.objective)))
        >= rules.near_duplicate_similarity
    ]
    return Report(
        rules=rules,
        per_step={step: _step_quality((q for q in questions if q.step == step), letters) for step in steps},
        overall=_step_quality(questions, letters),
        long_keys=sorted(
            ((q.id, round(key_length_ratio(q), 2)) for q in questions
             if key_length_ratio(q) >= rules.max_key_length_ratio),
            key=lambda item: -item[1],
        ),
        banned_phrases=banned,
        near_duplicates=sorted(near, key=lambda item: -item[2]),
        strategies={
            name: sum(strategy(q) for q in questions) / len(questions) if questions else 0.0
            for name, strategy in STRATEGIES.items()
        },
        position_expected={letter: round(expected[letter], 1) for letter in letters[:MAX_OPTIONS]},
        passed_seasons=sorted(
            (q.id, q.season) for q in questions if q.season is not None and today and season_passed(q.season, today)
        ),
    )


def as_text(result: Report) -> str:
    lines = ["Key is the strictly longest option, per step"]
    width = max((len(step) for step in result.per_step), default=0)
    for step, quality in [*result.per_step.items(), ("all", result.overall)]:
        lines.append(
            f"  {step:<{width}}  {quality.key_longest:>3} of {quality.questions:<3} "
            f"({quality.key_longest_share:.0%})  positions "
            + " ".join(f"{letter}={count}" for letter, count in quality.positions.items())
        )
    lines.append("  expected positions " + " ".join(f"{k}={v}" for k, v in result.position_expected.items()))
    lines.append("")
    lines.append("Test-wise strategies (share answered right)")
    lines += [f"  {name}: {score:.1%}" for name, score in result.strategies.items()]
    lines.append("")
    lines.append(f"Keys at least {result.rules.max_key_length_ratio} times the mean distractor length")
    lines += [f"  {qid}  {ratio}" for qid, ratio in result.long_keys] or ["  none"]
    lines.append("")
    lines.append("Options with a banned phrase")
    lines += [f"  {qid}  '{phrase}'" for qid, phrase in result.banned_phrases] or ["  none"]
    lines.append("")
    lines.append(f"Near-duplicate questions (stem or objective similarity >= {result.rules.near_duplicate_similarity})")
    lines += [f"  {a} ~ {b}  {score}" for a, b, score in result.near_duplicates] or ["  none"]
    lines.append("")
    lines.append("Questions whose season has passed")
    lines += [f"  {qid}  {season}" for qid, season in result.passed_seasons] or ["  none"]
    problems = result.problems()
    lines.append("")
    lines.append(f"Limits broken: {len(problems)}")
    lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines) + "\n"
