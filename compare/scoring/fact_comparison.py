"""Comparing the facts of two claims: agreement counts for the scorer, conflicts for the reader.

Facts agree allowing for rounding, units, hedges, granularity and name subsets; what is left on
both sides may disagree, and a disagreement both sides state unambiguously is a conflict.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from .facts import (
    CONVERSION_SLACK,
    QUANTITY_KINDS,
    RECURRENCE_PREFIX,
    Fact,
    FactSet,
    NameOverlap,
    _Item,
    fact_item,
)
from .lexicon import table, words

__all__ = [
    "LEGAL_STAGES",
    "Disagreement",
    "compare_facts",
    "disagreeing_charges",
    "disagreeing_facts",
    "disagreeing_tallies",
    "disagreement",
    "figure_measure",
    "figure_range",
    "find_conflicts",
    "instances_named",
    "legal_stage",
    "name_overlap",
    "other_instances",
    "same_measure",
    "share_a_charge",
]


_MEASURE_CLASSES: Final[frozenset[str]] = frozenset(
    "#" + spec[0] for spec in table("measure_units").values() if spec[0] != "year"
)
"""Counts of a physical measure (a speed, a length, an area, a volume, a weight, a
temperature), each in its one unit: a speed never agrees with a distance ("215 mph" against
"nearly 200 miles"), though a count of jobs may agree with a count of workers. Spans of years
stay plain counts."""


def _compatible(ca: str, cb: str) -> bool:
    """Quantity classes that can agree: same unit; a bare number and anything counted or money;
    any two counts unless one is a physical measure."""
    if ca == cb:
        return True
    if ca[0] == "#":
        if cb[0] == "#":
            bare = ca == "#" or cb == "#"
            return bare or (ca not in _MEASURE_CLASSES and cb not in _MEASURE_CLASSES)
        return ca == "#" and cb[0] == "$"
    return cb == "#" and ca[0] == "$"


def _matched(x: FactSet, y: FactSet, keyed_possible: bool) -> list[bool]:
    """For each fact of x, whether some fact of y agrees with it."""
    items = x._items
    out = [False] * len(items)
    if keyed_possible:
        y_own, y_cover = y._own, y._cover
        for k in x._keyed:
            it = items[k]
            if not it[4].isdisjoint(y_cover) or not it[5].isdisjoint(y_own):
                out[k] = True
    if x._quant and y._quant:
        ys = y._quant_items
        for k in x._quant:
            item = items[k]
            dom, cls, lo, hi, written = item[0], item[1], item[2], item[3], item[7]
            money = cls[:1] == "$"
            for other in ys:
                if (
                    other[0] == dom
                    and (
                        (lo < other[3] and other[2] < hi)
                        or (money and _in_table_units(item, other))
                        or (written != other[7] and _converted_alike(item, other))
                    )
                    and _compatible(cls, other[1])
                ):
                    out[k] = True
                    break
    return out


TABLE_SCALES: Final[tuple[float, ...]] = (1e3, 1e6)
"""What a results table's bare figures are counted in ("$ in thousands", "$ in millions")."""


def _in_table_units(x: _Item, y: _Item) -> bool:
    """One amount is a table cell in thousands or millions ("$31,910"), the other the same
    figure in prose ("$31.91bn"): press releases tabulate in millions, outlets write billions.

    The cell must be a dollar count of four digits or more written to the dollar (or the ten),
    and agree to the last digit the prose gives, so only a figure restated reads this way."""
    if x[1][:1] != "$" or y[1][:1] != "$":
        return False
    cell, prose = (x, y) if x[3] - x[2] < y[3] - y[2] else (y, x)
    if not (cell[3] - cell[2] < 10.0 and cell[2] >= 999.5 and prose[2] >= 1e6):
        return False
    return any(cell[2] * s < prose[3] and prose[2] < cell[3] * s for s in TABLE_SCALES)


def _converted_alike(x: _Item, y: _Item) -> bool:
    """Two figures written in different units ("185 mph", "295 km/h") that agree once the
    rounding of a conversion is allowed for: each interval widened by half the slack."""
    if x[7] == y[7] or x[1] != y[1]:
        return False  # written in one unit (or measuring different things): intervals decide
    wx, wy = _half_slack(x[2], x[3]), _half_slack(y[2], y[3])
    return x[2] - wx < y[3] + wy and y[2] - wy < x[3] + wx


