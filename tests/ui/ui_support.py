"""Helpers for the app tests: a frozen comparison of the fixture articles, and app builders.

The app tests read comparisons frozen to JSON (``fixtures/panda-4.json``, ``panda-6.json``,
and ``many-60.json``: sixty short generated articles, for picking) rather than running the
engine, so a change in the engine's scoring cannot move the app's snapshots. Refresh them after
an intended engine change with ``python tests/ui/ui_support.py`` and look at the snapshot diffs.
A few tests still run the real engine on the fixture articles, end to end.
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from compare.results import (  # noqa: E402
    Article,
    ClaimGroup,
    Comparison,
    Counts,
    Match,
    Member,
    Sentence,
    Shares,
)
from compare.settings import DEFAULTS, Settings  # noqa: E402
from tui.story import Story  # noqa: E402

FIXTURES = HERE / "fixtures"
PANDA = FIXTURES / "panda"
PANDA_FILES = sorted(str(p.relative_to(ROOT)) for p in PANDA.glob("*.md"))
FROZEN = {count: FIXTURES / f"panda-{count}.json" for count in (4, 6)}
"""The engine's result on the first four fixture articles, and on all six."""
SETTINGS: Settings = DEFAULTS.with_changes(method="lexical")
"""Lexical scoring: no model files, the same result on every machine."""
MANY = FIXTURES / "many-60.json"
"""Sixty short generated articles: more than the app shows without picking."""
MANY_COUNT = 60
THEME = "textual-dark"


def freeze(comparison: Comparison) -> dict[str, Any]:
    return dataclasses.asdict(comparison)


def thaw(data: dict[str, Any]) -> Comparison:
    def sentence(s: dict[str, Any]) -> Sentence:
        matches = tuple(
            Match(**{**m, "conflict": tuple(tuple(pair) for pair in m.get("conflict", ()))})
            for m in s["matches"]
        )
        return Sentence(**{**s, "matches": matches})

    articles = tuple(
        Article(
            **{
                **a,
                "sentences": tuple(sentence(s) for s in a["sentences"]),
                "counts": Counts(**a["counts"]),
                "shares": Shares(**a["shares"]),
                "notes": tuple(a.get("notes", ())),
            }
        )
        for a in data["articles"]
    )
    groups = tuple(
        ClaimGroup(g["id"], g["label"], tuple(Member(**m) for m in g["members"]))
        for g in data["groups"]
    )
    recorded = dict(data["settings"])
    method_used = recorded.pop("method_used")
    return Comparison(articles, groups, Settings(**recorded), method_used)


def frozen_comparison(articles: int | None = None) -> Comparison:
    """The frozen engine result on the first 4 fixture articles or all 6 (the default).

    Other counts cut the 6-article result down (labels then still count the articles cut).
    """
    count = 6 if articles is None else articles
    if count in FROZEN:
        return thaw(json.loads(FROZEN[count].read_text(encoding="utf-8")))
    return cut(thaw(json.loads(FROZEN[6].read_text(encoding="utf-8"))), count)


def many_comparison() -> Comparison:
    """The frozen engine result on sixty short generated articles (see ``many_texts``)."""
    return thaw(json.loads(MANY.read_text(encoding="utf-8")))


STORY_CLAIMS = (
    "The Harlow ferry lost engine power in the middle of the estuary on Tuesday evening.",
    "Two hundred and twelve passengers were on board when the engine failed.",
    "A coastguard lifeboat towed the vessel back to Harlow pier shortly before midnight.",
    "Nobody was injured, according to the ferry operator Estline.",
    "Estline said a cracked fuel pipe had starved the engine of diesel.",
    "The same ferry broke down twice last winter.",
    "Passengers were given blankets and hot drinks while they waited.",
    "The crossing will stay suspended until inspectors have examined the hull.",
    "The maritime safety agency has opened an investigation into the breakdown.",
    "Local councillor Dina Marsh called for a replacement vessel before the summer.",
    "Commuters face a ninety-minute detour by road while the service is halted.",
    "Estline will refund every ticket bought for this week.",
)
"""The claims the generated articles share: each tells three to five of them."""
REWORDINGS = (
    ("engine", "motor"), ("passengers", "travellers"), ("said", "stated"), ("vessel", "boat"),
    ("Tuesday evening", "Tuesday night"), ("halted", "stopped"),
)  # fmt: skip


