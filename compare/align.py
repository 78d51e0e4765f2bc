"""Step 5, align: join linked claims of different articles into claim groups, order-free."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def align_groups(
    article_of: Sequence[int],
    left: np.ndarray,
    right: np.ndarray,
    score: np.ndarray,
    *,
    linkage: float,
) -> list[list[int]]:
    """Group claims that say the same thing, at most one claim per article in a group.

    Links are merged strongest first. Two groups join only when more than ``linkage`` of the claim
    pairs between them are linked: a sentence that merges two facts links to both, but the two
    facts do not link to each other, so that bridge cannot chain them into one group. Only a
    claim's strongest link into each other article counts: a group holds one claim per article,
    so a weaker link into an article (the same figure of two things: "70 percent of its
    taxes" and "70 percent of its water") is no vote for the group its better link is not in.

    Args:
        article_of: The article of each claim.
        left: Claim numbers of every linked pair...
        right: ...their partners...
        score: ...and the pairs' scores.
        linkage: Share of cross pairs that must be linked for two groups to merge.

    Returns:
        Groups as lists of claim numbers, every claim in exactly one group, each group sorted.
        Every claim that has a link shares its group with at least one claim it links to, so a
        claim labelled shared or paraphrased is never told by its own article alone: one left
        alone by the rules above (its counterpart's group already holds a claim of its article,
        as when a page tells a claim twice, or the group refused it as a chain) joins the group
        of its strongest link, beside its article's other telling.
    """
    n = len(article_of)
    if not len(left):
        return [[claim] for claim in range(n)]
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    order = np.lexsort((right, left, -np.asarray(score, dtype=np.float64)))
    # Each claim's strongest link into each other article, read from one sorted array only
    # when two groups may merge: a weaker link into an article whose better counterpart of the
    # claim is elsewhere is a bridge (one figure, two things) and does not count.
    ends = np.concatenate((left, right))
    partners = np.concatenate((right, left))
    strength = np.concatenate((score, score)).astype(np.float64)
    articles_in = np.asarray(article_of, dtype=np.int64)
    into = ends * (int(articles_in.max(initial=0)) + 1) + articles_in[partners]
    by_into = np.argsort(into, kind="stable")  # one segment per (claim, article it links into)
    into, partners, strength = into[by_into], partners[by_into], strength[by_into]
    new_segment = np.r_[True, into[1:] != into[:-1]]
    starts = np.flatnonzero(new_segment)
    strongest = np.maximum.reduceat(strength, starts)[np.cumsum(new_segment) - 1]
    # The strongest partner of each segment; of equally strong ones, the lowest numbered.
    tied = np.where(strength == strongest, partners, np.iinfo(np.int64).max)
    partners = np.minimum.reduceat(tied, starts)
    bounds = np.searchsorted(ends[by_into][starts], np.arange(n + 1)).tolist()
    neighbour_sets: dict[int, set[int]] = {}

    def neighbours(claim: int) -> set[int]:
        found = neighbour_sets.get(claim)
        if found is None:
            found = neighbour_sets[claim] = set(
                partners[bounds[claim] : bounds[claim + 1]].tolist()
            )
        return found

    group_of = list(range(n))
    members: dict[int, set[int]] = {i: {i} for i in range(n)}
    articles: dict[int, set[int]] = {i: {article_of[i]} for i in range(n)}
    # Many links join the same two groups: once they fail to merge, skip them until one grows.
    size_when_refused: dict[tuple[int, int], tuple[int, int]] = {}
    for i, j in zip(left[order].tolist(), right[order].tolist(), strict=True):
        a, b = group_of[i], group_of[j]
        if a == b or not articles[a].isdisjoint(articles[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a  # b is now the smaller group: count its members' links into a
        sizes = (len(members[a]), len(members[b]))
        if size_when_refused.get((a, b)) == sizes:
            continue
        needed = linkage * sizes[0] * sizes[1]
        into = members[a]
        linked = sum(len(neighbours(m) & into) for m in members[b])
        if linked <= needed:
            size_when_refused[(a, b)] = sizes
            continue
        for m in members[b]:
            group_of[m] = a
        members[a] |= members.pop(b)
        articles[a] |= articles.pop(b)
    # Claims still alone though linked: join the group of the strongest link (``order`` is
    # strongest first), so the label and the group tell one story.
    for i, j in zip(left[order].tolist(), right[order].tolist(), strict=True):
        for alone, partner in ((i, j), (j, i)):
            a = group_of[alone]
            if len(members[a]) == 1 and group_of[partner] != a:
                b = group_of[partner]
                group_of[alone] = b
                members[b] |= members.pop(a)
    return sorted(sorted(group) for group in members.values())