def _half_slack(lo: float, hi: float) -> float:
    """Half the conversion slack of a figure, from its finite bounds (a hedge opens one)."""
    finite = [abs(b) for b in (lo, hi) if math.isfinite(b)]
    return CONVERSION_SLACK * 0.5 * max(finite) if finite else 0.0


_CONFLICT_NAME_ROLES: Final[frozenset[str]] = frozenset({"place", "org"})


def compare_facts(a: FactSet, b: FactSet) -> tuple[int, int]:
    """Count facts two sentences agree on and disagree on, as features for the pair scorer.

    Agreeing is the smaller of the two sides' counts of facts that agree with some fact on
    the other side, so the count is symmetric and a sentence cannot agree more than it says.
    Disagreeing counts, per kind and unit (names: per role, people included), the unmatched
    facts both sides have, ``min`` of the two: "1,200 jobs" against "1,300 jobs" is one
    disagreement, a fact present on one side only is none (paraphrases drop details). This
    is looser than :func:`find_conflicts`, which also needs the pairing to be unambiguous.

    Args:
        a: Facts of the first sentence.
        b: Facts of the second sentence.

    Returns:
        ``(agreeing, disagreeing)``.
    """
    if not a.facts or not b.facts:
        return 0, 0
    keyed = bool(a._keyed and b._keyed) and (
        not a._own.isdisjoint(b._cover) or not b._own.isdisjoint(a._cover)
    )
    quant = bool(a._quant and b._quant)
    common = a._groups & b._groups
    if not keyed and not quant and not common:
        return 0, 0
    ma = _matched(a, b, keyed)
    mb = _matched(b, a, keyed)
    agree = min(sum(ma), sum(mb))
    if not common:
        return agree, 0
    disagree = 0
    for g in common:
        ua = sum(1 for k in a._members[g] if not ma[k])
        if ua:
            ub = sum(1 for k in b._members[g] if not mb[k])
            disagree += min(ua, ub)
    return agree, disagree


def find_conflicts(a: FactSet, b: FactSet) -> tuple[tuple[str, str], ...]:
    """Facts two linked claims state differently, as written: ``(("17%", "70%"),)``.

    Call it on claims already judged to say the same thing. Facts that agree (allowing for
    rounding, units, hedges, granularity and name subsets) are set aside first; of what is
    left, a fact conflicts with one on the other side only if they have the same kind and unit
    and the pairing is unambiguous: exactly one leftover each side, or exactly one each with
    the same "about" word ("jobs", "deal", "plant in"). Names conflict only as places or
    organisations; criminal charges (:func:`disagreeing_charges`) and scores or votes
    (:func:`disagreeing_tallies`) conflict too. A recurrence ("every 20 minutes") never
    conflicts with a plain count ("an eight-minute crossing"): they measure different things.
    Anything present on one side only is a dropped detail, not a conflict.

    Args:
        a: Facts of the first claim.
        b: Facts of the second claim.

    Returns:
        ``(a's text, b's text)`` pairs in a's reading order; empty when nothing conflicts.
    """
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for fa, fb in disagreeing_facts(a, b):
        if fa.kind == "name" and fa.role not in _CONFLICT_NAME_ROLES:
            continue
        if not same_measure(fa, fb):
            continue
        pair = (fa.text, fb.text)
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    for fa, fb in (*disagreeing_charges(a, b), *disagreeing_tallies(a, b)):
        pair = (fa.text, fb.text)
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return tuple(out)


def disagreeing_tallies(a: FactSet, b: FactSet) -> tuple[tuple[Fact, Fact], ...]:
    """The one score or vote each claim gives that the other does not, paired, when the two
    can be one result told twice: one side's count is the same ("40-22" against "40-21") or
    the total is ("6-3" against "7-2"). Another game's score ("41-33") or a half-time lead
    ("24-0") is a different tally, not a misreport."""
    if not a.tallies or not b.tallies:
        return ()
    theirs = {str(y.value) for y in b.tallies}
    mine = {str(x.value) for x in a.tallies}
    left = [x for x in a.tallies if str(x.value) not in theirs]
    right = [y for y in b.tallies if str(y.value) not in mine]
    if len(left) != 1 or len(right) != 1:
        return ()
    (x1, x2), (y1, y2) = (map(int, str(f.value).split("-")) for f in (left[0], right[0]))
    if x1 == y1 or x2 == y2 or x1 + x2 == y1 + y2:
        return ((left[0], right[0]),)
    return ()


