"""Articles from the web: fetch a page (cached on disk) or read a saved one, keep only the article.

Two entry points, both called by :mod:`compare.load`:

* :func:`load_url` fetches an ``http(s)://`` address with a real HTTP client (timeout, redirects,
  a size limit, a clear user agent), keeps a copy in the user's cache directory so reopening a
  comparison needs no network, and extracts the article.
* :func:`document_from_html` extracts the article from a page already in hand (a saved
  ``.html`` file, or a fetched page).

Extraction uses trafilatura, which drops menus, adverts, cookie banners, "related articles" and
comment sections, and reads the title, site name, author and publication date from the page's
metadata. Every failure is a :class:`~compare.errors.SourceError` naming the source and the
reason in plain words.

This module imports httpx and trafilatura at its top; :mod:`compare.load` imports it only when a
URL or an HTML file is given, so ``import compare`` stays light.
"""

from __future__ import annotations

import contextlib
import hashlib
import html as html_entities
import json
import os
import re
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import trafilatura
from lxml import etree

from .documents import document_from_blocks
from .errors import SourceError
from .files import replace_atomically
from .results import Block, BlockKind, Document
from .version import PROJECT_URL, __version__

DEFAULT_TIMEOUT = 10.0
"""Seconds allowed to connect, and to wait for each piece of the page once connected."""

TOTAL_TIME_FACTOR = 3
"""A request is abandoned after this many times the timeout in all: connecting, redirects, the
headers and the body together, however slowly the server drips them."""

MAX_PAGE_BYTES = 5_000_000
"""Larger pages are refused (no article page is that big); checked while the body streams in."""

MAX_REDIRECTS = 10
"""Redirects followed before giving up."""

CACHE_ENV = "SYNOPSIS_CACHE_DIR"
"""Environment variable that overrides the cache location (the platform's user cache dir)."""

MIN_ARTICLE_CHARS = 200
MIN_ARTICLE_SENTENCES = 2
"""Below either, the page holds no article worth comparing (a teaser, a login form, a video)."""


USER_AGENT = f"synopsis/{__version__} (+{PROJECT_URL})"
"""Sent with every request, so site owners can tell what is reading their pages."""

_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFFED_TYPES = frozenset({"", "text/plain", "application/octet-stream"})
"""Content types some servers send for HTML by mistake: accepted if the body looks like HTML."""


@dataclass(frozen=True, slots=True)
class Page:
    """A downloaded page: the bytes exactly as the server sent them, and where they came from."""

    url: str
    """The address asked for (without any ``#fragment``)."""
    final_url: str
    """The address after redirects."""
    content_type: str
    body: bytes
    fetched_at: str
    """When it was downloaded, ISO 8601 in UTC."""


# --------------------------------------------------------------------------------------------
# Loading a URL


def load_url(
    url: str,
    *,
    refresh: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_PAGE_BYTES,
) -> Document:
    """Fetch a web page (or reuse the cached copy) and extract its article.

    Args:
        url: An ``http://`` or ``https://`` address, exactly as the user gave it; it becomes the
            Document's ``source``. The Document's ``url`` is the address after redirects.
        refresh: Download again even when a cached copy exists. Should the download fail, the
            cached copy is used and a note says so.
        timeout: Seconds allowed to connect and for each wait for data (see ``DEFAULT_TIMEOUT``).
        max_bytes: Pages larger than this are refused.

    Raises:
        SourceError: the address is invalid, the site cannot be reached, answers with an error,
            sends something that is not a web page or one that is too large, or the page holds
            no article.
    """
    address = _without_fragment(url)
    page = None if refresh else read_cached_page(address)
    notes: list[str] = []
    if page is None:
        try:
            page = fetch_page(address, timeout=timeout, max_bytes=max_bytes, source=url)
        except SourceError as problem:
            stale = read_cached_page(address) if refresh else None
            if stale is None:
                raise
            page = stale
            saved = f" saved {stale.fetched_at[:10]}" if stale.fetched_at else ""
            notes.append(f"could not refresh ({problem.problem}); using the copy{saved}")
        else:
            try:
                write_cached_page(page)
            except OSError as error:
                notes.append(f"could not save the page in the cache ({error.strerror or error})")
    return document_from_page(page, source=url, notes=tuple(notes))


