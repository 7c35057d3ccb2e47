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

The text of a <script> or <style> is read as a browser reads it too (the
tokenizer's script data states), not as html.parser does: in a <script>,
after a `<!--`, a nested `<script>` opens the "double-escaped" state, and
its `</script>` does not end the outer script, as in the old
`<script><!-- document.write("<script ...></script>") //--></script>`.
A `/` at the end of a start tag is ignored on an element that is not void
(or inside <svg> or <math>), as browsers ignore it: `<code/>` opens a
<code> that holds what follows, up to its `</code>`.

Which elements are open is kept in an `OpenElements`, which one reader hands
to the next: in Markdown the raw HTML of a page comes in pieces (HTML blocks,
and tags inside paragraphs), and a `<code>` opened in one piece holds what
follows it until its `</code>`, as it does in a browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is not prose to check: code, scripts, styles, embedded languages,
# the old code-display elements (xmp, listing, plaintext) and what a browser does not show
# (iframe, noembed, noframes: fallbacks).
OPAQUE = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "tt", "template",
                    "svg", "math", "textarea", "noscript", "xmp", "listing", "plaintext",
                    "iframe", "noembed", "noframes"})

# Elements whose content is raw text for a browser (html.parser knows only the first
# two): only their own end tag ends them, and nothing inside is a tag or a comment
# (`<xmp><code></xmp>` opens no <code>); nothing ends a <plaintext>.
RAW_TEXT = ("script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext")

# Foreign elements: inside them (and on them) a `/>` does close the element.
FOREIGN = ("svg", "math")

_NL = re.compile(r"\n")
_COMMENT_END = re.compile(r"--!?>")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_OPENER = re.compile(r"<[A-Za-z/!?]")  # what begins markup, not text, for a browser


def comment_end(text: str, i: int) -> int:
    """The end of the comment whose `<!--` is at `i`, as a browser finds it; -1: not closed."""
    for empty in ("<!-->", "<!--->"):
        if text.startswith(empty, i):
            return i + len(empty)
    end = _COMMENT_END.search(text, i + 4)
    return -1 if end is None else end.end()


_DELIM = r"[\t\n\f\r />]"  # what ends a tag name
# The script data states that matter (WHATWG tokenizer) and what leaves each.
_SCRIPT_STATES = {
    "data": re.compile(rf"<!--|</script{_DELIM}", re.IGNORECASE),
    "escaped": re.compile(rf"-->|</script{_DELIM}|<script{_DELIM}", re.IGNORECASE),
    "double": re.compile(rf"-->|</script{_DELIM}", re.IGNORECASE),
}


def raw_text_end(text: str, pos: int, elem: str, state: str = "data") -> tuple[int, str]:
    """Where the end tag of a raw-text element (<script>, <style>) whose text
    runs from `pos` begins, as a browser finds it (-1: not in `text`); and
    the script data state there, or at the end of `text` (`state`: where `pos` is).

    A <style> ends at its first `</style`. A <script> ends at its first
    `</script` too, unless that is in a `<!--` and after a nested `<script`
    (the double-escaped state), where it ends the nested one only; `-->`
    leaves the escapes.
    """
    if elem == "plaintext":
        return -1, "data"  # nothing ends it, not even "</plaintext>"
    if elem != "script":
        end = re.compile(rf"</{re.escape(elem)}{_DELIM}", re.IGNORECASE).search(text, pos)
        return (-1 if end is None else end.start()), "data"
    while (found := _SCRIPT_STATES[state].search(text, pos)) is not None:
        token = found.group()
        pos = found.end()
        if token == "<!--":  # escaped, but "<!-->" and "<!--->" leave at once
            while text.startswith("-", pos):
                pos += 1
            if text.startswith(">", pos):
                pos += 1
            else:
                state = "escaped"
        elif token == "-->":
            state = "data"
        elif token[1] != "/":  # <script ...> in the escaped state
            state = "double"
        elif state == "double":  # the nested script's end: back to escaped
            state = "escaped"
        else:
            return found.start(), state
    return -1, state


def _tag_end(text: str, pos: int) -> int:
    """Just after the `>` of a tag whose name ends before `pos` (end of text: not closed)."""
    gt = text.find(">", pos)
    return len(text) if gt < 0 else gt + 1


