"""Bad content stops the build before MkDocs touches the site directory, and says why."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..conftest import copy_project, run_build


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_broken_content_leaves_an_existing_site_exactly_as_it_was(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    (site / "reader-visible-marker.txt").write_text("built before the bad edit")
    before = snapshot(site)

    step = project / "content/steps/interviews.yml"
    step.write_text(re.sub(r"^last_reviewed: .*$", "last_reviewed: soon", step.read_text(), flags=re.M))
    checklist = project / "content/checklist.yml"
    checklist.write_text(checklist.read_text().replace("- id: rank-strategy", "- id: Rank Strategy"))

    result = run_build(project, site)
    assert result.returncode == 1
    assert "2 content problems found" in result.output
    assert "content/checklist.yml:" in result.output and "items[13].id" in result.output
    assert "content/steps/interviews.yml:" in result.output and "last_reviewed: expected a date" in result.output
    assert "Traceback" not in result.output
    assert snapshot(site) == before


def test_hostile_text_in_content_is_escaped_in_the_page(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    step = project / "content/steps/interviews.yml"
    hostile = "Watch out <b>bold</b> </script><script>alert(1)</script> &amp; <!-- x"
    text = step.read_text()
    first_claim = text.index("  - text: >-", text.index("what_it_is:"))
    step.write_text(text[:first_claim] + f"  - text: '{hostile}'\n" + text[first_claim:])
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = (tmp_path / "site/steps/interviews/index.html").read_text()
    assert "&lt;b&gt;bold&lt;/b&gt; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &lt;!-- x" in html
    assert "<script>alert(1)" not in html


def test_html_in_a_title_is_refused_because_the_theme_would_not_escape_it(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    step = project / "content/steps/usmle-exams.yml"
    text = step.read_text()
    line = text[: text.index("\ntitle: ")].count("\n") + 2
    step.write_text(text.replace("\ntitle: ", "\ntitle: </title><script>x</script> ", 1))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1
    expected = f"content/steps/usmle-exams.yml:{line}:8: title: expected one line of text without '<' or '>'"
    assert expected in result.output
    assert "(HTML is not allowed here)" in result.output
    assert not (tmp_path / "site").exists()