def document_from_page(page: Page, *, source: str, notes: Sequence[str] = ()) -> Document:
    """Decode a downloaded page and extract its article; the URL is the one after redirects."""
    text, decode_notes = decode_html(page.body, page.content_type)
    return document_from_html(
        text, source=source, url=page.final_url, notes=(*notes, *decode_notes)
    )


def fetch_page(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_PAGE_BYTES,
    source: str | None = None,
) -> Page:
    """Download one HTML page, following redirects, within the time and size limits.

    Args:
        url: The address to fetch.
        timeout: Seconds allowed to connect and for each wait for data.
        max_bytes: Largest body accepted.
        source: The name errors carry (the address as the user typed it); ``url`` by default.

    Raises:
        SourceError: anything that keeps a usable HTML page from arriving.
    """
    source = source or url
    _check_address(url, source)
    total = timeout * TOTAL_TIME_FACTOR
    late = SourceError(source, f"timed out after {_seconds(total)} (the page kept loading)")
    deadline = _Deadline(total)
    try:
        with (
            deadline,
            httpx.Client(
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            ) as client,
            client.stream("GET", url, extensions={"trace": deadline.trace}) as response,
        ):
            _check_status(response, source)
            content_type = response.headers.get("content-type", "")
            mime = _mime(content_type)
            if mime not in _HTML_TYPES and mime not in _SNIFFED_TYPES:
                raise SourceError(source, _not_a_page(mime))
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(source, f"page is larger than {_size(max_bytes)}")
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise SourceError(source, f"page is larger than {_size(max_bytes)}")
                chunks.append(chunk)
                if deadline.expired:
                    raise late
            if deadline.expired:  # the connection was cut: what arrived may be cut short
                raise late
            final_url = str(response.url)
    except SourceError:
        raise
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError, ValueError) as error:
        if deadline.expired:
            raise late from None
        raise _download_error(error, source, timeout) from None
    body = b"".join(chunks)
    if mime not in _HTML_TYPES and not _looks_like_html(body):
        raise SourceError(source, _not_a_page(mime))
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    return Page(url, final_url, content_type, body, fetched_at)


def _download_error(error: Exception, source: str, timeout: float) -> SourceError:
    """What went wrong with a download, in plain words."""
    if isinstance(error, httpx.TimeoutException):
        return SourceError(source, f"timed out after {_seconds(timeout)}")
    if isinstance(error, httpx.TooManyRedirects):
        return SourceError(source, f"too many redirects (more than {MAX_REDIRECTS})")
    if isinstance(error, httpx.ConnectError):
        return SourceError(source, f"cannot connect ({_connect_reason(error)})")
    if isinstance(error, httpx.UnsupportedProtocol):
        return SourceError(source, "redirected to an address that is not a web page")
    if isinstance(error, httpx.DecodingError):
        return SourceError(source, "the server sent a garbled (badly compressed) page")
    return SourceError(source, f"download failed ({_plain(error)})")


class _Deadline:
    """A limit on a whole request, however slowly the server drips its headers or its body.

    httpx's timeouts limit each wait for data, so a server sending one byte every few seconds
    could hold a request for ever. This timer shuts the request's sockets down when the time is
    up, which wakes a read blocked in another thread; :func:`fetch_page` then reports the time
    limit. The sockets are learnt from httpx's ``trace`` request extension, redirects included.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, object]) -> None:
        """httpx's trace hook: keep each new connection's socket."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = getattr(stream, "get_extra_info", lambda name: None)("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _check_address(url: str, source: str) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise SourceError(source, "not a valid web address") from None
    if parsed.scheme not in ("http", "https"):
        raise SourceError(source, "not a web address (only http:// and https:// are fetched)")
    if not parsed.host:
        raise SourceError(source, "not a valid web address (no host name)")
    if not _HOST.fullmatch(parsed.host) or _WHITESPACE.search(url):
        raise SourceError(source, "not a valid web address")


