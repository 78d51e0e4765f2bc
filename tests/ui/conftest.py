"""Fixtures for the app tests: apps built on the frozen fixture comparison, theme pinned."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

import pytest
from ui_support import SETTINGS, THEME, frozen_comparison

from compare.results import Comparison
from tui.app import SynopsisApp
from tui.preferences import CONFIG_ENV


def make_app(comparison: Comparison | None = None, *, articles: int | None = 4) -> SynopsisApp:
    """An app on a frozen comparison (of the first ``articles`` articles), theme pinned."""
    app = SynopsisApp(comparison=comparison or frozen_comparison(articles), settings=SETTINGS)
    app.theme = THEME
    return app


@pytest.fixture(autouse=True)
def own_preferences(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test remembers its theme in a folder of its own, never in the user's."""
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def app_factory() -> Callable[..., SynopsisApp]:
    return make_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no async plugin needed for App.run_test)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
