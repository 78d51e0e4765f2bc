"""Step 4, score pairs (continued): claims that give different figures for one quantity.

Coverage of one story misreports figures (8,400 trial volunteers in one outlet, 4,800 in another),
and a fact-checker wants exactly those pairs linked and flagged. The pair scorer learned from MRPC,
where a different number mostly means a different sentence, so it reads them as two claims. Yet
two claims of one story also differ in figures because they *are* two claims on one template (a
ferry every 20 minutes against an eight-minute crossing; 38,000 cars on the bridge against 52,000
in the tunnel). The facts alone tell the cases apart (:func:`figure_verdict`):

* a **misreport** is judged with the disagreeing figures set aside: both claims get one shared
  placeholder where their figures were, and the pair is scored again. It links if the rest of the
  sentence says the same thing, and the link then reports the conflict
  (``fact_comparison.find_conflicts``);
* **distinct figures** mean distinct claims: the neighbourhood margin may not lift the pair, and
  it keeps the lower of the scorer's two verdicts on it alone (``pairs.score_pairs``). So do
  figures the other article also gives elsewhere: that article states both, for two things.

Only pairs inside a comparison are judged so (pairs judged one by one, as in MRPC, have no
article to look into), and only the few whose facts disagree on a figure are rescored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .claims import PreparedClaims, score_rewordings
from .fact_comparison import (
    clock_distance,
    disagreement,
    figure_measure,
    figure_range,
    same_measure,
    share_a_charge,
)
from .fact_extraction import hedged_span
from .facts import QUANTITY_KINDS, Fact, FactSet
from .lexicon import ordered_words, words

Verdict = Literal["misreport", "distinct", "unsure", "none"]

# Not a user setting: a rule of the model, chosen on STS-B train like its coefficients.
MISREPORT_MAX_RATIO = 2.0
"""A misreported figure is close to the one it misreports (a wrong or transposed digit, a
rounding, a later count): figures further apart than this factor are not read as one quantity.
Chosen on STS-B train: of the pairs that disagree on one figure, it keeps 80% of those scored 3
or more ("roughly equivalent") and 43% of those under 2; a factor of 3 keeps 82% and 66%."""

PLACEHOLDER = "some"
"""What stands in for a disagreeing figure in both claims when the pair is scored again: a plain
word (no number, so neither agreement nor disagreement of facts is read into it) that keeps the
words around it in step, as the figure did."""


@dataclass(frozen=True, slots=True, eq=False)
class FigureJudgement:
    """The pairs whose claims disagree on a figure, judged; arrays aligned with the pairs."""

    misreport: np.ndarray
    """bool: one quantity reported differently; ``same``/``similar`` hold the rescored logits."""
    distinct: np.ndarray
    """bool: the figures are of different things: no margin lift, the lower head's verdict."""
    same: np.ndarray
    """float32 ``same``-head log-odds, misreports scored with their figures set aside."""
    similar: np.ndarray
    """float32 ``similarity``-head log-odds, likewise."""


class ArticleFigures:
    """The figures each article gives, indexed by what they measure."""

    def __init__(self, facts: Sequence[FactSet], article_of: Sequence[int]) -> None:
        self._known: dict[tuple[int, int], bool] = {}
        self._ranges: dict[tuple[int, tuple[str, str, bool]], list[tuple[float, float]]] = {}
        for claim, article in zip(facts, article_of, strict=True):
            for fact in claim.facts:
                measure = figure_measure(fact)
                # A bound ("more than 14%") gives no figure of its own.
                if measure is not None and fact.qualifier in ("exact", "approx"):
                    self._ranges.setdefault((article, measure), []).append(figure_range(fact))

    def states(self, fact: Fact, article: int) -> bool:
        """Whether some claim of the article gives this figure itself, not a mere bound."""
        key = (id(fact), article)  # facts live as long as the comparison's fact sets
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._look_up(fact, article)
        return found

    def _look_up(self, fact: Fact, article: int) -> bool:
        measure = figure_measure(fact)
        ranges = self._ranges.get((article, measure)) if measure is not None else None
        if not ranges:
            return False
        lo, hi = figure_range(fact)
        return any(lo < other_hi and other_lo < hi for other_lo, other_hi in ranges)