_HOST = re.compile(r"[\w.-]+|[0-9A-Fa-f:.]+")
"""A host name (letters of any script, digits, dots, hyphens) or an IP address."""
_WHITESPACE = re.compile(r"\s")


def _check_status(response: httpx.Response, source: str) -> None:
    code = response.status_code
    if 200 <= code < 300:
        return
    try:
        phrase = response.reason_phrase or HTTPStatus(code).phrase
    except ValueError:
        phrase = ""
    message = f"HTTP {code} {phrase}".rstrip()
    if code in (401, 403):
        message += " (the site refuses access: it may need a login or block automated readers)"
    elif code in (404, 410):
        message += " (no such page: check the address)"
    elif code == 429:
        message += " (too many requests: try again later)"
    elif code >= 500:
        message += " (the site has a problem: try again later)"
    raise SourceError(source, message)


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _not_a_page(mime: str) -> str:
    kind = mime.split("/", 1)[0]
    what = {
        "image": "an image",
        "video": "a video",
        "audio": "a sound file",
        "font": "a font",
    }.get(kind)
    if mime == "application/pdf":
        what = "a PDF document"
    elif mime in ("application/json", "text/json"):
        what = "JSON data"
    elif mime in ("application/zip", "application/gzip", "application/x-tar"):
        what = "an archive"
    if what:
        return f"is {what}, not a web page (the server sent {mime})"
    return f"is not a web page (the server sent {mime or 'something that is not HTML'})"


def _looks_like_html(body: bytes) -> bool:
    start = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<?xml", b"<!--")) or (
        b"<html" in start or b"<body" in start or b"<head" in start
    )


def _connect_reason(error: Exception) -> str:
    text = _plain(error)
    lowered = text.lower()
    if any(
        clue in lowered
        for clue in (
            "name or service not known",
            "nodename nor servname",
            "temporary failure in name resolution",
            "getaddrinfo failed",
            "no address associated",
            "name resolution",
        )
    ):
        return "host name not found: offline, or a typo in the address?"
    if "refused" in lowered:
        return "connection refused"
    if "unreachable" in lowered:
        return "network is unreachable: offline?"
    if "certificate" in lowered:
        return "the site's security certificate is not valid"
    if "ssl" in lowered or "tls" in lowered:
        return "secure connection failed"
    return text or "no details"


_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


def _plain(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return _ERRNO.sub("", text)


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit / 1_000_000:g} MB"
    if limit >= 1_000:
        return f"{limit / 1_000:g} kB"
    return f"{limit} bytes"


def _without_fragment(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(fragment=""))


# --------------------------------------------------------------------------------------------
# The page cache


def cache_dir() -> Path:
    """Where fetched pages are kept: ``$SYNOPSIS_CACHE_DIR/pages`` or the user cache dir's."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("synopsis", appauthor=False)
    return Path(base) / "pages"


def cache_paths(url: str) -> tuple[Path, Path]:
    """The cached body and its JSON sidecar for an address (keyed by its SHA-256)."""
    key = hashlib.sha256(_without_fragment(url).encode("utf-8")).hexdigest()
    folder = cache_dir()
    return folder / f"{key}.html", folder / f"{key}.json"


def read_cached_page(url: str) -> Page | None:
    """The cached copy of an address, or None when there is none (or it is unreadable)."""
    body_path, meta_path = cache_paths(url)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        body = body_path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != _without_fragment(url):
        return None
    return Page(
        url=meta["url"],
        final_url=str(meta.get("final_url") or meta["url"]),
        content_type=str(meta.get("content_type") or ""),
        body=body,
        fetched_at=str(meta.get("fetched_at") or ""),
    )


def write_cached_page(page: Page) -> None:
    """Keep a page on disk, body first and sidecar last, each written atomically.

    Raises:
        OSError: the cache directory cannot be written.
    """
    body_path, meta_path = cache_paths(page.url)
    body_path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "url": page.url,
        "final_url": page.final_url,
        "fetched_at": page.fetched_at,
        "content_type": page.content_type,
        "bytes": len(page.body),
    }
    replace_atomically(body_path, page.body)
    replace_atomically(meta_path, json.dumps(meta, indent=1).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Decoding


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_WINDOWS_1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
)
"""Labels browsers read as Windows-1252 (the WHATWG encoding standard says so)."""


def decode_html(data: bytes, content_type: str = "") -> tuple[str, tuple[str, ...]]:
    """Decode a page: the HTTP charset, a byte-order mark, the page's own declaration, or a guess.

    Returns:
        The text, and notes worth telling the user (when the encoding had to be guessed).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), ()
    declared = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    label = declared.group(1) if declared else None
    if label is None:
        head = data[:4096]
        found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        label = found.group(1).decode("ascii", errors="ignore") if found else None
    if label:
        codec = "cp1252" if label.lower() in _WINDOWS_1252_ALIASES else label
        try:
            return data.decode(codec, errors="replace").replace("\x00", ""), ()
        except (LookupError, UnicodeError, ValueError, TypeError):
            # An unknown label, or one Python knows but cannot decode a page with
            # ("undefined" always fails, "rot13" or "base64" are not text encodings): guess.
            pass
    try:
        return data.decode("utf-8").replace("\x00", ""), ()
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace").replace("\x00", "")
        return text, ("no character set declared and not UTF-8; decoded as Windows-1252",)


