"""Safe file writes: a file (or a report's set of files) is either written whole or left as it was.

:func:`atomic_path` writes a file through a temporary file renamed over it; :func:`atomic_files`
writes a set of files into a hidden folder and moves them into place together. Neither ever
replaces something that is not a regular file: a FIFO or a character device (``/dev/stdout``,
``/dev/null``, a named pipe) is written straight through, anything else is refused.
:func:`interruptible` lets SIGINT, SIGTERM and SIGHUP stop a run the way Ctrl-C does, and a
stopped run never replaces an output.

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

import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from .errors import InputError, OutputError

__all__ = ["Interrupted", "atomic_files", "atomic_path", "interruptible", "signals_seen"]

#: The signals that stop a run and never let it replace an output.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_STREAM_FOLDERS = ("/dev/", "/proc/")


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP stopped the run (a ``KeyboardInterrupt``, as Ctrl-C is)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _Run:
    """What the signals and the writes of one command-line run have done so far."""

    def __init__(self) -> None:
        self.received: int | None = None  # the first stop signal, if any
        self.written: list[str] = []  # outputs replaced (written in full)
        self.streamed: list[str] = []  # pipes and devices written into
        self.holding = False  # in a block that a signal must not cut in half
        self.deferred = False  # a signal came while holding: raise when the block ends


_RUN = _Run()


def _stop(signum: int, frame: FrameType | None) -> None:
    if _RUN.received is None:
        _RUN.received = signum
    if _RUN.holding:
        _RUN.deferred = True
        return
    raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` (in the main
    thread), so that every ``finally`` and every temporary file is cleaned up, and no output is
    replaced after one of them arrived, even when something swallowed the exception.

    A signal that is ignored (``nohup``) stays ignored, and a handler someone else installed
    stays in place. The previous handlers come back when the block ends.
    """
    _RUN.received, _RUN.written, _RUN.streamed = None, [], []
    _RUN.holding = _RUN.deferred = False
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            current = signal.getsignal(signum)
            default = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            if current is default:
                previous[signum] = signal.signal(signum, _stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _RUN.received = None  # what the run saw ends with it: later writes are not stopped
        _RUN.holding = _RUN.deferred = False


def signals_seen() -> tuple[int | None, list[str], list[str]]:
    """The first stop signal of the current run (or None), the outputs replaced so far and the
    pipes or devices written into."""
    return _RUN.received, list(_RUN.written), list(_RUN.streamed)


@contextmanager
def _held() -> Iterator[None]:
    """Within :func:`interruptible`, a stop signal that comes during the block is raised when
    the block ends: the block (a rename, a clean-up) is never cut in half. (Python runs signal
    handlers in the main thread, whichever thread the signal reached.)"""
    outer = not _RUN.holding
    _RUN.holding = True
    try:
        yield
    finally:
        if outer:
            _RUN.holding = False
    if outer and _RUN.deferred and _RUN.received is not None:
        _RUN.deferred = False
        raise Interrupted(_RUN.received)


def _commit_check() -> None:
    """Raise :class:`Interrupted` when a stop signal arrived: nothing is replaced after one."""
    if _RUN.received is not None:
        raise Interrupted(_RUN.received)


def _kind(target: Path) -> os.stat_result | str | None:
    """What ``target`` is: None (nothing, a new file), its stat (a regular file, symlinks
    followed) or ``"stream"`` (a FIFO, a character device, or a stream under /dev or /proc).

    Raises
    ------
    InputError
        A folder, a block device, a socket: nothing framing may write.
    """
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None
    mode = info.st_mode
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    if stat.S_ISREG(mode):
        absolute = os.path.abspath(target)  # /dev/stdout, /dev/fd/1 ... to a file: stdout
        linked = absolute.startswith(_STREAM_FOLDERS) and os.path.islink(absolute)
        return "stream" if linked else info
    what = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else (
        "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
    )  # fmt: skip
    raise InputError(
        f"cannot write {target}: it is {what}; give a regular file, a new path, or a pipe or "
        "character device (such as /dev/stdout) to stream into"
    )


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside ``path``, renamed over it (``os.replace``) when the block succeeds.

    On any error, an interrupt included, the temporary file is removed and ``path`` is left as
    it was (or absent): a reader never sees a half-written file. The temporary file has a
    unique name, so two writers never share it. The new file gets the mode of the file it
    replaces (a 0600 file stays 0600), or the mode a new file would get.

    Other targets are handled so that nothing is destroyed:

    - a symlink to a regular file: the file it points to is replaced, the link stays;
    - a file with more than one hard link: written in place (the temporary file, once
      complete, is copied into it, with stop signals held), so every link sees the new text;
    - a FIFO or a character device (a named pipe, ``/dev/stdout``, ``/dev/null``, or a symlink
      to one): the block gets ``path`` itself and writes straight into it (a stream cannot be
      replaced, and a failed run may have sent part of its output);
    - a folder, a block device or a socket: :class:`~framing.errors.InputError`.

    Raises
    ------
    InputError
        ``path`` is a folder, a block device or a socket.
    OutputError
        The disk or quota is full or the file system read-only while writing: nothing was
        replaced and the temporary file is gone.
    OSError
        When the folder does not exist or cannot be written (callers turn this into their own
        error where the folder is the user's input).
    """
    target = Path(path)
    found = _kind(target)
    if found == "stream":
        _RUN.streamed.append(str(target))
        yield target
        return
    existing = found if isinstance(found, os.stat_result) else None
    if existing is not None and target.is_symlink():
        target = Path(os.path.realpath(target))
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:  # the set-up too: an interrupt right after mkstemp must not leave the file behind
        os.close(handle)
        _keep_owner(temporary, existing)
        os.chmod(temporary, _mode(existing))
        yield temporary
        with _held():
            _commit_check()
            if existing is not None and existing.st_nlink > 1:
                shutil.copyfile(temporary, target)  # in place: the same inode, every link
                temporary.unlink()
            else:
                os.replace(temporary, target)
            _RUN.written.append(str(target))
    except BaseException as exc:
        with _held():
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in _MACHINE_ERRORS:
            raise _output_error(target, exc) from exc
        raise


# Write errors that come from the machine, not from the data: told as an OutputError.
_MACHINE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def _output_error(target: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"cannot write {target}: {exc.strerror or exc} (nothing was replaced; free some space "
        "or write to another file system)",
        path=str(target),
    )


def _keep_owner(temporary: Path, existing: os.stat_result | None) -> None:
    """Give the new file the owner and group of the file it replaces, where the system lets
    us (root may give any; a user only a group of theirs): replacing a file as root must not
    hand a user's file to root. Otherwise the new file is the writer's, as with ``cp``."""
    if existing is None or not hasattr(os, "chown"):
        return
    mine = temporary.stat()
    if (mine.st_uid, mine.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.chown(temporary, existing.st_uid, existing.st_gid)
    except PermissionError:
        try:  # a user can keep the group if they belong to it
            os.chown(temporary, -1, existing.st_gid)
        except PermissionError:
            pass


def _mode(existing: os.stat_result | None) -> int:
    """The permission bits of the file replaced, else those of a new file (0666 less umask)."""
    if existing is not None:
        return stat.S_IMODE(existing.st_mode) & 0o777
    mask = os.umask(0)  # mkstemp makes the file private (0600); give it the usual mode
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_files(folder: str | os.PathLike[str], names: Sequence[str]) -> Iterator[Path]:
    """A hidden staging folder inside ``folder``; when the block succeeds, the files ``names``
    written into it are moved into ``folder`` together.

    The staging folder is made at once, so that a folder that cannot be written fails before
    any work is done. The moves happen one after another with stop signals held and under an
    exclusive lock on ``folder`` (``flock``), so that an interrupt or a failure leaves the whole
    old set or the whole new set, and of two writers into one folder the last one wins whole.
    A replaced file keeps its mode and, where the system allows, its owner and group. On any
    error the staging folder is removed.

    Raises
    ------
    InputError
        ``folder`` cannot be written (read-only, no permission, full), or one of ``names`` in
        it is not a regular file (a folder, a symlink, a pipe ...).
    """
    target = Path(folder)
    for name in names:
        existing = target / name
        if existing.is_symlink() or (existing.exists() and not existing.is_file()):
            raise InputError(
                f"cannot write {existing}: it is not a regular file; remove it or choose "
                "another folder"
            )
    try:
        staging = Path(tempfile.mkdtemp(dir=target, prefix=".framing-", suffix=".tmp"))
    except OSError as exc:
        raise InputError(f"cannot write into {target}: {exc.strerror}") from exc
    try:
        yield staging
        with _locked(target), _held():
            _commit_check()
            for name in names:
                existing = target / name
                if existing.is_file():
                    info = existing.stat()
                    _keep_owner(staging / name, info)
                    os.chmod(staging / name, _mode(info))
                os.replace(staging / name, existing)
            _RUN.written.append(str(target))
    except OSError as exc:
        if exc.errno in _MACHINE_ERRORS:  # a full disk while the report's files were written
            raise _output_error(target, exc) from exc
        raise
    finally:
        with _held():
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``folder`` (where the platform has one)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock
