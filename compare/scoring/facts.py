"""Fact layer: numbers, amounts, percentages, dates and names in claims, compared cheaply."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, combinations
from operator import attrgetter, sub
from typing import Final, Literal

FactKind = Literal["number", "amount", "percent", "date", "name"]
Qualifier = Literal["exact", "approx", "min", "max"]
NameRole = Literal["", "person", "place", "org"]
NameOverlap = Literal["none", "shared", "one_sided", "apart"]
DateValue = tuple[int | None, ...]
FactValue = float | str | DateValue

__all__ = [
    "Disagreement",
    "Fact",
    "FactKind",
    "FactSet",
    "FactValue",
    "NameOverlap",
    "NameRole",
    "Qualifier",
    "compare_facts",
    "disagreeing_facts",
    "disagreement",
    "extract_facts",
    "figure_measure",
    "figure_range",
    "find_conflicts",
    "hedged_span",
    "name_overlap",
    "name_phrases",
    "same_measure",
]


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


# Per-fact comparison data, precomputed once per sentence so a pair costs a few set operations:
# (domain, compat class, low, high, own keys, cover keys, conflict group).
# Quantities compare by interval overlap; dates and names by keys, where "own" holds the fact
# itself and "cover" everything it refines, so a agrees with b when one's own key is in the
# other's cover (same date at a coarser granularity, a name whose words are a subset).
_Item = tuple[str, str, float, float, frozenset[object], frozenset[object], tuple[str, str] | None]

_EMPTY: Final[frozenset[object]] = frozenset()


@dataclass(frozen=True, slots=True)
class FactSet:
    """Every fact of one sentence, with the comparison data derived once at construction.

    Build it with :func:`extract_facts`; constructing one from facts directly also works (the
    private fields are derived from ``facts`` alone), which keeps it cacheable and testable.
    """

    facts: tuple[Fact, ...]
    _items: tuple[_Item, ...] = field(init=False, repr=False, compare=False)
    _quant: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _keyed: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _own: frozenset[object] = field(init=False, repr=False, compare=False)
    _cover: frozenset[object] = field(init=False, repr=False, compare=False)
    _groups: frozenset[tuple[str, str]] = field(init=False, repr=False, compare=False)
    _members: dict[tuple[str, str], tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _names: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        items = tuple([_item(f) for f in self.facts])
        # frozen dataclass: derived fields are set once, here, through object.__setattr__.
        setattr_ = object.__setattr__
        setattr_(self, "_items", items)
        setattr_(self, "_quant", tuple([k for k, it in enumerate(items) if it[0] in "qp"]))
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


# --------------------------------------------------------------------------------------------
# Vocabulary.  Small closed tables: the layer must stay cheap and predictable, not clever.


def _words(block: str) -> list[str]:
    """The words of a whitespace-separated block: long word lists stay readable."""
    return block.split()


_NUM_WORDS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS: Final[dict[str, float]] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Suffixes glued to digits ("€20m", "£3bn", "$5B"); a bare "m" needs money or a plural noun
# ("2.5m barrels") to be a million, since "a 20m drop" is metres.
_SCALE_SUFFIX: Final[dict[str, float]] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12,
    "trn": 1e12, "t": 1e12,
}  # fmt: skip
_ORDINAL_SUFFIX: Final[frozenset[str]] = frozenset({"st", "nd", "rd", "th"})
_CURRENCY_SYMBOLS: Final[dict[str, str]] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_DOLLAR_PREFIX: Final[dict[str, str]] = {
    "us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "nz": "NZD", "hk": "HKD",
    "s": "SGD",
}  # fmt: skip
_CURRENCY_CODES: Final[frozenset[str]] = frozenset(
    {"USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "INR", "RUB", "NZD", "HKD", "SGD"}
)
_CURRENCY_WORDS: Final[dict[str, str]] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "franc": "CHF",
    "francs": "CHF", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
}  # fmt: skip
_HEDGE_1: Final[dict[str, Qualifier]] = {
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx",
    "some": "approx", "nearly": "approx", "almost": "approx", "estimated": "approx",
    "circa": "approx", "~": "approx", "over": "min", "above": "min", "exceeding": "min",
    "under": "max", "below": "max",
}  # fmt: skip
_HEDGE_2: Final[dict[tuple[str, str], Qualifier]] = {
    ("more", "than"): "min", ("at", "least"): "min", ("upwards", "of"): "min",
    ("just", "over"): "min", ("less", "than"): "max", ("fewer", "than"): "max",
    ("up", "to"): "max", ("at", "most"): "max", ("just", "under"): "max",
    ("close", "to"): "approx", ("an", "estimated"): "approx", ("as", "many"): "max",
    ("as", "much"): "max",
}  # fmt: skip
# Fractions read as shares ("half of the workers" vs "50% of the workers").
_FRACTIONS: Final[dict[str, float]] = {
    "half": 50.0, "one-half": 50.0, "third": 100 / 3, "one-third": 100 / 3,
    "two-thirds": 200 / 3, "quarter": 25.0, "one-quarter": 25.0, "three-quarters": 75.0,
    "three-fourths": 75.0, "fifth": 20.0, "one-fifth": 20.0,
}  # fmt: skip
_FRACTION_AFTER: Final[frozenset[str]] = frozenset({"of", "the", "its", "their", "all"})
_FRACTION_NOT_AFTER: Final[frozenset[str]] = frozenset(
    {"first", "second", "third", "fourth", "last", "latter", "final", "other", "next"}
)
_MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    k for k in _MONTHS if len(k) <= 4 and k not in ("may", "june", "july")
)
# A bare month ("in May") is a date only after one of these: "May" and "March" are also words.
_MONTH_CUES: Final[frozenset[str]] = frozenset(
    {"in", "since", "until", "till", "by", "last", "next", "this", "early", "late", "mid",
     "of", "through", "from", "to", "during", "before", "after", "on", "throughout", "and",
     "or", "between"}
)  # fmt: skip
_WEEKDAYS: Final[frozenset[str]] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# What a date marks, from the word before it: "since Monday" and "by Tuesday" can both be
# true, so only dates with the same cue can conflict.
_DATE_CUES: Final[dict[str, str]] = {
    "since": "since", "from": "since", "by": "by", "until": "by", "till": "by",
    "through": "by", "before": "by", "after": "after",
}  # fmt: skip
_AM_PM: Final[dict[str, int]] = {"a.m.": 0, "am": 0, "p.m.": 12, "pm": 12}
# "every 20 minutes": the count is the interval between events, not the length of one.
_RECURRENCE_WORDS: Final[frozenset[str]] = frozenset({"every", "each"})
_RECURRENCE_PREFIX: Final[str] = "every "
_PERCENT_WORDS: Final[frozenset[str]] = frozenset({"percent", "pct", "per-cent", "percentage"})
# Words that never name what a number counts: function words and common verbs after a count.
_NOT_UNIT: Final[frozenset[str]] = frozenset(
    _words(
        """a an the and or but nor of in on at to for from by with as than that this these those
        which who whom whose is are was were be been being will would could should may might can
        must have has had do does did said says say over under per since until after before
        during into onto about up down out off its their his her our your my last next each
        every more less most least compared versus vs according while when where if not no so
        also just only still already now then there here ago later earlier from among between
        against across through toward towards amid despite via like unlike plus minus times
        percent pct cent percentage mark marks level levels rose fell rise fall increase
        decrease died killed dead injured wounded million billion trillion thousand hundred"""
    )
)
_UNIT_SKIP: Final[frozenset[str]] = frozenset(
    _words(
        """new more additional extra other full-time part-time local total existing current former
        permanent temporary fewer young old small large big major minor"""
    )
)
_IRREGULAR: Final[dict[str, str]] = {
    "people": "people", "persons": "people", "person": "people", "men": "man",
    "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "staff": "staff", "police": "police", "data": "data", "news": "news",
    "series": "series", "species": "species",
}  # fmt: skip

_STOP_CAPS: Final[frozenset[str]] = frozenset(
    _words(
        """the a an this that these those but and or nor so yet if in on at for to of by with as
        from after before when while since until although though because however meanwhile
        moreover also still then there here it its he she they we i you his her their our your
        my me him them us what which who whom whose why how where all some many most few several
        both each every no not any other such one another officials official police authorities
        residents experts critics analysts investors according despite during under over about
        amid among between without within across against into onto upon instead already now
        today yesterday tomorrow tonight last next earlier later just only even indeed thus
        hence madam et est edt pt pst pdt ct cst cdt gmt utc bst cet ok yes"""
    )
)
_TITLES: Final[frozenset[str]] = frozenset(
    _words(
        """mr mrs ms miss dr mayor sen senator rep representative gov governor president vice prime
        minister secretary judge justice chief ceo cfo gen general col colonel capt captain lt
        lieutenant sgt sergeant officer prof professor pope king queen prince princess
        chancellor chairman chairwoman chair director commissioner sheriff detective inspector
        councilman councilwoman councillor councilor speaker leader spokesman spokeswoman
        spokesperson rev reverend sir dame lord lady president-elect premier ambassador attorney
        deputy acting former executive senior editor analyst supervisor superintendent economist
        founder owner manager managing partner head spokesman correspondent reporter coach
        minister-president vice-president sheriff's"""
    )
)
# Lower-case words that stay inside a name ("Bank of America", "Ludwig van Beethoven"); "and"
# is not one, since "Malaysia and Taiwan" are two names far more often than one.
_NAME_CONNECTORS: Final[frozenset[str]] = frozenset(
    {"of", "de", "du", "van", "von", "der", "den", "del", "della", "da", "la", "le", "al",
     "bin", "y", "&"}
)  # fmt: skip
# Words that do not identify a name when matching: "Food and Drug Administration" ~ "FDA".
_NAME_FILLERS: Final[frozenset[str]] = _NAME_CONNECTORS | {"and", "for", "the", "on"}
_ABBREV_DOT: Final[frozenset[str]] = frozenset(
    _words(
        """corp inc co ltd jr sr st mr mrs ms dr gov sen rep gen lt col sgt capt prof ft mt bros
        dept univ assn"""
    )
)
_LEGAL_SUFFIX: Final[frozenset[str]] = frozenset(
    _words(
        """corp corporation inc incorporated co company ltd limited llc plc sa ag gmbh nv jr sr
        holdings"""
    )
)
_ORG_WORDS: Final[frozenset[str]] = frozenset(
    _words(
        """corp corporation inc incorporated co company ltd limited llc plc group holdings bank
        university college agency department ministry party council commission institute
        association foundation authority board court committee airlines airways motors news
        times post journal network fund reserve federation union organization organisation
        service administration bureau congress parliament senate assembly police hospital school
        district industries technologies systems partners capital securities insurance energy"""
    )
)
_KNOWN_ORGS: Final[frozenset[str]] = frozenset(
    _words(
        """fbi cia nasa nato imf opec sec fda epa cdc who wto fifa ioc federal reserve congress
        parliament senate pentagon kremlin european union united nations"""
    )
) | {"federal reserve", "european union", "united nations", "white house", "world bank"}
# Names that mean the same thing; cheap, and covers the pairs that news copy swaps most.
_ALIASES: Final[dict[str, str]] = {
    "us": "united states", "usa": "united states", "united states of america": "united states",
    "america": "united states", "the united states": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "eu": "european union", "uae": "united arab emirates",
    "fed": "federal reserve", "the fed": "federal reserve", "dc": "washington",
    "washington dc": "washington", "russian federation": "russia", "holland": "netherlands",
    "the netherlands": "netherlands", "nyc": "new york city", "prc": "china",
    "ny": "new york", "nj": "new jersey", "la": "los angeles",
    # AP-style state abbreviations, as datelines write them ("Madison, Wis.").
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "del": "delaware", "fla": "florida",
    "ga": "georgia", "ill": "illinois", "ind": "indiana", "kan": "kansas", "ky": "kentucky",
    "md": "maryland", "mass": "massachusetts", "mich": "michigan", "minn": "minnesota",
    "mo": "missouri", "mont": "montana", "neb": "nebraska", "nev": "nevada",
    "nh": "new hampshire", "nm": "new mexico", "nc": "north carolina", "nd": "north dakota",
    "okla": "oklahoma", "ore": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tenn": "tennessee", "vt": "vermont",
    "va": "virginia", "wash": "washington", "wva": "west virginia", "wis": "wisconsin",
    "wyo": "wyoming",
}  # fmt: skip
_ALIAS_TARGETS: Final[frozenset[str]] = frozenset(_ALIASES.values())
_PLACES: Final[frozenset[str]] = frozenset(
    _words(
        """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
        hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
        massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
        oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
        wyoming afghanistan argentina australia austria bangladesh belgium brazil canada chile
        china colombia cuba denmark egypt ethiopia finland france germany greece hungary india
        indonesia iran iraq ireland israel italy japan jordan kenya lebanon libya malaysia
        mexico morocco netherlands nigeria norway pakistan peru philippines poland portugal
        qatar romania russia scotland singapore spain sudan sweden switzerland syria taiwan
        thailand turkey ukraine venezuela vietnam wales yemen england europe asia africa gaza
        london paris berlin tokyo beijing moscow kyiv chicago boston seattle detroit houston
        dallas atlanta miami denver toronto sydney madrid rome brussels geneva"""
    )
) | {
    "united states", "united kingdom", "united arab emirates", "new york", "new jersey",
    "new mexico", "new hampshire", "north carolina", "south carolina", "north dakota",
    "south dakota", "west virginia", "rhode island", "south korea", "north korea",
    "saudi arabia", "south africa", "new zealand", "new york city", "los angeles",
    "san francisco", "hong kong", "west bank", "new delhi",
}  # fmt: skip
# A capitalised word after these is a place: "in Ohio", "at Acme" ("to" is not one: "said to
# Ruiz", "gave to Acme").
_PLACE_PREPS: Final[frozenset[str]] = frozenset(
    {"in", "near", "outside", "across", "throughout", "inside", "around", "at"}
)
_SPEECH_VERBS: Final[frozenset[str]] = frozenset(
    {"said", "says", "told", "added", "wrote", "stated", "argued", "noted", "explained",
     "announced", "tweeted", "posted", "testified"}
)  # fmt: skip
_OPENERS: Final[frozenset[str]] = frozenset(
    {
        '"',
        "\u201c",
        "\u2018",
        "'",
        "(",
        "[",
        ":",
        "\u2014",
        "\u2013",
        ";",
        ".",
        "!",
        "?",
        "\u2022",
        "*",
        "\u00ab",
        "\u201e",
    }
)

