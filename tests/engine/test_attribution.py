"""Reported speech: two things one person said are two claims (``compare.scoring.attribution``).

The press conference below is written for these tests, in the shape real coverage gives one:
every outlet frames the mayor's words the same way ("Mayor Ana Ruiz told reporters ...").
"""

from __future__ import annotations

import numpy as np
import pytest

from compare.pipeline import compare_texts
from compare.scoring import attribution, pairs
from compare.scoring.attribution import what_was_said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        pytest.param(
            "“The labor market is really cooling off,” Fed Chair Jerome Powell told reporters "
            "after the decision.",
            "The labor market is really cooling off",
            id="the quote first, then who said it",
        ),
        pytest.param(
            "Chair Jerome Powell told reporters the decision was intended as a “risk "
            "management” step.",
            "the decision was intended as a “risk management” step.",
            id="who said it first, then what",
        ),
        pytest.param(
            "Mayor Ana Ruiz told reporters on Monday that the bridge would stay shut until March.",
            "the bridge would stay shut until March.",
            id="with an occasion and 'that'",
        ),
        pytest.param(
            "The labor market has softened considerably, Powell said on Wednesday.",
            "The labor market has softened considerably",
            id="who said it last",
        ),
        pytest.param(
            "According to the mayor, the ferry will run every 20 minutes.",
            "the ferry will run every 20 minutes.",
            id="according to",
        ),
        pytest.param(
            "The port’s latest service notice said, “Ferries will run every 20 minutes.",
            "“Ferries will run every 20 minutes.",
            id="what someone put out speaks",
        ),
        pytest.param(
            "The authority said the ferry will run every 20 minutes.",
            "the ferry will run every 20 minutes.",
            id="'the' and a noun speak",
        ),
        pytest.param(
            "As of the evening update, the port said ferries were running again.",
            "ferries were running again.",
            id="a phrase before who speaks",
        ),
        pytest.param(
            "City engineers said there is no sign the bridge has shifted.",
            "there is no sign the bridge has shifted.",
            id="a group named by who they work for speaks",
        ),
        pytest.param(
            "Harbor Authority inspectors warned the ferry could not sail until March.",
            "the ferry could not sail until March.",
            id="a group named by an organisation speaks",
        ),
        pytest.param(
            "Ferry fares rose 4% in March.",
            None,
            id="capitals and a plural without a verb of saying are no speech",
        ),
        pytest.param("The bridge will stay shut until March.", None, id="no one speaks"),
        pytest.param(
            "In the evening, the ferries were running again.",
            None,
            id="a phrase before a plain claim is no speech",
        ),
        pytest.param(
            "The National Hurricane Center confirmed that the eye crossed the coast.",
            None,
            id="a fact confirmed is no speech",
        ),
        pytest.param(
            "The city said.",
            None,
            id="a frame with nothing said",
        ),
    ],
)
def test_what_was_said_is_read_without_who_said_it(text: str, said: str | None) -> None:
    assert what_was_said(text) == said


PRESS_CONFERENCE = [
    "Mayor Ana Ruiz told reporters on Monday that the Kessel Street bridge would stay shut "
    "until March.\n"
    "Inspectors found a second crack in the north girder last week, the city said.\n"
    "The repairs will cost about $14 million, according to the public works department.\n"
    "Ferries will keep running every 20 minutes while the bridge is closed.\n"
    'Mayor Ana Ruiz told reporters the closure was "the hardest call of my term."',
    '"We will not reopen a bridge we cannot trust," Mayor Ana Ruiz told reporters on Monday.\n'
    "The city expects the Kessel Street bridge to remain closed until March.\n"
    "A second crack turned up in the north girder during last week's inspection.\n"
    "Repairs are expected to cost roughly $14 million.\n"
    "The free ferry will run every 20 minutes for as long as the bridge stays closed.",
    "The Kessel Street bridge will not reopen before March, Mayor Ana Ruiz said on Monday.\n"
    "City inspectors discovered another crack in a main girder last week.\n"
    "The work is budgeted at $14 million.\n"
    "Commuters can keep using the ferry, which leaves every 20 minutes.\n"
    "Local shops near the bridge say business has fallen by half since the closure.",
    "Harbor City's mayor said the bridge will stay closed until March after a new crack was "
    "found.\n"
    "The repair bill is put at $14 million.\n"
    "Ferry service continues every 20 minutes.\n"
    "The council will vote next week on an emergency fund for affected businesses.",
]


