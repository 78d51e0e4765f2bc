"""synopsis engine: compare several articles about one story, claim by claim.

The engine knows nothing of the screen: it takes paths and strings and returns frozen values
(:mod:`compare.results`). Read the steps in order: load, split, classify, pairs, align, label,
export; :mod:`compare.pipeline` runs them all.
"""

__version__ = "0.1.0"

from .errors import SourceError, SynopsisError  # noqa: E402
from .pipeline import (  # noqa: E402
    analyse,
    compare_documents,
    compare_sources,
    compare_texts,
    label_analysis,
)
from .results import Article, ClaimGroup, Comparison, Match, Sentence  # noqa: E402
from .settings import DEFAULTS, Settings  # noqa: E402

__all__ = [
    "DEFAULTS",
    "Article",
    "ClaimGroup",
    "Comparison",
    "Match",
    "Sentence",
    "Settings",
    "SourceError",
    "SynopsisError",
    "__version__",
    "analyse",
    "compare_documents",
    "compare_sources",
    "compare_texts",
    "label_analysis",
]
