"""Typed, frozen values that flow out of the engine; the app and the exporters only read them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, get_args

from .settings import Settings

Kind = Literal["claim", "heading", "boilerplate"]
"""What a sentence is: only claims are compared and counted."""

Label = Literal["shared", "paraphrased", "unique"]
"""How a claim relates to the other articles."""

BlockKind = Literal["heading", "paragraph", "list_item", "quote"]
"""The structural role a line had in its source, a hint for the classifier."""

LABELS: tuple[Label, ...] = get_args(Label)
"""Every label, strongest first: a claim group takes the strongest of its members' labels, and
every table, legend and count lists them in this order."""
KINDS: tuple[Kind, ...] = ("claim", "heading", "boilerplate")

LABEL_SYMBOLS: dict[Label, str] = {"shared": "=", "paraphrased": "≈", "unique": "+"}
"""A mark beside every label so it reads without colour."""

LABEL_GLOSSES: dict[Label, str] = {
    "shared": "copied",
    "paraphrased": "reworded",
    "unique": "only here",
}
"""What each label means in two words, for legends and help."""


def strongest(labels: Iterable[Label]) -> Label:
    """The strongest of some labels, in the order of ``LABELS`` (``unique`` when none)."""
    found = set(labels)
    return next((label for label in LABELS if label in found), "unique")


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of a loaded document: a heading, a paragraph, a list item."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded source before splitting: its text blocks and what we know about it."""

    source: str
    """The source exactly as the user gave it (path, URL or ``-``)."""
    title: str
    blocks: tuple[Block, ...]
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    """Publication date as ISO ``YYYY-MM-DD`` when known."""
    url: str | None = None
    notes: tuple[str, ...] = ()
    """Warnings about this source worth telling the user (encoding guessed, not English...)."""


@dataclass(frozen=True, slots=True)
class Match:
    """A link from one claim to a claim of another article."""

    article: str
    """Id of the other article."""
    index: int
    """Sentence index in the other article."""
    score: float
    """Calibrated probability, 0 to 1, that both claims say the same thing."""
    label: Literal["shared", "paraphrased"]
    verbatim_words: int = 0
    """Longest run of words both claims share word for word."""
    conflict: tuple[tuple[str, str], ...] = ()
    """Facts on which the two claims disagree, as written: (this claim's, the other's)."""
    via: Literal["link", "group", "statement"] = "link"
    """``link``: the pair itself reaches the threshold (or copies enough words). ``statement``:
    the two claims are sentences in the same place of a statement both articles quote
    (``scoring.statements``), linked by that place whatever their own score. ``group``: the
    two claims are in one claim group without a link of their own (most of the group's pairs
    are linked): ``score`` is then their own pair's probability, under the threshold (0 where a
    big comparison's candidate index never scored the pair)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, with its kind and, for claims, its label and links."""

    index: int
    text: str
    kind: Kind
    label: Label | None = None
    group: int | None = None
    matches: tuple[Match, ...] = ()
    block: BlockKind = "paragraph"

    @property
    def is_claim(self) -> bool:
        return self.kind == "claim"

    @property
    def best_match(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Counts:
    """How many claims carry each label, and how many sentences are not claims."""

    shared: int = 0
    paraphrased: int = 0
    unique: int = 0
    non_claims: int = 0

    @property
    def claims(self) -> int:
        return sum(self.of(label) for label in LABELS)

    def of(self, label: Label) -> int:
        """How many claims carry ``label``."""
        return int(getattr(self, label))


@dataclass(frozen=True, slots=True)
class Shares:
    """Share of an article's claim words under each label; the three add up to 1 (or are all 0)."""

    shared: float = 0.0
    paraphrased: float = 0.0
    unique: float = 0.0


@dataclass(frozen=True, slots=True)
class Article:
    """One compared article: its sentences in reading order and its scores."""

    id: str
    """Short stable label: A, B, C... in the order given."""
    title: str
    source: str
    sentences: tuple[Sentence, ...]
    counts: Counts = field(default_factory=Counts)
    shares: Shares = field(default_factory=Shares)
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = ()
    story: int | None = None
    """The story this article was compared within (from 0), when a big corpus was split into
    stories (``compare/stories.py``); ``None`` when every article was compared with every other."""

    @property
    def uniqueness(self) -> float:
        """Share of this article's claim words that no other article carries."""
        return self.shares.unique

    def claims(self) -> Iterator[Sentence]:
        return (s for s in self.sentences if s.kind == "claim")


@dataclass(frozen=True, slots=True)
class Member:
    """A claim inside a claim group."""

    article: str
    index: int


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims of different articles that say the same thing (a single claim when unique)."""

    id: int
    label: Label
    members: tuple[Member, ...]

    def member_in(self, article: str) -> Member | None:
        return next((m for m in self.members if m.article == article), None)

    @property
    def tellers(self) -> tuple[str, ...]:
        """The ids of the articles with a claim in the group, each once (a page may tell a
        claim twice in other words, and the group then holds both tellings)."""
        return tuple(dict.fromkeys(member.article for member in self.members))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole result: articles with labelled sentences, claim groups, and the settings used."""

    articles: tuple[Article, ...]
    groups: tuple[ClaimGroup, ...]
    settings: Settings
    """The settings that produced this result."""
    method_used: str
    """The similarity method that scored (``settings.method`` resolved: ``auto`` names the
    method it chose, and a method whose model is missing names the one it fell back to)."""

    def recorded_settings(self) -> dict[str, object]:
        """The settings as every export records them: each field, then ``method_used``."""
        return recorded_settings(self.settings, self.method_used)

    @property
    def has_stories(self) -> bool:
        """Whether the corpus was split into stories (exports then show each article's)."""
        return any(article.story is not None for article in self.articles)

    def article(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def sentence(self, article_id: str, index: int) -> Sentence:
        return self.article(article_id).sentences[index]


def recorded_settings(settings: Settings, method_used: str) -> dict[str, object]:
    """Settings as every export records them: each field, then the method that scored."""
    return settings.as_dict() | {"method_used": method_used}


def _quick_pickling(*classes: type) -> None:
    """Pickle frozen slotted dataclasses by their field values in a tuple. ``dataclass`` gives
    them a state that lists ``fields(self)`` anew for every object, and the stories of 2,000
    articles send a few million of these between processes (5% of the comparison's time)."""
    for cls in classes:
        names = tuple(f.name for f in fields(cls))
        assert len(names) > 1, "attrgetter of one name gives the value, not a tuple"

        def get_state(self: object, read: attrgetter[Any] = attrgetter(*names)) -> Any:
            return read(self)

        def set_state(self: object, state: Any, names: tuple[str, ...] = names) -> None:
            for name, value in zip(names, state, strict=True):
                object.__setattr__(self, name, value)

        cls.__getstate__ = get_state  # type: ignore[method-assign, assignment]
        cls.__setstate__ = set_state  # type: ignore[attr-defined]


_quick_pickling(Block, Document, Match, Sentence, Counts, Shares, Article, Member, ClaimGroup)
