"""Step 1, load: turn each source the user names (file, folder, ``-``, URL) into a Document."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from .documents import document_from_blocks
from .errors import SourceError, SynopsisError
from .results import Block, BlockKind, Document
from .split import LIST_ITEM, broken_by_width, join_wrapped, wrap_width

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

MAX_SOURCE_BYTES = 50_000_000
"""Larger sources are refused: no article is that long, and reading one would stall everything.
Counted while reading, so it holds for devices, FIFOs, pipes and standard input too."""

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
            found, notes = _expand(source)
        except SourceError as problem:
            problems.append(problem)
            continue
        expanded.extend(found)
        problems.extend(SourceError(str(p), FOLDER_NOTES_REASON) for p in notes)
    return expanded, problems


FOLDER_NOTES = frozenset(
    {"readme", "license", "licence", "copying", "changelog", "contributing", "authors", "sources"}
)
"""File names (any article suffix) that a folder keeps beside its articles: a folder of saved
coverage often has a README or a list of SOURCES, which compared as a seventh article would
draw links and uniqueness of its own. Named on the command line, such a file is read."""
FOLDER_NOTES_REASON = "a folder's notes, not an article (name the file to compare it)"


def _expand(source: str) -> tuple[list[str], list[Path]]:
    """The articles a source names, and the notes files a folder holds beside them."""
    if source == "-" or _is_url(source):
        return [source], []
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
        articles = [p for p in found if p.stem.lower() not in FOLDER_NOTES]
        if not articles:
            kinds = ", ".join(ARTICLE_SUFFIXES)
            held = f", only notes ({', '.join(p.name for p in found)})" if found else ""
            raise SourceError(source, f"folder holds no article files ({kinds}){held}")
        return [str(p) for p in articles], [p for p in found if p.stem.lower() in FOLDER_NOTES]
    return [source], []


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
        try:
            data = read_limited(stdin or sys.stdin.buffer, "standard input")
        except OSError as error:
            raise SourceError(source, f"cannot be read ({error.strerror or error})") from None
        suffix = ".md"
    else:
        path = Path(source)
        suffix = path.suffix.lower()
        data = _read_bytes(path, source)
    return document_from_bytes(data, source, suffix=suffix)


def document_from_bytes(data: bytes, source: str, *, suffix: str) -> Document:
    """A file's bytes read as its suffix says: HTML, plain text (``.txt``) or Markdown.

    Raises:
        SourceError: the bytes are not text, hold no article text, or are a synopsis export.
    """
    if is_synopsis_export(data):
        raise SourceError(source, "is an export written by synopsis, not an article")
    if suffix in HTML_SUFFIXES:
        from .web import decode_html, document_from_html

        _refuse_binary(data, source)
        html, notes = decode_html(data)  # honours the page's own <meta charset>
        return document_from_html(html, source=source, notes=notes)
    text, notes = decode_text(data, source)
    blocks = parse_markdown(text) if suffix != ".txt" else parse_plain(text)
    return document_from_blocks(blocks, source=source, notes=notes)


_EXPORT_HEADS: tuple[bytes, ...] = (
    b'{\n  "synopsis": "',  # JSON, indented
    b'{"synopsis":"',  # JSON, compact
    b"article,title,source,outlet,date,claims,shared,paraphrased,unique,non_claims,",  # CSV
    b"article,index,kind,label,group,best_match,score,conflict,text\n",
    b"group,label,claim,",
    b"article,story,title,source,outlet,date,claims,shared,paraphrased,unique,non_claims,",
    b"article,story,index,kind,label,group,best_match,score,conflict,text\n",
    b"# summary\narticle,",
    b"# claims\narticle,",
    b"# matrix\ngroup,",
)
_MARKDOWN_EXPORT = (b"# synopsis comparison\n", b"\nLabels: = shared (copied wording)")
_HTML_EXPORT = (b"<title>synopsis comparison</title>", b"<h1>synopsis comparison</h1>")


def is_synopsis_export(data: bytes) -> bool:
    """Whether bytes are one of our own exports (by each format's fixed opening and closing).

    An export written into the folder being compared would otherwise be read back as one more
    article on the next run, sharing every claim with the others.
    """
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.startswith(_EXPORT_HEADS):
        return True
    if head.startswith(_MARKDOWN_EXPORT[0]):
        return _MARKDOWN_EXPORT[1] in data[-4096:]
    return head.startswith(b"<!DOCTYPE html>") and all(sign in head for sign in _HTML_EXPORT)


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_SOURCE_BYTES:  # a big file: say it at once
                raise SourceError(source, _too_large(MAX_SOURCE_BYTES))
            return read_limited(stream, source)
    except PermissionError:
        raise SourceError(source, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(source, "is a folder inside a folder (not searched)") from None
    except OSError as error:
        raise SourceError(source, f"cannot be read ({error.strerror or error})") from None


READ_CHUNK_BYTES = 1 << 20
"""Sources are read a mebibyte at a time, so that Ctrl-C is felt between chunks."""


def read_limited(stream: BinaryIO, source: str, limit: int | None = None) -> bytes:
    """Read a whole stream, refusing it as soon as it passes ``limit`` bytes.

    The size is counted as the bytes arrive, never taken from the file system: a device
    (``/dev/zero``), a FIFO, a pipe or standard input report no size, or a wrong one. Reading
    goes a chunk at a time, so Ctrl-C stops it at once.

    Args:
        stream: What to read (a file opened in binary mode, standard input's buffer).
        source: The name errors carry.
        limit: The most bytes accepted; ``MAX_SOURCE_BYTES`` by default.

    Raises:
        SourceError: the stream holds more than ``limit`` bytes.
        OSError: the stream cannot be read.
    """
    limit = MAX_SOURCE_BYTES if limit is None else limit
    chunks: list[bytes] = []
    received = 0
    while True:
        chunk = stream.read(min(READ_CHUNK_BYTES, limit + 1 - received))
        if not chunk:
            return b"".join(chunks)
        received += len(chunk)
        if received > limit:
            raise SourceError(source, _too_large(limit))
        chunks.append(chunk)


def _too_large(limit: int) -> str:
    return f"is larger than {limit / 1_000_000:g} MB, the limit for one article"


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
"""C0 and C1 controls (U+009B is a one-character escape sequence), zero-width space, BOM."""

_BULLET = re.compile(r"^(\s*)[•●▪‣◦](?=\s)", re.MULTILINE)
"""Bullets pasted from word processors and web pages, which Markdown does not know."""
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@cache
def _markdown() -> Any:
    """A CommonMark parser with tables and YAML/TOML front matter (markdown-it-py)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin).enable("table")


def parse_markdown(text: str) -> list[Block]:
    """Split Markdown into headings, paragraphs, list items and quotes, markup stripped.

    The text is read by markdown-it-py as CommonMark, with tables and front matter: front
    matter, HTML comments, images, rules and link definitions are left out; a table gives a
    heading for its header row and an item per row; everything inside a block quote is quoted.
    A paragraph keeps its line breaks, since a line break always ends a sentence; the lines of a
    list item are joined, since a list item's continuation line carries on its sentence.
    """
    text = _BULLET.sub(r"\1-", text)
    plain = _plain_markdown(text)
    return plain if plain is not None else _markdown_blocks(text)


def _markdown_blocks(text: str) -> list[Block]:
    """:func:`parse_markdown`'s blocks as markdown-it-py reads them (bullets already dashes)."""
    tokens = _markdown().parse(text)
    blocks: list[Block] = []
    quoted = in_item = 0
    in_head = False
    row: list[str] = []
    opening = ""  # the type of the token before: what an inline token sits in
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if cells := [cell for cell in row if cell]:
                blocks.append(Block("heading" if in_head else "list_item", "; ".join(cells)))
        elif kind == "inline":
            content = _inline_text(token, " " if in_item else "\n").strip()
            if opening in ("th_open", "td_open"):
                row.append(content.replace("\n", " "))
            elif not content:
                pass
            elif opening == "heading_open":
                blocks.append(Block("heading", content.replace("\n", " ")))
            else:
                kind_of: BlockKind = "quote" if quoted else "list_item" if in_item else "paragraph"
                blocks.append(Block(kind_of, content))
        elif kind in ("fence", "code_block", "html_block"):
            content = (
                _html_text(token.content)
                if kind == "html_block"
                else "\n".join(line.strip() for line in token.content.split("\n") if line.strip())
            )
            if content:
                blocks.append(Block("quote" if quoted else "paragraph", content))
        opening = kind
    return blocks


_MARKUP = re.compile(r"[\\`*_\[\]<&\x00]|[^\S \n]")
"""Characters that may be Markdown inline markup (escapes, code, emphasis, links, HTML,
entities), and any white space but the plain space and the line break."""
_BLOCK_MARK = re.compile(
    r"^(?: +[^ \n]|[+=>~:|]|\d+[.)]|#(?!#{0,5}(?: [^#\n]*)?$)"
    r"|-(?! (?![-+=>~:|#]|\d+[.)])[^ \n]))",
    re.MULTILINE,
)
"""A line that may open a block other than a paragraph, a plain ATX heading or a plain dash
item: indented code, other lists, rules, setext underlines, quotes, fences, tables, numbered
items, a ``#`` that does not open a heading, an item whose words open a block themselves."""


def _plain_markdown(text: str) -> list[Block] | None:
    """The blocks of Markdown made only of plain words in headings, paragraphs and dash items,
    exactly as markdown-it reads them; None when the text may hold anything else.

    Most articles are just that, and reading them this way spares loading markdown-it (6 % of
    a five-article comparison's instructions). ``tests/engine/test_load.py`` checks that the
    two readings agree.
    """
    if _MARKUP.search(text) or _BLOCK_MARK.search(text):
        return None
    blocks: list[Block] = []
    kind: BlockKind = "paragraph"
    words: list[str] = []  # the open paragraph's or item's lines, with what joins them
    before = ""  # the line before, as written
    for raw in [*text.split("\n"), ""]:
        line = raw.strip(" ")
        if words and line and not line.startswith(("#", "- ")):
            # A paragraph keeps its line breaks; an item's next line (lazy, unindented)
            # carries on its sentence, unless two spaces end the line before (a hard break).
            hard = kind == "paragraph" or before.endswith("  ")
            words.append(("\n" if hard else " ") + line)
        else:
            if words:  # a blank line, a heading or an item ends what was open
                blocks.append(Block(kind, "".join(words)))
                words = []
            if line.startswith("- "):
                kind, words = "list_item", [line[2:]]
            elif line.startswith("#"):
                if heading := line.lstrip("#").strip(" "):
                    blocks.append(Block("heading", heading))
            elif line:
                kind, words = "paragraph", [line]
        before = raw
    return blocks


def _inline_text(token: Any, line_break: str) -> str:
    """The words a reader sees in an inline token: no links, emphasis, code marks or images."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(line_break)
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline" and not _TAG.fullmatch(child.content.strip()):
            parts.append(_html_text(child.content))
    return "".join(parts)


def _html_text(html: str) -> str:
    """The text of raw HTML in Markdown: comments dropped, tags stripped, entities decoded."""
    import html as html_module

    without_comments = re.sub(r"<!--.*?(?:-->|$)", "", html, flags=re.DOTALL)
    text = html_module.unescape(_TAG.sub("", without_comments))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def parse_plain(text: str) -> list[Block]:
    """Split plain text into paragraphs at blank lines; bullet lines become list items.

    In text wrapped at a width (:func:`split.wrap_width`), an item goes on over the lines under
    it that its wrapping broke off: a line the next line's first word would not fit on."""
    raw_lines = text.split("\n")
    width = wrap_width(_paragraph_lines(raw_lines))
    blocks: list[Block] = []
    paragraph: list[str] = []
    item = ""  # the list item being read, its wrapped lines joined
    above = ""  # the line above, as written (a bullet counts towards the width)
    for raw in [*raw_lines, ""]:
        line = raw.strip()
        bullet = LIST_ITEM.match(raw)
        if item and line and not bullet and width and broken_by_width(above, line, width):
            item, above = join_wrapped(item, line), raw
            continue
        if item:
            blocks.append(Block("list_item", item))
            item = ""
        above = raw
        if not line or bullet:
            if paragraph:
                blocks.append(Block("paragraph", "\n".join(paragraph)))
                paragraph = []
            if bullet:
                item = bullet.group(1).strip()
            continue
        paragraph.append(line)
    return blocks


def _paragraph_lines(lines: list[str]) -> Iterator[list[str]]:
    """The lines of each run of lines between blank lines."""
    run: list[str] = []
    for line in lines:
        if line.strip():
            run.append(line)
        elif run:
            yield run
            run = []
    if run:
        yield run
