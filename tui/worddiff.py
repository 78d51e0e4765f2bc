"""Word-level difference between two claims, as character spans to highlight (no Textual)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")

Span = tuple[int, int]
"""Start and end offsets of one word in the text."""


def words(text: str) -> list[tuple[str, Span]]:
    """The text's words, normalised for comparison (case and edge punctuation dropped).

    Pure punctuation (a dash, a bullet) is left out: it never counts as a difference.
    """
    found = []
    for match in _WORD.finditer(text):
        key = _EDGE.sub("", match.group().casefold())
        if key:
            found.append((key, match.span()))
    return found


@lru_cache(maxsize=4096)
def changed_spans(text: str, other: str) -> tuple[Span, ...]:
    """Spans of the words in ``text`` that ``other`` lacks or puts differently.

    Cached: moving back and forth over the same claims diffs each pair once.
    """
    mine = words(text)
    theirs = [key for key, _ in words(other)]
    matcher = SequenceMatcher(None, [key for key, _ in mine], theirs, autojunk=False)
    changed: list[Span] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            changed.extend(span for _, span in mine[i1:i2])
    return tuple(changed)


def own_spans(text: str, others: Sequence[str]) -> tuple[Span, ...]:
    """Spans of the words in ``text`` that differ from every one of ``others``.

    With one other text this is :func:`changed_spans`; with several, a word is highlighted only
    when no other telling has it in place, so what remains is what this article alone wrote.
    """
    if not others:
        return ()
    common: set[Span] | None = None
    for other in others:
        spans = set(changed_spans(text, other))
        common = spans if common is None else common & spans
    return tuple(sorted(common or ()))
