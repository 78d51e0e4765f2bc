"""Finding the facts of a sentence: numbers, amounts, percentages, dates and names.

A small tokenizer (:class:`_Toks`), then parsers for quantities, dates and capitalised runs, over
closed word lists (``compare/data/scoring_words.toml``): the layer must stay cheap and
predictable, not clever. Also where a fact is stated in its text: its hedge
(:func:`hedged_span`) and the titles and apposition that introduce a name (:func:`name_phrases`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, sub
from typing import Final

from .facts import (
    ALIASES,
    NAME_CONNECTORS,
    ORG_WORDS,
    QUANTITY_KINDS,
    RECURRENCE_PREFIX,
    Fact,
    FactKind,
    FactSet,
    FactValue,
    NameRole,
    Qualifier,
    name_tokens,
)
from .lexicon import ordered_words, table, words
from .numbers import SCALES, digits_precision, int_precision, number_value

__all__ = ["charges_in", "extract_facts", "hedged_span", "name_phrases", "tallies_in"]

# The word lists, bound once; compare/data/scoring_words.toml says what each is for.
_NUM_WORDS: Final[dict[str, int]] = table("number_words")
_SCALE_WORDS: Final[dict[str, float]] = {w: SCALES[w] for w in ordered_words("scale_words")}
_SCALE_SUFFIX: Final[dict[str, float]] = {w: SCALES[w] for w in ordered_words("scale_suffixes")}
_ORDINAL_SUFFIX: Final[frozenset[str]] = words("ordinal_suffixes")
_CURRENCY_SYMBOLS: Final[dict[str, str]] = table("currency_symbols")
_DOLLAR_PREFIX: Final[dict[str, str]] = table("dollar_prefixes")
_CURRENCY_CODES: Final[frozenset[str]] = words("currency_codes")
_CURRENCY_WORDS: Final[dict[str, str]] = table("currency_words")
_HEDGE_1: Final[dict[str, Qualifier]] = table("hedges")
_HEDGE_2: Final[dict[tuple[str, str], Qualifier]] = {
    (first, second): qualifier
    for (first, second), qualifier in (
        (tuple(key.split()), value) for key, value in table("two_word_hedges").items()
    )
}
_FRACTIONS: Final[dict[str, float]] = table("fractions")
_FRACTION_AFTER: Final[frozenset[str]] = words("fraction_after")
_FRACTION_NOT_AFTER: Final[frozenset[str]] = words("fraction_not_after")
_MONTHS: Final[dict[str, int]] = table("months")
_MONTH_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    k for k in _MONTHS if len(k) <= 4 and k not in ("may", "june", "july")
)
_MONTH_CUES: Final[frozenset[str]] = words("month_cues")
_WEEKDAYS: Final[frozenset[str]] = words("weekdays")
_DATE_CUES: Final[dict[str, str]] = table("date_cues")
_AM_PM: Final[dict[str, int]] = table("am_pm")
_TIME_ZONES: Final[dict[str, list[float]]] = table("time_zones")
_RECURRENCE_WORDS: Final[frozenset[str]] = words("recurrence_words")
_PERCENT_WORDS: Final[frozenset[str]] = words("percent_words")
_NOT_UNIT: Final[frozenset[str]] = words("not_unit")
_UNIT_SKIP: Final[frozenset[str]] = words("unit_skip")
_IRREGULAR: Final[dict[str, str]] = table("irregular_plurals")
_MEASURES: Final[dict[str, tuple[str, float, float]]] = {
    key: (str(spec[0]), float(spec[1]), float(spec[2]) if len(spec) > 2 else 0.0)
    for key, spec in table("measure_units").items()
}
_SPANS_AFTER_A: Final[frozenset[str]] = frozenset(
    key for key, (unit, _, _) in _MEASURES.items() if unit == "year"
)
"""Units a bare "a" counts one of: "a decade", "a century" ("a mile" is left to the noun)."""
_STOP_CAPS: Final[frozenset[str]] = words("stop_caps")
_LABEL_NOUNS: Final[frozenset[str]] = words("label_nouns")
_TITLES: Final[frozenset[str]] = words("titles")
_ABBREV_DOT: Final[frozenset[str]] = words("abbreviations_with_dot")
_KNOWN_ORGS: Final[frozenset[str]] = words("known_orgs")
_ALIAS_TARGETS: Final[frozenset[str]] = frozenset(ALIASES.values())
_PLACES: Final[frozenset[str]] = words("places")
_PLACE_PREPS: Final[frozenset[str]] = words("place_prepositions")
_SPEECH_VERBS: Final[frozenset[str]] = words("speech_verbs")
_AFTER_A: Final[frozenset[str]] = words("after_a") | _SPANS_AFTER_A
_APPOSITION_OPENERS: Final[frozenset[str]] = words("apposition_openers")
_APPOSITION_WORDS: Final[frozenset[str]] = _APPOSITION_OPENERS | words("apposition_words")
_CLAUSE_WORDS: Final[frozenset[str]] = words("clause_words")

# Marks after which a capital means nothing: a sentence or a quotation starts there.
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


_VULGAR_FRACTIONS: Final[dict[str, float]] = {
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
}
"""Fractions written as one character after a count, as sports and weather copy writes them."""
_ABBREVIATED_SCALES: Final[frozenset[str]] = frozenset({"mn", "mln", "bn", "bln", "tn", "trn"})
"""Scale abbreviations that follow digits ("$3bn"), never number words ("three bn")."""


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
        if nxt in _SPANS_AFTER_A:
            return 1.0, i + 1, 1.0, False  # "a decade": the unit reads the noun
        if nxt == "single":
            # "a single count" against "two counts": one of a kind, before a plain noun
            # ("a single-family home" is one word, "a single, unified market" no count), and
            # not after a negation ("not a single vote" is none).
            after = t.w[i + 2]
            if (
                t.kind[i + 2 : i + 3] == [_WORD]
                and after.isalpha()
                and not t.cap[i + 2]
                and t.w[i - 1] not in ("not", "no", "without", "never")
            ):
                return 1.0, i + 2, 1.0, False
            return None
        if nxt in _SCALE_WORDS and nxt not in _ABBREVIATED_SCALES:
            scale = _SCALE_WORDS[nxt]  # "a million": one significant figure, read as two
            return scale, i + 2, scale / 10, False
        return None
    if w == "half" and t.w[i + 1] == "a" and t.w[i + 2] == "dozen":
        return 6.0, i + 3, 1.0, True
    if w == "half" and t.w[i + 1] == "a" and t.w[i + 2] in _SPANS_AFTER_A:
        return 0.5, i + 2, 0.1, True  # "half a century"
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
        elif w in _SCALE_WORDS and seen and w not in _ABBREVIATED_SCALES:
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
        hyphened = w.partition("-and-a-half")
        if hyphened[1] and not hyphened[2] and hyphened[0] in _NUM_WORDS:
            return _NUM_WORDS[hyphened[0]] + 0.5, j + 1, 0.1, approx  # "two-and-a-half"
        return None
    value = total + current
    if (
        t.w[j] == "and"
        and t.w[j + 1] == "a"
        and t.w[j + 2] == "half"
        and not total
        and not last_scale
    ):
        # "two and a half", "two and a half million": as exact as "2.5" and "2.5 million".
        value, j = value + 0.5, j + 3
        scale = _SCALE_WORDS.get(t.w[j], 0.0) if t.w[j] not in _ABBREVIATED_SCALES else 0.0
        if scale >= 1e3:
            return value * scale, j + 1, 0.1 * scale, approx
        return value, j, 0.1, approx
    if last_scale >= 1e3:
        # "two million" reads like "2 million": the words before the scale set the step.
        lead = value / last_scale
        step = 0.1 if lead == int(lead) and len(str(int(lead)).rstrip("0")) == 1 else 1.0
        precision = min(int_precision(lead), step) * last_scale
    else:
        precision = int_precision(value)
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
        kind,
        t.source[start:stop],
        value,
        unit,
        precision,
        qualifier,
        "",
        about,
        (start, stop),
        _context(t, begin, end),
    )


_CONTEXT_WORDS: Final[int] = 2
"""Content words read either side of a figure for its context."""
_FUNCTION_WORDS: Final[frozenset[str]] = words("stop_words")


def _context(t: _Toks, begin: int, end: int) -> frozenset[str]:
    """The content words nearest a figure on either side, within its clause."""
    found: list[str] = []
    for step, at in ((-1, begin - 1), (1, end)):
        taken = 0
        while 0 <= at < t.n and taken < _CONTEXT_WORDS and t.text[at] not in ",;:.()":
            word = t.w[at]
            if t.kind[at] == _WORD and word.isalpha() and word not in _FUNCTION_WORDS:
                found.append(_lemma(word))
                taken += 1
            at += step
    return frozenset(found)


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
        value = number_value(digits)
        if value is None:
            return None, i + 1
        precision = digits_precision(digits)
        j = i + 1
        scale = 1.0
        if j < t.n and t.text[j] in _VULGAR_FRACTIONS and "." not in digits:
            # "2½ sacks", "2 ½ servings": read as "2.5" is.
            value += _VULGAR_FRACTIONS[t.text[j]]
            precision = 0.1
            j += 1
        # Glued suffix: "20m", "3bn", "20th", "1e400" (the last is not a number we can read).
        if j < t.n and t.glued(j) and t.kind[j] == _WORD:
            suffix = t.w[j]
            # A bare "m" is a million next to money or before a plural count ("2.5m barrels"),
            # and otherwise likely metres, which are left alone.
            million = suffix != "m" or currency or _looks_plural(t.w[j + 1])
            if suffix in _SCALE_SUFFIX and million:
                scale = _SCALE_SUFFIX[suffix]
                j += 1
            elif _measure_after(t, j) is None:  # "185mph", "40C" are read below
                return None, j + 1
        elif j < t.n and t.w[j] in _SCALE_WORDS and t.w[j] != "hundred":
            scale = _SCALE_WORDS[t.w[j]]
            j += 1
        elif t.w[j] == "hundred":
            scale = 100.0
            j += 1
        if scale > 1:
            precision = digits_precision(digits, scaled=True)
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
    recurrence = t.w[begin - 1] in _RECURRENCE_WORDS
    measure = _measure_after(t, j) or _range_measure(t, j)
    if measure is not None:
        key, stop = measure
        unit, factor, offset = _MEASURES[key]
        first = begin
        if unit == "\u00b0c" and _below_zero(t, begin):
            value, first = -value, begin - 1  # "minus 5C", "-5C": a temperature keeps its sign
        value, precision = value * factor + offset, precision * factor
        about = RECURRENCE_PREFIX + unit if recurrence else unit
        fact = _make_quantity(t, first, stop, "number", value, unit, precision, qualifier, about)
        if fact is not None and (factor != 1.0 or offset):
            fact = replace(fact, measured_in=key)
        return fact, stop
    unit, _ = _unit_after(t, j)
    about = RECURRENCE_PREFIX + unit if recurrence else unit
    return _make_quantity(t, begin, j, "number", value, unit, precision, qualifier, about), j


_PER_HOUR: Final[dict[str, str]] = {
    "mile": "mph",
    "km": "km/h",
    "kilometre": "km/h",
    "kilometer": "km/h",
}
"""Distances that a following "per hour" or "an hour" makes a speed."""
_SQUARED: Final[dict[str, str]] = {
    "mile": "square mile",
    "km": "square kilometre",
    "kilometre": "square kilometre",
    "kilometer": "square kilometre",
}
"""Lengths that a "square" or "sq" before them makes an area."""
_DEGREES: Final[dict[str, str]] = {
    "c": "celsius",
    "celsius": "celsius",
    "f": "fahrenheit",
    "fahrenheit": "fahrenheit",
}
"""What a temperature's scale letter or name after "degrees" or "\u00b0" reads as."""