# Tokens: grouped or plain numbers, dotted abbreviations ("U.S.", "p.m."), words (with inner
# apostrophes and hyphens, so "COVID-19" and "F-35" stay one word and never become numbers),
# and any other single character.
_TOKEN_RE: Final[re.Pattern[str]] = re.compile(
    r"(\s*(?:(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|((?:[^\W\d_]\.){2,})"
    r"|([^\W\d_][\w'\u2019]*(?:[-\u2010][\w'\u2019]+)*)"
    r"|(\S)))"
)
_NUM, _ABBR, _WORD, _SYM = 1, 2, 3, 4
_DATE_WORDS: Final[frozenset[str]] = frozenset(_MONTHS) | _WEEKDAYS
_AFTER_A: Final[frozenset[str]] = frozenset(
    {"dozen", "hundred", "thousand", "million", "billion", "trillion", "half", "third",
     "quarter", "fifth"}
)  # fmt: skip
_DIGIT_OR_MONEY_RE: Final[re.Pattern[str]] = re.compile(r"[0-9$\u20ac\u00a3\u00a5]")
_CURRENCY_LOWER: Final[frozenset[str]] = frozenset(c.lower() for c in _CURRENCY_CODES)
_TRIGGERS: Final[frozenset[str]] = (
    frozenset(_NUM_WORDS)
    | frozenset(_FRACTIONS)
    | {"a", "an", "half"}
    | _CURRENCY_LOWER
    | _DATE_WORDS
    | {m + "'s" for m in _DATE_WORDS}
    | {m + "\u2019s" for m in _DATE_WORDS}
)


