"""The generated tree's page layout (imgguide/portable.py): each page in the folder of its
URL, its Markdown links moved with it, so MkDocs and Zensical read every link alike."""

from __future__ import annotations

from imgguide.portable import folder_page, move_links, moved_nav

MOVED = {
    "index.md": "index.md",
    "costs.md": "costs/index.md",
    "steps/usmle-exams.md": "steps/usmle-exams/index.md",
    "steps/visa-and-start.md": "steps/visa-and-start/index.md",
    "question-bank/usmle-exams.md": "question-bank/usmle-exams/index.md",
}


def test_a_page_moves_into_the_folder_of_its_url_and_index_pages_stay():
    assert folder_page("costs.md") == "costs/index.md"
    assert folder_page("steps/usmle-exams.md") == "steps/usmle-exams/index.md"
    assert folder_page("index.md") == "index.md"
    assert folder_page("guides/index.md") == "guides/index.md"


def test_markdown_links_reach_the_same_pages_after_the_move():
    text = (
        "See [the visa step](visa-and-start.md), [costs](../costs.md#eras) and "
        "[the bank](../question-bank/usmle-exams.md?from=step \"All questions\")."
    )
    assert move_links(text, "steps/usmle-exams.md", MOVED["steps/usmle-exams.md"], MOVED) == (
        "See [the visa step](../visa-and-start/index.md), [costs](../../costs/index.md#eras) and "
        "[the bank](../../question-bank/usmle-exams/index.md?from=step \"All questions\")."
    )
    assert move_links("[a step](steps/usmle-exams.md)", "index.md", "index.md", MOVED) == (
        "[a step](steps/usmle-exams/index.md)"
    )


def test_other_files_keep_their_place_and_absolute_links_are_left_alone():
    text = "![icon](../assets/images/favicon.svg) [NRMP](https://www.nrmp.org/) [top](#top) [root](/x/)"
    assert move_links(text, "steps/usmle-exams.md", "steps/usmle-exams/index.md", MOVED) == (
        "![icon](../../assets/images/favicon.svg) [NRMP](https://www.nrmp.org/) [top](#top) [root](/x/)"
    )


def test_html_links_relative_to_the_page_url_are_not_touched():
    html = '<a href="../steps/usmle-exams/">USMLE</a>'
    assert move_links(html, "costs.md", "costs/index.md", MOVED) == html


def test_the_navigation_names_the_moved_pages():
    nav = [{"Home": "index.md"}, {"The pathway": [{"2. USMLE": "steps/usmle-exams.md"}]}, "costs.md"]
    assert moved_nav(nav, MOVED) == [
        {"Home": "index.md"},
        {"The pathway": [{"2. USMLE": "steps/usmle-exams/index.md"}]},
        "costs/index.md",
    ]
