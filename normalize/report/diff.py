"""Diff report: a unified diff (a/ b/ headers) of every file with its proposals applied.

`patch -p1` applies it. Line endings are kept as they are in the file, and a
last line without a newline gets patch's "\\ No newline at end of file".
"""

from __future__ import annotations

import difflib
import re

from . import Report, visible
from .entities import entity_lines

_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _lines(text: str) -> list[str]:
    """Lines as patch sees them: split after '\\n' only."""
    return _LINE.findall(text)


def unified_diff(path: str, old: str, new: str) -> str:
    if old == new:
        return ""
    name = path.lstrip("/")
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    body = difflib.unified_diff(_lines(old), _lines(new), n=3)
    for i, line in enumerate(body):
        if i < 2:  # difflib's own ---/+++ lines
            continue
        if line.startswith("@@"):
            out.append(line.rstrip("\n") + "\n")
        elif line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def render(report: Report) -> str:
    # the entity summary as a header of '#' lines, which patch and git apply skip
    # (a name's control characters escaped: a line break would end the comment)
    header = "".join(f"# {visible(line)}\n" for line in entity_lines(report))
    return header + "".join(
        unified_diff(r.doc.path, r.doc.text, r.fixed)
        for r in report.files
        if r.fixed is not None
    )
