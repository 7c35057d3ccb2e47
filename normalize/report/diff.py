"""Diff report: a unified diff (a/ b/ headers) of every file with its proposals applied.

`patch -p1` and `git apply` apply it. Line endings are kept as they are in
the file, and a last line without a newline gets patch's "\\ No newline at
end of file". Both tools compare bytes, so each file's lines are the bytes
the file holds: a UTF-8 file's BOM begins its first line, and a legacy
single-byte file's (cp1252 ...) lines are in its own encoding, as `git diff`
shows them (the bytes that are not UTF-8 are carried as surrogates, which
the command line writes back as the bytes they were). A '#' line before
such a file's diff says so. A UTF-16 or UTF-32 file cannot be diffed line
by line as bytes (its line breaks are several bytes): its diff is UTF-8,
and its '#' line says that it will not apply to the file itself. File
names in the `---`/`+++` lines are written as `git diff` writes them (see
header_name).
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


# What git C-quotes in a name (quote.c, core.quotePath off): the C0 controls, DEL,
# '"' and '\\'. Written bare, a tab or a line break would end the header line or
# the name in it. The escapes git uses; other controls as three octal digits.
_MUST_QUOTE = re.compile('[\x00-\x1f"\\\\\x7f]')
_QUOTED = re.compile('[\x00-\x1f"\\\\\x7f\udc80-\udcff]')
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c in _ESCAPES:
        return _ESCAPES[c]
    code = ord(c)  # a name's byte that is not UTF-8 (U+DC80-U+DCFF) as that byte
    return f"\\{code - 0xDC00 if code >= 0xDC80 else code:03o}"


def header_name(name: str) -> str:
    """`name` as the `---`/`+++` line of a diff writes it, as `git diff` does: a
    name with a control character, '"' or '\\' C-quoted (`"a/tab\\tname.txt"`),
    which `git apply` and GNU patch read back; a name with a space ended by a
    tab, without which patch takes the name to end at the space."""
    shown = f'"{_QUOTED.sub(_escape, name)}"' if _MUST_QUOTE.search(name) else name
    return shown + "\t" if " " in name else shown


def unified_diff(path: str, old: str, new: str, encoding: str = "utf-8",
                 bom: bytes = b"") -> str:
    """The diff of a file whose text was `old` and is `new`; `encoding` and
    `bom`: the file's (Document.encoding, Document.bom)."""
    if old == new:
        return ""
    name = path.lstrip("/")
    out = [f"--- {header_name('a/' + name)}\n", f"+++ {header_name('b/' + name)}\n"]
    if encoding != "utf-8" or bom:
        old, new, note = _as_file_bytes(old, new, encoding, bom)
        if note:
            out.insert(0, f"# {visible(name)}: {note}\n")
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


def _as_file_bytes(old: str, new: str, encoding: str, bom: bytes) -> tuple[str, str, str]:
    """`old` and `new` as the file's own bytes (see the module's docstring), and
    what the '#' line before the diff says ("": nothing to say)."""
    if encoding == "utf-8":  # with a BOM: part of the first line, in both
        return "\ufeff" + old, "\ufeff" + new, ""
    shown = encoding.upper()
    if encoding.startswith("utf-"):
        return old, new, f"{shown}; this diff is UTF-8 and does not apply to the file itself"
    try:
        old_bytes, new_bytes = bom + old.encode(encoding), bom + new.encode(encoding)
    except UnicodeEncodeError:
        return old, new, (f"{shown}, which cannot hold a change below; this diff is UTF-8 "
                          "and does not apply to the file itself")
    return (old_bytes.decode("utf-8", "surrogateescape"),
            new_bytes.decode("utf-8", "surrogateescape"),
            f"{shown}; the lines below are in that encoding, as the file is")


def render(report: Report) -> str:
    # the entity summary as a header of '#' lines, which patch and git apply skip
    # (a name's control characters escaped: a line break would end the comment)
    names = entity_lines(report, "the changes below are the fixes")
    header = "".join(f"# {visible(line)}\n" for line in names)
    return header + "".join(
        unified_diff(r.doc.path, r.doc.text, r.fixed, r.doc.encoding, r.doc.bom)
        for r in report.files
        if r.fixed is not None
    )
