"""Articles from the web (issue #6): URLs and saved HTML pages in, the article text out.

Every page comes from a local HTTP server on 127.0.0.1 started here, serving pages written for
these tests (tests/engine/web_pages) plus handlers for redirects, errors, slow and oversized
responses. A guard makes any connection beyond loopback fail the test.

Run this file directly (``python tests/engine/test_web.py``) to serve the same pages for trying
``synopsis URL1 URL2 URL3`` by hand.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import PROJECT_URL, web
from compare.errors import SourceError
from compare.load import load_document, load_sources
from compare.pipeline import compare_sources
from compare.settings import Settings

PAGES = Path(__file__).resolve().parent / "web_pages"

ARTICLES = {
    "/world/port-alder-bridge-closed": ("northern-wire.html", "text/html; charset=utf-8"),
    # No charset in the header: the page's own <meta> says windows-1252.
    "/news/kessel-street-bridge-shut": ("port-alder-ledger.html", "text/html"),
    "/local/commuters-face-detours": (
        "harbor-county-courier.html",
        "application/xhtml+xml; charset=utf-8",
    ),
    "/investigations/bridge-warnings": ("paywall.html", "text/html; charset=utf-8"),
    "/account/login": ("login.html", "text/html; charset=utf-8"),
    "/video/tunnel-traffic": ("video.html", "text/html; charset=utf-8"),
}

LEXICAL = Settings(method="lexical")
"""The quickest similarity signal: these tests are about loading, not matching."""

NOISE = (
    "cookies",
    "Accept all",
    "I agree",
    "Advertisement",
    "Sponsored",
    "Brightwater Lending",
    "Orchard Valley",
    "Harbor Motors",
    "Riverside Mall",
    "Related articles",
    "You might also like",
    "Most read",
    "Tunnel repaving",
    "Newsletter",
    "Share on Facebook",
    "Share this story",
    "Weather forecasts",
    "Obituaries",
    "Events calendar",
    "rusty underneath",
    "Typical council",
    "far too long for commuters",
    "Glad they closed it",
    "parking lot at rush hour",
    "comments",
    "Privacy policy",
    "All rights reserved",
    "Serving the county since 1891",
)
"""Words of the menus, banners, adverts, sidebars, comments and footers of the fixture pages."""


# --------------------------------------------------------------------------------------------
# The local server


@dataclass
class Server:
    base: str
    hits: Counter[str] = field(default_factory=Counter)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server.hits[path] += 1
            server.headers[path] = dict(self.headers.items())
            route = ROUTES.get(path)
            if route is not None:
                route(self, server)
            elif path in ARTICLES:
                name, content_type = ARTICLES[path]
                self.send(200, (PAGES / name).read_bytes(), content_type)
            else:
                self.send(404, b"<html><body><h1>Page not found</h1></body></html>")

        def send(
            self,
            status: int,
            body: bytes,
            content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    return Handler


def _redirect(target: str, status: int = 301) -> Callable[[BaseHTTPRequestHandler, Server], None]:
    def route(handler: BaseHTTPRequestHandler, server: Server) -> None:
        handler.send(status, b"", headers={"Location": target})  # type: ignore[attr-defined]

    return route


def _status(status: int) -> Callable[[BaseHTTPRequestHandler, Server], None]:
    def route(handler: BaseHTTPRequestHandler, server: Server) -> None:
        handler.send(status, b"<html><body><p>Something went wrong.</p></body></html>")  # type: ignore[attr-defined]

    return route


def _slow(handler: BaseHTTPRequestHandler, server: Server) -> None:
    server.release.wait(5)  # far longer than the short timeout the test passes
    handler.send(200, (PAGES / "northern-wire.html").read_bytes())  # type: ignore[attr-defined]


def _drip(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """Headers at once, then a byte every 0.05 s: no single wait is long, the whole is."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    with contextlib.suppress(OSError):
        for _ in range(1000):
            if server.release.wait(0.05):
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()


HEADER_DRIP_SECONDS = 0.25
"""Between two bytes of the dripped headers: well inside the per-wait timeout the test gives."""


