"""Exports pinned by golden files, one per format and table, from a fixed story set.

After an intended change, refresh them with ``SYNOPSIS_UPDATE_GOLDEN=1 python -m pytest
tests/engine/test_export.py`` and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from compare.errors import SynopsisError
from compare.export import format_for_path, render, write_atomic
from compare.pipeline import compare_sources
from compare.results import Comparison
from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
STORY = "tests/engine/data/golden_story"
OUTPUTS = {
    "comparison.json": ("json", None),
    "comparison.html": ("html", None),
    "comparison.md": ("md", "all"),
    "claims.csv": ("csv", "claims"),
    "summary.csv": ("csv", "summary"),
    "matrix.csv": ("csv", "matrix"),
}


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    cwd = os.getcwd()
    os.chdir(ROOT)  # sources are recorded as given: keep them relative in the golden files
    try:
        result, problems = compare_sources([STORY])
    finally:
        os.chdir(cwd)
    assert problems == ()
    return result


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_export_matches_golden_file(comparison: Comparison, name: str) -> None:
    fmt, table = OUTPUTS[name]
    text = render(comparison, fmt, table=table)  # type: ignore[arg-type]
    golden = GOLDEN / name
    if os.environ.get("SYNOPSIS_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_json_follows_the_contract(comparison: Comparison) -> None:
    document = json.loads(render(comparison, "json"))
    assert set(document) == {"synopsis", "settings", "articles", "groups"}
    for article in document["articles"]:
        assert {"id", "title", "path", "uniqueness", "counts", "sentences"} <= set(article)
        assert set(article["counts"]) == {"shared", "paraphrased", "unique", "non_claims"}
        assert [s["index"] for s in article["sentences"]] == list(range(len(article["sentences"])))
        for sentence in article["sentences"]:
            is_claim = sentence["kind"] == "claim"
            assert (sentence["label"] is not None) == is_claim
            assert (sentence["group"] is not None) == is_claim
            for match in sentence["matches"]:
                assert {"article", "index", "score", "label"} <= set(match)
                assert match["article"] != article["id"]
    grouped = {(m["article"], m["index"]) for g in document["groups"] for m in g["members"]}
    claims = {
        (a["id"], s["index"])
        for a in document["articles"]
        for s in a["sentences"]
        if s["kind"] == "claim"
    }
    assert grouped == claims


def test_big_json_exports_are_compact_with_the_same_content(
    comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compare import export

    indented = render(comparison, "json")
    monkeypatch.setattr(export, "INDENT_JSON_UP_TO", 10)
    monkeypatch.setattr(export, "ARTICLES_PER_JSON_TASK", 1)  # one task per article, in workers
    compact = render(comparison, "json")
    assert compact.count("\n") == 1 and indented.count("\n") > 100
    assert json.loads(compact) == json.loads(indented)


def test_csv_claims_table_has_one_row_per_sentence(comparison: Comparison) -> None:
    rows = list(csv.DictReader(io.StringIO(render(comparison, "csv"))))
    assert len(rows) == sum(len(a.sentences) for a in comparison.articles)
    assert {row["kind"] for row in rows} == {"claim", "heading", "boilerplate"}


def test_csv_never_mixes_tables_in_one_text(comparison: Comparison) -> None:
    with pytest.raises(SynopsisError, match="a CSV file holds one table"):
        render(comparison, "csv", table="all")


def test_csv_for_excel_begins_with_a_byte_order_mark(comparison: Comparison) -> None:
    plain = render(comparison, "csv", table="summary")
    excel = render(comparison, "csv", table="summary", excel=True)
    assert excel == "\ufeff" + plain
    assert excel.encode("utf-8").startswith(b"\xef\xbb\xbf")
    with pytest.raises(SynopsisError, match="CSV only"):
        render(comparison, "md", excel=True)


def test_html_is_one_self_contained_page(comparison: Comparison) -> None:
    page = render(comparison, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "stylesheet" not in page and "src=" not in page
    for article in comparison.articles:
        assert f'id="{article.id}"' in page


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.csv", "csv"), ("a.MD", "md"), ("a.markdown", "md"), ("a.json", "json"), ("a.htm", "html")],
)
def test_format_follows_the_extension(path: str, fmt: str) -> None:
    assert format_for_path(path) == fmt


def test_unknown_extension_is_refused() -> None:
    with pytest.raises(SynopsisError, match="extension"):
        format_for_path("report.docx")


def test_write_atomic_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(SynopsisError, match="already exists"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "precious"
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind


def test_write_atomic_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(SynopsisError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.csv", "text")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_write_atomic_into_a_read_only_location_fails_cleanly() -> None:
    # /proc refuses new files even to root, unlike a chmod-ed folder.
    with pytest.raises(SynopsisError, match="cannot write"):
        write_atomic("/proc/synopsis-export.csv", "text")