def own_claims() -> list[str]:
    """Sentences of other stories (the bundled samples), each told by one generated article."""
    from compare.split import split_line

    sentences: list[str] = []
    for path in sorted((ROOT / "samples").glob("*/0[12]-*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                sentences += [s for s in split_line(line) if 8 <= len(s.split()) <= 30]
    return sentences


def many_texts(count: int = MANY_COUNT, *, seed: int = 7) -> list[str]:
    """Short Markdown articles on one ferry breakdown, seeded: shared, reworded and own claims.

    Each tells three to five of ``STORY_CLAIMS`` (some reworded) and none to two claims of its
    own, so their uniqueness ranges from 0 to about a half.
    """
    rng = random.Random(seed)
    asides = own_claims()
    rng.shuffle(asides)
    texts = []
    for number in range(count):
        body = []
        for claim in rng.sample(STORY_CLAIMS, rng.randint(3, 5)):
            if rng.random() < 0.4:
                for old, new in rng.sample(REWORDINGS, 2):
                    claim = claim.replace(old, new)
            body.append(claim)
        for _ in range(number % 3 if asides else 0):
            body.insert(rng.randint(1, len(body)), asides.pop())
        texts.append(f"# Ferry report {number + 1}\n\n" + "\n\n".join(body) + "\n")
    return texts


def cut(comparison: Comparison, articles: int) -> Comparison:
    """Keep the first articles only, dropping links and group members that point elsewhere.

    Labels and scores stay as computed for the full set: good enough for views and navigation.
    """
    keep = {a.id for a in comparison.articles[:articles]}
    kept_articles = tuple(
        dataclasses.replace(
            a,
            sentences=tuple(
                dataclasses.replace(s, matches=tuple(m for m in s.matches if m.article in keep))
                for s in a.sentences
            ),
        )
        for a in comparison.articles[:articles]
    )
    groups = []
    for g in comparison.groups:
        members = tuple(m for m in g.members if m.article in keep)
        if members:
            groups.append(dataclasses.replace(g, members=members))
    return Comparison(kept_articles, tuple(groups), comparison.settings, comparison.method_used)


def with_conflict(
    comparison: Comparison, article: str, index: int, values: tuple[str, str]
) -> Comparison:
    """Give one claim's first link a disagreeing fact (the engine may find none)."""
    articles = []
    for a in comparison.articles:
        if a.id != article:
            articles.append(a)
            continue
        sentences = list(a.sentences)
        s = sentences[index]
        first, *rest = s.matches
        sentences[index] = dataclasses.replace(
            s, matches=(dataclasses.replace(first, conflict=(values,)), *rest)
        )
        articles.append(dataclasses.replace(a, sentences=tuple(sentences)))
    return dataclasses.replace(comparison, articles=tuple(articles))


def regenerate() -> None:
    """Re-run the engine on the fixture articles and rewrite the frozen comparisons."""
    from compare.pipeline import compare_sources, compare_texts

    for count, path in FROZEN.items():
        comparison, problems = compare_sources(PANDA_FILES[:count], settings=SETTINGS)
        assert not problems, problems
        text = json.dumps(freeze(comparison), indent=1, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    # Three links a claim at most keep the file small; labels still count every link.
    many = compare_texts(many_texts(), settings=SETTINGS.with_changes(max_matches=3))
    text = json.dumps(freeze(many), ensure_ascii=False, separators=(",", ":")) + "\n"
    MANY.write_text(text, encoding="utf-8")
    print(f"wrote {MANY.relative_to(ROOT)}")


if __name__ == "__main__":
    regenerate()


# -- checks shared by the app tests -------------------------------------------------------------


async def settle(app: Any, pilot: Any) -> None:
    """Let every worker the last key started finish, then let the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def selected(app: Any) -> tuple[str, int]:
    """The selection, which the app must have."""
    ref = app.reader.selected
    assert ref is not None, "the selection was lost"
    return ref  # type: ignore[no-any-return]


def story_of(app: Any) -> Story:
    """The navigation index of what the app shows."""
    story = app.reader.story
    assert story is not None
    return story  # type: ignore[no-any-return]


def comparison_of(app: Any) -> Comparison:
    """The comparison the app shows."""
    comparison = app.comparison
    assert comparison is not None
    return comparison  # type: ignore[no-any-return]


def assert_selection_visible(app: Any) -> None:
    """The selection exists, its pane is on screen, and its first line is in view."""
    reader = app.reader
    assert reader.selected is not None, "the selection was lost"
    article, index = reader.selected
    pane = reader.panes[article]
    assert pane.display, f"pane {article} holding the selection is not on screen"
    assert pane.view.is_shown(index), f"{article}·{index} is hidden"
    assert pane.view.on_screen(index), f"{article}·{index} is scrolled out of view"
    assert pane.view.selected == index


def row_on_screen(app: Any, article: str, index: int) -> int:
    """The screen row of a sentence's first line."""
    view = app.reader.panes[article].view
    span = view.span(index)
    assert span is not None
    return view.content_region.y + span[0] - round(view.scroll_y)


def twelve(comparison: Comparison) -> Comparison:
    """Twelve articles: the six fixture articles, then copies of them as G to L (unlinked).

    For paging and switching with many panes; the copies keep their labels but link to nothing.
    """
    copies = []
    for offset, article in enumerate(comparison.articles[: 12 - len(comparison.articles)]):
        new_id = chr(ord("A") + len(comparison.articles) + offset)
        copies.append(
            dataclasses.replace(
                article,
                id=new_id,
                sentences=tuple(
                    dataclasses.replace(s, matches=(), group=None) for s in article.sentences
                ),
            )
        )
    return dataclasses.replace(comparison, articles=(*comparison.articles, *copies))
