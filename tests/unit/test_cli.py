"""The `imgguide` command, as a contributor uses it: validate, stats, new, export, schemas."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imgguide import schemas
from imgguide.cli import main
from imgguide.validate import load_content

from ..conftest import FIXTURE, PROJECT

CONTENT = load_content(FIXTURE)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture's content and questions, with the project's schemas, to run the command on."""
    for name in ("content", "questions"):
        shutil.copytree(FIXTURE / name, tmp_path / name)
    shutil.copytree(PROJECT / "schemas", tmp_path / "schemas")
    shutil.copy2(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


# ------------------------------------------------------------------ validate ----------


def test_validate_passes_on_good_content(project: Path, capsys):
    assert run(capsys, "--root", str(project), "validate") == (0, "", "content OK\n")


def test_validate_prints_one_problem_per_line_and_exits_1(project: Path, capsys):
    step = project / "content/steps/usmle-exams.yml"
    step.write_text(re.sub(r"^last_reviewed: .*$", "last_reviewed: soon", step.read_text(), flags=re.M))
    questions = project / "questions/usmle-exams.yml"
    questions.write_text(questions.read_text().replace("      correct: true\n", "", 1))
    code, out, _ = run(capsys, "--root", str(project), "validate")
    assert code == 1
    lines = out.strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("content/steps/usmle-exams.yml:") and ": last_reviewed: expected a date" in lines[0]
    assert lines[1].startswith("questions/usmle-exams.yml:") and "exactly one option" in lines[1]
    for line in lines:  # file:line:col: field: message, the format editors and CI annotate
        assert len(line.split(":")) >= 5 and line.split(":")[1].isdigit() and line.split(":")[2].isdigit()


def test_validate_as_json_and_only_for_the_paths_asked(project: Path, capsys):
    step = project / "content/steps/usmle-exams.yml"
    step.write_text(re.sub(r"^last_reviewed: .*$", "last_reviewed: soon", step.read_text(), flags=re.M))
    code, out, _ = run(capsys, "--root", str(project), "validate", "--format", "json")
    (problem,) = json.loads(out)
    assert code == 1
    assert problem["file"] == "content/steps/usmle-exams.yml" and problem["field"] == "last_reviewed"
    assert problem["expected"] == "a date like 2026-11-26" and problem["got"] == "'soon'"
    assert problem["line"] > 0 and problem["col"] > 0
    assert run(capsys, "--root", str(project), "validate", str(project / "questions")) == (0, "", "content OK\n")


def test_validate_finds_the_project_from_the_current_folder(project: Path, capsys, monkeypatch):
    monkeypatch.chdir(project / "content" / "steps")
    assert run(capsys, "validate")[0] == 0


def test_a_wrong_command_line_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["frobnicate"])
    assert stop.value.code == 2


def test_the_module_and_the_installed_command_are_the_same(project: Path):
    result = subprocess.run([sys.executable, "-m", "imgguide", "--root", str(project), "validate"],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "content OK\n")


# ------------------------------------------------------------------ stats -------------


def test_stats_as_a_table(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "stats", "--today", "2026-11-26")
    assert code == 0
    for heading in ("Questions per step", "Questions per difficulty", "Questions per topic",
                    "Steps with fewer questions than required", "Sources per domain"):
        assert heading in out
    assert f"  {CONTENT.steps[0].id}" in out


def test_stats_as_json_with_what_is_stale_and_what_is_short(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "stats", "--format", "json",
                       "--today", "2028-01-15", "--older-than", "12", "--min-questions", "23")
    data = json.loads(out)
    assert code == 0
    assert data["reviewed_before"] == "2027-01-15"
    assert set(data["stale_steps"]) == {step.id for step in CONTENT.steps}
    assert len(data["stale_questions"]) == len(CONTENT.questions)
    assert data["steps_short_of_questions"] == {
        step: count for step, count in data["questions_per_step"].items() if count < 23
    }
    assert sum(data["questions_per_step"].values()) == len(CONTENT.questions)
    assert data["sources_per_domain"]["www.nrmp.org"] >= 5
    fresh = json.loads(run(capsys, "--root", str(project), "stats", "--format", "json", "--today", "2026-11-26")[1])
    assert fresh["stale_steps"] == {} and fresh["stale_questions"] == {}


# ------------------------------------------------------------------ new ---------------


def test_new_question_then_validate(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "new", "question", "--step", "usmle-exams")
    assert code == 0 and "Added question 'usmle-exams-" in out
    first = out.split("'")[1]
    code, out, _ = run(capsys, "--root", str(project), "new", "question", "--step", "usmle-exams")
    second = out.split("'")[1]
    assert code == 0 and second != first
    content = load_content(project)
    assert {first, second} <= {question.id for question in content.questions_for("usmle-exams")}
    assert run(capsys, "--root", str(project), "validate")[0] == 0


def test_new_question_in_a_step_without_a_file_yet(project: Path, capsys):
    (project / "questions/usmle-exams.yml").unlink()
    code, _, _ = run(capsys, "--root", str(project), "new", "question", "--step", "usmle-exams", "--id", "my-question")
    assert code == 0
    text = (project / "questions/usmle-exams.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/questions.schema.json\n- id: my-question")


def test_new_step_then_validate(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "new", "step", "fellowship", "--title", "Fellowship")
    assert code == 0, out
    content = load_content(project)
    assert content.steps[-1].id == "fellowship" and content.steps[-1].title == "Fellowship"
    assert "  - fellowship" in (project / "content/guide.yml").read_text()


