"""Validation of content/: every kind of bad input is reported with file, line, field,
what was expected and what was found, and all problems of all files come at once."""

from __future__ import annotations

import re

from imgguide.validate import load_content

from ..conftest import FIXTURE, PROJECT, ContentCopy

STEP = "content/steps/ecfmg-certification.yml"


def reviewed_line(content: ContentCopy) -> str:
    """The step's `last_reviewed:` line as it is today (it changes with every review)."""
    return re.search(r"^last_reviewed: .*$", content.read(STEP), re.M).group(0)


def only(errors):
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def test_the_real_content_is_valid():
    """The one test that reads content/ and questions/: every other test uses the fixture."""
    content = load_content(PROJECT)
    assert [step.id for step in content.steps] == list(content.guide.steps)
    assert [step.number for step in content.steps] == list(range(1, len(content.steps) + 1))
    # The bank: enough questions for every step, of every kind, with the answer not mostly
    # in one position (a test-wise reader would learn it).
    counts = {step.id: len(content.questions_for(step.id)) for step in content.steps}
    assert all(count >= 20 for count in counts.values()), counts
    assert {question.kind for question in content.questions} == {"recall", "application", "timeline"}
    positions = [next(i for i, o in enumerate(q.options) if o.correct) for q in content.questions]
    assert max(positions.count(position) for position in set(positions)) < 0.5 * len(positions)


def test_the_fixture_is_valid_and_steps_follow_the_guide_order():
    content = load_content(FIXTURE)
    assert [step.id for step in content.steps] == ["ecfmg-certification", "usmle-exams"]
    assert [step.number for step in content.steps] == [1, 2]
    assert [len(content.questions_for(step.id)) for step in content.steps] == [4, 4]


