"""Loading files, folders and standard input into documents, and refusing what is not text."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from compare.errors import SourceError
from compare.load import (
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
    ],
    ids=["headline after a date stamp and a prompt", "advert and caption first", "label only"],
)
def test_title_is_the_headline_above_the_story_never_furniture(
    lines: list[str], title: str
) -> None:
    document = document_from_blocks(parse_plain("\n".join(lines)), source="page.txt")
    assert document.title == title