# --------------------------------------------------------------------------------------------
# Extraction


def document_from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    notes: Sequence[str] = (),
) -> Document:
    """Extract the article from an HTML page: text blocks, title, outlet, author and date.

    Args:
        html: The page's text.
        source: The name the user gave (path or URL); errors carry it.
        url: The page's address when fetched. For a saved file leave it out: the page's own
            canonical address (``<link rel=canonical>``, ``og:url``, or the "saved from" comment
            browsers add) is used when present.
        notes: Notes gathered before extraction (decoding, cache), kept on the Document.

    Raises:
        SourceError: the page holds no article (a login wall, a paywall teaser, a video page,
            an empty or error page).
    """
    notes = list(notes)
    extracted = _extract(html, source, precise=True)
    kept, walls = _without_wall_text(extracted.blocks)
    if _too_short(kept):
        # Precision mode sometimes drops too much of an unusual layout: try once more broadly.
        retry = _extract(html, source, precise=False)
        retry_kept, retry_walls = _without_wall_text(retry.blocks)
        if not _too_short(retry_kept):
            extracted, kept, walls = retry, retry_kept, retry_walls
    if _too_short(kept):
        raise SourceError(source, _why_no_article(html, extracted))
    if any(_PAYWALL.search(text) for text in walls):
        notes.append("the page mentions a paywall: the article may be cut short")

    title = extracted.title
    blocks = list(kept)
    if title and not any(
        _same_words(block.text, title) for block in blocks[:3] if block.kind == "heading"
    ):
        if blocks and _same_words(blocks[0].text, title):
            blocks[0] = Block("heading", blocks[0].text)
        else:
            blocks.insert(0, Block("heading", title))
    page_url = url or extracted.canonical_url or _saved_from(html)
    outlet = extracted.sitename or _outlet_from_title(html, title) or _host_name(page_url)
    return document_from_blocks(
        blocks,
        source=source,
        notes=tuple(notes),
        title=title,
        outlet=outlet,
        author=extracted.author,
        date=extracted.date or _date_in_address(page_url),
        url=page_url,
    )


@dataclass(frozen=True, slots=True)
class _Extracted:
    blocks: tuple[Block, ...]
    title: str | None
    sitename: str | None
    author: str | None
    date: str | None
    canonical_url: str | None


_EMPTY = _Extracted((), None, None, None, None, None)


