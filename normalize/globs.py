"""Path globs for the config's include, exclude and per-path ignores.

Paths are '/'-separated and relative to the config file's folder. `**`
crosses folders, `*` and `?` do not; a pattern without '/' matches a file or
folder name at any depth, as in .gitignore.
"""

from __future__ import annotations

import re
from functools import lru_cache


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
