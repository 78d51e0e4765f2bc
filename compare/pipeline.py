"""The whole flow, load → split → classify → score pairs → align → label, in one call."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, repeat
from typing import Literal

import numpy as np

from .align import align_groups
from .candidates import candidate_pairs, count_cross_pairs, pair_keys
from .classify import classify_all
from .errors import SynopsisError
from .label import (
    Links,
    RankedLinks,
    article_scores,
    claim_labels,
    find_links,
    group_counterparts_without_link,
    group_label,
    rank_links,
)
from .load import load_sources
from .results import (
    Article,
    BlockKind,
    ClaimGroup,
    Comparison,
    Document,
    Kind,
    Match,
    Member,
    Sentence,
)
from .runner import AUTO, SERIAL, Pool, Runner, collector_paused, spans
from .scoring import pairs
from .scoring.calibration import Calibration
from .scoring.fact_comparison import find_conflicts
from .scoring.facts import FactSet
from .scoring.statements import aligned_pairs
from .settings import DEFAULTS, STORIES_FROM, Settings
from .split import SplitSentence, split_blocks
from .stories import (
    ARTICLES_PER_STORY_TASK,
    StoryPiece,
    StoryResult,
    renumbered,
    story_members,
    with_groups_from,
)

SortOrder = Literal["given", "date"]
StoryChoice = Literal["auto", "on", "off"]
"""Whether to compare story by story: past ``settings.STORIES_FROM`` articles (``auto``),
always (``on``) or never (``off``)."""
Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) so a front end can show progress."""


@dataclass(frozen=True, slots=True, eq=False)
class Analysis:
    """Everything up to scored pairs: the expensive part, kept so thresholds can change live.

    Compared by identity: two analyses are the same only if they are one object (comparing
    their arrays element by element would be slow and ambiguous).
    """

    documents: tuple[Document, ...]
    sentences: tuple[tuple[SplitSentence, ...], ...]
    kinds: tuple[tuple[Kind, ...], ...]
    claim_refs: tuple[tuple[int, int], ...]
    """(article number, sentence index) of each claim, in reading order."""
    scores: pairs.PairScores
    facts: tuple[FactSet, ...]
    """Numbers, amounts, dates and names of each claim, to tell where linked claims disagree."""
    method: str
    """The similarity method that actually ran."""


def article_id(number: int) -> str:
    """A, B, ... Z, AA, AB ...: short labels that stay stable for the order given."""
    label = ""
    number += 1
    while number:
        number, remainder = divmod(number - 1, 26)
        label = chr(ord("A") + remainder) + label
    return label


def corpus_ids(numbers: Sequence[int]) -> dict[str, str]:
    """A story's article ids as it is compared alone (A, B, …) to the corpus's, given the
    corpus numbers of its articles in order."""
    return {article_id(local): article_id(n) for local, n in enumerate(numbers)}


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}"  # the place, in capitals
    r"(,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?,?\s*"  # an optional date: ", Nov. 17"
    r"(\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"  # an optional agency: "(NWS)", then the dash
)


_AGE = re.compile(r"(?<=[^\W\d_]), (\d{1,3}),(?=\s)")
"""An age in apposition: "Combs, 55, appeared relieved", "The embattled rapper, 55, was"."""
OLDEST_AGE = 120


def comparison_text(sentence: str) -> str:
    """The words that carry the claim: a leading dateline ("RIVERTON (NWS) — ") is dropped,
    and so is a person's age in apposition ("Combs, 55, appeared relieved"): every article of
    a story gives it beside the name, so as a figure it made any two claims about that person
    agree, whatever they say."""
    text = _DATELINE.sub("", sentence, count=1)
    if ", " not in text:
        return text
    return _AGE.sub(lambda m: "" if int(m.group(1)) <= OLDEST_AGE else m.group(0), text)


