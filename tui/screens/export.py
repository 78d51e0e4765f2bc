"""The export dialog: a table, a format and a file, written with the engine's exporters.

The file name has the last word on the format, as on the command line: typing ``out.html``
moves the format selector to HTML, and choosing a format changes the extension of the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from compare.errors import SynopsisError
from compare.export import (
    DEFAULT_TABLE,
    FORMAT_INFO,
    FORMATS,
    TABLES,
    Format,
    Table,
    export_files,
    format_for_path,
)

DIALOG_FORMATS: tuple[Format, ...] = tuple(f for f in FORMATS if not FORMAT_INFO[f].streams)
"""The formats offered here. JSON Lines is left out: it exists to write a big corpus story by
story while the command line compares it, never holding the whole result; the app has the whole
comparison in memory already, where the JSON export holds the same content (``--export
out.jsonl`` on the command line writes it)."""
FORMAT_NAMES: dict[Format, str] = {fmt: FORMAT_INFO[fmt].name for fmt in FORMATS}
TABLE_NAMES: dict[Table, str] = {
    "claims": "claims",
    "summary": "summary",
    "matrix": "coverage matrix",
    "all": "all tables",
}
TABLE_ORDER: tuple[Table, ...] = ("claims", "summary", "matrix", "all")
SUFFIX: dict[Format, str] = {fmt: FORMAT_INFO[fmt].suffixes[0] for fmt in DIALOG_FORMATS}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What the reader asked to write."""

    path: Path
    fmt: Format
    table: Table
    excel: bool = False
    """CSV for Excel: begins with a UTF-8 byte order mark."""
    whole: bool = False
    """A big folder's every story (as the command line writes it), not only the story open."""


@dataclass(frozen=True, slots=True)
class CorpusScope:
    """What a big folder's export can hold, for the dialog to offer: the story open, or all."""

    stories: int
    articles: int
    story: int | None
    """The story open in the reader (None: none is, only the whole corpus can be written)."""
    story_articles: int
    stale: int
    """Stories labelled under other settings than the app's now (compared again first)."""


def format_named_by(path: str) -> Format | None:
    """The format a file name's extension asks for, or None when it names none we write."""
    if not Path(path).suffix:
        return None
    try:
        named = format_for_path(path)
    except SynopsisError:
        return None
    return named if named in DIALOG_FORMATS else None


