"""The hook-free path: `imgguide generate DIR` writes the site as a docs tree with its own
config, which any engine that reads mkdocs.yml builds without running hooks.

The same whole-site static checks run on the output of every engine: the default build
(MkDocs with the hooks), plain MkDocs on the generated tree, and Zensical on the generated
tree when it is installed (`pip install -e .[zensical]`; CI's experimental job)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from imgguide import generate, portable
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite, free_port
from . import test_quality, test_self_contained

CONTENT = load_content(PROJECT)
ENGINES = ("mkdocs-hooks", "mkdocs-generated", "zensical-generated")


@dataclass
class EngineSite(BuiltSite):
    engine: str = "mkdocs-hooks"


def generate_tree(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imgguide", "--root", str(PROJECT), "generate", str(out), *extra],
        capture_output=True, text=True,
    )


def build_generated(engine: str, tree: Path, port: int) -> EngineSite:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    site = tree / "site"
    if engine == "mkdocs-generated":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tree / "mkdocs.yml"),
                   "--site-dir", str(site)]
    else:
        pytest.importorskip("zensical", reason="Zensical is optional: pip install -e .[zensical]")
        command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(tree / "mkdocs.yml")]
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return EngineSite(site, port, result.stdout + result.stderr, engine)


@pytest.fixture(scope="module")
def generated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("generated")
    result = generate_tree(tree)
    assert result.returncode == 0, result.stderr
    return tree


@pytest.fixture(scope="module", params=ENGINES)
def engine_site(request, built_site: BuiltSite, generated_tree: Path) -> EngineSite:
    if request.param == "mkdocs-hooks":
        return EngineSite(built_site.path, built_site.port, built_site.output)
    tree = generated_tree.parent / f"{generated_tree.name}-{request.param}"
    if not tree.exists():
        shutil.copytree(generated_tree, tree)
        # The tree's config points at the project by a relative path: keep it valid here.
        config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
        config["INHERIT"] = str(PROJECT / "mkdocs.yml")
        config["theme"]["custom_dir"] = str(PROJECT / "overrides")
        (tree / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return build_generated(request.param, tree, free_port())


# -- the tree ------------------------------------------------------------------------------


def test_the_tree_holds_every_generated_page_the_bank_and_the_static_files(generated_tree: Path):
    build = generate.build_site(PROJECT)
    docs = generated_tree / "docs"
    # Each page sits in the folder of its URL (costs.md -> costs/index.md), so its relative
    # links mean the same to MkDocs and to Zensical (imgguide/portable.py).
    written = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    assert written == sorted(portable.folder_page(page.src_uri) for page in build.pages)
    for src_uri, markdown in generate.tree_pages(build, directory_urls=True).items():
        assert (docs / src_uri).read_text(encoding="utf-8") == markdown, src_uri
    for path, blob in build.assets.items():
        assert (docs / path).read_text(encoding="utf-8") == blob.read()
    for static in (PROJECT / "docs").rglob("*"):
        if static.is_file():
            assert (docs / static.relative_to(PROJECT / "docs")).read_bytes() == static.read_bytes()
    # No slot markers are left: the question markup is written into the page.
    assert not any("data-ig-slot" in path.read_text(encoding="utf-8") for path in docs.rglob("*.md"))


def test_the_config_inherits_the_project_and_carries_the_template_data(generated_tree: Path):
    config = yaml.safe_load((generated_tree / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (generated_tree / config["INHERIT"]).resolve() == (PROJECT / "mkdocs.yml").resolve()
    assert (generated_tree / config["theme"]["custom_dir"]).resolve() == (PROJECT / "overrides").resolve()
    assert config["hooks"] == []
    assert config["extra"]["ig_labels"]["disclaimer"] == CONTENT.labels.disclaimer
    assert config["extra"]["ig_labels"]["not_found_title"] == CONTENT.labels.not_found_title
    assert "ig_offline" not in config["extra"]  # no sw.js unless asked (--offline)
    build = generate.build_site(PROJECT)
    assert config["nav"] == portable.moved_nav(build.nav, portable.folder_pages(p.src_uri for p in build.pages))
    assert "steps/usmle-exams/index.md" in str(config["nav"])


def test_offline_tree_asks_for_the_worker_that_imgguide_service_worker_writes(tmp_path: Path):
    assert generate_tree(tmp_path, "--offline").returncode == 0
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["extra"]["ig_offline"] == {
        "update": CONTENT.labels.update_available, "reload": CONTENT.labels.update_reload,
    }
    site = tmp_path / "site"
    (site / "steps").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    command = [sys.executable, "-m", "imgguide", "--root", str(PROJECT), "service-worker", str(site)]
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert '"./"' in (site / "sw.js").read_text(encoding="utf-8")


def test_generate_refuses_to_write_over_the_project():
    result = generate_tree(PROJECT)
    assert result.returncode == 2
    assert "would overwrite the project" in result.stderr


def test_templates_read_data_only_from_config_extra_and_call_no_python_methods():
    # MiniJinja (Zensical) has no hook globals and no Python string methods.
    for template in sorted((PROJECT / "overrides").glob("*.html")):
        text = template.read_text(encoding="utf-8")
        assert re.findall(r"(?<!config\.extra\.)\big_(?:labels|offline)\b", text) == [], template.name
        for method in (".endswith(", ".startswith(", ".split(", ".join(", ".format(", ".items(", ".get("):
            assert method not in text, f"{template.name}: {method}"


# -- the same site from every engine --------------------------------------------------------


def test_the_generated_build_has_the_same_pages_and_files_as_the_hook_build(
    built_site: BuiltSite, engine_site: EngineSite
):
    def files(site: BuiltSite) -> set[str]:
        return {path.relative_to(site.path).as_posix() for path in site.path.rglob("*") if path.is_file()}

    pages = {path.relative_to(engine_site.path).as_posix() for path in engine_site.html_pages()}
    assert pages == {path.relative_to(built_site.path).as_posix() for path in built_site.html_pages()}
    if engine_site.engine == "mkdocs-generated":  # Zensical writes its own theme files
        assert files(engine_site) == files(built_site) - {"sw.js"}


def test_every_internal_link_and_anchor_resolves(engine_site: EngineSite):
    test_quality.test_no_broken_internal_link_or_anchor(engine_site)


def test_nothing_is_loaded_from_another_host(engine_site: EngineSite):
    test_self_contained.test_no_page_or_stylesheet_references_another_host(engine_site)
    test_self_contained.test_the_project_javascript_names_no_other_host(engine_site)


def test_every_step_page_and_the_practice_and_planner_pages_are_there(engine_site: EngineSite):
    for step in CONTENT.steps:
        html = engine_site.page(f"steps/{step.id}/index.html")
        assert 'class="ig-practice-block' in html or not CONTENT.questions_for(step.id), step.id
        assert CONTENT.labels.disclaimer.split()[0] in html
    assert "data-ig-practice=" in engine_site.page("practice/index.html")
    assert "data-ig-planner" in engine_site.page("planner/index.html")
    assert list(engine_site.path.glob("assets/data/question-bank.*.json"))


def test_the_404_page_leads_home(engine_site: EngineSite):
    test_quality.test_the_404_page_leads_home(engine_site)


def test_a_step_page_is_the_same_from_the_hooks_and_from_the_generated_tree(
    built_site: BuiltSite, generated_tree: Path, tmp_path: Path
):
    tree = tmp_path / "tree"
    shutil.copytree(generated_tree, tree)
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config["INHERIT"] = str(PROJECT / "mkdocs.yml")
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    (tree / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    site = build_generated("mkdocs-generated", tree, built_site.port)
    step = f"steps/{CONTENT.steps[0].id}/index.html"
    # The hook build also asks for its service worker; nothing else differs.
    offline = [line for line in built_site.page(step).splitlines() if "data-ig-offline" in line]
    expected = [line for line in built_site.page(step).splitlines() if line not in offline]
    assert site.page(step).splitlines() == expected


def test_a_page_s_question_list_is_cut_from_its_last_blob_except_for_the_questions_that_changed(tmp_path: Path):
    from imgguide.cache import BuildCache
    from imgguide.quizhtml import QuestionMarkup

    def markup(content=CONTENT):
        return QuestionMarkup(content, PROJECT / "overrides" / "partials", True, BuildCache(tmp_path / "cache"))

    step = CONTENT.steps[0]
    questions = CONTENT.questions_for(step.id)
    page = f"question-bank/{step.id}.md"
    whole = markup()._render(questions, page, 3)  # the template, every item at once
    assert markup().render(questions, page, 3) == whole
    assert markup().render((), page) == markup()._render((), page, 1)

    def blob_of(content, chosen, rendered):
        maker = markup(content)
        real = maker._item_html
        maker._item_html = lambda item: rendered.append(item.id) or real(item)
        return maker.render_blob(chosen, page, before="<section>", after="</section>")

    base = dataclasses.replace(CONTENT, question_digests={})  # questions hashed as models, like `changed`'s
    rendered: list[str] = []
    blob = blob_of(base, questions, rendered)
    assert blob.path is not None and blob.read() == "<section>" + markup()._render(questions, page, 1) + "</section>"
    assert len(rendered) == len(questions)
    rendered.clear()
    assert blob_of(base, questions, rendered) == blob and rendered == []  # nothing changed: taken whole
    # One question reworded: only it is rendered again; the others are cut from the last blob.
    reworded = dataclasses.replace(questions[1], stem=questions[1].stem + " (reworded)")
    changed = dataclasses.replace(base, questions=tuple(reworded if q is questions[1] else q for q in base.questions))
    again = changed.questions_for(step.id)
    expected = "<section>" + markup(changed)._render(again, page, 1) + "</section>"
    assert blob_of(changed, again, rendered).read() == expected
    assert rendered == [reworded.id]
    # The first question removed: every other one has a new number, so each is rendered again.
    rendered.clear()
    assert blob_of(changed, again[1:], rendered).read() == (
        "<section>" + markup(changed)._render(again[1:], page, 1) + "</section>"
    )
    assert rendered == [question.id for question in again[1:]]


def test_the_bank_joined_from_cached_questions_is_the_bank_dumped_whole(tmp_path: Path, monkeypatch):
    import json

    from imgguide import embed
    from imgguide.cache import BuildCache

    expected = embed.bank_assets(CONTENT)
    parts = embed.parts(CONTENT)
    part_of = {question.id: number for number, (_, _, questions) in enumerate(parts) for question in questions}
    index = {
        "v": embed.BANK_VERSION,
        "parts": [path.removeprefix("assets/data/") for path in expected.files if path != expected.index_path],
        "questions": [{**embed.index_data(question), "part": part_of[question.id]} for question in CONTENT.questions],
    }
    assert expected.files[expected.index_path] == json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    part_texts = [text for path, text in expected.files.items() if path != expected.index_path]
    for (step_id, _, questions), text in zip(parts, part_texts, strict=True):
        whole = json.loads(text)
        assert whole["step"] == step_id and whole["questions"] == [embed.question_data(q) for q in questions]
        assert text == json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    def texts(bank) -> tuple:
        return bank.index_path, {path: blob.read() for path, blob in bank.files.items()}

    def digest(question) -> str:
        return hashlib.sha256(pickle.dumps(question)).hexdigest()

    whole = (expected.index_path, expected.files)
    assert texts(generate._bank(CONTENT, BuildCache(tmp_path / "cache"), digest)) == whole  # computed, then cached
    assert all(embed.question_texts(q) == (embed.question_json(q), embed.index_json(q)) for q in CONTENT.questions)
    converted = []
    real = embed.question_texts

    def counted(question):
        converted.append(question.id)
        return real(question)

    monkeypatch.setattr(embed, "question_json", lambda question: pytest.fail("question_json called"))
    monkeypatch.setattr(embed, "index_json", lambda question: pytest.fail("index_json called"))
    monkeypatch.setattr(embed, "question_texts", counted)
    assert texts(generate._bank(CONTENT, BuildCache(tmp_path / "cache"), digest)) == whole  # from the cache
    assert converted == []
    # One question reworded: its part is joined again, and only that question converted.
    first = CONTENT.questions[0]
    reworded = dataclasses.replace(first, stem=first.stem + " (reworded)")
    changed = dataclasses.replace(CONTENT, questions=(reworded, *CONTENT.questions[1:]))
    monkeypatch.undo()
    again = embed.bank_assets(changed)
    monkeypatch.setattr(embed, "question_texts", counted)
    assert texts(generate._bank(changed, BuildCache(tmp_path / "cache"), digest)) == (
        again.index_path, again.files
    )
    assert converted == [first.id]


def test_question_files_parsed_in_other_processes_give_the_same_content_and_errors(tmp_path, monkeypatch):
    from imgguide import validate
    from imgguide.errors import ContentError

    from ..conftest import FIXTURE

    root = tmp_path / "guide"
    shutil.copytree(FIXTURE, root)
    monkeypatch.setenv("IMGGUIDE_CACHE", "off")
    alone = validate.load_content(root)
    monkeypatch.setattr(validate, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setenv("IMGGUIDE_WORKERS", "2")
    assert len(list((root / "questions").glob("*.yml"))) >= 2
    shares = []
    real_shares = validate._shares

    def recorded(files, count):
        shares.append(real_shares(files, count))
        return shares[-1]

    monkeypatch.setattr(validate, "_shares", recorded)
    assert validate.load_content(root).questions == alone.questions
    # This process parsed one share and a worker the other.
    assert [len(share) > 0 for share in shares[0]] == [True, True]
    # A broken file is reported exactly as without workers (read() parses it again).
    broken = sorted((root / "questions").glob("*.yml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("difficulty: ", "difficulty: x", 1))
    with pytest.raises(ContentError) as in_workers:
        validate.load_content(root)
    monkeypatch.setenv("IMGGUIDE_WORKERS", "1")
    with pytest.raises(ContentError) as alone_error:
        validate.load_content(root)
    assert str(in_workers.value) == str(alone_error.value)
    assert "difficulty" in str(in_workers.value)


def test_a_warm_build_reuses_the_whole_site_and_keeps_only_the_newest_on_disk(tmp_path: Path):
    from imgguide.cache import BuildCache

    from ..conftest import copy_project

    root = copy_project(tmp_path / "project")
    first = generate.build_site(root, cache=BuildCache(tmp_path / "cache"))
    again = generate.build_site(root, cache=BuildCache(tmp_path / "cache"))  # a new process, same disk
    assert again.pages == first.pages and again.assets == first.assets
    question_file = sorted((root / "questions").glob("*.yml"))[0]
    question_file.write_text(question_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    generate.build_site(root, cache=BuildCache(tmp_path / "cache"))
    assert len(list((tmp_path / "cache").glob("site-*.pickle"))) == 1


@pytest.mark.parametrize("undefined", ["lenient", "strict"])
@pytest.mark.parametrize("with_data", [True, False], ids=["with-extra", "without-extra"])
def test_the_overrides_render_under_minijinja(undefined: str, with_data: bool):
    # Zensical renders templates with MiniJinja: no Python methods, no hook globals. Our
    # blocks are rendered on a stub of the theme's base.html, with and without the data.
    import minijinja  # in the test extra
    templates = {"base.html": "{% block announce %}{% endblock %}|{% block content %}BODY{% endblock %}"}
    for name in ("main.html", "404.html"):
        templates[name] = (PROJECT / "overrides" / name).read_text(encoding="utf-8")
    env = minijinja.Environment(templates=templates)
    env.undefined_behavior = undefined
    extra = generate.template_data(CONTENT.labels, offline=True) if with_data else {}
    config = {"site_name": "Guide", "site_description": "About", "extra": extra}
    page = env.render_template("404.html", config=config, page=None, base_url="/repo")
    main = env.render_template("main.html", config=config, page=None, base_url="/repo")
    if with_data:
        assert CONTENT.labels.not_found_title in page and CONTENT.labels.disclaimer in main
        assert "data-ig-offline" in page and "data-ig-offline" in main
    else:
        assert "BODY" in main and "data-ig-offline" not in main
