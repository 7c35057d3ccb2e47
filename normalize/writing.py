"""Writing a fixed article, a report or a baseline: atomically, keeping what the file was.

The new bytes go to a temporary file in the same folder, which then replaces
the file; its mode, owner and group are kept (a file whose owner or group
this user cannot give back is refused: it would change hands), and its
extended attributes where the system allows; a read-only file, or one this
user may not write, is refused, and an article changed since it was read is
left alone. The
temporary file is removed on every way out but the replace, SIGINT, SIGTERM
and SIGHUP included: they are held while it is created, so that none ends the
run before its name is known. A write that fails (a full disk) leaves the old
file as it was.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from .document import DocumentError


def write_atomic(path: Path, data: bytes, expected: tuple[int, int] | None = None) -> None:
    """Write via a temporary file in the same folder, then replace; keep the mode,
    the owner and group, and the extended attributes where allowed.

    A read-only file (no write permission for its owner), one this user may
    not write, or one whose owner or group this user cannot give back is not
    replaced (PermissionError). Given `expected`, the fingerprint of the bytes the new
    ones were made from, the file is read again just before it is replaced and
    left alone if it is not those bytes any more (DocumentError): an edit saved
    meanwhile is not overwritten. The temporary name is short (`.nz-XXXXXXXX.tmp`)
    whatever the file's name is."""
    target = path.resolve()
    info = target.stat()
    if not info.st_mode & stat.S_IWUSR:
        raise PermissionError(errno.EACCES, "read-only file")
    if not _may_write(target):  # (replacing it needs only the folder's permission)
        raise PermissionError(errno.EACCES, "Permission denied")
    with signals_end_cleanly():
        _write_replacing(target, path, data, info, expected)


def write_output(path: Path, data: bytes) -> None:
    """Write a report or a baseline (`-o`, `--write-baseline`): a regular file,
    new or not, as write_atomic does, so that a write that fails (a full disk)
    leaves the previous report or baseline whole, not cut off; a new file gets
    the mode the umask gives. A device or a pipe (`/dev/stdout`, a FIFO) cannot
    be replaced, and is written as it is. OSError if the write fails."""
    try:
        info = os.stat(path)  # (not resolved: /dev/stdout may name a pipe)
    except FileNotFoundError:
        with signals_end_cleanly():
            _write_replacing(path.resolve(), path, data, None, None)
        return
    if stat.S_ISREG(info.st_mode):
        write_atomic(path, data)
        return
    with open(path, "wb") as handle:
        handle.write(data)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_replacing(target: Path, path: Path, data: bytes, info: os.stat_result | None,
                     expected: tuple[int, int] | None) -> None:
    """write_atomic's write to a temporary file and replace (`info`: the file
    replaced; None: a new file); the temporary file is removed on any way out
    but the replace."""
    import tempfile

    from .document import fingerprint, read_bytes

    tmp = None
    held = _hold_signals()
    try:
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".nz-", suffix=".tmp")
            handle = os.fdopen(fd, "wb")
        finally:  # a signal that came meanwhile is raised here, once `tmp` is known
            _release_signals(held)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if info is not None:
                _keep_owner(handle.fileno(), info)
                _keep_extended_attributes(handle.fileno(), target)
        # after chown, which may clear set-id bits
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
        if expected is not None and fingerprint(read_bytes(target, str(path))) != expected:
            raise DocumentError(f"{path}: changed since it was read; not fixed")
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise


# The signals that would end the process without a clean-up (SIGTERM: a CI job
# cancelled, `timeout`; SIGHUP: a closed terminal), which signals_end_cleanly
# turns into SystemExit; and with SIGINT (KeyboardInterrupt) the signals that end
# a run, held while the temporary file is made.
_TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
_ENDING = (signal.SIGINT, *_TERMINATING)


def _in_main_thread() -> bool:
    """Python sets signal handlers, and runs them, in the main thread only."""
    return threading.current_thread() is threading.main_thread()


def _hold_signals() -> set[int | signal.Signals] | None:
    """Block the signals that end a run, so that none is raised between the
    temporary file's creation and the moment its name is known (inside
    mkstemp, or before its result is assigned): the clean-up could not
    remove it. Returns the mask to restore, or None where signals cannot be
    blocked (no pthread_sigmask) or need not be (not the main thread: Python
    runs signal handlers in the main thread only)."""
    if not hasattr(signal, "pthread_sigmask") or not _in_main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)


def _release_signals(held: set[int | signal.Signals] | None) -> None:
    """Restore the mask _hold_signals changed; a signal that arrived while it was
    held is delivered now, and its handler raises here."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """While in the block, SIGTERM and SIGHUP raise SystemExit(128 + signal)
    instead of ending the process at once, so that write_atomic's clean-up runs
    and no temporary file is left. Only where they still have their default
    action, and only in the main thread (where handlers can be set): a program
    that handles them itself keeps its handlers. The previous handlers are back
    after the block."""
    previous = {}
    for signum in _TERMINATING if _in_main_thread() else ():
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _exit_on_signal)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit_on_signal(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


def _may_write(target: Path) -> bool:
    """Whether this user may write the file itself (not only its folder)."""
    if os.access in os.supports_effective_ids:
        return os.access(target, os.W_OK, effective_ids=True)
    return os.access(target, os.W_OK)


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """Give the open file `fd` the owner and group of `info` (a replaced file's).
    PermissionError where this user may not: the file would change hands (a
    colleague's article in a shared folder), so it is not replaced."""
    if not hasattr(os, "fchown"):
        return
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        raise PermissionError(errno.EPERM, "its owner or group could not be kept; fix it as "
                                           "its owner") from None


def _keep_extended_attributes(fd: int, target: Path) -> None:
    """Copy the replaced file's extended attributes (POSIX ACLs among them) to
    the open file `fd`, as far as the system and this user allow."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:  # not supported there
        return
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(target, name))
        except OSError:  # e.g. a security label only the system may set
            pass
