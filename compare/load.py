"""Step 1, load: turn each source the user names (file, folder, ``-``, URL) into a Document."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from .errors import SourceError, SynopsisError
from .results import Block, BlockKind, Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

MAX_SOURCE_BYTES = 50_000_000
"""Larger files are refused: no article is that long, and reading one would stall everything."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a Word/OpenDocument file)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The documents that loaded, and one problem per source that did not."""

    documents: tuple[Document, ...]
    problems: tuple[SourceError, ...]


def load_sources(
    sources: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    refresh: bool = False,
) -> LoadResult:
    """Load every source, expanding folders, and collect the problems instead of stopping.

    A folder contributes each article file inside it, sorted by name. A source that cannot be
    read is reported in ``problems`` so the rest can still be compared.

    Args:
        sources: Paths, folders, URLs or ``-`` for standard input, in the order to compare.
        stdin: Where ``-`` reads from (standard input's bytes by default).
        on_progress: Called with (done, total) after each source, for progress display.
        refresh: Fetch URLs again even when a cached copy exists.

    Raises:
        SynopsisError: when ``-`` is given more than once.
    """
    if sum(1 for s in sources if s == "-") > 1:
        raise SynopsisError("standard input (-) can be given only once")
    expanded, problems = expand_sources(sources)
    documents: list[Document] = []
    for done, source in enumerate(expanded, start=1):
        try:
            documents.append(load_document(source, stdin=stdin, refresh=refresh))
        except SourceError as problem:
            problems.append(problem)
        if on_progress is not None:
            on_progress(done, len(expanded))
    return LoadResult(tuple(documents), tuple(problems))


def expand_sources(sources: Sequence[str]) -> tuple[list[str], list[SourceError]]:
    """Name what there is to read, without reading it: folders expanded, the rest checked.

    Cheap enough to run before the app opens: a missing path, a broken link or a folder with
    no article file is reported; URLs and ``-`` are taken as they are (only reading tells).

    Returns:
        The sources to read, and one problem per source that names nothing to read.
    """
    expanded: list[str] = []
    problems: list[SourceError] = []
    for source in sources:
        try:
            expanded.extend(_expand(source))
        except SourceError as problem:
            problems.append(problem)
    return expanded, problems


def _expand(source: str) -> list[str]:
    if source == "-" or _is_url(source):
        return [source]
    path = Path(source)
    if path.is_symlink() and not path.exists():
        raise SourceError(source, "broken symbolic link (its target does not exist)")
    if not path.exists():
        raise SourceError(source, "no such file or folder")
    if path.is_dir():
        try:
            found = sorted(
                p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
            )
        except PermissionError:
            raise SourceError(source, "permission denied (cannot list the folder)") from None
        if not found:
            kinds = ", ".join(ARTICLE_SUFFIXES)
            raise SourceError(source, f"folder holds no article files ({kinds})")
        return [str(p) for p in found]
    return [source]


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def load_document(source: str, *, stdin: BinaryIO | None = None, refresh: bool = False) -> Document:
    """Load one file, URL or ``-`` into a Document.

    Raises:
        SourceError: the source cannot be read, is not text, or holds no article text.
    """
    if _is_url(source):
        from .web import load_url  # the HTTP client and HTML extraction load only when needed

        return load_url(source, refresh=refresh)
    if source == "-":
        data = (stdin or sys.stdin.buffer).read()
        suffix = ".md"
    else:
        path = Path(source)
        suffix = path.suffix.lower()
        data = _read_bytes(path, source)
    if suffix in HTML_SUFFIXES:
        from .web import decode_html, document_from_html

        _refuse_binary(data, source)
        html, notes = decode_html(data)  # honours the page's own <meta charset>
        return document_from_html(html, source=source, notes=notes)
    text, notes = decode_text(data, source)
    blocks = parse_markdown(text) if suffix != ".txt" else parse_plain(text)
    return document_from_blocks(blocks, source=source, notes=notes)


def document_from_blocks(
    blocks: Iterable[Block], *, source: str, notes: tuple[str, ...] = (), **metadata: str | None
) -> Document:
    """Build a Document, taking the title from the first heading or else the first line."""
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


def _title_of(blocks: tuple[Block, ...]) -> str:
    heading = next((b for b in blocks if b.kind == "heading"), None)
    first_line = (heading or blocks[0]).text.strip().split("\n", 1)[0]
    return first_line if len(first_line) <= 120 else first_line[:119].rstrip() + "…"


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceError(source, f"file is larger than {MAX_SOURCE_BYTES // 1_000_000} MB")
        return path.read_bytes()
    except PermissionError:
        raise SourceError(source, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(source, "is a folder inside a folder (not searched)") from None
    except OSError as error:
        raise SourceError(source, f"cannot be read ({error.strerror or error})") from None


def decode_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Decode bytes to text, recognising BOMs and legacy encodings, refusing binary data.

    Returns:
        The text with line endings normalised to ``\\n`` and control characters removed, and
        notes worth telling the user (for instance that a legacy encoding was assumed).
    """
    notes: tuple[str, ...] = ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        _refuse_binary(data, source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                notes = ("not UTF-8; decoded as Windows-1252",)
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                notes = ("not UTF-8; decoded as Latin-1",)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text, notes


def _refuse_binary(data: bytes, source: str) -> None:
    """Raise for images, archives and other binary files given where an article was expected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text is full of NUL bytes
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SourceError(source, f"is {what}, not text")
    if b"\x00" in data[:65536]:
        raise SourceError(source, "is binary (holds NUL bytes), not text")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•●▪‣◦]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def strip_inline_markdown(line: str) -> str:
    """Remove inline Markdown (links, emphasis, code, tags) and keep the words a reader sees."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis such as ***bold italic***
        line = _EMPHASIS.sub(r"\2", line)
    line = _ESCAPE.sub(r"\1", line)
    return line.strip()


def parse_markdown(text: str) -> list[Block]:
    """Split Markdown into headings, paragraphs, list items and quotes, markup stripped.

    A paragraph keeps its line breaks, since a line break always ends a sentence.
    """
    blocks: list[Block] = []
    paragraph: list[str] = []
    paragraph_kind: BlockKind = "paragraph"
    in_fence = False

    def flush() -> None:
        nonlocal paragraph_kind
        if paragraph:
            blocks.append(Block(paragraph_kind, "\n".join(paragraph)))
            paragraph.clear()
        paragraph_kind = "paragraph"

    for raw in text.split("\n"):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if raw.strip():
                paragraph.append(raw.strip())
            continue
        if not raw.strip():
            flush()
            continue
        if _SETEXT.match(raw) and len(paragraph) == 1 and paragraph_kind == "paragraph":
            title = paragraph.pop()
            blocks.append(Block("heading", title))
            continue
        if _RULE.match(raw) or _LINK_DEFINITION.match(raw):
            flush()
            continue
        if heading := _HEADING.match(raw):
            flush()
            if content := strip_inline_markdown(heading.group(2)):
                blocks.append(Block("heading", content))
            continue
        if item := _LIST_ITEM.match(raw):
            flush()
            if content := strip_inline_markdown(item.group(1)):
                blocks.append(Block("list_item", content))
            continue
        if quote := _QUOTE.match(raw):
            if paragraph_kind != "quote":
                flush()
                paragraph_kind = "quote"
            if content := strip_inline_markdown(quote.group(1)):
                paragraph.append(content)
            continue
        if paragraph_kind == "quote":
            flush()
        if content := strip_inline_markdown(raw):
            paragraph.append(content)
    flush()
    return blocks


def parse_plain(text: str) -> list[Block]:
    """Split plain text into paragraphs at blank lines; bullet lines become list items."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    for raw in [*text.split("\n"), ""]:
        line = raw.strip()
        item = _LIST_ITEM.match(raw)
        if not line or item:
            if paragraph:
                blocks.append(Block("paragraph", "\n".join(paragraph)))
                paragraph = []
            if item and item.group(1).strip():
                blocks.append(Block("list_item", item.group(1).strip()))
            continue
        paragraph.append(line)
    return blocks
