"""Bytes -> text, so that the text encodes back to exactly the same bytes.

Order of evidence:

1. a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32);
2. NUL bytes without a BOM mean a binary file: it is skipped, not guessed at,
   unless the file is clearly UTF-16 without a BOM (`bomless_utf16`: the
   high byte of nearly every code unit is NUL, as in Latin-script text, and
   the whole decodes cleanly to text with no control characters); it is
   written back the same way, without a BOM;
3. valid UTF-8 is UTF-8 (an ASCII page that declares a single-byte charset
   is in that charset: what `fix` writes into it must be too);
4. a file that is not valid UTF-8 and declares its charset (HTML's
   `<meta charset>` as a browser finds it: not in a comment or a script;
   an XML declaration at the start) is in that charset, if it is a
   single-byte one; otherwise it is refused. A Markdown file declares
   nothing: a `<meta>` in it is most often an example in a code block;
5. a file that is valid UTF-8 but for a few bytes (more valid multi-byte
   characters than invalid bytes: a pasted cp1252 apostrophe, a cut-off
   file) is refused, naming how many bytes are invalid and where the first
   is: read as cp1250 its UTF-8 characters would look like mojibake and
   `fix` would destroy them;
6. otherwise the file is in a legacy single-byte encoding: the decoding whose
   non-ASCII words are real words (`wordfreq`, in the languages these
   encodings are written in) wins. `charset-normalizer` alone cannot tell
   cp1252 from cp1257 on a short news text (the Lithuanian "ė" is one byte in
   both; it ranks them equal), so it only breaks ties, by dropping decodings
   that read as a mess (control characters, symbol soup). When no candidate
   wins clearly the file is refused: `fix` would write a wrong guess back.
   A single candidate that decodes the bytes must still win the vote. When
   several read the bytes as the same text (only letters they share), the
   file may be in any of them: `encode` then writes only characters they
   all write alike, so no edit becomes another letter in the real one.

Only single-byte encodings are candidates: for them decode-then-encode gives
back the same bytes, so `fix` changes no byte outside its edits.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .charset import declared_charset
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
    return read_text(data)[:3]


def read_text(data: bytes, declarations: bool = True) -> tuple[str, str, bytes, tuple[str, ...]]:
    """(text, encoding, bom, also) of a file's bytes; raises NotText. `also`
    names the other legacy encodings that read the bytes as the same text:
    the file may be in any of them, so `encode` writes only what they all
    write the same way. Without `declarations` (Markdown: a `<meta charset>`
    in it is most often an example in a code block, and a page made from it
    takes its charset from elsewhere) no charset the bytes name is taken."""
    for mark, name in BOMS if data.startswith(_MARKS) else ():  # (most files: no BOM)
        if data.startswith(mark):
            body = data[len(mark):]
            try:
                return body.decode(name), name, mark, ()
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {name.upper()} at byte {exc.start + len(mark)} "
                              "(convert the file to UTF-8)") from None
    if data.find(b"\x00", 0, 8192) >= 0:  # (the first 8 KiB, not copied)
        utf16 = bomless_utf16(data)
        if utf16 is not None:
            return (*utf16, ())
        raise NotText("binary file (NUL bytes), skipped", binary=True)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # (an ASCII page that declares a single-byte charset is written in it)
        if declarations and data.isascii() and (declared := declared_charset(data)) in SINGLE_BYTE:
            return text, declared, b"", ()
        return text, "utf-8", b"", ()
    declared = declared_charset(data) if declarations else None
    if declared is not None:
        return _as_declared(data, declared)
    invalid, first_bad, valid = utf8_damage(data)
    if valid > invalid:  # UTF-8 but for a few bytes (a pasted character, a cut file)
        raise NotText(f"not valid UTF-8: {invalid} invalid byte{'s' * (invalid > 1)}, "
                      f"the first at offset {first_bad} (fix {'them' if invalid > 1 else 'it'},"
                      " or convert the file to UTF-8)")
    guess = guess_legacy(data)
    if guess is None:
        raise NotText(f"not valid UTF-8 at byte {first_bad}, and not clearly "
                      f"{', '.join(LEGACY)} either (convert the file to UTF-8)")
    text = data.decode(guess)
    also = tuple(name for name in LEGACY if name != guess and _reads(data, name) == text)
    return text, guess, b"", also


def _reads(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def utf8_damage(data: bytes) -> tuple[int, int, int]:
    """(invalid bytes, offset of the first, valid multi-byte characters) of
    `data` read as UTF-8: a UTF-8 file with a stray byte has many more valid
    characters than invalid bytes, a legacy file the other way round (nearly
    every non-ASCII byte of it is invalid UTF-8)."""
    text = data.decode("utf-8", "surrogateescape")  # an invalid byte: one lone surrogate
    bad = [m.start() for m in _ESCAPED.finditer(text)]
    first = len(text[:bad[0]].encode("utf-8", "surrogateescape")) if bad else -1
    valid = sum(1 for ch in text if ch > "\x7f") - len(bad)
    return len(bad), first, valid


_ESCAPED = re.compile("[\udc80-\udcff]")

# The declared single-byte encodings read as declared (each gives back the same
# bytes when decoded and encoded again).
SINGLE_BYTE = frozenset({*(f"cp{n}" for n in range(1250, 1259)), "cp866", "koi8-r", "koi8-u",
                         "mac-roman", *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13,
                                                                 14, 15, 16))})


def _as_declared(data: bytes, declared: str) -> tuple[str, str, bytes, tuple[str, ...]]:
    """A file that is not valid UTF-8, read in the charset it declares."""
    if declared == "utf-8":
        invalid, first_bad, _ = utf8_damage(data)
        raise NotText(f"not valid UTF-8, which it declares: {invalid} invalid "
                      f"byte{'s' * (invalid > 1)}, the first at offset {first_bad} "
                      "(fix or convert the file)")
    if declared not in SINGLE_BYTE:
        raise NotText(f"declares charset {declared!r}, which normalize does not read "
                      "(convert the file to UTF-8)")
    try:
        return data.decode(declared), declared, b"", ()
    except UnicodeDecodeError as exc:
        raise NotText(f"not valid {declared}, which it declares, at byte {exc.start} "
                      "(convert the file to UTF-8)") from None


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
    """The single-byte encoding `data` is clearly in, or None.

    When every candidate that can decode the bytes reads the same text, the
    first is returned (the others are `read_text`'s `also`). A single
    candidate must still win the vote: one that merely decodes (cp1250 decodes
    nearly anything) is not evidence."""
    decoded = {}
    for name in LEGACY:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if len(decoded) > 1 and len(set(decoded.values())) == 1:
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


def encode(text: str, encoding: str, bom: bytes, also: tuple[str, ...] = ()) -> bytes:
    """Bytes of `text` as the file stores them; raises NotText for characters
    the file's encoding cannot hold (a legacy file and a proposal with 'ė'),
    or that the encodings in `also` (which read the file the same) write
    differently: which of them the file is in is not known."""
    try:
        data = bom + text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise NotText(f"cannot write {bad!r} in {encoding} (convert the file to UTF-8)") from None
    if also and not text.isascii():
        for other in also:
            try:
                same = text.encode(other) == data[len(bom):]
            except UnicodeEncodeError:
                same = False
            if not same:
                bad = next(ch for ch in dict.fromkeys(text) if not _same_in(ch, encoding, other))
                names = (encoding, *also)
                raise NotText(f"cannot write {bad!r}: the file reads the same in "
                              f"{', '.join(names[:-1])} and {names[-1]}, which do not all "
                              "write it alike (convert the file to UTF-8)")
    return data


def cannot_write(text: str, encoding: str, also: tuple[str, ...] = ()) -> str | None:
    """Why `text` cannot go into a file in `encoding` (see `encode`), or None."""
    if text.isascii() or (encoding.startswith("utf") and not also):
        return None
    try:
        encode(text, encoding, b"", also)
    except NotText as exc:
        return str(exc)
    return None


def _same_in(ch: str, encoding: str, other: str) -> bool:
    try:
        return ch.encode(encoding) == ch.encode(other)
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=4096)
def _known(word: str, lang: str) -> bool:
    from .wordstore import zipf_frequency  # the small lists: common words

    try:
        return zipf_frequency(word, lang, wordlist="small") > 0
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab
        return False
