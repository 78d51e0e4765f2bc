"""The one exception the engine raises for bad input: its message is shown to the user as is."""


class SynopsisError(Exception):
    """Bad input or an impossible request, explained in one line that names the culprit."""


class SourceError(SynopsisError):
    """A source (file, folder, URL) that cannot be read or holds no article."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
