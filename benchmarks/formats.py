"""Does the way a page was saved change what synopsis finds? The real stories, saved other ways.

Readers save the same page in different shapes: a paragraph a line (as the coverage corpus has
them), Windows line ends, a blank line between paragraphs, or wrapped at a width by a
text-mode browser, a mail client or an editor (with or without words broken at their hyphens).
Each story of ../shared/data/coverage is read in place, its text reshaped in memory (nothing
is written), loaded as a ``.txt`` file is, compared with the default settings and scored by the
corpus's own ``score.py``. One row per shape: the mean figures over the stories, and how many
stories score exactly as saved. A last line of JSON holds every figure.

    python benchmarks/formats.py [--coverage DIR]

The corpus is third-party text: it is read in place, never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.coverage import (  # noqa: E402
    COLUMNS,
    corpus_dir,
    load_scorer,
    mean_figures,
    no_corpus,
    stories,
    story_sources,
)
from compare.documents import document_from_blocks  # noqa: E402
from compare.export import json_document  # noqa: E402
from compare.load import decode_text, parse_plain  # noqa: E402
from compare.pipeline import compare_documents  # noqa: E402


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _wrapped(width: int, *, hyphens: bool) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return "\n\n".join(
            textwrap.fill(p, width, break_long_words=False, break_on_hyphens=hyphens)
            for p in _paragraphs(text)
        )

    return wrap


SHAPES: dict[str, Callable[[str], str]] = {
    "as saved": lambda text: text,
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
    "blank line between paragraphs": lambda text: "\n\n".join(_paragraphs(text)),
    "wrapped at 60, words broken at hyphens": _wrapped(60, hyphens=True),
    "wrapped at 72": _wrapped(72, hyphens=False),
    "wrapped at 80": _wrapped(80, hyphens=False),
}
"""Each way of saving a page, as a function of the page's text as the corpus holds it."""


def score_shaped(
    story: Path, shape: Callable[[str], str], scorer: ModuleType
) -> dict[str, float | None]:
    """The story compared as a ``.txt`` file of this shape is, scored against its gold."""
    documents = []
    for source in story_sources(story):
        saved = Path(source).read_text(encoding="utf-8")
        text, notes = decode_text(shape(saved).encode("utf-8"), source)  # as a file is read
        documents.append(document_from_blocks(parse_plain(text), source=source, notes=notes))
    comparison = compare_documents(documents)
    export = json.loads(json.dumps(json_document(comparison)))
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    figures, _ = scorer.score(export, gold)
    return dict(figures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coverage", help="the corpus folder (default: ../shared/data/coverage)")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.coverage)
    if corpus is None:
        return no_corpus("benchmarks/formats.py", args.coverage)
    scorer = load_scorer(corpus)
    started = time.perf_counter()
    results: dict[str, dict[str, dict[str, float | None]]] = {}
    for name, shape in SHAPES.items():
        results[name] = {
            story.name: score_shaped(story, shape, scorer) for story in stories(corpus)
        }
    saved = results["as saved"]
    titles = [title for _, title in COLUMNS]
    print("| saved as | " + " | ".join(titles) + " | stories as saved |")
    print("|---" * (len(titles) + 2) + "|")
    summary = {}
    for name, rows in results.items():
        means = mean_figures(rows)
        same = sum(all(rows[s].get(k) == saved[s].get(k) for k, _ in COLUMNS) for s in rows)
        summary[name] = {"mean": means, "stories_as_saved": same, "stories": rows}
        cells = " | ".join("—" if means[k] is None else f"{means[k]:.2f}" for k, _ in COLUMNS)
        print(f"| {name} | {cells} | {same} of {len(rows)} |")
    print(f"({len(saved)} stories, {len(SHAPES)} shapes, {time.perf_counter() - started:.1f} s)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
