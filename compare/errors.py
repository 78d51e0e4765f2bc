"""The one exception the engine raises for bad input: its message is shown to the user as is."""

from __future__ import annotations

import re

_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSHOWABLE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _picture(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control, or a byte of a file name that is not UTF-8


def visible(text: str, *, lines: bool = False) -> str:
    """Show control characters as symbols, so that input can never drive a terminal.

    Escape sequences in a file name (``ESC ] 2 ; … BEL`` retitles a terminal, ``ESC [ 2 J``
    clears it) and C1 controls (U+0080–U+009F, U+009B being a one-character CSI) become
    harmless: C0 controls turn into their Unicode control pictures (``␛``, ``␇``, ``␍``), DEL
    into ``␡``, C1 controls and the lone surrogates that stand for bytes of a file name that are
    not UTF-8 into ``�``. Each character is replaced by exactly one, so offsets into the text
    stay valid.

    Args:
        text: Any string from input: a file name, a title, an article's text, a URL.
        lines: Keep line feeds and tabs (for text shown over several lines).

    Returns:
        The text, safe to print and to encode as UTF-8.
    """
    pattern = _UNSHOWABLE_IN_TEXT if lines else _UNSHOWABLE
    return pattern.sub(_picture, text)


class SynopsisError(Exception):
    """Bad input or an impossible request, explained in one line that names the culprit."""


class SourceError(SynopsisError):
    """A source (file, folder, URL) that cannot be read or holds no article.

    The message shows the source with :func:`visible`: a file name cannot drive the terminal or
    break the line. ``source`` keeps the name exactly as given.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{visible(source)}: {visible(problem)}")
        self.source = source
        self.problem = problem
