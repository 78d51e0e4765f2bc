"""Bad input ends in a clear message or a correct result: never a traceback, never lost data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.pipeline import compare_texts
from tests.conftest import ROOT

ARTICLE = (
    "# Bridge reopens\n\nThe Harbor Bridge reopened on Tuesday after a two-year repair. "
    "The work cost $41 million, the city said. Traffic was light in the morning.\n"
)


def synopsis(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "compare.cli", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stderr
    return result


def export_json(*sources: str) -> tuple[dict, str]:
    result = synopsis("--export", "-", "--format", "json", *sources)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def good(tmp_path: Path) -> str:
    path = tmp_path / "good.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "holds no text"),
        ("blank.md", b" \n\n\t \n", "holds no text"),
        ("photo.md", b"\xff\xd8\xff\xe0" + bytes(64), "is a JPEG image, not text"),
        ("archive.txt", b"PK\x03\x04" + bytes(64), "zip archive"),
        ("nul.txt", b"text\x00\x00more", "binary"),
    ],
)
def test_unreadable_file_is_skipped_by_name(
    tmp_path: Path, good: str, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    document, errors = export_json(good, str(bad))
    assert f"skipped {bad}: " in errors and message in errors
    assert [a["path"] for a in document["articles"]] == [good]


def test_nothing_readable_is_a_non_zero_exit_naming_each_source(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = synopsis("--export", "-", "--format", "csv", str(empty), str(tmp_path / "gone.md"))
    assert result.returncode == 2
    assert "empty.md: holds no text" in result.stderr and "gone.md: no such file" in result.stderr


def test_one_sentence_and_one_article_compare(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("The bridge reopened on Tuesday.", encoding="utf-8")
    document, errors = export_json(str(one))
    assert "only one article" in errors
    (sentence,) = document["articles"][0]["sentences"]
    assert sentence["label"] == "unique"


def test_two_copies_of_one_article_are_all_shared(tmp_path: Path, good: str) -> None:
    copy = tmp_path / "copy.md"
    copy.write_text(ARTICLE, encoding="utf-8")
    document, _ = export_json(good, str(copy))
    labels = {
        s["label"] for a in document["articles"] for s in a["sentences"] if s["kind"] == "claim"
    }
    assert labels == {"shared"}


def test_an_article_that_is_a_subset_of_another(tmp_path: Path, good: str) -> None:
    longer = tmp_path / "longer.md"
    longer.write_text(
        ARTICLE + "\nCyclists asked for a separate lane on the bridge.\n", encoding="utf-8"
    )
    document, _ = export_json(good, str(longer))
    subset, superset = document["articles"]
    assert {s["label"] for s in subset["sentences"] if s["kind"] == "claim"} == {"shared"}
    assert superset["sentences"][-1]["label"] == "unique"
    assert subset["uniqueness"] == 0.0 and superset["uniqueness"] > 0.0


def test_non_english_article_is_compared_and_noted(tmp_path: Path, good: str) -> None:
    german = tmp_path / "de.md"
    german.write_text(
        "# Brücke wieder offen\n\nDie Harbor Bridge wurde am Dienstag nach zweijähriger Reparatur "
        "wieder geöffnet. Die Arbeiten kosteten 41 Millionen Dollar, teilte die Stadt mit. "
        "Am Morgen war der Verkehr ruhig.\n",
        encoding="utf-8",
    )
    document, errors = export_json(good, str(german))
    assert "B (" in errors and "does not look like English" in errors
    assert len(document["articles"]) == 2


def test_one_huge_line_without_punctuation(tmp_path: Path, good: str) -> None:
    dump = tmp_path / "dump.txt"
    words = ("bridge traffic council river harbor repair city mayor budget ferry " * 2000).split()
    dump.write_text(" ".join(words)[:200_000], encoding="utf-8")
    document, _ = export_json(good, str(dump))
    longest = max(len(s["text"].split()) for s in document["articles"][1]["sentences"])
    assert longest <= 120


def test_mixed_line_endings_and_legacy_encoding(tmp_path: Path, good: str) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        "Caf\xe9 news\r\n\r\nThe caf\xe9 reopened.\rIt was busy.\n".encode("latin-1")
    )
    document, errors = export_json(good, str(legacy))
    texts = [s["text"] for s in document["articles"][1]["sentences"]]
    assert texts == ["Café news", "The café reopened.", "It was busy."]
    assert "Windows-1252" in errors


def test_export_into_missing_folder_is_an_error_and_writes_nothing(
    tmp_path: Path, good: str
) -> None:
    result = synopsis("--export", str(tmp_path / "nope" / "out.csv"), good)
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_the_same_file_twice_is_compared_as_two_copies(good: str) -> None:
    document, _ = export_json(good, good)
    assert [a["id"] for a in document["articles"]] == ["A", "B"]


def test_very_long_sentence_and_long_article_in_the_engine() -> None:
    long_sentence = " ".join(f"word{i}" for i in range(2500)) + "."
    many = " ".join(f"Claim number {i} concerns item {i * 7} of the budget." for i in range(400))
    comparison = compare_texts([long_sentence, many, ARTICLE])
    assert all(
        s.label is not None for a in comparison.articles for s in a.sentences if s.kind == "claim"
    )