def _extract(html: str, source: str, *, precise: bool) -> _Extracted:
    if not html.strip():
        return _EMPTY
    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=precise,
            favor_recall=not precise,
            # No "extensive" date search: it guesses January 1st from a copyright line.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": date.today().isoformat(),
            },
        )
        if not xml:
            return _EMPTY
        root = etree.fromstring(xml.encode("utf-8"))
    except Exception as error:  # trafilatura and lxml raise many kinds on broken pages
        raise SourceError(source, f"cannot read the page ({_plain(error)})") from None
    blocks: list[Block] = []
    main = root.find("main")
    if main is not None:
        _collect(main, blocks)
    return _Extracted(
        blocks=tuple(blocks),
        title=_clean(root.get("title")),
        sitename=_clean(root.get("sitename")),
        author=_clean(root.get("author")),
        date=_iso_date(root.get("date")),
        canonical_url=_web_address(root.get("url")),
    )


_SKIPPED = frozenset({"graphic", "figure", "lb", "ref", "comments"})


def _collect(element: etree._Element, blocks: list[Block]) -> None:
    """Turn trafilatura's XML (head, p, list/item, quote, div...) into Blocks, in reading order."""

    def add(kind: BlockKind, text: str | None) -> None:
        if text and text.strip():
            blocks.append(Block(kind, text))

    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            add("heading", _text_of(child))
        elif tag in ("p", "code"):
            add("paragraph", _text_of(child))
        elif tag == "list":
            _collect_list(child, blocks)
        elif tag == "table":
            _collect_table(child, blocks)
        elif tag == "quote":
            parts = [c for c in child if isinstance(c.tag, str) and c.tag == "p"]
            if parts:
                add("quote", _lines(child.text or ""))
                for part in parts:
                    add("quote", _text_of(part))
                    add("quote", _lines(part.tail or ""))
            else:
                add("quote", _text_of(child))
        elif tag and tag not in _SKIPPED:  # div, section and the like: walk inside
            add("paragraph", _lines(child.text or ""))
            _collect(child, blocks)
        add("paragraph", _lines(child.tail or ""))


def _collect_table(element: etree._Element, blocks: list[Block]) -> None:
    """A table as a Markdown table is read: a row of column titles is a heading, every other
    row an item of its cells ("Net sales; $84,120; $79,305; 19%"), which other outlets restate
    in prose. Press releases give their results this way."""
    for row in (child for child in element if child.tag == "row"):
        cells = [c for c in row if c.tag == "cell"]
        texts = [_text_of(c).replace("\n", " ") for c in cells]
        if not any(texts):
            continue
        titles = all(c.get("role") == "head" for c in cells)
        blocks.append(Block("heading" if titles else "list_item", "; ".join(t for t in texts if t)))


def _collect_list(element: etree._Element, blocks: list[Block]) -> None:
    for item in element:
        if item.tag != "item":
            continue
        nested = [c for c in item if c.tag == "list"]
        text = _text_of(item, skip=("list",))
        if text:
            blocks.append(Block("list_item", text))
        for sub in nested:
            _collect_list(sub, blocks)


