"""Claim groups (``compare.align``) and the matches a group adds (``via="group"``)."""

from __future__ import annotations

import numpy as np

from compare.align import align_groups
from compare.label import Links, group_counterparts_without_link


def links_of(pairs: list[tuple[int, int, float]]) -> Links:
    left, right, score = (np.array(column) for column in zip(*pairs, strict=True))
    count = len(pairs)
    return Links(
        left=left.astype(np.int32),
        right=right.astype(np.int32),
        score=score.astype(np.float32),
        shared=np.zeros(count, dtype=bool),
        verbatim_words=np.zeros(count, dtype=np.int32),
        facts_disagree=np.zeros(count, dtype=bool),
    )


# Four claims of three articles: article 1 tells a tax break (claim 0) and water recycling
# (claim 1); article 2 tells the recycling (claim 2); article 3 tells the tax break (claim 3),
# which also links, more weakly, to both recycling claims through their common "70 percent".
ARTICLE_OF = [1, 1, 2, 3]
BRIDGED = [(1, 2, 0.99), (2, 3, 0.97), (0, 3, 0.93), (1, 3, 0.64)]


def groups_of(pairs: list[tuple[int, int, float]], article_of: list[int]) -> list[list[int]]:
    links = links_of(pairs)
    return align_groups(article_of, links.left, links.right, links.score, linkage=0.5)


def test_a_weaker_link_into_an_article_does_not_vote_for_a_merge() -> None:
    # Claim 3's best link into article 1 is claim 0, so its link to claim 1 is no vote for
    # joining the recycling group: the tax break stays with the tax break.
    assert groups_of(BRIDGED, ARTICLE_OF) == [[0, 3], [1, 2]]


def test_a_claim_linked_best_to_both_members_still_joins_them() -> None:
    pairs = [(0, 1, 0.99), (1, 2, 0.9), (0, 2, 0.8)]
    assert groups_of(pairs, [0, 1, 2]) == [[0, 1, 2]]


def counterparts(
    groups: list[list[int]],
    pairs: list[tuple[int, int, float]],
    article_of: list[int],
    room: list[int] | None = None,
) -> list[tuple[int, int]]:
    spare = np.asarray(room if room is not None else [10] * len(article_of), dtype=np.int64)
    claims, others = group_counterparts_without_link(
        groups, links_of(pairs), np.asarray(article_of, dtype=np.int64), spare
    )
    return sorted(zip(claims.tolist(), others.tolist(), strict=True))


# Claims 0-1-2-3 of four articles: 3 joins because it links to 0 and 1 (two of three), but
# has no link of its own into claim 2's article.
JOINED = [(0, 1, 0.99), (1, 2, 0.95), (0, 2, 0.9), (0, 3, 0.8), (1, 3, 0.7)]


def test_group_counterparts_without_link_lists_each_unlinked_article_both_ways() -> None:
    groups = groups_of(JOINED, [0, 1, 2, 3])
    assert groups == [[0, 1, 2, 3]]
    assert counterparts(groups, JOINED, [0, 1, 2, 3]) == [(2, 3), (3, 2)]


def test_a_claim_with_no_room_left_gets_no_group_counterpart() -> None:
    groups = groups_of(JOINED, [0, 1, 2, 3])
    assert counterparts(groups, JOINED, [0, 1, 2, 3], room=[1, 1, 0, 1]) == [(3, 2)]


def test_a_link_into_another_group_does_not_stand_for_the_group_counterpart() -> None:
    # Claim 2 links to claim 4 of article 3, but claim 4 is in another group: in its own
    # group, claim 2 still has no link into article 3, whose member there is claim 3.
    pairs = [*JOINED, (2, 4, 0.6), (4, 5, 0.99), (4, 6, 0.98), (5, 6, 0.97)]
    article_of = [0, 1, 2, 3, 3, 4, 5]
    groups = [[0, 1, 2, 3], [4, 5, 6]]
    assert counterparts(groups, pairs, article_of) == [(2, 3), (3, 2)]


def test_an_article_telling_the_claim_twice_gets_no_pair_of_its_own_and_no_second_counterpart() -> (
    None
):
    # Article 0 tells the claim twice, and claim 0 links to claim 2: claim 2 already links
    # into article 0; claim 1, the second telling, reaches claim 2 through the group; claims
    # 0 and 1 are never each other's counterparts.
    assert counterparts([[0, 1, 2]], [(0, 2, 0.9)], [0, 0, 1]) == [(1, 2)]
