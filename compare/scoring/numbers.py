"""Reading numerals, for both readers of numbers in step 4.

The lexical features scan a claim's raw text for numbers (:func:`numbers_of`); the fact layer
parses them with their context, hedges and units (``fact_extraction``). Both read a numeral's
digits with :func:`number_value` and its scale word with :data:`SCALES`, and the rounding step a
numeral implies comes from here too. The two scans stay distinct: the features' scan is what
the committed scorers were trained on, so reading it through the fact layer would change them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .lexicon import ordered_words, table, words

SCALES: Final[dict[str, float]] = table("scales")
"""What each scale word or suffix multiplies by ("million", "bn", "k"); each reader accepts its
own subset (``[readers]`` in the word lists)."""

_THOUSANDS = re.compile(r",(?=\d{3}(?:\D|$))")
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d+(?:[.,]\d+)*)"
    r"(?:\s*(?P<pct>%|percent\b|per\s+cent\b))?"
    rf"(?:\s*(?P<scale>{'|'.join(ordered_words('scan_scales'))})\b)?",
    re.IGNORECASE,
)


def number_value(digits: str) -> float | None:
    """The value of a numeral's digits: "1,200" -> 1200.0, "2.5" -> 2.5, "1.000.000" -> 1e6.

    A comma followed by three digits groups thousands; any other comma or dot is decimal, and
    dots repeated group thousands. None when the digits read as no number.
    """
    raw = _THOUSANDS.sub("", digits).replace(",", ".")
    if raw.count(".") > 1:
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        return None


_LABEL_NOUNS = words("label_nouns")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")


def _label_of(text: str, number: re.Match[str]) -> str | None:
    """The label noun a number follows ("Category" in "Category 5"), or None for a figure."""
    if number.group("pct"):
        return None  # "Level 5%" is a share
    before = _WORD_BEFORE.search(text, max(0, number.start() - 20), number.start())
    if before is None or before.group(1).lower() not in _LABEL_NOUNS:
        return None
    return before.group(1).lower()


def figures_and_labels(text: str) -> tuple[set[str], set[str]]:
    """:func:`numbers_of` and :func:`labelled_numbers` of one text, from one scan of it."""
    text = unicodedata.normalize("NFKC", text)
    figures: set[str] = set()
    labels: set[str] = set()
    for match in _NUMBER.finditer(text):
        label = _label_of(text, match)
        if label is not None:
            labels.add(f"{label} {match.group('num')}")
            continue
        value = number_value(match.group("num"))
        if value is None:
            continue
        scale = match.group("scale")
        if scale:
            value *= SCALES[scale.lower()]
        key = f"{value:.6g}"
        if match.group("pct"):
            key += "%"
        figures.add(key)
    return figures, labels


def labelled_numbers(text: str) -> set[str]:
    """Names made of a label noun and a number ("category 5"): what :func:`numbers_of` skips."""
    return figures_and_labels(text)[1]


def numbers_of(text: str) -> set[str]:
    """Numbers, amounts and percentages as canonical strings ("2.5 billion" -> "2500000000").

    A number that names something after a capitalised label noun ("Category 5", "Count 3") is
    part of a name, not a figure: a story repeats it in claims that say different things
    (:func:`labelled_numbers` gives it to the names instead).
    """
    return figures_and_labels(text)[0]


def digits_precision(digits: str, scaled: bool = False) -> float:
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


def int_precision(value: float) -> float:
    if value >= 1e15 or value != int(value):
        return 1.0
    return digits_precision(str(int(value)))
