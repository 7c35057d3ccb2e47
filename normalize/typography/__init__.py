"""Typographic and Unicode damage: small pure checks over a document's text.

Each check is a function `(text, options) -> Iterator[Hit]`; the
`typography` rule kind (normalize.kinds.typography) picks one by name and
turns its hits into findings. A check never mutates and never prints.

A `Hit` carries its own proposal and whether that proposal is safe: the
checks know when a repair is unambiguous (a decomposed letter recomposed,
an invisible control removed in Latin text) and when a person must choose.

Most documents have nothing to flag, so the checks first look for what a hit
cannot do without, with the quickest tools: `str.isascii`, `in`, a pattern
that starts with a literal character (which `re` finds at memchr speed), and
`rare`, the few unusual characters of a document, found once for all checks.
A check's own pattern then runs only where a match can begin (`matches_at`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    replacement: str | None = None
    safe: bool = False
    # values the rule's message may quote ({name}, {what} ...)
    values: dict[str, str] = field(default_factory=dict)


Check = Callable[[str, dict[str, Any]], Iterator[Hit]]


def matches_at(pattern: re.Pattern[str], text: str,
               places: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern that never matches the empty
    string, trying a match only at `places`: ascending offsets that include
    every offset where a match can begin."""
    end = 0
    for at in places:
        if at >= end and (m := pattern.match(text, at)):
            end = m.end()
            yield m


def starts(text: str, *patterns: re.Pattern[str]) -> list[int]:
    """Where the one-character matches of `patterns` begin, in order."""
    if len(patterns) == 1:
        return [m.start() for m in patterns[0].finditer(text)]
    return sorted({m.start() for p in patterns for m in p.finditer(text)})


# What the checks of non-ASCII damage cannot do without: combining marks and
# invisible characters, Greek and Cyrillic letters (U+1D00-U+1DBF holds small
# capitals of both), and the lead characters of mojibake (Â Ã Ä Å È Î Ï Ð Ñ Ò â ð).
_RARE = re.compile(
    "[\u00ad\u00c2-\u00c5\u00c8\u00ce\u00cf\u00d0-\u00d2\u00e2\u00f0\u0300-\u036f"
    "\u0370-\u052f\u061c\u180e\u1ab0-\u1aff\u1c80-\u1c8f\u1d00-\u1dff\u1f00-\u1fff"
    "\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u20d0-\u20ff\u2126\u2c80-\u2cff"
    "\u2de0-\u2dff\ua640-\ua69f\uab30-\uab6f\ufe20-\ufe2f\ufeff"
    "\U00010140-\U0001018f\U0001d200-\U0001d24f\U0001e030-\U0001e08f]"
)


def rare(text: str) -> str:
    """The distinct characters of `text` in `_RARE` (one scan, shared by the
    checks of a document); "" for ASCII text."""
    return "" if text.isascii() else _rare(text)


_ASCII = bytes(range(128))


@lru_cache(maxsize=8)
def _rare(text: str) -> str:
    """`_RARE` holds no ASCII character and looks at one character at a time, so
    it is run over the text's other characters alone: its UTF-8 bytes with the
    ASCII ones deleted (a few quick passes in C, where `re` would test each
    character of the whole text against the class)."""
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    return "".join(sorted(set(_RARE.findall(others.decode("utf-8", "surrogatepass")))))


def _registry() -> dict[str, Check]:
    from . import mojibake, quotes, scripts, spacing, unicode

    return {
        "decomposed": unicode.decomposed,
        "invisible": unicode.invisible,
        "mixed-script": scripts.mixed_script,
        "space-before-punctuation": spacing.space_before_punctuation,
        "space-in-hyphenation": spacing.space_in_hyphenation,
        "space-before-quote": spacing.space_before_quote,
        "space-after-sentence": spacing.space_after_sentence,
        "doubled-punctuation": spacing.doubled_punctuation,
        "unbalanced-quotes": quotes.unbalanced_quotes,
        "mojibake": mojibake.mojibake,
    }


CHECKS: dict[str, Check] = _registry()

__all__ = ["CHECKS", "Check", "Hit"]