# --------------------------------------------------------------------------------------------
# Extraction.


_PAD: Final[int] = 6


class _Toks:
    """The tokens of one sentence as parallel lists: fewer objects, faster scans.

    ``w`` holds the lower-cased word per token ("" for numbers and symbols) padded with ""
    at the end, so ``w[i - 1]`` and ``w[i + 2]`` need no bounds checks (negative indexes land
    in the padding).
    """

    __slots__ = ("base", "cap", "end", "kind", "n", "source", "start", "text", "used", "w")

    source: str
    kind: list[int]
    text: list[str]
    start: list[int]
    end: list[int]
    w: list[str]
    base: list[str]
    cap: list[bool]
    used: list[bool]
    n: int

    def __init__(self, source: str) -> None:
        self.source = source
        # One findall, each token with its leading whitespace: offsets come from summed lengths
        # (C-level map/accumulate), with no match objects built.
        found = _TOKEN_RE.findall(source)
        text = [num or abbr or word or sym for _, num, abbr, word, sym in found]
        # Words (and dotted abbreviations) lower-cased; "" marks numbers and symbols.
        w = [(word or abbr).lower() for _, _, abbr, word, _ in found]
        kind = [
            _WORD if word else _NUM if num else _SYM if sym else _ABBR
            for _, num, abbr, word, sym in found
        ]
        end = list(accumulate(map(len, [f[0] for f in found])))
        self.kind, self.text, self.end = kind, text, end
        self.start = list(map(sub, end, map(len, text)))
        self.n = n = len(text)
        self.cap = [bool(x) and tok[0].isupper() for x, tok in zip(w, text, strict=True)]
        self.cap.extend([False] * _PAD)
        w.extend([""] * _PAD)
        self.w = w
        if "'" in source or "\u2019" in source:
            self.base = [_strip_possessive(x) if ("'" in x or "\u2019" in x) else x for x in w]
        else:
            self.base = w  # nothing possessive: share the list
        self.used = [False] * (n + _PAD)

    def glued(self, i: int) -> bool:
        """Whether token i touches the token before it (no space between)."""
        return 0 < i < self.n and self.start[i] == self.end[i - 1]

    def at_start(self, i: int) -> bool:
        """Whether token i begins a sentence or a quote, where capitals mean nothing."""
        if i == 0:
            return True
        return self.kind[i - 1] == _SYM and self.text[i - 1] in _OPENERS


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "\u2019s")):
        return word[:-2]
    if word.endswith(("s'", "s\u2019")):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    """Singular of a count noun by suffix rules: enough to equate "job" and "jobs"."""
    w = _strip_possessive(word)
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _looks_plural(word: str) -> bool:
    return word in _IRREGULAR or (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
    )


def _digits_precision(digits: str, scaled: bool = False) -> float:
    """Rounding step implied by how a number is written (before any scale word).

    Decimals give their last place ("1.4" -> 0.1). Trailing zeros of an integer mean rounding
    ("1,200" -> 100). A single significant digit is read as two significant figures ("1,000"
    -> 100, "20" -> 1, "2" billion -> 0.1 billion), because "1,000 jobs" vs "1,200 jobs",
    "20 dead" vs "24 dead" and "$2 billion" vs "$2.5 billion" are real disagreements; a writer
    who rounds that far says "about", which widens the tolerance instead.
    """
    plain = digits.replace(",", "")
    if "." in plain:
        return 10.0 ** -len(plain.split(".", 1)[1])
    stripped = plain.rstrip("0")
    zeros = len(plain) - len(stripped)
    if not stripped:  # "0"
        return 1.0
    if len(stripped) == 1 and (zeros or scaled):
        zeros -= 1
    return 10.0**zeros


def _int_precision(value: float) -> float:
    if value >= 1e15 or value != int(value):
        return 1.0
    return _digits_precision(str(int(value)))


def _qualifier_before(t: _Toks, i: int) -> tuple[Qualifier, int]:
    """Hedge words right before token i, and the index where the hedge starts."""
    w1, w2, w3 = t.w[i - 1], t.w[i - 2], t.w[i - 3]
    if w3 == "as" and w2 in ("many", "much") and w1 == "as":
        return "max", i - 3
    if (w2, w1) in _HEDGE_2:
        return _HEDGE_2[(w2, w1)], i - 2
    if w1 in _HEDGE_1 or (i > 0 and t.text[i - 1] == "~"):
        return _HEDGE_1.get(w1, "approx"), i - 1
    return "exact", i


def _unit_after(t: _Toks, i: int) -> tuple[str, int]:
    """The noun a count is about ("1,200 new jobs" -> "job"), and the index after it."""
    j = i
    if j < t.n and t.text[j] in ("-", "\u2010") and t.glued(j) and j + 1 < t.n and t.glued(j + 1):
        # "a 1,200-page report", "a 5-year plan": the glued word is the unit.
        w = t.w[j + 1]
        if w and w.isalpha():
            return _lemma(w), j + 2
        return "", i
    for _ in range(3):
        w = t.w[j]
        if not w or t.kind[j] != _WORD:
            return "", i
        if w in _UNIT_SKIP:
            j += 1
            continue
        if w == "of":  # "1,200 of the workers"
            j += 1
            if t.w[j] in ("the", "its", "their", "his", "her", "our", "those", "these"):
                j += 1
            continue
        break
    w = t.w[j]
    if (
        not w
        or t.kind[j] != _WORD
        or t.text[j][:1].isupper()
        or w in _NOT_UNIT
        or w in _MONTHS
        or not w.replace("-", "").replace("'", "").replace("\u2019", "").isalpha()
        or (w.endswith("ed") and w not in ("hundred", "bed", "seed", "speed", "feed"))
        or w.endswith("ly")
    ):
        return "", i
    nxt = t.w[j + 1]
    if (
        t.kind[j + 1 : j + 2] == [_WORD]
        and not _looks_plural(w)
        and _looks_plural(nxt)
        and nxt not in _NOT_UNIT
        and nxt.isalpha()
    ):
        # "2,500 construction workers": the head noun is the second one.
        return _lemma(nxt), j + 2
    return _lemma(w.split("-")[0]), j + 1


