"""Generated Markdown: YAML text is escaped, sources are numbered official-first and
every citation points at an entry of the page's own Sources list."""

from __future__ import annotations

import dataclasses
import re

from imgguide import pages
from imgguide.models import Claim
from imgguide.validate import load_content

from ..conftest import FIXTURE


def test_html_in_yaml_text_is_shown_as_text_never_parsed():
    assert pages.escape_text('<script>alert("x")</script> & co') == '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co'


def test_official_sources_are_numbered_before_others():
    content = load_content(FIXTURE)
    writer = pages.PageWriter(content, "steps/x.md", ("quantaprep-eras-2026", "aamc-eras-timeline"))
    assert writer.numbers == {"aamc-eras-timeline": 1, "quantaprep-eras-2026": 2}


def test_a_claim_carries_its_citations_and_confidence_tag():
    content = load_content(FIXTURE)
    writer = pages.PageWriter(content, "steps/x.md", ("ecfmg-requirements",))
    line = writer.claim(Claim(text="Text <b>here</b>.", sources=("ecfmg-requirements",), confidence="unverified"))
    assert line.startswith("Text &lt;b&gt;here&lt;/b&gt;. <sup class=\"ig-cite\">[1](#source-ecfmg-requirements)")
    assert 'aria-label="Source 1: ECFMG (Intealth), Requirements for Certification"' in line
    assert line.endswith(f'<span class="ig-badge ig-badge--unverified">{content.labels.unverified}</span>')


def test_every_citation_on_every_page_has_a_matching_source_entry():
    content = load_content(FIXTURE)
    for page in pages.render_site(content):
        cited = set(re.findall(r"\]\(#source-([a-z0-9-]+)\)", page.markdown))
        listed = set(re.findall(r"\{ #source-([a-z0-9-]+) \}", page.markdown))
        assert cited <= listed, page.src_uri


def test_titles_with_quotes_and_colons_survive_front_matter():
    content = load_content(FIXTURE)
    step = dataclasses.replace(content.steps[0], title='Say "hi": now')
    page = pages.render_step(content, step)
    assert page.markdown.splitlines()[1] == 'title: "Step 1: Say \\"hi\\": now"'


def test_navigation_follows_the_guide_order():
    content = load_content(FIXTURE)
    nav = pages.navigation(content)
    steps = nav[1][content.labels.pathway]
    assert [list(entry.values())[0] for entry in steps] == [f"steps/{step_id}.md" for step_id in content.guide.steps]
