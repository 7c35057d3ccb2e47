"""Line anchors that mean the same in LF, CRLF and CR text.

Under re.MULTILINE, Python's `^` matches only after "\\n" and `$` only
before it, and `.` matches "\\r": in a file with CRLF line endings `x$`
misses an "x" at the end of a line, and in a file with CR line endings
`^x` misses one at the start of a line while `.*` runs on to the end of
the file. Documents keep their own line endings (a fix must never change
them), so a rule's pattern is rewritten when it is compiled instead:

    ^   ->  (?<![^\\r\\n])(?!(?<=\\r)\\n)   after a line break or at the start
    $   ->  (?![^\\r\\n])(?!(?<=\\r)\\n)    before a line break or at the end
    .   ->  [^\\r\\n]                      (unless re.DOTALL is in effect)

A line break is "\\r\\n", "\\r" or "\\n"; neither anchor matches between
the two characters of "\\r\\n", so a match never holds half of one.

Only where MULTILINE is in effect (the flag, `(?m)` or `(?m:...)`), and
never inside a character class, after a backslash (`\\$`, `\\A`, `\\Z`),
in a `(?#...)` comment or in a verbose-mode comment. The rewritten pattern
has the same groups, and matches the same strings where the text's lines
end with "\\n"; needles worked out from the original (normalize.literals)
hold for it: each anchor still stands just after a line break or the start
(or before one or the end), and each `.` for one character.
"""

from __future__ import annotations

import re
from functools import lru_cache

LINE_START = r"(?<![^\r\n])(?!(?<=\r)\n)"
LINE_END = r"(?![^\r\n])(?!(?<=\r)\n)"
NOT_BREAK = r"[^\r\n]"

_INLINE_M = re.compile(r"\(\?[aiLsux]*m")  # (?m) or (?m:...) somewhere
_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?([:)])")
# flags as plain ints: an operation on re.RegexFlag (an enum) costs a microsecond
_LETTERS = {"i": int(re.IGNORECASE), "L": int(re.LOCALE), "m": int(re.MULTILINE),
            "s": int(re.DOTALL), "x": int(re.VERBOSE), "a": int(re.ASCII), "u": int(re.UNICODE)}
_MULTILINE, _DOTALL, _VERBOSE = _LETTERS["m"], _LETTERS["s"], _LETTERS["x"]


def uses_lines(pattern: str, flags: int) -> bool:
    """MULTILINE may be in effect somewhere in `pattern` (cheap: no parsing)."""
    return bool(flags & re.MULTILINE) or _INLINE_M.search(pattern) is not None


@lru_cache(maxsize=4096)
def line_neutral(pattern: str, flags: int = 0) -> str:
    """`pattern` with its line anchors (and `.`) made to treat "\\r\\n", "\\r"
    and "\\n" alike wherever MULTILINE is in effect; unchanged if nowhere.
    `pattern` must compile (compile it first to report an error)."""
    if not uses_lines(pattern, flags):
        return pattern
    flags = int(flags)
    out: list[str] = []
    stack: list[int] = []  # the flags to restore at each open group's ')'
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif c == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif flags & _VERBOSE and c == "#":
            end = _comment_end(pattern, i, "\n")
            out.append(pattern[i:end])
            i = end
        elif c == "(" and pattern.startswith("(?#", i):
            end = _comment_end(pattern, i, ")")
            out.append(pattern[i:end])
            i = end
        elif c == "(":
            m = _FLAGS.match(pattern, i)
            new = flags
            if m:
                for ch in m.group(1):
                    new |= _LETTERS[ch]
                for ch in m.group(2) or "":
                    new &= ~_LETTERS[ch]
                if m.group(3) == ")":  # global flags: the whole pattern
                    flags = new
                    out.append(m.group())
                    i = m.end()
                    continue
                out.append(m.group())
                i = m.end()
            else:
                out.append(c)
                i += 1
            stack.append(flags)
            flags = new
        elif c == ")":
            flags = stack.pop() if stack else flags
            out.append(c)
            i += 1
        else:
            multiline = flags & _MULTILINE
            if c == "^" and multiline:
                out.append(LINE_START)
            elif c == "$" and multiline:
                out.append(LINE_END)
            elif c == "." and multiline and not flags & _DOTALL:
                out.append(NOT_BREAK)
            else:
                out.append(c)
            i += 1
    return "".join(out)


def _class_end(pattern: str, i: int) -> int:
    """Just after the character class opening at `i` (a `]` first, or after
    `^`, is a member; a backslash escapes the next character)."""
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    if pattern.startswith("]", j):
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _comment_end(pattern: str, i: int, close: str) -> int:
    """Just after the comment from `i` to `close` (as re reads it: a
    backslash takes the next character along)."""
    j = i + 1
    while j < len(pattern) and pattern[j] != close:
        j += 2 if pattern[j] == "\\" else 1
    return j + 1
