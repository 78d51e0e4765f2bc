"""Writing files so that they are either wholly there or not at all (exports, the page cache)."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def replace_atomically(
    path: Path, data: bytes, *, mode: int | None = None, keep_existing: bool = False
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A crash or a full disk never leaves a half-written file, nor destroys the one it replaces;
    an exception (Ctrl-C, or SIGTERM once the command turned it into one) removes the temporary
    file on its way out.

    Args:
        path: The file to write.
        data: Its whole content.
        mode: Permissions to give it; ``None`` keeps the temporary file's private ``0o600``.
        keep_existing: Refuse, at the last moment, if ``path`` appeared while we wrote (a
            symbolic link counts, even one whose target is missing).

    Raises:
        FileExistsError: ``keep_existing`` and the file exists.
        OSError: the folder cannot be written.
    """
    with atomic_file(path, mode=mode, keep_existing=keep_existing) as stream:
        stream.write(data)


@contextmanager
def atomic_file(
    path: Path, *, mode: int | None = None, keep_existing: bool = False
) -> Iterator[BinaryIO]:
    """A file to write bit by bit that appears at ``path`` whole, or not at all.

    What is written goes to a temporary file beside ``path``, renamed into place when the
    ``with`` block ends without an error; an error (or Ctrl-C) removes it instead. The
    arguments and errors are those of :func:`replace_atomically`.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if keep_existing and os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "already exists", str(path))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
