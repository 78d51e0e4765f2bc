"""Navigation over a Comparison: claims in reading order, counterparts, label jumps (no Textual).

The app asks these questions on every key press, so the answers are precomputed or cached here
and each one costs a few dictionary look-ups, whatever the number of articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from compare.closest import NEAR_MISS_AT, ClosestClaims
from compare.results import LABELS, Article, ClaimGroup, Comparison, Label, Match, Sentence

Ref = tuple[str, int]
"""A sentence named by (article id, sentence index)."""

OVERVIEW_FIRST_ABOVE = 50
"""A comparison of more articles than this opens on the coverage overview, to pick from."""
READ_AT_LEAST = 2
READ_AT_MOST = 12
"""How many picked articles the panes show side by side."""


def pick_problem(picked: int, total: int) -> str | None:
    """Why ``picked`` of ``total`` articles cannot be read side by side, or None when they can.

    Picking none reads every article, as long as there are no more than
    ``OVERVIEW_FIRST_ABOVE``; picking all of a comparison smaller than ``READ_AT_LEAST`` is fine.
    """
    if picked == 0:
        if total <= OVERVIEW_FIRST_ABOVE:
            return None
        return (
            f"Pick {READ_AT_LEAST} to {READ_AT_MOST} articles to read side by side "
            "(space picks one)."
        )
    if picked < READ_AT_LEAST and picked < total:
        return f"Pick at least {READ_AT_LEAST} articles to read side by side: {picked} picked."
    if picked > READ_AT_MOST:
        return (
            f"At most {READ_AT_MOST} articles can be read side by side: {picked} picked, "
            f"unpick {picked - READ_AT_MOST}."
        )
    return None


@dataclass(frozen=True, slots=True)
class Counterpart:
    """The claim of another article that stands for the selected claim there."""

    article: str
    index: int
    match: Match | None
    """The selected claim's match to it: a direct link, or ``via="group"`` when only the claim
    group joins them (None from a comparison made before exports listed those)."""
    in_group: bool
    """Whether the two claims share a claim group (False: linked, but grouped apart)."""

    @property
    def ref(self) -> Ref:
        return (self.article, self.index)


class Story:
    """Read-only index of one Comparison for the app's navigation.

    ``picked`` narrows the view to some articles: navigation, counterparts and label counts
    then keep to them. The comparison itself is not recomputed, so labels and claim groups still
    count every article, and look-ups by id work for all of them.
    """

    def __init__(
        self,
        comparison: Comparison,
        picked: Iterable[str] | None = None,
        closest: ClosestClaims | None = None,
    ) -> None:
        self.comparison = comparison
        self.closest = closest
        """The scored pairs behind the comparison, for near misses; None when not kept."""
        self.all_ids: tuple[str, ...] = tuple(article.id for article in comparison.articles)
        """Every article's id, in the order given."""
        chosen = None if picked is None else frozenset(picked)
        self.picked: tuple[str, ...] | None = (
            None if chosen is None else tuple(a for a in self.all_ids if a in chosen)
        )
        """The articles picked to read, in the order given; None when every article is read."""
        self.ids: tuple[str, ...] = self.all_ids if self.picked is None else self.picked
        """The articles in view, in the order given."""
        self._in_view = frozenset(self.ids)
        self._articles: dict[str, Article] = {a.id: a for a in comparison.articles}
        self._claims: dict[str, tuple[int, ...]] = {
            a.id: tuple(s.index for s in a.sentences if s.is_claim) for a in comparison.articles
        }
        self._groups: dict[int, ClaimGroup] = {g.id: g for g in comparison.groups}
        self._counterparts = lru_cache(maxsize=4096)(self._find_counterparts)

    # -- look-ups ---------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def sentence(self, ref: Ref) -> Sentence:
        return self._articles[ref[0]].sentences[ref[1]]

    def position(self, article_id: str) -> int:
        """Where the article sits in the order given (0 for A)."""
        return self.ids.index(article_id)

    def group(self, ref: Ref) -> ClaimGroup | None:
        number = self.sentence(ref).group
        return self._groups.get(number) if number is not None else None

    def group_by_id(self, group_id: int) -> ClaimGroup:
        return self._groups[group_id]

    def tellers(self, group_id: int) -> tuple[str, ...]:
        """The ids of every article (picked or not) with a claim in a claim group, each once."""
        return self._groups[group_id].tellers

    def told_elsewhere(self, ref: Ref) -> int:
        """How many articles out of view (not picked) tell this claim too.

        An article tells a claim when it has a member in the claim's group, as the lens's "told
        by" and the coverage overview count it; a link to a claim grouped apart does not count.
        """
        if self.picked is None:
            return 0
        group = self.group(ref)
        if group is None:
            return 0
        return len(set(group.tellers) - self._in_view)

    def find(self, query: str) -> list[Ref]:
        """The claims read here whose text holds ``query`` (any case), in reading order."""
        needle = query.casefold()
        return [
            (article_id, index)
            for article_id in self.ids
            for index in self._claims[article_id]
            if needle in self._articles[article_id].sentences[index].text.casefold()
        ]

    def claims(self, article_id: str, label: Label | None = None) -> tuple[int, ...]:
        """Indices of the article's claims in reading order, optionally only those of one label."""
        claims = self._claims[article_id]
        if label is None:
            return claims
        sentences = self._articles[article_id].sentences
        return tuple(i for i in claims if sentences[i].label == label)

    def first_claim(self, label: Label | None = None) -> Ref | None:
        """The first claim of the first article that has one (of the given label)."""
        for article_id in self.ids:
            claims = self.claims(article_id, label)
            if claims:
                return (article_id, claims[0])
        return None

    def counterparts(self, ref: Ref) -> dict[str, Counterpart]:
        """One counterpart per other article that has one, keyed by article id, in article order.

        The claim group's member comes first (where an article tells the claim twice, the one
        linked to this claim); an article outside the group but linked directly contributes its
        best-scoring linked claim (the engine keeps only links inside groups, so this is a
        fallback for comparisons built by other means).
        """
        return self._counterparts(ref)

    def _find_counterparts(self, ref: Ref) -> dict[str, Counterpart]:
        sentence = self.sentence(ref)
        if not sentence.is_claim:
            return {}
        direct: dict[tuple[str, int], Match] = {}
        best: dict[str, Match] = {}
        for match in sentence.matches:
            direct.setdefault((match.article, match.index), match)
            if match.article not in best or match.score > best[match.article].score:
                best[match.article] = match
        found: dict[str, Counterpart] = {}
        group = self.group(ref)
        if group is not None:
            for member in group.members:
                if member.article == ref[0]:
                    continue
                linked = direct.get((member.article, member.index))
                earlier = found.get(member.article)
                if earlier is not None and (linked is None or earlier.match is not None):
                    continue  # the article tells the claim twice: keep the linked telling
                found[member.article] = Counterpart(
                    member.article,
                    member.index,
                    linked or self._link_back(ref, member),
                    in_group=True,
                )
        for article_id, match in best.items():
            if article_id not in found and article_id != ref[0]:
                found[article_id] = Counterpart(article_id, match.index, match, in_group=False)
        return {a: found[a] for a in self.ids if a in found}

    def near_misses(self, ref: Ref, *, at: float = NEAR_MISS_AT) -> tuple[tuple[Ref, float], ...]:
        """The closest claim, with its score (``at`` or more), of each article in view that has
        no counterpart of this claim (see ``compare.closest``): empty without the scored pairs."""
        if self.closest is None or not self.sentence(ref).is_claim:
            return ()
        told = {ref[0], *self.counterparts(ref)}
        number = {article_id: n for n, article_id in enumerate(self.all_ids)}
        skip = frozenset(number[a] for a in self.all_ids if a in told or a not in self._in_view)
        found = self.closest.near_misses(
            number[ref[0]], ref[1], below=self.comparison.settings.paraphrase_at, skip=skip, at=at
        )
        return tuple(((self.all_ids[m.article], m.index), m.score) for m in found)

    def _link_back(self, ref: Ref, member: object) -> Match | None:
        """The other claim's link to this one, when only that side recorded it."""
        article, index = member.article, member.index  # type: ignore[attr-defined]
        for match in self.sentence((article, index)).matches:
            if match.article == ref[0] and match.index == ref[1]:
                return match
        return None

    # -- moves --------------------------------------------------------------------------------

    def step_claim(self, ref: Ref, step: int, label: Label | None = None) -> Ref | None:
        """The next (step=1) or previous (step=-1) claim in the same article, or None at the end.

        Works from a selection that is not itself in the filtered list (a counterpart reached by
        Enter may carry another label): the move goes to the nearest listed claim in that direction.
        """
        article_id, index = ref
        claims = self.claims(article_id, label)
        if step > 0:
            following = [i for i in claims if i > index]
            return (article_id, following[0]) if following else None
        preceding = [i for i in claims if i < index]
        return (article_id, preceding[-1]) if preceding else None

    def next_of_label(self, ref: Ref, label: Label, step: int = 1) -> Ref | None:
        """The next claim of a label in the same article, wrapping round; None if it has none."""
        article_id, index = ref
        claims = self.claims(article_id, label)
        if not claims:
            return None
        if step > 0:
            after = [i for i in claims if i > index]
            return (article_id, after[0] if after else claims[0])
        before = [i for i in claims if i < index]
        return (article_id, before[-1] if before else claims[-1])

    def next_of_label_anywhere(self, ref: Ref, label: Label, step: int = 1) -> Ref | None:
        """The next claim of a label in reading order across the story: the rest of this article,
        then the following articles in order, wrapping round to where we started (step=-1: back).
        """
        article_id, index = ref
        here = self.claims(article_id, label)
        if step > 0:
            after = [i for i in here if i > index]
            if after:
                return (article_id, after[0])
        else:
            before = [i for i in here if i < index]
            if before:
                return (article_id, before[-1])
        position = self.position(article_id)
        count = len(self.ids)
        for offset in range(1, count + 1):
            other = self.ids[(position + offset * step) % count]
            claims = self.claims(other, label)
            if claims:
                return (other, claims[0] if step > 0 else claims[-1])
        return None

    def cycle(self, ref: Ref) -> Ref | None:
        """The counterpart in the next article (in order, wrapping) that has one, or None."""
        counterparts = self.counterparts(ref)
        if not counterparts:
            return None
        here = self.position(ref[0])
        ordered = sorted(
            counterparts.values(), key=lambda c: (self.position(c.article) - here) % len(self.ids)
        )
        return ordered[0].ref

    def nearest_claim(
        self, article_id: str, fraction: float, label: Label | None = None
    ) -> Ref | None:
        """The claim of an article nearest a relative position (0 = top, 1 = end)."""
        claims = self.claims(article_id, label) or self.claims(article_id)
        if not claims:
            return None
        count = len(self._articles[article_id].sentences)
        target = fraction * max(count - 1, 1)
        return (article_id, min(claims, key=lambda i: (abs(i - target), i)))

    def fraction(self, ref: Ref) -> float:
        """How far through its article a sentence sits (0 = first, 1 = last)."""
        count = len(self._articles[ref[0]].sentences)
        return ref[1] / max(count - 1, 1)

    def conflicts(self, ref: Ref) -> tuple[tuple[str, str, str], ...]:
        """(other article, this claim's value, the other's value) for every disagreeing fact."""
        return tuple(
            (match.article, mine, theirs)
            for match in self.sentence(ref).matches
            for mine, theirs in match.conflict
        )

    def label_counts(self) -> dict[Label, int]:
        """How many claims carry each label, across the articles in view."""
        articles = [self.article(id) for id in self.ids]
        return {label: sum(a.counts.of(label) for a in articles) for label in LABELS}
