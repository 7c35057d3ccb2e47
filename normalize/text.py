"""Small pure helpers on text: Unicode words, folding, case.

Python's `\\b` and `\\w` treat combining marks (NFD text) as non-word
characters, so "Šakalienė" written in NFD would fall apart into pieces.
The word pattern here keeps combining marks inside words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from unidecode import unidecode

# a letter, then letters or combining marks; hyphenated parts stay one word
_LETTER = r"[^\W\d_]"
_MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
WORD = rf"{_LETTER}(?:{_LETTER}|{_MARK})*(?:-{_LETTER}(?:{_LETTER}|{_MARK})*)*"
# The same words, found three times faster: runs of letters or of marks at a time, and
# possessive repetition (nothing follows a word in this pattern, so giving characters
# back could never make another match; the matches are identical).
WORD_RE = re.compile(rf"{_LETTER}(?:[^\W\d_]+|{_MARK}+)*+(?:-{_LETTER}(?:[^\W\d_]+|{_MARK}+)*+)*+")

# Unicode-correct word boundaries for use around patterns.
LEFT_BOUNDARY = rf"(?<![\w@#]|{_MARK})"
RIGHT_BOUNDARY = rf"(?!\w|{_MARK})"


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


def tokens_between(text: str, start: int, end: int) -> list[Token]:
    """The words of `text` lying wholly inside [start, end), offsets into `text`.

    Cuts the whole text into words once (cached) and slices by offset, so
    that stages walking a document sentence by sentence do not re-tokenise
    it. Same words as `tokens(text[start:end])` shifted by `start`, except a
    word cut by the range's edges, which is left out."""
    words = _token_list(text)
    lo = bisect_left(words, start, key=_start)
    hi = bisect_left(words, end, lo, key=_start)
    while hi > lo and words[hi - 1].end > end:
        hi -= 1
    return list(words[lo:hi])


def _start(token: Token) -> int:
    return token.start


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
