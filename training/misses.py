"""List every gold same-claim pair the shipped engine does not link, with what it scored.

    python training/misses.py [--kinds paraphrase,either] [--coverage DIR]

For each story of ``../shared/data/coverage`` (read in place: third-party text, never copied
into the project) the story is scored with the layer off, to read the layer's inputs, and each
gold pair of the given kinds is mapped to its claims as ``fit_calibration.py`` maps it. The
claim pair the shipped layer likes best is printed when that layer's log-odds are below 0 (the
default ``paraphrase_at``): the scorer's log-odds before the layer, the layer's, both heads,
the margin, sentence cosine and soft word cover, then both claims with the gold's part of each
where the gold marks only part of a sentence. Copied runs link pairs on their own, so a pair
listed here may still be linked as shared: ``benchmarks/coverage.py --why`` is the final word.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.coverage import corpus_dir, load_scorer, no_corpus, stories  # noqa: E402
from compare.pipeline import analyse  # noqa: E402
from compare.scoring.calibration import INPUTS, Calibration  # noqa: E402
from compare.settings import DEFAULTS  # noqa: E402
from training.fit_calibration import _norm, read_story  # noqa: E402


def _claims_of(
    ref: dict, names: list[str], articles: list[int], normed: list[str], scorer: ModuleType
) -> list[int]:
    """The claims holding a gold text or held by it, as ``fit_calibration.read_story`` maps."""
    article, wanted = names.index(ref["file"]), _norm(scorer, ref["text"])
    return [
        c
        for c, a in enumerate(articles)
        if a == article and normed[c] and (normed[c] in wanted or wanted in normed[c])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="paraphrase,either")
    parser.add_argument("--coverage", help="the corpus folder (default: ../shared/data/coverage)")
    args = parser.parse_args(argv)
    corpus = corpus_dir(args.coverage)
    if corpus is None:
        return no_corpus("training/misses.py", args.coverage)
    layer = Calibration.load("static")
    if layer is None:
        print("training/misses.py: needs the static method's layer", file=sys.stderr)
        return 2
    scorer = load_scorer(corpus)
    kinds = set(args.kinds.split(","))
    missed = total = 0
    for folder in stories(corpus):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        story = read_story(folder, scorer, "static")
        analysis = analyse(story.documents, settings=DEFAULTS.with_changes(method="static"))
        scores = analysis.scores
        inputs = story.inputs
        recalibrated = layer.log_odds(inputs)
        names = [Path(d.source).name for d in story.documents]
        texts = [analysis.sentences[a][s].text for a, s in analysis.claim_refs]
        normed = [_norm(scorer, t) for t in texts]
        row_of = {
            (min(i, j), max(i, j)): row
            for row, (i, j) in enumerate(
                zip(scores.left.tolist(), scores.right.tolist(), strict=True)
            )
        }
        articles = [a for a, _ in analysis.claim_refs]

        claims_of = functools.partial(
            _claims_of, names=names, articles=articles, normed=normed, scorer=scorer
        )
        for pair in gold["pairs"]:
            if pair["kind"] not in kinds:
                continue
            total += 1
            rows = [
                row_of[(min(i, j), max(i, j))]
                for i in claims_of(pair["a"])
                for j in claims_of(pair["b"])
                if (min(i, j), max(i, j)) in row_of
            ]
            if not rows:
                missed += 1
                print(f"[{folder.name}] {pair['kind']}: not a claim pair (furniture or unsplit)")
                print(f"  A: {pair['a']['text'][:200]}\n  B: {pair['b']['text'][:200]}")
                continue
            row = max(rows, key=lambda r: recalibrated[r])
            if recalibrated[row] >= 0:
                continue
            missed += 1
            x = dict(zip(INPUTS, inputs[row].tolist(), strict=True))
            print(
                f"[{folder.name}] {pair['kind']}: layer {recalibrated[row]:+.2f}, scorer "
                f"{x['log_odds']:+.2f} (same {x['same']:+.2f}, similar {x['similar']:+.2f}, "
                f"margin {x['margin']:+.2f}), cosine {x['cosine']:.2f}, soft cover "
                f"{x['soft_cover_max']:.2f}"
            )
            for side, claim in (("A", int(scores.left[row])), ("B", int(scores.right[row]))):
                ref = pair["a"] if claims_of(pair["a"]).count(claim) else pair["b"]
                part = "" if ref["text"] == texts[claim] else f"\n     gold part: {ref['text']}"
                print(f"  {side}: {texts[claim][:300]}{part}")
    print(f"{missed} of {total} pairs ({', '.join(sorted(kinds))}) below the layer's threshold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
