"""Mixed-script words: a Cyrillic "а" inside a Latin word.

A word like "Lithuаnia" whose "а" is Cyrillic looks right and is wrong:
search, name matching and spell checkers miss it. It comes from keyboards
that switch layout mid-word, from OCR, and from deliberate spoofing. The
check takes the word's majority script (Latin, Cyrillic or Greek) and maps
the other letters to their look-alikes in it, from the rule file's `map`
(look-alike letter -> Latin letter; its inverse gives Latin -> Cyrillic or
Greek). The fix is safe when every foreign letter has exactly one look-alike;
a word with a letter that has none, or with no majority, is only flagged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from . import Hit, rare

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_LETTERS = re.compile(r"[^\W\d_]+")
# a word of two scripts holds a Greek or Cyrillic letter (see normalize.typography.rare)
_GREEK_CYRILLIC = re.compile(
    "[\u0370-\u052f\u1c80-\u1c8f\u1d00-\u1dbf\u1f00-\u1fff\u2126\u2de0-\u2dff"
    "\ua640-\ua69f\uab30-\uab6f\U00010140-\U0001018f\U0001d200-\U0001d24f"
    "\U0001e030-\U0001e08f]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return first if first in SCRIPTS else ""


@lru_cache(maxsize=8)
def _inverse(pairs: tuple[tuple[str, str], ...]) -> dict[str, dict[str, str]]:
    """Latin letter -> {script: its unique look-alike in that script}."""
    seen: dict[tuple[str, str], list[str]] = {}
    for other, latin in pairs:
        seen.setdefault((latin, script_of(other)), []).append(other)
    out: dict[str, dict[str, str]] = {}
    for (latin, script), others in seen.items():
        if len(others) == 1:
            out.setdefault(latin, {})[script] = others[0]
    return out


def mixed_script(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if not _GREEK_CYRILLIC.search(rare(text)):
        return
    mapping: dict[str, str] = options["map"]
    inverse = _inverse(tuple(mapping.items()))
    allowed = options["allowed"]
    for m in _non_ascii_words(text):
        word = m.group()
        if word in allowed:  # "μg": a Greek mu is how many texts write micro
            continue
        counts = Counter(s for s in map(script_of, word) if s)
        if len(counts) < 2:
            continue
        (first, n1), (_, n2) = counts.most_common(2)
        scripts = " and ".join(s.title() for s in sorted(counts, key=SCRIPTS.index))
        fixed = None if n1 == n2 else _convert(word, first, mapping, inverse)
        yield Hit(m.start(), m.end(), fixed, safe=fixed is not None,
                  values={"scripts": scripts, "script": first.title()})


def _non_ascii_words(text: str) -> Iterator[re.Match[str]]:
    """The words (runs of letters) that hold a letter outside ASCII, in order."""
    at = 0
    while hit := _NON_ASCII_LETTER.search(text, at):
        start = hit.start()
        while start and _LETTERS.match(text[start - 1]):
            start -= 1
        word = _LETTERS.match(text, start)
        assert word is not None  # the hit itself is a letter
        yield word
        at = word.end()


def _convert(word: str, target: str, mapping: dict[str, str],
             inverse: dict[str, dict[str, str]]) -> str | None:
    out = []
    for ch in word:
        script = script_of(ch)
        if not script or script == target:
            out.append(ch)
        else:
            latin = ch if script == "LATIN" else mapping.get(ch)
            look_alike = latin if target == "LATIN" else inverse.get(latin or "", {}).get(target)
            if look_alike is None:
                return None
            out.append(look_alike)
    return "".join(out)