def _number_words(t: _Toks, i: int) -> tuple[float, int, float, bool] | None:
    """Parse number words at i: "three hundred", "twenty-five", "a dozen", "half a million".

    Returns (value, end index, precision, approximate) or None.
    """
    w = t.w[i]
    if not w:
        return None
    j = i
    approx = False
    if w in ("a", "an"):
        nxt = t.w[i + 1]
        if nxt == "dozen":
            return 12.0, i + 2, 1.0, True
        if nxt in _SCALE_WORDS and nxt not in ("mn", "mln", "bn", "bln", "tn", "trn"):
            scale = _SCALE_WORDS[nxt]  # "a million": one significant figure, read as two
            return scale, i + 2, scale / 10, False
        return None
    if w == "half" and t.w[i + 1] == "a" and t.w[i + 2] in _SCALE_WORDS:
        scale = _SCALE_WORDS[t.w[i + 2]]
        return scale / 2, i + 3, scale / 10, True
    total = 0.0
    current = 0.0
    seen = 0
    last_scale = 0.0
    while j < t.n and t.kind[j] == _WORD:
        w = t.w[j]
        parts = w.split("-")
        if all(p in _NUM_WORDS for p in parts) and len(parts) <= 2:
            current += sum(_NUM_WORDS[p] for p in parts)
            last_scale = 0.0
        elif w == "dozen" and seen:
            current *= 12
            approx = True
        elif w in _SCALE_WORDS and seen and w not in ("mn", "mln", "bn", "bln", "tn", "trn"):
            scale = _SCALE_WORDS[w]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0.0
            last_scale = scale
        elif w == "and" and seen and t.w[j + 1].split("-")[0] in _NUM_WORDS:
            j += 1
            continue
        else:
            break
        seen += 1
        j += 1
    if not seen:
        return None
    value = total + current
    if last_scale >= 1e3:
        # "two million" reads like "2 million": the words before the scale set the step.
        lead = value / last_scale
        step = 0.1 if lead == int(lead) and len(str(int(lead)).rstrip("0")) == 1 else 1.0
        precision = min(_int_precision(lead), step) * last_scale
    else:
        precision = _int_precision(value)
    return value, j, precision, approx


def _one_counts(t: _Toks, i: int) -> bool:
    """Whether "one" at i is a count ("one person", "one million"), not a pronoun ("one of")."""
    nxt = t.w[i + 1]
    if nxt in _AFTER_A:
        return True
    return (
        t.kind[i + 1 : i + 2] == [_WORD]
        and nxt.isalpha()
        and not t.cap[i + 1]
        and nxt not in _NOT_UNIT
        and nxt not in ("another", "day", "time", "way", "thing", "point", "side", "hand")
        and t.w[i - 1] not in ("no", "the", "any", "every", "some", "each", "which", "this")
    )


def _make_quantity(
    t: _Toks,
    begin: int,
    end: int,
    kind: FactKind,
    value: float,
    unit: str,
    precision: float,
    qualifier: Qualifier,
    about: str,
) -> Fact | None:
    if not math.isfinite(value) or not math.isfinite(precision) or abs(value) > 1e300:
        return None
    # A step too fine for the float to resolve would make the value disagree with itself.
    precision = max(precision, abs(value) * 1e-12, 1e-12)
    start, stop = t.start[begin], t.end[end - 1]
    return Fact(
        kind, t.source[start:stop], value, unit, precision, qualifier, "", about, (start, stop)
    )


def _parse_quantity(t: _Toks, i: int) -> tuple[Fact | None, int]:
    """Parse an amount, percent or count starting at token i; (fact or None, next index)."""
    begin = i
    currency = ""
    kind_i = t.kind[i]
    # Currency in front: "$", "US$", "€", "USD 5 million".
    if kind_i == _SYM and t.text[i] in _CURRENCY_SYMBOLS:
        if not t.glued(i + 1):
            return None, i + 1  # "$$$", "$ and": a symbol must touch its number
        currency = _CURRENCY_SYMBOLS[t.text[i]]
        if t.text[i] == "$" and t.glued(i) and t.kind[i - 1] in (_WORD, _ABBR):
            prefix = t.w[i - 1].replace(".", "")
            if prefix in _DOLLAR_PREFIX:
                currency = _DOLLAR_PREFIX[prefix]
                begin = i - 1
        i += 1
    elif kind_i == _WORD and t.text[i] in _CURRENCY_CODES:
        currency = t.text[i]
        i += 1
    if i >= t.n:
        return None, begin + 1
    qualifier, _ = _qualifier_before(t, begin)
    approx = qualifier == "approx"
    if t.kind[i] == _NUM:
        digits = t.text[i]
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            return None, i + 1
        precision = _digits_precision(digits)
        j = i + 1
        scale = 1.0
        # Glued suffix: "20m", "3bn", "20th", "1e400" (the last is not a number we can read).
        if j < t.n and t.glued(j) and t.kind[j] == _WORD:
            suffix = t.w[j]
            # A bare "m" is a million next to money or before a plural count ("2.5m barrels"),
            # and otherwise likely metres, which are left alone.
            million = suffix != "m" or currency or _looks_plural(t.w[j + 1])
            if suffix in _SCALE_SUFFIX and million:
                scale = _SCALE_SUFFIX[suffix]
                j += 1
            else:
                return None, j + 1
        elif j < t.n and t.w[j] in _SCALE_WORDS and t.w[j] != "hundred":
            scale = _SCALE_WORDS[t.w[j]]
            j += 1
        elif t.w[j] == "hundred":
            scale = 100.0
            j += 1
        if scale > 1:
            precision = _digits_precision(digits, scaled=True)
        value *= scale
        precision *= scale
    else:
        parsed = _number_words(t, i)
        if parsed is None:
            return None, i + 1
        value, j, precision, word_approx = parsed
        approx = approx or word_approx
    if approx and qualifier == "exact":
        qualifier = "approx"
    # Percent after the number.
    w = t.w[j]
    if j < t.n and t.text[j] == "%":
        return _make_quantity(
            t, begin, j + 1, "percent", value, "%", precision, qualifier, ""
        ), j + 1
    if w == "per" and t.w[j + 1] == "cent":
        return _make_quantity(
            t, begin, j + 2, "percent", value, "%", precision, qualifier, ""
        ), j + 2
    if w in ("percentage", "pct") and t.w[j + 1] in ("point", "points"):
        return _make_quantity(
            t, begin, j + 2, "percent", value, "points", precision, qualifier, ""
        ), j + 2
    if w in ("basis", "bps") and (w == "bps" or t.w[j + 1] in ("point", "points")):
        stop = j + 1 if w == "bps" else j + 2
        return _make_quantity(
            t, begin, stop, "percent", value / 100, "points", precision / 100, qualifier, ""
        ), stop
    if w in _PERCENT_WORDS:
        return _make_quantity(
            t, begin, j + 1, "percent", value, "%", precision, qualifier, ""
        ), j + 1
    # Currency after the number: "1.4 trillion dollars", "3 billion pounds", "US dollars".
    if not currency:
        if w in ("us", "u.s.") and t.w[j + 1] in ("dollar", "dollars"):
            currency, j = "USD", j + 2
        elif w in _CURRENCY_WORDS:
            currency, j = _CURRENCY_WORDS[w], j + 1
        elif (w in ("pound", "pounds") and _pounds_are_money(value, t, j)) or w == "sterling":
            currency, j = "GBP", j + 1
        elif j < t.n and t.text[j] in _CURRENCY_CODES:
            currency, j = t.text[j], j + 1
    if currency:
        about, _ = _unit_after(t, j)
        return _make_quantity(
            t, begin, j, "amount", value, currency, precision, qualifier, about
        ), j
    unit, _ = _unit_after(t, j)
    about = _RECURRENCE_PREFIX + unit if t.w[begin - 1] in _RECURRENCE_WORDS else unit
    return _make_quantity(t, begin, j, "number", value, unit, precision, qualifier, about), j


def _pounds_are_money(value: float, t: _Toks, j: int) -> bool:
    """Whether "pounds" after a number is sterling rather than weight.

    "3 billion pounds" is money; "2,000 pounds of beef" is weight, and so is any figure under a
    million, where weights are far more common in news copy.
    """
    return t.w[j + 1] != "of" and value >= 1e6


