"""Facts in claims: the types (:class:`Fact`, :class:`FactSet`) and the data they compare by.

A sentence's numbers, amounts, percentages, dates and names are found once
(``fact_extraction.extract_facts``) and compared cheaply pair by pair (``fact_comparison``):
each fact carries here, computed once, the interval or keys that comparison reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Final, Literal

from .lexicon import table, words

FactKind = Literal["number", "amount", "percent", "date", "name"]
Qualifier = Literal["exact", "approx", "min", "max"]
NameRole = Literal["", "person", "place", "org", "charge"]
NameOverlap = Literal["none", "shared", "one_sided", "apart"]
DateValue = tuple[int | None, ...]
FactValue = float | str | DateValue

__all__ = [
    "QUANTITY_KINDS",
    "Fact",
    "FactKind",
    "FactSet",
    "FactValue",
    "NameOverlap",
    "NameRole",
    "Qualifier",
]

QUANTITY_KINDS: Final[frozenset[str]] = frozenset({"number", "amount", "percent"})
"""Fact kinds that are figures with a value on a scale (dates and names are not)."""
RECURRENCE_PREFIX: Final[str] = "every "
"""How ``Fact.about`` marks a recurrence ("every 20 minutes": "every minute")."""

# Names are matched on the words that identify them (see name_tokens and _acronyms).
NAME_CONNECTORS: Final[frozenset[str]] = words("name_connectors")
NAME_FILLERS: Final[frozenset[str]] = NAME_CONNECTORS | words("name_fillers")
LEGAL_SUFFIXES: Final[frozenset[str]] = words("legal_suffixes")
ORG_WORDS: Final[frozenset[str]] = words("org_words")
ALIASES: Final[dict[str, str]] = table("aliases")


@dataclass(frozen=True, slots=True)
class Fact:
    """One checkable fact as written in a sentence, with a normalized value to compare.

    Attributes:
        kind: What sort of fact this is; facts of different kinds are never compared.
        text: The words as written, e.g. ``"$1.4 trillion"``, so a conflict can quote them.
        value: Normalized value: a float for number/amount/percent (``1.4e12``, ``17.0``), a
            ``(year, month, day)`` tuple with ``None`` gaps for calendar dates, ``(hour, minute)``
            for times, the weekday name for weekdays, the lower-cased canonical name for names.
        unit: What the value counts: a currency code for amounts (``"USD"``), ``"%"`` or
            ``"points"`` for percents, the following noun lemmatized simply for numbers
            (``"job"``, ``"people"``, ``""`` when there is none), the granularity for dates
            (``"day"``, ``"month"``, ``"year"``, ``"weekday"``, ``"time"``), ``""`` for names.
        precision: The rounding step the writer used, e.g. ``1e11`` for "1.4 trillion"; a
            value agrees with any value within half a step (0 for dates and names).
        qualifier: A hedge in front of a quantity: "about" (``approx``), "more than"
            (``min``), "up to" (``max``); it widens what the value agrees with.
        role: For names only: ``"place"``, ``"org"``, ``"person"`` or ``""`` when unclear;
            only places and organisations can conflict, because paraphrases reattribute
            quotes far more often than they move a plant to another state.
        about: Context that decides which facts may be paired as conflicting: the noun after a
            quantity ("deal"; "every minute" for a recurrence such as "every 20 minutes"), the
            words before a name ("plant in"), and for dates whether they mark a start, an end or
            a point ("since", "by", "after" or "").
        span: Start and end character offsets of ``text`` in the sentence.
        context: For numbers, amounts and percents, the content words around them.
    """

    kind: FactKind
    text: str
    value: FactValue
    unit: str
    precision: float
    qualifier: Qualifier = "exact"
    role: NameRole = ""
    about: str = ""
    span: tuple[int, int] = (0, 0)
    context: frozenset[str] = field(default=frozenset(), compare=False)
    """For figures: the content words just before and after them ("expected", "anticipated"),
    which tell which of several figures of one unit another claim's figure stands for."""
    measured_in: str = ""
    """For a figure converted to ``unit`` to be compared, the unit it was written in ("mph" for
    "185 mph", read as 297.7 km/h); ``""`` when it was not converted. Two figures written in
    different units agree within the rounding a conversion adds (``CONVERSION_SLACK``)."""


