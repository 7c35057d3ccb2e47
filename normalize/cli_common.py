"""What the command modules share: exit codes, failing with a message, standard
output that cannot be written, rule options.

Part of the command line (with cli.py and cli_rules.py): the only modules
that print, write files or pick exit codes.
"""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from .kinds.base import RuleError
from .loader import RuleSet, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT), as shells report a command it stopped: 128 + 2


class PathArgument(click.Path):
    """click.Path that refuses an empty argument: click reads "" as the current
    folder, so `normalize fix "$FILES"` with $FILES empty would fix every file
    below it."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty path names no file or folder (an unset shell variable?)",
                      param, ctx)
        return super().convert(value, param, ctx)


def fail(message: str) -> NoReturn:
    echo_error(message)
    sys.exit(EXIT_ERROR)


def echo_error(message: str, kind: str = "error") -> None:
    """An `error:` (or `note:`) line on stderr, control characters in it (a file
    name's) shown as escapes: sent raw, a terminal would act on them, and click
    would strip an escape sequence from the name when stderr is not a terminal.
    A byte of a name that is not UTF-8 is `\\xff`, as the reports show it (not
    Python's `\\udcff`)."""
    from .report import readable, visible

    click.echo(f"{kind}: {visible(readable(message))}", err=True)


def echo_out(text: str, raw: bool = False) -> None:
    """`text` on standard output as it is (no line break added); as its bytes when
    a file name in it is not UTF-8 (a strict standard-output encoding would
    refuse it) or when `raw` (click would strip escape sequences from text when
    standard output is not a terminal)."""
    from .report import as_bytes, has_surrogates

    if raw or has_surrogates(text):
        sys.stdout.flush()
        click.echo(as_bytes(text), nl=False)
    else:
        click.echo(text, nl=False)


class _Kept(io.RawIOBase):
    """A standard stream's file that does not raise: the first error writing to
    it is kept (`error`), and what is written after it is dropped. `inner` is
    the stream's own raw file (None: the stream was closed when the run began)."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.inner is not None and self.inner.isatty()

    def fileno(self) -> int:
        if self.inner is None:
            raise io.UnsupportedOperation("closed")
        return int(self.inner.fileno())

    def write(self, data: Any) -> int:
        size = memoryview(data).nbytes
        while self.error is None and size:
            if self.inner is None:
                self.error = OSError(errno.EBADF, "closed")
                break
            try:
                written = self.inner.write(data)
            except OSError as exc:
                self.error = exc
                break
            if written is not None:
                return int(written)
            import select  # non-blocking and full (a CI runner's pipe): wait for room

            select.select([], [self.inner], [])
        return size


def _keep(stream: TextIO | None) -> tuple[_Kept, TextIO] | None:
    """`stream` (sys.stdout or sys.stderr) as a text stream over a _Kept file,
    with the same encoding and buffering; None if it has no raw file to wrap."""
    if stream is None:  # closed when the process started (`>&-`)
        kept = _Kept(None)
        encoding, errors, lines, through = "utf-8", "strict", False, False
    else:
        binary = getattr(stream, "buffer", None)
        # the raw file under the buffer; the buffer itself if raw (PYTHONUNBUFFERED)
        inner = binary if isinstance(binary, io.RawIOBase) else getattr(binary, "raw", None)
        if inner is None:
            return None
        stream.flush()
        kept = _Kept(inner)
        encoding, errors = stream.encoding, stream.errors or "strict"
        lines = getattr(stream, "line_buffering", False)
        through = getattr(stream, "write_through", False)
    text = io.TextIOWrapper(io.BufferedWriter(kept), encoding=encoding, errors=errors,
                            line_buffering=lines, write_through=through)
    return kept, text


def guarded(call: Callable[[], Any]) -> Any:
    """Run a command (`call`) with standard output and error that cannot fail it
    halfway; then, if standard output could not be written:

    - the reader has gone (a closed pipe, `| head`): nothing more is written, and
      the run ends with its own exit code (as if the rest had been read);
    - anything else (a full disk, an I/O error, standard output closed):
      `error: standard output: cannot write (...)` on stderr and exit code 2,
      as for a report file that cannot be written (`-o`): the report is lost.

    What cannot be written to standard error is dropped (there is nowhere to
    say so); the exit code stays. Only the process's own streams are guarded,
    not a test runner's."""
    if sys.stdout is not sys.__stdout__ or sys.stderr is not sys.__stderr__:
        return call()
    saved = sys.stdout, sys.stderr
    out, err = _keep(sys.stdout), _keep(sys.stderr)
    if out is None or err is None:
        return call()
    sys.stdout, sys.stderr = out[1], err[1]
    try:
        try:
            result, code = call(), None
        except SystemExit as exc:
            result, code = None, exc.code
        finally:
            out[1].flush()  # (never raises: a _Kept file keeps its error)
        problem = out[0].error
        if problem is not None and problem.errno != errno.EPIPE:
            click.echo(f"error: standard output: cannot write ({problem.strerror or problem})",
                       err=True)
            code = EXIT_INTERRUPTED if code == EXIT_INTERRUPTED else EXIT_ERROR
    finally:
        err[1].flush()
        sys.stdout, sys.stderr = saved
    if code is not None:
        sys.exit(code)
    return result


def say(text: str) -> None:
    """Print a line on standard output (see echo_out)."""
    echo_out(text + "\n")


def load_ruleset(rules_dirs: tuple[Path, ...], no_default: bool) -> RuleSet:
    try:
        return load_rules(list(rules_dirs), use_defaults=not no_default)
    except RuleError as exc:
        fail(str(exc))


rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, type=PathArgument(path_type=Path, file_okay=False),
    help="Add a folder of rule files (repeatable).")
no_default_option = click.option(
    "--no-default-rules", is_flag=True, help="Do not load the rules shipped with normalize.")
