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

Which elements are open is kept in an `OpenElements`, which one reader hands
to the next: in Markdown the raw HTML of a page comes in pieces (HTML blocks,
and tags inside paragraphs), and a `<code>` opened in one piece holds what
follows it until its `</code>`, as it does in a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is not prose to check: code, scripts, styles, embedded languages.
OPAQUE = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "tt", "template",
                    "svg", "math", "textarea", "noscript"})

# Elements whose content is raw text (html.parser's CDATA_CONTENT_ELEMENTS): only
# their own end tag ends them, and nothing inside is a tag or a comment.
RAW_TEXT = ("script", "style")

_NL = re.compile(r"\n")
_COMMENT_END = re.compile(r"--!?>")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def comment_end(text: str, i: int) -> int:
    """The end of the comment whose `<!--` is at `i`, as a browser finds it; -1: not closed."""
    for empty in ("<!-->", "<!--->"):
        if text.startswith(empty, i):
            return i + len(empty)
    end = _COMMENT_END.search(text, i + 4)
    return -1 if end is None else end.end()


class OpenElements:
    """The opaque elements open at a point of a page (none: the text there is prose)."""

    def __init__(self) -> None:
        self.depth: dict[str, int] = {}

    def __bool__(self) -> bool:
        return any(self.depth.values())

    def start(self, tag: str) -> None:
        if tag in OPAQUE:
            self.depth[tag] = self.depth.get(tag, 0) + 1

    def end(self, tag: str) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1

    def raw_text(self) -> str | None:
        """The raw-text element open (<script>, <style>), if any."""
        return next((tag for tag in RAW_TEXT if self.depth.get(tag)), None)

    def follow(self, source: str) -> None:
        """Follow one piece of raw HTML that is a tag (`<code>`, `</code>`, `<br/>`),
        as html.parser reads it; a comment or declaration changes nothing."""
        tag = _TAG.match(source)
        if tag is None:
            return
        name = tag.group(2).lower()
        raw = self.raw_text()
        if raw is not None and not (tag.group(1) and name == raw):
            return  # inside <script>: text, until </script>
        if tag.group(1):
            self.end(name)
        elif not source.endswith("/>"):  # <code/> opens nothing (handle_startendtag)
            self.start(name)


class _ProseFinder(HTMLParser):
    def __init__(self, text: str, open_elements: OpenElements) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in _NL.finditer(text)]
        self.open = open_elements
        self.prose: list[tuple[int, int]] = []
        self.comments: list[tuple[int, int]] = []  # outside opaque elements
        self.closing = False  # the whole text has been fed
        self.open_comment: int | None = None  # where a comment never closed begins
        raw = open_elements.raw_text()
        if raw is not None:  # the text begins inside a <script> opened before it
            self.set_cdata_mode(raw)

    def close(self) -> None:
        self.closing = True
        super().close()

    def parse_comment(self, i: int, report: int = 1) -> int:  # noqa: ARG002
        """The end of the comment at `i`, as a browser finds it; -1: wait for more text."""
        rawdata = self.rawdata
        end = comment_end(rawdata, i)
        if end >= 0:
            start = self._offset()
            if not self.open and self.text.startswith(rawdata[i:end], start):
                self.comments.append((start, start + end - i))
            return end
        if not self.closing:
            return -1
        self.open_comment = self._offset()
        return len(rawdata)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        self.open.start(tag)

    def handle_endtag(self, tag: str) -> None:
        self.open.end(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        pass  # <br/>, <img ... />: nothing opens

    def handle_data(self, data: str) -> None:
        if self.open:
            return
        start = self._offset()
        if self.text.startswith(data, start):
            self.prose.append((start, start + len(data)))


def prose_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the prose in an HTML text."""
    return _read(text, OpenElements()).prose


def _read(text: str, open_elements: OpenElements) -> _ProseFinder:
    finder = _ProseFinder(text, open_elements)
    try:
        finder.feed(text)
        finder.close()
    except AssertionError:
        pass  # html.parser gives up on some malformed declarations ("<![ "): keep what it found
    return finder


def mark_prose(text: str, mask: bytearray, base: int = 0,
               open_elements: OpenElements | None = None,
               comments: list[tuple[int, int]] | None = None) -> int | None:
    """Clear the mask (0 = prose) over the prose of `text`, which sits at `base`.

    `open_elements` is what is open where `text` begins, and is updated to
    where it ends; the comments outside opaque elements (start, end; with
    `base`) are added to `comments`. Returns where in `text` a comment begins
    that it leaves open (None: none).
    """
    finder = _read(text, OpenElements() if open_elements is None else open_elements)
    for start, end in finder.prose:
        mask[base + start : base + end] = bytes(end - start)
    if comments is not None:
        comments.extend((base + start, base + end) for start, end in finder.comments)
    return finder.open_comment
