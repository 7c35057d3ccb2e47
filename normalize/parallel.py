"""Files in parallel processes, with results in walk order (`--jobs N`).

Each worker reads one file and runs the per-document stage on it (check, or
fix until stable); the parent receives the results in the order the files
were walked, so reports, errors and notes are the same as in one process,
byte for byte. Rules are compiled once, in the parent: workers are forked
and inherit them (no pickling of compiled rules). Where `fork` is not
available the work runs in one process.

Only the parent writes files and prints: workers return values.

A file's work has a time limit (TIME_LIMIT seconds, as many again for each
further PER_LIMIT characters of a huge file; `NORMALIZE_TIME_LIMIT` sets the
seconds, 0 for none): a rule's regular expression that backtracks
catastrophically on some text would otherwise hang the run, and the load-time
check (normalize.regex_safety) cannot catch every such pattern. Python's
regex engine looks for signals while it matches, so a timer (SIGALRM, armed
with setitimer for each file and disarmed after it) stops the file's work
with an exception; the file becomes a one-line error and the other files are
checked (`rules validate` runs each rule file's examples under the same
limit: `time_limits` and `limited`). Signals reach only the main thread, so
the limit applies where the work runs there (the command line, and forked
workers); elsewhere (Windows, a library caller's thread) there is none.

The timer never stops a one-time load (normalize.loading: word lists, the
needles pattern, compiled patterns, imports): a load stopped half-way is not
kept, so every later file would try it again and run out of time too. When
the time runs out during one, the timer lets it finish (looking again every
LOAD_TICK seconds), and the file's own work then has its time again.
"""

from __future__ import annotations

import gc
import math
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .document import Document, DocumentError, DocumentSkipped
from .loading import in_load

# Items per task: up to CHUNK (each hand-over costs the parent time, which it
# takes from the workers on a machine with as many CPUs as jobs), but at least
# TASKS_PER_JOB tasks a worker, so that the last ones finish close together.
CHUNK = 256  # 64 cost the parent 0.1-0.3 s more CPU on 22,255 files (1.95 -> 1.7-1.85 s)
TASKS_PER_JOB = 8
WARM = 4  # files checked in the parent before forking (see run_per_file)
MAX_PER_CPU = 4  # workers a CPU at most, whatever --jobs asks

# What the forked workers inherit: the per-document function and its arguments.
_TASK: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


TIME_LIMIT = 20.0  # seconds a file's work may take (see the module's docstring),
# for each this many characters of it (an article: 20 s, 1 MB: 80 s): a megabyte of
# foreign-language lines, each given to langdetect, takes about 55 s
PER_LIMIT = 250_000
LONGEST = 1e8  # seconds (three years) or more: no limit (the timer takes at most a time_t)
LOAD_TICK = 0.01  # when the time ran out during a one-time load: look again this much later


class FileTimeout(BaseException):
    """A file's work took longer than its limit. A BaseException, as
    KeyboardInterrupt is, so that no rule's `except Exception` swallows it."""


# the limit of the run under way (None: none), and whether a file's timer is running
_LIMIT: float | None = None
_ARMED = False
_FILE_LIMIT = 0.0  # the running file's limit
_LOADING = False  # its time ran out during a one-time load
_PREVIOUS: Any = None  # the SIGALRM handler the run replaced


def time_limit() -> float | None:
    """The limit a run starts with: TIME_LIMIT, or `NORMALIZE_TIME_LIMIT`
    (seconds; 0 or less: none), where a timer can stop a file's work."""
    limit = _setting()
    if limit is None:
        limit = TIME_LIMIT  # unset, or not a number (the command line refuses that)
    if not limit > 0 or limit >= LONGEST:  # 0, or a limit no run reaches: none
        return None
    if not hasattr(signal, "setitimer"):
        return None  # Windows
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0]:
        return None  # the caller's own timer is running: leave it alone
    return limit


def _setting() -> float | None:
    """`NORMALIZE_TIME_LIMIT` in seconds; None if unset or not a number."""
    value = os.environ.get("NORMALIZE_TIME_LIMIT", "").strip()
    try:
        limit = float(value) if value else None
    except ValueError:
        return None
    return None if limit is None or math.isnan(limit) else limit


