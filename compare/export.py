"""Step 7, export: the comparison as CSV, Markdown, JSON, JSON Lines or one self-contained HTML
page."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from .errors import SynopsisError, visible
from .files import atomic_file, replace_atomically
from .results import LABEL_SYMBOLS, LABELS, Article, ClaimGroup, Comparison, Sentence
from .runner import AUTO, Runner, collector_paused, spans
from .version import __version__

if TYPE_CHECKING:  # stories loads NumPy: the command's arguments are read without it
    from .stories import StoryResult

Format = Literal["csv", "md", "json", "html", "jsonl"]
Table = Literal["summary", "claims", "matrix", "all"]
TABLES: tuple[Table, ...] = ("summary", "claims", "matrix", "all")


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """What the command line and the app's export dialog know of one export format."""

    name: str
    """The format's name for people."""
    suffixes: tuple[str, ...]
    """File name extensions that ask for it; the first is given to new files."""
    default_table: Table
    """What it holds unless ``--table`` says otherwise."""
    tables: bool
    """Whether ``--table`` chooses what it holds (otherwise it holds every table)."""
    streams: bool
    """Written story by story while the comparison runs, so the whole result is never held."""


FORMAT_INFO: Mapping[Format, FormatInfo] = MappingProxyType(
    {
        "csv": FormatInfo("CSV", (".csv",), "claims", tables=True, streams=False),
        "md": FormatInfo("Markdown", (".md", ".markdown"), "all", tables=True, streams=False),
        "json": FormatInfo("JSON", (".json",), "all", tables=False, streams=False),
        "html": FormatInfo("HTML", (".html", ".htm"), "all", tables=False, streams=False),
        "jsonl": FormatInfo("JSON Lines", (".jsonl",), "all", tables=False, streams=True),
    }
)
"""The one table of export formats: the command line and the app's export dialog read it."""
FORMATS: tuple[Format, ...] = tuple(FORMAT_INFO)
DEFAULT_TABLE: dict[Format, Table] = {fmt: info.default_table for fmt, info in FORMAT_INFO.items()}
"""CSV holds one table a file by default; the other formats hold everything."""

_SUFFIXES: dict[str, Format] = {
    suffix: fmt for fmt, info in FORMAT_INFO.items() for suffix in info.suffixes
}


