"""Does the way a page was saved change what synopsis finds? The real stories, saved other ways.

Readers save the same page in different shapes: a paragraph a line (as the coverage corpus has
them), Windows line ends, a blank line between paragraphs, wrapped at a width by a text-mode
browser, a mail client or an editor (with or without words broken at their hyphens), Markdown
from a read-later tool, or the HTML page itself. Each story of ../shared/data/coverage is read
in place, its text reshaped in memory (nothing is written), loaded as a file of that suffix is,
compared with the default settings and scored by the corpus's own ``score.py``. One row per
shape: the mean figures over the stories, and how many stories score exactly as saved. A last
line of JSON holds every figure.

    python benchmarks/formats.py [--coverage DIR]

The corpus is third-party text: it is read in place, never copied into the project.
"""

from __future__ import annotations

import argparse
import html
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
    cell,
    corpus_dir,
    load_scorer,
    mean_figures,
    no_corpus,
    score_comparison,
    stories,
    story_sources,
)
from compare.load import document_from_bytes  # noqa: E402
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


def _as_html(text: str) -> str:
    """The page as a browser saves it: a paragraph per line inside the article, the first line
    also the page's title, the site's menu and footer around the article. (Which line is the
    headline is what the engine has to find out, so no line is marked as one.)"""
    lines = _paragraphs(text)
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    title = html.escape(lines[0]) if lines else ""
    return (
        f"<!doctype html><html><head><title>{title} | Site</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article>\n{body}</article>"
        "<footer><p>© 2031 Site. All rights reserved.</p></footer></body></html>"
    )


SHAPES: dict[str, tuple[Callable[[str], str], str]] = {
    "as saved": (lambda text: text, ".txt"),
    "Windows line ends": (lambda text: text.replace("\n", "\r\n"), ".txt"),
    "blank line between paragraphs": (lambda text: "\n\n".join(_paragraphs(text)), ".txt"),
    "wrapped at 60, words broken at hyphens": (_wrapped(60, hyphens=True), ".txt"),
    "wrapped at 72": (_wrapped(72, hyphens=False), ".txt"),
    "wrapped at 80": (_wrapped(80, hyphens=False), ".txt"),
    "Markdown, a paragraph per block": (lambda text: "\n\n".join(_paragraphs(text)), ".md"),
    "an HTML page": (_as_html, ".html"),
}
"""Each way of saving a page: the page's text as the corpus holds it reshaped, and the file
suffix it is read as."""


def score_shaped(
    story: Path, shape: tuple[Callable[[str], str], str], scorer: ModuleType
) -> dict[str, float | None]:
    """The story compared as files of this shape are read, scored against its gold."""
    reshape, suffix = shape
    documents = []
    for source in story_sources(story):
        saved = Path(source).read_text(encoding="utf-8")
        data = reshape(saved).encode("utf-8")
        documents.append(document_from_bytes(data, source, suffix=suffix))
    figures, _ = score_comparison(compare_documents(documents), story, scorer)
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
        cells = " | ".join(cell(means[k]) for k, _ in COLUMNS)
        print(f"| {name} | {cells} | {same} of {len(rows)} |")
    print(f"({len(saved)} stories, {len(SHAPES)} shapes, {time.perf_counter() - started:.1f} s)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
