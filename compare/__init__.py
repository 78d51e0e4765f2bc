"""synopsis engine: compare several articles about one story, claim by claim.

The engine knows nothing of the screen: it takes paths and strings and returns frozen values
(:mod:`compare.results`). Read the steps in order: load, split, classify, pairs, align, label,
export; :mod:`compare.pipeline` runs them all.

The names below load on first use, so that importing a light part (``compare.results``,
``compare.settings``) does not pay for NumPy and the models: the app draws its first frame
before the engine has loaded.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .version import PROJECT_URL, __version__

_EXPORTS = {
    "SourceError": "errors",
    "SynopsisError": "errors",
    "analyse": "pipeline",
    "compare_documents": "pipeline",
    "compare_sources": "pipeline",
    "compare_texts": "pipeline",
    "label_analysis": "pipeline",
    "Article": "results",
    "ClaimGroup": "results",
    "Comparison": "results",
    "Match": "results",
    "Sentence": "results",
    "DEFAULTS": "settings",
    "Settings": "settings",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from .errors import SourceError, SynopsisError
    from .pipeline import analyse, compare_documents, compare_sources, compare_texts, label_analysis
    from .results import Article, ClaimGroup, Comparison, Match, Sentence
    from .settings import DEFAULTS, Settings


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
