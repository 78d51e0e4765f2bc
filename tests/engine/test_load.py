"""Loading files, folders and standard input into documents, and refusing what is not text."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.errors import SourceError
from compare.load import (
    _markdown_blocks,
    _plain_markdown,
    document_from_blocks,
    load_document,
    load_sources,
    parse_markdown,
    parse_plain,
)
from tests.conftest import load_cases

CASES = load_cases("markdown_cases.json")


@pytest.mark.parametrize("case", CASES, ids=[c["note"] for c in CASES])
def test_markdown_case(case: dict) -> None:
    blocks = [[b.kind, b.text] for b in parse_markdown(case["markdown"])]
    assert blocks == case["blocks"]


SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Pieces of lines that a line of generated Markdown is made of: plain words, headings and dash
# items, which the short way reads, and marked-up ones, which it leaves to markdown-it.
PLAIN = [
    *("Words here.", "Nov. 17", "1988 was", "a # b", "38,000", "it's", "x!", "a-b", "c = d"),
    *("# ", "## ", "###### ", "#", "", " ", "  ", "a  ", "x |", "- a", "- b c", "- 2019 h"),
]
MARKED = [
    *("####### ", "#5 ", " #", "#\t", "    ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "=", "==="),
    *("---", "~~~", "```", "| a | b |", "&amp;", "\\", "_x_", "*x*", "[a](b)", "![i](j)", "<b>"),
    *("<!-- c -->", "\t", "\r", "\u00a0", "\u2028", "\x1c", "\x00", "\u2022 ", "http://x.org"),
    *("`c`", "-  d", "- - ", "- # e", "- 1. f", "- > g", "--", "-", "-y", "=z", ":w"),
]


def markdown_texts(pieces: list[str]) -> st.SearchStrategy[str]:
    line = st.lists(st.sampled_from(pieces), max_size=4).map("".join)
    return st.lists(line, max_size=12).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(markdown_texts(PLAIN), markdown_texts(PLAIN + MARKED)))
def test_plain_markdown_is_read_as_markdown_it_reads_it(text: str) -> None:
    """The short way past markdown-it takes only what markdown-it reads the same."""
    plain = _plain_markdown(text)
    if plain is not None:
        assert plain == _markdown_blocks(text)


@pytest.mark.parametrize(
    "text",
    [c["markdown"] for c in CASES]
    + [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*/*.md"))],
)
def test_both_readings_agree_on_cases_and_samples(text: str) -> None:
    plain = _plain_markdown(text)
    if plain is not None:
        assert plain == _markdown_blocks(text)


def test_plain_articles_are_read_without_markdown_it() -> None:
    """The five-article path stays short (``benchmarks/startup.py``): harbor-bridge holds only
    headings, paragraphs and dash items of plain words."""
    for path in sorted(SAMPLES.glob("harbor-bridge/*.md")):
        assert _plain_markdown(path.read_text(encoding="utf-8")) is not None, path


def test_title_is_the_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("By Jane Doe\n\n# The real headline\n\nBody text here.\n", encoding="utf-8")
    assert load_document(str(path)).title == "The real headline"


def test_title_falls_back_to_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Storm hits coast\n\nWinds reached 120 km/h.\n", encoding="utf-8")
    assert load_document(str(path)).title == "Storm hits coast"


def test_folder_loads_article_files_sorted_by_name(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.md", "notes.pdf"):
        (tmp_path / name).write_text(f"# {name}\n\nSome text.\n", encoding="utf-8")
    result = load_sources([str(tmp_path)])
    assert [Path(d.source).name for d in result.documents] == ["a.txt", "b.md", "c.md"]
    assert result.problems == ()


def test_folder_notes_are_skipped_with_a_reason_and_read_when_named(tmp_path: Path) -> None:
    """A README or a SOURCES list kept beside saved articles is no article; named, it is read."""
    for name in ("01-a.txt", "02-b.md", "README.md", "SOURCES.md", "License.txt"):
        (tmp_path / name).write_text(f"# {name}\n\nSome text.\n", encoding="utf-8")
    result = load_sources([str(tmp_path)])
    assert [Path(d.source).name for d in result.documents] == ["01-a.txt", "02-b.md"]
    assert sorted(Path(p.source).name for p in result.problems) == [
        "License.txt",
        "README.md",
        "SOURCES.md",
    ]
    assert all("a folder's notes, not an article" in str(p) for p in result.problems)
    named = load_sources([str(tmp_path / "README.md")])
    assert [Path(d.source).name for d in named.documents] == ["README.md"]


def test_folder_of_notes_alone_says_so(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n\nMy notes.\n", encoding="utf-8")
    result = load_sources([str(tmp_path)])
    assert result.documents == ()
    (problem,) = result.problems
    assert "folder holds no article files" in str(problem)
    assert "only notes (README.md)" in str(problem)


def test_standard_input_is_read_as_markdown() -> None:
    stream = io.BytesIO(b"# From a pipe\n\nIt works.\n")
    document = load_document("-", stdin=stream)
    assert document.title == "From a pipe"
    assert document.source == "-"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "holds no text"),
        (b"   \n\t\n", "holds no text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"PK\x03\x04" + bytes(100), "zip archive"),
        (b"some text\x00with a NUL", "binary"),
    ],
    ids=["empty", "whitespace", "png", "zip", "nul"],
)
def test_unusable_files_give_one_clear_problem(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=problem) as raised:
        load_document(str(path))
    assert str(path) in str(raised.value)


def test_missing_and_broken_sources_are_reported_and_the_rest_loaded(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good\n\nText.\n", encoding="utf-8")
    link = tmp_path / "broken.md"
    link.symlink_to(tmp_path / "gone.md")
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    result = load_sources([str(tmp_path / "missing.md"), str(link), str(empty_folder), str(good)])
    assert [d.title for d in result.documents] == ["Good"]
    messages = [str(p) for p in result.problems]
    assert any("missing.md: no such file" in m for m in messages)
    assert any("broken.md: broken symbolic link" in m for m in messages)
    assert any("empty: folder holds no article files" in m for m in messages)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file regardless of permissions")
def test_permission_denied_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("# Secret\n\nText.\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SourceError, match="permission denied"):
        load_document(str(path))


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "latin1"],
)
def test_encodings_are_decoded(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "# Café reopens\n\nThe café’s owner said “welcome back” — finally.\n"
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    path = tmp_path / "a.md"
    path.write_bytes(prefix + text.encode(encoding))
    document = load_document(str(path))
    assert document.title == "Café reopens"
    assert "café" in document.blocks[1].text


def test_mixed_line_endings_split_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\r\n\r\nFirst line.\rSecond line.\nThird line.\n")
    document = load_document(str(path))
    assert document.blocks[1].text == "First line.\nSecond line.\nThird line."


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            [
                " date 2031-04-02 Watch Valley News",
                "Orchard Labs beats forecasts as sales jump",
                "By Mira Castellane",
                "Orchard Labs reported revenue of $12 million for the quarter.",
            ],
            "Orchard Labs beats forecasts as sales jump",
        ),
        (
            [
                "ADVERTISEMENT",
                "Editorial illustration for the harbor ferry story",
                "Harbor ferry repairs will take three more weeks, the port said on Monday.",
            ],
            "Harbor ferry repairs will take three more weeks, the port said on Monday.",
        ),
        (
            [
                "Market News",
                "Harbor ferry repairs will take three more weeks, the port said.",
                "What Happened Next",
                "The port hired a second crew.",
            ],
            "Harbor ferry repairs will take three more weeks, the port said.",
        ),
        (
            [
                "Home > News > Local",
                "News | Harbor | Ferries",
                "Harbor ferry repairs run late",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
        (
            [
                "- News",
                "- Sport",
                "- Local news",
                "Harbor ferry repairs run late",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
        (
            [
                "Table of Contents",
                "Toggle",
                "Harbor ferry repairs run late",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
        (
            [
                "Skip to main content",
                "Menu",
                "World",
                "U.S.",
                "Politics",
                "Valley Buyline Personal Finance",
                "Press Releases",
                "Harbor ferry repairs run three weeks late",
                "1 of 3 |",
                "By MIRA CASTELLANE",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run three weeks late",
        ),
        (
            [
                "Riverton",
                "This article is more than 1 year old",
                "Harbor ferry repairs run late",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
        (
            [
                "Exclusive news, data and analytics for harbor professionals",
                "My News",
                "Harbor ferry repairs run late",
                "By Mira Castellane and Tomas Ekwall",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
        (
            [
                "Harbor ferry repairs run late",
                "The port says crews need three more weeks to replace the damaged pier",
                "By Mira Castellane",
                "Harbor ferry repairs will take three more weeks, the port said.",
            ],
            "Harbor ferry repairs run late",
        ),
    ],
    ids=[
        "headline after a date stamp and a prompt",
        "advert and caption first",
        "label only",
        "headline under a breadcrumb trail",
        "headline under a saved page's menu",
        "headline under a table of contents",
        "headline under a news site's menu",
        "headline under an archive's notice",
        "headline over its byline, under a site's tagline",
        "headline over its standfirst and byline",
    ],
)
def test_title_is_the_headline_above_the_story_never_furniture(
    lines: list[str], title: str
) -> None:
    document = document_from_blocks(parse_plain("\n".join(lines)), source="page.txt")
    assert document.title == title


def test_a_markdown_page_with_its_menu_above_the_headline_takes_the_headline_as_title() -> None:
    """A page saved as Markdown keeps the site's menu, links in a list, above the `#` headline."""
    text = (
        "[Skip to main content](#main)\n\n* [News](/news)\n* [Sport](/sport)\n\n"
        "# Harbor ferry repairs run late\n\n"
        "Harbor ferry repairs will take three more weeks, the port said.\n"
    )
    document = document_from_blocks(parse_markdown(text), source="page.md")
    assert document.title == "Harbor ferry repairs run late"