def _text_of(element: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """An element's words, a ``<lb/>`` (a ``<br>`` in the page) kept as a line break."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag not in skip and isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return _lines("".join(parts))


_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\r\f\v]+")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)
"""C0 and C1 controls (U+009B is a one-character escape sequence) and invisible characters."""


def _lines(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _lines(html_entities.unescape(value)).replace("\n", " ")
    return value or None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    found = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value)
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1)).isoformat()
    except ValueError:
        return None


def _web_address(value: str | None) -> str | None:
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


_ADDRESS_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)")


def _date_in_address(url: str | None) -> str | None:
    """A publication date written into the address, as in ``/2024/11/18/story``."""
    found = _ADDRESS_DATE.search(urlsplit(url).path) if url else None
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None


_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.I)


def _saved_from(html: str) -> str | None:
    """The address browsers note at the top of a page saved "complete"."""
    found = _SAVED_FROM.search(html[:4096])
    return found.group(1) if found else None


def _host_name(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+")


def _outlet_from_title(html: str, title: str | None) -> str | None:
    """The site name from a ``<title>`` such as "Headline | Outlet" (or "Outlet | Headline")."""
    found = _TITLE_TAG.search(html)
    if not found or not title:
        return None
    parts = [p for p in _TITLE_SEPARATOR.split(_clean(found.group(1)) or "") if p]
    if len(parts) < 2:
        return None
    if _same_words(" ".join(parts[:-1]), title):
        return parts[-1]
    if _same_words(" ".join(parts[1:]), title):
        return parts[0]
    return None


_NON_WORD = re.compile(r"\W+")


def _same_words(left: str, right: str) -> bool:
    simple_left = _NON_WORD.sub(" ", left.casefold()).strip()
    simple_right = _NON_WORD.sub(" ", right.casefold()).strip()
    return bool(simple_left) and simple_left == simple_right


# --------------------------------------------------------------------------------------------
# Pages without an article


_PAYWALL = re.compile(
    r"subscribe (now )?to (continue|keep|read)|to (continue|keep) reading"
    r"|(for|to) (paying )?(subscribers|members) only|already a (subscriber|member)"
    r"|(this|the) (article|story|content) is (only )?(available )?(for|to) (subscribers|members)"
    r"|become a (subscriber|member) to|unlock (this|the full) (article|story)"
    r"|(get|unlimited) (unlimited )?digital access|subscription required",
    re.I,
)
_LOGIN = re.compile(
    r"(sign|log) ?in to (continue|read|view|access|see)|you must be (logged|signed) in"
    r"|(please )?(sign|log) ?in (or|and) (register|subscribe)|register to (continue|read)",
    re.I,
)
_LOGIN_FORM = re.compile(r"""<input[^>]+type\s*=\s*["']?password|forgot (your )?password""", re.I)
"""Signs of a sign-in form, only used to explain why a page has no article."""
_ERROR_PAGE = re.compile(
    r"\b(page|article|story) (was )?not found\b|\b404\b|no longer available|does not exist", re.I
)
_VIDEO = re.compile(
    r"""<meta[^>]+content=["']video[.\w]*["']|<video\b|<iframe[^>]+(youtube|vimeo|player)""",
    re.I,
)
_WALL_BLOCK_CHARS = 200
"""Paywall or login prompts are short; a longer block that mentions one is kept as text."""


def _without_wall_text(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """Drop the paywall and login prompts trafilatura sometimes keeps; return them apart."""
    kept: list[Block] = []
    walls: list[str] = []
    for block in blocks:
        if len(block.text) <= _WALL_BLOCK_CHARS and (
            _PAYWALL.search(block.text) or _LOGIN.search(block.text)
        ):
            walls.append(block.text)
        else:
            kept.append(block)
    # A heading left with no text after it (the paywall's own "Subscribe" heading) goes too.
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return tuple(kept), tuple(walls)


_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*(?=\s|$)""")


def _too_short(blocks: Sequence[Block]) -> bool:
    body = [b.text for b in blocks if b.kind != "heading"]
    characters = sum(len(text) for text in body)
    sentences = sum(max(1, len(_SENTENCE_END.findall(text))) for text in body)
    return characters < MIN_ARTICLE_CHARS or sentences < MIN_ARTICLE_SENTENCES


_SCRIPT_OR_STYLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_ANY_TAG = re.compile(r"<[^>]+>")


def _visible_text(html: str) -> str:
    text = _ANY_TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", html))
    return _SPACES.sub(" ", html_entities.unescape(text).replace("\n", " "))


def _why_no_article(html: str, extracted: _Extracted) -> str:
    text = _visible_text(html)
    if _PAYWALL.search(text):
        return "no article text found: only a teaser is readable, the rest is behind a paywall"
    if _LOGIN.search(text) or _LOGIN_FORM.search(html):
        return "no article text found: the page asks you to sign in (a login wall)"
    if _VIDEO.search(html):
        return "no article text found: it looks like a video page"
    heading = extracted.title or next((b.text for b in extracted.blocks if b.kind == "heading"), "")
    title_tag = _TITLE_TAG.search(html)
    if _ERROR_PAGE.search(heading) or (title_tag and _ERROR_PAGE.search(title_tag.group(1))):
        return "no article text found: the site says the page does not exist"
    if not text.strip():
        return "no article text found: the page is empty"
    return "no article text found (login wall, video page or empty page?)"
