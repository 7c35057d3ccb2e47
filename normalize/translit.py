"""Keys that see through diacritics and transliteration: pure functions.

A name that passed through Cyrillic (or a French, German or Polish
spelling habit) comes back in Latin letters spelt differently: Lithuanian
"Šakalienė" is "Шакаленė" in Russian and "Shakalene" or "Chakalene" in
English or French text; "Ciūnis" is "Цюнис", "Tsyunis"; "Vaikšnoras" is
"Vaikshnoras"; "Zelenskyy", "Zelensky", "Zelenskiy", "Selenskyj" are one
man. Two keys:

- `fold_key`: diacritics dropped (unidecode), lower case. Two spellings
  with the same fold key differ only in diacritics: "Sakaliene" /
  "Šakalienė".
- `skeleton`: a coarse phonetic key on top of the fold: every sibilant
  spelling (š sh ch č c ts cz sz zh ž z tsch ...) becomes "s", y/j become
  "i", "ie" becomes "e" (Russian renders Lithuanian "ie" as "е"),
  w becomes v, kh becomes h, and doubled letters are single. Two spellings
  with the same skeleton may be one name transliterated two ways; the key
  is deliberately coarse, so callers use it only with more evidence (a form
  with diacritics attested in the folder, the other words of the name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import fold

# Applied in order to the folded (ASCII, lower-case) word. Longer spellings first.
_SKELETON_STEPS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("tsch", "s"), ("sch", "s"), ("tch", "s"), ("sh", "s"), ("ch", "s"),
    ("zh", "s"), ("cz", "s"), ("sz", "s"), ("rz", "s"), ("ts", "s"), ("tz", "s"),
    ("c", "s"), ("z", "s"), ("x", "ks"), ("kh", "h"), ("ph", "f"), ("w", "v"), ("q", "k"),
    ("y", "i"), ("j", "i"), ("ie", "e"),
)
_STEP_RE = re.compile("|".join(re.escape(a) for a, _ in _SKELETON_STEPS))
_STEP_MAP = dict(_SKELETON_STEPS)
_DOUBLE_RE = re.compile(r"(.)\1+")
_NOT_LETTER_RE = re.compile(r"[^a-z]")


def fold_key(word: str) -> str:
    """'Šakalienė' -> 'sakaliene' (diacritics dropped, lower case)."""
    return fold(word)


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """'Šakalienė', 'Shakalene', 'Chakalene' -> 'sakalene'."""
    folded = fold(word)
    if not (folded.isalpha() and folded.isascii()):
        folded = _NOT_LETTER_RE.sub("", folded)
    coarse = _STEP_RE.sub(_step, folded)
    return _DOUBLE_RE.sub(_single, coarse)


def _step(match: re.Match[str]) -> str:
    return _STEP_MAP[match[0]]


def _single(match: re.Match[str]) -> str:
    return match[1]  # (a function: quicker than the template r"\1")


def has_marks(text: str) -> bool:
    """True when `text` has letters outside ASCII (diacritics or another script)."""
    return not text.isascii() and any(ord(ch) > 127 and ch.isalpha() for ch in text)


def marks_count(text: str) -> int:
    if text.isascii():  # most names: nothing to count
        return 0
    return sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