def test_new_milestone_then_validate(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "new", "milestone", "book-flights",
                       "--step", "usmle-exams", "--title", "Book your flights")
    assert code == 0, out
    assert load_content(project).timeline.milestones[-1].id == "book-flights"


def test_new_never_overwrites(project: Path, capsys):
    before = (project / "content/steps/usmle-exams.yml").read_text()
    code, _, err = run(capsys, "--root", str(project), "new", "step", "usmle-exams", "--title", "Again")
    assert code == 1 and "step 'usmle-exams' already exists" in err
    assert (project / "content/steps/usmle-exams.yml").read_text() == before
    existing = CONTENT.questions_for("usmle-exams")[0].id
    code, _, err = run(capsys, "--root", str(project), "new", "question", "--step", "usmle-exams", "--id", existing)
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "--root", str(project), "new", "question", "--step", "nowhere")
    assert code == 1 and "no step 'nowhere'" in err


# ------------------------------------------------------------------ export ------------


def test_export_anki(project: Path, capsys, tmp_path: Path):
    target = tmp_path / "deck.txt"
    assert run(capsys, "--root", str(project), "export", "anki", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    headers = [line for line in text.split("\n") if line.startswith("#")]
    assert headers == ["#separator:tab", "#html:true", "#notetype:Basic", "#guid column:1", "#tags column:4"]
    rows = list(csv.reader(io.StringIO("\n".join(line for line in text.split("\n") if not line.startswith("#"))),
                           delimiter="\t"))
    rows = [row for row in rows if row]
    assert len(rows) == len(CONTENT.questions)
    first = CONTENT.questions[0]
    guid, front, back, tags = rows[0]
    assert guid == f"imgguide-{first.id}"
    assert '<ol type="A">' in front and front.count("<li>") == len(first.options)
    assert first.answer.text.replace("'", "&#x27;") in back
    assert tags.split() == ["imgguide", first.step, *first.topics]


def test_export_csv_round_trips_every_field(project: Path, capsys):
    code, out, _ = run(capsys, "--root", str(project), "export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(CONTENT.questions)
    for row, question in zip(rows, CONTENT.questions, strict=True):
        assert row["id"] == question.id and row["stem"] == question.stem
        letter = CONTENT.practice.settings.option_letters[[o.correct for o in question.shown_options].index(True)]
        assert row["answer"] == letter
        assert row[f"option_{letter.lower()}"] == question.answer.text
        assert row["rationale_a"] == question.shown_options[0].rationale


# ------------------------------------------------------------------ schemas -----------


def test_the_schemas_in_the_repository_are_up_to_date():
    real = load_content(PROJECT)  # the schemas offer the real content's ids
    stale = [
        name for name in schemas.SCHEMAS
        if (PROJECT / schemas.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        != schemas.schema_text(name, real)
    ]
    assert stale == [], "run: imgguide schemas"


def test_every_yaml_file_names_its_schema():
    missing = [
        str(path.relative_to(PROJECT))
        for name in schemas.SCHEMAS
        for path in schemas.files_for(PROJECT, name)
        if path.read_text(encoding="utf-8").split("\n", 1)[0] != schemas.modeline(PROJECT, path, name)
    ]
    assert missing == [], "run: imgguide schemas"


def test_schemas_offer_the_existing_ids_and_refuse_unknown_fields():
    question = json.loads(schemas.schema_text("questions", CONTENT))["items"]
    assert question["properties"]["step"]["enum"] == sorted(step.id for step in CONTENT.steps)
    assert question["additionalProperties"] is False
    assert "correct" in question["properties"]["options"]["items"]["properties"]
    assert set(question["required"]) >= {"id", "step", "stem", "options", "objective", "last_reviewed"}
    step = json.loads(schemas.schema_text("step", CONTENT))
    assert step["properties"]["title"]["pattern"] == "^[^<>]*$"
    assert step["properties"]["last_reviewed"]["format"] == "date"


def test_schemas_regenerate_with_the_command(project: Path, capsys):
    (project / "schemas/step.schema.json").write_text("{}")
    first = project / "content/steps/usmle-exams.yml"
    first.write_text("\n".join(first.read_text().split("\n")[1:]))
    assert run(capsys, "--root", str(project), "schemas")[0] == 0
    assert (project / "schemas/step.schema.json").read_text() == schemas.schema_text("step", CONTENT)
    assert first.read_text().startswith("# yaml-language-server: $schema=../../schemas/step.schema.json\n")


# ------------------------------------------------------------------ code style --------


@pytest.mark.skipif(shutil.which("ruff") is None and not (Path(sys.executable).parent / "ruff").exists(),
                    reason="ruff is installed with the test extras")
def test_the_code_base_passes_ruff():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "."], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_package_states_its_licence_in_the_form_setuptools_keeps_building():
    # A TOML table (`license = {text = ...}`) warns, and stops building after 2027-02-18.
    import tomllib

    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "MIT"
    assert all((PROJECT / name).is_file() for name in pyproject["project"]["license-files"])
    assert "setuptools>=77" in pyproject["build-system"]["requires"]
    assert "MIT License" in (PROJECT / "LICENSE").read_text(encoding="utf-8")


def test_the_pre_commit_hooks_run_the_project_commands(project: Path):
    import yaml

    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    ruff = next(repo for repo in config["repos"] if "ruff" in repo["repo"])
    assert ruff["rev"] == "v0.16.4"  # the same ruff as the test extras
    local = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    for hook_id in ("imgguide-validate", "imgguide-schemas"):
        command = local[hook_id]["entry"].split()
        assert command[:3] == ["python", "-m", "imgguide"]
        result = subprocess.run([sys.executable, "-m", "imgguide", "--root", str(project), *command[3:]],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
