"""What the app remembers between runs (the theme), in a small JSON file of the user's."""

from __future__ import annotations

import json
import os
from pathlib import Path

CONFIG_ENV = "SYNOPSIS_CONFIG_DIR"
"""Environment variable that overrides the folder (the platform's user config folder)."""


def preferences_path() -> Path:
    """``preferences.json`` in ``$SYNOPSIS_CONFIG_DIR`` or the platform's config folder."""
    folder = os.environ.get(CONFIG_ENV)
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("synopsis")
    return Path(folder) / "preferences.json"


def load_preferences() -> dict[str, str]:
    """The saved preferences; empty when there are none or the file cannot be read."""
    try:
        data = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def save_preference(key: str, value: str) -> None:
    """Remember one preference; a folder that cannot be written only means it is not kept."""
    path = preferences_path()
    data = {**load_preferences(), key: value}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    except OSError:
        pass
