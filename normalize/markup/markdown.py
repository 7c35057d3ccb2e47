"""Markdown: prose is the text of paragraphs, headings, list items and table cells.

markdown-it-py parses the file. Block tokens carry their line range
(`token.map`); an inline token's `content` is the raw source of its text,
taken from those lines without block markers (`#`, `>`, list bullets,
indentation). Each content line is found again in its source line, which
gives character offsets into the file.

Inside that content, the inline rules that consume markup are wrapped to
record the source range they consumed: code spans, autolinks, raw HTML,
entities, escapes and emphasis delimiters are protected whole; for links and
images only the label (the visible text, or an image's alt text) stays prose,
so destinations and titles are protected; in a shortcut or collapsed reference
(`[Name]`, `[Name][]`) the label is also the key of its definition, and is
protected too: an edit there would unlink it. Raw HTML blocks are handed to the
HTML reader; one that leaves a comment open (`<!--` and no `-->`) ends the
prose, as the rest of the rendered page is inside that comment. (An unclosed
`<!--` in a paragraph is not raw HTML but text, and stays prose.) Lines no
leaf block covers (blank lines, reference definitions) and front matter are
never prose.

Raw HTML is followed through the file in order, blocks and tags inside
paragraphs alike, as a browser reads the page it becomes: what an opaque
element (`<code>`, `<pre>`, `<kbd>` ...; html.OPAQUE) holds is protected up
to its end tag, over as many lines and blocks as it runs, as in an .html file.
A closing tag broken before its `>` (`</code` at the end of a paragraph, `>`
at the start of the next line) is a closing tag as its writer meant it,
though the `>` starts a block quote for a Markdown parser: it closes the
element.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from markdown_it import MarkdownIt

from . import html

# Inline rules whose whole source range is markup, not prose.
_MARKUP_RULES = frozenset({"backticks", "autolink", "html_inline", "entity", "escape",
                           "emphasis", "strikethrough", "linkify"})
_LABELLED_RULES = {"link": 0, "image": 1}  # label starts after '[' ('![' for images)
_KEY = "normalize_markup_ranges"  # env: the list the ranges go to
_TAGS = "normalize_markup_tags"  # env: the list the raw HTML pieces go to
_BASE = "normalize_markup_base"  # env: where the text being parsed begins in the content

# "</code" at the end of a line, and a line that begins with ">"
_BROKEN_END_TAG = re.compile(r"(?<!\\)</[A-Za-z][A-Za-z0-9-]*[ \t]*\Z")
_QUOTE_MARK = re.compile(r"[ \t]*>")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}


def _recording(name: str, fn):  # noqa: ANN001, ANN202
    label_at = _LABELLED_RULES.get(name)

    def rule(state, silent: bool) -> bool:  # noqa: ANN001
        start = state.pos
        if name == "image" and not silent and _KEY in state.env:
            ok = _image(fn, state, start)
        else:
            ok = fn(state, silent)
        if ok and not silent and (record := state.env.get(_KEY)) is not None:
            end = state.pos
            base = state.env.get(_BASE, 0)
            if name in _MARKUP_RULES:
                record.append((base + start, base + end))
                if name == "html_inline":
                    state.env[_TAGS].append((base + start, base + end))
            elif label_at is not None:
                label_end = state.md.helpers.parseLinkLabel(state, start + label_at, name == "link")
                if label_end < 0 or state.src[label_end + 1:end] in ("", "[]"):
                    # (cannot happen for a parsed link; be safe) or a shortcut or
                    # collapsed reference, "[Name]" or "[Name][]": its label is the
                    # key of the definition it points to, which an edit would break
                    record.append((base + start, base + end))
                else:
                    record.append((base + start, base + start + label_at + 1))
                    record.append((base + label_end, base + end))
        return ok

    return rule


def _image(fn, state, start: int) -> bool:  # noqa: ANN001
    """Parse an image: its label is parsed as a text of its own, so what is
    recorded in it is counted from the label's start ('![' is 2 characters)."""
    base = state.env.get(_BASE, 0)
    state.env[_BASE] = base + start + 2
    try:
        return fn(state, False)
    finally:
        state.env[_BASE] = base


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.disable("inline")  # the core step: inline content is parsed below, one block at a time
    ruler = md.inline.ruler
    for r in ruler.__rules__:
        ruler.at(r.name, _recording(r.name, r.fn))
    return md


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end without line ending) of each line, as markdown-it counts lines."""
    out = [(m.start(), m.start() + len(m.group().rstrip("\r\n"))) for m in _LINE.finditer(text)]
    if len(out) > 1 and out[-1][0] == out[-1][1] == len(text):
        out.pop()  # the empty match after the final line ending
    return out or [(0, 0)]


def front_matter_lines(lines: list[str]) -> int:
    """How many lines at the top are YAML (---) or TOML (+++) front matter."""
    if not lines or lines[0].strip() not in _FRONT_MATTER:
        return 0
    closers = _FRONT_MATTER[lines[0].strip()]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0  # not closed: not front matter


def mark_prose(text: str, mask: bytearray) -> list[tuple[int, int]]:
    """Clear the mask (0 = prose) over the prose of a Markdown text. Returns
    the (start, end) of the HTML comments in it, outside opaque elements."""
    lines = _lines(text)
    skip = front_matter_lines([text[a:b] for a, b in lines])
    body_start = lines[skip][0] if skip < len(lines) else len(text)
    # Parse the body only; its line numbers are shifted by the front matter.
    md = _parser()
    env: dict = {}
    tokens = md.parse(text[body_start:], env)
    open_elements = html.OpenElements()  # raw HTML's <code>, <pre> ... open here
    comments: list[tuple[int, int]] = []
    floor = 0  # where the last block placed in the file ends
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map[0] + skip, token.map[1] + skip
        if token.type == "inline":
            inline = _Inline(text, lines, first, last, token.content, floor)
            inline.mark(md, env, mask, open_elements, comments)
            if inline.placed:  # the next block (a table's next cell) begins after it
                floor = inline.placed[-1][1] + len(inline.content_lines[-1])
        elif token.type == "html_block" and first < len(lines):
            a, b = lines[first][0], lines[min(last, len(lines)) - 1][1]
            if html.mark_prose(text[a:b], mask, a, open_elements, comments) is not None:
                # the block is written out as it is: a comment it leaves open
                # hides the rest of the page in a browser, so nothing after is prose
                break
    return comments


class _Inline:
    """A block's inline content, and where each of its lines is in the file."""

    def __init__(self, text: str, lines: list[tuple[int, int]], first: int, last: int,
                 content: str, floor: int = 0) -> None:
        self.text = text
        self.content = content
        self.content_lines = content.split("\n")
        self.placed = self._place(lines, first, last, floor)
        self.content_starts = [c for c, _ in self.placed or ()]
        # the line after the block, which a closing tag cut at its end may end
        self.next_line = text[lines[last][0]:lines[last][1]] if last < len(lines) else ""

    def _place(self, lines: list[tuple[int, int]], first: int, last: int, floor: int
               ) -> list[tuple[int, int]] | None:
        """(offset in content, offset in file) of each content line, found in
        its source line, not before `floor` (where the block before ended: a
        table row's cells are blocks of one line, and a cell is looked for after
        the one before it, not where its text first occurs in the row, which
        may be another cell's code or attribute); None: the block cannot be
        aligned with the file, and stays protected."""
        text = self.text
        placed: list[tuple[int, int]] = []
        offset = 0
        cursor = max(floor, lines[first][0] if first < len(lines) else len(text))
        for i, cline in enumerate(self.content_lines):
            n = first + i
            if n >= last or n >= len(lines):
                return None
            line_start, line_end = lines[n]
            at = text.find(cline, max(line_start, cursor), line_end) if cline else -1
            if at < 0:
                return None
            placed.append((offset, at))
            cursor = at + len(cline)
            offset += len(cline) + 1
        return placed

    def to_file(self, pos: int) -> int:
        """The file offset of an offset in the content (of an aligned block): found
        by bisection (a walk back over the lines was quadratic in a paragraph of
        thousands of lines with markup in each)."""
        assert self.placed is not None
        k = bisect_right(self.content_starts, pos) - 1
        if k < 0:
            return self.placed[0][1]
        c_start, f_start = self.placed[k]
        return f_start + min(pos - c_start, len(self.content_lines[k]))

    def mark(self, md: MarkdownIt, env: dict, mask: bytearray,
             open_elements: html.OpenElements, comments: list[tuple[int, int]]) -> None:
        # The markup inside the content, and its raw HTML.
        record: list[tuple[int, int]] = []
        tags: list[tuple[int, int]] = []
        env[_KEY], env[_TAGS] = record, tags
        try:
            md.inline.parse(self.content, md, env, [])
        finally:
            env.pop(_KEY, None)
            env.pop(_TAGS, None)
        tags.sort()
        if self.placed is None:  # the block stays protected; follow its tags all the same
            for start, end in tags:
                open_elements.follow(self.content[start:end])
            return
        text, placed, to_file = self.text, self.placed, self.to_file
        # Prose: the content lines, and the line breaks between them when only
        # white space separates them (not a '>' of a block quote).
        for i, ((_, f_start), cline) in enumerate(zip(placed, self.content_lines)):
            end = f_start + len(cline)
            mask[f_start:end] = bytes(len(cline))
            if i + 1 < len(placed):
                gap_end = placed[i + 1][1]
                if text[end:gap_end].isspace():
                    mask[end:gap_end] = bytes(gap_end - end)
        for start, end in record:
            a, b = to_file(start), to_file(end)
            mask[a:b] = b"\x01" * (b - a)
        # What opaque elements of raw HTML hold (<code>...</code>), tags
        # included; one open at either end of the block reaches that end.
        held_from = placed[0][1] if open_elements else None
        for start, end in tags:
            source = self.content[start:end]
            if held_from is None and source.startswith("<!--"):
                stop = html.comment_end(source, 0)
                if stop > 0:
                    comments.append((to_file(start), to_file(start + stop)))
            open_elements.follow(source)
            if held_from is None and open_elements:
                held_from = to_file(start)
            elif held_from is not None and not open_elements:
                mask[held_from:to_file(end)] = b"\x01" * (to_file(end) - held_from)
                held_from = None
        if held_from is not None and _QUOTE_MARK.match(self.next_line):
            cut = _BROKEN_END_TAG.search(self.content_lines[-1])
            if cut is not None:  # "</code" + line break + ">": the tag is whole
                open_elements.follow(cut.group().rstrip() + "\n>")
        if held_from is not None and not open_elements:
            stop = placed[-1][1] + len(self.content_lines[-1])
            mask[held_from:stop] = b"\x01" * (stop - held_from)
            held_from = None
        if held_from is not None:
            stop = placed[-1][1] + len(self.content_lines[-1])
            mask[held_from:stop] = b"\x01" * (stop - held_from)
