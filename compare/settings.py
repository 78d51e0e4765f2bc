"""The one place that holds every user-facing default: the CLI, the app and the tests read it.

The pair scorer's own constants (the neighbourhood margin, the verbatim floor, the figure rules)
are part of the trained and calibrated model, not settings: they live beside it in
``compare/scoring``, each with a comment saying why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

Method = Literal["auto", "lexical", "static", "transformer"]
METHODS: tuple[Method, ...] = ("auto", "lexical", "static", "transformer")


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and choices for one comparison. Every score is on the same 0–1 scale.

    Attributes:
        paraphrase_at: A pair of claims whose calibrated probability of saying the same thing
            reaches this is linked (labelled at least ``paraphrased``).
        shared_at: A pair is ``shared`` when one run of words copied word for word covers this
            share of the shorter claim (near-verbatim reuse, wire copy)...
        verbatim_words: ...or when the copied run is at least this many words long, even inside a
            longer sentence (a reused quote).
        shared_min_words: A copied run shorter than this never makes a pair shared, so that
            "the mayor said" is not wire copy; nor does a run that only names someone with their
            title ("Dr. Lena Okafor, the city's chief bridge engineer,"), however long.
        group_linkage: Two claim groups merge only when more than this share of the claim
            pairs between them are linked, so one bridge sentence cannot chain unrelated claims.
        all_pairs_up_to: Score every cross-article pair of claims while there are at most this
            many; past it, each claim is scored only against its nearest claims (an index).
        candidates_per_claim: With the index, how many nearest claims of other articles each
            claim is scored against.
        max_matches: At most this many links are kept on each claim (strongest first); labels
            still count every link. Bounds exports when hundreds of outlets print one wire story.
        method: Semantic signal: ``lexical`` (wording only), ``static`` (shipped static
            embeddings), ``transformer`` (MiniLM via the optional extra), ``auto`` (best available
            without torch).
    """

    paraphrase_at: float = 0.5
    shared_at: float = 0.6
    verbatim_words: int = 8
    shared_min_words: int = 4
    group_linkage: float = 0.5
    all_pairs_up_to: int = 150_000
    candidates_per_claim: int = 60
    max_matches: int = 10
    method: Method = "auto"

    def with_changes(self, **changes: object) -> Settings:
        """Return a copy with some fields replaced, checked like the constructor's."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        for name in ("paraphrase_at", "shared_at", "group_linkage"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        for name in ("verbatim_words", "shared_min_words", "candidates_per_claim", "max_matches"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, got {self.method!r}")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


DEFAULTS = Settings()


STORIES_FROM = 200
"""Articles from which a comparison first groups them into stories and compares each story on
its own (``compare/stories.py``): claims of different stories are never the same claim, and
below this one comparison of every article is cheap enough. ``--stories on`` / ``off`` forces
either way."""
STORY_LINK_AT = 0.3
"""TF-IDF cosine of two articles' titles and leads from which they tell one story (measured
with ``benchmarks/stories.py``)."""
STORY_DAYS: int | None = 7
"""Two articles whose dates are known and further apart than this many days never tell one
story (``None``: no window). Undated articles are grouped by their words alone."""
