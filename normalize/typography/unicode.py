"""Unicode form and invisible characters.

`decomposed`: a word written with combining marks ("S" + U+030C) in a file
that elsewhere writes precomposed letters ("Š"). Both look the same,
but search, name matching and spell checkers treat them as different
strings, and a file that mixes the two forms usually got them from two
sources (a Mac file system, a copy from a PDF). A file written in NFD
throughout is consistent and is left alone. Recomposing (NFC) changes
no glyph: the two forms are canonically equivalent, so the fix is safe.
Only words that contain a combining mark are touched, so singletons that NFC
also maps (the Ångström sign, CJK compatibility ideographs) are left alone.

`invisible`: zero-width and bidirectional control characters that a
scraper, a CMS or a copy from a chat app leaves in Latin text. They are
invisible, so removing them changes nothing a reader sees, but they break
search, word counts and name matching. They are legitimate, and left alone,
where they do a job: a zero-width joiner inside an emoji sequence or in a
script that uses joiners (Arabic, Persian, Indic scripts), and direction
marks on a line that holds right-to-left text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..text import WORD_RE
from . import Hit, rare

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def decomposed(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    """In a file that mixes the forms: words in NFD -> the NFC word (safe)."""
    if not _COMBINING.search(rare(text)) or not _has_precomposed(text):
        return
    for m in WORD_RE.finditer(text):
        word = m.group()
        if not _COMBINING.search(word):
            continue
        composed = unicodedata.normalize("NFC", word)
        if composed != word:
            yield Hit(m.start(), m.end(), composed, safe=True)


def _has_precomposed(text: str) -> bool:
    return any(
        _COMBINING.search(unicodedata.normalize("NFD", c))
        for c in set(text) if not c.isascii() and not _COMBINING.match(c)
    )


# Invisible characters that have no business in Latin prose.
INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
}
_JOINERS = {"\u200c", "\u200d"}
_BIDI = {"\u061c", "\u200e", "\u200f"} | {chr(c) for c in range(0x202A, 0x202F)} | {
    chr(c) for c in range(0x2066, 0x206A)
}
_RUN = re.compile("[" + "".join(INVISIBLE) + "]+")
_LINE_END = re.compile(r"[\r\n]")


def _is_emoji_part(ch: str) -> bool:
    if not ch:
        return False
    cp = ord(ch)
    return (
        cp >= 0x1F000
        or 0x2190 <= cp <= 0x2BFF  # arrows, symbols, dingbats (♀, ❤, ➡)
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors
        or ch == "\u20e3"  # combining enclosing keycap
    )


def _joins_other_script(ch: str) -> bool:
    """A letter or mark of a script that uses joiners (anything but Latin)."""
    if not ch or ch.isascii():
        return False
    if unicodedata.category(ch)[0] not in "LM":
        return False
    return not unicodedata.name(ch, "").startswith("LATIN")


def _line_has_rtl(text: str, pos: int) -> bool:
    # the line's start: after the last line end before `pos`, looked for backwards (a
    # search from the text's start for each run made many marked lines quadratic), a
    # CR only after the last LF
    start = text.rfind("\n", 0, pos) + 1
    start = text.rfind("\r", start, pos) + 1 or start
    end_m = _LINE_END.search(text, pos)
    end = end_m.start() if end_m else len(text)
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text[start:end])


def invisible(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    """Runs of zero-width / bidi controls -> removed (safe) unless they do a job."""
    if not _RUN.search(rare(text)):
        return
    for m in _RUN.finditer(text):
        run = m.group()
        if m.start() == 0 and run == "\ufeff":
            continue  # a byte-order mark at the start is the file's business
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if set(run) & _JOINERS and (
            _is_emoji_part(before) or _is_emoji_part(after)
            or _joins_other_script(before) or _joins_other_script(after)
        ):
            continue
        if set(run) & _BIDI and _line_has_rtl(text, m.start()):
            continue
        names = ", ".join(
            f"{INVISIBLE[c]} (U+{ord(c):04X})" for c in dict.fromkeys(run)
        )
        yield Hit(m.start(), m.end(), "", safe=True, values={"name": names})