def stage_progress(on_progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """A step's (done, total) callback that reports as ``stage`` of the whole comparison."""
    if on_progress is None:
        return None
    return lambda done, total: on_progress(stage, done, total)


@collector_paused()
def analyse(
    documents: Sequence[Document],
    *,
    settings: Settings = DEFAULTS,
    on_progress: Progress | None = None,
    runner: Runner = AUTO,
    calibrate: bool | Calibration = True,
) -> Analysis:
    """Split, classify and score the candidate pairs of claims (the slow part).

    Only ``method``, ``all_pairs_up_to`` and ``candidates_per_claim`` of the settings matter
    here; the thresholds are applied later by :func:`label_analysis`. ``runner`` decides where
    the work runs (see :class:`~compare.runner.Runner`); the result is the same whatever it is.
    ``calibrate=False`` skips the layer fitted on real coverage and records its inputs instead,
    and a ``Calibration`` is used in its place (both for fitting it:
    ``training/fit_calibration.py``).
    """
    if not documents:
        raise SynopsisError("no articles to compare")
    sentences, kinds = _split_and_classify(documents, runner)
    claim_refs = tuple(
        (a, s)
        for a, article in enumerate(kinds)
        for s, kind in enumerate(article)
        if kind == "claim"
    )
    texts = [comparison_text(sentences[a][s].text) for a, s in claim_refs]
    article_of = np.fromiter((a for a, _ in claim_refs), dtype=np.int32, count=len(claim_refs))
    if on_progress:
        on_progress("preparing", 0, len(texts))
    cross_pairs = count_cross_pairs(article_of)
    # Big comparisons: the index searches in a worker while this process prepares the claims
    # (preparing them in workers too costs more in shipping fact sets back than it saves).
    with runner.pool("score", cross_pairs) as pool:
        index = pool.submit(
            candidate_pairs,
            texts,
            article_of,
            all_pairs_up_to=settings.all_pairs_up_to,
            per_claim=settings.candidates_per_claim,
        )
        prepared = pairs.prepare_claims(texts, article_of, method=settings.method)
        left, right = index.result()
    if on_progress:
        on_progress("scoring", 0, len(left))
    partial = len(left) < cross_pairs
    scores = pairs.score_pairs(
        prepared,
        left,
        right,
        partial=partial,
        runner=runner,
        calibrate=calibrate,
        on_progress=stage_progress(on_progress, "scoring"),
    )
    # A statement two articles quote: its sentences link in order (``statements``).
    aligned = aligned_pairs(sentences, claim_refs, scores.left, scores.right, scores.probability)
    scores = replace(scores, aligned=aligned)
    return Analysis(
        tuple(documents),
        sentences,
        kinds,
        claim_refs,
        scores,
        prepared.features.facts,
        pairs.resolved_method(prepared),
    )


ARTICLES_PER_SPLIT_TASK = 50


def _split_and_classify(
    documents: Sequence[Document], runner: Runner
) -> tuple[tuple[tuple[SplitSentence, ...], ...], tuple[tuple[Kind, ...], ...]]:
    """Every article's sentences and their kinds, big corpora on every core."""
    tasks = spans(len(documents), ARTICLES_PER_SPLIT_TASK)
    sentences: list[tuple[SplitSentence, ...]] = []
    kinds: list[tuple[Kind, ...]] = []
    for some in runner.map("split", len(documents), _split_some, documents, tasks):
        for rows, article_kinds in some:
            sentences.append(tuple(SplitSentence(*row) for row in rows))
            kinds.append(article_kinds)
    return tuple(sentences), tuple(kinds)


def _split_some(
    documents: Sequence[Document], bounds: tuple[int, int]
) -> list[tuple[list[tuple[str, BlockKind, bool, int]], tuple[Kind, ...]]]:
    """Split and classify some articles (runs in a worker). Sentences travel back as plain
    tuples: pickling a hundred thousand dataclasses costs more than the splitting saves."""
    done = []
    for document in documents[bounds[0] : bounds[1]]:
        found = split_blocks(document.blocks)
        rows = [(x.text, x.block, x.alone, x.line) for x in found]
        done.append((rows, tuple(classify_all(found))))
    return done


@collector_paused()
def label_analysis(
    analysis: Analysis, settings: Settings = DEFAULTS, *, runner: Runner = AUTO
) -> Comparison:
    """Turn scored pairs into labelled articles and claim groups under the given thresholds.

    Cheap next to :func:`analyse`, so the app can re-run it whenever a threshold changes. In a
    big comparison the claim groups align in a worker while this process ranks each claim's
    links and the other workers work out conflicts; ``runner`` decides (the result is the same).
    """
    refs = analysis.claim_refs
    ids = [article_id(a) for a in range(len(analysis.documents))]
    links = find_links(analysis.scores, settings)
    labels = claim_labels(len(refs), links)
    article_of = [a for a, _ in refs]
    conflicts = _ConflictsOnce(analysis.facts, co_named_organisations(analysis.facts, article_of))
    with runner.pool("label", len(links), analysis.facts) as pool:
        # Alignment is one long loop over the links: it runs in a worker meanwhile.
        grouping = pool.submit(
            align_groups,
            article_of,
            links.left,
            links.right,
            links.score,
            linkage=settings.group_linkage,
        )
        ranked = rank_links(links, len(refs), limit=settings.max_matches)
        owner = np.repeat(np.arange(len(refs)), np.diff(ranked.first))
        # Only pairs whose facts disagree can conflict (see PairScores.facts_disagree).
        suspects = np.flatnonzero(links.facts_disagree[ranked.link])
        pairs_in_doubt = list(
            zip(owner[suspects].tolist(), ranked.other[suspects].tolist(), strict=True)
        )
        started = conflicts.start(pairs_in_doubt, pool)
        matches = _matches_by_claim(
            refs, ids, links, ranked, suspects, pairs_in_doubt, conflicts, started
        )
        groups = grouping.result()
    matches = _with_group_matches(
        matches, groups, refs, ids, links, analysis.scores, conflicts, limit=settings.max_matches
    )
    groups.sort(key=lambda members: members[0])  # story order: first telling, in reading order
    group_of = [0] * len(refs)
    for number, members in enumerate(groups, start=1):
        for member in members:
            group_of[member] = number
    claim_at = {ref: claim for claim, ref in enumerate(refs)}

    articles = []
    for a, document in enumerate(analysis.documents):
        built: list[Sentence] = []
        for s, (split, kind) in enumerate(
            zip(analysis.sentences[a], analysis.kinds[a], strict=True)
        ):
            claim = claim_at.get((a, s))
            if claim is None:
                built.append(Sentence(s, split.text, kind, block=split.block))
                continue
            built.append(
                Sentence(
                    s,
                    split.text,
                    "claim",
                    labels[claim],
                    group_of[claim],
                    matches[claim],
                    split.block,
                )
            )
        claims = [x for x in built if x.kind == "claim"]
        counts, shares = article_scores(
            [x.words for x in claims],
            [x.label for x in claims if x.label is not None],
            non_claims=len(built) - len(claims),
        )
        articles.append(
            Article(
                id=ids[a],
                title=document.title,
                source=document.source,
                sentences=tuple(built),
                counts=counts,
                shares=shares,
                outlet=document.outlet,
                author=document.author,
                date=document.date,
                url=document.url,
                notes=document.notes,
            )
        )
    claim_groups = tuple(
        ClaimGroup(
            number,
            group_label(members, labels),
            tuple(Member(ids[refs[m][0]], refs[m][1]) for m in members),
        )
        for number, members in enumerate(groups, start=1)
    )
    return Comparison(tuple(articles), claim_groups, settings, analysis.method)


def _matches_by_claim(
    refs: Sequence[tuple[int, int]],
    ids: Sequence[str],
    links: Links,
    ranked: RankedLinks,
    suspects: np.ndarray,
    pairs_in_doubt: list[tuple[int, int]],
    conflicts: _ConflictsOnce,
    started: _Started,
) -> list[tuple[Match, ...]]:
    """Each claim's matches, in ``ranked`` order.

    ``suspects`` are the entries whose facts disagree and ``pairs_in_doubt`` their (claim, other)
    pairs, whose conflicts ``started`` is working out: the other matches are built meanwhile.
    Built column by column, since big comparisons have a million matches.
    """
    other, link = ranked.other, ranked.link
    article_of = np.fromiter((a for a, _ in refs), dtype=np.int64, count=len(refs))
    sentence_of = np.fromiter((s for _, s in refs), dtype=np.int64, count=len(refs))
    columns = (
        np.array(ids, dtype=object)[article_of[other]],
        sentence_of[other],
        np.round(links.score[link].astype(np.float64), 4),
        np.array(("paraphrased", "shared"), dtype=object)[links.shared[link].astype(np.int8)],
        links.verbatim_words[link],
    )
    aligned = np.zeros(len(link), dtype=bool) if links.aligned is None else links.aligned[link]
    via = np.array(("link", "statement"), dtype=object)[aligned.astype(np.int8)]

    def build(entries: np.ndarray, conflict: Iterable[_Conflicts]) -> list[Match]:
        found = (column[entries].tolist() for column in columns)
        return list(map(Match, *found, conflict, via[entries].tolist()))

    flat = np.empty(len(other), dtype=object)
    calm = np.ones(len(other), dtype=bool)
    calm[suspects] = False
    calm_entries = np.flatnonzero(calm)
    flat[calm_entries] = build(calm_entries, repeat((), len(calm_entries)))
    conflicts.finish(started)
    flat[suspects] = build(suspects, (conflicts.between(c, o) for c, o in pairs_in_doubt))
    built = flat.tolist()
    bounds = ranked.first.tolist()
    return [tuple(built[bounds[c] : bounds[c + 1]]) for c in range(len(refs))]


def _with_group_matches(
    matches: list[tuple[Match, ...]],
    groups: Sequence[Sequence[int]],
    refs: Sequence[tuple[int, int]],
    ids: Sequence[str],
    links: Links,
    scores: pairs.PairScores,
    conflicts: _ConflictsOnce,
    *,
    limit: int,
) -> list[tuple[Match, ...]]:
    """Each claim's matches, then its group's tellings in articles it has no link into.

    The app shows the claim group's member of every other article as the claim's counterpart,
    so the export lists those too (``via="group"``, with their own pair's score, strongest
    first, one per article, up to ``limit`` matches in all): what a claim is told with reads
    the same in the app and in every file. Labels come from links alone, so no label moves.
    """
    article_of = np.fromiter((a for a, _ in refs), dtype=np.int64, count=len(refs))
    room = limit - np.fromiter(map(len, matches), dtype=np.int64, count=len(matches))
    claim, other = group_counterparts_without_link(groups, links, article_of, room)
    if not len(claim):
        return matches
    n = len(refs)
    keys = pair_keys(claim, other, n)
    scored = pair_keys(scores.left, scores.right, n)
    by_key = np.argsort(scored, kind="stable")  # groups come from links: some pair is scored
    at = np.minimum(np.searchsorted(scored, keys, sorter=by_key), len(scored) - 1)
    rows = by_key[at]
    known = scored[rows] == keys  # else a pair the candidate index never scored: score 0
    probability = np.where(known, np.round(scores.probability[rows].astype(np.float64), 4), 0.0)
    # The closer telling of an article that tells the claim twice...
    into = article_of[other]
    by_article = np.lexsort((other, -probability, into, claim))
    first = np.r_[True, (np.diff(claim[by_article]) != 0) | (np.diff(into[by_article]) != 0)]
    kept = by_article[first]
    # ...then each claim's strongest, as many as it has room for.
    kept = kept[np.lexsort((other[kept], into[kept], -probability[kept], claim[kept]))]
    rank = np.arange(len(kept)) - np.searchsorted(claim[kept], claim[kept])
    kept = kept[rank < room[claim[kept]]]
    joined = list(matches)
    added: dict[int, list[Match]] = {}
    for c, o, score, row, scored_pair in zip(
        claim[kept].tolist(),
        other[kept].tolist(),
        probability[kept].tolist(),
        rows[kept].tolist(),
        known[kept].tolist(),
        strict=True,
    ):
        article, index = refs[o]
        copied = int(scores.verbatim_words[row]) if scored_pair else 0
        doubt = scored_pair and bool(scores.facts_disagree[row])
        conflict = conflicts.between(c, o) if doubt else ()
        added.setdefault(c, []).append(
            Match(ids[article], index, score, "paraphrased", copied, conflict, "group")
        )
    for c, found in added.items():
        joined[c] += tuple(found)
    return joined


CONFLICT_PAIRS_PER_TASK = 5_000


class _ConflictsOnce:
    """Fact conflicts of linked claims, worked out once per pair of fact sets.

    Claims with the same text share one fact set, so wire copy printed by many outlets is
    compared once; each answer lists the conflicts in the earlier claim's reading order and is
    read in both directions.
    """

    def __init__(self, facts: tuple[FactSet, ...], co_named: frozenset[frozenset[str]]) -> None:
        self.facts = facts
        self.co_named = co_named
        self.known: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}

    def _told_apart(self, found: _Conflicts) -> _Conflicts:
        """Without two organisations that one article names side by side: they are two
        names the story gives one body and its part ("the Federal Reserve", "the Federal Open
        Market Committee"), not two accounts of who acted."""
        if not self.co_named:
            return found
        return tuple(
            pair for pair in found if frozenset(t.casefold() for t in pair) not in self.co_named
        )

    def _key(self, claim: int, other: int) -> tuple[tuple[int, int], int, int]:
        low, high = (claim, other) if claim < other else (other, claim)
        return (id(self.facts[low]), id(self.facts[high])), low, high

    def start(self, pairs: list[tuple[int, int]], pool: Pool) -> _Started:
        """Begin working out the conflicts of these (claim, other) pairs in the pool."""
        wanted: dict[tuple[int, int], tuple[int, int]] = {}
        for claim, other in pairs:
            key, low, high = self._key(claim, other)
            if key not in self.known:
                wanted.setdefault(key, (low, high))
        todo = list(wanted.values())
        tasks = [todo[start:stop] for start, stop in spans(len(todo), CONFLICT_PAIRS_PER_TASK)]
        return todo, pool.map(_conflicts_of, tasks)

    def finish(self, started: _Started) -> None:
        """Collect what :meth:`start` began."""
        todo, results = started
        found = (conflict for chunk in results for conflict in chunk)
        for (low, high), conflict in zip(todo, found, strict=True):
            self.known[self._key(low, high)[0]] = self._told_apart(conflict)

    def between(self, claim: int, other: int) -> tuple[tuple[str, str], ...]:
        """Conflicting facts as (this claim's, the other's)."""
        key, low, high = self._key(claim, other)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._told_apart(
                find_conflicts(self.facts[low], self.facts[high])
            )
        return found if claim == low else tuple((b, a) for a, b in found)


