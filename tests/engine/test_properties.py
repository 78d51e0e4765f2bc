"""Properties that must hold for any input: hypothesis builds the articles."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.pipeline import compare_texts
from compare.results import LABELS, Comparison

FIRST_HALF = [chr(c) for c in range(ord("b"), ord("m"))]
SECOND_HALF = [chr(c) for c in range(ord("n"), ord("z"))]


def words(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=3, max_size=9)


def sentences(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.lists(words(alphabet), min_size=6, max_size=14).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )


def articles(alphabet: list[str]) -> st.SearchStrategy[str]:
    return st.lists(sentences(alphabet), min_size=1, max_size=6).map(lambda ss: " ".join(ss))


POOL = [
    "The Riverton council voted 7-2 on Tuesday to build a pedestrian bridge.",
    "The bridge will cost $12.5 million and is due to open in 2028.",
    "Mayor Ana Ruiz said the bridge connects two halves of the town.",
    "Construction will begin in March, the city said.",
    "Shop owners hope the bridge brings more customers to Front Street.",
    "Environmental groups warned that the work could disturb nesting herons.",
    "Two council members voted against the plan, citing its cost.",
    "Officials expect the crossing to open in the spring of 2028.",
]
pool_article = st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True).map(" ".join)
RUN = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def claims(comparison: Comparison, article: int) -> list:
    return [s for s in comparison.articles[article].sentences if s.kind == "claim"]


@RUN
@given(articles(FIRST_HALF))
def test_identical_articles_are_all_shared(text: str) -> None:
    comparison = compare_texts([text, text])
    for article in range(2):
        assert claims(comparison, article)
        assert {s.label for s in claims(comparison, article)} == {"shared"}


@RUN
@given(articles(FIRST_HALF), articles(SECOND_HALF))
def test_unrelated_articles_are_all_unique(first: str, second: str) -> None:
    comparison = compare_texts([first, second])
    for article in comparison.articles:
        assert all(s.label == "unique" for s in article.sentences if s.kind == "claim")
        assert article.uniqueness == 1.0


@RUN
@given(st.lists(pool_article, min_size=2, max_size=4))
def test_every_claim_has_exactly_one_label_and_group(texts: list[str]) -> None:
    comparison = compare_texts(texts)
    grouped = [(m.article, m.index) for g in comparison.groups for m in g.members]
    assert len(grouped) == len(set(grouped))
    for article in comparison.articles:
        for sentence in article.sentences:
            if sentence.kind == "claim":
                assert sentence.label in LABELS
                assert (article.id, sentence.index) in grouped
            else:
                assert sentence.label is None and sentence.group is None
        shares = article.shares
        assert abs(shares.shared + shares.paraphrased + shares.unique - 1.0) < 1e-9
        assert 0.0 <= article.uniqueness <= 1.0
        for sentence in article.sentences:
            for match in sentence.matches:
                assert 0.0 <= match.score <= 1.0 and match.article != article.id


@RUN
@given(st.lists(pool_article, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_article_order(texts: list[str], random) -> None:
    order = list(range(len(texts)))
    random.shuffle(order)
    forward = compare_texts(texts)
    shuffled = compare_texts([texts[i] for i in order])
    for new_position, old_position in enumerate(order):
        before = forward.articles[old_position]
        after = shuffled.articles[new_position]
        assert [s.label for s in after.sentences] == [s.label for s in before.sentences]
        assert after.uniqueness == before.uniqueness


@RUN
@given(st.lists(pool_article, min_size=2, max_size=4))
def test_label_group_and_counts_tell_one_story(texts: list[str]) -> None:
    """A claim labelled shared or paraphrased shares its claim group with another article's
    claim it links to; a unique claim is alone in its group; counts follow the labels."""
    comparison = compare_texts(texts)
    group_of = {(m.article, m.index): g for g in comparison.groups for m in g.members}
    for article in comparison.articles:
        for sentence in article.claims():
            group = group_of[(article.id, sentence.index)]
            others = {(m.article, m.index) for m in group.members if m.article != article.id}
            linked = {(m.article, m.index) for m in sentence.matches if m.via == "link"}
            if sentence.label == "unique":
                assert not others and not sentence.matches
            else:
                assert others & linked, (sentence.text, others, linked)
        counted = {label: 0 for label in LABELS}
        for sentence in article.claims():
            counted[sentence.label] += 1
        assert (article.counts.shared, article.counts.paraphrased, article.counts.unique) == (
            counted["shared"],
            counted["paraphrased"],
            counted["unique"],
        )


@RUN
@given(st.lists(pool_article, min_size=2, max_size=4))
def test_matches_name_every_article_of_the_claim_group_and_links_decide_the_label(
    texts: list[str],
) -> None:
    """What the app shows as a claim's counterparts (its group's claim in every other article)
    is what the export lists: each such article is matched, directly or through the group, and
    only direct links decide the label."""
    comparison = compare_texts(texts)
    limit = comparison.settings.max_matches
    group_of = {(m.article, m.index): g for g in comparison.groups for m in g.members}
    for article in comparison.articles:
        for sentence in article.claims():
            group = group_of[(article.id, sentence.index)]
            told_in = {m.article for m in group.members if m.article != article.id}
            matched = {m.article for m in sentence.matches}
            if len(sentence.matches) < limit:
                assert told_in <= matched, (sentence.text, told_in, matched)
            by_group = [m for m in sentence.matches if m.via == "group"]
            assert all(m.label == "paraphrased" for m in by_group)
            assert all(
                (m.article, m.index) in {(x.article, x.index) for x in group.members}
                for m in by_group
            )
            links = [m for m in sentence.matches if m.via == "link"]
            expected = (
                "shared"
                if any(m.label == "shared" for m in links)
                else "paraphrased"
                if links
                else "unique"
            )
            assert sentence.label == expected
