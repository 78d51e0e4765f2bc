"""The bundled story sets (``samples/``), found wherever synopsis is installed.

A wheel carries them inside the package, as ``compare/samples``; a checkout or an editable
install reads the repository's ``samples/`` folder itself.
"""

from __future__ import annotations

from pathlib import Path

from .errors import SynopsisError

DEFAULT_DEMO = "harbor-bridge"
"""The story ``synopsis --demo`` opens: five outlets covering one bridge closure."""


def samples_root() -> Path | None:
    """The folder holding the story sets, or None when this installation has none."""
    here = Path(__file__).resolve().parent
    for folder in (here / "samples", here.parent / "samples"):
        if (folder / DEFAULT_DEMO).is_dir():
            return folder
    return None


def demo_names() -> list[str]:
    """The bundled story sets by name, sorted."""
    root = samples_root()
    if root is None:
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.md")))


def demo_folder(name: str = DEFAULT_DEMO) -> Path:
    """The folder of one bundled story set.

    Raises:
        SynopsisError: no story set has that name (the message lists them).
    """
    names = demo_names()
    if not names:
        raise SynopsisError("the bundled stories are missing from this installation")
    if name not in names:
        raise SynopsisError(f"no bundled story {name!r}; choose from {', '.join(names)}")
    root = samples_root()
    assert root is not None
    return root / name