_Conflicts = tuple[tuple[str, str], ...]


def co_named_organisations(
    facts: Sequence[FactSet], article_of: Sequence[int]
) -> frozenset[frozenset[str]]:
    """Pairs of organisations (their names, case folded) that some article names both of,
    among its claims."""
    named: dict[int, set[str]] = {}
    for claim_facts, article in zip(facts, article_of, strict=True):
        for fact in claim_facts.facts:
            if fact.kind == "name" and fact.role == "org":
                named.setdefault(article, set()).add(fact.text.casefold())
    return frozenset(
        frozenset(pair) for names in named.values() for pair in combinations(sorted(names), 2)
    )


_Started = tuple[list[tuple[int, int]], Iterator[list[_Conflicts]]]


def _conflicts_of(facts: tuple[FactSet, ...], pairs: list[tuple[int, int]]) -> list[_Conflicts]:
    """Conflicts of (earlier claim, later claim) pairs (runs in a worker)."""
    return [find_conflicts(facts[low], facts[high]) for low, high in pairs]


def compare_documents(
    documents: Sequence[Document],
    *,
    settings: Settings = DEFAULTS,
    on_progress: Progress | None = None,
    runner: Runner = AUTO,
) -> Comparison:
    """Compare loaded documents: every claim labelled, grouped and scored."""
    analysis = analyse(documents, settings=settings, on_progress=on_progress, runner=runner)
    return label_analysis(analysis, settings, runner=runner)


