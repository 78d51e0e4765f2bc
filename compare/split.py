"""Step 2, split: blocks into sentences with NLTK's Punkt, from parameters the project ships."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .nltk_light import import_nltk_module
from .results import Block, BlockKind

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

MAX_SENTENCE_WORDS = 120
"""Longer "sentences" (unpunctuated dumps, run-on lists) are cut into pieces of this many words,
so one runaway line cannot dominate the comparison or its cost."""


@dataclass(frozen=True, slots=True)
class SplitSentence:
    """A sentence as the splitter found it, with the structure the classifier needs."""

    text: str
    block: BlockKind
    alone: bool
    """The sentence is its block's whole text: a line standing on its own."""


def word_list(name: str) -> frozenset[str]:
    """A shipped word list from compare/data: one entry a line, # starts a comment."""
    text = resources.files("compare").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def punkt() -> PunktSentenceTokenizer:
    """Punkt built from our own abbreviation and sentence-starter lists: no download needed."""
    punkt_module = import_nltk_module("tokenize.punkt", bare=("tokenize",))
    params = punkt_module.PunktParameters()
    params.abbrev_types = set(word_list("abbreviations.txt"))
    params.sent_starters = set(word_list("sentence_starters.txt"))
    return punkt_module.PunktSentenceTokenizer(params)


def split_blocks(blocks: tuple[Block, ...] | list[Block]) -> list[SplitSentence]:
    """Split every block into sentences; a line break always ends a sentence."""
    sentences: list[SplitSentence] = []
    for block in blocks:
        pieces = [p for line in block.text.split("\n") for p in split_line(line)]
        alone = len(pieces) == 1
        sentences.extend(SplitSentence(p, block.kind, alone) for p in pieces)
    return sentences


def split_line(line: str) -> list[str]:
    """Split one line into sentences, keeping a quotation and its attribution together."""
    line = _SPACES.sub(" ", line).strip()
    if not line:
        return []
    if not _BREAK_CANDIDATE.search(line):
        return _cut_long(line)  # Punkt only breaks after . ? ! and a space: nothing to decide
    pieces = _merge_open_quotes(punkt().tokenize(line))
    return [chunk for piece in pieces for chunk in _cut_long(piece)]


_SPACES = re.compile(r"\s+")
_BREAK_CANDIDATE = re.compile(r"[.?!…][\"'”’)\]}]*\s+\S")


def _merge_open_quotes(pieces: list[str]) -> list[str]:
    """Re-join sentences Punkt split inside a quotation that closes later on the same line.

    ``"We are ready. We have been ready for years," she said.`` is one claim: its second half
    without the first misquotes the speaker. A quotation still open at the end of the line is
    left split, since multi-paragraph quotes never close where Punkt could see it.
    """
    merged: list[str] = []
    pending: list[str] = []
    straight_open = False
    curly_depth = 0
    for piece in pieces:
        pending.append(piece)
        straight_open ^= piece.count('"') % 2 == 1
        curly_depth = max(0, curly_depth + piece.count("“") - piece.count("”"))
        if not straight_open and curly_depth == 0:
            merged.append(" ".join(pending))
            pending = []
    merged.extend(pending)
    return merged


def _cut_long(sentence: str) -> list[str]:
    words = sentence.split(" ")
    if len(words) <= MAX_SENTENCE_WORDS:
        return [sentence]
    return [
        " ".join(words[start : start + MAX_SENTENCE_WORDS])
        for start in range(0, len(words), MAX_SENTENCE_WORDS)
    ]