class OpenElements:
    """The opaque elements open at a point of a page (none: the text there is prose)."""

    def __init__(self) -> None:
        self.depth: dict[str, int] = {}
        self.script_state = "data"  # in an open <script>: "data", "escaped" or "double"

    def __bool__(self) -> bool:
        return any(self.depth.values())

    def start(self, tag: str, self_closing: bool = False) -> None:
        """A start tag; `self_closing`: written `<tag/>`, which opens the element
        all the same (browsers ignore the `/`), except a foreign one."""
        if self_closing and (tag in FOREIGN or any(self.depth.get(f) for f in FOREIGN)):
            return
        if tag in OPAQUE:
            self.depth[tag] = self.depth.get(tag, 0) + 1
            if tag == "script":
                self.script_state = "data"

    def end(self, tag: str) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1

    def raw_text(self) -> str | None:
        """The raw-text element open (<script>, <style>), if any."""
        return next((tag for tag in RAW_TEXT if self.depth.get(tag)), None)

    def follow(self, source: str) -> None:
        """Follow one piece of raw HTML that is a tag (`<code>`, `</code>`, `<br/>`)
        or a comment, as a browser reads it; outside a <script> or <style> a
        comment or declaration changes nothing."""
        raw = self.raw_text()
        if raw is not None:  # inside <script>: text, until the end tag a browser sees
            end, self.script_state = raw_text_end(source, 0, raw, self.script_state)
            if end >= 0:
                self.end(raw)
            return
        tag = _TAG.match(source)
        if tag is None:
            return
        name = tag.group(2).lower()
        if tag.group(1):
            self.end(name)
        else:
            self.start(name, self_closing=source.endswith("/>"))


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
        self.raw_started = False  # the start tag just read opened a <script> or <style>
        self.unfinished = False  # a tag left open at the end: nothing after it is prose

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

    def parse_starttag(self, i: int) -> int:
        """A start tag; the text of a <script> or <style> it opens is skipped
        here, up to the end tag a browser finds (see `raw_text_end`)."""
        self.raw_started = False
        end = super().parse_starttag(i)
        if end < 0 or not self.raw_started:
            return end
        self.clear_cdata_mode()  # (html.parser's own reading of raw text is not used)
        return self.skip_raw_text(end)

    def skip_raw_text(self, pos: int) -> int:
        """Skip the raw text open at `pos` of the text being parsed, and its end tag;
        where parsing goes on (the end of the text: the element is left open)."""
        rawdata = self.rawdata
        raw = self.open.raw_text()
        assert raw is not None
        close, self.open.script_state = raw_text_end(rawdata, pos, raw, self.open.script_state)
        if close < 0:
            return len(rawdata)
        self.open.end(raw)
        return _tag_end(rawdata, close + len(raw) + 2)

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        self._start(tag, self_closing=False)

    def handle_endtag(self, tag: str) -> None:
        self.open.end(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        self._start(tag, self_closing=True)  # <br/>: void; <code/> opens a <code>

    def _start(self, tag: str, self_closing: bool) -> None:
        raw = self.open.raw_text()
        self.open.start(tag, self_closing)
        self.raw_started = raw is None and self.open.raw_text() is not None

    def handle_data(self, data: str) -> None:
        if self.open or self.unfinished:
            return
        start = self._offset()
        if self.closing and data.startswith("<") and _OPENER.match(self.text, start):
            # a tag, end tag, declaration or processing instruction that the text ends
            # in (html.parser hands it over as text when closing): for a browser it
            # runs to the end of the file, in a tag or a bogus comment, never shown
            self.unfinished = True
            return
        if self.text.startswith(data, start):
            self.prose.append((start, start + len(data)))


def prose_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the prose in an HTML text."""
    return _read(text, OpenElements()).prose


def _read(text: str, open_elements: OpenElements) -> _ProseFinder:
    finder = _ProseFinder(text, open_elements)
    start = 0
    if open_elements.raw_text() is not None:  # the text begins inside a <script> opened before
        finder.rawdata = text
        start = finder.skip_raw_text(0)
        finder.rawdata = ""
        finder.lineno = text.count("\n", 0, start) + 1
        finder.offset = start - (text.rfind("\n", 0, start) + 1)
    try:
        finder.feed(text[start:])
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
