"""Literal text a pattern cannot match without: a substring test before a regex pass.

A rule's pattern is run over a document only if the document holds one of the
pattern's required literals. Finding "town" with `str.__contains__` is a
memchr-speed scan, while a pattern that starts with a look-behind (the
Unicode word boundary every swap has) defeats `re`'s own literal search and
steps through the text one position at a time. Most rules' words are absent
from most articles, so most patterns never run.

`required_literals` reads the parsed pattern: the longest run of literal
characters in its top-level sequence must appear in every match; for a
top-level alternation, one such run per alternative. Only ASCII runs are
used, compared with the document lower-cased when the pattern ignores case;
documents holding one of the few non-ASCII letters that `re` folds onto an
ASCII one (Kelvin sign, long s, dotted and dotless i) skip the test.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_LENGTH = 3  # shorter literals are in nearly every text: not worth a test

# Letters that re.IGNORECASE matches to ASCII letters although lower() does not map them.
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literals one of which every match contains (lower-cased under IGNORECASE),
    or None when the pattern has no usable literal (it must always run)."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - the caller compiles and reports bad patterns
        return None
    if (tree.state.flags ^ flags) & re.IGNORECASE:
        return None  # an inline (?i): the caller's case-folding would not match it
    found = _of_sequence(list(tree))
    if found is None:
        return None
    if flags & re.IGNORECASE:
        found = tuple(lit.lower() for lit in found)
    return found


def _of_sequence(items: list) -> tuple[str, ...] | None:
    """The longest top-level literal run of a sequence, or a set from one branch."""
    best, run = "", []
    options: tuple[str, ...] | None = None
    for op, av in _flatten(items):
        if op is sre_constants.LITERAL and av < 128:
            run.append(chr(av))
            continue
        best = max(best, "".join(run), key=len)
        run = []
        if op is sre_constants.BRANCH and options is None:
            alternatives = [_of_sequence(list(alt)) for alt in av[1]]
            if all(a is not None for a in alternatives):
                options = tuple(sorted({lit for a in alternatives for lit in a}))  # type: ignore[union-attr]
    best = max(best, "".join(run), key=len)
    if len(best) >= MIN_LENGTH:
        return (best,)
    return options


def _flatten(items: list) -> list:
    """Inline plain groups (?:...) and (...) so their literals join the sequence."""
    out = []
    for op, av in items:
        if op is sre_constants.SUBPATTERN and not av[1] and not av[2]:
            out.extend(_flatten(list(av[-1])))
        else:
            out.append((op, av))
    return out


@lru_cache(maxsize=8)
def search_key(text: str) -> str:
    """The document as the literal test compares it (lower-cased)."""
    return text.lower()


@lru_cache(maxsize=8)
def _has_case_twins(text: str) -> bool:
    return _CASE_TWINS.search(text) is not None


def may_match(literals: tuple[str, ...] | None, text: str, ignore_case: bool) -> bool:
    """False only when the pattern with `literals` cannot match `text`."""
    if literals is None:
        return True
    if ignore_case:
        if not text.isascii() and _has_case_twins(text):
            return True
        text = search_key(text)
    return any(lit in text for lit in literals)
