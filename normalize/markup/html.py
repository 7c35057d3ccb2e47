"""HTML: prose is the character data outside tags, comments and code-like elements.

Python's html.parser reports each piece with its (line, column); with
`convert_charrefs=False` character data comes raw, so its length in the
file is its length in the parser, and `&amp;` or `&eacute;` arrive apart
(and stay protected). Each piece is checked against the file before it is
marked as prose.

Comments are read as a browser reads them (the HTML standard's tokenizer),
whatever the Python version's html.parser does: `<!-->` and `<!--->` are
empty comments, `--!>` ends one as `-->` does, and a comment never closed
runs to the end of the file, so the text after an unclosed `<!--` is not
prose.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is not prose to check: code, scripts, styles, embedded languages.
OPAQUE = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "template",
                    "svg", "math", "textarea", "noscript"})

_NL = re.compile(r"\n")
_COMMENT_END = re.compile(r"--!?>")


class _ProseFinder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in _NL.finditer(text)]
        self.depth: dict[str, int] = {}
        self.prose: list[tuple[int, int]] = []
        self.closing = False  # the whole text has been fed
        self.open_comment: int | None = None  # where a comment never closed begins

    def close(self) -> None:
        self.closing = True
        super().close()

    def parse_comment(self, i: int, report: int = 1) -> int:  # noqa: ARG002
        """The end of the comment at `i`, as a browser finds it; -1: wait for more text."""
        rawdata = self.rawdata
        for empty in ("<!-->", "<!--->"):
            if rawdata.startswith(empty, i):
                return i + len(empty)
        end = _COMMENT_END.search(rawdata, i + 4)
        if end is not None:
            return end.end()
        if not self.closing:
            return -1
        self.open_comment = self._offset()
        return len(rawdata)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in OPAQUE:
            self.depth[tag] = self.depth.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        pass  # <br/>, <img ... />: nothing opens

    def handle_data(self, data: str) -> None:
        if any(self.depth.values()):
            return
        start = self._offset()
        if self.text.startswith(data, start):
            self.prose.append((start, start + len(data)))


def prose_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the prose in an HTML text."""
    return _read(text).prose


def _read(text: str) -> _ProseFinder:
    finder = _ProseFinder(text)
    try:
        finder.feed(text)
        finder.close()
    except AssertionError:
        pass  # html.parser gives up on some malformed declarations ("<![ "): keep what it found
    return finder


def mark_prose(text: str, mask: bytearray, base: int = 0) -> int | None:
    """Clear the mask (0 = prose) over the prose of `text`, which sits at `base`.
    Returns where in `text` a comment begins that it leaves open (None: none)."""
    finder = _read(text)
    for start, end in finder.prose:
        mask[base + start : base + end] = bytes(end - start)
    return finder.open_comment