def format_for_path(path: str) -> Format:
    """The export format a file name asks for.

    Raises:
        SynopsisError: the extension names no format we write.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        known = ", ".join(sorted(_SUFFIXES))
        raise SynopsisError(
            f"{visible(path)}: cannot tell the export format from the extension ({known}); "
            "use --format"
        )
    return _SUFFIXES[suffix]


def sentence_ref(article: str, index: int) -> str:
    """How a sentence is named everywhere, in the app as in every export: ``B:12``.

    Sentences are numbered from 0 in reading order, headings and boilerplate included, the
    same number as the JSON ``index``, the CSV ``index`` column and the HTML anchor ``#B-12``.
    """
    return f"{article}:{index}"


# ---------------------------------------------------------------------------------------------
# Tables as rows: one source of truth for every format.

SUMMARY_COLUMNS = (
    "article", "title", "source", "outlet", "date", "claims", *LABELS,
    "non_claims", "uniqueness", *(f"{label}_share" for label in LABELS),
)  # fmt: skip
CLAIM_COLUMNS = (
    "article", "index", "kind", "label", "group", "best_match", "score", "conflict", "text",
)  # fmt: skip


def with_story(columns: tuple[str, ...], comparison: Comparison) -> tuple[str, ...]:
    """A table's columns, with ``story`` after ``article`` when the corpus was split into
    stories (never otherwise: a small comparison's exports stay as they always were)."""
    return (columns[0], "story", *columns[1:]) if comparison.has_stories else columns


def _story_cell(article: Article) -> dict[str, object]:
    return {} if article.story is None else {"story": article.story}


def summary_rows(comparison: Comparison) -> Iterator[dict[str, object]]:
    """One row per article: its label counts and word shares (and its story, when split)."""
    for article in comparison.articles:
        counts, shares = article.counts, article.shares
        yield {
            "article": article.id,
            **_story_cell(article),
            "title": article.title,
            "source": article.source,
            "outlet": article.outlet or "",
            "date": article.date or "",
            "claims": counts.claims,
            "shared": counts.shared,
            "paraphrased": counts.paraphrased,
            "unique": counts.unique,
            "non_claims": counts.non_claims,
            "uniqueness": _score(shares.unique),
            "shared_share": _score(shares.shared),
            "paraphrased_share": _score(shares.paraphrased),
            "unique_share": _score(shares.unique),
        }


def claim_rows(comparison: Comparison) -> Iterator[dict[str, object]]:
    """One row per sentence, claims and non-claims alike, in reading order."""
    for article in comparison.articles:
        story = _story_cell(article)
        for sentence in article.sentences:
            best = sentence.best_match
            yield {
                "article": article.id,
                **story,
                "index": sentence.index,
                "kind": sentence.kind,
                "label": sentence.label or "",
                "group": "" if sentence.group is None else sentence.group,
                "best_match": sentence_ref(best.article, best.index) if best else "",
                "score": _score(best.score) if best else "",
                "conflict": _conflict_text(sentence),
                "text": sentence.text,
            }


def matrix_columns(comparison: Comparison) -> tuple[str, ...]:
    return ("group", "label", "claim", *(a.id for a in comparison.articles))


def matrix_cells(comparison: Comparison, group: ClaimGroup) -> dict[str, Sentence | None]:
    """The member sentence of each article in one claim group (None where absent)."""
    cells: dict[str, Sentence | None] = {}
    for article in comparison.articles:
        member = group.member_in(article.id)
        cells[article.id] = article.sentences[member.index] if member else None
    return cells


def matrix_rows(comparison: Comparison, *, marks: bool) -> Iterator[dict[str, object]]:
    """One row per claim group in story order; a cell names the label of that article's member.

    Args:
        marks: Put the label's symbol before it (for readers), or the bare word (for spreadsheets).
    """
    for group in comparison.groups:
        cells = matrix_cells(comparison, group)
        first = comparison.sentence(group.members[0].article, group.members[0].index)
        row: dict[str, object] = {"group": group.id, "label": group.label, "claim": first.text}
        for article_id, sentence in cells.items():
            row[article_id] = _cell(sentence, marks=marks)
        yield row


def _cell(sentence: Sentence | None, *, marks: bool) -> str:
    if sentence is None or sentence.label is None:
        return ""
    return f"{LABEL_SYMBOLS[sentence.label]} {sentence.label}" if marks else sentence.label


def _score(value: float) -> str:
    return f"{value:.3f}"


def _conflict_text(sentence: Sentence) -> str:
    pairs = sorted({pair for match in sentence.matches for pair in match.conflict})
    return "; ".join(f"{mine} vs {theirs}" for mine, theirs in pairs)


# ---------------------------------------------------------------------------------------------
# Formats.


@collector_paused()
def render(
    comparison: Comparison,
    fmt: Format,
    *,
    table: Table | None = None,
    runner: Runner = AUTO,
    excel: bool = False,
) -> str:
    """Render the comparison in one format.

    Args:
        comparison: The result to export.
        fmt: ``csv``, ``md``, ``json`` or ``html``.
        table: ``summary``, ``claims``, ``matrix`` or ``all`` (Markdown only: a CSV file holds
            one table, see ``export_files``; JSON and HTML always hold everything). Defaults to
            ``claims`` for CSV, ``all`` for Markdown.
        runner: Where a big JSON export encodes its articles; the text is the same wherever.
        excel: CSV for Excel: begin with a UTF-8 byte order mark, without which Excel on Windows
            reads curly quotes, dashes and accents as another encoding.

    Raises:
        SynopsisError: unknown format or table, every table asked of one CSV text, or
            ``excel`` for another format than CSV.
    """
    if fmt not in FORMATS:
        raise SynopsisError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    chosen = table or DEFAULT_TABLE[fmt]
    if chosen not in TABLES:
        raise SynopsisError(f"unknown table {chosen!r} (choose from {', '.join(TABLES)})")
    if excel and fmt != "csv":
        raise SynopsisError("the Excel option applies to CSV only")
    if fmt == "csv" and chosen == "all":
        raise SynopsisError(
            "a CSV file holds one table: choose summary, claims or matrix, or export to a "
            "file name to write each table to its own file"
        )
    if fmt == "json":
        return to_json(comparison, runner=runner)
    if fmt == "jsonl":
        return "".join(to_jsonl(comparison))
    if fmt == "html":
        return to_html(comparison)
    tables = ("summary", "claims", "matrix") if chosen == "all" else (chosen,)
    if fmt == "csv":
        return ("\ufeff" if excel else "") + _csv_table(comparison, chosen)
    return to_markdown(comparison, tables)


def _table(
    comparison: Comparison, name: str, *, marks: bool
) -> tuple[tuple[str, ...], list[dict[str, object]]]:
    if name == "summary":
        return with_story(SUMMARY_COLUMNS, comparison), list(summary_rows(comparison))
    if name == "claims":
        return with_story(CLAIM_COLUMNS, comparison), list(claim_rows(comparison))
    return matrix_columns(comparison), list(matrix_rows(comparison, marks=marks))


CSV_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "summary": ("title", "source", "outlet", "date"),
    "claims": ("conflict", "text"),
    "matrix": ("claim",),
}
"""The CSV columns whose cells come from the input (names, titles, texts): the only cells that
can start with a formula. Every other column holds our own ids, labels and numbers, none of them
negative, and they are written as they are so that spreadsheets read them as numbers."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\x00", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula: OWASP's list (``=``, ``+``,
``-``, ``@``, tab, carriage return), the NUL of OWASP ASVS 5 (1.2.10), and the full-width
``＝ ＋ － ＠`` that some spreadsheets accept as well."""


