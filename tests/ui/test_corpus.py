"""The app's hold on a big folder (``tui/corpus.py``): story summaries, and the stories put back
together as the command line writes them, after any story was re-labelled on its own."""

from __future__ import annotations

from dataclasses import replace

from ui_support import SETTINGS

from benchmarks.stories import generated
from compare.pipeline import analyse, compare_by_story, label_analysis
from compare.stories import assemble, find_stories
from tui.corpus import Corpus, typical_title
from tui.widgets.story_list import date_span


def test_the_typical_title_is_the_headline_sharing_most_words_with_the_others() -> None:
    titles = [
        "Mayor quits",
        "Harbor bridge closed after crack found",
        "Crack found in harbor bridge girder",
        "Port shuts harbor bridge",
    ]
    # The second and third tie (six shared words each): the first of them, in the order given.
    assert typical_title(titles) == "Harbor bridge closed after crack found"
    assert typical_title(["Only one"]) == "Only one"


def test_a_corpus_summarises_each_story_and_adds_up_as_the_command_line_does() -> None:
    documents, _ = generated(14, seed=7)
    documents = [
        replace(d, date=f"2026-03-{10 + n % 3:02d}", outlet=f"Outlet {n % 2}")
        for n, d in enumerate(documents)
    ]
    stories = find_stories(documents)
    results = list(compare_by_story(documents, stories, settings=SETTINGS))
    corpus = Corpus(documents, stories, results)
    assert len(corpus) == max(stories) + 1
    assert corpus.whole() == assemble(results)
    first = corpus.summaries[0]
    told = [n for n, s in enumerate(stories) if s == 0]
    assert first.articles == len(told)
    assert first.outlets == len({n % 2 for n in told})
    assert first.first_date == min(f"2026-03-{10 + n % 3:02d}" for n in told)
    assert date_span(first).startswith(first.first_date or "")

    # One story re-labelled on its own: the stories still add up, groups numbered 1, 2, 3, …
    # story after story, as a comparison of every story under those settings numbers them.
    looser = SETTINGS.with_changes(paraphrase_at=0.3)
    analysis = analyse(corpus.documents_of(0), settings=looser)
    corpus.store_comparison(0, corpus.renumber(0, label_analysis(analysis, looser)))
    assert corpus.stale(SETTINGS) == [0]
    whole = corpus.whole()
    assert [g.id for g in whole.groups] == list(range(1, len(whole.groups) + 1))
    numbers = {g.id for g in whole.groups}
    assert all(
        s.group in numbers for a in whole.articles for s in a.sentences if s.group is not None
    )
    # And back under the first settings: exactly what the command line writes.
    analysis = analyse(corpus.documents_of(0), settings=SETTINGS)
    corpus.store_comparison(0, corpus.renumber(0, label_analysis(analysis, SETTINGS)))
    assert corpus.stale(SETTINGS) == []
    assert corpus.whole() == assemble(results)
