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
from collections.abc import Callable
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


# crossings apart that one regex matches: n^k steps for k of them (for a path of n
# characters; quadratic is quick for the paths a filesystem holds, and the regex is
# quicker than `_Parts` on the usual "**/drafts/**")
MOST_CROSSINGS = 2


class _Parts:
    """A glob whose every `**` is a part of its own, with more than
    MOST_CROSSINGS apart (`a/**/b/**/c/**/d`), matched part by part. As one
    regex each `**/` tried every way to share out the path's folders among
    them (six against a path sixty folders deep: 14 s, and the walk has no
    time limit).

    Between the crossings lie groups of parts, each of them matching exactly
    one of the path's parts (none of its pieces matches a '/'). The first group
    is matched at the start of the path, the last at its end (a trailing `**`
    takes one part at least: `a/**` is `a/` and more), and each other group where
    it first fits after the one before: a crossing takes any number of whole
    parts, so a group that ends earlier leaves the rest only more room. So each
    group is tried at most once at each part: linear in the path's depth."""

    def __init__(self, groups: list[list[re.Pattern[str]]]) -> None:
        self.first, *self.middle, self.last = groups

    @classmethod
    def of(cls, rest: str) -> _Parts | None:
        """The matcher of `rest` (a normalised glob), or None if its regex is
        quick enough, or it is not such a glob."""
        groups: list[list[re.Pattern[str]]] = [[]]
        for part in rest.split("/"):
            if part == "**":
                if groups[-1] or len(groups) == 1:  # side by side, two are one
                    groups.append([])
                continue
            try:
                tokens = _tokens(part)
            except GlobError:  # a set cut in two by the split: it holds a '/'
                return None
            if any(kind == "**" or re.match(regex, "/") for kind, regex in tokens):
                return None  # a '**' inside a part, or a set that takes a '/' ("[+-0]")
            groups[-1].append(_glob_regex(part))
        return cls(groups) if len(groups) > MOST_CROSSINGS + 1 else None

    def __call__(self, rel: str) -> bool:
        parts = rel.split("/")
        first, last = self.first, self.last
        # where the last group begins; a trailing `**` takes one part at least
        end = len(parts) - (len(last) if last else 1)
        if end < len(first) or not _fits(first, parts, 0) or not _fits(last, parts, end):
            return False
        at = len(first)
        for group in self.middle:
            while True:
                if at + len(group) > end:
                    return False
                if _fits(group, parts, at):
                    break
                at += 1
            at += len(group)
        return True


def _fits(group: list[re.Pattern[str]], parts: list[str], at: int) -> bool:
    """Whether the group's parts match the path's from `at` (which has room)."""
    for k, regex in enumerate(group):
        if not regex.match(parts[at + k]):
            return False
    return True


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> tuple[Callable[[str], object] | None, bool]:
    """What matches `pattern` (None: the config's folder, which holds every path)
    and whether it is matched against the whole path."""
    rest, whole = _normal(pattern)
    if not rest:
        return None, whole
    return (_Parts.of(rest) or _glob_regex(rest).match), whole


def glob_match(pattern: str, rel: str) -> bool:
    """Match a '/'-separated relative path against a glob (`**` crosses folders).

    A pattern without '/' matches the file or folder name at any depth, as in
    .gitignore: `"*.html"` excludes HTML files everywhere.
    """
    match, whole = _compiled(pattern)
    if match is None:
        return True
    return bool(match(rel if whole else rel.rsplit("/", 1)[-1]))


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
