"""Step 2, split: blocks into sentences with NLTK's Punkt, from parameters the project ships."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from string import ascii_lowercase
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
    """The sentence is its line's whole text: a line standing on its own (a headline, a
    crosshead, a caption), whether or not blank lines set it apart from its neighbours."""
    line: int = 0
    """Which line of the article it came from (counted over all blocks), so the classifier can
    judge a line as a whole: a caption, an author box or a leaked prompt spans sentences."""


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
    # Two-letter initials ("A.J. Brown", "C.J. Stroud") never end a sentence by themselves;
    # Punkt still ends one at "U.S." or "D.C." when a usual sentence starter follows.
    initials = {f"{a}.{b}" for a in ascii_lowercase for b in ascii_lowercase}
    params.abbrev_types = set(word_list("abbreviations.txt")) | initials
    params.sent_starters = set(word_list("sentence_starters.txt"))
    return punkt_module.PunktSentenceTokenizer(params)


def split_blocks(
    blocks: Sequence[Block], *, whole: Sequence[Block] | None = None
) -> list[SplitSentence]:
    """Split every block into sentences; a line break ends a sentence, unless the line was
    wrapped (see :func:`_unwrapped`; ``whole`` is the text the blocks are part of, when they
    are only its opening, to measure the width it was wrapped at).

    Real pages saved as text put one paragraph on each line, often with no blank line between
    (trafilatura's text output, copy-paste from a browser), so every line is judged on its own:
    a headline line is ``alone`` even when the next line follows without a gap.
    """
    sentences: list[SplitSentence] = []
    number = 0
    # List items are left out of the measure: plain text's are joined on reading (parse_plain).
    width = wrap_width(
        b.text.split("\n") for b in (blocks if whole is None else whole) if b.kind != "list_item"
    )
    for block in blocks:
        lines = _unwrapped(block.text.split("\n"), width)
        tabbed = _tabbed_rows(lines)
        for at, line in enumerate(lines):
            row = tabbed.get(at) or pipe_row(line)
            if row is not None:
                if row:  # a row of cells; the rule under a header row has none
                    titles = at + 1 < len(lines) and pipe_row(lines[at + 1]) == []
                    titles = titles or _titles_row(tabbed, at)
                    kind: BlockKind = "heading" if titles else "list_item"
                    sentences.extend(_row_sentences("; ".join(row), kind, number))
                    number += 1
                continue
            table = flattened_table(line)
            if table is not None:
                sentences.extend(_table_sentences(*table, block.kind, number))
                number = sentences[-1].line + 1
                continue
            pieces = _line_pieces(line)
            if not pieces:
                continue
            # A dateline in front does not stop the headline after it standing alone.
            alone = sum(not is_furniture(p) for p in pieces) <= 1
            sentences.extend(SplitSentence(p, block.kind, alone, number) for p in pieces)
            number += 1
    return _join_listed_names(sentences)


_PIPE_ROW = re.compile(r"^\s*\|(.*\|)\s*$")
_PIPE_RULE = re.compile(r"^[\s|:-]*-[\s|:-]*$")


def pipe_row(line: str) -> list[str] | None:
    """The cells of a table row written with pipes ("| Net sales | $84,120 |"), [] for the rule
    under a header row ("|---|---|"), None for any other line.

    trafilatura's text output and Markdown copied as plain text write tables so; a row is read
    as a Markdown table's row is (cells joined by "; "), not as a headline without a full stop.
    """
    found = _PIPE_ROW.match(line)
    if found is None:
        return None
    if _PIPE_RULE.match(line):
        return []
    cells = [cell.strip() for cell in found.group(1)[:-1].split("|")]
    return [cell for cell in cells if cell] if len(cells) >= 2 else None


TABLE_MIN_ROWS = 3
"""A line needs this many rows (a label, then two figures or more) to read as a table."""
TABLE_LABEL_MAX_WORDS = 6
"""A row label ("Diluted earnings per share") runs to about this many words."""

_CELL = re.compile(
    r"(?:[A-Z]{0,2}[$€£¥])?[(\[]?[-+\u2212\u2013]?(?:[A-Z]{0,2}[$€£¥])?"
    r"\d[\d,]*(?:\.\d+)?(?:%|x|bn|m|pts?|pp|bps)?[)\]]?"
    r"|pts?|bps|pp|n/?a|nm|NM|[-\u2013\u2014]"
)
"""One figure cell of a results table as text extraction flattens it: "$57,006", "22%",
"(1.2)", "$(0.12)", "1.0 pts", "n/a", a dash for no value."""

_CELLS_SIDE_BY_SIDE = re.compile(r"\d[\d,.]*(?:%|\)| ?pts?)? +\S{0,3}\d")
"""Two figures side by side, which every table line has and few sentences do."""


def flattened_table(line: str) -> tuple[str, list[str]] | None:
    """A results table that text extraction flattened into one line, cut into its header and
    rows, or None when the line is not one.

    Press releases and earnings pages carry tables ("GAAP ($ in millions) Q3 FY26 Q2 FY26 ...
    Revenue $57,006 $46,743 ... Net income $31,910 ..."); saved as text, the whole table is one
    line. Each row is a label and its figures, as other outlets restate it in prose ("Net income
    surged to $31.91bn"), so each row is a claim of its own and the header a heading. A line
    reads as a table when, after a header of any words, it is nothing but rows: a label of up to
    six words, then two figure cells or more, at least three times.
    """
    if not _CELLS_SIDE_BY_SIDE.search(line):
        return None  # most lines: no two figures in a row, nothing to tell
    words = line.split()
    if len(words) < TABLE_MIN_ROWS * 3:
        return None
    cell = [_CELL.fullmatch(w) is not None for w in words]
    rows: list[tuple[int, int]] = []  # (label start, row end)
    k = len(words)
    while k > 0:
        end = k
        while k > 0 and cell[k - 1]:
            k -= 1
        if end - k < 2:
            break
        label = _row_label(words, cell, k)
        if label is None:
            break
        rows.append((label, end))
        k = label
    if len(rows) < TABLE_MIN_ROWS:
        return None
    rows.reverse()
    header = " ".join(words[: rows[0][0]])
    return header, [" ".join(words[a:b]) for a, b in rows]


_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z'’&/-]*|&|/")


def _row_label(words: list[str], cell: list[bool], at: int) -> int | None:
    """Where the label of the row whose figures start at ``at`` begins, or None.

    Between two rows the label is every word since the last row's figures ("Data Center
    revenue"). Before the first row the header runs on into the label, which is then its last
    capitalised words and the lower-case ones after them ("... Q/Q Y/Y Revenue", "... Y/Y Data
    Center revenue")."""
    start = at
    while start > 0 and not cell[start - 1] and at - start <= TABLE_LABEL_MAX_WORDS:
        start -= 1
    after_row = start > 1 and cell[start - 1] and cell[start - 2]
    if after_row and 0 < at - start <= TABLE_LABEL_MAX_WORDS:
        label = words[start:at]
        if all(_LABEL_WORD.fullmatch(w) for w in label) and label[0][0].isupper():
            return start
    start = at
    while start > 0 and at - start < TABLE_LABEL_MAX_WORDS and words[start - 1].islower():
        start -= 1  # the label's lower-case words ("... expenses")
    if not all(w.isalpha() for w in words[start:at]):
        return None
    capitals = start
    while start > 0 and at - start < TABLE_LABEL_MAX_WORDS:
        word = words[start - 1]
        if not (word.isalpha() and word[0].isupper()):
            break
        start -= 1  # and the capitalised ones in front ("Data Center", "Operating")
    return start if start < capitals else None


_TAB = re.compile(r"\t+")


def _tabbed_rows(lines: list[str]) -> dict[int, list[str]]:
    """The rows of a table copied from a browser, which writes each row on a line and its cells
    between tabs ("Ana Ruiz<TAB>Green<TAB>48,210<TAB>52.4%"): two lines in a row or more with
    two cells or more. Read as rows written with pipes are, not as headlines."""
    cells = [
        [c.strip() for c in _TAB.split(line) if c.strip()] if "\t" in line else [] for line in lines
    ]
    return {
        at: row
        for at, row in enumerate(cells)
        if len(row) >= 2
        and (
            (at > 0 and len(cells[at - 1]) >= 2)
            or (at + 1 < len(cells) and len(cells[at + 1]) >= 2)
        )
    }


def _titles_row(tabbed: dict[int, list[str]], at: int) -> bool:
    """The first row of a tabbed table holds its column titles when it has a cell fewer than the
    row under it (the empty corner above the row labels), or gives no figure and that row does."""
    if at not in tabbed or at - 1 in tabbed or at + 1 not in tabbed:
        return False
    titles, first = tabbed[at], tabbed[at + 1]
    return len(titles) < len(first) or (
        not any(map(_has_digit, titles)) and any(map(_has_digit, first))
    )


def _has_digit(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell)


SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
"""A full stop, question or exclamation mark at the end, closing quotes and brackets allowed:
what a sentence has and a headline, a label or a list of column titles has not."""


def _table_sentences(
    header: str, rows: list[str], kind: BlockKind, line: int
) -> list[SplitSentence]:
    """A flattened table's pieces, each judged as a line of its own, as Markdown's are: the
    header's last words (the column titles) a heading, each row an item. Sentences in front of
    the header stay sentences of the block."""
    pieces = list(_line_pieces(header)) if header else []
    titles = pieces.pop() if pieces and not SENTENCE_END.search(pieces[-1]) else None
    found = [SplitSentence(p, kind, False, line) for p in pieces]
    line += bool(pieces)
    if titles is not None:
        found.append(SplitSentence(titles, "heading", True, line))
        line += 1
    for n, row in enumerate(rows):
        found.extend(_row_sentences(row, "list_item", line + n))
    return found


def _row_sentences(row: str, kind: BlockKind, line: int) -> list[SplitSentence]:
    """A table row judged as a line of its own; a runaway row is cut as a runaway sentence is."""
    pieces = _cut_long(row)
    return [SplitSentence(piece, kind, len(pieces) == 1, line) for piece in pieces]


LISTED_NAME_MAX_WORDS = 4
"""A list item this short, unpunctuated, after a sentence ending in a colon, only names one of
the things the sentence lists ("including:" then "Spotify", "OpenAI's ChatGPT")."""


def _join_listed_names(sentences: list[SplitSentence]) -> list[SplitSentence]:
    """Join a run of short list items to the sentence that introduces them with a colon.

    Pages list what a sentence names as bullets ("The affected platforms included:" then one
    platform a line). Each item alone is no claim, and counted as one it would make the article
    look more original by as many "unique claims" as it lists; joined, the sentence says what
    other outlets say in a line ("platforms including X, Spotify and Discord").
    """
    joined: list[SplitSentence] = []
    k = 0
    while k < len(sentences):
        lead = sentences[k]
        end = k + 1
        if lead.text.rstrip().endswith(":") and len(lead.text.split()) >= 4:
            while end < len(sentences) and _listed_name(sentences[end]):
                end += 1
        if end - k >= 3:  # two items or more
            names = ", ".join(x.text.strip() for x in sentences[k + 1 : end])
            joined.append(
                SplitSentence(f"{lead.text.rstrip()} {names}", lead.block, lead.alone, lead.line)
            )
        else:
            joined.extend(sentences[k:end])
        k = end
    return joined


def _listed_name(sentence: SplitSentence) -> bool:
    text = sentence.text.strip()
    return (
        sentence.block == "list_item"
        and sentence.alone
        and len(text.split()) <= LISTED_NAME_MAX_WORDS
        and not text.endswith((".", "!", "?", ":", ";"))
    )


def split_line(line: str) -> list[str]:
    """Split one line into sentences, a quotation of several sentences too.

    Outlets quote a statement in different pieces, so each of its sentences is a claim of its
    own; the sentences of a statement two articles quote are linked in order afterwards
    (``scoring.statements``). Page furniture in front of the first sentence (a date stamp, a
    dateline such as "PARIS (Reuters) —") becomes a piece of its own, so it is never part of a
    claim.
    """
    return list(_line_pieces(line))


@lru_cache(maxsize=1 << 14)
def _line_pieces(line: str) -> tuple[str, ...]:
    """:func:`split_line`, kept for lines seen again: coverage of one story repeats whole
    paragraphs (wire copy), and Punkt is the slow part of splitting."""
    return tuple(_split_line(line))


def _split_line(line: str) -> list[str]:
    line = _SPACES.sub(" ", line).strip()
    if not line:
        return []
    lead = leading_furniture(line)
    if lead:
        rest = line[len(lead) :].lstrip()
        return [lead.strip(), *_split_line(rest)] if rest else [lead.strip()]
    if not _BREAK_CANDIDATE.search(line):
        return _cut_long(line)  # Punkt only breaks after . ? ! and a space: nothing to decide
    pieces = _join_continuations(_merge_quoted_fragments(punkt().tokenize(line)))
    return [chunk for piece in pieces for chunk in _cut_long(piece)]


WRAP_WIDTHS = (40, 100)
"""Widths text is wrapped at: mail and terminals 72-80, notes and dumps 60-100."""
WRAP_MIN_FULL_LINES = 8
"""A text is wrapped at its longest line's width when this many lines or more..."""
WRAP_FULL_SHARE = 0.5
"""...and this share of the lines that a line of the same paragraph follows come within
:data:`WRAP_SLACK` characters of that width: what a wrapping tool leaves, and one paragraph a
line never does (its lines run to hundreds of characters, or stop wherever a paragraph ends)."""
WRAP_SLACK = 12


def wrap_width(paragraphs: Iterable[Sequence[str]]) -> int | None:
    """The width a text was hard-wrapped at (a text-mode browser's dump, mail, an editor's
    notes), or None for text with a paragraph per line. ``paragraphs``: each one's lines."""
    width = 0
    followed: list[int] = []  # the length of each line that a line of its paragraph follows
    for lines in paragraphs:
        width = max(width, *(len(line.rstrip()) for line in lines), 0)
        followed.extend(
            len(line.rstrip()) for line, after in pairwise(lines) if line.strip() and after.strip()
        )
    if not WRAP_WIDTHS[0] <= width <= WRAP_WIDTHS[1]:
        return None
    full = sum(length >= width - WRAP_SLACK for length in followed)
    if full < WRAP_MIN_FULL_LINES or full < WRAP_FULL_SHARE * len(followed):
        return None
    return width


def broken_by_width(line: str, after: str, width: int) -> bool:
    """Whether a wrapped text broke ``line`` because the first word of ``after`` did not fit."""
    words = after.split(maxsplit=1)
    return bool(words) and len(line.rstrip()) + 1 + len(words[0]) > width


def join_wrapped(before: str, after: str) -> str:
    """Two lines of one wrapped paragraph as one: a compound word the wrapping broke after
    its hyphen ("life-" then "threatening") is one word again."""
    before = before.rstrip()
    if before[-2:-1].isalpha() and before.endswith("-") and after[:1].isalpha():
        return before + after
    return f"{before} {after}"


LIST_ITEM = re.compile(r"^\s*(?:[-*+•●▪‣◦]|\d{1,3}[.)])\s+(.*)$")
"""A line that opens a list item, its text after the bullet or number: the plain-text reader's
list items (``load.parse_plain``), and a line the width did not break off."""


def _unwrapped(lines: list[str], width: int | None = None) -> list[str]:
    """The lines with every hard-wrapped sentence on one line again.

    Text wrapped at a width (Markdown and notes written in an editor, mail, a terminal's copy)
    breaks sentences mid-way, and the line after such a break goes on in lower case ("... the
    port said the repairs", then "would take three weeks."). A line that ends without a
    sentence's punctuation and is followed by one opening with a word in lower case is joined to
    it. A headline over a paragraph is not: the paragraph opens with a capital ("Overview of
    Harbor Ferry Repairs" then "Harbor ferry repairs will take ...").

    When the whole text is wrapped at a known ``width`` (:func:`wrap_width`), a line is also
    joined to the one before when that line was broken by the width: the next line's first
    word would not have fitted on it ("... on" then "Jamaica’s south coast ..."). A break where
    the word would have fitted was the writer's: a headline, the end of a paragraph, a list.
    """
    if len(lines) < 2:
        return lines
    joined: list[list[str]] = []  # each line's parts, joined once at the end: no quadratic copy
    before = ""  # the line above, as written
    for line in lines:
        stripped = line.strip()
        if before.strip() and (
            (_GOES_ON.match(stripped) and not _LINE_STOPPED.search(before))
            or (
                width is not None
                and broken_by_width(before, stripped, width)
                and not LIST_ITEM.match(stripped)
            )
        ):
            last = joined[-1][-1] = joined[-1][-1].rstrip()
            joined[-1].append(join_wrapped(last, stripped)[len(last) :])
        else:
            joined.append([line])
        before = line
    return ["".join(parts) for parts in joined]


_GOES_ON = re.compile(r"[a-z][a-z'’-]*([\s,;]|[.!?…][\"'”’)\]]*(\s|$))")
"""A line that goes on a sentence: a word in lower case, then a space or a comma (not a link,
"https://…", nor "e.g.")."""
_LINE_STOPPED = re.compile(r"[.!?…:;|][\"'”’)\]]*$")
"""A line that ends as a sentence, a lead-in or a table row does: the next line starts afresh."""
_EXCLAIMED = re.compile(r"[!?][\"”’']?$")
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*\b(?![.]\w)")
"""A word in lower case only: a sentence does not open with one ("iPhone", "eBay" do, and
"e.g." is no word of its own)."""
LABEL_ABBREVIATIONS = frozenset(
    {"no", "nos", "cat", "art", "fig", "figs", "sec", "ch", "pt"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
"""Abbreviations a number follows ("the No. 1 seed", "a Cat. 5 storm", "since Sept. 11"): a
sentence does not open with a figure. "No." stays out of Punkt's list, since it ends a sentence
("The answer was no.") before a word."""
_LABEL_BEFORE = re.compile(r"\b([A-Za-z]{1,4})\.$")
_STOPPED = re.compile(r"\.[\"'”’)\]]*$")


def _join_continuations(pieces: list[str]) -> list[str]:
    """Join a piece that cannot open a sentence to the one before.

    After an exclamation or a question, a piece that goes on in lower case: the crowd chanted
    “Fly! Eagles! Fly!” after each score; “Stop!” shouted the guard. After a full stop, a piece
    that opens with a word in lower case: Punkt ends a sentence at every full stop after a word
    it does not know as an abbreviation ("Sen. Jane Doe (D-Mass.) said …", "up to 10 yrs. in
    prison", "$57.0 bn. vs. $54.9 bn. expected"), unless the text is written in lower case
    throughout (a post: "ferries are back. first boat just left."). And a number after a label
    abbreviation ("the No. 1 seed"), and a possessive after initials ("the S.E.C.'s").
    """
    joined: list[list[str]] = []  # each sentence's pieces, joined once: no quadratic copy
    for piece in pieces:
        if joined and _continues(joined[-1][0], joined[-1][-1], piece):
            joined[-1].append(piece)
        else:
            joined.append([piece])
    return [" ".join(parts) for parts in joined]


def _continues(opening: str, before: str, piece: str) -> bool:
    """Whether ``piece`` goes on the sentence that opens with ``opening`` and so far ends with
    ``before``."""
    if piece[:1].islower() and _EXCLAIMED.search(before):
        return True
    if piece.startswith(("'s ", "’s ")) and before.endswith("."):
        return True  # "the S.E.C. 's allegations": a possessive never opens a sentence
    if _LOWER_WORD.match(piece) and _STOPPED.search(before):
        return not opening[:1].islower()
    label = _LABEL_BEFORE.search(before)
    return (
        piece[:1].isdigit() and label is not None and label.group(1).lower() in LABEL_ABBREVIATIONS
    )


DATE_STAMP = re.compile(
    r"^(?:date\s*:?\s*)?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?(?=\s|$)", re.IGNORECASE
)
"""A machine date in front of the text ("date 2025-11-20 ...", "2025-11-20 ..."): what web
archives and read-later tools put before the page's own first line."""

DATELINE = re.compile(
    r"^(?=[^—–-]*[A-Z]{3})"  # a run of capitals, so "U.S. — " is no place
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals: NEW ORLEANS
    # a state or country: ", Calif.", ", South Africa", ", D.C."
    r"(?:,\s*(?:[A-Z][a-z]+\.?|[A-Z]\.[A-Z]\.)(?:\s+[A-Z][a-z]+){0,2})?"
    # a date: ", Nov. 19, 2025", ", 19 November 2025"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?"
    # the agency: "(Reuters)", "(GLOBE NEWSWIRE)", "/PRNewswire/", "--(BUSINESS WIRE)"
    r"\s*(?:--)?(?:\([^()]{1,40}\)|/[A-Za-z][\w -]{1,30}/)?"
    r"\s*(?:—|–|--|-)(?:\s+|$|(?<=\)--)(?=[A-Z]))"  # then the dash
)
"""A wire dateline in front of the first sentence: "KINGSTON —", "PARIS (Reuters) -",
"SANTA CLARA, Calif., Nov. 19, 2025 (GLOBE NEWSWIRE) --", and the press-release wires'
"NEW YORK, Nov. 19, 2025 /PRNewswire/ --" and "SAN FRANCISCO--(BUSINESS WIRE)--"."""

AGENCY_DATELINE = re.compile(
    r"^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{1,2}"
    r"(?:,\s*\d{4})?\s*)?"  # a date without a place: "Nov 18 (Reuters) -"
    r"\([A-Z][\w.&'’ -]{0,30}\)"  # the agency or broadcaster: "(CNN)", "(AP)"
    r"\s*(?:—|–|--|-)(?:\s+|$)"
    # Or a place in ordinary case before an agency's own name: "Kingston, Jamaica (CNN) —".
    r"|^[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # a date: "Kingston, Oct 28 (AFP) -"
    r"\s+\((?:[A-Z][A-Z&]{1,9}|Reuters|Bloomberg|Xinhua)\)\s*(?:—|–|--|-)(?:\s+|$)"
)
"""A dateline with no place: "(CNN) —", "(AP) —", "Nov 18 (Reuters) -": broadcasters and wires
that file from their own desk start a story this way; and one whose place is in ordinary case
("New York (AP) —", "Kingston, Jamaica (CNN) —"), as broadcasters write it. Without the agency's
name a place in ordinary case is not told from a sentence's subject, so it needs one."""


NEWS_LABEL = re.compile(
    r"^(?:BREAKING(?: NEWS)?|JUST IN|DEVELOPING|EXCLUSIVE|LIVE|UPDATED?(?: \([^()]{1,30}\))?)"
    r"\s*[:|—–-](?:\s+(?=\S)|\s*$)"
)
"""A label a newsroom puts in front of its first sentence ("BREAKING: ...", "UPDATE (3:45
p.m.): ..."), in capitals: the sentence after it is compared alone."""


def is_furniture(piece: str) -> bool:
    """The piece is a date stamp, a dateline or a newsroom's label and nothing else."""
    if not (piece[-1:] in "—–-:|" or piece[:1].isdigit() or piece[:4].lower() == "date"):
        return False  # what every dateline and label ends with, and how date stamps start
    return leading_furniture(piece).strip() == piece


def leading_furniture(line: str) -> str:
    """The date stamp or dateline a line starts with (with its trailing space), or ""."""
    for pattern in (DATE_STAMP, DATELINE, AGENCY_DATELINE, NEWS_LABEL):
        found = pattern.match(line)
        if found:
            return found.group(0)
    return ""


_SPACES = re.compile(r"\s+")
_BREAK_CANDIDATE = re.compile(r"[.?!…][\"'”’)\]}]*\s+\S")


QUOTED_SENTENCE_WORDS = 3
"""A piece Punkt cut inside a quotation is a sentence of its own from this many words: "Fly!
Eagles! Fly!" is one chant, "We saw a spike. We do not yet know why." two sentences."""


def quotes_open_after(piece: str, straight_open: bool, curly_depth: int) -> tuple[bool, int]:
    """Whether a straight quotation, and how many curly ones, are still open after ``piece``,
    given what was open before it."""
    straight_open ^= piece.count('"') % 2 == 1
    return straight_open, max(0, curly_depth + piece.count("“") - piece.count("”"))


def _merge_quoted_fragments(pieces: list[str]) -> list[str]:
    """Re-join a quotation Punkt cut into fragments ("“Go! Go! Go!” after each goal"); a
    quotation of whole sentences stays cut, one claim a sentence (see :func:`split_line`)."""
    merged: list[str] = []
    pending: list[str] = []
    straight_open = False
    curly_depth = 0
    for piece in pieces:
        pending.append(piece)
        straight_open, curly_depth = quotes_open_after(piece, straight_open, curly_depth)
        if not straight_open and curly_depth == 0:
            fragments = any(len(p.split()) < QUOTED_SENTENCE_WORDS for p in pending[:-1])
            merged.extend([" ".join(pending)] if fragments else pending)
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
