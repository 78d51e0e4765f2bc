"""Measure a comparison against hand-made gold annotations (the samples' ``gold.json`` format).

Used by the tests and the benchmarks, and by anyone who annotates their own story set: a
``gold.json`` beside the articles names sentences by file and an exact snippet of their text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SynopsisError
from .results import Comparison

Ref = tuple[str, int]
"""(article id, sentence index)."""


@dataclass(frozen=True, slots=True)
class GoldScores:
    """How well one comparison agrees with the gold, each figure a share from 0 to 1."""

    pairs_linked: float
    """Same-claim pairs (shared + paraphrased) that are linked."""
    shared_labelled_shared: float
    """Shared pairs whose link is labelled shared."""
    different_linked: float
    """Must-not-link pairs (same story, different claim) that are linked: lower is better."""
    unique_labelled_unique: float
    """Claims only one source makes that are labelled unique."""
    non_claims_recognised: float
    """Headings and boilerplate not taken for claims."""
    conflicts_found: float
    """Gold fact conflicts reported on the link between the two claims."""
    false_conflicts: float
    """Pairs that only look different (rounding, units) reported as conflicts: lower is better."""
    counts: dict[str, int]
    misses: dict[str, tuple[str, ...]]
    """What went wrong, item by item, to read when a figure drops."""


def load_gold(folder: str | Path) -> dict[str, Any]:
    path = Path(folder) / "gold.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SynopsisError(f"{path}: cannot read gold annotations ({error})") from None


def score_against_gold(comparison: Comparison, gold: dict[str, Any]) -> GoldScores:
    """Resolve every gold snippet to a sentence and measure the comparison's agreement.

    Raises:
        SynopsisError: a snippet names no sentence or several (the gold needs fixing).
    """
    by_file = {Path(a.source).name: a for a in comparison.articles}

    def ref(item: list[str]) -> Ref:
        file, snippet = item
        article = by_file.get(file)
        if article is None:
            raise SynopsisError(f"gold names {file}, which is not among the compared articles")
        found = [s.index for s in article.sentences if snippet in s.text]
        if len(found) != 1:
            raise SynopsisError(
                f"gold snippet {snippet!r} matches {len(found)} sentences of {file}"
            )
        return article.id, found[0]

    def link(a: Ref, b: Ref):
        sentence = comparison.sentence(*a)
        return next((m for m in sentence.matches if (m.article, m.index) == b), None)

    def text(r: Ref) -> str:
        return f"{r[0]}:{r[1]} {comparison.sentence(*r).text[:70]}"

    pairs = {
        name: [(ref(x), ref(y)) for x, y in gold.get(name, [])]
        for name in ("shared", "paraphrased", "must_not_link", "non_conflicts")
    }
    conflicts = [
        ((ref(c["pair"][0]), ref(c["pair"][1])), c["values"]) for c in gold.get("conflicts", [])
    ]
    unique = [ref(x) for x in gold.get("unique", [])]
    non_claims = [ref(x) for x in gold.get("non_claims", [])]

    same = pairs["shared"] + pairs["paraphrased"]
    misses = {
        "unlinked": tuple(f"{text(a)} ~ {text(b)}" for a, b in same if link(a, b) is None),
        "shared_not_shared": tuple(
            f"{text(a)} ~ {text(b)}"
            for a, b in pairs["shared"]
            if (m := link(a, b)) is None or m.label != "shared"
        ),
        "wrongly_linked": tuple(
            f"{text(a)} ~ {text(b)}" for a, b in pairs["must_not_link"] if link(a, b) is not None
        ),
        "unique_not_unique": tuple(
            text(r) for r in unique if comparison.sentence(*r).label != "unique"
        ),
        "non_claim_taken_for_claim": tuple(
            text(r) for r in non_claims if comparison.sentence(*r).kind == "claim"
        ),
        "conflict_missed": tuple(
            f"{text(a)} ~ {text(b)}"
            for (a, b), _ in conflicts
            if not ((m := link(a, b)) and m.conflict)
        ),
        "false_conflict": tuple(
            f"{text(a)} ~ {text(b)}"
            for a, b in pairs["non_conflicts"]
            if (m := link(a, b)) and m.conflict
        ),
    }

    def share(missed: str, total: int, *, bad: bool = False) -> float:
        if not total:
            return 0.0 if bad else 1.0
        wrong = len(misses[missed])
        return wrong / total if bad else 1 - wrong / total

    return GoldScores(
        pairs_linked=share("unlinked", len(same)),
        shared_labelled_shared=share("shared_not_shared", len(pairs["shared"])),
        different_linked=share("wrongly_linked", len(pairs["must_not_link"]), bad=True),
        unique_labelled_unique=share("unique_not_unique", len(unique)),
        non_claims_recognised=share("non_claim_taken_for_claim", len(non_claims)),
        conflicts_found=share("conflict_missed", len(conflicts)),
        false_conflicts=share("false_conflict", len(pairs["non_conflicts"]), bad=True),
        counts={
            "same_claim_pairs": len(same),
            "shared_pairs": len(pairs["shared"]),
            "must_not_link": len(pairs["must_not_link"]),
            "unique": len(unique),
            "non_claims": len(non_claims),
            "conflicts": len(conflicts),
            "non_conflicts": len(pairs["non_conflicts"]),
        },
        misses=misses,
    )
