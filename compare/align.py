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
    members: dict[int, list[int]] = {i: [i] for i in range(len(article_of))}
    linked = {(min(i, j), max(i, j)) for i, j, _ in links}
    for i, j, _score in sorted(links, key=lambda link: (-link[2], link[0], link[1])):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        articles_a = {article_of[m] for m in members[a]}
        if any(article_of[m] in articles_a for m in members[b]):
            continue
        cross = [(min(x, y), max(x, y)) for x in members[a] for y in members[b]]
        if sum(pair in linked for pair in cross) <= linkage * len(cross):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for m in members[b]:
            group_of[m] = a
        members[a].extend(members.pop(b))
    return sorted(sorted(group) for group in members.values())