def disagreeing_charges(a: FactSet, b: FactSet) -> tuple[tuple[Fact, Fact], ...]:
    """The one charge each claim names that the other does not, paired; else nothing.

    Charges agree when one's words are a part of the other's ("trafficking", "sex
    trafficking"); as with figures, only one leftover each side is an unambiguous disagreement
    (a charge named on one side only is a dropped detail).
    """
    if not a.charges or not b.charges:
        return ()
    left = [x for x in a.charges if not any(_charges_agree(x, y) for y in b.charges)]
    right = [y for y in b.charges if not any(_charges_agree(x, y) for x in a.charges)]
    if len(left) != 1 or len(right) != 1:
        return ()
    return ((left[0], right[0]),)


def share_a_charge(a: FactSet, b: FactSet) -> bool:
    """Whether the two claims name one criminal charge: "a single count related to
    prostitution" and "two counts of transporting ... to engage in prostitution" count the same
    thing, so their figures are one quantity (see ``conflicts.figure_verdict``)."""
    return any(_charges_agree(x, y) for x in a.charges for y in b.charges)


_ACCUSED = re.compile(
    r"\b(charged (with|in|over)|indicted|accused of|pleaded not guilty|pleads not guilty"
    r"|arraigned|faces? (federal |criminal )?charges|prosecutors (allege|alleged|say|said))\b"
)
_JUDGED = re.compile(
    r"\b(acquitted|acquittal|convicted|conviction|cleared of|verdicts?"
    r"|found (\w+ )?(not )?guilty|(not )?guilty on (all|the|\w+) (counts?|charges?))\b"
)


LEGAL_STAGES: Final[tuple[str, ...]] = ("accused", "judged")
"""The stages of a criminal case :func:`legal_stage` tells apart."""


def legal_stage(text: str) -> str | None:
    """Where in a criminal case a sentence that names a charge stands: ``accused`` (charged,
    indicted, pleading not guilty), ``judged`` (acquitted, convicted, found guilty), or None
    when it tells both ("had pleaded not guilty, was convicted") or neither."""
    lowered = text.lower()
    accused, judged = _ACCUSED.search(lowered), _JUDGED.search(lowered)
    if bool(accused) == bool(judged):
        return None
    return "accused" if accused else "judged"


def _charges_agree(x: Fact, y: Fact) -> bool:
    words_x, words_y = set(str(x.value).split()), set(str(y.value).split())
    return words_x <= words_y or words_y <= words_x


_INSTANCE_KINDS: Final[frozenset[str]] = words("instance_kinds")


def instances_named(facts: FactSet) -> tuple[tuple[str, str], ...]:
    """(kind, name) of each name made of kind words and one more word: ("hurricane",
    "patricia"), ("tropical storm", "sara"); not "Storm Prediction Center"."""
    found = []
    for fact in facts.facts:
        if fact.kind != "name":
            continue
        tokens = str(fact.value).split()
        cut = 0
        while cut < len(tokens) and tokens[cut] in _INSTANCE_KINDS:
            cut += 1
        if cut and cut == len(tokens) - 1:
            found.append((" ".join(tokens[:cut]), tokens[cut]))
    return tuple(found)


def other_instances(
    a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...], text_a: str, text_b: str
) -> bool:
    """Whether two claims name two things of one kind ("Hurricane Patricia", "Hurricane
    Melissa"), and neither claim names the other's: they are about different things.

    Args:
        a: :func:`instances_named` of the first claim...
        b: ...and of the second.
        text_a: The first claim's text, lower-cased...
        text_b: ...and the second's.
    """
    for kind, name in a:
        for other_kind, other_name in b:
            if (
                kind == other_kind
                and name != other_name
                and not _mentions(text_b, name)
                and not _mentions(text_a, other_name)
            ):
                return True
    return False


