"""Step 4, score pairs (continued): two things one person said are two claims.

Coverage of a press conference or a statement frames every quote the same way: "Chair Jerome
Powell told reporters the decision was a 'risk management' step" and "'The labor market is
really cooling off,' Fed Chair Jerome Powell told reporters after the decision" share a speaker,
his title and the verb, and the scorer reads the frame as the claim. When both claims of a pair
report what someone said, the pair is scored again on what each says was said, frame set
aside, and it loses what the frame alone gave it (``pairs.score_pairs``). The same words said
twice keep their score.

A report of speech against a plain claim is judged the same way only when the plain claim is
about someone else: "Chair Jerome Powell told reporters the decision was a 'risk management'
step" against "Trump has repeatedly criticized Fed Chair Jerome Powell's leadership" share
Powell's name and title, not a claim. When the plain claim's subject is the speaker ("Halvorsen
said it will build a plant" against "Halvorsen will spend $1.4 billion"), or either names no
one ("The company will spend ...", "She said ..."), the frame's names may be the very thing
both tell, and the pair is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import numpy as np

from .claims import PreparedClaims, score_rewordings

SPEECH_VERBS: Final[str] = (
    r"(?:said|says|told|tells|added|adds|noted|notes|warned|warns|stated|states|explained"
    r"|wrote|writes|argued|insisted|stressed|acknowledged|highlighted|emphasi[sz]ed|remarked"
    r"|cautioned|conceded|claimed)"
)
"""Verbs that report speech. Not "confirmed" or "announced": those report a fact, which the
other outlet may tell without naming its source."""

_SPEAKER = (
    r"(?:(?:[A-Z][\w.’'-]*,?\s+){1,6}"
    r"|(?:[A-Z][\w.’'-]*\s+){1,3}[a-z][\w-]*s\s+"
    r"|[A-Z][\w.-]*[’']s\s+(?:[a-z][\w-]*\s+){1,4}"
    r"|[Tt]he\s+(?:[a-z][\w’'-]*\s+){1,4})"
)
"""Who speaks: up to six capitalised words ("Chair Jerome Powell", "Fed Chair Jerome Powell"),
a group named by who they work for ("City engineers", "Federal prosecutors"), what someone put
out ("Cloudflare’s most recent status update"), or "the company"."""
_LEAD_IN = r"(?:[A-Z][^,“”\"]{2,60},\s+)?"
"""A phrase before the speaker: "As of the latest status update, Cloudflare said …"."""

_QUOTE_FIRST = re.compile(
    r"^[\"“](?P<said>[^\"“”]{8,}?)[,.!?]?[\"”],?\s+[^\"“”]{0,80}?\b" + SPEECH_VERBS + r"\b[^\"“”]*$"
)
"""“The labor market is really cooling off,” Powell told reporters after the decision."""
_SPEAKER_FIRST = re.compile(
    rf"^{_LEAD_IN}{_SPEAKER}{SPEECH_VERBS}"
    r"(?:\s+(?:reporters|journalists|lawmakers|investors|analysts|CNN|CNBC|Reuters))?"
    r"(?:\s+(?:on|at|after|in|during)\s+[^,]{1,40}?)?(?:\s+that)?,?"
    r"\s+(?P<said>.{8,})$"
)
"""Chair Jerome Powell told reporters (that) the decision was a “risk management” step; As of
the latest status update, Cloudflare said services were under remediation."""
_SPEAKER_LAST = re.compile(
    r"^(?P<said>.{8,}?),[\"”]?\s+(?:[\w.’'-]+\s+){1,6}" + SPEECH_VERBS + r"(?:\s+[^,]{0,40})?\.?$"
)
"""The labor market has softened considerably, Powell said on Wednesday."""
_ACCORDING_TO = re.compile(r"^according to [^,]{1,60},\s+(?P<said>.{8,})$", re.IGNORECASE)
"""According to Powell, the labor market has softened."""

_FRAMES: Final[tuple[re.Pattern[str], ...]] = (_QUOTE_FIRST, _ACCORDING_TO)
"""Frames that cannot be read another way, tried first."""
_SPEAKER_FRAMES: Final[tuple[re.Pattern[str], ...]] = (_SPEAKER_FIRST, _SPEAKER_LAST)
"""Frames a sentence may fit both ways ("The labor market has softened, Powell said on
Wednesday": a lead-in then the speaker, or the speaker last): the frame is the shorter part."""

_NAMED = re.compile(r"\b[A-Z][\w.’'-]*")
_SUBJECT = re.compile(rf"^{_LEAD_IN}((?:[A-Z][\w.’'-]*\s+){{1,4}})")
"""The capitalised words a plain claim opens with (after a lead-in): who or what it is about."""
_NOT_NAMES: Final[frozenset[str]] = frozenset(
    (
        *("the", "a", "an", "in", "on", "at", "as", "after", "before", "but", "and", "its"),
        *("his", "her", "their", "this", "that", "it", "he", "she", "they", "we", "i", "you"),
        *("our", "one"),
    )
)
"""Capitalised at the start of a sentence, but no one's name."""

REPORT_FLOOR: Final[float] = -1.0
"""Pairs under these log-odds are not looked at: setting a frame aside only ever lowers a pair,
and one this far under the default link threshold (log-odds 0) stays unlinked anyway."""


def what_was_said(text: str) -> str | None:
    """The words a claim reports someone said, without who said them; None when the claim
    reports no speech."""
    for frame in _FRAMES:
        found = frame.match(text)
        if found:
            return found.group("said").strip()
    readings = [m.group("said").strip() for m in (f.match(text) for f in _SPEAKER_FRAMES) if m]
    return max(readings, key=len, default=None)


def _names(words: list[str]) -> frozenset[str]:
    """Name words, possessives and stops trimmed: "Powell’s" -> "powell"."""
    trimmed = (re.sub(r"(?:[’']s)?[.,]*$", "", word).lower() for word in words)
    return frozenset(word for word in trimmed if word and word not in _NOT_NAMES)


def speaker_names(text: str, said: str) -> frozenset[str]:
    """The name words of the frame around what a claim reports was said."""
    return _names(_NAMED.findall(text.replace(said, " ", 1)))


def subject_names(text: str) -> frozenset[str]:
    """The name words a plain claim opens with: what it is about (empty when it names none)."""
    found = _SUBJECT.match(text)
    return _names(found.group(1).split()) if found else frozenset()


def set_frames_aside(
    prepared: PreparedClaims,
    left: np.ndarray,
    right: np.ndarray,
    z: np.ndarray,
    *,
    looked_at: np.ndarray,
    before: np.ndarray,
    combine_heads: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """The pairs' log-odds, each pair of reported speech lowered by what its frames gave it
    (two reports, or one and a plain claim about someone else: see the module docstring).

    Args:
        prepared: The comparison's prepared claims.
        left: Claim indices.
        right: Claim indices, same length.
        z: Every pair's log-odds as scored so far (the layer's, when there is one).
        looked_at: bool per pair: the pairs to judge (inside a comparison, near a link).
        before: Every pair's log-odds from the heads and the margin, before the layer and the
            floors: what the same reckoning gives the frames-aside pair is set against it.
        combine_heads: ``(same, similar, rows) -> log-odds`` of rescored heads, weighed with
            the margin of the pairs at ``rows``, as ``before`` was.

    Returns:
        ``z`` with each judged pair lowered by the log-odds its frames gave it (never raised).
    """
    rows = np.flatnonzero(looked_at)
    if not len(rows):
        return z
    # What each claim reports was said, as an index into the distinct texts to score (-1: no
    # speech), and who said it; for a plain claim, what it is about. Wire copy repeats
    # sentences: each distinct text is read once, each pair scored once.
    texts = prepared.texts
    content = np.full(len(texts), -1, dtype=np.int64)
    contents: dict[str, int] = {}
    speakers: dict[int, frozenset[str]] = {}
    subjects: dict[int, frozenset[str]] = {}
    for claim in np.unique(np.concatenate([left[rows], right[rows]])).tolist():
        said = what_was_said(texts[claim])
        if said is not None:
            content[claim] = contents.setdefault(said, len(contents))
            speakers[claim] = speaker_names(texts[claim], said)
        else:
            subjects[claim] = subject_names(texts[claim])
    first, second = content[left[rows]], content[right[rows]]
    both = (first >= 0) & (second >= 0)
    # One report against a plain claim about someone else: the report's words against the
    # whole plain claim (added to the texts to score only then).
    for k in np.flatnonzero((first >= 0) != (second >= 0)).tolist():
        a, b = int(left[rows[k]]), int(right[rows[k]])
        report, plain = (a, b) if first[k] >= 0 else (b, a)
        about, who = subjects[plain], speakers[report]
        if about and who and not about & who:  # both named ("she said" names no one)
            first[k] = content[report]
            second[k] = contents.setdefault(texts[plain], len(contents))
            both[k] = True
    if not both.any():
        return z
    n = len(contents)
    distinct, back = np.unique(first[both] * n + second[both], return_inverse=True)
    same, similar = score_rewordings(prepared, list(contents), distinct // n, distinct % n)
    judged = rows[both]
    aside = combine_heads(same[back], similar[back], judged)
    lowered = z.copy()
    lowered[judged] += np.minimum(0.0, aside - before[judged]).astype(z.dtype)
    return lowered