def spreadsheet_text(value: str) -> str:
    """A text cell from the input, made safe to open in a spreadsheet.

    As OWASP advises against CSV (formula) injection, a cell that starts with a formula
    character gets a single quote in front, which spreadsheets take as "this is text"
    (``=HYPERLINK(…)`` is written ``'=HYPERLINK(…)``). Control characters are shown as symbols
    (see :func:`compare.errors.visible`). The csv module quotes every cell holding a comma, a
    quote or a line break, so no cell can spill into the next one.
    """
    value = visible(value, lines=True)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_table(comparison: Comparison, name: str) -> str:
    import csv  # only CSV needs it: the small path exports JSON

    columns, rows = _table(comparison, name, marks=False)
    texts = CSV_TEXT_COLUMNS[name]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {**row, **{column: spreadsheet_text(str(row[column])) for column in texts}} for row in rows
    )
    return buffer.getvalue()


def to_markdown(
    comparison: Comparison, tables: tuple[str, ...] = ("summary", "claims", "matrix")
) -> str:
    """Markdown tables a person can read in any viewer; text from the input is escaped (see
    :func:`markdown_text`), so it shows as written and never as HTML, a link or a broken table."""
    titles = {"summary": "Articles", "claims": "Claims", "matrix": "Coverage"}
    parts = ["# synopsis comparison", ""]
    for article in comparison.articles:
        parts.append(f"- **{article.id}**: {_md(article.title)} ({_md(article.source)})")
    parts.append("")
    for name in tables:
        columns, rows = _table(comparison, name, marks=True)
        parts += [f"## {titles[name]}", ""]
        parts.append("| " + " | ".join(columns) + " |")
        parts.append("|" + "|".join(" --- " for _ in columns) + "|")
        parts += ["| " + " | ".join(_md(str(row[c])) for c in columns) + " |" for row in rows]
        parts.append("")
    parts.append(
        "Labels: = shared (copied wording), ≈ paraphrased (same claim, other words), + unique."
    )
    return "\n".join(parts) + "\n"


