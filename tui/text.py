"""Strings from the input on screen: always as text, never as markup or terminal controls.

Titles, texts, file names, paths and URLs come from whoever wrote the articles or named the
files. Textual reads a ``str`` given to ``notify``, ``Label``, ``Static`` or a command palette
hit as markup, where ``[@click=app.quit]`` is a live action and an unclosed ``[/]`` an error,
and it passes escape sequences through to the terminal. So input is shown through these helpers,
or given to ``Content(...)`` (plain text) and to widgets with ``markup=False``.
"""

from __future__ import annotations

from compare.errors import visible


def shown(text: str) -> str:
    """Text from the input with its control characters as symbols (line feeds and tabs kept).

    One character for one, so spans computed on the original text still fit.
    """
    return visible(text, lines=True)


def one_line(text: str) -> str:
    """A name or title from the input for one line: every control character as a symbol."""
    return visible(text)


def as_markup(text: str) -> str:
    """Text from the input for a place that only takes markup (a command palette hit's help).

    Textual's markup reads a backslash as an escape only before ``[``, so escaping every ``[``
    gives back exactly the text.
    """
    return one_line(text).replace("[", "\\[")