def compare_texts(texts: Sequence[str], *, settings: Settings = DEFAULTS) -> Comparison:
    """Compare articles given as Markdown strings (handy in tests and notebooks)."""
    from .load import document_from_blocks, parse_markdown

    documents = [
        document_from_blocks(parse_markdown(text), source=f"<text {article_id(n)}>")
        for n, text in enumerate(texts)
    ]
    return compare_documents(documents, settings=settings)


def order_documents(documents: Sequence[Document], sort: SortOrder) -> list[Document]:
    """Put documents in the order asked for; undated ones keep their place after dated ones."""
    if sort == "date":
        return sorted(documents, key=lambda doc: (doc.date is None, doc.date or ""))
    return list(documents)


@collector_paused()
def load_and_compare(
    sources: Sequence[str],
    *,
    settings: Settings = DEFAULTS,
    sort: SortOrder = "given",
    refresh: bool = False,
    on_progress: Progress | None = None,
    runner: Runner = AUTO,
) -> tuple[Analysis, tuple[str, ...]]:
    """Load sources and score them; return the analysis and one line per skipped source.

    Raises:
        SynopsisError: when no source could be loaded.
    """
    documents, problems = load_documents(
        sources, sort=sort, refresh=refresh, on_progress=on_progress
    )
    analysis = analyse(documents, settings=settings, on_progress=on_progress, runner=runner)
    return analysis, problems