def _below_zero(t: _Toks, i: int) -> bool:
    """Whether the figure at token i is written below zero: "minus 5", or a minus sign touching
    the digits and nothing before it ("-5C", not the second half of "3-5C")."""
    if t.w[i - 1] == "minus":
        return True
    sign = t.text[i - 1] if i > 0 else ""
    return sign in ("-", "\u2212") and t.glued(i) and not t.glued(i - 1)


def _range_measure(t: _Toks, j: int) -> tuple[str, int] | None:
    """The unit the first figure of a range shares with the second ("9 to 13 feet", "between 9
    and 13 feet", "9-13 feet"), and j: the figure's own span ends where it did."""
    if not _joins_range(t, j) or t.kind[j + 1 : j + 2] != [_NUM]:
        return None
    after = _measure_after(t, j + 2)
    return None if after is None else (after[0], j)


def _measure_after(t: _Toks, j: int) -> tuple[str, int] | None:
    """The unit of measure at token j ("mph", "km/h", "miles per hour", "\u00b0C", "13-foot"),
    as a key of the measure table, and the index after it; ``None`` when there is none.

    A bare "degrees" (an angle, or a scale not given) and a bare "m" (minutes, metres or
    millions) are not read."""
    if t.text[j : j + 1] in (["-"], ["\u2010"]) and t.glued(j) and t.glued(j + 1):
        j += 1  # "a 13-foot surge", "185-mph winds"
    text = t.text[j] if j < t.n else ""
    if text == "\u00b0":  # "40\u00b0C", "40 \u00b0F": the scale letter touches the sign
        scale = _DEGREES.get(t.w[j + 1]) if t.glued(j + 1) else None
        return None if scale is None else (scale, j + 2)
    if t.w[j] in ("degree", "degrees"):  # "40 degrees Celsius", "104 degrees F"
        letter = t.text[j + 1] if j + 1 < t.n else ""
        scale = _DEGREES.get(t.w[j + 1]) if len(letter) > 1 or letter in ("C", "F") else None
        return None if scale is None else (scale, j + 2)
    if t.kind[j : j + 1] != [_WORD]:
        return None
    if t.glued(j) and text in ("C", "F") and t.kind[j - 1] == _NUM:
        return _DEGREES[t.w[j]], j + 1  # "40C", "104F"
    key = _lemma(t.w[j])
    if key == "nautical" and _lemma(t.w[j + 1]) == "mile":
        return "nautical mile", j + 2
    if key in ("square", "sq") and _lemma(t.w[j + 1]) in _SQUARED:
        return _SQUARED[_lemma(t.w[j + 1])], j + 2  # "200 square miles", "81 sq km"
    if key == "km" and t.text[j + 1 : j + 3] == ["/", "h"] and t.glued(j + 1) and t.glued(j + 2):
        return "km/h", j + 3
    if key in _PER_HOUR and t.w[j + 1] in ("per", "an", "a") and t.w[j + 2] == "hour":
        return _PER_HOUR[key], j + 3
    return (key, j + 1) if key in _MEASURES else None


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
            return _clock_time(t, i, j + 1, hour % 12 + _AM_PM[ampm], minute)
        if has_minutes and hour <= 23:
            return _clock_time(t, i, j, hour, minute)
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