def default_path(stem: str, fmt: Format, table: Table) -> str:
    """``<stem>-<table>.<ext>`` in the current folder (JSON and HTML: every table, one file)."""
    if not FORMAT_INFO[fmt].tables or table == "all":
        return f"{stem}{SUFFIX[fmt]}"
    return f"{stem}-{table}{SUFFIX[fmt]}"


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Returns the reader's choice, or None when cancelled. Writing (and asking before
    overwriting) is the app's job, so the dialog stays a pure form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel_export"),
        Binding("ctrl+s", "export", "Export", id="confirm_export"),
        Binding("tab", "app.focus_next", "Next field", id="next_field"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous field", show=False, id="previous_field"
        ),
    ]

    def __init__(
        self,
        stem: str,
        fmt: Format = "csv",
        table: Table | None = None,
        *,
        last: ExportRequest | None = None,
        scope: CorpusScope | None = None,
    ) -> None:
        """Set up the form.

        Args:
            stem: The file name stem suggested (``<stem>-<table>.<ext>``).
            fmt: The format selected at first.
            table: The table selected at first (default: the format's usual table).
            last: The previous export of this session: its file, format and table come back.
            scope: For a big folder compared story by story: offer the story open or every
                story (None: one comparison, nothing to choose).
        """
        super().__init__(id="export")
        assert fmt in DIALOG_FORMATS and set(TABLE_ORDER) == set(TABLES)
        self.scope = scope
        self.whole = scope is not None and (
            scope.story is None or (last is not None and last.whole)
        )
        """Whether every story is written (a big folder's choice)."""
        self.base_stem = stem
        self.stem = self._stem()
        if last is not None:
            fmt, table = last.fmt, last.table
        self.fmt: Format = fmt
        self.table: Table = table or DEFAULT_TABLE[fmt]
        self._suggested = default_path(self.stem, self.fmt, self.table)
        self._initial = str(last.path) if last is not None else self._suggested
        self._excel = last.excel if last is not None else False

    def _stem(self) -> str:
        """The suggested file stem: a story's export is named after its story."""
        if self.scope is not None and not self.whole and self.scope.story is not None:
            return f"{self.base_stem}-story-{self.scope.story}"
        return self.base_stem

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the comparison"
            if self.scope is not None:
                scope = self.scope
                with Horizontal(classes="field"):
                    yield Label("Holds", classes="field-label")
                    with RadioSet(id="export-scope"):
                        yield RadioButton(
                            f"every story ({scope.stories} stories, {scope.articles} articles)",
                            value=self.whole,
                            id="scope-whole",
                        )
                        yield RadioButton(
                            f"story {scope.story} ({scope.story_articles} articles)"
                            if scope.story is not None
                            else "the story open (none is)",
                            value=not self.whole,
                            disabled=scope.story is None,
                            id="scope-story",
                        )
            with Horizontal(classes="field"):
                yield Label("Table", classes="field-label")
                with RadioSet(id="export-table"):
                    for table in TABLE_ORDER:
                        yield RadioButton(
                            TABLE_NAMES[table], value=table == self.table, id=f"table-{table}"
                        )
            with Horizontal(classes="field"):
                yield Label("Format", classes="field-label")
                with RadioSet(id="export-format"):
                    for fmt in DIALOG_FORMATS:
                        yield RadioButton(
                            FORMAT_NAMES[fmt], value=fmt == self.fmt, id=f"format-{fmt}"
                        )
                yield Checkbox(
                    "for Excel",
                    value=self._excel,
                    disabled=self.fmt != "csv",
                    id="export-excel",
                    tooltip="CSV with a UTF-8 byte order mark, so Excel on Windows reads curly "
                    "quotes, dashes and accents right",
                )
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                yield Input(self._initial, id="export-path", select_on_focus=False)
            yield Static("", id="export-note", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._update_note()
        self.query_one("#export-scope" if self.scope else "#export-table", RadioSet).focus()

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self.whole = event.pressed.id == "scope-whole"
        path_input = self.query_one("#export-path", Input)
        if path_input.value.strip() == self._suggested:  # the suggested name follows the story
            self.stem = self._stem()
            self._suggested = default_path(self.stem, self.fmt, self.table)
            path_input.value = self._suggested
        else:
            self.stem = self._stem()
        self._update_note()

    @on(RadioSet.Changed, "#export-table")
    def _table_changed(self, event: RadioSet.Changed) -> None:
        self.table = (event.pressed.id or "table-claims").removeprefix("table-")  # type: ignore[assignment]
        self._follow_choice()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = (event.pressed.id or "format-csv").removeprefix("format-")  # type: ignore[assignment]
        self._follow_choice()

    @on(Checkbox.Changed, "#export-excel")
    def _excel_changed(self, event: Checkbox.Changed) -> None:
        self._excel = event.value
        self._update_note()

    def _follow_choice(self) -> None:
        """Keep the file name in step with the choices.

        The suggested name follows the table and the format; a name the reader typed keeps its
        stem and takes the chosen format's extension, so the name and the selector never
        disagree.
        """
        path_input = self.query_one("#export-path", Input)
        value = path_input.value.strip()
        if value == self._suggested:
            self._suggested = default_path(self.stem, self.fmt, self.table)
            path_input.value = self._suggested
        elif value and format_named_by(value) not in (None, self.fmt):
            path_input.value = str(Path(value).with_suffix(SUFFIX[self.fmt]))
        self.query_one("#export-excel", Checkbox).disabled = self.fmt != "csv"
        self._update_note()

    def _follow_name(self) -> None:
        """Move the format selector to the format the typed file name asks for."""
        named = format_named_by(self.query_one("#export-path", Input).value.strip())
        if named is not None and named != self.fmt:
            self.fmt = named
            self.query_one(f"#format-{named}", RadioButton).value = True

    def _scope_note(self) -> str:
        """What a big folder's export holds, in a sentence or two."""
        scope = self.scope
        if scope is None:
            return ""
        if not self.whole:
            return (
                f"Only story {scope.story}'s {scope.story_articles} articles, with the ids and "
                "story number they have in the whole corpus. "
            )
        note = (
            "Every story, each compared on its own, as synopsis FOLDER --export FILE writes "
            "it; each article's story is in its story column (field, in JSON). "
        )
        if scope.stale:
            note += (
                f"{scope.stale} stories were labelled under other settings: the corpus is "
                "compared again first, with the settings on screen. "
            )
        return note

    def _update_note(self) -> None:
        note = self._scope_note()
        path = self.query_one("#export-path", Input).value.strip()
        if path and format_named_by(path) is None:
            note = (
                f"No export extension ({', '.join(SUFFIX.values())}) in the name: "
                f"{FORMAT_NAMES[self.fmt]} will be written. "
            )
        if not FORMAT_INFO[self.fmt].tables:
            note += f"{FORMAT_NAMES[self.fmt]} always holds every table."
        elif self.fmt == "csv" and self.table == "all":
            names = ", ".join(p.name for p, _ in export_files(path or "x.csv", "csv", "all"))
            note += f"A CSV file holds one table: each goes to its own file ({names})."
        if self.fmt == "csv" and self._excel:
            note += " With a byte order mark, for Excel."
        files = export_files(Path(path).expanduser(), self.fmt, self.table) if path else []
        if any(p.exists() for p, _ in files):
            note = (
                note.rstrip() + " " if note else ""
            ) + "That file exists: you will be asked before it is replaced."
        self.query_one("#export-note", Static).update(note.strip())

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._follow_name()
        self._update_note()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_export(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify("Give a file name to export to.", severity="error")
            return
        # The name decides, as on the command line (the selector follows it while typing).
        fmt = format_named_by(path) or self.fmt
        excel = fmt == "csv" and self._excel
        self.dismiss(ExportRequest(Path(path).expanduser(), fmt, self.table, excel, self.whole))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
