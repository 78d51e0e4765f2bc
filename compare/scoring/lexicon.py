"""Step 4's word lists, read once from ``compare/data/scoring_words.toml``.

Units, month names, hedges, titles, stop words and the rest are data, kept beside the other
shipped lists; each module that reads one binds it to a name of its own at import.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

_FILE = "scoring_words.toml"


def _load() -> dict[str, Any]:
    folder = resources.files("compare").joinpath("data")
    return tomllib.loads(folder.joinpath(_FILE).read_text(encoding="utf-8"))


_LISTS: dict[str, Any] = _load()
"""The whole file, parsed once when step 4 is first imported."""


def ordered_words(name: str) -> tuple[str, ...]:
    """A list in its file order: ``stop_words``, ``negations`` or one under ``[readers]``."""
    found = _LISTS[name] if isinstance(_LISTS.get(name), list) else _LISTS["readers"][name]
    return tuple(found)


def words(name: str) -> frozenset[str]:
    """A list as a set, for membership tests (see :func:`ordered_words`)."""
    return frozenset(ordered_words(name))


def table(name: str) -> dict[str, Any]:
    """A table (``[months]``, ``[aliases]``...) as a new dict, in file order."""
    return dict(_LISTS[name])
