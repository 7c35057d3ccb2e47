"""Regular expressions whose compiled form is kept on disk (normalize.cache).

Python compiles a regular expression in two steps: it parses the pattern and
writes the matcher's program (in Python: slow for a pattern of thousands of
alternatives, such as the one pass of normalize.needles, about a quarter of a
second), then makes the matcher from the program (in C: quick). `build`
does both and also returns the program, as plain values; `load` makes the
matcher again from a kept program in a few milliseconds.

The program is the running Python's own (its `re` internals): what `load`
reads must have been written by the same Python, so the cache key holds
`sys.version` (normalize.cache) and `KEY` (the engine's magic number).
Anything unexpected (another Python whose internals differ, a damaged
entry) makes `build` compile as usual: the result is the same pattern either way,
and the engine checks a program before it runs it.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable
from typing import Any

from . import cache

_sre: Any
_compiler: Any
_parser: Any
try:  # the engine's internals, as re.compile uses them (CPython 3.11 and later)
    import _sre  # type: ignore[import-not-found,no-redef]  # no stubs: internal
    from re import _compiler, _parser  # type: ignore[attr-defined,no-redef]
    KEY = f"sre {_sre.MAGIC} {_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _sre = _compiler = _parser = None
    KEY = "none"

Program = tuple  # (pattern, flags, code, groups, groupindex, indexgroup): marshal keeps it


def build(source: str | bytes, flags: int = 0) -> tuple[re.Pattern[Any], Program | None]:
    """`re.compile(source, flags)` and its program (None if this Python's
    internals are not the ones this module knows)."""
    try:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        state = parsed.state
        index = dict(state.groupdict)
        names: list[str | None] = [None] * state.groups
        for name, number in index.items():
            names[number] = name
        program = (source, int(flags | state.flags), code, state.groups - 1, index, tuple(names))
        return _sre.compile(*program), program
    except re.error:
        raise  # a bad pattern, as re.compile says
    except (RecursionError, OverflowError) as exc:  # as re.compile would raise them
        raise re.error(too_large(exc)) from None
    except Exception:  # noqa: BLE001 - another Python's internals: compile as usual
        return re.compile(source, flags), None


def too_large(exc: RecursionError | OverflowError) -> str:
    """Why `re` could not compile a pattern that it raised `exc` for (groups
    nested hundreds deep; a repetition count above what it can hold)."""
    if isinstance(exc, RecursionError):
        return "groups nested too deeply to compile"
    return str(exc) or "a number in it is too large"


def dumps(programs: list[Program]) -> bytes:
    return marshal.dumps(programs)


def make(program: Program) -> re.Pattern[Any] | None:
    """The pattern whose program `build` gave, or None when it cannot be made
    (a damaged program, another Python's)."""
    try:
        return _sre.compile(*program)
    except Exception:  # noqa: BLE001 - any failure: the caller compiles instead
        return None


def load(data: bytes) -> list[re.Pattern[Any]] | None:
    """The patterns whose programs `dumps` wrote, or None when one cannot be made."""
    try:
        kept = marshal.loads(data)
    except Exception:  # noqa: BLE001 - a damaged entry
        return None
    made = [make(program) for program in kept] if isinstance(kept, list) else [None]
    return None if None in made else made  # type: ignore[return-value]  # no None


def read(name: str, key: str) -> list[re.Pattern[Any]] | None:
    """The patterns kept in the cache under `name` and `key` (what their sources
    depend on besides the Python that runs them, which the cache's key holds),
    or None when none are (or they cannot be made)."""
    data = cache.read(name, f"{KEY} {key}")
    return load(data) if data is not None else None


def keep(name: str, key: str, programs: list[Program | None]) -> None:
    """Keep the programs for `read`, when `build` gave every one."""
    if programs and None not in programs:
        cache.write(name, f"{KEY} {key}", dumps(programs))  # type: ignore[arg-type]


def kept(name: str, key: str, sources: Callable[[], list[tuple[str, int]]],
         count: int = 1) -> list[re.Pattern[str]]:
    """The `count` patterns `sources()` gives (each a source and its flags),
    compiled once per machine (`read`, `keep`)."""
    got = read(name, key)
    if got is not None and len(got) == count:
        return got
    built = [build(source, flags) for source, flags in sources()]
    keep(name, key, [program for _, program in built])
    return [pattern for pattern, _ in built]
