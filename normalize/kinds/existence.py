"""existence: patterns that should not be in a published article at all.

Scraped boilerplate ("Read more on ...", "6 min de lecture", "Logo X"),
leftovers of a web page or of a translation tool. There is no proposal: a
person decides whether to delete the line.

Rule-file syntax (besides the common keys):

    kind = "existence"
    patterns = ['^Read more on\\b.*$', ...]   # regular expressions (each must
                                              # match some text: '' is refused)
    ignore_case = false
    line = false    # true: a pattern must match a whole line (trimmed of
                    # blanks); the finding covers that line

Patterns compile once, into one alternation, with MULTILINE set, so `^` and
`$` mean the start and end of a line, and `.` matches no line break, whether
lines end with LF, CRLF or CR (normalize.line_anchors).

Fix safety: none; existence findings are flags only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..document import Document
from ..model import Finding
from ..needles import Gate, finditer, found
from ..rulecache import ANALYSIS
from .base import FieldSpec, Rule


class ExistenceRule(Rule):
    KIND = "existence"
    PLACEHOLDERS = ()
    PROPOSES = False
    FIELDS = {
        "patterns": FieldSpec("list[str]", required=True),
        "ignore_case": FieldSpec("bool", default=False),
        "line": FieldSpec("bool", default=False),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        patterns: list[str] = options["patterns"]
        if not patterns:
            raise self.error("patterns", "'patterns' is empty: give at least one pattern")
        flags = re.MULTILINE | (re.IGNORECASE if options["ignore_case"] else 0)
        for p in patterns:
            self.compile("patterns", f"(?:{p})", flags, written=p)  # name the bad one early
            if ANALYSIS.widths(p, flags)[1] == 0:  # "", "(?:)", "^", "\\b" ...
                raise self.error("patterns", (
                    f"pattern {p!r} in 'patterns' matches only empty text: it can never "
                    "flag anything; give the text to find"))
        joined = "|".join(f"(?:{p})" for p in patterns)
        self.pattern = self.compile("patterns", joined, flags)
        # text every match needs (normalize.literals), and how long a line can match
        self.gate = Gate(ANALYSIS.requirements(joined, flags, anchored=options["line"]))
        self.needles = self.gate.necessary
        self.widths = ANALYSIS.widths(joined, flags)
        # strings (lower-cased) one of which begins every match
        self.heads = ANALYSIS.starts(joined, flags)
        # the same, by first character: a line is tried against its own few
        self.heads_by_first: dict[str, tuple[str, ...]] | None = None
        if self.heads is not None and "" not in self.heads:
            by_first: dict[str, list[str]] = {}
            for head in self.heads:
                by_first.setdefault(head[0], []).append(head)
            self.heads_by_first = {c: tuple(hs) for c, hs in by_first.items()}

    def check(self, doc: Document) -> Iterator[Finding]:
        if not self.gate.open(doc.text):
            return
        if self.options["line"]:
            yield from self._check_lines(doc)
            return
        for m in finditer(self.pattern, doc.text, self.heads):
            start, end = m.start(), m.end()
            text = m.group()
            # trim surrounding blanks so the span is the text itself
            start += len(text) - len(text.lstrip())
            end -= len(text) - len(text.rstrip())
            if end > start:
                yield self.finding(doc, start, end)

    def _check_lines(self, doc: Document) -> Iterator[Finding]:
        shortest, longest = self.widths
        heads, low = self.heads_by_first, ""
        if heads is not None:  # a line is tried only if it begins with one of them
            got = found(doc.text)
            if got.open or not got.aligned:
                heads = None
            low = got.lowered
        for start, body in _lines(doc.text):
            if shortest <= len(body) <= longest and (
                    heads is None or ((some := heads.get(low[start])) is not None
                                      and low.startswith(some, start))
            ) and self.pattern.fullmatch(body):
                yield self.finding(doc, start, start + len(body))


_LINE = re.compile(r"[^\r\n]+")


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[tuple[int, str], ...]:
    """Each line's text without surrounding blanks, and where that starts;
    shared by the line rules of one document."""
    out = []
    for at, line in split_lines(text):
        body = line.strip()
        if body is line:  # nothing to strip (most lines)
            out.append((at, line))
        elif body:
            out.append((at + len(line) - len(line.lstrip()), body))
    return tuple(out)


def split_lines(text: str) -> list[tuple[int, str]]:
    """The runs of characters other than CR and LF, and where each starts
    (what `[^\\r\\n]+` finds, by `str.split` where the text has no CR)."""
    if "\r" in text:
        return [(m.start(), m.group()) for m in _LINE.finditer(text)]
    out, at = [], 0
    for line in text.split("\n"):
        if line:
            out.append((at, line))
        at += len(line) + 1
    return out