def _day_number(t: _Toks, i: int) -> tuple[int, int] | None:
    """A day of the month at i ("20", "20th"), as (day, next index)."""
    if i >= t.n or t.kind[i] != _NUM or not t.text[i].isdigit() or len(t.text[i]) > 2:
        return None
    day = int(t.text[i])
    if not 1 <= day <= 31:
        return None
    j = i + 1
    if j < t.n and t.glued(j) and t.w[j] in _ORDINAL_SUFFIX:
        j += 1
    elif j < t.n and t.glued(j) and t.kind[j] == _WORD:
        return None
    return day, j


def _year_number(t: _Toks, i: int, lo: int = 1000, hi: int = 2999) -> int | None:
    if i >= t.n or t.kind[i] != _NUM or len(t.text[i]) != 4 or not t.text[i].isdigit():
        return None
    year = int(t.text[i])
    if not lo <= year <= hi:
        return None
    if i + 1 < t.n and t.glued(i + 1) and t.kind[i + 1] == _WORD:  # "1990s"
        return None
    return year


def _month_at(t: _Toks, i: int) -> tuple[int, int] | None:
    """A capitalised month name or abbreviation at i, as (month, index after it)."""
    if t.kind[i] != _WORD or not t.text[i][:1].isupper():
        return None
    w = t.base[i]
    month = _MONTHS.get(w)
    if month is None:
        return None
    j = i + 1
    if w in _MONTH_ABBREVIATIONS:
        if j < t.n and t.text[j] == "." and t.glued(j):
            j += 1
        elif _day_number(t, j) is None:
            return None  # "Mar", "Dec" alone are too ambiguous
    return month, j


def _date_fact(t: _Toks, begin: int, end: int, value: FactValue, unit: str) -> Fact:
    """A date fact; ``about`` records whether it starts, ends or is the time of something."""
    start, stop = t.start[begin], t.end[end - 1]
    cue = t.w[begin - 1]
    if cue in ("the", "early", "late", "mid", "last", "next", "this"):
        cue = t.w[begin - 2]
    about = _DATE_CUES.get(cue, "")
    return Fact("date", t.source[start:stop], value, unit, 0.0, "exact", "", about, (start, stop))


def _parse_date(t: _Toks, i: int) -> tuple[Fact | None, int]:
    """Dates, weekdays and clock times at i; (fact or None, next index)."""
    k = t.kind[i]
    if k == _WORD:
        w = t.base[i]
        if w in _WEEKDAYS and t.text[i][:1].isupper():
            return _date_fact(t, i, i + 1, w, "weekday"), i + 1
        month_at = _month_at(t, i)
        if month_at is None:
            return None, i + 1
        month, j = month_at
        day_at = _day_number(t, j)
        if day_at is not None:
            day, j = day_at
            year = None
            if j + 1 < t.n and t.text[j] == ",":
                year = _year_number(t, j + 1)
                if year is not None:
                    j += 2
            elif (year := _year_number(t, j)) is not None:
                j += 1
            return _date_fact(t, i, j, (year, month, day), "day"), j
        year = _year_number(t, j)
        if year is not None:
            return _date_fact(t, i, j + 1, (year, month, None), "month"), j + 1
        cue = t.w[i - 1]
        if cue in _MONTH_CUES:
            return _date_fact(t, i, j, (None, month, None), "month"), j
        return None, i + 1
    if k != _NUM:
        return None, i + 1
    # ISO date: 2026-11-20.
    if (
        i + 4 < t.n
        and t.text[i + 1] == "-"
        and t.text[i + 3] == "-"
        and all(t.glued(i + d) for d in range(1, 5))
        and _year_number(t, i, 1900, 2099) is not None
        and t.kind[i + 2] == _NUM
        and t.kind[i + 4] == _NUM
    ):
        y, m, d = int(t.text[i]), int(t.text[i + 2]), int(t.text[i + 4])
        if 1 <= m <= 12 and 1 <= d <= 31:
            return _date_fact(t, i, i + 5, (y, m, d), "day"), i + 5
    # Clock time: "3 p.m.", "3:30 pm", "15:30".
    text = t.text[i]
    if text.isdigit() and len(text) <= 2:
        hour = int(text)
        j = i + 1
        minute = 0
        has_minutes = False
        if (
            j + 1 < t.n
            and t.text[j] == ":"
            and t.glued(j)
            and t.glued(j + 1)
            and t.kind[j + 1] == _NUM
            and len(t.text[j + 1]) == 2
            and t.text[j + 1].isdigit()
        ):
            minute = int(t.text[j + 1])
            has_minutes = minute < 60
            j += 2
        ampm = t.w[j] if j < t.n else ""
        if ampm in _AM_PM and (t.kind[j] == _ABBR or ampm in ("am", "pm")) and 1 <= hour <= 12:
            hour = hour % 12 + _AM_PM[ampm]
            return _date_fact(t, i, j + 1, (hour, minute), "time"), j + 1
        if has_minutes and hour <= 23:
            return _date_fact(t, i, j, (hour, minute), "time"), j
        # Day first: "20 November", "20th of November 2026".
        day_at = _day_number(t, i)
        if day_at is not None:
            day, j = day_at
            if t.w[j] == "of":
                j += 1
            if j < t.n and (month_at := _month_at(t, j)) is not None:
                month, j = month_at
                year = _year_number(t, j)
                if year is not None:
                    j += 1
                return _date_fact(t, i, j, (year, month, day), "day"), j
    return None, i + 1


def _is_year(t: _Toks, i: int) -> bool:
    """A bare 4-digit 1900-2099 number is a year unless it counts something ("2026 jobs")."""
    if _year_number(t, i, 1900, 2099) is None:
        return False
    if t.glued(i) and t.text[i - 1] in _CURRENCY_SYMBOLS:
        return False
    nxt = t.w[i + 1]
    if nxt in _SCALE_WORDS or nxt in _PERCENT_WORDS or nxt in _CURRENCY_WORDS:
        return False
    if i + 1 < t.n and t.text[i + 1] == "%":
        return False
    nxt_noun = nxt
    if nxt in _UNIT_SKIP:
        nxt_noun = t.w[i + 2]
    return not (nxt_noun and _looks_plural(nxt_noun) and nxt_noun not in _NOT_UNIT)


def _is_identifier(t: _Toks, i: int) -> bool:
    """Numbers that name rather than count: list markers, "Boeing 737", "No. 3", "3-2", "1.2.3"."""
    src = t.source
    s, e = t.start[i], t.end[i]
    before = src[s - 1] if s > 0 else ""
    after = src[e] if e < len(src) else ""
    after2 = src[e + 1] if e + 1 < len(src) else ""
    if before.isalpha() or before == "#" or (before == "." and s > 1 and src[s - 2].isdigit()):
        return True
    if before in "-\u2010\u2013" and s > 1 and src[s - 2].isalnum():
        return True  # second half of a range or score
    if after in "-\u2010\u2013" and after2.isdigit():
        return True  # first half of a range or score
    if after == "." and after2.isdigit():
        return True
    if t.at_start(i) and after and after in ".)" and (not after2 or after2.isspace()):
        return True  # list marker "1." / "1)"
    if i > 0 and t.text[i - 1] == "(" and after == ")":
        return True  # "(3)"
    prev = t.w[i - 1]
    if prev in ("no", "number", "nos", "vol", "chapter", "section", "article", "page", "room"):
        return True
    if (
        i > 0
        and t.kind[i - 1] == _WORD
        and t.text[i - 1][:1].isupper()
        and prev not in _DATE_WORDS
        and prev not in _HEDGE_1
        and prev not in _STOP_CAPS
        and t.text[i - 1] not in _CURRENCY_CODES
        and _strip_possessive(prev) == prev
    ):
        # "Boeing 737", "Route 66": a bare integer right after a proper noun is its label.
        nxt = t.w[i + 1]
        if nxt not in _SCALE_WORDS and nxt not in _PERCENT_WORDS and after != "%":
            return True
    return False