def _clock_time(t: _Toks, begin: int, end: int, hour: int, minute: int) -> tuple[Fact, int]:
    """A clock time read from ``begin`` to ``end``, with the time zone written after it.

    The value is ``(hour, minute)``, followed by the minutes past midnight UTC it may be
    (one per offset the zone may have) when a zone is written: "6:00 AM ET" and "11:00 UTC"
    then agree, and "1 p.m. ET" and "12 p.m. CDT" name one moment.
    """
    offsets = _TIME_ZONES.get(t.text[end]) if end < t.n else None
    if offsets is None:
        return _date_fact(t, begin, end, (hour, minute), "time"), end
    at = hour * 60 + minute
    utc = sorted({round(at - 60 * offset) % 1440 for offset in offsets})
    return _date_fact(t, begin, end + 1, (hour, minute, *utc), "time"), end + 1


_ONE_MOMENT_MAX_CHARS: Final[int] = 40
"""Two readings of one moment sit side by side ("6:00 AM ET (4:30 PM IST)", "11:20 UTC, or
6:20 a.m. ET"): the fact then spans both."""


def _one_moment(facts: list[Fact], source: str) -> list[Fact]:
    """One fact for a moment a sentence gives in two zones: "6:00 AM ET (4:30 PM IST)".

    The first reading stays, narrowed to the UTC minutes both readings allow, and spans both;
    the second is dropped, so the sentence states one time, as it means to.
    """
    zoned = [k for k, f in enumerate(facts) if f.unit == "time" and len(_zoned(f)) > 2]
    if len(zoned) < 2:
        return facts
    drop: set[int] = set()
    out = list(facts)
    for n, k in enumerate(zoned):
        if k in drop:
            continue
        for m in zoned[n + 1 :]:
            if m in drop:
                continue
            first, second = _zoned(out[k]), _zoned(facts[m])
            both = sorted(set(first[2:]) & set(second[2:]))
            if both:
                start, stop = out[k].span[0], facts[m].span[1]
                if stop - start > _ONE_MOMENT_MAX_CHARS:
                    continue  # too far apart to be one moment told twice
                if source[stop : stop + 1] == ")" and "(" in source[start:stop]:
                    stop += 1  # "6:00 AM ET (4:30 PM IST)"
                text = source[start:stop]
                out[k] = replace(out[k], value=(*first[:2], *both), text=text, span=(start, stop))
                drop.add(m)
    return [f for k, f in enumerate(out) if k not in drop]