def load_documents(
    sources: Sequence[str],
    *,
    sort: SortOrder = "given",
    refresh: bool = False,
    on_progress: Progress | None = None,
) -> tuple[list[Document], tuple[str, ...]]:
    """Load sources in the order asked for; return the documents and one line per skipped source.

    Raises:
        SynopsisError: when no source could be loaded.
    """
    loaded = load_sources(
        sources,
        refresh=refresh,
        on_progress=stage_progress(on_progress, "loading"),
    )
    problems = tuple(str(problem) for problem in loaded.problems)
    if not loaded.documents:
        if len(problems) == 1:
            raise SynopsisError(problems[0])
        raise SynopsisError("no source could be loaded:\n  " + "\n  ".join(problems))
    return order_documents(loaded.documents, sort), problems


def compare_sources(
    sources: Sequence[str],
    *,
    settings: Settings = DEFAULTS,
    sort: SortOrder = "given",
    refresh: bool = False,
    on_progress: Progress | None = None,
    runner: Runner = AUTO,
    stories: StoryChoice = "auto",
) -> tuple[Comparison, tuple[str, ...]]:
    """Load and compare paths, folders or URLs; return the result and one line per skipped source.

    A corpus of ``STORIES_FROM`` articles or more is first grouped into stories, and each
    story compared on its own (``stories`` forces it on or off; see :mod:`compare.stories`).

    Raises:
        SynopsisError: when no source could be loaded.
    """
    documents, problems = load_documents(
        sources, sort=sort, refresh=refresh, on_progress=on_progress
    )
    return compare_loaded(
        documents,
        story_numbers(documents, stories, on_progress=on_progress),
        settings=settings,
        on_progress=on_progress,
        runner=runner,
    ), problems