def test_yaml_syntax_error(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification", "title: [ECFMG certification")
    error = only(content.errors())
    assert error.file == STEP
    assert error.line in (line, line + 1)
    assert error.col > 0
    assert "YAML syntax error" in str(error)


def test_duplicate_key(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification\n", "title: ECFMG certification\ntitle: Again\n")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == (STEP, line + 1, "title")
    assert f"first defined on line {line}" in str(error)


def test_unknown_field_suggests_the_closest_known_one(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification\n", "title: ECFMG certification\ntitel: Typo\n")
    error = only(content.errors())
    assert (error.file, error.line, error.col, error.field) == (STEP, line + 1, 1, "titel")
    assert error.got == "'titel'"
    assert "did you mean 'title'?" in str(error)


def test_missing_required_field(content: ContentCopy):
    content.replace(STEP, "title: ECFMG certification\n", "")
    error = only(content.errors())
    # reported where the step's mapping starts (after the schema line)
    assert (error.file, error.line, error.field) == (STEP, content.line_of(STEP, "id: "), "title")
    assert "missing required field" in str(error)


def test_wrong_type_list_where_text_is_expected(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification", "title: [ECFMG, certification]")
    error = only(content.errors())
    assert (error.line, error.field, error.got) == (line, "title", "a list")
    assert error.expected == "one line of text without '<' or '>'"


def test_unquoted_yaml_boolean_where_text_is_expected(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification", "title: yes")
    error = only(content.errors())
    assert (error.line, error.col, error.field) == (line, 8, "title")
    assert str(error).endswith(
        "title: expected one line of text without '<' or '>', got the unquoted boolean 'yes' "
        "(put it in quotes, \"yes\", if you mean the text)"
    )


def test_quoted_yaml_boolean_is_accepted_as_text(content: ContentCopy):
    content.replace(STEP, "title: ECFMG certification", 'title: "yes"')
    assert content.errors() == []


def test_unquoted_yaml_date_where_text_is_expected(content: ContentCopy):
    line = content.replace(STEP, "title: ECFMG certification", "title: 2026-01-01")
    error = only(content.errors())
    assert (error.line, error.field) == (line, "title")
    assert "the unquoted date '2026-01-01'" in str(error)


def test_date_field_with_text_that_is_not_a_date(content: ContentCopy):
    line = content.replace(STEP, reviewed_line(content), "last_reviewed: soon")
    error = only(content.errors())
    assert str(error) == f"{STEP}:{line}:16: last_reviewed: expected a date like 2026-11-26, got 'soon'"


def test_impossible_calendar_date(content: ContentCopy):
    content.replace(STEP, reviewed_line(content), "last_reviewed: 2026-02-30")
    error = only(content.errors())
    assert error.expected == "a real calendar date"


def test_boolean_field_accepts_only_true_or_false(content: ContentCopy):
    line = content.replace(
        "content/sources.yml",
        "requirements-for-certification.html\n  official: true\n",
        "requirements-for-certification.html\n  official: yes\n",
    ) + 1
    error = only(content.errors())
    assert (error.file, error.line, error.field) == ("content/sources.yml", line, "[0].official")
    assert error.expected == "true or false"


def test_source_url_must_be_https(content: ContentCopy):
    line = content.replace(
        "content/sources.yml",
        "url: https://ecfmg.org/certification/requirements-for-certification.html",
        "url: http://ecfmg.org/certification/requirements-for-certification.html",
    )
    error = only(content.errors())
    assert (error.file, error.line, error.field) == ("content/sources.yml", line, "[0].url")
    assert error.expected == "an https:// URL"


def test_duplicate_source_id(content: ContentCopy):
    first = content.line_of("content/sources.yml", "- id: ecfmg-requirements")
    text = content.read("content/sources.yml")
    content.write("content/sources.yml", text + "\n- id: ecfmg-requirements\n  publisher: X\n  title: Y\n"
                  "  url: https://example.org/\n  official: false\n  checked: 2026-12-02\n")
    error = only(content.errors())
    assert (error.file, error.line) == ("content/sources.yml", text.count("\n") + 2)
    assert error.field.endswith("].id")
    assert f"duplicate source id 'ecfmg-requirements' (already used at content/sources.yml:{first})" in str(error)


def test_duplicate_checklist_item_id(content: ContentCopy):
    line = content.replace("content/checklist.yml", "- id: myintealth-account", "- id: school-qualifies")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == ("content/checklist.yml", line, "items[1].id")
    assert "duplicate checklist item id 'school-qualifies'" in str(error)


def test_duplicate_step_id_across_files(content: ContentCopy):
    content.write("content/steps/ecfmg-copy.yml", content.read(STEP))
    line = content.line_of("content/steps/ecfmg-copy.yml", "id: ")
    messages = [str(error) for error in content.errors()]
    assert any(f"content/steps/ecfmg-copy.yml:{line}:5: id: duplicate step id 'ecfmg-certification'" in m
               for m in messages)
    assert any("expected the file name without .yml ('ecfmg-copy')" in m for m in messages)


def test_reference_to_a_step_that_does_not_exist(content: ContentCopy):
    line = content.replace("content/checklist.yml", "step: usmle-exams\n    sources: [usmle-step-1-faq]",
                           "step: usmle-exam\n    sources: [usmle-step-1-faq]")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == ("content/checklist.yml", line, "items[2].step")
    assert str(error) == (
        f"content/checklist.yml:{line}:11: items[2].step: expected the id of an existing step, "
        "got 'usmle-exam' (did you mean 'usmle-exams'?)"
    )


def test_reference_to_a_source_that_does_not_exist(content: ContentCopy):
    line = content.replace(STEP, "sources: [usmle-attempt-limit]", "sources: [usmle-attempts]")
    error = only(content.errors())
    assert (error.file, error.line) == (STEP, line)
    assert error.field.endswith(".sources[0]")
    assert error.got == "'usmle-attempts'"
    assert error.message == "did you mean 'usmle-attempt-limit'?"


def test_badly_formed_id(content: ContentCopy):
    line = content.replace("content/checklist.yml", "- id: rank-strategy", "- id: Rank Strategy")
    error = only(content.errors())
    assert (error.line, error.field) == (line, "items[13].id")
    assert "lower-case letters, digits and hyphens" in error.expected


def test_step_file_must_be_listed_in_the_guide(content: ContentCopy):
    content.replace("content/guide.yml", "  - usmle-exams\n", "")
    line = content.line_of("content/steps/usmle-exams.yml", "id: ")
    messages = [str(error) for error in content.errors()]
    assert messages == [
        f"content/steps/usmle-exams.yml:{line}:5: id: step 'usmle-exams' is not listed under 'steps' "
        "in content/guide.yml"
    ]


def test_a_fee_or_date_without_a_source_is_refused(content: ContentCopy):
    content.replace(
        "content/checklist.yml",
        "    text: Your rank order list strategy has been discussed with a mentor.",
        "    text: Your rank order list strategy was discussed with a mentor by 1 March.",
    )
    error = only(content.errors())
    assert error.field == "items[13].sources"
    assert "cite at least one source" in error.message


def test_a_step_needs_at_least_two_sources(content: ContentCopy):
    text = content.read(STEP)
    import re

    content.write(STEP, re.sub(r"sources: \[[^\]]*\]", "sources: [ecfmg-requirements]", text))
    error = only(content.errors())
    assert (error.file, error.field) == (STEP, "sources")
    assert error.expected == "at least 2 different sources cited on the page"


def test_other_file_types_in_content_folders_are_reported(content: ContentCopy):
    content.write("content/steps/notes.yaml", "id: x\n")
    assert [str(e) for e in content.errors()] == ["content/steps/notes.yaml: content files must end in .yml"]


def test_all_problems_in_all_files_are_reported_at_once_in_file_order(content: ContentCopy):
    content.replace(STEP, reviewed_line(content), "last_reviewed: soon")
    content.replace("content/home.yml", "heading: The bottom line", "heading: [x]")
    content.replace("content/checklist.yml", "- id: rank-strategy", "- id: Rank")
    content.write("content/pages/timeline-trap.yml", "id: [broken\n")
    errors = content.errors()
    assert [(error.file, error.field) for error in errors] == [
        ("content/checklist.yml", "items[13].id"),
        ("content/home.yml", "bottom_line.heading"),
        ("content/pages/timeline-trap.yml", ""),
        (STEP, "last_reviewed"),
    ]
