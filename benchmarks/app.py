"""Print the app's time to first paint and the mean time to handle a navigation key.

Run: ``python benchmarks/app.py``. For each bundled sample set, and for two 12-article sets,
the app runs headless at 160x45 on the sources themselves (loading and comparing in its worker,
as ``synopsis SOURCES`` does), and we time:

- first paint: from starting the app to its first frame (the progress display);
- full paint: from starting the app to the last frame of the opening burst, panes and lens
  drawn with the first claim selected (includes loading and comparing);
- key: for a fixed round of navigation keys (↓ ↑ → ← Tab Enter u s p ...), from sending the key
  to the last frame it caused (the selection moved, panes scrolled level, lens redrawn), mean
  and worst; "handler" is the part of that spent in the screen's own code.

Frames are timed where Textual hands a composed update to the terminal driver, so a key's time
includes layout and rendering, not just our handler. The engine's model is warmed up first, as a
second run of the app would find it.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from benchmarks.corpus import SAMPLES, write_corpus  # noqa: E402
from compare.pipeline import load_and_compare  # noqa: E402
from compare.settings import DEFAULTS, METHODS  # noqa: E402
from tui.app import SynopsisApp  # noqa: E402
from tui.screens.reader import ReaderScreen  # noqa: E402

SIZE = (160, 45)
QUIET = 0.12
"""Seconds without a new frame after which a key (or the opening) counts as fully handled."""
KEYS = (
    ["down"] * 6 + ["up"] * 3 + ["right", "right", "left", "tab", "shift+tab", "enter", "enter"]
    + ["u", "s", "p", "u", "j", "k", "f", "j", "f", "f", "f", "2", "1", "end", "home"]
)  # fmt: skip


class FrameClock:
    """Records when the app hands each composed frame to the driver."""

    def __init__(self, app: SynopsisApp) -> None:
        self.frames: list[float] = []
        original: Callable[..., Any] = app._display

        def display(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            self.frames.append(time.perf_counter())
            return result

        app._display = display  # type: ignore[method-assign]

    async def quiet(self, since: float) -> float:
        """Wait until no frame has come for QUIET seconds; return the last frame's time."""
        while True:
            await asyncio.sleep(0.005)
            last = max([since, *self.frames[-1:]])
            if time.perf_counter() - last > QUIET:
                return last

    def first_after(self, since: float) -> float:
        """The time of the first frame after ``since`` (``since`` itself when there was none)."""
        return next((t for t in self.frames if t > since), since)


class HandlerClock:
    """Sums the time spent in the reader screen's selection code."""

    def __init__(self) -> None:
        self.total = 0.0
        for name in ("_show_selection", "_align", "watch_label_filter", "_apply_page"):
            self._wrap(name)

    def _wrap(self, name: str) -> None:
        original = getattr(ReaderScreen, name)
        clock = self

        def timed(self: ReaderScreen, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                clock.total += time.perf_counter() - started

        setattr(ReaderScreen, name, timed)


HANDLER = HandlerClock()
VERBOSE = False
SETTINGS = DEFAULTS


def key_event(key: str) -> events.Key:
    char = {"down": None, "up": None, "right": None, "left": None, "tab": "\t", "shift+tab": None}
    character = char.get(key, key if len(key) == 1 else None)
    if key == "enter":
        character = "\r"
    return events.Key(key, character)


async def measure(name: str, sources: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    return await measure_app(SynopsisApp(sources, SETTINGS), started)


async def measure_app(app: SynopsisApp, started: float) -> dict[str, float]:
    clock = FrameClock(app)
    result: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        while app.comparison is None:
            await asyncio.sleep(0.002)
        result["compared"] = time.perf_counter() - started
        while app.reader.selected is None:
            await asyncio.sleep(0.002)
        full = await clock.quiet(started)
        result["first_paint"] = clock.frames[0] - started
        result["full_paint"] = full - started
        reader = app.reader
        assert isinstance(reader, ReaderScreen) and reader.story is not None
        result["articles"] = len(reader.story.ids)
        result["sentences"] = sum(len(a.sentences) for a in reader.story.comparison.articles)
        times: list[float] = []
        firsts: list[float] = []
        handler: list[float] = []
        driver = app._driver
        assert driver is not None
        for key in KEYS:
            HANDLER.total = 0.0
            sent = time.perf_counter()
            driver.send_message(key_event(key))
            last = await clock.quiet(sent)
            times.append(last - sent)
            firsts.append(clock.first_after(sent) - sent)
            handler.append(HANDLER.total)
            if VERBOSE:
                print(
                    f"  {key:<10} first frame {firsts[-1] * 1000:6.1f} ms  last frame "
                    f"{times[-1] * 1000:6.1f} ms  handler {HANDLER.total * 1000:6.1f} ms"
                )
        result["key_mean"] = statistics.mean(times)
        result["first_frame_mean"] = statistics.mean(firsts)
        result["key_max"] = max(times)
        result["handler_mean"] = statistics.mean(handler)
        await pilot.press("q")
    return result


def same_story_twelve(folder: Path) -> list[str]:
    """Twelve tellings of one story: the five harbor-bridge articles, then reshuffled copies.

    A worst case for the app: nearly every claim has counterparts in most other panes.
    """
    rng = random.Random(20261122)
    originals = sorted((SAMPLES / "harbor-bridge").glob("*.md"))
    paths = []
    for number in range(12):
        source = originals[number % len(originals)]
        blocks = source.read_text(encoding="utf-8").split("\n\n")
        if number >= len(originals):
            head, body = blocks[:1], blocks[1:]
            rng.shuffle(body)
            blocks = head + body
        path = folder / f"{number + 1:02d}-{source.stem}.md"
        path.write_text("\n\n".join(blocks), encoding="utf-8")
        paths.append(str(path))
    return paths


def launch(sources: list[str], timeout: float = 60.0) -> tuple[float, float]:
    """Start ``synopsis SOURCES`` in a pseudo-terminal; seconds to its first frame and to its panes.

    This is what a reader waits for: Python and Textual start-up, the engine's imports, loading
    and comparing, and the first paint of the panes (the pane header's "selected A:" line).
    """
    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *sources],  # the console script: the app
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        cwd=ROOT,
        env={
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(SIZE[0]),
            "LINES": str(SIZE[1]),
        },
        close_fds=True,
    )
    os.close(child_fd)
    seen = b""
    first = full = 0.0
    try:
        while time.perf_counter() - started < timeout and not full:
            ready, _, _ = select.select([main_fd], [], [], 0.05)
            if not ready:
                continue
            try:
                seen += os.read(main_fd, 65536)
            except OSError:
                break
            now = time.perf_counter() - started
            if not first and b"synopsis" in seen:
                first = now
            if b"selected A:" in seen:
                full = now
        os.write(main_fd, b"q")
        deadline = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < deadline:
            # Keep draining: a full pseudo-terminal would block the app's last frames.
            if select.select([main_fd], [], [], 0.05)[0]:
                try:
                    os.read(main_fd, 65536)
                except OSError:
                    break
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main_fd)
    return first, full


