"""One-time loads, which a file's time limit lets finish (see normalize.parallel).

What the rules load lazily (word lists, the shared needles pattern, a names
list's indexes, language profiles, compiled patterns) is loaded by the first
file that needs it and kept for the run. If a file's time limit stopped such
a load half-way, nothing would be kept: every later file would start it again
and be stopped too, and a load that records "done" before it is done would
leave the later files checked without its data. So when a file's time runs
out during a load, the timer lets the load finish and stops the file's work
just after it (or not at all, if the work ends first).

A load, for `in_load`, is any of these under way in the file's work:

- an import (a module's body, importlib's own frames);
- a regular expression being compiled (`re._compile`; matching is not a load,
  and a match that backtracks catastrophically is what the limit is for);
- a function cached with no arguments (functools.cache or lru_cache, in
  normalize's modules): it runs once and its value is kept for the run;
- a function marked with `one_time_load` (a load that takes arguments, such
  as one language's word list, or that keeps its result itself).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MARKED: set[CodeType] = set()


def one_time_load(fn: F) -> F:
    """Mark `fn` as a one-time load (returned as it is: no cost per call)."""
    _MARKED.add(fn.__code__)
    return fn


def in_load(frame: FrameType | None, stop: CodeType | None = None) -> bool:
    """Whether `frame`, or a frame it was called from (up to the first running
    `stop`, the file's work, not included), is a one-time load."""
    codes = _load_codes()
    while frame is not None:
        code = frame.f_code
        if code is stop:
            return False
        if (code in codes or code.co_name == "<module>"
                or code.co_filename.startswith("<frozen importlib")):
            return True
        frame = frame.f_back
    return False


def _load_codes() -> set[CodeType]:
    """The code of every load `in_load` knows. Looked for each time (under a
    millisecond): this runs only when a file's time has run out."""
    codes = set(_MARKED)
    compile_code = getattr(getattr(re, "_compile", None), "__code__", None)
    if compile_code is not None:
        codes.add(compile_code)
    for name, module in list(sys.modules.items()):
        if name.partition(".")[0] != "normalize" or module is None:
            continue
        for value in list(vars(module).values()):
            wrapped = getattr(value, "__wrapped__", None)
            code = getattr(wrapped, "__code__", None)
            if (isinstance(value, functools._lru_cache_wrapper) and code is not None
                    and code.co_argcount == code.co_kwonlyargcount == 0
                    and not code.co_flags & 0x0C):  # no *args, no **kwargs
                codes.add(code)
    return codes
