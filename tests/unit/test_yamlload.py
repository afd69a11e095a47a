"""The strict YAML loader: plain data, positions for everything, and no silent surprises."""

from pathlib import Path

from imgguide.yamlload import Mark, load, parse


def test_every_scalar_stays_text_as_written():
    document, problems = parse("country: NO\nzip: 010\nday: 2026-09-24\nflag: on\nratio: 3.10\n", "x.yml")
    assert problems == []
    assert document.data == {"country": "NO", "zip": "010", "day": "2026-09-24", "flag": "on", "ratio": "3.10"}


def test_remembers_what_yaml_1_1_would_have_guessed_for_unquoted_values():
    document, _ = parse("a: yes\nb: 'yes'\nc: 2026-01-01\nd: hello\ne: ~\nf: 2027\n", "x.yml")
    guessed = {key: getattr(value, "yaml_type", None) for key, value in document.data.items()}
    assert guessed == {"a": "boolean", "b": None, "c": "date", "d": None, "e": "null", "f": "integer"}


def test_finds_the_line_and_column_of_any_value_and_key():
    document, _ = parse("steps:\n  - id: one\n    title: First\n", "x.yml")
    assert document.mark(("steps", 0, "title")) == Mark(3, 12)
    assert document.key_mark(("steps", 0, "title")) == Mark(3, 5)
    assert document.mark(("steps", 0, "missing")) == Mark(2, 5)


def test_positions_survive_releasing_the_node_tree(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_text("a: 1\nb:\n  c: 2\n")
    document, _ = load(path, "x.yml")
    document.release()
    assert document.mark(("b", "c")) == Mark(3, 6)


def test_syntax_error_names_line_and_column():
    _, problems = parse("a: [1, 2\nb: 3\n", "bad.yml")
    assert len(problems) == 1
    assert problems[0].file == "bad.yml"
    assert problems[0].line == 2
    assert "YAML syntax error" in str(problems[0])


def test_duplicate_keys_are_an_error_pointing_at_both_places():
    _, problems = parse("title: One\nsummary: x\ntitle: Two\n", "dup.yml")
    assert [(p.line, p.col, p.field) for p in problems] == [(3, 1, "title")]
    assert "first defined on line 1" in problems[0].message


def test_duplicate_keys_inside_lists_are_found_too():
    _, problems = parse("items:\n  - id: a\n    id: b\n", "dup.yml")
    assert [(p.line, p.field) for p in problems] == [(3, "items[0].id")]


def test_aliases_and_explicit_tags_are_refused():
    _, problems = parse("a: &x [1]\nb: *x\nc: !!python/object:os.system echo\n", "x.yml")
    messages = [(p.line, p.message.split(" ")[0]) for p in problems]
    assert (2, "aliases") in messages
    assert (3, "explicit") in messages


def test_one_document_per_file():
    _, problems = parse("a: 1\n---\nb: 2\n", "x.yml")
    assert problems[0].line == 3
    assert "only one YAML document" in problems[0].message


def test_empty_file_is_an_error():
    _, problems = parse("# only a comment\n", "empty.yml")
    assert str(problems[0]) == "empty.yml:1:1: file is empty"


def test_file_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.yml"
    path.write_bytes("title: Caf\xe9\n".encode("latin-1"))
    _, problems = load(path, "latin1.yml")
    assert "not valid UTF-8" in problems[0].message