def _zoned(fact: Fact) -> tuple[int, ...]:
    value = fact.value
    return tuple(v for v in value if isinstance(v, int)) if isinstance(value, tuple) else ()


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


_RANGE_JOINS: Final[frozenset[str]] = frozenset({"-", "\u2010", "\u2013", "to", "and", "or"})
"""What joins the two figures of a range ("9-13 feet", "9 to 13 feet", "between 9 and 13 feet")."""


def _joins_range(t: _Toks, j: int) -> bool:
    """Whether token j joins two figures of a range: a dash, "to", "and" or "or"."""
    return t.w[j] in _RANGE_JOINS or (j < t.n and t.text[j] in _RANGE_JOINS)


def _unit_follows(t: _Toks, i: int) -> bool:
    """Whether the figure at token i is followed by a unit of measure: a score ("3-2", "40-22")
    never is, a range of measures ("9-13 feet") is. A range of percents ("4.00-4.25%") stays
    skipped, as before: read as two percents it linked no gold pair of the real stories and
    moved one MRPC test pair the wrong way (training/README.md)."""
    return i + 1 < t.n and _measure_after(t, i + 1) is not None


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
        return not _unit_follows(t, i)  # second half of a score, or of a range ("9-13 feet")
    if after in "-\u2010\u2013" and after2.isdigit():
        return not _unit_follows(t, i + 2)  # first half of a score, or of a range ("9-13 feet")
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
        if (w in NAME_CONNECTORS or t.text[j] == "&") and j + 1 < t.n and t.cap[j + 1]:
            j += 1
            continue
        if w in ("and", "for") and t.cap[j + 1] and not t.used[j + 1]:
            # Joins only inside an organisation: "Food and Drug Administration", not
            # "Malaysia and Taiwan". Look ahead to where the next capitalised run ends.
            k = j + 1
            while k < t.n and t.cap[k] and not t.used[k]:
                k += 1
            if t.base[k - 1] in ORG_WORDS:
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
    while b > a and (kind[b - 1] == _SYM or t.w[b - 1] in NAME_CONNECTORS):
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
    value = ALIASES.get(value, value)
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
    elif words[-1] in ORG_WORDS or value in _KNOWN_ORGS:
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
        starts += [
            k
            for k, w in enumerate(words)
            if "-" in w and (w[: w.find("-")] in _NUM_WORDS or w[: w.rfind("-")] in _FRACTIONS)
        ]
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
                fact, nxt = _parse_point_move(t, i)
                if fact is None and (w in _FRACTIONS or words[i + 1] in _FRACTIONS):
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
        if j < t.n and base[j - 1] in _LABEL_NOUNS and t.text[j].isdigit() and not used[j]:
            j += 1  # "Category 5", "Count 3": the number is part of the name
        found.extend(_names_in_run(t, i, j, t.at_start(i)))
    found.sort(key=attrgetter("span"))
    return FactSet(
        tuple(_one_moment(_dedupe_names(found), text)), charges_in(text), tallies_in(text)
    )


