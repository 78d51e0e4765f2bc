"""Step 5, align: join linked claims of different articles into claim groups, order-free."""

from __future__ import annotations

from collections.abc import Sequence


def align_groups(
    article_of: Sequence[int],
    links: Sequence[tuple[int, int, float]],
    *,
    linkage: float,
) -> list[list[int]]:
    """Group claims that say the same thing, at most one claim per article in a group.

    Links are merged strongest first. Two groups join only when more than ``linkage`` of the claim
    pairs between them are linked: a sentence that merges two facts links to both, but the two
    facts do not link to each other, so that bridge cannot chain them into one group.

    Args:
        article_of: The article of each claim.
        links: (claim, claim, score) for every linked pair.
        linkage: Share of cross pairs that must be linked for two groups to merge.

    Returns:
        Groups as lists of claim numbers, every claim in exactly one group, each group sorted.
    """
    group_of = list(range(len(article_of)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(article_of))}
    articles: dict[int, set[int]] = {i: {article_of[i]} for i in range(len(article_of))}
    neighbours: dict[int, set[int]] = {}
    for i, j, _ in links:
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    for i, j, _score in sorted(links, key=lambda link: (-link[2], link[0], link[1])):
        a, b = group_of[i], group_of[j]
        if a == b or not articles[a].isdisjoint(articles[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a  # b is now the smaller group: count its members' links into a
        linked = sum(len(neighbours[m] & members[a]) for m in members[b])
        if linked <= linkage * len(members[a]) * len(members[b]):
            continue
        for m in members[b]:
            group_of[m] = a
        members[a] |= members.pop(b)
        articles[a] |= articles.pop(b)
    return sorted(sorted(group) for group in members.values())
