"""Surname endings that betray lost diacritics: hints, never fixes.

Lithuanian surnames carry their grammar in the ending. A married woman's
surname ends in -ienė, an unmarried woman's in -aitė, -ytė, -utė or -iūtė;
the patronymic suffix of many men's surnames is -avičius / -evičius. In
English text these endings, written without diacritics, are almost always
a stripped Lithuanian name: "Grunskiene" is "Grunskienė". The stem may have
lost marks too ("Paskevicius" is "Paškevičius"), which the ending cannot
tell, so these are display-only hints, used only when nothing better is
known (no listed name, no spelling with diacritics in the folder).
Polish "-ska"/"-ski" names need no mark at the end and are left alone.

Source: Lithuanian naming law and practice, e.g. the Lithuanian Language
Commission (VLKK) guidance on women's surnames (-ienė, -aitė, -ytė, -utė,
-iūtė) and on the -ičius suffix.
"""

from __future__ import annotations

import marshal
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from . import cache, wordstore
from .entities import is_common

# folded ending -> ending with its diacritics; longest first
ENDINGS: tuple[tuple[str, str], ...] = (
    ("viciute", "vičiūtė"),
    ("vicius", "vičius"),
    ("iute", "iūtė"),
    ("iene", "ienė"),
    ("aite", "aitė"),
    ("yte", "ytė"),
    ("ute", "utė"),
)
MIN_LENGTH = 6
_PLAIN = tuple(plain for plain, _ in ENDINGS)


def ending_hint(word: str) -> str | None:
    """The word with its Lithuanian ending restored, or None.

    Only ASCII, capitalised, not ordinary English ("Minute", "Byte"), and long
    enough that the ending is a suffix and not the whole word.
    """
    low = word.lower()
    if not low.endswith(_PLAIN):  # most words: no ending to restore, nothing to look up
        return None
    if not word.isascii() or not word[:1].isupper() or word.isupper():
        return None
    if len(word) < MIN_LENGTH or "-" in word or is_common(word):
        return None
    for plain, marked in ENDINGS:
        if low.endswith(plain) and len(low) - len(plain) >= 2:
            if _near_english(low, plain):
                return None  # a misspelt English word ("Subtitute"), not a name
            return word[: len(word) - len(plain)] + marked
    return None


ENGLISH_TOP = 100_000  # the common English words a misspelling is compared with


def _english_ending_in(ending: str) -> tuple[str, ...]:
    return _english_endings()[ending]


@lru_cache(maxsize=1)
def _english_endings() -> dict[str, tuple[str, ...]]:
    """The common English words with each ending of ENDINGS. Picking them out of
    the list takes ~40 ms, so they are kept in the cache (normalize.cache), keyed
    by the endings and the installed word data."""
    versions = wordstore.versions()
    key = repr((ENGLISH_TOP, _PLAIN, versions))
    data = cache.read(_CACHE_NAME, key) if versions is not None else None
    if data is not None:
        try:
            found = marshal.loads(data)
            if isinstance(found, dict) and set(found) == set(_PLAIN):
                return found
        except (ValueError, EOFError, TypeError):
            pass  # damaged: pick them out again
    top = wordstore.top_n_list("en", ENGLISH_TOP)
    found = {plain: tuple(w for w in top if w.endswith(plain)) for plain in _PLAIN}
    if versions is not None:
        cache.write(_CACHE_NAME, key, marshal.dumps(found))
    return found


_CACHE_NAME = "english-endings"


def _near_english(low: str, ending: str) -> bool:
    """One edit away from a common English word with the same ending."""
    hit = process.extractOne(low, _english_ending_in(ending), scorer=Levenshtein.distance,
                             score_cutoff=1)
    return hit is not None