_CHARGE_HEADS: Final[frozenset[str]] = words("charge_heads")
_CHARGE_MODIFIERS: Final[frozenset[str]] = words("charge_modifiers")
_CHARGE_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[A-Za-z][A-Za-z*-]*")
_CHARGE_LINKS: Final[frozenset[str]] = frozenset({"to", "commit", "engage", "in"})
_CHARGE_STEMS: Final[tuple[str, ...]] = tuple(sorted({head[:6] for head in _CHARGE_HEADS}))


def charges_in(text: str) -> tuple[Fact, ...]:
    """The criminal charges a sentence names: "sex trafficking", "racketeering conspiracy",
    "conspiracy to extort", "money laundering".

    A charge is a run of charge words (``charge_heads``, with ``charge_modifiers`` in front of
    them), and after "conspiracy" what it is a conspiracy to do ("to extort", "to commit wire
    fraud"). Its value is the words' stems, sorted, so "conspiracy to commit racketeering" and
    "racketeering conspiracy" are one charge, and "trafficking" agrees with "sex trafficking".
    """
    lowered = text.lower()
    for stem in _CHARGE_STEMS:
        if stem in lowered:
            break
    else:
        return ()
    tokens = list(_CHARGE_WORD_RE.finditer(text))
    lower = [m.group().lower() for m in tokens]
    found: list[Fact] = []
    k = 0
    while k < len(tokens):
        if lower[k] not in _CHARGE_HEADS:
            k += 1
            continue
        begin = k
        while begin > 0 and lower[begin - 1] in _CHARGE_MODIFIERS:
            begin -= 1
        end = k + 1
        while end < len(tokens) and lower[end] in _CHARGE_HEADS:
            end += 1
        if lower[end - 1] == "conspiracy" and end + 1 < len(tokens) and lower[end] == "to":
            end += 2  # "conspiracy to extort"
            if lower[end - 1] == "commit":
                while end < len(tokens) and (
                    lower[end] in _CHARGE_HEADS or lower[end] in _CHARGE_MODIFIERS
                ):
                    end += 1
        start, stop = tokens[begin].start(), tokens[end - 1].end()
        stems = sorted({_charge_stem(w) for w in lower[begin:end] if w not in _CHARGE_LINKS})
        value = " ".join(stems)
        found.append(
            Fact("name", text[start:stop], value, "", 0.0, "exact", "charge", "", (start, stop))
        )
        k = end
    return tuple(found)