def time_limit_problem() -> str | None:
    """Why `NORMALIZE_TIME_LIMIT` is not a limit (one line), or None: a typo in
    it would otherwise leave the default limit in force without a word."""
    value = os.environ.get("NORMALIZE_TIME_LIMIT", "")
    if value.strip() and _setting() is None:
        return (f"NORMALIZE_TIME_LIMIT={value!r} is not a number of seconds "
                "(0 for no limit)")
    return None


def _on_alarm(signum: int, frame: Any) -> None:
    global _LOADING
    if _ARMED:
        if in_load(frame, stop=limited.__code__):  # let it finish: it is kept
            _LOADING = True
            signal.setitimer(signal.ITIMER_REAL, LOAD_TICK)
            return
        if _LOADING:  # the load is done: the file's own work has its time again
            _LOADING = False
            signal.setitimer(signal.ITIMER_REAL, _FILE_LIMIT)
            return
        raise FileTimeout
    if callable(_PREVIOUS):  # not ours: what the handler before would have done
        _PREVIOUS(signum, frame)


# `--jobs` left out: one process per CPU, at most AUTO_MAX, for AUTO_MIN_FILES files or
# more; fewer files take less time than starting the workers saves (a pre-commit run)
AUTO_MIN_FILES = 200
AUTO_MAX = 4  # the parent's own work (walk, merge, report) caps what more workers give


def jobs_wanted(jobs: int | None, files: int = 0) -> int:
    """`--jobs`: 0 means one per CPU; None (not given) decides by `files` (see AUTO_*)."""
    cpus = os.cpu_count() or 1
    if jobs is None:
        return min(cpus, AUTO_MAX) if files >= AUTO_MIN_FILES else 1
    return jobs if jobs > 0 else cpus


def run_per_file(paths: Iterable[Path | str], work: Callable[..., Any], args: tuple[Any, ...],
                 jobs: int, errors: list[str], notes: list[str], freeze: bool = False
                 ) -> Iterator[Any]:
    """`work(doc, *args)` for every readable file of `paths`, in order.

    Unreadable files go to `errors`, skipped binary files to `notes`, at the
    place in the order where one process would have reported them. `freeze`:
    see map_in_order."""
    named = (str(p) for p in paths)  # a name is quicker to hand over than a Path
    results = _sorted_out(map_in_order(_read_and_work, named, (work, args), jobs, freeze),
                          errors, notes)
    with time_limits():  # forked workers inherit the limit and the handler
        yield from results  # (a generator: the work starts here, under the limit)


@contextmanager
def time_limits() -> Iterator[None]:
    """The run's time limit (`time_limit`) in force inside: `limited` then
    stops work that takes longer than its share of it. A run inside a run
    keeps the outer one's."""
    global _LIMIT, _PREVIOUS
    limit = time_limit()
    if limit is None or _LIMIT is not None:  # none, or a run inside a run: its limit holds
        yield
        return
    _PREVIOUS = signal.signal(signal.SIGALRM, _on_alarm)
    _LIMIT = limit
    try:
        yield
    finally:
        _LIMIT = None
        signal.signal(signal.SIGALRM, _PREVIOUS)
        _PREVIOUS = None


def limit_for(chars: int) -> float | None:
    """The time work on `chars` characters may take under the limit in force
    (more for a huge file); None where there is none."""
    return None if _LIMIT is None else min(LONGEST, _LIMIT * max(1.0, chars / PER_LIMIT))


