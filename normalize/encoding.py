"""Bytes -> text, so that the text encodes back to exactly the same bytes.

Order of evidence:

1. a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
2. NUL bytes without a BOM mean a binary file: it is skipped, not guessed at,
   unless the file is clearly UTF-16 without a BOM (`bomless_utf16`: the
   high byte of nearly every code unit is NUL, as in Latin-script text, and
   the whole decodes cleanly to text with no control characters); it is
   written back the same way, without a BOM;
3. valid UTF-8 is UTF-8;
4. otherwise the file is in a legacy single-byte encoding: the decoding whose
   non-ASCII words are real words (`wordfreq`, in the languages these
   encodings are written in) wins. `charset-normalizer` alone cannot tell
   cp1252 from cp1257 on a short news text (the Lithuanian "ė" is one byte in
   both; it ranks them equal), so it only breaks ties, by dropping decodings
   that read as a mess (control characters, symbol soup). When no candidate
   wins clearly the file is refused: `fix` would write a wrong guess back.

Only single-byte encodings are candidates: for them decode-then-encode gives
back the same bytes, so `fix` changes no byte outside its edits.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .text import WORD_RE

BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MARKS = tuple(mark for mark, _ in BOMS)

# Legacy encodings we read (Western, Central European, Baltic), most common first,
# and the languages written in them, whose words tell the decodings apart.
LEGACY = ("cp1252", "cp1250", "cp1257")
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "ca",
             "pl", "cs", "sk", "hu", "sl", "ro", "lt", "lv")


class NotText(ValueError):
    """Bytes that are not text we can read. `binary` says: skip, not an error."""

    def __init__(self, message: str, binary: bool = False) -> None:
        super().__init__(message)
        self.binary = binary


def decode(data: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of a file's bytes; raises NotText."""
    for mark, name in BOMS if data.startswith(_MARKS) else ():  # (most files: no BOM)
        if data.startswith(mark):
            body = data[len(mark):]
            try:
                return body.decode(name), name, mark
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {name.upper()} at byte {exc.start + len(mark)} "
                              "(convert the file to UTF-8)") from None
    if data.find(b"\x00", 0, 8192) >= 0:  # (the first 8 KiB, not copied)
        utf16 = bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise NotText("binary file (NUL bytes), skipped", binary=True)
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    encoding = guess_legacy(data)
    if encoding is None:
        raise NotText(f"not valid UTF-8 at byte {first_bad}, and not clearly "
                      f"{', '.join(LEGACY)} either (convert the file to UTF-8)")
    return data.decode(encoding), encoding, b""


# Evidence bomless_utf16 asks for: enough code units, and the share of them
# whose high byte is NUL (in the first _SAMPLE bytes).
_UTF16_MIN_UNITS = 16
_UTF16_NUL_SHARE = 0.7
_SAMPLE = 1 << 16
# What no text holds: C0 controls other than tab, line feed and carriage return,
# DEL, C1 controls and noncharacters.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def bomless_utf16(data: bytes) -> tuple[str, str, bytes] | None:
    """(text, 'utf-16-le' or 'utf-16-be', b'') when `data` is clearly UTF-16
    without a BOM, else None (the caller skips it as binary).

    Conservative, because misreading a binary file is worse than skipping a
    text: an even number of bytes, at least _UTF16_MIN_UNITS code units, the
    high byte NUL in at least _UTF16_NUL_SHARE of them and the low byte NUL in
    fewer than half as many, and the whole file decoding (strictly: no lone
    surrogate) to text without control characters, more letters than other
    characters. Latin-script text passes easily (an ASCII letter's high byte
    is NUL); Cyrillic or CJK text without a BOM does not (few NULs) and stays
    skipped. Decoding strictly and encoding again gives the same bytes."""
    units = len(data) // 2
    if len(data) % 2 or units < _UTF16_MIN_UNITS:
        return None
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    sampled = len(sample) // 2
    if odd >= _UTF16_NUL_SHARE * sampled and even * 2 < odd:
        name = "utf-16-le"  # the high byte second
    elif even >= _UTF16_NUL_SHARE * sampled and odd * 2 < even:
        name = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if _NOT_TEXT.search(text) is not None:
        return None
    head = text[:_SAMPLE // 2]
    letters = sum(map(str.isalpha, head))
    if letters * 2 <= len(head) - sum(map(str.isspace, head)):
        return None
    return text, name, b""


def guess_legacy(data: bytes) -> str | None:
    """The single-byte encoding `data` is clearly in, or None."""
    decoded = {}
    for name in LEGACY:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if len(set(decoded.values())) == 1:
        return next(iter(decoded))  # every candidate reads the same text
    votes = {name: _vote(text) for name, text in decoded.items()}
    best = max(votes.values(), default=0)
    tied = [name for name, vote in votes.items() if vote == best]
    if best <= 0:
        return None
    if len(tied) > 1:  # a tie: the decodings that do not read as a mess, if one
        from charset_normalizer import from_bytes

        clean = {n for m in from_bytes(data, cp_isolation=tied) for n in m.could_be_from_charset}
        tied = [name for name in tied if name in clean]
    return tied[0] if len(tied) == 1 else None


def _vote(text: str) -> int:
    """Distinct non-ASCII words of `text` that are words of LANGUAGES, less those
    that are not: a right decoding reads as words, a wrong one as debris."""
    words = {w.lower() for w in WORD_RE.findall(text)
             if len(w) > 1 and not w.isascii() and w.isalpha()}
    known = sum(1 for w in words if any(_known(w, lang) for lang in LANGUAGES))
    return known - (len(words) - known)


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    """Bytes of `text` as the file stores them; raises NotText for characters
    the file's encoding cannot hold (a legacy file and a proposal with 'ė')."""
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise NotText(f"cannot write {bad!r} in {encoding} (convert the file to UTF-8)") from None


@lru_cache(maxsize=4096)
def _known(word: str, lang: str) -> bool:
    from .wordstore import zipf_frequency  # the small lists: common words

    try:
        return zipf_frequency(word, lang, wordlist="small") > 0
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab
        return False
