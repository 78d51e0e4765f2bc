"""The engine knows nothing of the screen: importing it must not load Textual, Rich or torch."""

from __future__ import annotations

import sys

import pytest

from compare import nltk_light
from tests.conftest import modules_loaded_by

HEAVY = ("textual", "rich", "tui", "torch", "sentence_transformers", "tokenizers", "model2vec")


def test_importing_the_engine_loads_no_ui_or_torch() -> None:
    code = "import compare, compare.pipeline, compare.export, compare.cli"
    assert modules_loaded_by(code, HEAVY) == []


def test_the_command_reads_its_arguments_without_numpy() -> None:
    """``synopsis`` (``tui.cli``) imports the command first: the app's first frame, a usage
    error or ``--help`` need no NumPy."""
    assert modules_loaded_by("import compare.cli", ("numpy", "scipy")) == []


def test_comparing_with_the_static_model_loads_no_ui_or_torch() -> None:
    code = (
        "from compare.pipeline import compare_texts\n"
        "compare_texts(['The bridge opened on Tuesday.', 'On Tuesday the bridge opened.'])"
    )
    assert modules_loaded_by(code, HEAVY) == []


def test_a_small_comparison_loads_nothing_it_does_not_need() -> None:
    """Five articles end to end: SciPy (the candidate index's sparse matrices) and the process
    pool's modules cost a quarter of such a run, markdown-it (Markdown beyond plain words) and
    the web stack NLTK's file guards import (``nltk_light.UNUSED``) a further fifth, and the
    small path needs none of them."""
    code = (
        "from compare.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--export', '-', '--format', 'json', 'samples/harbor-bridge']) == 0\n"
    )
    heavy = ("scipy", "multiprocessing", "concurrent.futures", "difflib", "markdown_it")
    web = ("http.client", "ssl", "email", "urllib.request", "xml.sax")
    assert modules_loaded_by(code, heavy + web) == []


def test_nltk_modules_synopsis_does_not_use_say_so_if_called() -> None:
    stand_in = nltk_light._Unused("nltk.pathsec")
    with pytest.raises(RuntimeError, match=r"nltk\.pathsec\.open was not loaded"):
        stand_in.open("/etc/passwd")


def test_nltk_is_imported_with_its_modules_when_a_stand_in_will_not_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Punkt subclasses ``nltk.tokenize.api.TokenizerI``: with a stand-in there, the import
    fails, and the real module is loaded instead."""
    if "nltk" in sys.modules:
        pytest.skip("NLTK is fully loaded here: no stand-ins are used")
    monkeypatch.setattr(nltk_light, "UNUSED", (*nltk_light.UNUSED, "tokenize.api"))
    punkt = nltk_light.import_nltk_module("tokenize.punkt", bare=("tokenize",))
    assert punkt.PunktSentenceTokenizer().tokenize("One. Two.") == ["One.", "Two."]
    assert not any(name == "nltk" or name.startswith("nltk.") for name in sys.modules)
