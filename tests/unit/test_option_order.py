"""Readers see options in an order that depends on ids, never on the YAML file's order."""

from __future__ import annotations

from dataclasses import dataclass

from imgguide.option_order import display_order, sort_key


@dataclass(frozen=True)
class Opt:
    id: str
    text: str


def ids(options) -> list[str]:
    return [option.id for option in options]


def test_amounts_are_shown_in_ascending_order_whatever_the_file_order():
    options = [Opt("c", "$2,430"), Opt("a", "$330"), Opt("d", "$3,930"), Opt("b", "$360")]
    assert ids(display_order("eras-fee", options)) == ["a", "b", "c", "d"]


def test_durations_in_different_units_compare_by_length():
    options = [Opt("m", "2 months"), Opt("d", "21 days"), Opt("w", "8 weeks"), Opt("y", "1 year")]
    assert ids(display_order("q", options)) == ["d", "w", "m", "y"]


def test_dates_are_shown_in_calendar_order():
    options = [
        Opt("b", "3 March 2027"), Opt("a", "1 February 2027"), Opt("d", "1 July 2027"), Opt("c", "19 March 2027")
    ]
    assert ids(display_order("q", options)) == ["a", "b", "c", "d"]


def test_mixed_kinds_are_not_sorted_as_numbers():
    assert sort_key("$330") != sort_key("330") and sort_key("Four letters") is None
    options = [Opt("a", "$330"), Opt("b", "21 days"), Opt("c", "Never"), Opt("d", "3 March 2027")]
    assert ids(display_order("q", options)) == ids(display_order("q", list(reversed(options))))


def test_text_options_keep_one_order_when_the_file_order_or_the_wording_changes():
    options = [Opt("alpha", "One"), Opt("beta", "Two"), Opt("gamma", "Three"), Opt("delta", "Four")]
    reworded = [Opt("delta", "Four, reworded"), Opt("gamma", "3"), Opt("alpha", "Uno"), Opt("beta", "Dos")]
    assert ids(display_order("q-1", options)) == ids(display_order("q-1", reworded))


def test_the_key_lands_in_every_position_about_equally_often():
    counts = [0, 0, 0, 0]
    for number in range(400):
        options = [Opt("key", "Right"), Opt("x", "Wrong 1"), Opt("y", "Wrong 2"), Opt("z", "Wrong 3")]
        counts[ids(display_order(f"question-{number}", options)).index("key")] += 1
    assert all(70 <= count <= 130 for count in counts), counts
