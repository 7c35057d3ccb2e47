"""Small pure helpers on text: Unicode words, folding, case.

Python's `\\b` and `\\w` treat combining marks (NFD text) as non-word
characters, so "Šakalienė" written in NFD would fall apart into pieces.
The word pattern here keeps combining marks inside words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from unidecode import unidecode

# a letter, then letters or combining marks; hyphenated parts stay one word
LETTER = r"[^\W\d_]"
MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
WORD = rf"{LETTER}(?:{LETTER}|{MARK})*(?:-{LETTER}(?:{LETTER}|{MARK})*)*"
# The same words, found three times faster: runs of letters or of marks at a time, and
# possessive repetition (nothing follows a word in this pattern, so giving characters
# back could never make another match; the matches are identical).
WORD_RE = re.compile(rf"{LETTER}(?:[^\W\d_]+|{MARK}+)*+(?:-{LETTER}(?:[^\W\d_]+|{MARK}+)*+)*+")

# Unicode-correct word boundaries for use around patterns.
LEFT_BOUNDARY = rf"(?<![\w@#]|{MARK})"
RIGHT_BOUNDARY = rf"(?!\w|{MARK})"


# Characters outside ASCII that re.IGNORECASE matches to an ASCII letter ("ſ" to "s",
# the Kelvin sign to "k", dotted and dotless i) while str.lower() keeps them apart: a
# pre-filter that looks for a-z words in `text.lower()` is sound only without them
# (tests/test_prefilters.py checks the whole of Unicode).
IGNORECASE_TWINS = "\u0130\u0131\u017f\u212a"


def has_case_twins(text: str) -> bool:
    """Whether `text` holds one of IGNORECASE_TWINS: four quick scans (`in`),
    not a pattern testing every character against a class."""
    return not text.isascii() and any(c in text for c in IGNORECASE_TWINS)


def same_length_lower(text: str) -> str | None:
    """`text.lower()` (kept, see `lowered`) when matching it stands for a
    case-blind match on `text` at the same offsets; None when an odd character
    (IGNORECASE_TWINS) or a change of length rules that out."""
    if has_case_twins(text):
        return None
    low = lowered(text)
    return low if len(low) == len(text) else None


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """`text.lower()`, kept for the last few texts: the pre-filters of several
    rules look for their words in the same document's lower-cased text."""
    return text.lower()


def find_all(text: str, words: Iterable[str]) -> list[int]:
    """Sorted offsets of every occurrence of each literal word (overlaps included)."""
    out: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            out.append(at)
            at = text.find(word, at + 1)
    out.sort()
    return out


class Token(NamedTuple):
    """A word and its character offsets. A named tuple: documents have
    hundreds of thousands of words, and tuples are quick to make."""

    text: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    """The Unicode words of `text`, in order. Several rules and stages cut the
    same document into words; the last few texts' words are kept (`_token_list`)."""
    return iter(_token_list(text))


@lru_cache(maxsize=8)
def _token_list(text: str) -> tuple[Token, ...]:
    new = tuple.__new__  # what Token(...) does, without the call overhead
    return tuple([new(Token, (m.group(), m.start(), m.end())) for m in WORD_RE.finditer(text)])


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """ASCII, lower-case key of a word: 'Šakalienė' -> 'sakaliene'."""
    if word.isascii():  # most words: no need for unidecode
        return word.lower()
    return unidecode(unicodedata.normalize("NFC", word)).lower()


def has_diacritics(word: str) -> bool:
    return unidecode(word) != word


def match_case(template: str, replacement: str) -> str:
    """Give `replacement` the case pattern of `template` (codespell's habit)."""
    if not template or not replacement:
        return replacement
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[0].isupper() and not replacement[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
