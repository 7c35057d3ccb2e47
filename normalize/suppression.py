"""Inline suppression comments: let an editor silence a finding where it stands.

One syntax for every kind of file, an HTML comment (invisible in rendered
Markdown and HTML, and a string no prose contains in a plain-text article):

    <!-- normalize: ignore MT101 -->            this line (where the comment is)
    <!-- normalize: ignore-next-line NM LG -->  the line after the comment
    <!-- normalize: off -->                      from here ...
    <!-- normalize: on -->                       ... to here (or to the end of the file)

A comment may end with `--!>` as well as `-->`, as in a browser (and as the
Markdown and HTML reader reads comments).

Codes may be prefixes (`MT` silences MT101 and MT102), separated by spaces or
commas; no code means every code. `off CODES` and `on CODES` open and close
codes one by one; a plain `on` closes everything. A finding is suppressed
when it starts inside a suppressed range of a matching code.

In Markdown and HTML a suppression comment counts only when it is a comment
of the page: the same text in a code span or block, a <script> or <style>,
an attribute value or an element such as <code> or <pre> is an example of
the syntax, and silences nothing. (A plain-text article has no such places:
every comment in it counts.) A suppression comment is never checked itself:
nothing found in it is reported or fixed.

A code in a comment that matches no loaded rule is itself reported, as NZ001
(a typo would otherwise silence nothing, silently); a comment whose action is
not one of the four is reported as NZ002.

`suppressed_ranges(text, path)` is the whole mechanism as data: for each
code prefix ("" for all codes), the character ranges it is silenced in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .markup import comments
from .model import Finding, Severity

# (a body never runs past the next "<!--": an opener left unclosed is then looked
# through up to the next comment, not to the end of the text for each one)
_COMMENT = re.compile(r"<!--\s*normalize\s*:\s*(?P<body>(?:(?!<!--).)*?)\s*--!?>", re.DOTALL)
_ACTION = re.compile(r"(?P<action>[A-Za-z][\w-]*)(?P<codes>.*)", re.DOTALL)
_TOKEN = re.compile(r"[^\s,]+")
ACTIONS = ("ignore", "ignore-next-line", "off", "on")
UNKNOWN_CODE, UNKNOWN_ACTION = "NZ001", "NZ002"
CHECKER_CODES = (UNKNOWN_CODE, UNKNOWN_ACTION)


@dataclass(frozen=True)
class Directive:
    """One suppression comment: where it is, what it does, and its codes with their offsets."""

    start: int
    end: int
    action: str
    codes: tuple[tuple[str, int], ...]  # (code as written, offset in the text)


def find_directives(text: str, path: str = "") -> list[Directive]:
    """The suppression comments in `text`; for a Markdown or HTML `path`,
    only those that are comments of the page (see `markup.comments`)."""
    if "normalize" not in text:
        return []
    out = []
    for m in _COMMENT.finditer(text):
        body_start = m.start("body")
        action = _ACTION.match(m.group("body"))
        if action is None:
            out.append(Directive(m.start(), m.end(), "", ()))
            continue
        codes_at = body_start + action.start("codes")
        codes = tuple((t.group(), codes_at + t.start())
                      for t in _TOKEN.finditer(action.group("codes")))
        out.append(Directive(m.start(), m.end(), action.group("action").lower(), codes))
    if out and path:
        real = comments(text, path)  # (the file is read again: only where a comment is)
        if real is not None:
            out = [d for d in out if real.get(d.start) == d.end]
    return out


def _line_bounds(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


def suppressed_ranges(text: str, path: str = "",
                      directives: Sequence[Directive] | None = None
                      ) -> dict[str, list[tuple[int, int]]]:
    """For each code prefix ("" = every code), the (start, end) ranges where it
    is silenced, by the suppression comments of `text` (read as `path` is)."""
    if directives is None:
        directives = find_directives(text, path)
    if not directives:
        return {}
    starts = _line_bounds(text)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    def line_range(index: int) -> tuple[int, int]:
        if index >= len(starts):
            return len(text), len(text)
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        return starts[index], end

    ranges: dict[str, list[tuple[int, int]]] = {}
    open_at: dict[str, int] = {}
    for d in directives:
        codes = [code.upper() for code, _ in d.codes] or [""]
        if d.action == "ignore":
            # from the start of the comment's first line to the end of its last
            span = (line_range(line_of(d.start))[0], line_range(line_of(d.end))[1])
        elif d.action == "ignore-next-line":
            span = line_range(line_of(d.end) + 1)
        elif d.action == "off":
            for code in codes:
                open_at.setdefault(code, d.end)
            continue
        elif d.action == "on":
            for code in (list(open_at) if codes == [""] else codes):
                if code in open_at:
                    ranges.setdefault(code, []).append((open_at.pop(code), d.start))
            continue
        else:
            continue
        for code in codes:
            ranges.setdefault(code, []).append(span)
    for code, start in open_at.items():
        ranges.setdefault(code, []).append((start, len(text)))
    return {code: sorted(spans) for code, spans in sorted(ranges.items())}


def is_suppressed(finding: Finding, ranges: dict[str, list[tuple[int, int]]]) -> bool:
    for prefix, spans in ranges.items():
        if finding.code.startswith(prefix):
            if any(start <= finding.start < end or start == finding.start == end
                   for start, end in spans):
                return True
    return False


def directive_problems(text: str, path: str, known: Iterable[str],
                       directives: Sequence[Directive] | None = None) -> list[Finding]:
    """Findings for suppression comments that cannot work: unknown codes or actions."""
    known = tuple(known) + CHECKER_CODES
    out = []
    for d in find_directives(text, path) if directives is None else directives:
        if d.action not in ACTIONS:
            shown = text[d.start:d.end]
            out.append(Finding(
                path=path, start=d.start, end=d.end, code=UNKNOWN_ACTION,
                rule="unknown-suppression-action", severity=Severity.WARNING,
                message=f"'{shown}' is not a suppression comment normalize knows: "
                        f"use one of {', '.join(ACTIONS)}",
                text=shown))
            continue
        for code, at in d.codes:
            if not any(k.startswith(code.upper()) for k in known):
                out.append(Finding(
                    path=path, start=at, end=at + len(code), code=UNKNOWN_CODE,
                    rule="unknown-suppression-code", severity=Severity.WARNING,
                    message=f"'{code}' in a suppression comment matches no rule: "
                            "it silences nothing (see `normalize rules list`)",
                    text=code))
    return out


def outside_directives(directives: Sequence[Directive],
                       findings: Iterable[Finding]) -> list[Finding]:
    """`findings` less those in a suppression comment, and those whose fix
    would edit one. (A finding about a whole line that holds a comment, such
    as the line's language, stays.)"""
    starts = [d.start for d in directives]

    def around(start: int) -> Directive | None:
        """The comment that begins at or before `start`."""
        k = bisect.bisect_right(starts, start) - 1
        return directives[k] if k >= 0 else None

    def edits_one(start: int, end: int) -> bool:
        d = around(start)
        if d is not None and start < d.end and (end > start or start > d.start):
            return True  # an insertion only inside one, not at its ends
        k = bisect.bisect_right(starts, start)
        return k < len(starts) and starts[k] < end

    out = []
    for f in findings:
        d = around(f.start)
        if d is not None and f.start < d.end and f.end <= d.end:  # inside one
            continue
        if f.fix is not None and any(edits_one(e.start, e.end) for e in f.fix.edits):
            continue
        out.append(f)
    return out


def unsuppressed(text: str, path: str, findings: Iterable[Finding]) -> list[Finding]:
    """`findings` less those that the suppression comments of `text` silence
    or that lie in such a comment."""
    findings = list(findings)
    directives = find_directives(text, path) if findings else []
    return _silenced(text, path, directives, findings)[0] if directives else findings


def _silenced(text: str, path: str, directives: Sequence[Directive], findings: Iterable[Finding]
              ) -> tuple[list[Finding], dict[str, list[tuple[int, int]]]]:
    """`findings` less those `directives` silence or that lie in one; and the
    silenced ranges."""
    ranges = suppressed_ranges(text, path, directives)
    return outside_directives(directives, [f for f in findings
                                           if not is_suppressed(f, ranges)]), ranges


def apply_suppressions(text: str, path: str, findings: Iterable[Finding],
                       known: Iterable[str]) -> list[Finding]:
    """`findings` minus the suppressed ones and those in a suppression comment,
    plus problems with the comments themselves."""
    directives = find_directives(text, path)
    if not directives:
        return list(findings)
    kept, ranges = _silenced(text, path, directives, findings)
    problems = directive_problems(text, path, known, directives)
    return kept + [p for p in problems if not is_suppressed(p, ranges)]
