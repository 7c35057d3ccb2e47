"""Markdown and HTML inputs: which characters of a file are prose.

A Markdown or HTML article is checked as it is stored: the Document keeps
the file's text, so every offset, line and column points into the original
file. What is *not* prose is returned as protected spans. Rules run over
`prose_view` (the same text with the markup blanked out, offsets unchanged),
and the engine drops findings that touch markup (see `fit_to_prose`). For Markdown that is
front matter, code spans and blocks, link and image destinations and titles,
reference definitions, autolinks, raw HTML, block markers (`#`, `>`, `-`,
table pipes), emphasis delimiters, escapes and entities; for HTML it is tags
with their attributes, comments, declarations, character references, and the
contents of <script>, <style>, <code>, <pre> and the like; raw HTML in
Markdown is read the same way, so a `<code>` in a paragraph holds code there
too, until its `</code>`.

Both use real parsers (markdown-it-py; Python's html.parser), which find
prose; the protected spans are everything else. Where a parser's view of a
piece cannot be aligned with the file exactly, that piece stays protected:
a missed finding is better than a fix that edits markup.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from html import unescape
from typing import TYPE_CHECKING

from ..model import Finding, Span

if TYPE_CHECKING:
    from ..document import Document

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def markup_kind(path: str) -> str | None:
    """'markdown', 'html' or None (plain text), from the file name."""
    if path.endswith(".txt"):  # most articles: its suffix is ".txt" (or none, "a/.txt")
        return None
    suffix = os.path.splitext(path)[1].lower()  # PurePath(path).suffix, without the object
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def markup_spans(text: str, path: str) -> list[Span]:
    """The spans of `text` that are not prose, for a Markdown or HTML `path`."""
    kind = markup_kind(path)
    if kind is None:
        return []
    mask = bytearray(b"\x01") * len(text)  # 1 = protected
    _read(text, kind, mask)
    return spans_of(mask)


def comments(text: str, path: str) -> dict[int, int] | None:
    """For a Markdown or HTML `path`, the comments of the document, start -> end:
    those a browser reads as comments, not text that looks like one in a code
    span or block, a <script>, an attribute value or an opaque element such as
    <code>. None for plain text, where there is no telling."""
    kind = markup_kind(path)
    if kind is None:
        return None
    return dict(_read(text, kind, bytearray(len(text))))


def _read(text: str, kind: str, mask: bytearray) -> list[tuple[int, int]]:
    """Clear the mask over the prose; the comments (start, end) found."""
    if kind == "markdown":
        from .markdown import mark_prose as mark_markdown

        return mark_markdown(text, mask)
    from .html import mark_prose as mark_html

    found: list[tuple[int, int]] = []
    mark_html(text, mask, comments=found)  # (what it returns matters only inside Markdown)
    return found


def spans_of(mask: bytearray) -> list[Span]:
    """Runs of protected characters in a mask (1 = protected)."""
    out: list[Span] = []
    pos = 0
    data = bytes(mask)
    while True:
        start = data.find(1, pos)
        if start < 0:
            return out
        end = data.find(0, start)
        if end < 0:
            end = len(data)
        out.append(Span(start, end))
        pos = end


def fit_to_prose(text: str, spans: tuple[Span, ...], finding: Finding) -> Finding | None:
    """A finding that touches markup, cut down to the prose it is about; or None.

    A finding with a fix is dropped: fixes edit only prose. A finding without
    one (a line in another language, boilerplate) loses the markup and
    white space at its ends, such as a heading's `#` or a paragraph's `<p>`;
    it is kept when prose is left and it stays on one line.
    """
    if finding.fix is not None:
        return None
    start, end = finding.start, finding.end

    def covering(pos: int) -> Span | None:
        return next((s for s in spans if s.start <= pos < s.end), None)

    while start < end:
        if text[start].isspace():
            start += 1
        elif (span := covering(start)) is not None:
            start = span.end
        else:
            break
    while start < end:
        if text[end - 1].isspace():
            end -= 1
        elif (span := covering(end - 1)) is not None:
            end = span.start
        else:
            break
    if start >= end or "\n" in text[start:end] or "\r" in text[start:end]:
        return None
    return replace(finding, start=start, end=end, text=text[start:end])


# HTML tags that end a block: where one stands mid-line, the rules see a line break.
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|blockquote|section|article|header"
    r"|footer|figure|figcaption|dd|dt|dl|main|aside|nav|caption)\b", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def prose_view(doc: Document) -> Document:
    """The document as rules see it: markup blanked out, every offset unchanged.

    For a Markdown or HTML file, each protected run becomes spaces (line
    breaks stay), so a rule sees "Logo Nextory" where the file has
    `<p class="x">Logo Nextory</p>`, and a line's language is judged on its
    words, not on its tags and URLs. An HTML block tag in the middle of a line
    becomes a line break; a character reference becomes its character
    (then spaces), so `&rsquo;` still reads as an apostrophe. Plain text is
    returned as it is.
    """
    if not doc.protected or markup_kind(doc.path) is None:
        return doc
    text = doc.text
    out = []
    pos = 0
    for span in doc.protected:  # sorted; URL spans may overlap markup spans
        if span.end <= pos:
            continue
        start = max(pos, span.start)
        out.append(text[pos:start])
        out.append(_blank(text[start:span.end]))
        pos = span.end
    out.append(text[pos:])
    view = "".join(out)
    assert len(view) == len(text)
    return replace(doc, text=view, source=text)


_GAP = re.compile(r"\s*\x00[\s\x00]*")


def readable(view: Document, start: int, end: int) -> str:
    """`view.text[start:end]` of a prose view as a reader would quote it, for a
    finding's message: the blanks where markup was are left out, a character
    reference is its character, and where markup stood beside white space or
    a line break there is one space: `Logo <b>Acme</b> &amp; Sons &eacute;t&eacute;`
    reads "Logo Acme & Sons été", not "Logo    Acme     &     Sons é       té".
    Code and URLs, which the rules do not see, are left out too. Text with no
    markup in it (every plain-text article) is returned as it is."""
    text = view.text
    if markup_kind(view.path) is None or not view.is_protected(start, end) \
            or "\x00" in text[start:end]:
        return text[start:end]
    pieces = []
    pos = start
    for span in view.protected_overlapping(start, end):  # URL spans may overlap markup's
        if span.end <= pos:
            continue
        cut, stop = max(pos, span.start), min(span.end, end)
        pieces.append(text[pos:cut])
        # a blanked run: a reference's character stays, a line break parts words
        run = text[cut:stop].replace(" ", "").replace("\r", " ").replace("\n", " ")
        pieces.append(f"\x00{run}\x00")
        pos = stop
    pieces.append(text[pos:end])
    return _GAP.sub(lambda gap: " " if gap.group().strip("\x00") else "",
                    "".join(pieces)).strip()


def _blank(run: str) -> str:
    if "\n" in run or "\r" in run:
        return re.sub(r"[^\r\n]", " ", run)
    ref = _REFERENCE.fullmatch(run)
    if ref:
        char = unescape(run)
        if len(char) == 1 and char.isprintable():
            return char + " " * (len(run) - 1)
        return " " * len(run)
    if _BLOCK_TAG.search(run):
        return "\n" + " " * (len(run) - 1)
    return " " * len(run)
