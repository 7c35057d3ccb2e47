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
`rare`, the few unusual characters of a document, found once for all checks,
and `neighbours`, which of a few pairs of characters side by side (a space
before a comma, a full stop before a capital) the document may hold, found at
once for all of them in one pass of big-integer arithmetic.
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
    found = [p for p in patterns if p.search(text)]  # most often none: no match objects
    if len(found) == 1:
        return [m.start() for m in found[0].finditer(text)]
    return sorted({m.start() for p in found for m in p.finditer(text)})


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


# What three spacing checks cannot do without: two or three characters side by
# side. Each byte of the UTF-8 text becomes a set of bits (what the byte can
# be, below), the bytes one big integer, the first byte lowest; `x & x >> 9`
# then has bit k of a byte set where that byte has bit k and the next one bit
# k + 1, and `& x >> 18` asks bit k + 2 of the one after. So one shift and one
# `&` test every pair of neighbouring bits at once, over the whole text, in C.
# A character outside ASCII is only ever its last byte next to the byte after
# it, and its first byte next to the one before; every byte of one is >= 0x80.
_SPACE, _MARK, _NEXT, _BLANK, _HYPHEN, _LETTER, _HYPHEN2, _BLANK2 = (1 << k for k in range(8))
_BITS = bytearray(256)
for _byte, _bits in [
    # bit 0, then 1: a space (" ", a tab, or the last byte of U+00A0, U+202F or
    # U+2009) before a mark; bit 1, then 2: a mark before a capital or before
    # , ; or : (a mark doubled: with blanks between, the last is a space before a mark)
    *((b, _SPACE) for b in b" \t\xa0\xaf\x89"),
    *((b, _MARK) for b in b",;:.!?"),
    *((b, _NEXT) for b in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ,;:"),
    # bits 3, 4, 5: a blank, a hyphen, a letter ("anti -drone"); bits 5, 6, 7:
    # a letter, a hyphen, a blank ("counter- attack"); a byte >= 0x80 may be a letter
    *((b, _BLANK | _BLANK2) for b in b" \t"),
    (ord("-"), _HYPHEN | _HYPHEN2),
    *((b, _LETTER) for b in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    *((b, _LETTER) for b in range(0x80, 0x100)),
]:
    _BITS[_byte] |= _bits
_BITS_TABLE = bytes(_BITS)

SPACE_MARK = 1  # a space right before one of , ; : . ! ?
MARK_AGAIN_OR_UPPER = 2  # one of , ; : . ! ? right before a capital A-Z or , ; :
BLANK_HYPHEN_LETTER = 4  # " -d" (a blank is a space or a tab)
LETTER_HYPHEN_BLANK = 8  # "d- "
# flag, whether pairs (0) or threes (1) hold it, and where
_FLAGS = ((SPACE_MARK, 0, _SPACE), (MARK_AGAIN_OR_UPPER, 0, _MARK),
          (BLANK_HYPHEN_LETTER, 1, _BLANK), (LETTER_HYPHEN_BLANK, 1, _LETTER))


# Texts longer than this (in UTF-8 bytes) are said to hold every pair: the masks
# below are kept for the run, and must not grow with the largest file checked
NEIGHBOURS_LIMIT = 1 << 20
_EVERY = sum(flag for flag, _, _ in _FLAGS)  # the flags are distinct bits


@lru_cache(maxsize=8)
def neighbours(text: str) -> int:
    """Which of SPACE_MARK, MARK_AGAIN_OR_UPPER, BLANK_HYPHEN_LETTER and
    LETTER_HYPHEN_BLANK `text` may hold (bits of the result): a bit is 0 only
    where the text has no such characters side by side. One pass, shared by
    the checks of a document."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > NEIGHBOURS_LIMIT:
        return _EVERY
    classes = data.translate(_BITS_TABLE)
    x = int.from_bytes(classes, "little")
    pairs = x & x >> 9
    masks = _masks(len(classes))
    found = (pairs & masks[_SPACE | _MARK], pairs & x >> 18 & masks[_BLANK | _LETTER])
    out = 0
    for flag, which, bit in _FLAGS:
        if found[which] and found[which] & masks[bit]:
            out |= flag
    return out


_MASKS: list[dict[int, int]] = [{}]


def _masks(size: int) -> dict[int, int]:
    """Bits -> an integer with those bits set in each of at least `size` bytes
    (an `&` with it costs no more than the other number's size)."""
    masks = _MASKS[0]
    if masks.get(0, -1) < size:
        size = max(size, 2 * masks.get(0, 0), 4096)
        masks = _MASKS[0] = {bits: int.from_bytes(bytes([bits]) * size, "little")
                             for bits in (_SPACE, _MARK, _BLANK, _LETTER,
                                          _SPACE | _MARK, _BLANK | _LETTER)}
        masks[0] = size
    return masks


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
        "doubled-quotes": quotes.doubled_quotes,
        "mojibake": mojibake.mojibake,
    }


CHECKS: dict[str, Check] = _registry()

__all__ = ["CHECKS", "Check", "Hit", "neighbours"]