@lru_cache(maxsize=8192)
def _normalize_name_token(token: str) -> str:
    w = _strip_possessive(token).casefold().replace(".", "").replace("\u2019", "'")
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return w


def _name_run(t: _Toks, i: int) -> int:
    """End index (exclusive) of the capitalised run starting at i."""
    j = i + 1
    while j < t.n:
        if t.used[j]:
            break
        if t.base[j - 1] != t.w[j - 1]:
            break  # "Ruiz's Acme": a possessive ends the name
        if t.cap[j] and t.base[j] not in _MONTHS and t.base[j] not in _WEEKDAYS:
            j += 1
            continue
        w = t.w[j]
        if t.text[j] == "." and t.glued(j) and t.w[j - 1] in _ABBREV_DOT:
            if j + 1 < t.n and t.cap[j + 1] and not t.used[j + 1]:
                j += 1
                continue
            j += 1  # keep "Corp." whole, and stop
            break
        if (w in _NAME_CONNECTORS or t.text[j] == "&") and j + 1 < t.n and t.cap[j + 1]:
            j += 1
            continue
        if w in ("and", "for") and t.cap[j + 1] and not t.used[j + 1]:
            # Joins only inside an organisation: "Food and Drug Administration", not
            # "Malaysia and Taiwan". Look ahead to where the next capitalised run ends.
            k = j + 1
            while k < t.n and t.cap[k] and not t.used[k]:
                k += 1
            if t.base[k - 1] in _ORG_WORDS:
                j = k
                continue
        break
    return j


def _is_stop(word: str) -> bool:
    """Capitalised words that are never names: "The", "But", "I'd", "They're"."""
    return word in _STOP_CAPS or (
        ("'" in word or "\u2019" in word)
        and word.replace("\u2019", "'").split("'")[0] in _STOP_CAPS
    )


def _names_in_run(t: _Toks, i: int, j: int, run_at_start: bool) -> list[Fact]:
    """Names in the capitalised run [i, j), split where a title starts a new name.

    "Veridian Chief Executive Renata Solberg" is a company then a person, and "Analyst Kenji
    Morales of Brightline Research" a person then a company: one run, two names.
    """
    if j - i >= 3:
        base = t.base
        for p in range(i + 1, j - 1):
            if (
                base[p] in _TITLES
                and t.cap[p]
                and base[p - 1] not in _TITLES
                and not _is_stop(base[p - 1])
            ):
                head = _names_in_run(t, i, p, run_at_start)
                return head + _names_in_run(t, p, j, False)
        if j - i >= 4 and "of" in t.w[i + 2 : j - 1]:
            cut = t.w.index("of", i + 2, j - 1)
            if any(base[k] in _TITLES for k in range(i, cut - 1)):
                # A person's affiliation is a name of its own: "Kenji Morales of Brightline".
                head = _names_in_run(t, i, cut, run_at_start)
                return head + _names_in_run(t, cut + 1, j, False)
    fact = _name_fact(t, i, j, run_at_start)
    return [] if fact is None else [fact]


def _name_fact(t: _Toks, i: int, j: int, run_at_start: bool) -> Fact | None:
    """A name from the capitalised run [i, j), or None for a sentence-initial common word."""
    a, b = i, j  # the name's own tokens, [a, b), narrowed below
    base, kind = t.base, t.kind
    # Sentence starters and stop words in front carry no name ("The", "But", "In").
    while a < b and _is_stop(base[a]):
        a += 1
    dropped_stop = a > i
    if run_at_start and a == i and b - a > 2 and t.w[a + 1] == "of" and _looks_plural(base[a]):
        # "Shares of Veridian", "Residents of Marlow": a plural noun, then the name.
        a += 2
        dropped_stop = True
    is_person = False
    while b - a > 1 and base[a] in _TITLES:
        a += 1
        is_person = True
        while a < b and kind[a] == _SYM:  # the dot of "Mr." / "Sen."
            a += 1
    if a >= b or base[a] in _TITLES:
        return None  # nothing left, or a bare title ("President"): a role, not a name
    while b > a and (kind[b - 1] == _SYM or t.w[b - 1] in _NAME_CONNECTORS):
        if kind[b - 1] == _SYM and t.text[b - 1] == "." and b - a > 1:
            break  # the dot of "Corp." stays
        b -= 1
    if a >= b:
        return None
    words = [_normalize_name_token(t.text[k]) for k in range(a, b) if kind[k] != _SYM]
    words = [w for w in words if w]
    if not words:
        return None
    value = " ".join(words)
    value = _ALIASES.get(value, value)
    if run_at_start and not dropped_stop and j - i == 1:
        # A lone capital at the start is usually just a capitalised word ("Officials said"),
        # unless it is a known place or body, or a singular word that speaks ("Ruiz said").
        speaker = t.w[j] in _SPEECH_VERBS and not _looks_plural(words[0])
        if not (speaker or value in _PLACES or value in _KNOWN_ORGS or value in _ALIAS_TARGETS):
            return None
    if len(words) == 1 and words[0] in _DATE_WORDS:
        return None
    start, stop = t.start[a], t.end[b - 1]
    text = t.source[start:stop]
    last = t.text[b - 1]
    possessive = base[b - 1] != t.w[b - 1]
    if possessive:
        text = text[: -2 if last.endswith(("'s", "\u2019s")) else -1]
        stop = start + len(text)
    elif text.endswith(".") and kind[b - 1] not in (_SYM, _ABBR):
        text = text[:-1]  # a sentence's full stop glued to the name; "Corp." and "U.S." keep it
        stop -= 1
    # Role: conservative, because only places and organisations can conflict.
    before = t.w[a - 1] if a == 0 or not t.used[a - 1] else ""
    role: NameRole = ""
    if is_person:
        role = "person"
    elif words[-1] in _ORG_WORDS or value in _KNOWN_ORGS:
        role = "org"
    elif t.w[j] in _SPEECH_VERBS:
        role = "person"
    elif value in _PLACES or (before in _PLACE_PREPS and not possessive):
        role = "place"
    cue = [w for w in (t.w[a - 2], before) if w and w not in ("the", "a", "an")]
    return Fact("name", text, value, "", 0.0, "exact", role, " ".join(cue), (start, stop))


