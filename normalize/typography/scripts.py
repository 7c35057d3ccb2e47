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

from . import Hit

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return first if first in SCRIPTS else ""


def _inverse(mapping: dict[str, str]) -> dict[str, dict[str, str]]:
    """Latin letter -> {script: its unique look-alike in that script}."""
    seen: dict[tuple[str, str], list[str]] = {}
    for other, latin in mapping.items():
        seen.setdefault((latin, script_of(other)), []).append(other)
    out: dict[str, dict[str, str]] = {}
    for (latin, script), others in seen.items():
        if len(others) == 1:
            out.setdefault(latin, {})[script] = others[0]
    return out


def mixed_script(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    mapping: dict[str, str] = options["map"]
    inverse = _inverse(mapping)
    for m in _LETTERS.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        counts = Counter(s for s in map(script_of, word) if s)
        if len(counts) < 2:
            continue
        (first, n1), (_, n2) = counts.most_common(2)
        scripts = " and ".join(s.title() for s in sorted(counts, key=SCRIPTS.index))
        fixed = None if n1 == n2 else _convert(word, first, mapping, inverse)
        yield Hit(m.start(), m.end(), fixed, safe=fixed is not None,
                  values={"scripts": scripts, "script": first.title()})


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