def story_numbers(
    documents: Sequence[Document],
    choice: StoryChoice = "auto",
    *,
    on_progress: Progress | None = None,
    stories_from: int = STORIES_FROM,
) -> tuple[int, ...] | None:
    """Each document's story, or None when the corpus is compared as one (small, or ``off``).

    ``stories_from`` moves the ``auto`` size (tests open a multi-story app on a few articles).
    """
    if choice == "off" or (choice == "auto" and len(documents) < stories_from):
        return None
    from .stories import find_stories

    if on_progress:
        on_progress("grouping", 0, len(documents))
    found = find_stories(documents)
    if on_progress:
        on_progress("grouping", len(documents), len(documents))
    return found


def compare_loaded(
    documents: Sequence[Document],
    stories: Sequence[int] | None,
    *,
    settings: Settings = DEFAULTS,
    on_progress: Progress | None = None,
    runner: Runner = AUTO,
) -> Comparison:
    """Compare loaded documents as one (``stories`` None) or story by story, into one result."""
    if stories is None:
        analysis = analyse(documents, settings=settings, on_progress=on_progress, runner=runner)
        if on_progress:
            on_progress("labelling", 0, len(analysis.claim_refs))
        comparison = label_analysis(analysis, settings, runner=runner)
        if on_progress:
            on_progress("labelling", len(analysis.claim_refs), len(analysis.claim_refs))
        return comparison
    from .stories import assemble

    return assemble(
        compare_by_story(
            documents,
            stories,
            settings=settings,
            runner=runner,
            on_progress=stage_progress(on_progress, "stories"),
        )
    )


