"""The strings a part of a regular expression can match, worked out from its parse tree.

`Strings(state).exact(items, ic)` is a set that holds every string the
parsed items can match (it may hold more), lower-cased, with " " standing
for a run of white space, or None when there would be too many or they
cannot be known (`.`, `\\w+`, a class of many letters). normalize.literals
builds needles from these sets; `starts` gives the strings every match
begins with, so a search can try only where one occurs (normalize.needles).

Under re.IGNORECASE a letter also matches its other case, and a few letters
match ones that `str.lower` keeps apart (dotless i, long s, the Greek and
Cyrillic letters with a second small form): those are left out (None), and
normalize.needles sends documents holding the ASCII letters' twins the long
way. Sigma is left out too: its lower case depends on the letters around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # typeshed describes the parser under its old public names only
    import sre_constants
    import sre_parse

    _casefix: Any = None
else:
    try:  # Python 3.11+
        from re import _casefix
        from re import _constants as sre_constants
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - older layout
        import sre_constants
        import sre_parse

        _casefix = None

MAX_STRINGS = 256  # strings worked out for one stretch of a pattern: more make a slow index
MAX_CLASS = 8  # characters of a class [Mm] written out one by one

C = sre_constants
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT) + (
    (C.POSSESSIVE_REPEAT,) if hasattr(C, "POSSESSIVE_REPEAT") else ())
ATOMIC = getattr(C, "ATOMIC_GROUP", None)
_SPACE_CATEGORIES = {C.CATEGORY_SPACE}
_TWINS = {chr(c) for k, v in (_casefix._EXTRA_CASES.items() if _casefix else ())
          for c in (k, *v)}


def starts(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased strings without white space, one of which begins every
    match of `pattern` (so a match is looked for only where one occurs), or None."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - the caller compiles and reports bad patterns
        return None
    heads = Strings(tree.state).heads(list(tree.data), bool(tree.state.flags & re.IGNORECASE))
    if not heads or "" in heads:
        return None
    return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads)))


def join(left: set[str], right: set[str]) -> set[str] | None:
    """Every string of `left` followed by every one of `right` (runs of white
    space stay one " "), or None when that makes too many."""
    if len(left) * len(right) > MAX_STRINGS:
        return None
    return {re.sub("  +", " ", a + b) for a, b in product(left, right)}


class Strings:
    """Reads parsed items (`sre_parse`) for the strings they can match."""

    def __init__(self, state: sre_parse.State) -> None:
        self.state = state

    def exact(self, items: list, ic: bool) -> set[str] | None:
        """Every string `items` can match (a superset), or None: too many or unknown."""
        out: set[str] | None = {""}
        for item in items:
            part = self.item(item, ic)
            if part is None or out is None:
                return None
            out = join(out, part)
        return out

    def item(self, item: tuple, ic: bool) -> set[str] | None:
        op, av = item
        if op is C.LITERAL:
            return _char(chr(av), ic)
        if op is C.IN:
            return _class(av, ic)
        if op in ZERO_WIDTH:
            return {""}
        if op is C.SUBPATTERN:
            return self.exact(list(av[3]), flags_of(ic, av[1], av[2]))
        if op is ATOMIC:
            return self.exact(list(av), ic)
        if op is C.BRANCH:
            return _union(self.exact(list(alt), ic) for alt in av[1])
        if op in REPEATS:
            low, high, sub = av
            inner = self.exact(list(sub), ic)
            if inner is None:
                return None
            if inner <= {" "}:
                return {" "} if low else {"", " "}
            if high > 3:
                return None
            out, power = set(), {""}
            for n in range(high + 1):
                if n >= low:
                    out |= power
                nxt = join(power, inner)
                if nxt is None:
                    return None
                power = nxt
            return out if len(out) <= MAX_STRINGS else None
        return None

    def heads(self, items: list, ic: bool) -> set[str] | None:
        """Strings cut at white space, one of which begins every match of `items`."""
        out = {""}
        for op, av in items:
            if op in ZERO_WIDTH:
                continue
            part = self.item((op, av), ic)
            if part is None:
                part = self.heads_of((op, av), ic)
                joined = join(out, part) if part is not None else None
                out = joined if joined is not None else out
                break
            joined = join(out, part)
            if joined is None:
                break
            out = joined
            if any(" " in s for s in out):
                break
        return {s.split(" ")[0] for s in out}

    def heads_of(self, item: tuple, ic: bool) -> set[str] | None:
        op, av = item
        if op is C.SUBPATTERN:
            return self.heads(list(av[3]), flags_of(ic, av[1], av[2]))
        if op is ATOMIC:
            return self.heads(list(av), ic)
        if op is C.BRANCH:
            return _union(self.heads(list(alt), ic) for alt in av[1])
        if op in REPEATS and av[0] >= 1:
            return self.heads(list(av[2]), ic)
        return None

def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    """The strings of every alternative (None as soon as one cannot be known, or
    when they are too many)."""
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out if len(out) <= MAX_STRINGS else None


def flags_of(ic: bool, add: int, remove: int) -> bool:
    return bool((ic or add & re.IGNORECASE) and not remove & re.IGNORECASE)


def _char(ch: str, ic: bool) -> set[str] | None:
    if ch.isspace():
        return {" "}
    low = ch.lower()
    if len(low) != 1 or low in "σς" or (ic and not ch.isascii() and (low in _TWINS
                                                                    or ch in _TWINS)):
        return None
    return {low}


def _class(items: list, ic: bool) -> set[str] | None:
    chars: list[str] = []
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < MAX_CLASS:
            chars.extend(map(chr, range(av[0], av[1] + 1)))
        elif op is C.CATEGORY and av in _SPACE_CATEGORIES:
            out.add(" ")
        else:
            return None
    for ch in chars:
        got = _char(ch, ic)
        if got is None:
            return None
        out |= got
    return out if len(out) <= MAX_CLASS else None