def _sentence(comparison, article: str, start: str):  # type: ignore[no-untyped-def]
    found = next(a for a in comparison.articles if a.id == article)
    return next(s for s in found.sentences if s.text.startswith(start))


def test_two_things_the_mayor_told_reporters_are_two_claims() -> None:
    comparison = compare_texts(PRESS_CONFERENCE)
    hardest_call = _sentence(comparison, "A", "Mayor Ana Ruiz told reporters the closure")
    assert hardest_call.label == "unique"
    assert hardest_call.matches == ()
    # What she said twice, framed twice, is still told together.
    until_march = _sentence(comparison, "A", "Mayor Ana Ruiz told reporters on Monday")
    assert ("C", 0) in {(m.article, m.index) for m in until_march.matches}


def test_setting_frames_aside_never_raises_a_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    with_rule = compare_texts(PRESS_CONFERENCE)
    monkeypatch.setattr(pairs, "set_frames_aside", lambda prepared, left, right, z, **_: z)
    without = compare_texts(PRESS_CONFERENCE)

    def scores(comparison) -> dict[tuple[str, int, str, int], float]:  # type: ignore[no-untyped-def]
        return {
            (a.id, s.index, m.article, m.index): m.score
            for a in comparison.articles
            for s in a.sentences
            for m in s.matches
            if m.via == "link"
        }

    kept, before = scores(with_rule), scores(without)
    assert set(kept) < set(before), "the rule only takes links away"
    assert all(kept[pair] <= before[pair] + 1e-9 for pair in kept)
    assert np.isclose(kept[("A", 0, "C", 0)], before[("A", 0, "C", 0)], atol=0.05), (
        "the same words said twice keep their score"
    )


HALE = (
    "Governor Tom Hale has repeatedly criticized Mayor Ana Ruiz's handling of the bridge closure."
)
HARDEST_CALL = 'Mayor Ana Ruiz told reporters the closure was "the hardest call of my term."'


def _with_a_critic() -> list[str]:
    texts = list(PRESS_CONFERENCE)
    texts[2] += "\n" + HALE
    return texts


def test_what_someone_said_is_not_a_plain_claim_about_someone_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The mayor's words against a claim about what the governor did to her: they share her
    name and title, not a claim. Without the one-sided reading (no subject found) they link."""
    hardest = _sentence(compare_texts(_with_a_critic()), "A", "Mayor Ana Ruiz told reporters the")
    critic = _sentence(compare_texts(_with_a_critic()), "C", "Governor Tom Hale")
    assert ("C", critic.index) not in {(m.article, m.index) for m in hardest.matches}
    monkeypatch.setattr(attribution, "subject_names", lambda text: frozenset())
    hardest = _sentence(compare_texts(_with_a_critic()), "A", "Mayor Ana Ruiz told reporters the")
    assert ("C", critic.index) in {(m.article, m.index) for m in hardest.matches}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Governor Tom Hale has criticized the mayor.", {"governor", "tom", "hale"}),
        ("Trump’s team has criticized Powell.", {"trump"}),
        ("The council has criticized the mayor.", set()),
        ("In March, Hale criticized the mayor.", {"hale"}),
        ("She criticized the mayor.", set()),
    ],
)
def test_a_plain_claim_is_about_the_names_it_opens_with(text: str, names: set[str]) -> None:
    assert attribution.subject_names(text) == names


def test_who_speaks_is_read_from_the_frame() -> None:
    said = what_was_said(HARDEST_CALL)
    assert said is not None
    assert attribution.speaker_names(HARDEST_CALL, said) == {"mayor", "ana", "ruiz"}
    she = "She told reporters the closure was the hardest call of her term."
    assert attribution.speaker_names(she, what_was_said(she) or "") == set()