_MARKDOWN_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
_MARKDOWN_SPECIAL = re.compile(r"([\\|`*\[\]]|(?<!\w)_|_(?!\w))")
"""Markdown's active characters; an underscore inside a word (``golden_story``) cannot start or
end emphasis and is left as it is."""
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(text: str) -> str:
    """Text from the input as one line of Markdown that renders exactly as written.

    ``&``, ``<`` and ``>`` become HTML entities (no tag, comment or autolink can start), and
    backslash, pipe, backtick, asterisk, square brackets and an underscore at the edge of a word
    are escaped with a backslash (no table cell can be split, no link, image or emphasis can
    start). Line breaks of every kind become spaces, other control characters show as symbols.
    """
    text = visible(_MARKDOWN_BREAKS.sub(" ", text))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return "".join(_HTML_SPECIAL.get(char, char) for char in text)


_md = markdown_text


def json_document(comparison: Comparison) -> dict[str, object]:
    """The JSON contract (documented in README.md); fields are only ever added, never renamed."""
    stories = (
        {"stories": len({a.story for a in comparison.articles})} if comparison.has_stories else {}
    )
    return {
        "synopsis": __version__,
        "settings": comparison.recorded_settings(),
        **stories,
        "articles": [_json_article(article) for article in comparison.articles],
        "groups": _json_groups(comparison.groups),
    }


def _json_groups(groups: Iterable[ClaimGroup]) -> list[dict[str, object]]:
    return [
        {
            "id": group.id,
            "label": group.label,
            "members": [{"article": m.article, "index": m.index} for m in group.members],
        }
        for group in groups
    ]


def _json_article(article: Article) -> dict[str, object]:
    counts, shares = article.counts, article.shares
    return {
        "id": article.id,
        **_story_cell(article),
        "title": article.title,
        "path": article.source,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "url": article.url,
        "uniqueness": round(shares.unique, 4),
        "counts": {
            "shared": counts.shared,
            "paraphrased": counts.paraphrased,
            "unique": counts.unique,
            "non_claims": counts.non_claims,
        },
        "shares": {
            "shared": round(shares.shared, 4),
            "paraphrased": round(shares.paraphrased, 4),
            "unique": round(shares.unique, 4),
        },
        "notes": list(article.notes),
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "kind": s.kind,
                "label": s.label,
                "group": s.group,
                "matches": [
                    {
                        "article": m.article,
                        "index": m.index,
                        "score": round(m.score, 4),
                        "label": m.label,
                        "verbatim_words": m.verbatim_words,
                        "conflict": [list(pair) for pair in m.conflict],
                        "via": m.via,
                    }
                    for m in s.matches
                ],
            }
            for s in article.sentences
        ],
    }


INDENT_JSON_UP_TO = 5_000
"""Sentences up to which the JSON export is indented for people; bigger exports are written
compact (same content, no layout), which is several times faster and about half the size."""


ARTICLES_PER_JSON_TASK = 100


_JSON_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _json_escaped(text: str) -> str:
    """Write DEL, the C1 controls, the Unicode line and paragraph separators and lone
    surrogates as ``\\u`` escapes.

    ``json.dumps(ensure_ascii=False)`` escapes only the C0 controls: a C1 control (U+009B is a
    one-character escape sequence) would reach a terminal as it is, U+0085, U+2028 and U+2029
    end a line for readers that split JSON Lines as Python's ``splitlines`` does, and a lone
    surrogate (a byte of a file name that is not UTF-8) cannot be written as UTF-8. Escaped,
    the JSON means the same (``path`` still reads back exactly as given) and is safe to write
    and print. These characters only ever appear inside JSON strings, so the replacement cannot
    touch the syntax.
    """
    return _JSON_ESCAPED.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def to_json(comparison: Comparison, *, runner: Runner = AUTO) -> str:
    sentences = sum(len(article.sentences) for article in comparison.articles)
    if sentences <= INDENT_JSON_UP_TO:
        text = json.dumps(json_document(comparison), ensure_ascii=False, indent=2)
        return _json_escaped(text) + "\n"
    # Big: the articles are encoded on every core, then set into the rest of the document.
    document = json_document(replace(comparison, articles=()))
    document["articles"] = None
    frame = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    slices = spans(len(comparison.articles), ARTICLES_PER_JSON_TASK)
    parts = runner.map("json", sentences, _compact_articles, comparison.articles, slices)
    articles = '"articles":[' + ",".join(parts) + "]"
    return _json_escaped(frame.replace('"articles":null', articles, 1)) + "\n"