def figure_verdict(a: FactSet, b: FactSet) -> tuple[Verdict, tuple[tuple[Fact, Fact], ...]]:
    """Whether two claims that disagree on figures report one quantity differently.

    ``misreport`` needs the claims to disagree on figures (numbers, amounts, percents) or on
    one moment (a clock time, a day, a month) and on nothing else (a second kind of fact that
    differs, or a weekday, year, place or organisation, means another event or another day's
    report). Figures must measure the same thing (same kind and unit, and counts of a named
    noun: two bare numbers could count anything) and lie within :data:`MISREPORT_MAX_RATIO` of
    each other; a moment must be close to the other (:data:`MISREPORT_MAX_MINUTES`,
    :data:`MISREPORT_MAX_DAYS`, :data:`MISREPORT_MAX_MONTHS`). And something must tie the claims
    together: a name or a criminal charge they share (the counts of one charge are one
    quantity), or another figure they agree on; or two or more figures in named units that pair
    off ("221 yards and two touchdowns" against "over 300 yards and three touchdowns": the
    measures line up, one stat line told twice); or a moment, since the words around a time or
    date say which event it dates. Without it, a claim whose only
    fact is the figure could be any claim on the same template ("38,000 vehicles cross the
    bridge", "the tunnel carries 52,000 vehicles").

    ``distinct`` is for figures that cannot be one quantity: a recurrence against a length ("every
    20 minutes", "an eight-minute crossing"), or claims that each name someone or something the
    other does not (one template filled twice: "shares of Acme rose 5%", "shares of Zenith fell
    3%"; see ``fact_comparison.name_overlap``).

    ``unsure`` is everything else: the pair keeps the scorer's reading. :func:`judge_figures`
    adds a test on the articles.

    Args:
        a: Facts of one claim.
        b: Facts of the other.

    Returns:
        (the verdict, or ``none`` when no figure or moment disagrees; the disagreeing figures
        or moment as (``a``'s, ``b``'s) pairs).
    """
    found = disagreement(a, b)
    figures = tuple((x, y) for x, y in found.facts if x.kind in QUANTITY_KINDS)
    moments = tuple((x, y) for x, y in found.facts if x.kind == "date" and x.unit in _MOMENTS)
    if not figures and not moments:
        return "none", ()
    if found.names == "apart" or not all(same_measure(x, y) for x, y in figures):
        return "distinct", figures + moments
    other_conflicts = any(
        (x.kind == "date" and x.unit not in _MOMENTS)
        or (x.kind == "name" and x.role in ("place", "org"))
        for x, _ in found.facts
    )
    bare_counts = any(x.kind == "number" and not (x.unit and y.unit) for x, y in figures)
    if moments:
        # One moment told two ways, and nothing else: the event around it decides the link.
        if figures or len(moments) > 1 or other_conflicts or not _close_moments(*moments[0]):
            return "unsure", figures + moments
        return "misreport", moments
    stat_line = len(figures) > 1 and len({x.unit for x, _ in figures}) == len(figures)
    anchored = found.names == "shared" or found.figures_agree or stat_line or share_a_charge(a, b)
    close = all(_within_ratio(x, y) for x, y in figures)
    if (len(figures) > 1 and not stat_line) or other_conflicts or bare_counts:
        return "unsure", figures
    if not anchored or not close:
        return "unsure", figures
    return "misreport", figures


_MOMENTS: frozenset[str] = frozenset({"time", "day", "month"})
"""Date granularities that date one event, and so can be misreported: a weekday or a year alone
is too coarse to tell a misreport from another occasion."""

MISREPORT_MAX_MINUTES = 180
"""Clock times further apart than three hours are not read as one moment misreported (times
given in two zones are compared as the moment they name, ``facts``)."""
MISREPORT_MAX_DAYS = 31
MISREPORT_MAX_MONTHS = 3
"""Days further apart than a month, months further apart than a quarter: another occasion."""


def _close_moments(x: Fact, y: Fact) -> bool:
    """Whether two moments of one granularity are close enough to be one misreported."""
    if x.unit == "time":
        apart = clock_distance(x, y)
        return apart is not None and apart <= MISREPORT_MAX_MINUTES
    if not isinstance(x.value, tuple) or not isinstance(y.value, tuple) or x.unit != y.unit:
        return False
    (yx, mx, dx), (yy, my, dy) = (x.value + (None,) * 3)[:3], (y.value + (None,) * 3)[:3]
    if (yx is None) != (yy is None) or mx is None or my is None:
        return False
    months = 12 * ((yx or 0) - (yy or 0)) + (int(mx) - int(my))  # type: ignore[operator]
    if x.unit == "month":
        return abs(months) <= MISREPORT_MAX_MONTHS
    if dx is None or dy is None:
        return False
    return abs(31 * months + int(dx) - int(dy)) <= MISREPORT_MAX_DAYS  # type: ignore[call-overload]


