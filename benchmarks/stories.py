"""How well a big corpus is cut into stories, and what comparing story by story loses.

Run: ``python benchmarks/stories.py`` (``--sizes 400 2000``; ``--links-up-to`` bounds the corpora
also compared whole). Corpora come from ``benchmarks/corpus.py``, whose files are named
``SSSS-NN.md``: story ``SSSS``, article ``NN``. Stories of one template (every fourth story
reuses the same sample set, names and figures replaced) look alike, as coverage of similar
events does. When ``../shared/data/coverage`` is beside the checkout, its six real stories
(read in place) are grouped too, as one corpus.

Figures, for the grouping ``compare.stories.find_stories`` makes with its defaults:

* **purity**: the share of articles whose found story is mostly made of their own true story
  (for each found story, the articles of its commonest true story, summed over found stories,
  over all articles). 1.0: no found story mixes stories.
* **completeness**: the share of articles that sit with most of their own true story (for each
  true story, the articles in the found story holding most of it, summed, over all articles).
  1.0: no true story is cut in two.
* **links kept**: of the links (claim pairs at or above the paraphrase threshold) that comparing
  the whole corpus as one makes between articles of one true story, the share that the
  story-by-story comparison also makes. Beside it, the share of all whole-corpus links that join
  two different true stories: links no story-by-story comparison can make, wrong by
  construction on generated corpora (one template's stories repeat its sentences with other
  names and figures, which the whole-corpus comparison links as paraphrases with conflicts).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from compare.label import find_links  # noqa: E402
from compare.load import document_from_blocks, load_sources, parse_markdown  # noqa: E402
from compare.pipeline import Analysis, analyse  # noqa: E402
from compare.results import Document  # noqa: E402
from compare.runner import Runner  # noqa: E402
from compare.settings import DEFAULTS  # noqa: E402
from compare.stories import find_stories, story_members  # noqa: E402

COVERAGE = ROOT.parent / "shared" / "data" / "coverage"


def purity(found: Sequence[int], truth: Sequence[object]) -> float:
    """Share of articles in the commonest true story of their found story (see above)."""
    by_found: dict[int, Counter[object]] = {}
    for f, t in zip(found, truth, strict=True):
        by_found.setdefault(f, Counter())[t] += 1
    return sum(c.most_common(1)[0][1] for c in by_found.values()) / len(found)


def completeness(found: Sequence[int], truth: Sequence[object]) -> float:
    """Share of articles in the found story holding most of their true story (see above)."""
    by_true: dict[object, Counter[int]] = {}
    for f, t in zip(found, truth, strict=True):
        by_true.setdefault(t, Counter())[f] += 1
    return sum(c.most_common(1)[0][1] for c in by_true.values()) / len(found)


def generated(articles: int, seed: int = 20261122) -> tuple[list[Document], list[str]]:
    """A generated corpus as documents, with each article's true story."""
    made = list(generate(articles, seed=seed))
    documents = [document_from_blocks(parse_markdown(a.text), source=a.name) for a in made]
    return documents, [a.name[:4] for a in made]


def _links(analysis: Analysis, numbers: Sequence[int]) -> set[tuple[int, int, int, int]]:
    """Links as (article, sentence, article, sentence), articles numbered in the corpus."""
    refs = analysis.claim_refs
    found = set()
    for link in find_links(analysis.scores, DEFAULTS):
        a, s = refs[link.left]
        b, t = refs[link.right]
        one, two = (numbers[a], s), (numbers[b], t)
        found.add((*min(one, two), *max(one, two)))
    return found


def links_kept(
    documents: Sequence[Document], found: Sequence[int], truth: Sequence[object], runner: Runner
) -> tuple[float, float, int]:
    """(share of the whole-corpus links within true stories kept, share of all whole-corpus
    links across true stories, how many links within true stories)."""
    whole = _links(analyse(documents, runner=runner), range(len(documents)))
    by_story: set[tuple[int, int, int, int]] = set()
    for members in story_members(found):
        by_story |= _links(analyse([documents[n] for n in members], runner=runner), members)
    within = {link for link in whole if truth[link[0]] == truth[link[2]]}
    if not within:
        return 1.0, 0.0, 0
    across = (len(whole) - len(within)) / len(whole)
    return len(within & by_story) / len(within), across, len(within)


def report(name: str, documents: list[Document], truth: list[str], *, links: bool) -> None:
    started = time.perf_counter()
    found = find_stories(documents)
    seconds = time.perf_counter() - started
    line = (
        f"{name:>22}: {len(documents):>6} articles, {len(set(truth)):>5} stories, found "
        f"{len(set(found)):>5} in {seconds:5.2f} s; purity {purity(found, truth):.4f}, "
        f"completeness {completeness(found, truth):.4f}"
    )
    if links:
        kept, across, total = links_kept(documents, found, truth, Runner())
        line += (
            f"; links kept {kept:.4f} of {total:,} (whole-corpus links across stories {across:.4f})"
        )
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 2000, 20000])
    parser.add_argument(
        "--links-up-to",
        type=int,
        default=400,
        help="compare corpora up to this size whole too, for the links kept (default 400)",
    )
    args = parser.parse_args()
    for size in args.sizes:
        documents, truth = generated(size)
        report(f"generated {size}", documents, truth, links=size <= args.links_up_to)
    if COVERAGE.is_dir():
        folders = sorted(p for p in COVERAGE.iterdir() if p.is_dir())
        loaded = load_sources([str(p) for p in folders])
        truth = [Path(d.source).parent.name for d in loaded.documents]
        report("real coverage (6)", list(loaded.documents), truth, links=True)


if __name__ == "__main__":
    main()
