"""README.md starts with the two commands a new user runs, and CI runs the second one verbatim."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_an_install_and_open_command_and_a_test_command() -> None:
    commands = readme_commands()
    assert "pip install -e . && synopsis samples/" in commands[0]
    assert 'pip install -e ".[test]" && python -m pytest' in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci_script.splitlines()


def test_the_readme_sample_exists() -> None:
    sample = readme_commands()[0].rsplit(" ", 1)[1]
    assert (ROOT / sample).is_dir()
