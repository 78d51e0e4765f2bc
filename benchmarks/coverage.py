"""Matching quality on real coverage: every story under ../shared/data/coverage, scored.

Each story (six outlets' pages as readers save them, with sentence-level gold) is compared
with the default settings exactly as ``synopsis --export out.json STORY/*.txt`` does, and the
JSON export is scored by the corpus's own ``score.py``. Prints one row per story, the mean over
stories, and a last line of JSON with every figure.

    python benchmarks/coverage.py [--method M] [--coverage DIR] [--why]

The corpus is third-party text: it is read in place, never copied into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from compare.export import json_document  # noqa: E402
from compare.pipeline import compare_sources  # noqa: E402
from compare.results import Comparison  # noqa: E402
from compare.settings import DEFAULTS, METHODS, Settings  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "coverage"
"""Where the shared corpus sits beside a checkout; ``SYNOPSIS_COVERAGE_DIR`` overrides it."""

COLUMNS: tuple[tuple[str, str], ...] = (
    ("positive_recall", "positive recall"),
    ("paraphrase_recall", "paraphrase recall"),
    ("negative_false_link_rate", "false links"),
    ("unique_accuracy", "unique"),
    ("non_claim_accuracy", "non-claims"),
    ("shared_label_accuracy", "shared label"),
    ("conflict_reported", "conflicts reported"),
)
"""The figures issue #11 asks for, in its table's order, with their column titles."""


def corpus_dir(given: str | None = None) -> Path | None:
    """The coverage corpus folder, or None when this checkout has none beside it."""
    found = Path(given or os.environ.get("SYNOPSIS_COVERAGE_DIR") or DEFAULT_CORPUS)
    return found if (found / "score.py").is_file() else None


def no_corpus(script: str, given: str | None = None) -> int:
    """Say that the corpus is missing and where it was looked for; the exit status to return."""
    print(
        f"{script}: no coverage corpus at {given or DEFAULT_CORPUS} "
        "(it lives in ../shared/data/coverage beside a checkout; set SYNOPSIS_COVERAGE_DIR)",
        file=sys.stderr,
    )
    return 2


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's own score.py, imported from where it lies, leaving no bytecode cache
    beside it: the corpus is read in place, never written to."""
    spec = importlib.util.spec_from_file_location("coverage_score", corpus / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {corpus / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes_bytecode
    return module


def stories(corpus: Path) -> list[Path]:
    """Every story folder: one with a gold.json."""
    return sorted(p.parent for p in corpus.glob("*/gold.json"))


def story_sources(story: Path) -> list[str]:
    """The story's article files in the order its gold lists them."""
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    return [str(story / name) for name in gold["files"]]


def score_story(
    story: Path, scorer: ModuleType, settings: Settings = DEFAULTS
) -> tuple[dict[str, float | None], list[str]]:
    """Compare one story as the CLI does, export it to JSON and score it against its gold."""
    comparison, _ = compare_sources(story_sources(story), settings=settings)
    return score_comparison(comparison, story, scorer)


def score_comparison(
    comparison: Comparison, story: Path, scorer: ModuleType
) -> tuple[dict[str, float | None], list[str]]:
    """A comparison of the story's articles exported to JSON and scored against its gold."""
    export = json.loads(json.dumps(json_document(comparison)))  # exactly what the file holds
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    figures, why = scorer.score(export, gold)
    return figures, why


def mean_figures(rows: dict[str, dict[str, float | None]]) -> dict[str, float | None]:
    """The mean of each figure over the stories that have it."""
    means: dict[str, float | None] = {}
    for key, _ in COLUMNS:
        values = [r[key] for r in rows.values() if r.get(key) is not None]
        means[key] = round(sum(values) / len(values), 3) if values else None  # type: ignore[arg-type]
    return means


def cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_table(rows: dict[str, dict[str, float | None]], means: dict[str, float | None]) -> None:
    """One row per story and the mean, as a Markdown table."""
    titles = [title for _, title in COLUMNS]
    print("| story | " + " | ".join(titles) + " |")
    print("|---" * (len(titles) + 1) + "|")
    for story, figures in rows.items():
        print(f"| {story} | " + " | ".join(cell(figures.get(k)) for k, _ in COLUMNS) + " |")
    print("| **mean** | " + " | ".join(cell(means[k]) for k, _ in COLUMNS) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=METHODS, default=DEFAULTS.method)
    parser.add_argument("--coverage", help="the corpus folder (default: ../shared/data/coverage)")
    parser.add_argument("--why", action="store_true", help="list every miss per story")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.coverage)
    if corpus is None:
        return no_corpus("benchmarks/coverage.py", args.coverage)
    scorer = load_scorer(corpus)
    settings = DEFAULTS.with_changes(method=args.method)
    rows: dict[str, dict[str, float | None]] = {}
    started = time.perf_counter()
    for story in stories(corpus):
        figures, why = score_story(story, scorer, settings)
        rows[story.name] = figures
        if args.why:
            print(f"## {story.name}")
            print("\n".join(why))
    means = mean_figures(rows)
    print_table(rows, means)
    print(f"({len(rows)} stories, method {args.method}, {time.perf_counter() - started:.1f} s)")
    print(json.dumps({"method": args.method, "stories": rows, "mean": means}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
