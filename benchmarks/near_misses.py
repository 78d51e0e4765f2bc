"""How useful the lens's near misses are on real coverage (``compare/closest.py``).

    python benchmarks/near_misses.py [--at 0.2] [--coverage DIR]

Compares every story of ``../shared/data/coverage`` (read in place) with the default settings,
asks the app's own ``Story.near_misses`` for every claim, and prints: near misses shown per
claim; how many of the same-claim pairs the engine leaves unlinked turn up as one (from either
side); and, of the near misses the gold annotates, how many are the same claim, a look-alike
that says something else, or pair a claim the gold says no other article makes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.coverage import corpus_dir, load_scorer, no_corpus, stories  # noqa: E402
from compare.closest import NEAR_MISS_AT, ClosestClaims  # noqa: E402
from compare.pipeline import analyse, label_analysis  # noqa: E402
from compare.settings import DEFAULTS  # noqa: E402
from training.fit_calibration import read_story  # noqa: E402
from tui.story import Story  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", type=float, default=NEAR_MISS_AT, help="lowest score shown")
    parser.add_argument("--coverage", help="the corpus folder (default: ../shared/data/coverage)")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.coverage)
    if corpus is None:
        return no_corpus("benchmarks/near_misses.py", args.coverage)
    scorer = load_scorer(corpus)
    claims = shown = missed = found = same = alike = alone = 0
    for folder in stories(corpus):
        gold = read_story(folder, scorer, DEFAULTS.method)  # the pairs' gold, row by row
        analysis = analyse(gold.documents, settings=DEFAULTS)
        comparison = label_analysis(analysis, DEFAULTS)
        story = Story(comparison, None, ClosestClaims(analysis))
        claim_of = {ref: claim for claim, ref in enumerate(analysis.claim_refs)}
        number = {article_id: n for n, article_id in enumerate(story.all_ids)}
        linked = {
            (claim_of[(a, sentence.index)], claim_of[(number[m.article], m.index)])
            for a, article in enumerate(comparison.articles)
            for sentence in article.sentences
            for m in sentence.matches
        }
        near: set[tuple[int, int]] = set()
        for claim, (article, index) in enumerate(analysis.claim_refs):
            ref = (story.all_ids[article], index)
            for (other, other_index), _ in story.near_misses(ref, at=args.at):
                near.add((claim, claim_of[(number[other], other_index)]))
        claims += len(analysis.claim_refs)
        shown += len(near)
        scores = analysis.scores
        for row, (i, j) in enumerate(zip(scores.left.tolist(), scores.right.tolist(), strict=True)):
            target, weight = int(gold.target[row]), float(gold.weight[row])
            hit = (i, j) in near or (j, i) in near
            if target == 1 and (i, j) not in linked and (j, i) not in linked:
                missed += 1
                found += hit
            if hit:
                same += target == 1
                alike += target == 0 and weight > 1
                alone += target == 0 and weight == 1
    print(f"near misses at {args.at:.2f} or more, on {len(stories(corpus))} stories:")
    print(f"  {shown / max(claims, 1):.2f} a claim ({shown} for {claims} claims)")
    print(f"  {found} of the {missed} same-claim pairs with no match (link or group) are one")
    print(
        f"  of the near misses the gold annotates: {same} same claim, {alike} look-alike, "
        f"{alone} with a claim told nowhere else"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