def _drip_headers(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """Headers one byte at a time that never end (issue #13): each wait for data is short, the
    request as a whole would never finish. Bounded all the same: it stops when the client hangs
    up, when the server closes, or after a minute of dripping, hanging up without ever having
    finished the headers (so a client without an overall limit fails differently, later)."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"." * 240
    handler.close_connection = True
    with contextlib.suppress(OSError):
        for byte in head:
            if server.release.wait(HEADER_DRIP_SECONDS):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()


def _charset_undefined(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """A charset Python knows by name but cannot decode with (issue #13)."""
    body = (PAGES / "northern-wire.html").read_bytes()
    handler.send(200, body, "text/html; charset=undefined")  # type: ignore[attr-defined]


def _huge(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """An endless page with no declared length: the client must stop reading by itself."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>\n"
    with contextlib.suppress(OSError):
        handler.wfile.write(b"<html><body>")
        for _ in range(200):  # 12 MB at most
            handler.wfile.write(chunk)


def _huge_declared(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(50_000_000))
    handler.send_header("Connection", "close")
    handler.end_headers()
    with contextlib.suppress(OSError):
        handler.wfile.write(b"<html><body>")


def _image(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")  # type: ignore[attr-defined]


def _html_as_plain_text(handler: BaseHTTPRequestHandler, server: Server) -> None:
    body = (PAGES / "northern-wire.html").read_bytes()
    handler.send(200, body, "text/plain; charset=utf-8")  # type: ignore[attr-defined]


def _plain_text(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send(200, b"Just some notes, not a page.\n" * 20, "text/plain")  # type: ignore[attr-defined]


def _empty(handler: BaseHTTPRequestHandler, server: Server) -> None:
    handler.send(200, b"")  # type: ignore[attr-defined]


def _soft_404(handler: BaseHTTPRequestHandler, server: Server) -> None:
    body = (
        b"<html><head><title>Page not found | Northern Wire</title></head><body>"
        b"<nav><a href='/'>Home</a></nav><main><h1>Sorry, this page was not found</h1>"
        b"<p>Try the search box.</p></main></body></html>"
    )
    handler.send(200, body)  # type: ignore[attr-defined]


def _soft_paywall(handler: BaseHTTPRequestHandler, server: Server) -> None:
    """A long teaser, then the paywall: readable, with a note that the rest may be missing."""
    teaser = "".join(
        f"<p>Paragraph {n} of the free teaser says that inspectors warned about the bridge "
        f"in report number {n}. Officials did not act on report {n} at the time.</p>"
        for n in range(1, 4)
    )
    body = (
        "<html><head><title>Warnings ignored | The Eastside Dispatch</title>"
        '<meta property="og:site_name" content="The Eastside Dispatch"></head><body><article>'
        f"<h1>Warnings ignored</h1>{teaser}"
        '<div class="paywall"><p>Subscribe to continue reading.</p></div>'
        "</article></body></html>"
    ).encode()
    handler.send(200, body)  # type: ignore[attr-defined]


ROUTES: dict[str, Callable[[BaseHTTPRequestHandler, Server], None]] = {
    "/old/bridge-story": _redirect("/world/port-alder-bridge-closed"),
    "/short/bridge": _redirect("/old/bridge-story", 302),  # two hops
    "/loop": _redirect("/loop", 302),
    "/missing": _status(404),
    "/forbidden": _status(403),
    "/broken": _status(500),
    "/slow": _slow,
    "/drip": _drip,
    "/drip-headers": _drip_headers,
    "/to-drip-headers": _redirect("/drip-headers", 302),
    "/charset-undefined": _charset_undefined,
    "/huge": _huge,
    "/huge-declared": _huge_declared,
    "/images/bridge.png": _image,
    "/mislabelled": _html_as_plain_text,
    "/notes.txt": _plain_text,
    "/empty": _empty,
    "/gone": _soft_404,
    "/soft-paywall": _soft_paywall,
}


class _Server(ThreadingHTTPServer):
    """The tests hang up on slow or endless pages on purpose: a client gone is no error to
    print a traceback for."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(port: int = 0) -> Iterator[Server]:
    """Serve the test pages on 127.0.0.1 from a background thread."""
    holder = Server(base="")
    httpd = _Server(("127.0.0.1", port), _handler(holder))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    holder.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield holder
    finally:
        holder.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve() as running:
        yield running


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache per test, no proxies, and no connection beyond loopback."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(web.CACHE_ENV, str(cache))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    real = socket.create_connection

    def loopback_only(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        assert address[0] in ("127.0.0.1", "localhost"), f"test tried to reach {address[0]}"
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", loopback_only)
    return cache


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _text(document: object) -> str:
    return "\n".join(block.text for block in document.blocks)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Extraction: the article's words, none of the page's clutter


@pytest.mark.parametrize(
    ("path", "sentences"),
    [
        (
            "/world/port-alder-bridge-closed",
            [
                "was closed to all traffic on Tuesday after inspectors found a crack",
                "Mayor Dana Whitcombe ordered the closure shortly after 7 a.m. on Tuesday.",
                "I would rather apologize for a traffic jam than for a tragedy.",
                "second-lowest rating on the state's scale.",
            ],
        ),
        (
            "/news/kessel-street-bridge-shut",
            [
                "discovered a 14-inch crack in one of its main steel girders",
                "“I would rather apologize for a traffic jam than for a tragedy,” Whitcombe said",
                "At the Café Brennan on Harbor Street, owner Rosa Lindqvist said",
            ],
        ),
        (
            "/local/commuters-face-detours",
            [
                "Thousands of east side commuters spent Wednesday morning in stalled traffic",
                '"We have been warning about this bridge for years," Ortiz said.',
            ],
        ),
    ],
)
def test_the_article_text_is_kept_and_the_clutter_dropped(
    server: Server, path: str, sentences: list[str]
) -> None:
    document = web.load_url(server.url(path))
    text = _text(document)
    for sentence in sentences:
        assert sentence in text
    for noise in NOISE:
        assert noise.casefold() not in text.casefold(), noise


def test_structure_survives_headings_quotes_and_lists(server: Server) -> None:
    document = web.load_url(server.url("/world/port-alder-bridge-closed"))
    kinds = [(block.kind, block.text[:24]) for block in document.blocks]
    assert kinds[0] == ("heading", "Port Alder closes harbor")
    assert ("heading", "Months of repairs") in kinds
    assert ("quote", "Nobody is going to drive") in kinds
    items = [block.text for block in document.blocks if block.kind == "list_item"]
    assert len(items) == 2
    assert items[1].startswith("The Harbor Transit Authority will run a free ferry")
    # The byline and the dateline line are metadata, not sentences of the story.
    assert not any(block.text.startswith("By Helen Marsh") for block in document.blocks)


@pytest.mark.parametrize(
    ("path", "title", "outlet", "author", "date"),
    [
        (
            "/world/port-alder-bridge-closed",  # JSON-LD and OpenGraph
            "Port Alder closes harbor bridge after inspectors find crack in girder",
            "Northern Wire",
            "Helen Marsh",
            "2024-11-17",
        ),
        (
            "/news/kessel-street-bridge-shut",  # OpenGraph and <meta name=author>
            "Kessel Street bridge shut indefinitely after girder crack",
            "The Port Alder Ledger",
            "Marcus Bellweather",
            "2024-11-18",  # from 2024-11-18T06:15:00-05:00
        ),
        (
            "/local/commuters-face-detours",  # only <title>, <meta name=author> and <time>
            "Commuters face long detours as harbor bridge closes",
            "Harbor County Courier",  # from "Headline - Outlet" in <title>
            "Priya Raman",
            "2024-11-19",
        ),
    ],
)
def test_metadata(
    server: Server, path: str, title: str, outlet: str, author: str, date: str
) -> None:
    url = server.url(path)
    document = web.load_url(url)
    assert (document.title, document.outlet, document.author, document.date) == (
        title,
        outlet,
        author,
        date,
    )
    assert document.source == url
    assert document.url == url
    assert document.blocks[0].kind == "heading"
    assert document.blocks[0].text == title  # the headline leads, even when the body lacked it


def test_a_page_without_a_site_name_is_named_after_its_host() -> None:
    page = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        + "".join(
            f"<p>Report {n}: the harbor bridge closed on Tuesday after a crack was found. "
            "Engineers will study the girder for weeks before any decision.</p>"
            for n in range(3)
        )
        + "</article></body></html>"
    )
    document = web.document_from_html(
        page, source="x", url="https://www.harbor-news.example.invalid/a/1"
    )
    assert document.outlet == "harbor-news.example.invalid"
    assert document.date is None  # no date on the page: none is invented


def test_a_date_written_in_the_address_is_used_when_the_page_has_none() -> None:
    page = (
        "<html><head><title>Ferry starts</title></head><body><article><h1>Ferry starts</h1>"
        "<p>The free ferry between Kessel Point and the Old Market pier started on Wednesday. "
        "Boats leave every 20 minutes from both piers, the transit authority said.</p>"
        "<p>Riders can create a free account to get alerts when a crossing is cancelled.</p>"
        "<p>Ridership on the first morning was light, a spokesman for the authority said.</p>"
        "</article></body></html>"
    )
    address = "https://ledger.example.invalid/news/2024/11/20/ferry-starts"
    document = web.document_from_html(page, source=address, url=address)
    assert document.date == "2024-11-20"
    # An article sentence that merely mentions an account is not mistaken for a login wall.
    assert "Riders can create a free account" in _text(document)


def test_the_page_charset_is_honoured(server: Server) -> None:
    document = web.load_url(server.url("/news/kessel-street-bridge-shut"))
    assert "Café Brennan" in _text(document)
    assert "“Half my morning customers come over that bridge,” she said." in _text(document)
    assert document.notes == ()


def test_redirects_are_followed_and_the_final_address_kept(server: Server) -> None:
    url = server.url("/short/bridge")
    document = web.load_url(url)
    assert document.source == url
    assert document.url == server.url("/world/port-alder-bridge-closed")
    assert document.outlet == "Northern Wire"
    sidecar = json.loads(web.cache_paths(url)[1].read_text(encoding="utf-8"))
    assert sidecar["url"] == url
    assert sidecar["final_url"] == server.url("/world/port-alder-bridge-closed")


def test_html_sent_as_plain_text_is_still_read(server: Server) -> None:
    document = web.load_url(server.url("/mislabelled"))
    assert document.outlet == "Northern Wire"


def test_requests_name_synopsis_as_the_user_agent(server: Server) -> None:
    web.load_url(server.url("/world/port-alder-bridge-closed"))
    agent = server.headers["/world/port-alder-bridge-closed"]["User-Agent"]
    assert agent.startswith("synopsis/")
    assert "example.invalid" not in agent
    assert PROJECT_URL in agent


def test_a_long_teaser_before_a_paywall_is_kept_with_a_note(server: Server) -> None:
    document = web.load_url(server.url("/soft-paywall"))
    assert "Paragraph 3 of the free teaser" in _text(document)
    assert "Subscribe" not in _text(document)
    assert any("paywall" in note for note in document.notes)


# --------------------------------------------------------------------------------------------
# The cache


def test_a_second_load_uses_the_cache_and_refresh_fetches_again(server: Server) -> None:
    path = "/local/commuters-face-detours"
    url = server.url(path)
    before = server.hits[path]
    first = web.load_url(url)
    assert server.hits[path] == before + 1
    second = web.load_url(url)
    assert server.hits[path] == before + 1  # no second request
    assert second == first
    web.load_url(url, refresh=True)
    assert server.hits[path] == before + 2


def test_the_cache_works_with_the_server_stopped(_isolated: Path) -> None:
    with serve() as temporary:
        url = temporary.url("/world/port-alder-bridge-closed")
        online = web.load_url(url)
    offline = web.load_url(url)  # the server is gone: only the cache can answer
    assert offline == online
    files = sorted(p.name for p in (_isolated / "pages").iterdir())
    assert len(files) == 2
    assert files[0].endswith(".html") and files[1].endswith(".json")
    assert not any(name.startswith(".tmp") for name in files)
    sidecar = json.loads((_isolated / "pages" / files[1]).read_text(encoding="utf-8"))
    assert sidecar["url"] == url
    assert sidecar["content_type"].startswith("text/html")
    assert sidecar["fetched_at"]


def test_a_failed_refresh_falls_back_to_the_cached_copy_with_a_note() -> None:
    with serve() as temporary:
        url = temporary.url("/world/port-alder-bridge-closed")
        web.load_url(url)
    document = web.load_url(url, refresh=True)
    assert document.outlet == "Northern Wire"
    assert len(document.notes) == 1
    assert document.notes[0].startswith("could not refresh (cannot connect")


def test_the_cache_key_ignores_the_fragment(server: Server) -> None:
    path = "/news/kessel-street-bridge-shut"
    before = server.hits[path]
    web.load_url(server.url(path) + "#comments")
    web.load_url(server.url(path))
    assert server.hits[path] == before + 1


@pytest.mark.parametrize("path", ["/missing", "/images/bridge.png", "/huge-declared"])
def test_failures_are_not_cached(server: Server, _isolated: Path, path: str) -> None:
    with pytest.raises(SourceError):
        web.load_url(server.url(path), max_bytes=100_000)
    assert not (_isolated / "pages").exists() or not any((_isolated / "pages").iterdir())


def test_an_unwritable_cache_does_not_stop_the_load(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(web.CACHE_ENV, str(blocker))
    document = web.load_url(server.url("/world/port-alder-bridge-closed"))
    assert document.outlet == "Northern Wire"
    assert any(note.startswith("could not save the page in the cache") for note in document.notes)


def test_the_cache_lives_in_the_user_cache_dir_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(web.CACHE_ENV)
    expected = Path(platformdirs.user_cache_dir("synopsis", appauthor=False)) / "pages"
    assert web.cache_dir() == expected


def test_a_corrupt_cache_entry_is_fetched_again(server: Server) -> None:
    path = "/local/commuters-face-detours"
    url = server.url(path)
    web.load_url(url)
    web.cache_paths(url)[1].write_text("{not json", encoding="utf-8")
    before = server.hits[path]
    document = web.load_url(url)
    assert server.hits[path] == before + 1
    assert document.author == "Priya Raman"


# --------------------------------------------------------------------------------------------
# Errors: one clear line naming the URL and the reason


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/missing", {}, "HTTP 404 Not Found"),
        ("/forbidden", {}, "HTTP 403 Forbidden"),
        ("/broken", {}, "HTTP 500 Internal Server Error"),
        ("/slow", {"timeout": 0.5}, "timed out after 0.5 s"),
        ("/drip", {"timeout": 0.3}, "timed out after 0.9 s (the page kept loading)"),
        ("/huge", {"max_bytes": 100_000}, "page is larger than 100 kB"),
        ("/huge-declared", {"max_bytes": 2_000_000}, "page is larger than 2 MB"),
        ("/loop", {}, "too many redirects"),
        ("/images/bridge.png", {}, "is an image, not a web page (the server sent image/png)"),
        ("/notes.txt", {}, "is not a web page (the server sent text/plain)"),
        ("/investigations/bridge-warnings", {}, "paywall"),
        ("/account/login", {}, "the page asks you to sign in (a login wall)"),
        ("/video/tunnel-traffic", {}, "it looks like a video page"),
        ("/gone", {}, "the site says the page does not exist"),
        ("/empty", {}, "no article text found: the page is empty"),
    ],
)
def test_failures_name_the_url_and_the_reason(
    server: Server, path: str, options: dict[str, float], reason: str
) -> None:
    url = server.url(path)
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        web.load_url(url, **options)  # type: ignore[arg-type]
    assert time.monotonic() - started < 3
    assert caught.value.source == url
    assert str(caught.value).startswith(f"{url}: ")
    assert reason in caught.value.problem
    assert "\n" not in str(caught.value)


def test_a_server_dripping_its_headers_cannot_hold_a_fetch_past_the_limit(
    server: Server,
) -> None:
    # Each byte comes well within the 1 s allowed for one wait; the headers never end.
    url = server.url("/drip-headers")
    with pytest.raises(SourceError) as caught:
        web.fetch_page(url, timeout=1.0)
    assert caught.value.problem == "timed out after 3 s (the page kept loading)"
    assert server.hits["/drip-headers"] == 1


def test_the_time_limit_covers_redirects_and_headers_together(server: Server) -> None:
    # The same drip behind a redirect: the limit is for the whole request, hops included.
    with pytest.raises(SourceError, match=r"timed out after 3 s \(the page kept loading\)"):
        web.fetch_page(server.url("/to-drip-headers"), timeout=1.0)


def test_no_article_found_says_so(server: Server) -> None:
    with pytest.raises(SourceError, match="no article text found"):
        web.load_url(server.url("/investigations/bridge-warnings"))


def test_a_server_that_is_down_gives_a_clear_message() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/world/story"
    with pytest.raises(SourceError) as caught:
        web.load_url(url)
    assert str(caught.value) == f"{url}: cannot connect (connection refused)"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("[Errno -2] Name or service not known", "host name not found: offline, or a typo"),
        ("[Errno -3] Temporary failure in name resolution", "host name not found: offline"),
        ("[Errno 101] Network is unreachable", "network is unreachable: offline?"),
        ("[Errno 111] Connection refused", "connection refused"),
        ("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "certificate is not valid"),
    ],
)
def test_connection_failures_are_explained_in_plain_words(message: str, reason: str) -> None:
    import httpx

    assert reason in web._connect_reason(httpx.ConnectError(message))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://", "not a valid web address"),
        ("https:///path-only", "not a valid web address"),
        ("http://exa mple.invalid/", "not a valid web address"),
    ],
)
def test_malformed_addresses(url: str, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        web.load_url(url)
    assert reason in caught.value.problem
    assert caught.value.source == url


# --------------------------------------------------------------------------------------------
# Saved pages and the loader


def test_a_saved_page_loads_through_the_loader() -> None:
    path = str(PAGES / "northern-wire.html")
    document = load_document(path)
    assert document.source == path
    assert document.title == "Port Alder closes harbor bridge after inspectors find crack in girder"
    assert document.outlet == "Northern Wire"
    assert document.author == "Helen Marsh"
    assert document.date == "2024-11-17"
    assert document.url == "https://northern-wire.example.invalid/world/port-alder-bridge-closed"
    for noise in NOISE:
        assert noise.casefold() not in _text(document).casefold()


RELEASE_PAGE = """<html><head><title>Lumen Tools reports record quarter</title></head><body>
<article><h1>Lumen Tools reports record quarter</h1>
<p>Lumen Tools Inc. today reported record sales for the second quarter of $84.1 million, up 19%
from a year ago, the company said in a statement on Wednesday.</p>
<p>Chief executive Dana Okoye said the cordless line carried the quarter and that demand held
up across every region the company sells in.</p>
<table><thead><tr><th>($ in thousands)</th><th>Q2 2026</th><th>Q1 2026</th><th>Y/Y</th></tr>
</thead><tbody><tr><td>Net sales</td><td>$84,120</td><td>$79,305</td><td>19%</td></tr>
<tr><td>Net income</td><td>$12,480</td><td>$10,215</td><td>56%</td></tr></tbody></table>
<p>The company will hold a conference call with analysts on Thursday morning to discuss the
results in more detail.</p></article></body></html>"""
"""A press release with its results table, as a results page gives it (written for this test)."""


def test_a_results_table_on_a_page_is_read_row_by_row(tmp_path: Path) -> None:
    page = tmp_path / "release.html"
    page.write_text(RELEASE_PAGE, encoding="utf-8")
    prose = tmp_path / "daily.txt"
    prose.write_text(
        "Lumen Tools said on Wednesday that its quarterly sales rose 19% to a record.\n"
        "Net income climbed to $12.48 million from $10.22 million in the first quarter.\n",
        encoding="utf-8",
    )
    blocks = load_document(str(page)).blocks
    assert [(b.kind, b.text) for b in blocks if ";" in b.text] == [
        ("heading", "($ in thousands); Q2 2026; Q1 2026; Y/Y"),
        ("list_item", "Net sales; $84,120; $79,305; 19%"),
        ("list_item", "Net income; $12,480; $10,215; 56%"),
    ]
    comparison, _ = compare_sources([str(page), str(prose)])
    release = comparison.articles[0]
    row = next(s for s in release.sentences if s.text.startswith("Net income;"))
    assert row.kind == "claim"
    told = [(m.article, comparison.articles[1].sentences[m.index].text) for m in row.matches]
    assert told == [
        ("B", "Net income climbed to $12.48 million from $10.22 million in the first quarter.")
    ]


def test_a_saved_page_in_a_legacy_encoding_loads() -> None:
    document = load_document(str(PAGES / "port-alder-ledger.html"))
    assert "Café Brennan" in _text(document)
    assert (
        document.url == "https://ledger.example.invalid/news/2024/11/18/kessel-street-bridge-shut"
    )


def test_a_saved_page_without_a_canonical_address_has_no_url() -> None:
    document = load_document(str(PAGES / "harbor-county-courier.html"))
    assert document.url is None
    assert document.outlet == "Harbor County Courier"


def test_a_page_saved_by_a_browser_keeps_its_address(tmp_path: Path) -> None:
    original = (PAGES / "harbor-county-courier.html").read_text(encoding="utf-8")
    address = "https://courier.example.invalid/local/commuters-face-detours"
    saved = tmp_path / "Commuters face long detours.htm"
    saved.write_text(f"<!-- saved from url=({len(address):04d}){address} -->\n" + original)
    assert load_document(str(saved)).url == address


def test_a_saved_page_with_no_article_names_the_file() -> None:
    path = str(PAGES / "login.html")
    with pytest.raises(SourceError) as caught:
        load_document(path)
    assert caught.value.source == path
    assert "sign in" in caught.value.problem


def test_urls_and_files_mix_and_one_bad_url_does_not_stop_the_rest(
    server: Server, tmp_path: Path
) -> None:
    notes = tmp_path / "wire-copy.md"
    notes.write_text(
        "# Harbor bridge closed after crack found\n\n"
        "The Kessel Street Harbor Bridge was closed to all traffic on Tuesday after inspectors "
        "found a crack in a main steel girder. About 38,000 vehicles cross the bridge on an "
        "average weekday. Repairs could take six to nine months, the bridge engineer said.\n",
        encoding="utf-8",
    )
    first = server.url("/world/port-alder-bridge-closed")
    second = server.url("/news/kessel-street-bridge-shut")
    missing = server.url("/missing")
    comparison, problems = compare_sources([first, second, missing, str(notes)], settings=LEXICAL)
    assert [a.source for a in comparison.articles] == [first, second, str(notes)]
    assert [a.outlet for a in comparison.articles] == [
        "Northern Wire",
        "The Port Alder Ledger",
        None,
    ]
    assert [a.url for a in comparison.articles] == [first, second, None]
    assert (
        comparison.articles[1].title == "Kessel Street bridge shut indefinitely after girder crack"
    )
    assert comparison.articles[0].date == "2024-11-17"
    assert problems == (f"{missing}: HTTP 404 Not Found (no such page: check the address)",)
    assert any(s.label == "shared" for s in comparison.articles[0].sentences if s.is_claim)


def test_sorting_by_date_uses_the_dates_found_on_the_pages(server: Server) -> None:
    wire, ledger, courier = (
        server.url(path)
        for path in (
            "/world/port-alder-bridge-closed",  # 2024-11-17
            "/news/kessel-street-bridge-shut",  # 2024-11-18
            "/local/commuters-face-detours",  # 2024-11-19
        )
    )
    comparison, _ = compare_sources([courier, wire, ledger], settings=LEXICAL, sort="date")
    assert [a.source for a in comparison.articles] == [wire, ledger, courier]


def test_the_loader_passes_refresh_through(server: Server) -> None:
    path = "/local/commuters-face-detours"
    url = server.url(path)
    before = server.hits[path]
    load_sources([url])
    load_sources([url])
    assert server.hits[path] == before + 1
    load_sources([url], refresh=True)
    assert server.hits[path] == before + 2


# --------------------------------------------------------------------------------------------
# Decoding and robustness


@pytest.mark.parametrize(
    ("data", "content_type", "text", "notes"),
    [
        ("café".encode("cp1252"), "text/html; charset=windows-1252", "café", ()),
        ("café".encode("cp1252"), "text/html; charset=ISO-8859-1", "café", ()),
        ("café".encode(), "text/html", "café", ()),
        (
            b'<meta charset="windows-1252"><p>caf\xe9',
            "",
            '<meta charset="windows-1252"><p>café',
            (),
        ),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "text/html; charset=windows-1252", "café", ()),
        ("café".encode("utf-16"), "", "café", ()),
        (b"caf\xe9", "text/html; charset=no-such-codec", "café", web.decode_html(b"\xe9")[1]),
    ],
)
def test_decoding(data: bytes, content_type: str, text: str, notes: tuple[str, ...]) -> None:
    assert web.decode_html(data, content_type) == (text, notes)