_TALLY = re.compile(r"(?<![\w.,$-])(\d{1,3}) ?[-–] ?(\d{1,3})(?![\w%-]|[.,]\d)")
_TALLY_BEFORE: Final[frozenset[str]] = words("tally_before")
_TALLY_AFTER: Final[frozenset[str]] = words("tally_after")
_TALLY_WORD = re.compile(r"[a-z]+")


def tallies_in(text: str) -> tuple[Fact, ...]:
    """The scores and votes a sentence gives: "beat the Chiefs 40-22", "a 40-22 victory", "the
    court ruled 6-3", "by a vote of 11-1". Two counts joined by a dash are a tally only beside
    a word of winning, losing or voting (``tally_before`` within five words before it,
    ``tally_after`` right after it): elsewhere they are a range ("15-30 inches") or a label.
    The value is the two counts, "40-22" (also for "40 - 22" or "40–22")."""
    if "-" not in text and "\u2013" not in text:
        return ()
    found: list[Fact] = []
    for match in _TALLY.finditer(text):
        before = _TALLY_WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())
        after = _TALLY_WORD.findall(text[match.end() : match.end() + 20].lower())[:1]
        if not (_TALLY_BEFORE.intersection(before[-5:]) or _TALLY_AFTER.intersection(after)):
            continue
        value = f"{int(match.group(1))}-{int(match.group(2))}"
        found.append(
            Fact("number", match.group(), value, "tally", 0.0, "exact", "", "tally", match.span())
        )
    return tuple(found)


def _charge_stem(word: str) -> str:
    """A crude stem that joins a charge's noun and verb: extortion / extort, trafficking."""
    for suffix in ("ion", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


def _parse_point_move(t: _Toks, i: int) -> tuple[Fact | None, int]:
    """A move of a fraction of a point: "a quarter percentage point", "a quarter-point cut",
    "a quarter of a percentage point", "half a point", "a three-quarter-point hike".

    Coverage of every rate decision writes the move so, beside "25 basis points" and "0.25
    percentage point": all read as the same change in points (0.25), never as a share of 25%.
    """
    j = i
    if t.w[j] in ("a", "one"):
        j += 1
    w = t.w[j]
    end = j + 1
    if w.endswith(("-point", "-points")):
        share = _FRACTIONS.get(w[: w.rfind("-")])
    else:
        share = _FRACTIONS.get(w)
        if t.w[end] == "of" and t.w[end + 1] in ("a", "one"):
            end += 2  # "a quarter of a percentage point"
        elif t.w[end] == "a":
            end += 1  # "half a percentage point"
        if t.w[end] in ("percentage", "percent"):
            end += 1
        if t.w[end] not in ("point", "points"):
            return None, i + 1
        end += 1
    if share is None or t.w[i - 1] in _FRACTION_NOT_AFTER:
        return None, i + 1
    qualifier, _ = _qualifier_before(t, i)
    fact = _make_quantity(t, i, end, "percent", share / 100, "points", 0.01, qualifier, "")
    return fact, end


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
    token_sets = [name_tokens(str(f.value)) for f in names]
    drop: set[int] = set()
    for k, mine in enumerate(token_sets):
        for m, other in enumerate(token_sets):
            # Keep the fuller form; of two equal forms keep the first.
            if m != k and (mine < other or (mine == other and m < k)):
                drop.add(id(names[k]))
                break
    return [f for f in facts if id(f) not in drop]


_EMPTY_SET: Final[FactSet] = FactSet(())


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
