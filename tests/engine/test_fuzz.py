"""Arbitrary text and bytes pass load, split, compare and export with no unhandled error."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import SourceError
from compare.export import FORMATS, render
from compare.load import load_sources
from compare.pipeline import compare_documents

RUN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
any_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=400)
articleish = st.lists(
    st.one_of(
        any_text,
        st.sampled_from(
            ["# Heading", "- item", "> quote", "By Jane Doe", "Advertisement", "\r\n", "\x00"]
        ),
        st.just("The council approved the bridge on Tuesday for $12.5 million."),
    ),
    max_size=8,
).map("\n".join)


def run_everything(folder: Path) -> None:
    loaded = load_sources([str(folder)])
    assert all(isinstance(p, SourceError) for p in loaded.problems)
    if not loaded.documents:
        return
    comparison = compare_documents(loaded.documents)
    for fmt in FORMATS:
        text = render(comparison, fmt)
        assert text
    json.loads(render(comparison, "json"))


@RUN
@given(st.lists(articleish, min_size=1, max_size=3))
def test_arbitrary_unicode_articles(tmp_path_factory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("articles")
    for number, text in enumerate(texts):
        (folder / f"{number}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    run_everything(folder)


@RUN
@given(st.lists(st.binary(max_size=600), min_size=1, max_size=3), st.sampled_from([".txt", ".md"]))
def test_arbitrary_bytes_files(tmp_path_factory, blobs: list[bytes], suffix: str) -> None:
    folder = tmp_path_factory.mktemp("blobs")
    for number, blob in enumerate(blobs):
        (folder / f"{number}{suffix}").write_bytes(blob)
    run_everything(folder)