def calibration() -> float:
    """Seconds for ten million additions in a Python loop: how fast this machine runs Python."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - started


def main() -> None:
    global SETTINGS, VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", help="only the sets whose name contains one of these")
    parser.add_argument("--method", choices=METHODS, default=DEFAULTS.method)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every key's time")
    args = parser.parse_args()
    SETTINGS, VERBOSE = DEFAULTS.with_changes(method=args.method), args.verbose
    load_and_compare([str(SAMPLES / "flood-warning")], settings=SETTINGS)  # warm model and Punkt
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        sets: list[tuple[str, list[str]]] = [
            (folder.name, [str(folder)]) for folder in sorted(SAMPLES.iterdir()) if folder.is_dir()
        ]
        synthetic = Path(scratch) / "synthetic"
        synthetic.mkdir()
        sets.append(("12 synthetic", [str(p) for p in write_corpus(synthetic, 12)]))
        same = Path(scratch) / "same"
        same.mkdir()
        sets.append(("12 one story", same_story_twelve(same)))
        for name, sources in sets:
            if args.sets and not any(w in name for w in args.sets):
                continue
            result = asyncio.run(measure(name, sources))
            if args.method == DEFAULTS.method:  # the real command only runs with the defaults
                result["launch_first"], result["launch_full"] = launch(sources)
            rows.append((name, result))
    print(
        f"app at {SIZE[0]}x{SIZE[1]}, method {SETTINGS.method}, "
        f"{len(KEYS)} navigation keys per set (times in ms); this machine runs 10M Python "
        f"additions in {calibration():.2f} s (a recent laptop: about 0.4 s)"
    )
    table(
        "Opening (ms): 'launch' times the real command in a pseudo-terminal, from process start;"
        " the rest time the app in-process, from App() to the frame",
        [
            ("set", 14, "{}", "name"),
            ("articles", 9, "{:.0f}", "articles"),
            ("sentences", 10, "{:.0f}", "sentences"),
            ("launch: 1st frame", 18, "{:.0f}", "launch_first"),
            ("panes", 7, "{:.0f}", "launch_full"),
            ("app: 1st frame", 15, "{:.0f}", "first_paint"),
            ("compared", 9, "{:.0f}", "compared"),
            ("panes", 7, "{:.0f}", "full_paint"),
        ],
        rows,
    )
    print()
    table(
        "Navigation keys (ms per key): time in the screen's handler; from the key to its first"
        " frame; to its last frame; the slowest key",
        [
            ("set", 14, "{}", "name"),
            ("articles", 9, "{:.0f}", "articles"),
            ("handler", 9, "{:.1f}", "handler_mean"),
            ("1st frame", 10, "{:.1f}", "first_frame_mean"),
            ("last frame", 11, "{:.1f}", "key_mean"),
            ("worst", 7, "{:.0f}", "key_max"),
        ],
        rows,
    )


def table(
    title: str, columns: list[tuple[str, int, str, str]], rows: list[tuple[str, dict[str, float]]]
) -> None:
    """Print one table: a title, a header line, then a line per set (ms for times)."""
    print(title)
    print(
        "".join(name.rjust(w) if i else name.ljust(w) for i, (name, w, _, _) in enumerate(columns))
    )
    for name, result in rows:
        cells = []
        for i, (_, width, fmt, key) in enumerate(columns):
            if key == "name":
                cells.append(name.ljust(width))
                continue
            value = result.get(key)
            if value is None:
                cells.append("-".rjust(width))
                continue
            scaled = value if key in ("articles", "sentences") else value * 1000
            cells.append(fmt.format(scaled).rjust(width) if i else fmt.format(scaled).ljust(width))
        print("".join(cells))


if __name__ == "__main__":
    main()
