"""Atomic file writes: a file is either written whole or left as it was.

Examples
--------
>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "table.csv"
>>> with atomic_path(target) as temporary:
...     _ = temporary.write_text("a,b\\n1,2\\n", encoding="utf-8")
>>> target.read_text(encoding="utf-8")
'a,b\\n1,2\\n'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path"]


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside ``path``, renamed over it (``os.replace``) when the block succeeds.

    On any error, an interrupt included, the temporary file is removed and ``path`` is left as
    it was (or absent): a reader never sees a half-written file. The temporary file has a
    unique name, so two writers never share it, and gets the mode a new file would get.

    Raises
    ------
    OSError
        When the folder does not exist or cannot be written (callers turn this into their own
        error where the folder is the user's input).
    """
    target = Path(path)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:  # the set-up too: an interrupt right after mkstemp must not leave the file behind
        os.close(handle)
        mask = os.umask(0)  # mkstemp makes the file private (0600); give it the usual mode
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
