"""Path globs for the config's include, exclude and per-path ignores.

Paths are '/'-separated and relative to the config file's folder. `**`
crosses folders, `*` and `?` do not; `[abc]`, `[a-z]` and `[!abc]` match one
character of a set (never '/'), as in fnmatch; a pattern without '/' matches a
file or folder name at any depth, as in .gitignore. A pattern that cannot be
read (`[a`: a set not closed) is a GlobError, which the config reports.
"""

from __future__ import annotations

import re
from functools import lru_cache


class GlobError(ValueError):
    """A glob that cannot be read; str() says why."""


def glob_problem(pattern: str) -> str | None:
    """Why `pattern` is not a glob this module reads, or None."""
    try:
        _glob_regex(pattern.strip("/") if pattern != "/" else pattern)
    except GlobError as exc:
        return str(exc)
    return None


def _char_set(pattern: str, i: int) -> tuple[str, int]:
    """The regex of the set `[...]` that starts at `pattern[i]`, and where it ends."""
    j = i + 1
    if pattern.startswith("!", j):
        j += 1
    if pattern.startswith("]", j):  # a ']' first is one of the set
        j += 1
    end = pattern.find("]", j)
    if end == -1:
        raise GlobError(f"the '[' at character {i + 1} opens a set of characters that no ']' "
                        "closes (write [[] for the character itself)")
    inside = pattern[i + 1 : end]
    negated = inside.startswith("!")
    inside = re.sub(r"([\\\[\]^&~|])", r"\\\1", inside[1:] if negated else inside)
    regex = f"[^/{inside}]" if negated else f"[{inside}]"
    try:
        re.compile(regex)
    except re.error as exc:  # [z-a]
        raise GlobError(f"the set {pattern[i : end + 1]} cannot be read ({exc})") from None
    return regex, end + 1


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            regex, i = _char_set(pattern, i)
            out.append(regex)
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, rel: str) -> bool:
    """Match a '/'-separated relative path against a glob (`**` crosses folders).

    A pattern without '/' matches the file or folder name at any depth, as in
    .gitignore: `"*.html"` excludes HTML files everywhere.
    """
    pattern = pattern.strip("/") if pattern != "/" else pattern
    if "/" not in pattern:
        return bool(_glob_regex(pattern).match(rel.rsplit("/", 1)[-1]))
    return bool(_glob_regex(pattern).match(rel))
