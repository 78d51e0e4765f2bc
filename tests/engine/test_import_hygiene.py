"""The engine knows nothing of the screen: importing it must not load Textual, Rich or torch."""

from __future__ import annotations

from tests.conftest import modules_loaded_by

HEAVY = ("textual", "rich", "tui", "torch", "sentence_transformers", "tokenizers", "model2vec")


def test_importing_the_engine_loads_no_ui_or_torch() -> None:
    code = "import compare, compare.pipeline, compare.export, compare.cli"
    assert modules_loaded_by(code, HEAVY) == []


def test_comparing_with_the_static_model_loads_no_ui_or_torch() -> None:
    code = (
        "from compare.pipeline import compare_texts\n"
        "compare_texts(['The bridge opened on Tuesday.', 'On Tuesday the bridge opened.'])"
    )
    assert modules_loaded_by(code, HEAVY) == []


def test_a_small_comparison_loads_no_scipy_and_starts_no_process_machinery() -> None:
    """Five articles end to end: SciPy (the candidate index's sparse matrices) and the process
    pool's modules cost a quarter of such a run, and the small path needs neither."""
    code = (
        "from compare.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--export', '-', '--format', 'json', 'samples/harbor-bridge']) == 0\n"
    )
    heavy = ("scipy", "multiprocessing", "concurrent.futures", "difflib")
    assert modules_loaded_by(code, heavy) == []