def _within_ratio(a: Fact, b: Fact) -> bool:
    """Whether two figures are no further apart than a misreport usually is."""
    x, y = a.value, b.value
    if not isinstance(x, (int, float)) or not isinstance(y, (int, float)) or x <= 0 or y <= 0:
        return False
    return max(x, y) <= MISREPORT_MAX_RATIO * min(x, y)


def set_aside(text: str, figures: Sequence[Fact]) -> str:
    """The text with each of these figures, hedge included, replaced by :data:`PLACEHOLDER`.

    The hedge goes too: "roughly 4,800" against "8,400" is one figure stated two ways.
    """
    spans = sorted({hedged_span(text, fact) for fact in figures}, reverse=True)
    for start, stop in spans:
        text = text[:start] + PLACEHOLDER + text[stop:]
    return text


_CLAUSE_END = re.compile(r"[,;:]\s|\s[\u2014\u2013-]\s|\s\(")


def claim_of(text: str, figures: Sequence[Fact]) -> str:
    """The claim the figures belong to: the sentence up to the end of the clause holding them.

    A sentence often carries a second claim after the one with the figure ("Q3 revenue
    totaled $57.01bn, vs. $54.92bn expected, while adjusted EPS came in at $1.30"; "began around
    6:00 AM ET, according to Downdetector, when an issue surfaced ..."); what comes after the
    figure's clause is not what the other outlet misreported, so the pair is also scored
    without it.
    """
    end = max((fact.span[1] for fact in figures), default=0)
    found = _CLAUSE_END.search(text, end)
    return text[: found.start()] if found else text


VERDICTS: tuple[Verdict, ...] = ("none", "unsure", "distinct", "misreport")
"""The verdicts as :func:`figure_verdicts` codes them: the code is the position here."""
_DISTINCT, _MISREPORT = VERDICTS.index("distinct"), VERDICTS.index("misreport")

FigureUnits = frozenset[tuple[str, str]]


_PART = re.compile(
    rf"\b([^\W\d_][\w'’-]*)[\s-]+(?:{'|'.join(ordered_words('part_nouns'))})s?\b", re.I
)
"""A part of a company or a body named by what it does: "the data-centre segment", "its cloud
unit", "the gaming division"."""
_NOT_A_PART_NAME = words("not_part_names")
_SPELT = str.maketrans("", "", "-'’ ")


def _spelt_one_way(text: str) -> str:
    """Lower case without hyphens, apostrophes or spaces, "centre" as "center": how a part's
    name is looked for in the other claim ("data-centre", "data center")."""
    return text.casefold().translate(_SPELT).replace("centre", "center")


def names_a_part(text: str, other: str) -> bool:
    """Whether ``text`` gives its figure for a part ("sales in the data-centre segment grew to
    $51.2 billion") that ``other`` never names: a figure of the part and one of the whole
    ("record revenue of $57.0 billion") are two quantities, not one misreported."""
    parts = [m.group(1) for m in _PART.finditer(text)]
    if not parts:
        return False
    spelt = _spelt_one_way(other)
    return any(
        part.casefold() not in _NOT_A_PART_NAME and _spelt_one_way(part) not in spelt
        for part in parts
    )


def figure_units(facts: Sequence[FactSet]) -> list[FigureUnits]:
    """The (kind, unit) of every figure and moment each claim gives: two claims can disagree on
    a figure or a moment only in a unit both use, which rules out most pairs before any
    comparison."""
    known: dict[int, FigureUnits] = {}  # claims with one text share one fact set
    units = []
    for claim in facts:
        found = known.get(id(claim))
        if found is None:
            measures = map(figure_measure, claim.facts)
            moments = (("date", f.unit) for f in claim.facts if f.kind == "date")
            found = known[id(claim)] = frozenset(
                [m[:2] for m in measures if m is not None]
                + [m for m in moments if m[1] in _MOMENTS]
            )
        units.append(found)
    return units


