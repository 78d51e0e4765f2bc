"""Synthetic corpora grown from the bundled samples, for benchmarks: seeded and reproducible.

Each generated *story* is one sample set with every name and number consistently replaced, so
stories look alike (as coverage of similar events does) but make different claims. Each of its
articles is a sample article with paragraphs shuffled, some sentences reworded, some dropped and
a few new ones inserted. The links between articles are therefore like real coverage: a claim
recurs in the few articles of its story, not in every file of the corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")
_SYLLABLES = [
    "an",
    "bel",
    "cor",
    "dra",
    "el",
    "fen",
    "gar",
    "hol",
    "ir",
    "jun",
    "kel",
    "lor",
    "mar",
    "nor",
    "os",
    "pel",
    "quin",
    "ros",
    "sal",
    "tor",
    "ul",
    "ven",
]
_REWORDINGS = (
    (" said on ", " said "), (" said ", " stated "), (" about ", " roughly "),
    (" officials ", " authorities "), (" will ", " is set to "), (" announced ", " said "),
    (" because ", " since "), (" before ", " ahead of "), (" city ", " town "),
    (" residents ", " locals "), (" expected ", " forecast "), (" began ", " started "),
)  # fmt: skip
_KEEP = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
         "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
         "Oct", "Nov", "Dec", "Staff", "Reporter", "Photo", "Advertisement"}  # fmt: skip
_KEEP |= {
    line.strip().capitalize()
    for line in (SAMPLES.parent / "compare/data/english_common_words.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
_INSERTS = (
    "The {org} said it had received {n} complaints since the spring.",
    "A spokesperson for {org} declined to comment on {name}'s remarks.",
    "{name} told a community meeting that {n} families had asked for help.",
    "Local schools said about {n} pupils would be affected this week.",
    "The {org} plans to publish a fuller report within {n} days.",
)


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    name: str
    text: str


def sample_sets() -> list[list[str]]:
    """The article texts of each bundled story set."""
    return [
        [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))]
        for folder in sorted(SAMPLES.iterdir())
        if folder.is_dir() and list(folder.glob("*.md"))
    ]


def _invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _story_mapping(texts: list[str], rng: random.Random) -> tuple[dict[str, str], float]:
    """Invent a new name for every word that is capitalised mid-sentence somewhere (a name)."""
    names = sorted(
        {m.group(0) for text in texts for m in _MID_SENTENCE_NAME.finditer(text)} - _KEEP
    )
    mapping = {name: _invented_name(rng) for name in names}
    return mapping, rng.choice((0.5, 0.75, 1.5, 2.0, 3.0))


def _rename(text: str, mapping: dict[str, str], factor: float) -> str:
    text = _CAPITALISED.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)

    def scale(match: re.Match[str]) -> str:
        raw = match.group(0)
        value = float(raw.replace(",", ""))
        if 1900 <= value <= 2100 and "." not in raw:  # a year stays a year
            return raw
        if value <= 31 and _MONTH.search(match.string[max(0, match.start() - 12) : match.start()]):
            return raw  # a day of the month stays a day
        scaled = value * factor
        if "." in raw:
            return f"{scaled:.1f}"
        return f"{round(scaled):,}" if "," in raw else str(round(scaled))

    return _NUMBER.sub(scale, text)


def _vary(text: str, rng: random.Random, mapping: dict[str, str], borrowed: list[str]) -> str:
    """Shuffle paragraphs after the headline, reword, drop and insert sentences.

    Articles also take much of the body of two other articles of their story, as long round-ups
    do, which brings them to the 35–50 sentences of long coverage.
    """
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    extra = [
        p for other in borrowed for p in other.split("\n\n")[2:] if p.strip() and rng.random() < 0.6
    ]
    body += extra
    rng.shuffle(body)
    varied: list[str] = []
    for paragraph in body:
        if rng.random() < 0.08:
            continue
        for old, new in _REWORDINGS:
            if old in paragraph and rng.random() < 0.3:
                paragraph = paragraph.replace(old, new, 1)
        varied.append(paragraph)
        if rng.random() < 0.15:
            names = list(mapping.values()) or ["Alder"]
            varied.append(
                rng.choice(_INSERTS).format(
                    org=f"{rng.choice(names)} Council",
                    name=rng.choice(names),
                    n=rng.randint(3, 900),
                )
            )
    return "\n\n".join(head + varied) + "\n"


def generate(articles: int, *, seed: int = 20261122) -> Iterator[SyntheticArticle]:
    """Yield ``articles`` synthetic articles, story after story, the same for the same seed."""
    rng = random.Random(seed)
    sets = sample_sets()
    made = 0
    story = 0
    while made < articles:
        texts = sets[story % len(sets)]
        mapping, factor = _story_mapping(texts, rng)
        for number, text in enumerate(texts):
            if made == articles:
                return
            renamed = _rename(text, mapping, factor)
            borrowed = [
                _rename(texts[(number + step) % len(texts)], mapping, factor) for step in (1, 2)
            ]
            yield SyntheticArticle(
                f"{story:04d}-{number:02d}.md", _vary(renamed, rng, mapping, borrowed)
            )
            made += 1
        story += 1


def write_corpus(folder: Path, articles: int, *, seed: int = 20261122) -> list[Path]:
    """Write a synthetic corpus into a folder and return the file paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in generate(articles, seed=seed):
        path = folder / article.name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for sample in generate(2):
        print(f"=== {sample.name}\n{sample.text[:1200]}")