def _compact_articles(articles: tuple[Article, ...], bounds: tuple[int, int]) -> str:
    """Some articles as compact JSON, comma-separated (runs in a worker)."""
    start, stop = bounds
    return ",".join(
        json.dumps(_json_article(article), ensure_ascii=False, separators=(",", ":"))
        for article in articles[start:stop]
    )


def to_jsonl(comparison: Comparison) -> Iterator[str]:
    """A comparison as JSON Lines: the settings line, then one line per story (README.md).

    Unsplit, the whole comparison is one line whose ``story`` is null.
    """
    if not comparison.has_stories:
        stories = 0
        lines = [jsonl_story(None, comparison.articles, comparison.groups)]
    else:
        told: dict[int, list[Article]] = {}
        for article in comparison.articles:
            told.setdefault(article.story or 0, []).append(article)
        story_of = {article.id: article.story for article in comparison.articles}
        groups: dict[int, list[ClaimGroup]] = {}
        for group in comparison.groups:
            groups.setdefault(story_of[group.members[0].article] or 0, []).append(group)
        stories = len(told)
        lines = [jsonl_story(k, told[k], groups.get(k, ())) for k in sorted(told)]
    yield jsonl_header(
        comparison.recorded_settings(),
        articles=len(comparison.articles),
        stories=stories or None,
    )
    yield from lines


def jsonl_header(settings: Mapping[str, object], *, articles: int, stories: int | None) -> str:
    """The first line of a JSON Lines export: who wrote it, the settings, how much follows."""
    head = {
        "synopsis": __version__,
        "format": "jsonl",
        "settings": dict(settings),
        "articles": articles,
        "stories": stories,
    }
    return _json_escaped(json.dumps(head, ensure_ascii=False, separators=(",", ":"))) + "\n"


def jsonl_story(
    story: int | None, articles: Iterable[Article], groups: Iterable[ClaimGroup]
) -> str:
    """One line of a JSON Lines export: a story's articles (as in the JSON export) and its
    claim groups; ``story`` is null when the corpus was compared as one."""
    line = {
        "story": story,
        "articles": [_json_article(article) for article in articles],
        "groups": _json_groups(groups),
    }
    return _json_escaped(json.dumps(line, ensure_ascii=False, separators=(",", ":"))) + "\n"


def stream_jsonl(results: Iterable[StoryResult], *, articles: int, stories: int) -> Iterator[str]:
    """JSON Lines for stories as they finish: each line is made from one story and let go.

    The settings line comes with the first story (it records the method that actually ran).
    """
    for number, result in enumerate(results):
        if number == 0:
            yield jsonl_header(result.recorded_settings(), articles=articles, stories=stories)
        yield jsonl_story(result.story, result.articles, result.groups)


