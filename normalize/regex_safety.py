"""Reject rule-file regexes that can backtrack catastrophically, at load time.

Python's `re` backtracks: `(a+)+$` against "aaaa...b" tries every way of
cutting the run of a's, 2^n of them, and a run over an archive would hang.
Rather than run every user pattern under a time limit (another engine, a
timeout per call), a pattern is refused when it loads, with the piece to
rewrite. The classic shape is caught: a repetition whose body can match by
repeating something *alone*, with everything else in the body optional:

    (a+)+   (\\w+\\s?)*   (?:x*)*   (a+|b)+   ((ab)*c?)+

while `(?:\\s+\\w+){0,3}` passes: each turn must cross a blank and then a word,
so a text can be cut into turns in one way only. Atomic groups and possessive
quantifiers (`(?>a+)+`, `(a++)+`) never backtrack into and pass.
"""

from __future__ import annotations

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

import re

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,?\d*\})")


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """The piece of `pattern` that can backtrack catastrophically, or None."""
    if not _REPEATED_GROUP.search(pattern):
        return None  # only a repeated group can hold a repetition: nothing to parse
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a bad pattern is reported by re.compile itself
        return None
    found = _walk(tree)
    return None if found is None else _describe(pattern, found)


def _walk(seq) -> object | None:  # noqa: ANN001 - sre_parse has no types
    for op, av in seq:
        if op in _REPEATS:
            _low, high, body = av
            if high > 1 and _repeats_alone(body):
                return body
            inner = _walk(body)
        elif op is sre_constants.SUBPATTERN:
            inner = _walk(av[-1])
        elif op is sre_constants.BRANCH:
            inner = next((hit for alt in av[1] if (hit := _walk(alt)) is not None), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            inner = _walk(av[1])
        elif op is sre_constants.GROUPREF_EXISTS:
            inner = _walk(av[1]) or (_walk(av[2]) if av[2] is not None else None)
        else:  # literals, classes, atomic groups, possessive repeats: no backtracking
            inner = None
        if inner is not None:
            return inner
    return None


def _repeats_alone(body) -> bool:  # noqa: ANN001
    """True when `body` can match by repeating one of its parts while every other
    part matches nothing: then a repetition of `body` can cut a text many ways."""
    widths = [body[i : i + 1].getwidth()[0] for i in range(len(body))]
    total = sum(widths)
    for (op, av), width in zip(body, widths):
        if total - width > 0:
            continue  # another part needs a character: turns cannot merge
        if op in _REPEATS and av[1] > 1:
            return True
        if op is sre_constants.SUBPATTERN and _repeats_alone(av[-1]):
            return True
        if op is sre_constants.BRANCH and any(_repeats_alone(alt) for alt in av[1]):
            return True
    return False


def _describe(pattern: str, body) -> str:  # noqa: ANN001
    """A short human pointer to the repeated body (its source text when found)."""
    text = _source(body)
    return f"a repeated group repeats '{text}' inside it" if text else "nested repetition"


def _source(body) -> str:  # noqa: ANN001
    """Best-effort rendering of a parsed piece: enough to point at it."""
    out = []
    for op, av in body:
        if op is sre_constants.LITERAL:
            out.append(chr(av))
        elif op in _REPEATS:
            low, high, inner = av
            mark = {(0, sre_constants.MAXREPEAT): "*", (1, sre_constants.MAXREPEAT): "+",
                    (0, 1): "?"}.get((low, high), f"{{{low},{high}}}")
            out.append(f"({_source(inner)}){mark}" if len(inner) > 1 else _source(inner) + mark)
        elif op is sre_constants.SUBPATTERN:
            out.append(f"({_source(av[-1])})")
        elif op is sre_constants.BRANCH:
            out.append("(" + "|".join(_source(alt) for alt in av[1]) + ")")
        elif op is sre_constants.IN:
            out.append("[...]")
        elif op is sre_constants.ANY:
            out.append(".")
        else:
            out.append("…")
    return "".join(out)