# Per-fact comparison data, precomputed once per sentence so a pair costs a few set operations:
# (domain, compat class, low, high, own keys, cover keys, conflict group, unit written in).
# Quantities compare by interval overlap; dates and names by keys, where "own" holds the fact
# itself and "cover" everything it refines, so a agrees with b when one's own key is in the
# other's cover (same date at a coarser granularity, a name whose words are a subset).
_Item = tuple[
    str, str, float, float, frozenset[object], frozenset[object], tuple[str, str] | None, str
]

CONVERSION_SLACK: Final[float] = 0.02
"""How far apart, as a share of the value, two figures written in different units may be and
still agree: outlets convert from a figure already rounded (160 knots is given as 185 mph, and
as 295 or as 298 km/h), so a conversion agrees within 1% either way."""

_EMPTY: Final[frozenset[object]] = frozenset()


@dataclass(frozen=True, slots=True)
class FactSet:
    """Every fact of one sentence, with the comparison data derived once at construction.

    Build it with :func:`extract_facts`; constructing one from facts directly also works (the
    private fields are derived from ``facts`` alone), which keeps it cacheable and testable.
    """

    facts: tuple[Fact, ...]
    charges: tuple[Fact, ...] = ()
    """Criminal charges the sentence names (names with role ``charge``), kept apart from
    ``facts``: the pair scorer never reads them, only :func:`fact_comparison.find_conflicts`
    does, so a verdict told with another charge is reported (see ``charges_in``)."""
    tallies: tuple[Fact, ...] = ()
    """Scores and votes the sentence gives ("beat the Chiefs 40-22", "a 6-3 ruling"), kept
    apart as charges are: every article of a match or a vote repeats its tally, so the scorer
    would read it as agreement between claims that only share the result (see
    ``tallies_in``)."""
    _items: tuple[_Item, ...] = field(init=False, repr=False, compare=False)
    _quant: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _quant_items: tuple[_Item, ...] = field(init=False, repr=False, compare=False)
    _keyed: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _own: frozenset[object] = field(init=False, repr=False, compare=False)
    _cover: frozenset[object] = field(init=False, repr=False, compare=False)
    _groups: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)
    _members: dict[tuple[str, str], tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _names: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple([fact_item(f) for f in self.facts])
        # frozen dataclass: derived fields are set once, here, through object.__setattr__.
        setattr_ = object.__setattr__
        setattr_(self, "_items", items)
        setattr_(self, "_quant", tuple([k for k, it in enumerate(items) if it[0] in "qp"]))
        setattr_(self, "_quant_items", tuple([items[k] for k in self._quant]))
        setattr_(self, "_keyed", tuple([k for k, it in enumerate(items) if it[0] in "dn"]))
        setattr_(self, "_own", _EMPTY.union(*[it[4] for it in items]))
        setattr_(self, "_cover", _EMPTY.union(*[it[5] for it in items]))
        setattr_(self, "_groups", frozenset([it[6] for it in items if it[6] is not None]))
        members: dict[tuple[str, str], list[int]] = {}
        for k, it in enumerate(items):
            if it[6] is not None:
                members.setdefault(it[6], []).append(k)
        setattr_(self, "_members", {g: tuple(ks) for g, ks in members.items()})
        setattr_(self, "_names", tuple([k for k, f in enumerate(self.facts) if f.kind == "name"]))

    def __len__(self) -> int:
        return len(self.facts)

    @property
    def comparison_key(self) -> tuple[_Item, ...]:
        """All that :func:`compare_facts` reads of this set: sets with equal keys compare alike,
        whatever their wording."""
        return self._items


# Comparison data.


@lru_cache(maxsize=8192)
def name_tokens(value: str) -> frozenset[str]:
    """Words that identify a name: connectors and legal suffixes ("of", "Corp.") dropped."""
    words = value.split()
    core = [w for w in words if w not in NAME_FILLERS and w not in LEGAL_SUFFIXES]
    return frozenset(core or words)


def _acronyms(value: str) -> tuple[str, ...]:
    """Initials an organisation is also known by: "u.s. food and drug administration" -> fda.

    Only for names ending in an organisation word, so people's initials never match; a leading
    country ("U.S.", "UK") is optional, since "the U.S. FDA" and "FDA" are both written.
    """
    words = [w for w in value.split() if w not in NAME_FILLERS]
    if len(words) < 2 or words[-1] not in ORG_WORDS:
        return ()
    full = "".join(w[0] for w in words if w)
    if words[0] in ALIASES and len(words) > 2:
        return (full, full[1:])
    return (full,)


def _interval(value: FactValue, precision: float, qualifier: Qualifier) -> tuple[float, float]:
    """Values the written fact is consistent with, as an open interval.

    Exact values cover half a rounding step either side, so "1.4 trillion" spans 1.35-1.45
    trillion and "1,200" spans 1,150-1,250. Hedged values ("about") widen to at least 10%;
    bounds ("more than", "up to") are open on one side. Touching intervals do not overlap,
    because "1.3 trillion" and "1.4 trillion" disagree.
    """
    v = float(value) if isinstance(value, (int, float)) else 0.0
    half = precision * 0.5
    shrink = precision * 1e-6
    if qualifier == "approx":
        half = max(half, abs(v) * 0.1)
    lo, hi = v - half + shrink, v + half - shrink
    if qualifier == "min":
        hi = math.inf
    elif qualifier == "max":
        lo = -math.inf
    return lo, hi


def fact_item(f: Fact) -> _Item:
    """Comparison data of one fact; cached, since names and dates recur across sentences."""
    try:
        return _item_cached(
            f.kind, f.value, f.unit, f.precision, f.qualifier, f.role, f.about, f.measured_in
        )
    except TypeError:  # an unhashable value in a hand-built Fact: compute without the cache
        return _item_cached.__wrapped__(
            f.kind, f.value, f.unit, f.precision, f.qualifier, f.role, f.about, f.measured_in
        )


@lru_cache(maxsize=16384)
def _item_cached(
    kind: FactKind,
    value: FactValue,
    unit: str,
    precision: float,
    qualifier: Qualifier,
    role: str,
    about: str,
    measured_in: str = "",
) -> _Item:
    if kind in ("number", "amount", "percent"):
        v = value if isinstance(value, (int, float)) else math.nan
        if not math.isfinite(v) or not math.isfinite(precision):
            return ("x", "", 0.0, 0.0, _EMPTY, _EMPTY, None, "")  # unreadable: compares to nothing
        # A zero or too-fine step (hand-built facts) would make a value disagree with itself.
        precision = max(precision, abs(v) * 1e-12, 1e-12)
        lo, hi = _interval(v, precision, qualifier)
        if kind == "percent":
            domain, cls = "p", "%" + unit
        elif kind == "amount":
            domain, cls = "q", "$" + unit
        else:
            domain, cls = "q", "#" + unit
        return (domain, cls, lo, hi, _EMPTY, _EMPTY, (kind, unit), measured_in)
    if kind == "date":
        date_group = ("date", f"{unit}/{about}" if about else unit)
        if unit == "weekday":
            key: object = ("w", value)
            return ("d", "", 0.0, 0.0, frozenset({key}), frozenset({key}), date_group, "")
        if unit == "time":
            # (hour, minute[, UTC minutes...]): a time in a zone is the moment it names, and it
            # also agrees with the same clock reading given without a zone.
            clock = tuple(value[:2]) if isinstance(value, tuple) else (value,)
            key = ("t", *clock)
            moments = value[2:] if isinstance(value, tuple) else ()
            own_time = frozenset({("z", m) for m in moments}) if moments else frozenset({key})
            return ("d", "", 0.0, 0.0, own_time, own_time | {key}, date_group, "")
        fields = tuple(value) if isinstance(value, tuple) else (None, None, None)
        fields = (*fields, None, None, None)[:3]
        own = frozenset({("c", *fields)})
        present = [k for k in range(3) if fields[k] is not None]
        cover = {
            ("c", *(fields[k] if k in subset else None for k in range(3)))
            for r in range(1, len(present) + 1)
            for subset in combinations(present, r)
        }
        return ("d", "", 0.0, 0.0, own, frozenset(cover), date_group, "")
    # Names: own key is the word set; cover holds its non-empty subsets, so "Ruiz" agrees
    # with "Ana Ruiz". Long names keep five words (sorted, so the choice is stable) to bound
    # the subsets at 31.
    words = tuple(sorted(name_tokens(str(value))))[:5]
    own_name = frozenset({("n", frozenset(words))})
    cover_name = frozenset(
        [
            ("n", frozenset(subset))
            for r in range(1, len(words) + 1)
            for subset in combinations(words, r)
        ]
        + [("n", frozenset({acronym})) for acronym in _acronyms(str(value))]
    )
    group = ("name", role) if role else None
    return ("n", "", 0.0, 0.0, own_name, cover_name, group, "")
