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
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .model import Span

DEFAULT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DocumentError(Exception):
    """An input file that cannot be read as text. The message names the file."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    protected: tuple[Span, ...] = field(default=(), compare=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Document:
        return cls(path=path, text=text, protected=tuple(find_protected(text, path)))

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Document:
        bom, encoding = b"", "utf-8"
        for mark, name in _BOMS:
            if data.startswith(mark):
                bom, encoding = mark, name
                break
        body = data[len(bom) :]
        if not bom and b"\x00" in body[:8192]:
            raise DocumentError(f"{path}: binary file (NUL bytes), not checked")
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{path}: not valid {encoding.upper()} at byte {exc.start + len(bom)}"
                " (convert the file to UTF-8)"
            ) from None
        return cls(path=path, text=text, encoding=encoding, bom=bom,
                   protected=tuple(find_protected(text, path)))

    @classmethod
    def read(cls, path: Path | str, display: str | None = None) -> Document:
        name = display or str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise DocumentError(f"{name}: cannot read ({exc.strerror or exc})") from None
        return cls.from_bytes(data, name)

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of `text` (default: this document) as this file stores them."""
        return self.bom + (self.text if text is None else text).encode(self.encoding)

    # -- positions -----------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for m in _NEWLINE.finditer(self.text):
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
        return any(span.overlaps(start, end) for span in self.protected)


_NEWLINE = re.compile(r"\r\n|\r|\n")

# What is never checked: it is not prose, and changing it breaks links.
_PROTECTED = re.compile(
    r"""
      (?:https?|ftp)://[^\s<>"'“”]+            # URLs
    | www\.[^\s<>"'“”]+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+             # e-mail addresses
    | (?<![\w@])[.]?@\w+                       # @handles (also ".@handle")
    | (?<![\w&#])\#\w+                         # #hashtags
    | `[^`\n]+`                                # inline code
    """,
    re.VERBOSE,
)


def find_protected(text: str, path: str = "") -> list[Span]:
    """Spans never checked: URLs, addresses, handles, code; in a Markdown or
    HTML file (by `path`'s suffix) also everything that is not prose."""
    from .markup import markup_spans

    spans = [Span(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    return sorted(spans + markup_spans(text, path), key=lambda s: (s.start, s.end))
