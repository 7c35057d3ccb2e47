"""Cheap, sound pre-filters for rule kinds whose patterns are costly to scan.

A kind's pattern usually needs a trigger word ("town", "drones", "of
Moscow"): a document without one cannot match, and the one `str.find` or
regex search that says so is far cheaper than running the pattern over
the whole text. When a trigger is there, the pattern runs only over the
regions around it, with the same matches as a whole-text scan:

- a match never holds a character outside the pattern's `allowed` set
  (the characters its consuming parts can take), so every match lies
  between two characters outside that set ("barriers");
- a whole-text scan enters such a region with no match under way, so
  scanning the region from its start finds the same matches there;
- lookbehinds see the real text (`pattern.finditer(text, pos)`), and the
  scan ends a few characters past the region's closing barrier, so
  lookaheads read the same characters;
- every match that can become a finding holds a trigger, so regions
  without one are skipped.

Case-insensitive triggers are found in `text.lower()`. That is sound only
when no character outside ASCII matches an ASCII letter under
`re.IGNORECASE` ("ſ" matches "s", "K" (Kelvin) matches "k"), so
`lowered` gives None for text holding one of those and callers scan
everything then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..text import same_length_lower

# characters read by a lookahead past a region's end, at most
REACH = 8


def lowered(text: str) -> str | None:
    """`text.lower()` with the same offsets, or None when case-insensitive
    matching cannot be decided on it (odd characters, or lower-casing that
    changes lengths)."""
    return same_length_lower(text)


def minimal(words: Iterable[str]) -> list[str]:
    """The words none of whose other words is a part ("drone" covers "drones"):
    every occurrence of a word holds an occurrence of one of these."""
    unique = sorted(set(words), key=lambda w: (len(w), w))
    out: list[str] = []
    for word in unique:
        if not any(w in word for w in out):
            out.append(word)
    return out


class Regions:
    """Regions of a text bounded by characters outside `allowed` (a regex
    character-class body such as r"\\w\\s'’,-")."""

    def __init__(self, allowed: str) -> None:
        self.allowed = re.compile(f"[{allowed}]*")
        self._last_barrier = re.compile(f"(?s:.*)[^{allowed}]")
        self._next_barrier = re.compile(f"[^{allowed}]")

    def admits(self, word: str) -> bool:
        """Whether every character of `word` is allowed (a trigger must be)."""
        return self.allowed.fullmatch(word) is not None

    def around(self, text: str, positions: Iterable[int]) -> list[tuple[int, int]]:
        """Merged [start, end) regions holding the positions; text[end] is a
        barrier (or end == len(text)), and so is text[start - 1]."""
        out: list[tuple[int, int]] = []
        for at in positions:
            if out and out[-1][0] <= at < out[-1][1]:
                continue
            back = self._last_barrier.match(text, 0, at)
            start = back.end() if back else 0
            ahead = self._next_barrier.search(text, at)
            end = ahead.start() if ahead else len(text)
            if out and start < out[-1][1]:
                start = out.pop()[0]
            out.append((start, end))
        return out

    def finditer(self, pattern: re.Pattern[str], text: str,
                 positions: Iterable[int]) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text)` that lie in the regions
        around `positions`, in order. `pattern` must consume only allowed
        characters and look at most REACH characters past a match."""
        for start, end in self.around(text, sorted(positions)):
            for m in pattern.finditer(text, start, min(len(text), end + REACH)):
                if m.start() >= end:
                    break
                yield m
