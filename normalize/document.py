"""Reading articles: bytes -> text that can be written back byte for byte.

A `Document` keeps the decoded text exactly as it is in the file: line
endings are not translated and the text is not normalised, so an offset into
`text` is an offset into what the user sees, and `encode()` gives back the
original bytes when nothing was changed. The BOM and the encoding are
remembered so that `fix` writes the file the way it found it.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from .charset import declared_charset
from .encoding import NotText, cannot_write, encode, read_text
from .markup import markup_kind, markup_spans
from .model import Span, reach_index

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_HEAD = 1024  # characters whose bytes hold at least the head a declaration is looked for in


def _declared_otherwise(data: bytes, path: str) -> str | None:
    """The charset the head of `data` (UTF-8 bytes) declares, if not UTF-8; None
    for a Markdown file, which declares nothing (see normalize.encoding), and for
    a label no codec reads, which a browser ignores too."""
    if markup_kind(path) == "markdown":
        return None
    declared = declared_charset(data)
    if declared in (None, "utf-8"):
        return None
    try:
        codecs.lookup(declared)
    except LookupError:
        return None
    return declared


class DocumentError(Exception):
    """An input file that cannot be read as text. The message names the file."""


class Unreadable(DocumentError):
    """A file that cannot be read at all; `reason` says why without its name."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: cannot read ({reason})")
        self.reason = reason


class DocumentSkipped(DocumentError):
    """An input that is not text at all (a binary file): skipped with a note."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    protected: tuple[Span, ...] = field(default=(), compare=False)
    is_placeholder: bool = field(default=False, compare=False)  # see placeholder()
    # (size, CRC-32) of the bytes read from the file (None: not read from a file)
    fingerprint: tuple[int, int] | None = field(default=None, compare=False)
    # the other encodings that read the file as this same text (an ambiguous
    # legacy file): what is written must be the same bytes in each of them
    also: tuple[str, ...] = ()
    # the charset the file's head declares where that is not what it is written in:
    # a file read as UTF-8 (no BOM; characters outside ASCII) that declares another
    # (kinds/charset.py says so; `fix` writes UTF-8, as the rest of its bytes are)
    declared: str | None = field(default=None, compare=False)
    # a prose view's file text (normalize.markup.prose_view, whose text has a line
    # break for each block tag): its lines, and so `position`, are the file's
    source: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        """A document of `text`, as a UTF-8 file named `path` would be read."""
        return cls(path=path, text=text, protected=tuple(find_protected(text, path)),
                   declared=None if text.isascii() else _declared_otherwise(
                       text[:_HEAD].encode("utf-8", "surrogatepass"), path))

    @classmethod
    def placeholder(cls, path: str, fingerprint: tuple[int, int] | None = None) -> Document:
        """A checked file that had no findings, kept as its name alone (reports
        list it; nothing reads its text) and the fingerprint of what was read.
        `whole()` gets it back, the same text or an error."""
        return cls(path=path, text="", is_placeholder=True, fingerprint=fingerprint)

    def whole(self) -> Document:
        """This document, read again from its file if it is a placeholder.
        Raises DocumentError if the file is not what was read the first time."""
        if not self.is_placeholder:
            return self
        doc = Document.read(self.path)
        if self.fingerprint is not None and doc.fingerprint != self.fingerprint:
            raise DocumentError(f"{self.path}: changed while being checked")
        return doc

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        """Decode a file's bytes (see normalize.encoding); the text encodes back
        to the same bytes. Raises DocumentError (DocumentSkipped for binary)."""
        try:
            text, encoding, bom, also = read_text(data, markup_kind(path) != "markdown")
        except NotText as exc:
            raise (DocumentSkipped if exc.binary else DocumentError)(f"{path}: {exc}") from None
        return cls(path=path, text=text, encoding=encoding, bom=bom,
                   protected=tuple(find_protected(text, path)), fingerprint=fingerprint(data),
                   also=also, declared=None if encoding != "utf-8" or bom or data.isascii()
                   else _declared_otherwise(data, path))

    @classmethod
    def read(cls, path: Path | str, display: str | None = None) -> Document:
        name = display or str(path)
        return cls.from_bytes(read_bytes(path, name), name)

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of `text` (default: this document) as this file stores them.
        Raises DocumentError when the file's encoding cannot hold the text."""
        try:
            return encode(self.text if text is None else text, self.encoding, self.bom, self.also)
        except NotText as exc:
            raise DocumentError(f"{self.path}: {exc}") from None

    def cannot_write(self, text: str) -> str | None:
        """Why `text` (an edit's replacement) cannot be written into this file,
        or None: its encoding cannot hold it, or the encodings that read the
        file alike (`also`) write it differently. Quick for Unicode files."""
        return cannot_write(text, self.encoding, self.also)

    # -- positions -----------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for m in _NEWLINE.finditer(self.text if self.source is None else self.source):
            starts.append(m.end())
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def is_protected(self, start: int, end: int) -> bool:
        """Whether text[start:end] overlaps a protected span (one bisect, however many)."""
        if not self.protected:
            return False
        starts, reach = self._protected_reach
        k = bisect.bisect_left(starts, end)  # the spans that start before `end`
        return k > 0 and reach[k - 1] > start

    def protected_overlapping(self, start: int, end: int) -> tuple[Span, ...]:
        """The protected spans that overlap text[start:end], in order (two bisects:
        the spans before them all end by `start`, those after begin at `end`)."""
        if not self.protected:
            return ()
        starts, reach = self._protected_reach
        first, last = bisect.bisect_right(reach, start), bisect.bisect_left(starts, end)
        return tuple(span for span in self.protected[first:last] if span.end > start)

    @cached_property
    def _protected_reach(self) -> tuple[list[int], list[int]]:
        return reach_index((span.start, span.end) for span in self.protected)