def extract_facts(text: str) -> FactSet:
    """Find the numbers, amounts, percentages, dates and names in one sentence.

    Extraction runs once per sentence so that pairs compare precomputed values only. It never
    raises: text that cannot be read as a fact is skipped, because a missed fact costs one
    feature while an exception would cost the whole comparison.

    Args:
        text: One sentence (a longer text works; sentence starts inside it are recognised).

    Returns:
        The facts in reading order, wrapped with their comparison data.
    """
    if not text:
        return _EMPTY_SET
    t = _Toks(text)
    found: list[Fact] = []
    kinds, words, used, texts = t.kind, t.w, t.used, t.text
    # One left-to-right pass over the few tokens that can start a number, amount or date (a
    # comprehension finds them far faster than a branchy loop over every token). Dates are
    # tried first at each, so "November 20, 2026" is one date, not a count of 20 and a year.
    starts = [k for k, w in enumerate(words) if w in _TRIGGERS]
    if _DIGIT_OR_MONEY_RE.search(text):
        starts += [
            k
            for k, kd in enumerate(kinds)
            if kd == _NUM or (kd == _SYM and texts[k] in _CURRENCY_SYMBOLS)
        ]
    if "-" in text:
        starts += [k for k, w in enumerate(words) if "-" in w and w[: w.find("-")] in _NUM_WORDS]
    if len(starts) > 1:
        starts.sort()
    for i in starts:
        if used[i]:
            continue
        k = kinds[i]
        fact: Fact | None = None
        nxt = i + 1
        if k == _WORD:
            w = words[i]
            if w in _CURRENCY_LOWER:
                if texts[i] in _CURRENCY_CODES and kinds[i + 1 : i + 2] == [_NUM]:
                    fact, nxt = _parse_quantity(t, i)
            elif t.base[i] in _DATE_WORDS:
                if t.cap[i]:
                    fact, nxt = _parse_date(t, i)
            elif (w in ("a", "an") and words[i + 1] not in _AFTER_A) or (
                w == "one" and not _one_counts(t, i)
            ):
                continue  # "a" / "one" that start no number: the commonest words, cheap exit
            else:
                if w in _FRACTIONS or words[i + 1] in _FRACTIONS:
                    fact, nxt = _parse_fraction(t, i)
                if fact is None and not (w in _FRACTIONS and words[i + 1] != "a"):
                    fact, nxt = _parse_quantity(t, i)
        elif k == _NUM:
            fact, nxt = _parse_date(t, i)
            if fact is None and not _is_identifier(t, i):
                if _is_year(t, i):
                    fact, nxt = _date_fact(t, i, i + 1, (int(texts[i]), None, None), "year"), i + 1
                else:
                    fact, nxt = _parse_quantity(t, i)
        else:
            fact, nxt = _parse_quantity(t, i)
        if fact is None:
            continue
        for m in range(i, max(nxt, i + 1)):
            used[m] = True
        found.append(fact)
    # Names: capitalised runs over what is left.
    base = t.base
    j = 0
    for i in [k for k, c in enumerate(t.cap) if c]:
        if i < j or used[i] or base[i] in _DATE_WORDS:
            continue
        j = _name_run(t, i)
        if j == i + 1 and base[i] in _STOP_CAPS:
            continue  # the commonest case, "The" / "But" alone: skip the full analysis
        found.extend(_names_in_run(t, i, j, t.at_start(i)))
    found.sort(key=attrgetter("span"))
    return FactSet(tuple(_dedupe_names(found)))


def _parse_fraction(t: _Toks, i: int) -> tuple[Fact | None, int]:
    """ "half of the workers", "a third of voters", "two-thirds of the" as percent shares."""
    w = t.w[i]
    j = i
    if w in ("a", "one"):
        j += 1
        w = t.w[j]
    share = _FRACTIONS.get(w)
    if share is None or t.w[i - 1] in _FRACTION_NOT_AFTER:
        return None, i + 1
    if t.w[j + 1] not in _FRACTION_AFTER:
        return None, i + 1
    if t.w[j + 1] == "of" and _year_number(t, j + 2) is not None:
        return None, i + 1  # "half of 2026" is a period, not a share
    qualifier, _ = _qualifier_before(t, i)
    # Fractions are loose by nature: "half" agrees with 45-55%, "a third" with about 28-38%.
    fact = _make_quantity(
        t,
        i,
        j + 1,
        "percent",
        share,
        "%",
        10.0,
        "approx" if qualifier == "exact" else qualifier,
        "",
    )
    return fact, j + 1


def _dedupe_names(facts: list[Fact]) -> list[Fact]:
    """Drop a name repeated within the sentence ("Mayor Ana Ruiz ... Ruiz said") once."""
    names = [f for f in facts if f.kind == "name"]
    if len(names) < 2:
        return facts
    token_sets = [_name_tokens(str(f.value)) for f in names]
    drop: set[int] = set()
    for k, mine in enumerate(token_sets):
        for m, other in enumerate(token_sets):
            # Keep the fuller form; of two equal forms keep the first.
            if m != k and (mine < other or (mine == other and m < k)):
                drop.add(id(names[k]))
                break
    return [f for f in facts if id(f) not in drop]


# --------------------------------------------------------------------------------------------
# Comparison data.


@lru_cache(maxsize=8192)
def _name_tokens(value: str) -> frozenset[str]:
    """Words that identify a name: connectors and legal suffixes ("of", "Corp.") dropped."""
    words = value.split()
    core = [w for w in words if w not in _NAME_FILLERS and w not in _LEGAL_SUFFIX]
    return frozenset(core or words)


def _acronyms(value: str) -> tuple[str, ...]:
    """Initials an organisation is also known by: "u.s. food and drug administration" -> fda.

    Only for names ending in an organisation word, so people's initials never match; a leading
    country ("U.S.", "UK") is optional, since "the U.S. FDA" and "FDA" are both written.
    """
    words = [w for w in value.split() if w not in _NAME_FILLERS]
    if len(words) < 2 or words[-1] not in _ORG_WORDS:
        return ()
    full = "".join(w[0] for w in words if w)
    if words[0] in _ALIASES and len(words) > 2:
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


def _item(f: Fact) -> _Item:
    """Comparison data of one fact; cached, since names and dates recur across sentences."""
    try:
        return _item_cached(f.kind, f.value, f.unit, f.precision, f.qualifier, f.role, f.about)
    except TypeError:  # an unhashable value in a hand-built Fact: compute without the cache
        return _item_cached.__wrapped__(
            f.kind, f.value, f.unit, f.precision, f.qualifier, f.role, f.about
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
) -> _Item:
    if kind in ("number", "amount", "percent"):
        v = value if isinstance(value, (int, float)) else math.nan
        if not math.isfinite(v) or not math.isfinite(precision):
            return ("x", "", 0.0, 0.0, _EMPTY, _EMPTY, None)  # unreadable: compares to nothing
        # A zero or too-fine step (hand-built facts) would make a value disagree with itself.
        precision = max(precision, abs(v) * 1e-12, 1e-12)
        lo, hi = _interval(v, precision, qualifier)
        if kind == "percent":
            domain, cls = "p", "%" + unit
        elif kind == "amount":
            domain, cls = "q", "$" + unit
        else:
            domain, cls = "q", "#" + unit
        return (domain, cls, lo, hi, _EMPTY, _EMPTY, (kind, unit))
    if kind == "date":
        date_group = ("date", f"{unit}/{about}" if about else unit)
        if unit == "weekday":
            key: object = ("w", value)
            return ("d", "", 0.0, 0.0, frozenset({key}), frozenset({key}), date_group)
        if unit == "time":
            key = ("t", *value) if isinstance(value, tuple) else ("t", value)
            return ("d", "", 0.0, 0.0, frozenset({key}), frozenset({key}), date_group)
        fields = tuple(value) if isinstance(value, tuple) else (None, None, None)
        fields = (*fields, None, None, None)[:3]
        own = frozenset({("c", *fields)})
        present = [k for k in range(3) if fields[k] is not None]
        cover = {
            ("c", *(fields[k] if k in subset else None for k in range(3)))
            for r in range(1, len(present) + 1)
            for subset in combinations(present, r)
        }
        return ("d", "", 0.0, 0.0, own, frozenset(cover), date_group)
    # Names: own key is the word set; cover holds its non-empty subsets, so "Ruiz" agrees
    # with "Ana Ruiz". Long names keep five words (sorted, so the choice is stable) to bound
    # the subsets at 31.
    words = tuple(sorted(_name_tokens(str(value))))[:5]
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
    return ("n", "", 0.0, 0.0, own_name, cover_name, group)


_EMPTY_SET: Final[FactSet] = FactSet(())