def compare_by_story(
    documents: Sequence[Document],
    stories: Sequence[int],
    *,
    settings: Settings = DEFAULTS,
    runner: Runner = SERIAL,
    on_progress: Callable[[int, int], None] | None = None,
) -> Iterator[StoryResult]:
    """Compare each story on its own, the stories spread over the runner; yield them in order.

    Article ids (A, B, … in the order given) and claim group numbers (story after story) are
    those of the whole corpus, so the stories add up to one comparison
    (:func:`~compare.stories.assemble`). Results are yielded as stories finish, in story order,
    so a caller can write each and let it go.

    Args:
        documents: Every article, in the order given.
        stories: The story number of each (:func:`~compare.stories.find_stories`).
        settings: As for one comparison.
        runner: Where the stories run; each story runs serially inside one task.
        on_progress: Called with (articles done, articles in all).
    """
    members = story_members(stories)
    pieces: list[StoryPiece] = []
    current: list[tuple[int, tuple[int, ...], tuple[Document, ...]]] = []
    size = 0
    for story, told_by in enumerate(members):
        current.append((story, tuple(told_by), tuple(documents[n] for n in told_by)))
        size += len(told_by)
        if size >= ARTICLES_PER_STORY_TASK:
            pieces.append(tuple(current))
            current, size = [], 0
    if current:
        pieces.append(tuple(current))
    offset = 0
    done = 0
    for results in runner.map("stories", len(documents), _compare_stories, settings, pieces):
        for result in results:
            yield with_groups_from(result, offset)  # only the group numbers wait for the order
            offset += len(result.groups)
            done += len(result.articles)
            if on_progress:
                on_progress(done, len(documents))


def _compare_stories(settings: Settings, piece: StoryPiece) -> list[StoryResult]:
    """Compare some stories, each on its own and serially (runs in a worker), with the corpus's
    article ids already: renumbering every match is work the workers share, where the process
    that gathers the stories would do it alone. Claim groups are numbered from 1 per story."""
    done = []
    for story, numbers, documents in piece:
        analysis = analyse(documents, settings=settings, runner=SERIAL)
        comparison = label_analysis(analysis, settings, runner=SERIAL)
        done.append(renumbered(story, comparison, corpus_ids(numbers), 0))
    return done