_NEWLINE = re.compile(r"\r\n|\r|\n")

# What is never checked (find_protected: it is not prose, and changing it breaks
# links), each kind with the mark every span of it holds. A text is searched only for
# the kinds whose marks it holds (the others cannot match, so the spans are those of
# all kinds at once), and each kind begins with a character, not a look-behind, so
# that the search jumps from one such character to the next instead of trying every
# word: 295 -> 15 us on an article with a '#', where all kinds at once tried the
# e-mail head at every word.
_PROTECTED_KINDS = (
    ("://", r"""(?:https?|ftp)://[^\s<>"'“”]+"""),  # URLs
    ("www.", r"""www\.[^\s<>"'“”]+"""),
    # e-mail addresses, from a run's start (linear time on a long line)
    ("@", r"[\w.+-](?<![\w.+-].)[\w.+-]*@[\w-]+(?:\.[\w-]+)+"),
    ("@", r"\.(?<![\w@]\.)@\w+"),  # ".@handle"
    ("@", r"@(?<![\w@]@)\w+"),  # @handles
    ("#", r"\#(?<![\w&\#]\#)\w+"),  # #hashtags
    ("`", r"`[^`\n]+`"),  # inline code
)
_PROTECTED_MARKS = tuple(dict.fromkeys(mark for mark, _ in _PROTECTED_KINDS))


@cache  # at most 2^5 patterns, one per set of marks
def _protected_pattern(marks: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern of the kinds whose marks are `marks`, in the order of _PROTECTED_KINDS
    (at a place where two could match, the first wins, as in one pattern of all)."""
    return re.compile("|".join(body for mark, body in _PROTECTED_KINDS if mark in marks))


def fingerprint(data: bytes) -> tuple[int, int]:
    """What tells a file's bytes from others (about 2 us for 4 KB): a file read
    twice is taken as the same text when the two agree."""
    return len(data), zlib.crc32(data)


def read_bytes(path: Path | str, name: str | None = None) -> bytes:
    """A regular file's bytes, or Unreadable naming the file (`name`) and why not.

    The file is opened without waiting (a FIFO would otherwise wait for a
    writer) and looked at through the open descriptor: one lookup of the
    path, then one read of the size it has."""
    name = name or str(path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise _unreadable(path, name, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise Unreadable(name, what)
        data = os.read(fd, info.st_size + 1)
        if len(data) <= info.st_size:  # all of it, unless it grew meanwhile
            return data
        chunks = [data]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _unreadable(path, name, exc) from None
    finally:
        os.close(fd)


def read_utf8(path: Path | str) -> str:
    """A UTF-8 file's text (a rule, config or baseline file), read as an
    article is (`read_bytes`: a FIFO or a device is refused, not waited on).
    Raises Unreadable."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bom = " (it begins with a UTF-16 byte order mark)" if data[:2] in (
            b"\xff\xfe", b"\xfe\xff") else ""
        raise Unreadable(str(path), f"not UTF-8{bom}: byte 0x{data[exc.start]:02x} at "
                                    f"offset {exc.start}; save it as UTF-8") from None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _unreadable(path: Path | str, name: str, exc: OSError) -> Unreadable:
    # (os.path's tests, not Path's: in a folder that may be listed but not searched,
    # Path.exists raises PermissionError where os.path.exists says False)
    if exc.errno == errno.ELOOP:  # links that lead back to themselves (or a chain of 40)
        return Unreadable(name, "symbolic link loop")
    if os.path.islink(path) and not os.path.exists(path):
        return Unreadable(name, "broken symbolic link")
    if os.path.isdir(path):  # where folders cannot be opened at all
        return Unreadable(name, "a folder")
    if exc.errno == errno.ENXIO:  # a socket: there is nothing to open
        return Unreadable(name, "not a regular file")
    return Unreadable(name, exc.strerror or str(exc))


def find_protected(text: str, path: str = "") -> list[Span]:
    """Spans never checked: URLs, addresses, handles, code; in a Markdown or
    HTML file (by `path`'s suffix) also everything that is not prose."""
    marks = _marks_in(text)
    spans = [Span(m.start(), m.end())
             for m in _protected_pattern(marks).finditer(text)] if marks else []
    more = markup_spans(text, path)
    if not more:  # (most articles) the matches come in order, one after another
        return spans
    return sorted(spans + more, key=lambda s: (s.start, s.end))


def _marks_in(text: str) -> tuple[str, ...]:
    """The marks of _PROTECTED_MARKS that `text` holds, in their order. Each is
    looked for by the quickest test: a one-character `in` is a memchr, while a
    longer one steps through the text; "://" is looked for only where a '/' is
    (few articles), and the regex engine finds "www." quicker than `in`."""
    return (("://",) if "/" in text and "://" in text else ()) + (
        ("www.",) if _WWW(text) is not None else ()) + tuple(
        mark for mark in _PROTECTED_MARKS[2:] if mark in text)


_WWW = re.compile(r"www\.").search
if _PROTECTED_MARKS[:2] != ("://", "www."):
    raise AssertionError("_marks_in tests the first two marks as '://' and 'www.'")
