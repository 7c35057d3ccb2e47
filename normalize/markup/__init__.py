"""Markdown and HTML inputs: which characters of a file are prose.

A Markdown or HTML article is checked as it is stored: the Document keeps
the file's text, so every offset, line and column points into the original
file. What is *not* prose is returned as protected spans, and the engine
drops findings that touch them (see `fit_to_prose`). For Markdown that is
front matter, code spans and blocks, link and image destinations and titles,
reference definitions, autolinks, raw HTML, block markers (`#`, `>`, `-`,
table pipes), emphasis delimiters, escapes and entities; for HTML it is tags
with their attributes, comments, declarations, character references, and the
contents of <script>, <style>, <code>, <pre> and the like.

Both use real parsers (markdown-it-py; Python's html.parser), which find
prose; the protected spans are everything else. Where a parser's view of a
piece cannot be aligned with the file exactly, that piece stays protected:
a missed finding is better than a fix that edits markup.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from ..model import Finding, Span

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def markup_kind(path: str) -> str | None:
    """'markdown', 'html' or None (plain text), from the file name."""
    suffix = PurePath(path).suffix.lower()
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
    if kind == "markdown":
        from .markdown import mark_prose
    else:
        from .html import mark_prose
    mark_prose(text, mask)
    return spans_of(mask)


def spans_of(mask: bytearray) -> list[Span]:
    """Runs of protected characters in a mask (1 = protected)."""
    out = []
    start = None
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
