"""What a document may hold for each check, found once for all of them.

Each check begins with a quick test of what a hit cannot do without (its
module says which); a document that fails it yields nothing. `screen` makes
those tests once per document, for every check at once, as bits of one
integer, and `NEEDS` says which bits let each check through: a rule whose
bits are all 0 is not run at all (no call, no generator), which is the
common case for most of the ten checks. The bits say only what the checks'
own first tests say, so a check let through finds what it found before, and
one held back would have found nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import (
    BLANK_HYPHEN_LETTER,
    LETTER_HYPHEN_BLANK,
    MARK_AGAIN_OR_UPPER,
    SPACE_MARK,
    neighbours,
    rare,
)
from .mojibake import _LEADS
from .scripts import _GREEK_CYRILLIC
from .spacing import _joints
from .unicode import _COMBINING
from .unicode import _RUN as _INVISIBLE

# the bits of `neighbours` (1, 2, 4, 8), then these
COMBINING = 16  # a combining mark (decomposed)
INVISIBLE = 32  # an invisible control (invisible)
GREEK_CYRILLIC = 64  # a Greek or Cyrillic letter (mixed-script)
MOJIBAKE_LEAD = 128  # a character that begins mojibake (mojibake)
OPENING_QUOTE = 256  # “ (space-before-quote)
STRAIGHT_QUOTE = 512  # " (space-before-quote, doubled-quotes)
CLOSING_QUOTE = 1024  # ” (unbalanced-quotes)
EVERY = 2047


def _hyphenation(options: dict[str, Any]) -> int:
    joints = _joints(tuple(options["prefixes"]))
    return joints if joints else EVERY


# check -> the bits one of which it cannot do without (from its options)
NEEDS: dict[str, Callable[[dict[str, Any]], int]] = {
    "decomposed": lambda options: COMBINING,
    "invisible": lambda options: INVISIBLE,
    "mixed-script": lambda options: GREEK_CYRILLIC,
    "mojibake": lambda options: MOJIBAKE_LEAD,
    "space-before-punctuation": lambda options: SPACE_MARK,
    "space-in-hyphenation": _hyphenation,
    "space-before-quote": lambda options: OPENING_QUOTE | STRAIGHT_QUOTE,
    "space-after-sentence": lambda options: MARK_AGAIN_OR_UPPER,
    "doubled-punctuation": lambda options: SPACE_MARK | MARK_AGAIN_OR_UPPER,
    "unbalanced-quotes": lambda options: CLOSING_QUOTE,
    "doubled-quotes": lambda options: STRAIGHT_QUOTE,
}

assert BLANK_HYPHEN_LETTER | LETTER_HYPHEN_BLANK | SPACE_MARK | MARK_AGAIN_OR_UPPER == 15

_last: list[Any] = [None, 0]  # the last text screened (held, so its identity is its own) and bits


def screen(text: str) -> int:
    """The bits of what `text` may hold (a bit is 0 only where a check's first
    test fails); the last document's are kept, for all its rules."""
    if text is _last[0]:
        return _last[1]
    bits = neighbours(text)
    found = rare(text)
    if found:
        if _COMBINING.search(found):
            bits |= COMBINING
        if _INVISIBLE.search(found):
            bits |= INVISIBLE
        if _GREEK_CYRILLIC.search(found):
            bits |= GREEK_CYRILLIC
        if _LEADS.search(found):
            bits |= MOJIBAKE_LEAD
    if "“" in text:
        bits |= OPENING_QUOTE
    if '"' in text:
        bits |= STRAIGHT_QUOTE
    if "”" in text:
        bits |= CLOSING_QUOTE
    _last[:] = [text, bits]
    return bits
