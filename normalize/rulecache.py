"""Analysed rule folders, kept on disk so that a run after the first starts quickly.

Loading the default rules means parsing about a hundred TOML files, checking
every regular expression (does it compile, can it backtrack catastrophically)
and working out the text each one needs (normalize.literals): most of a
one-file run. What that yields for a folder is kept in normalize.cache, as
plain values (marshal): each file's source and parsed table, and the result
of every pattern analysis its rules asked for, by the analysis's inputs.

The entry's key is each file's absolute path, size and modification time (a
`stat`, which the loader makes anyway; reading and hashing every file would
cost more than the rest of a cached load), plus the same of the modules whose
code the analyses run, so an edited rule file or analysis is worked out again.
A folder is kept only when every file in it loaded without error: a bad file
is read, and reported, on every run.

On a hit the loader still builds every rule from its table (the same
validation, the same errors); only the TOML parsing and the analyses are
skipped: `ANALYSIS` answers them from the entry, and a pattern that was
checked when its folder was first loaded is made from its kept compiled
program when first used (kinds.base.LazyPattern, normalize.programs), not
compiled again. A pattern not in the entry is analysed as usual.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import cache
from .needles import Needle, Requirement
from .programs import Program

FORMAT = 4  # bump when what an entry holds changes (2: names lists' indexes;
#             3: each existence pattern's widths; 4: each pattern's compiled program)
NAME = "rules"
_HERE = Path(__file__).resolve().parent
# the code whose results an entry keeps (besides tomllib, fixed by the Python version)
_CODE = ("rulecache.py", "literals.py", "pattern_strings.py", "regex_safety.py", "programs.py")

Listing = tuple[tuple[Path, int, int], ...]  # (path, mtime_ns, size) of each file of a folder


class Analysis:
    """The slow analyses of rule patterns, each worked out once for its inputs.

    `record()` collects the answers given while one folder loads (found in the
    table or worked out), which is what its cache entry keeps."""

    def __init__(self) -> None:
        self.table: dict[tuple, Any] = {}
        self.used: dict[tuple, Any] | None = None

    def answer(self, key: tuple, work: Callable[[], Any]) -> Any:
        """What `work()` gives, kept under `key`: the analysis's name and its
        inputs, and the answer, as plain values (flags as an int; tuples, not
        lists) that marshal keeps. Any slow derivation a rule's constructor
        makes from its table can be kept so (e.g. the folded names of a names list)."""
        try:
            value = self.table[key]
        except KeyError:
            value = self.table[key] = work()
        if self.used is not None:
            self.used[key] = value
        return value

    @contextmanager
    def record(self) -> Iterator[dict[tuple, Any]]:
        outer, self.used = self.used, {}
        try:
            yield self.used
        finally:
            if outer is not None:
                outer.update(self.used)
            self.used = outer

    def requirements(self, pattern: str, flags: int = 0, *, anchored: bool = False,
                     whole_text: bool = True) -> tuple[Requirement, ...]:
        """normalize.literals.requirements"""
        def work() -> tuple:
            from .literals import requirements

            found = requirements(pattern, flags, anchored=anchored, whole_text=whole_text)
            return tuple(tuple((n.text, n.bounded) for n in sorted(req)) for req in found)

        plain = self.answer(("requirements", pattern, int(flags), anchored, whole_text), work)
        return tuple(frozenset(Needle(*n) for n in req) for req in plain)

    def starts(self, pattern: str, flags: int = 0) -> tuple[str, ...] | None:
        """normalize.literals.starts"""
        def work() -> tuple[str, ...] | None:
            from .pattern_strings import starts

            return starts(pattern, flags)

        return self.answer(("starts", pattern, int(flags)), work)

    def widths(self, pattern: str, flags: int = 0) -> tuple[int, int]:
        """The shortest and longest text a match can have (sre_parse's getwidth)."""
        def work() -> tuple[int, int]:
            from .pattern_strings import sre_parse

            low, high = sre_parse.parse(pattern, flags).getwidth()
            return (int(low), int(high))

        return self.answer(("widths", pattern, int(flags)), work)

    def checked(self, pattern: str, flags: int) -> Program | bool:
        """`pattern` compiled and passed the backtracking check before: its
        compiled program (normalize.programs), or True; False if not checked."""
        key = ("checked", pattern, int(flags))
        if key not in self.table:
            return False
        return self.answer(key, lambda: True)

    def passed(self, pattern: str, flags: int, program: Program | None = None) -> None:
        """`pattern` compiled (to `program`, when known) and passed the backtracking check."""
        self.answer(("checked", pattern, int(flags)), lambda: program or True)


ANALYSIS = Analysis()


def _key(files: Listing) -> str:
    code = []
    for name in _CODE:
        try:
            info = os.stat(_HERE / name)
            code.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            code.append((name, 0, 0))
    listed = [(os.path.abspath(path), size, mtime) for path, mtime, size in files]
    return repr((FORMAT, code, listed))


def read(files: Listing) -> list[tuple[str, dict[str, Any]]] | None:
    """Each file's (source, parsed table), in order, or None (no entry: load
    the folder). The entry's analyses join ANALYSIS."""
    if not files:
        return None
    data = cache.read(NAME, _key(files))
    if data is None:
        return None
    try:
        parsed, answers = marshal.loads(data)
        tables = [(source, marshal.loads(table)) for source, table in parsed]
    except (ValueError, EOFError, TypeError):
        return None
    if len(tables) != len(files):
        return None
    for key, value in answers:
        ANALYSIS.table.setdefault(key, value)
    return tables


def write(files: Listing, parsed: list[tuple[str, bytes]], answers: dict[tuple, Any]) -> None:
    """Keep a folder that loaded without error: each file's source and
    marshalled table, in order, and the analyses its rules asked for."""
    if not files or len(parsed) != len(files):
        return
    try:
        data = marshal.dumps((parsed, list(answers.items())))
    except ValueError:  # a value marshal cannot keep: load the folder every time
        return
    cache.write(NAME, _key(files), data)


def table_bytes(table: dict[str, Any]) -> bytes | None:
    """A parsed rule file, marshalled (None: it holds a value marshal cannot keep,
    a TOML date)."""
    try:
        return marshal.dumps(table)
    except ValueError:
        return None