_HTML_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.num{text-align:right}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.5rem}
.article{border:1px solid #ddd;border-radius:6px;padding:0 1rem 1rem}
.s{display:block;margin:.2rem 0;padding:.1rem .3rem;border-radius:3px}
.shared{background:#dbeafe}.paraphrased{background:#fef3c7}.unique{background:#dcfce7}
.heading{font-weight:bold;color:#555}.boilerplate{color:#999;font-size:90%}
.mark{font-family:monospace;font-weight:bold;margin-right:.3rem}.conflict{color:#b91c1c;font-weight:bold}
.legend span{margin-right:1rem;padding:.1rem .4rem;border-radius:3px}
"""


def _html_text(text: str) -> str:
    """Text from the input, escaped for HTML, control characters shown as symbols."""
    import html  # only HTML needs it, and its table of entities takes a while to load

    return html.escape(visible(text, lines=True))


def to_html(comparison: Comparison) -> str:
    """One self-contained page: summary, coverage matrix, and the articles with coloured claims."""
    e = _html_text
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>synopsis comparison</title>",
        f"<style>{_HTML_STYLE}</style></head><body>",
        "<h1>synopsis comparison</h1>",
        '<p class="legend">'
        + "".join(
            f'<span class="{label}"><b class="mark">{LABEL_SYMBOLS[label]}</b>{label}</span>'
            for label in LABELS
        )
        + '<span><b class="conflict">!</b> facts disagree</span></p>',
        "<h2>Articles</h2><table><tr>",
    ]
    columns = (
        "article",
        "title",
        "outlet",
        "claims",
        "shared",
        "paraphrased",
        "unique",
        "uniqueness",
    )
    out.append("".join(f"<th>{c}</th>" for c in columns) + "</tr>")
    for row, article in zip(summary_rows(comparison), comparison.articles, strict=True):
        title = e(article.title)
        if article.url:
            title = f'<a href="{e(article.url)}">{title}</a>'
        cells = [e(article.id), title, e(article.outlet or "")]
        cells += [f'<span class="num">{e(str(row[c]))}</span>' for c in columns[3:]]
        out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    out.append("</table><h2>Coverage</h2><table><tr><th>group</th><th>claim</th>")
    out.append("".join(f"<th>{e(a.id)}</th>" for a in comparison.articles) + "</tr>")
    for group in comparison.groups:
        first = comparison.sentence(group.members[0].article, group.members[0].index)
        out.append(f'<tr id="g{group.id}"><td>{group.id}</td><td>{e(first.text)}</td>')
        for article_id, sentence in matrix_cells(comparison, group).items():
            label = sentence.label if sentence else None
            cell = (
                f'<a href="#{e(article_id)}-{sentence.index}">{e(_cell(sentence, marks=True))}</a>'
                if sentence and label
                else ""
            )
            out.append(f'<td class="{label or ""}">{cell}</td>')
        out.append("</tr>")
    out.append('</table><h2>Articles</h2><div class="articles">')
    for article in comparison.articles:
        out.append(_html_article(article))
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


VIA_WORDS: Mapping[str, str] = MappingProxyType(
    {"group": "through its claim group", "statement": "in its place in a statement both quote"}
)
"""How a match that is not a direct link of its own score was made, in words."""


def _html_article(article: Article) -> str:
    e = _html_text
    heading = e(f"{article.id} · {article.title}")
    if article.url:
        heading = f'<a href="{e(article.url)}">{heading}</a>'
    meta = " · ".join(e(x) for x in (article.outlet, article.author, article.date) if x)
    parts = [f'<section class="article" id="{e(article.id)}"><h3>{heading}</h3>']
    if meta:
        parts.append(f"<p>{meta}</p>")
    parts.append(f"<p>uniqueness {article.uniqueness:.0%}</p>")
    for s in article.sentences:
        anchor = f'id="{e(article.id)}-{s.index}"'
        if s.kind != "claim" or s.label is None:
            parts.append(f'<span {anchor} class="s {s.kind}">{e(s.text)}</span>')
            continue
        links = ", ".join(
            f"{sentence_ref(m.article, m.index)} {VIA_WORDS.get(m.via, m.label)} {m.score:.2f}"
            for m in s.matches
        )
        conflict = _conflict_text(s)
        flag = f'<b class="conflict" title="{e(conflict)}">!</b>' if conflict else ""
        parts.append(
            f'<span {anchor} class="s {s.label}" title="{e(links or "no other article")}">'
            f'<b class="mark">{LABEL_SYMBOLS[s.label]}</b>{flag}{e(s.text)}</span>'
        )
    parts.append("</section>")
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Writing.


def export_files(
    path: str | os.PathLike[str], fmt: Format, table: Table
) -> list[tuple[Path, Table]]:
    """The files one export writes, each with its table.

    One file, except every table as CSV: a CSV file holds one table, so ``out.csv`` becomes
    ``out-summary.csv``, ``out-claims.csv`` and ``out-matrix.csv``.
    """
    target = Path(path)
    if fmt != "csv" or table != "all":
        return [(target, table)]
    return [
        (target.with_name(f"{target.stem}-{name}{target.suffix}"), name)
        for name in ("summary", "claims", "matrix")
    ]


def check_export_path(
    path: str | os.PathLike[str], *, force: bool = False, probe: bool = False
) -> Path:
    """Check that an export can be written there, before any work is done for it.

    Args:
        path: The file to write.
        force: Whether an existing file may be replaced.
        probe: Also create and remove a scratch file in the folder, to find a folder that
            cannot be written (read-only, no permission) before the comparison runs.

    Returns:
        The path, as a Path.

    Raises:
        SynopsisError: the path is a folder, the file exists and ``force`` is false, it is not a
            regular file (a FIFO, a device: never replaced), the folder is missing, or (with
            ``probe``) the folder cannot be written.
    """
    target = Path(path)
    shown = visible(str(target))
    if target.is_dir():
        raise SynopsisError(f"{shown}: is a folder; give a file name to export to")
    existing = _existing_kind(target)
    if existing not in (None, "file", "dangling link"):
        raise SynopsisError(
            f"{shown}: is {existing}, not a regular file: synopsis only writes exports to "
            "regular files (use --export - to write to standard output)"
        )
    if existing == "dangling link" and not force:
        raise SynopsisError(
            f"{shown}: already exists (a symbolic link to a missing file; use --force to "
            "replace it)"
        )
    if existing is not None and not force:
        raise SynopsisError(f"{shown}: already exists (use --force to overwrite)")
    folder = target.parent
    if not folder.is_dir():
        raise SynopsisError(f"{shown}: folder {visible(str(folder))} does not exist")
    if probe:
        try:
            with tempfile.NamedTemporaryFile(prefix=f".{target.name}.", dir=folder):
                pass
        except OSError as error:
            raise SynopsisError(f"{shown}: cannot write ({error.strerror or error})") from None
    return target


def write_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write a file so that it is either wholly there or not at all.

    The text goes to a temporary file in the same folder, which is then renamed into place: a
    crash or a full disk never leaves a half-written export, nor destroys the file it replaces.
    Only a regular file, or a symbolic link to one, is ever replaced (with ``force``); a FIFO,
    a device or a socket at ``path`` is refused, never replaced. A symbolic link whose target
    is missing counts as an existing file.

    Raises:
        SynopsisError: the file exists and ``force`` is false, it is not a regular file, the
            folder is missing, or the location cannot be written.
    """
    target = check_export_path(path, force=force)
    shown = visible(str(target))
    existing = _existing_kind(target)
    # An export is an ordinary file, or keeps the mode of the one it replaces.
    mode = target.stat().st_mode & 0o777 if existing == "file" else 0o644
    try:
        replace_atomically(target, text.encode("utf-8"), mode=mode, keep_existing=not force)
    except FileExistsError:  # appeared while we wrote: still never overwrite
        raise SynopsisError(f"{shown}: already exists (use --force to overwrite)") from None
    except OSError as error:
        raise SynopsisError(f"{shown}: cannot write ({error.strerror or error})") from None
    return target


def write_lines_atomic(
    path: str | os.PathLike[str], lines: Iterable[str], *, force: bool = False
) -> Path:
    """Write lines as they come (a JSON Lines export, story by story), atomically.

    Like :func:`write_atomic`, but the text is never held whole: each line goes to the
    temporary file beside ``path`` as soon as it is made, and the file is renamed into place
    once the last one is written (an error or Ctrl-C on the way leaves nothing behind).

    Raises:
        SynopsisError: as :func:`write_atomic`.
    """
    target = check_export_path(path, force=force)
    shown = visible(str(target))
    mode = target.stat().st_mode & 0o777 if _existing_kind(target) == "file" else 0o644
    try:
        with atomic_file(target, mode=mode, keep_existing=not force) as stream:
            for line in lines:
                stream.write(line.encode("utf-8"))
    except FileExistsError:
        raise SynopsisError(f"{shown}: already exists (use --force to overwrite)") from None
    except OSError as error:
        raise SynopsisError(f"{shown}: cannot write ({error.strerror or error})") from None
    return target


def _existing_kind(path: Path) -> str | None:
    """What is at ``path``, following a symbolic link: None when nothing is there."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "dangling link" if os.path.lexists(path) else None
    except OSError as error:
        raise SynopsisError(
            f"{visible(str(path))}: cannot be checked ({error.strerror or error})"
        ) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something other than a file"
