"""Blocks to a Document: its title from the first headline, and a note when it is not English.

Shared by the two ways in, files (:mod:`compare.load`) and web pages (:mod:`compare.web`), so
that neither imports the other to build what both return.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .errors import SourceError
from .results import Block, Document


def document_from_blocks(
    blocks: Iterable[Block], *, source: str, notes: tuple[str, ...] = (), **metadata: str | None
) -> Document:
    """Build a Document, taking the title from the first headline (see :func:`_title_of`)."""
    kept = tuple(b for b in blocks if b.text.strip())
    if not kept:
        raise SourceError(source, "holds no text (empty or whitespace only)")
    if not _looks_english(kept):
        notes = (*notes, "does not look like English; compared by wording, names and numbers only")
    title = metadata.pop("title", None) or _title_of(kept)
    return Document(source=source, title=title, blocks=kept, notes=notes, **metadata)


ENGLISH_SHARE = 0.12
"""English prose has 35–50 % of its words among the commonest function words; other languages
using the Latin script have under 10 % (English loan words and names aside)."""


def _looks_english(blocks: tuple[Block, ...]) -> bool:
    words = _LETTER_WORD.findall(" ".join(b.text for b in blocks[:200]).lower())
    if len(words) < 20:  # too short to tell: give it the benefit of the doubt
        return True
    common = _common_english_words()
    return sum(word in common for word in words) / len(words) >= ENGLISH_SHARE


_LETTER_WORD = re.compile(r"[^\W\d_]+")


@cache
def _common_english_words() -> frozenset[str]:
    from .split import word_list

    return word_list("english_common_words.txt")


TITLE_LINES = 8
"""Lines read from the top for the title: a page's headline sits above its first paragraphs."""


MENU_LINE_WORDS = 4
"""A line this short, between two others as short, is an entry of the site's menu above the
headline ("AP Buyline Personal Finance" among "World", "U.S.", "Politics"), not its title; a
headline this short standing among them is passed over for the first claim."""


BYLINE_REACH = 2
"""Lines above a byline where the headline is looked for first: the headline, then perhaps a
standfirst, then "By …"."""


def _title_of(blocks: tuple[Block, ...]) -> str:
    """The headline above the story, else its first claim, else the first line.

    A headline sits before the first claim; a crosshead further down is no title, and nor is a
    plain line that is a section label ("Market News") or a lead-in ending in a colon (a
    Markdown heading is the author's own title, whatever its length), nor an entry of the
    site's menu (:data:`MENU_LINE_WORDS`); with a byline under it, the headline just above the
    byline (:data:`BYLINE_REACH`) wins over a site's tagline further up. Page furniture above
    the headline (a date stamp, "Watch CBS News", "ADVERTISEMENT", a caption) is passed over, as
    the classifier would: the same rules, on the same lines.
    """
    from .classify import boilerplate_reason, classify_all
    from .split import split_blocks

    if blocks[0].kind == "heading":  # the author marked the title (Markdown, HTML): no guessing
        return _short(blocks[0].text.strip().split("\n", 1)[0])
    opening: list[Block] = []
    for block in blocks:
        opening.append(block)
        if sum(b.text.count("\n") + 1 for b in opening) >= TITLE_LINES:
            break
    sentences = split_blocks(opening, whole=blocks)  # a text wrapped at a width is read as such
    kinds = classify_all(sentences)
    first_claim = next((i for i, k in enumerate(kinds) if k == "claim"), len(kinds))

    def short(i: int) -> bool:  # a menu's or a byline box's line
        return 0 <= i < first_claim and len(sentences[i].text.split()) <= MENU_LINE_WORDS

    headlines = [
        i
        for i, (s, k) in enumerate(zip(sentences[:first_claim], kinds, strict=False))
        if k == "heading"
        and (s.block == "heading" or (not s.text.endswith(":") and len(s.text.split()) >= 3))
        and (
            s.block == "heading"
            or len(s.text.split()) > MENU_LINE_WORDS
            or not (short(i - 1) and short(i + 1))
        )
    ]
    # A byline sits under the headline (a standfirst may come between): a headline just above
    # it wins over a site's tagline or a section's name further up.
    byline = next(
        (
            i
            for i in range(first_claim)
            if kinds[i] == "boilerplate" and boilerplate_reason(sentences[i].text) == "byline"
        ),
        None,
    )
    above = [i for i in headlines if byline is not None and byline - BYLINE_REACH <= i < byline]
    picked = above or headlines
    chosen = sentences[picked[0]].text if picked else None
    if chosen is None and first_claim < len(sentences):
        chosen = sentences[first_claim].text
    return _short(chosen or blocks[0].text.strip().split("\n", 1)[0])


def _short(title: str) -> str:
    return title if len(title) <= 120 else title[:119].rstrip() + "…"