# --------------------------------------------------------------------------------------------
# Comparison.


def _compatible(ca: str, cb: str) -> bool:
    """Quantity classes that can agree: same unit; any two counts; a bare number and money."""
    if ca == cb:
        return True
    if ca[0] == "#":
        return cb[0] == "#" or (ca == "#" and cb[0] == "$")
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
        y_items = y._items
        ys = [y_items[k] for k in y._quant]
        for k in x._quant:
            dom, cls, lo, hi = items[k][:4]
            for other in ys:
                if (
                    other[0] == dom
                    and lo < other[3]
                    and other[2] < hi
                    and _compatible(cls, other[1])
                ):
                    out[k] = True
                    break
    return out


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
        ua = sum(1 for k, it in enumerate(a._items) if it[6] == g and not ma[k])
        if ua:
            ub = sum(1 for k, it in enumerate(b._items) if it[6] == g and not mb[k])
            disagree += min(ua, ub)
    return agree, disagree


def find_conflicts(a: FactSet, b: FactSet) -> tuple[tuple[str, str], ...]:
    """Facts two linked claims state differently, as written: ``(("17%", "70%"),)``.

    Call it on claims already judged to say the same thing. Facts that agree (allowing for
    rounding, units, hedges, granularity and name subsets) are set aside first; of what is
    left, a fact conflicts with one on the other side only if they have the same kind and unit
    and the pairing is unambiguous: exactly one leftover each side, or exactly one each with
    the same "about" word ("jobs", "deal", "plant in"). Names conflict only as places or
    organisations, and a recurrence ("every 20 minutes") never conflicts with a plain count
    ("an eight-minute crossing"): they measure different things. Anything present on one side
    only is a dropped detail, not a conflict.

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
    return tuple(out)


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
        pairs.extend(_pair_by_about(a.facts, la, b.facts, lb))
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


QUANTITY_KINDS: Final[frozenset[str]] = frozenset({"number", "amount", "percent"})
"""Fact kinds that are figures with a value on a scale (dates and names are not)."""


def same_measure(a: Fact, b: Fact) -> bool:
    """Whether two facts of one kind and unit measure the same sort of thing.

    A recurrence ("every 20 minutes", "each year") is an interval between events, never the
    length of one ("an eight-minute crossing"), though both count minutes.
    """
    return _is_recurrence(a) == _is_recurrence(b)


def _is_recurrence(fact: Fact) -> bool:
    return fact.kind == "number" and fact.about.startswith(_RECURRENCE_PREFIX)


_HEDGE_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+|~")


def hedged_span(text: str, fact: Fact) -> tuple[int, int]:
    """Where a fact is stated in its sentence, its hedge included: "roughly 4,800", "up to 20".

    ``Fact.span`` covers the figure alone; the hedge in front is part of how it is stated.
    """
    start, stop = fact.span
    if fact.qualifier == "exact" or fact.kind not in QUANTITY_KINDS:
        return start, stop
    before = list(_HEDGE_WORD_RE.finditer(text, max(0, start - 40), start))[-3:]
    # Only words running up to the figure, separated by spaces alone.
    if before and text[before[-1].end() : start].strip():
        before = []
    for k in range(len(before) - 1, 0, -1):
        if text[before[k - 1].end() : before[k].start()].strip():
            before = before[k:]
            break
    words = [m.group().lower() for m in before]
    if words[-3:] in (["as", "many", "as"], ["as", "much", "as"]):
        return before[-3].start(), stop
    if len(words) >= 2 and (words[-2], words[-1]) in _HEDGE_2:
        return before[-2].start(), stop
    if words and words[-1] in _HEDGE_1:
        return before[-1].start(), stop
    return start, stop


def figure_measure(fact: Fact) -> tuple[str, str, bool] | None:
    """What a figure measures, for telling whether two figures are of the same thing.

    Returns:
        (domain, unit class, recurrence) for numbers, amounts and percents; ``None`` for dates,
        names and figures too unreadable to compare.
    """
    if fact.kind not in QUANTITY_KINDS:
        return None
    dom, cls = _item(fact)[:2]
    return None if dom == "x" else (dom, cls, _is_recurrence(fact))


def figure_range(fact: Fact) -> tuple[float, float]:
    """The open interval of values a figure agrees with (rounding and hedges allowed for)."""
    item = _item(fact)
    return item[2], item[3]


# An apposition after a name ("Lena Okafor, the city's chief bridge engineer,") opens with one of
# these; words that start a clause ("who", "said", "is") end the hope that it is one.
_APPOSITION_OPENERS: Final[frozenset[str]] = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our"}
)
_APPOSITION_WORDS: Final[frozenset[str]] = _APPOSITION_OPENERS | frozenset(
    {"of", "at", "for", "in", "on", "and", "to", "from", "with"}
)
_CLAUSE_WORDS: Final[frozenset[str]] = frozenset(
    _words(
        """who whom whose which that where when while because although is are was were be been
        being has have had will would can could should may might must do does did said says say
        told tells added according not no if as than"""
    )
)
_APPOSITION_MAX_WORDS: Final[int] = 8
_PHRASE_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[\w'\u2019.-]+")


def name_phrases(text: str, facts: FactSet) -> tuple[tuple[int, int], ...]:
    """Character spans of each name with the titles and apposition that introduce it.

    "Dr. Lena Okafor, the city's chief bridge engineer," and "The city's chief bridge engineer,
    Lena Okafor," are each one phrase: who is speaking, not what is said. Words copied inside
    such a phrase show that two sentences quote one person, not that they make one claim.

    Args:
        text: The sentence the facts were extracted from.
        facts: Its facts.

    Returns:
        Sorted, possibly overlapping (start, end) spans.
    """
    spans = []
    for fact in facts.facts:
        if fact.kind != "name":
            continue
        start, end = fact.span
        # Titles and capitalised words in front: "Port Alder Fire Chief Anita Brandt".
        while True:
            found = list(_PHRASE_WORD_RE.finditer(text, max(0, start - 30), start))
            if not found or text[found[-1].end() : start].strip():
                break
            word = found[-1].group()
            if not (word[:1].isupper() or word.lower().strip(".") in _TITLES):
                break
            start = found[-1].start()
        after = _apposition(text, end, forward=True)
        before = _apposition(text, start, forward=False)
        spans.append((before if before is not None else start, after if after is not None else end))
    return tuple(sorted(spans))


def _apposition(text: str, at: int, *, forward: bool) -> int | None:
    """The far end of an apposition set off by commas next to a name, or None if there is none."""
    if forward:
        gap = re.match(r"\s*,\s*", text[at:])
        if gap is None:
            return None
        begin = at + gap.end()
        stop = len(text)
        for mark in (",", ";", ":", "(", ")"):
            found = text.find(mark, begin)
            if found != -1:
                stop = min(stop, found)
        segment, edge = text[begin:stop], stop
    else:
        gap = re.search(r",\s*$", text[:at])
        if gap is None:
            return None
        edge = max(text.rfind(mark, 0, gap.start()) for mark in (",", ";", ":", "(", ")")) + 1
        segment = text[edge : gap.start()]
    words = [w.lower() for w in _PHRASE_WORD_RE.findall(segment)]
    if not words or len(words) > _APPOSITION_MAX_WORDS:
        return None
    bare = [_strip_possessive(w) for w in words]
    if bare[0] not in _APPOSITION_OPENERS and bare[0].strip(".") not in _TITLES:
        return None
    if any(w in _CLAUSE_WORDS or (w in _STOP_CAPS and w not in _APPOSITION_WORDS) for w in bare):
        return None
    return edge if forward else edge + len(segment) - len(segment.lstrip())


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