FAILING_CODECS = (
    "undefined",  # known to Python, fails on every decode
    "rot13",  # a text transform, not a text encoding
    "base64",
    "hex",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "unicode_internal",
    "mbcs",  # Windows only
    "oem",
    "no-such-codec",
)


@pytest.mark.parametrize("label", FAILING_CODECS)
def test_a_charset_that_cannot_decode_falls_back_like_an_unknown_one(label: str) -> None:
    data = "<p>café</p>".encode()
    assert web.decode_html(data, f"text/html; charset={label}")[0] == "<p>café</p>"
    assert web.decode_html(f'<meta charset="{label}">'.encode() + data)[0].endswith("<p>café</p>")


def test_a_page_sent_with_charset_undefined_loads(server: Server) -> None:
    document = web.load_url(server.url("/charset-undefined"))
    assert document.title.startswith("Port Alder closes harbor bridge")


def test_a_page_with_charset_undefined_loads_from_the_cache(_isolated: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/world/undefined"  # nothing listens: cache only
    body = (PAGES / "northern-wire.html").read_bytes()
    web.write_cached_page(
        web.Page(url, url, "text/html; charset=undefined", body, "2026-01-01T00:00:00+00:00")
    )
    assert web.load_url(url).title.startswith("Port Alder closes harbor bridge")
    assert web.load_url(url).title == web.load_url(url).title  # every rerun, not only the first


def test_a_saved_page_declaring_charset_undefined_loads(tmp_path: Path) -> None:
    page = (PAGES / "northern-wire.html").read_text(encoding="utf-8")
    saved = tmp_path / "saved.html"
    saved.write_text(
        page.replace("<head>", '<head><meta charset="undefined">', 1), encoding="utf-8"
    )
    assert load_document(str(saved)).title.startswith("Port Alder closes harbor bridge")


def test_an_undeclared_legacy_page_is_guessed_with_a_note() -> None:
    text, notes = web.decode_html(b"<p>caf\xe9</p>")
    assert text == "<p>café</p>"
    assert notes == ("no character set declared and not UTF-8; decoded as Windows-1252",)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=400) | st.builds(lambda s: f"<html><body><p>{s}</p></body></html>", st.text())
)
def test_any_text_either_loads_or_raises_a_source_error(page: str) -> None:
    try:
        document = web.document_from_html(page, source="page.html")
    except SourceError as problem:
        assert problem.source == "page.html"
    else:
        assert document.blocks


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=300),
    st.sampled_from(
        ["", "text/html", "text/html; charset=utf-16", "text/html; charset=x"]
        + [f"text/html; charset={label}" for label in FAILING_CODECS]
    ),
)
def test_any_bytes_decode(data: bytes, content_type: str) -> None:
    text, _ = web.decode_html(data, content_type)
    assert "\x00" not in text


def test_importing_compare_does_not_load_the_web_stack() -> None:
    import subprocess

    code = (
        "import sys, compare, compare.load, compare.pipeline\n"
        "print(sorted(m for m in ('httpx', 'trafilatura', 'compare.web') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------------------------
# Serving the test pages by hand


if __name__ == "__main__":  # pragma: no cover
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    with serve(port) as running:
        print("Serving the test pages; try:")
        print("  synopsis " + " ".join(running.url(p) for p in list(ARTICLES)[:3]))
        print("Other pages: " + ", ".join(running.url(p) for p in [*list(ARTICLES)[3:], *ROUTES]))
        print("Ctrl-C to stop.")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(1)
