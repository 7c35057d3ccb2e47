"""Mojibake: UTF-8 text that was decoded as Windows-1252 ("Ã©", "â€™").

"café" saved as UTF-8 and opened as Windows-1252 (or Latin-1) becomes
"cafÃ©": each accented letter turns into two or three characters. The
repair is ftfy's: encode the suspicious run back to Windows-1252 bytes and
decode them as UTF-8. Any UTF-8 byte sequence survives that round trip, so
the round trip alone proves nothing ("SPÖ–ÖVP" would "decode" to a Hebrew
accent). A sequence is repaired only when what it decodes to is what that
lead byte produces in real text: "Ã"/"Â" -> Latin-1 letters and symbols,
"Ä"/"Å" -> Latin Extended-A (ė, š, ł ...), "È" -> Romanian ș/ț, "Î"/"Ï" ->
Greek, "Ð"/"Ñ"/"Ò" -> Cyrillic, "â€"/"â‚"/"â„" -> punctuation, currency,
™, and "ðŸ" -> emoji. Doubly encoded text is repaired until stable, so
repairing twice is repairing once.

Fix safety: safe when every flagged sequence decodes under those limits;
a lone "â€" whose third byte was lost (most often a closing quote ”) gets
an unsafe proposal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import Hit, rare

# cp1252's printable characters in 0x80-0x9F
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_RUN = re.compile(f"[\u0080-\u00ff{_CP1252_HIGH}]+")

# lead byte (as its cp1252 character's byte) -> (second byte or None, decoded range)
_ALLOWED: dict[int, list[tuple[int | None, int, int]]] = {
    0xC2: [(None, 0x80, 0xBF)],  # 0x80-0x9F only as a step of double encoding
    0xC3: [(None, 0xC0, 0xFF)],
    0xC4: [(None, 0x100, 0x13F)],
    0xC5: [(None, 0x140, 0x17F)],
    0xC8: [(None, 0x218, 0x21B)],
    0xCE: [(None, 0x384, 0x3BF)],
    0xCF: [(None, 0x3C0, 0x3CE)],
    0xD0: [(None, 0x400, 0x43F)],
    0xD1: [(None, 0x440, 0x47F)],
    0xD2: [(None, 0x490, 0x4BF)],
    0xE2: [(0x80, 0x2010, 0x203A), (0x82, 0x20A0, 0x20BF), (0x84, 0x2100, 0x2122)],
    0xF0: [(0x9F, 0x1F300, 0x1FAFF)],
}
_PUNCT = set("‘’“”–—•…‚„")


def _to_byte(ch: str) -> int | None:
    cp = ord(ch)
    if cp < 0x100:
        return cp
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def _length(lead: int) -> int:
    return 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if lead <= 0xF4 else 0


def _decode_at(run: str, i: int, c1: bool = True) -> tuple[str, int] | None:
    """A plausible UTF-8 character starting at run[i]: (character, chars used).

    `c1` lets a C1 control through: "â€\x9d" encoded twice holds "Â\x9d",
    whose control character is the third byte of the ” underneath."""
    lead = _to_byte(run[i])
    if lead is None or lead not in _ALLOWED:
        return None
    n = _length(lead)
    if i + n > len(run):
        return None
    raw = [_to_byte(c) for c in run[i : i + n]]
    if any(b is None or not 0x80 <= b <= 0xBF for b in raw[1:]):
        return None
    try:
        ch = bytes(raw).decode("utf-8")  # type: ignore[arg-type]  # no None: tested above
    except UnicodeDecodeError:
        return None
    if not c1 and 0x80 <= ord(ch) <= 0x9F:
        return None
    for second, low, high in _ALLOWED[lead]:
        if (second is None or raw[1] == second) and low <= ord(ch) <= high:
            return ch, n
    return None


def repair_once(run: str, c1: bool = True) -> str:
    out, i = [], 0
    while i < len(run):
        got = _decode_at(run, i, c1)
        if got is None:
            out.append(run[i])
            i += 1
        else:
            out.append(got[0])
            i += got[1]
    return "".join(out)


def repair(text: str) -> str:
    """Undo (possibly repeated) UTF-8-as-cp1252 decoding where it is plausible."""
    original = text
    for c1 in (True, False):
        text = original
        for _ in range(4):
            fixed = _RUN.sub(lambda m: repair_once(m.group(), c1), text)  # noqa: B023
            if fixed == text:
                break
            text = fixed
        if not _C1.search(text):
            break  # else a control character was left: decode without them
    return text


_C1 = re.compile("[\u0080-\u009f]")


def _uppercase_word_end(text: str, start: int, end: int) -> bool:
    """'NÃO”'-like: an upper-case letter, then quote or dash, inside capitals."""
    run = text[start:end]
    return (
        len(run) == 2 and run[0].isupper() and run[1] in _PUNCT
        and start > 0 and text[start - 1].isupper()
        and not (end < len(text) and text[end].isalpha())
    )


# every hit begins with a lead byte's character (a "â€" too)
_LEADS = re.compile("[" + "".join(chr(b) for b in _ALLOWED) + "]")


def mojibake(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if not _LEADS.search(rare(text)):
        return
    for m in _RUN.finditer(text):
        run = m.group()
        i = 0
        while i < len(run):
            got = _decode_at(run, i)
            if got is None:
                if run.startswith("â€", i):
                    at = m.start() + i
                    yield Hit(at, at + 2, "”", safe=False)
                    i += 2
                    continue
                i += 1
                continue
            # extend over following decodable sequences
            j = i
            while j < len(run) and (step := _decode_at(run, j)) is not None:
                j += step[1]
            start, end = m.start() + i, m.start() + j
            fixed = repair(text[start:end])
            if fixed != text[start:end] and not _uppercase_word_end(text, start, end):
                yield Hit(start, end, fixed, safe=True)
            i = j