def _mentions(text: str, name: str) -> bool:
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not text[start - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        start = text.find(name, start + 1)
    return False


def disagreeing_facts(a: FactSet, b: FactSet) -> tuple[tuple[Fact, Fact], ...]:
    """Facts of the same kind and unit that the two sentences state differently, paired.

    The pairing of :func:`find_conflicts` (leftovers once agreeing facts are set aside, paired
    only when unambiguous) before it drops what cannot be a conflict of linked claims: people's
    names and facts that measure different things (see :func:`same_measure`).

    Returns:
        ``(a's fact, b's fact)`` pairs in a's reading order.
    """
    if not a.facts or not b.facts or not (a._groups & b._groups):
        return ()
    keyed = bool(a._keyed and b._keyed)
    return _disagreeing(a, b, _matched(a, b, keyed), _matched(b, a, keyed))


def _disagreeing(
    a: FactSet, b: FactSet, ma: list[bool], mb: list[bool]
) -> tuple[tuple[Fact, Fact], ...]:
    pairs: list[tuple[int, int]] = []
    for g in a._groups & b._groups:
        la = [k for k in a._members[g] if not ma[k]]
        if not la:
            continue
        lb = [k for k in b._members[g] if not mb[k]]
        if not lb:
            continue
        if len(la) == 1 and len(lb) == 1:
            pairs.append((la[0], lb[0]))
            continue
        pairs.extend(
            _pair_by_about(a.facts, la, b.facts, lb) or _pair_by_value(a.facts, la, b.facts, lb)
        )
    pairs.sort()
    return tuple((a.facts[ka], b.facts[kb]) for ka, kb in pairs)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """How two sentences' facts disagree, worked out in one pass (see :func:`disagreement`)."""

    facts: tuple[tuple[Fact, Fact], ...]
    """As :func:`disagreeing_facts`."""
    names: NameOverlap
    """As :func:`name_overlap`."""
    figures_agree: bool
    """Some number, amount or percent of one sentence agrees with one of the other's."""


def disagreement(a: FactSet, b: FactSet) -> Disagreement:
    """:func:`disagreeing_facts` and :func:`name_overlap` at once, matching the facts once."""
    if not a.facts or not b.facts:
        return Disagreement((), name_overlap(a, b), False)
    keyed = bool(a._keyed and b._keyed)
    ma, mb = _matched(a, b, keyed), _matched(b, a, keyed)
    facts = _disagreeing(a, b, ma, mb) if a._groups & b._groups else ()
    figures_agree = any(ma[k] for k in a._quant)
    return Disagreement(facts, _name_overlap(a, b, ma, mb), figures_agree)


def same_measure(a: Fact, b: Fact) -> bool:
    """Whether two facts of one kind and unit measure the same sort of thing.

    A recurrence ("every 20 minutes", "each year") is an interval between events, never the
    length of one ("an eight-minute crossing"), though both count minutes.
    """
    return _is_recurrence(a) == _is_recurrence(b)


def _is_recurrence(fact: Fact) -> bool:
    return fact.kind == "number" and fact.about.startswith(RECURRENCE_PREFIX)


def figure_measure(fact: Fact) -> tuple[str, str, bool] | None:
    """What a figure measures, for telling whether two figures are of the same thing.

    Returns:
        (domain, unit class, recurrence) for numbers, amounts and percents; ``None`` for dates,
        names and figures too unreadable to compare.
    """
    if fact.kind not in QUANTITY_KINDS:
        return None
    dom, cls = fact_item(fact)[:2]
    return None if dom == "x" else (dom, cls, _is_recurrence(fact))


def figure_range(fact: Fact) -> tuple[float, float]:
    """The open interval of values a figure agrees with (rounding and hedges allowed for)."""
    item = fact_item(fact)
    return item[2], item[3]


def name_overlap(a: FactSet, b: FactSet) -> NameOverlap:
    """How the people, places, organisations and other things two sentences name relate.

    ``none``: neither names anything. ``shared``: they name something in common and at most
    one names more (a rewording adds detail: "Acme said", "in Ohio"). ``one_sided``: one names
    things the other never mentions, which may or may not be its subject. ``apart``: each names
    something the other does not, as when two claims share a template ("shares of Acme rose 5%"
    against "shares of Zenith fell 3%", "Ruiz counted 40 families" against "Lee counted 55").
    """
    keyed = bool(a._keyed and b._keyed)
    return _name_overlap(a, b, _matched(a, b, keyed), _matched(b, a, keyed))


def _name_overlap(a: FactSet, b: FactSet, ma: list[bool], mb: list[bool]) -> NameOverlap:
    def names(x: FactSet, matched: list[bool]) -> tuple[bool, bool]:
        """(names one the other has, names one the other lacks)."""
        found = [matched[k] for k in x._names]
        return any(found), not all(found)

    shared_a, more_a = names(a, ma)
    shared_b, more_b = names(b, mb)
    if more_a and more_b:
        return "apart"
    if shared_a or shared_b:
        return "shared"
    return "one_sided" if more_a or more_b else "none"


NEAREST_MAX_RATIO: Final[float] = 2.0
"""A lone leftover figure is paired with the one figure on the other side within this factor of
it that shares a word around it (the others are of other things: "$55.19 billion expected"
against "$54.92bn expected" and "EPS ... $1.30")."""
NEAREST_MAX_MINUTES: Final[int] = 180
"""...and a lone leftover time with the nearest clock reading within three hours."""


def _pair_by_value(
    fa: tuple[Fact, ...], la: list[int], fb: tuple[Fact, ...], lb: list[int]
) -> list[tuple[int, int]]:
    """Pair one side's lone leftover with the one leftover on the other side close to it.

    A sentence that gives a revenue and an earnings per share, or a time in UTC and in ET,
    leaves several facts of one unit; the lone figure of the other claim can only be a
    disagreement with the one close to it (:func:`_close`), when exactly one is.
    """
    if len(la) != 1 and len(lb) != 1:
        return []
    flipped = len(la) != 1
    lone, many = (
        (fb[lb[0]], [(k, fa[k]) for k in la]) if flipped else (fa[la[0]], [(k, fb[k]) for k in lb])
    )
    close = [k for k, other in many if _close(lone, other)]
    if len(close) != 1:
        return []
    found = close[0]
    return [(found, lb[0])] if flipped else [(la[0], found)]


def _close(x: Fact, y: Fact) -> bool:
    """Whether two leftovers of one kind and unit can be one fact told two ways: figures
    within :data:`NEAREST_MAX_RATIO` that share a word around them ("$55.19 billion expected",
    "$54.92bn expected"), clock times within :data:`NEAREST_MAX_MINUTES`."""
    if x.kind in QUANTITY_KINDS and isinstance(x.value, float) and isinstance(y.value, float):
        if x.value <= 0 or y.value <= 0 or x.context.isdisjoint(y.context):
            return False
        return max(x.value, y.value) <= NEAREST_MAX_RATIO * min(x.value, y.value)
    minutes = clock_distance(x, y)
    return minutes is not None and minutes <= NEAREST_MAX_MINUTES


def clock_distance(x: Fact, y: Fact) -> int | None:
    """Minutes between two clock times' readings (across midnight), None unless both are."""
    if x.unit != "time" or y.unit != "time":
        return None
    if not isinstance(x.value, tuple) or not isinstance(y.value, tuple):
        return None
    hx, mx, hy, my = (*x.value[:2], *y.value[:2])
    if not all(isinstance(v, int) for v in (hx, mx, hy, my)):
        return None
    apart = abs((60 * hx + mx) - (60 * hy + my)) % 1440  # type: ignore[operator]
    return min(apart, 1440 - apart)


def _pair_by_about(
    fa: tuple[Fact, ...], la: list[int], fb: tuple[Fact, ...], lb: list[int]
) -> list[tuple[int, int]]:
    """Pair leftovers that share an "about" word found exactly once on each side."""
    out: list[tuple[int, int]] = []
    for ka in la:
        about = fa[ka].about
        if not about or sum(1 for k in la if fa[k].about == about) != 1:
            continue
        match = [kb for kb in lb if fb[kb].about == about]
        if len(match) == 1:
            out.append((ka, match[0]))
    return out