def figure_verdicts(
    facts: Sequence[FactSet],
    units: Sequence[FigureUnits],
    left: np.ndarray,
    right: np.ndarray,
    *,
    where: np.ndarray,
) -> np.ndarray:
    """:func:`figure_verdict` of each pair, coded as in :data:`VERDICTS` (int8).

    Only pairs ``where`` holds (the scorer saw some fact disagree) and whose claims give figures
    in a common unit are judged; every other pair is ``none``. Each pair of fact sets is judged
    once. The verdict does not depend on the order of the two claims (tested).
    """
    codes = np.zeros(len(left), dtype=np.int8)
    known: dict[tuple[int, int], int] = {}
    lefts, rights = left.tolist(), right.tolist()
    for k in np.flatnonzero(where).tolist():
        i, j = lefts[k], rights[k]
        if units[i].isdisjoint(units[j]):
            continue
        key = (id(facts[i]), id(facts[j]))
        code = known.get(key)
        if code is None:
            code = known[key] = VERDICTS.index(figure_verdict(facts[i], facts[j])[0])
        codes[k] = code
    return codes


def judge_figures(
    prepared: PreparedClaims,
    left: np.ndarray,
    right: np.ndarray,
    *,
    verdicts: np.ndarray,
    inside: np.ndarray,
    same: np.ndarray,
    similar: np.ndarray,
) -> FigureJudgement:
    """Act on the verdicts: rescore misreports, mark distinct figures.

    On top of :func:`figure_verdict`, a figure is no misreport when the other claim's article
    gives it elsewhere (that article states both figures, so they are of two things).

    Args:
        prepared: The comparison's prepared claims (texts, facts, scorer, embedder).
        left: Claim indices.
        right: Claim indices, same length.
        verdicts: Each pair's :func:`figure_verdicts` code.
        inside: bool per pair: the pair is judged inside a comparison (it has a neighbourhood).
        same: ``same``-head log-odds of every pair.
        similar: ``similarity``-head log-odds of every pair.

    Returns:
        The verdicts, with the logits of misreports replaced by their rescored values when higher.
    """
    n = len(left)
    misreport = np.zeros(n, dtype=bool)
    distinct = inside & (verdicts == _DISTINCT)
    same, similar = same.copy(), similar.copy()
    looked_at = np.flatnonzero(inside & (verdicts == _MISREPORT))
    if not len(looked_at):
        return FigureJudgement(misreport, distinct, same, similar)
    facts = prepared.features.facts
    article_of = prepared.article_of.tolist()
    index = ArticleFigures(facts, article_of)
    # Wire copy repeats sentences: find each pair of fact sets' figures once, rewrite each text
    # once per set of figures set aside, and score each pair of rewritten texts once.
    disagreeing: dict[tuple[int, int], tuple[tuple[Fact, Fact], ...]] = {}
    rewritten: dict[tuple[str, tuple[Fact, ...], bool], int] = {}
    rescored: dict[tuple[int, int], list[int]] = {}
    lefts, rights = left.tolist(), right.tolist()
    for k in looked_at.tolist():
        i, j = lefts[k], rights[k]
        key = (id(facts[i]), id(facts[j]))
        figures = disagreeing.get(key)
        if figures is None:
            figures = disagreeing[key] = figure_verdict(facts[i], facts[j])[1]
        texts = prepared.texts
        if any(index.states(y, article_of[i]) for _, y in figures) or any(
            index.states(x, article_of[j]) for x, _ in figures
        ):
            distinct[k] = True  # each article gives both figures: they count two things
            continue
        if names_a_part(texts[i], texts[j]) or names_a_part(texts[j], texts[i]):
            distinct[k] = True  # a segment's figure against the whole's
            continue
        misreport[k] = True
        for clause in (False, True):
            pair = (
                rewritten.setdefault(
                    (texts[i], tuple(x for x, _ in figures), clause), len(rewritten)
                ),
                rewritten.setdefault(
                    (texts[j], tuple(y for _, y in figures), clause), len(rewritten)
                ),
            )
            rescored.setdefault(pair, []).append(k)
    if rescored:
        new_texts = [
            set_aside(claim_of(text, side) if clause else text, side)
            for text, side, clause in rewritten
        ]
        first, second = (np.array(column) for column in zip(*rescored, strict=True))
        new_same, new_similar = score_rewordings(prepared, new_texts, first, second)
        for (pair_same, pair_similar), rows in zip(
            zip(new_same, new_similar, strict=True), rescored.values(), strict=True
        ):
            same[rows] = np.maximum(same[rows], pair_same)
            similar[rows] = np.maximum(similar[rows], pair_similar)
    return FigureJudgement(misreport, distinct, same, similar)