def limited(limit: float | None, fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)`, stopped by FileTimeout once it has taken `limit` seconds
    (a one-time load it runs is let finish; None: no limit). Inside
    `time_limits` only."""
    if limit is None:
        return fn(*args)
    global _ARMED, _FILE_LIMIT, _LOADING
    try:
        _FILE_LIMIT, _LOADING = limit, False
        _ARMED = True
        signal.setitimer(signal.ITIMER_REAL, limit)
        return fn(*args)
    finally:
        _ARMED = False  # first: a signal from here on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)


def map_in_order(fn: Callable[..., Any], items: Iterable[Any], args: tuple[Any, ...],
                 jobs: int, freeze: bool = False) -> Iterator[Any]:
    """`fn(item, *args)` for every item, in order, in `jobs` processes.

    With one job (or no `fork`) the items are taken one at a time as they come.
    Otherwise they are all taken first (a walk's errors come before any
    file's), and the first few run here, before the fork: what the rules
    load lazily on first use (language profiles, word lists) is then loaded
    once, and the workers share it instead of each loading its own copy.

    `freeze`, for a process that ends with the run (the command line): after
    those first few items, everything alive (the compiled rules, names lists,
    language profiles: hundreds of thousands of objects with a large names
    list) is moved out of the garbage collector's view (`gc.freeze`). Its full
    collections then walk only what the run itself keeps, and forked workers
    do not copy the pages the collector would write to. A library caller's
    objects are never frozen: they could not be collected any more."""
    if jobs > 1:
        import multiprocessing  # only --jobs needs it (7 ms to import)

        if "fork" in multiprocessing.get_all_start_methods():
            yield from _forked(multiprocessing.get_context("fork"), fn, list(items), args,
                               jobs, freeze=freeze)
            return
    for n, item in enumerate(items):
        if n == WARM and freeze:
            gc.freeze()
        yield fn(item, *args)


def _forked(context: Any, fn: Callable[..., Any], items: list[Any], args: tuple[Any, ...],
            jobs: int, *, freeze: bool = False) -> Iterator[Any]:
    for item in items[:WARM]:
        yield fn(item, *args)
    if len(items) <= WARM:
        return
    if freeze:
        gc.freeze()
    global _TASK
    _TASK = (fn, args)
    rest = items[WARM:]
    # no more workers than items left, nor than MAX_PER_CPU a CPU: `-j 99999` on a few
    # files would fork thousands of processes, and more than that only share the CPUs
    jobs = min(jobs, len(rest), MAX_PER_CPU * (os.cpu_count() or 1))
    from .writing import signals_end_cleanly

    try:
        # SIGTERM or SIGHUP to the parent (a cancelled CI job) ends it through the pool's
        # exit, which ends the workers: else they run on, and each prints a traceback
        # when it hands its result to the parent that is gone
        with signals_end_cleanly(), context.Pool(jobs, initializer=_ignore_interrupt) as pool:
            chunk = max(1, min(CHUNK, len(rest) // (jobs * TASKS_PER_JOB)))
            yield from pool.imap(_in_worker, rest, chunk)
    finally:
        _TASK = None


def _ignore_interrupt() -> None:
    """In a worker: Ctrl-C reaches the whole process group, and the parent
    alone answers it (leaving the pool ends the workers); a worker stopped by
    it would print its own traceback. SIGTERM and SIGHUP, which the parent
    answers with SystemExit, end a worker at once (the pool's way to end it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _sorted_out(outcomes: Iterable[tuple[str, Any]], errors: list[str],
                notes: list[str]) -> Iterator[Any]:
    """The values of the "ok" outcomes; errors and notes go to their lists."""
    for kind, value in outcomes:
        if kind == "ok":
            yield value
        else:
            (errors if kind == "error" else notes).append(value)


def _in_worker(item: Any) -> Any:
    assert _TASK is not None, "worker started without a task"
    fn, args = _TASK
    return fn(item, *args)


def _read_and_work(path: str, work: Callable[..., Any], args: tuple[Any, ...]
                   ) -> tuple[str, Any]:
    """Read the file named `path` (a walked Path's str: its display name) and work on it."""
    try:
        doc = Document.read(path, display=path)
    except DocumentSkipped as exc:
        return "note", str(exc)
    except DocumentError as exc:
        return "error", str(exc)
    if _LIMIT is None:
        return "ok", work(doc, *args)
    limit = limit_for(len(doc.text))
    try:
        return "ok", limited(limit, work, doc, *args)
    except FileTimeout:
        return "error", (f"{path}: took longer than {limit:.3g} s to check, stopped (a rule "
                         "that backtracks, or too much text for it; NORMALIZE_TIME_LIMIT sets "
                         "the limit); the other files are checked")
