"""Path globs for the config's include, exclude and per-path ignores.

Paths are '/'-separated and relative to the config file's folder. `**`
crosses folders, `*` and `?` do not; `[abc]`, `[a-z]` and `[!abc]` match one
character of a set (never '/'), as in fnmatch; a pattern without '/' matches a
file or folder name at any depth, as in .gitignore. A pattern that matches a
folder covers everything inside it (`glob_covers`): `"articles"`, `"articles/"`
and `"articles/**"` all name the files below articles/.

A leading `./` (or `/`) says "from the config's folder", as in a shell: it is
dropped, and the pattern is matched against the whole relative path, so
`"./articles"` is only the top-level articles/; `"."` is the config's folder
itself, so everything. A pattern that cannot be read (`[a`: a set not closed;
an empty one; a `..` or `.` part inside it, which no relative path holds) is
a GlobError, which the config reports.
"""

from __future__ import annotations

import re
from functools import lru_cache


class GlobError(ValueError):
    """A glob that cannot be read; str() says why."""


def glob_problem(pattern: str) -> str | None:
    """Why `pattern` is not a glob this module reads, or None."""
    try:
        _compiled(pattern)
    except GlobError as exc:
        return str(exc)
    return None


def _normal(pattern: str) -> tuple[str, bool]:
    """The pattern as it is matched, and whether against the whole path (it has
    a '/', or it began at the config's folder with './' or '/'), not the name."""
    if not pattern.strip():
        raise GlobError("an empty glob matches nothing (write \".\" for the config's "
                        "own folder)")
    rest = pattern
    anchored = False
    while rest.startswith(("./", "/")):
        rest = rest[1:].lstrip("/") if rest.startswith("/") else rest[2:].lstrip("/")
        anchored = True
    rest = rest.rstrip("/")
    if rest == ".":
        rest, anchored = "", True
    parts = rest.split("/")
    if rest and any(part in (".", "..") for part in parts):
        raise GlobError("a '.' or '..' part matches nothing: globs are relative to the "
                        "config's folder and match the paths below it")
    return rest, anchored or "/" in rest


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


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """The pattern as (kind, regex) pieces: kind "**" (crossing folders), "*",
    or "one" (a character: a literal, "?" or a set). Side by side, `**/` and
    `**` are one piece (`**/**/` matches what `**/` does): a run of them would
    try every way to share the folders of a deep path out among them."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            crossing = "(?:.*/)?" if pattern.startswith("**/", i) else ".*"
            i += 3 if crossing != ".*" else 2
            if out and out[-1][0] == "**":  # either matches what both do
                crossing = ".*" if ".*" in (crossing, out.pop()[1]) else crossing
            out.append(("**", crossing))
        elif pattern[i] == "*":
            out.append(("*", "[^/]*"))
            i += 1
        elif pattern[i] == "?":
            out.append(("one", "[^/]"))
            i += 1
        elif pattern[i] == "[":
            regex, i = _char_set(pattern, i)
            out.append(("one", regex))
        else:
            out.append(("one", re.escape(pattern[i])))
            i += 1
    return out


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """The regex of a glob. A piece between two `*` that matches no '/' is
    taken where it first occurs, in an atomic group, as fnmatch does: where
    the path matches, it matches so (moving that piece to its first place
    leaves the `*` after it only more of its component), and `*a*a*a*a*b`
    against a long name is one pass, not a try of every way to place the a's."""
    tokens = _tokens(pattern)
    out = []
    k = 0
    while k < len(tokens):
        kind, regex = tokens[k]
        k += 1
        if kind != "*":
            out.append(regex)
            continue
        end = k
        while end < len(tokens) and tokens[end][0] == "one" and not re.match(tokens[end][1], "/"):
            end += 1
        if end > k and end < len(tokens) and tokens[end][0] == "*":
            out.append("(?>[^/]*?" + "".join(r for _, r in tokens[k:end]) + ")")
            k = end
        else:
            out.append(regex)
    return re.compile("".join(out) + r"\Z")


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple[re.Pattern[str] | None, bool]:
    """The regex of `pattern` (None: the config's folder, which holds every path)
    and whether it is matched against the whole path."""
    rest, whole = _normal(pattern)
    return (_glob_regex(rest) if rest else None), whole


def glob_match(pattern: str, rel: str) -> bool:
    """Match a '/'-separated relative path against a glob (`**` crosses folders).

    A pattern without '/' matches the file or folder name at any depth, as in
    .gitignore: `"*.html"` excludes HTML files everywhere.
    """
    regex, whole = _compiled(pattern)
    if regex is None:
        return True
    return bool(regex.match(rel if whole else rel.rsplit("/", 1)[-1]))


def glob_covers(pattern: str, rel: str) -> bool:
    """Whether `pattern` matches the file `rel` or one of the folders it is in:
    a pattern that names a folder covers what is inside it."""
    if glob_match(pattern, rel):
        return True
    end = rel.rfind("/")
    while end > 0:
        rel = rel[:end]
        if glob_match(pattern, rel):
            return True
        end = rel.rfind("/")
    return False
