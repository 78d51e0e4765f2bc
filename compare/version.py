"""The version and home of synopsis: a leaf every module may import (web requests and exports
name them) without importing the package's front door, which re-exports the pipeline."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/synopsis-news/synopsis"
"""Where synopsis lives (pyproject.toml's project URLs say the same); web requests name it."""
