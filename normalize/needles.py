"""One pass per document that tells every rule whether its needles occur.

Rules hand their requirements (normalize.literals) to a `Gate` when they
load; the gate registers their bounded needles here. For a document, one
regular expression made of all registered needles, written as a trie (so
that each position is tested against a few characters, not every needle)
and anchored after a character other than a-z, runs once over the
lower-cased text; each rule then asks its gate, which costs a few set
look-ups. The result is kept for the last few documents, so all rules of
one document share it.

Building that expression costs as much as looking for every needle by itself
in several dozen documents, so the first `DIRECT` documents of a process are
searched needle by needle (`_Registry.search`: exactly the needles present),
and only a run of more documents builds the one pass: a pre-commit hook that
checks one file does not pay for a matcher made for an archive. Once built,
the expressions' compiled programs are kept on disk for the same needles
(normalize.programs): a later run loads them in a few milliseconds, and
searches no document needle by needle.

The pass tries its expression at each place where a needle may begin (a
cheaper search over the text finds those) and takes the longest needle
there; the shorter needles that begin there are that one's beginnings. So
it finds exactly the needles present: a needle that begins inside another
is found at its own place, not guessed from the other's tail (a guess that
opened rules on "their" wherever "of their" occurred).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from . import programs
from .loading import one_time_load
from .text import has_case_twins, lowered


class Needle(NamedTuple):
    """Text one match of a pattern holds (normalize.literals)."""

    text: str  # lower-cased; " " is a run of white space
    bounded: bool  # never preceded by a-z


Requirement = frozenset  # of Needle: one of them occurs in every match

_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")
DIRECT = 48  # documents searched needle by needle before the one pass is built
_SPACES = re.compile(r"\s+")
NAME = "needles"  # the cache entries of built passes
KEPT = 200  # needles from which a built pass is kept (a smaller one builds in milliseconds)


class _Registry:
    def __init__(self, direct: int = DIRECT) -> None:
        self.needles: set[str] = set()
        self.version = 0
        self.direct = direct  # documents still to be searched needle by needle
        self._listed: tuple[str, ...] = ()
        self._built = -1
        self._tried = -1  # the version whose kept programs were looked for
        self._pattern: re.Pattern[str] | None = None
        self._implied: dict[str, frozenset[str]] = {}
        self.words: re.Pattern[bytes] | None = None  # see `_words`
        self.leads: tuple[str, ...] = ()  # first characters of needles not led by a-z

    def add(self, texts: Iterable[str]) -> None:
        new = set(texts) - self.needles
        if new:
            self.needles |= new
            self.version += 1

    def search(self, key: str) -> set[str] | None:
        """The needles in `key` (a blank, then the lower-cased text), each looked
        for by itself, where no a-z comes before it; None once the documents
        searched so would have paid for building the one pass, or it is built."""
        if self._built == self.version or self.direct <= 0 or self._kept():
            return None
        self.direct -= 1
        if len(self._listed) != len(self.needles):
            self._listed = tuple(sorted(self.needles))
        key = _SPACES.sub(" ", key)  # a needle's blank is a run of white space
        out = set()
        for needle in self._listed:
            at = key.find(needle, 1)
            while at > 0:
                if key[at - 1] not in _AZ:
                    out.add(needle)
                    break
                at = key.find(needle, at + 1)
        return out

    @one_time_load
    def pattern(self) -> re.Pattern[str] | None:
        if self._built != self.version and not self._kept():
            trie = (programs.build(f"[^a-z]({_trie(sorted(self.needles))})")
                    if self.needles else None)
            words = _words(n for n in self.needles if n[0] in _AZ)
            self._use(trie and trie[0], words and words[0])
            if trie and words and len(self.needles) >= KEPT:
                programs.keep(NAME, self._key(), [trie[1], words[1]])
        return self._pattern

    def _use(self, pattern: re.Pattern[str] | None, words: re.Pattern[bytes] | None) -> None:
        """The pass for the current needles: built, or loaded."""
        self._implied = {}
        self._pattern, self.words = pattern, words
        self.leads = tuple(sorted({n[0] for n in self.needles if n[0] not in _AZ}))
        self._built = self.version  # built: a build stopped half-way is made again

    def _key(self) -> str:
        """What a built pass depends on: the needles, the code that builds it."""
        try:
            info = os.stat(__file__)
            code = f"{info.st_mtime_ns} {info.st_size}"
        except OSError:
            code = "?"
        digest = hashlib.sha256("\n".join(sorted(self.needles)).encode("utf-8")).hexdigest()
        return f"{code} {digest}"

    @one_time_load
    def _kept(self) -> bool:
        """Whether the pass built for these needles was kept on disk, and is now
        loaded (looked for once for each set of needles)."""
        if self._tried == self.version or len(self.needles) < KEPT:
            return False
        self._tried = self.version
        got = programs.read(NAME, self._key())
        if not got or len(got) != 2:
            return False
        self._use(*got)
        return True

    def implied(self, found: str) -> frozenset[str]:
        """The needles present where `found` (the longest at its place) was
        matched: itself and those it begins with."""
        got = self._implied.get(found)
        if got is None:
            got = self._implied[found] = frozenset(
                found[:n] for n in range(1, len(found) + 1) if found[:n] in self.needles)
        return got


REGISTRY = _Registry()


def _trie(words: list[str]) -> str:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _words(needles: Iterable[str]) -> tuple[re.Pattern[bytes], programs.Program | None] | None:
    """The pattern that finds where a needle led by a-z may begin, run over a
    copy of the text in which every character other than a-z is one blank
    (`_BLANKED`): a blank, then the needle's first word; its other words
    (each run of other characters is a run of blanks) are a look-ahead, so a
    match holds no blank but its first, and no place is hidden by another
    match. Where a needle ends, the search stops: a longer one is no more
    likely. Its literal first blank lets the search skip from blank to blank,
    not test each character."""
    root: dict = {}
    for needle in needles:
        node = root
        for ch in re.sub("[^a-z]+", " ", needle):
            if "" in node:
                break  # a shorter needle is already enough
            node = node.setdefault(ch, {})
        node.clear()
        node[""] = {}
    return programs.build((" " + _loose(root)).encode()) if root else None


def _loose(node: dict) -> str:
    if "" in node:
        return ""
    branches = []
    for ch, sub in sorted(node.items()):
        if ch != " ":
            branches.append(ch + _loose(sub))
        elif "" in sub:
            branches.append("(?![a-z])")  # the needle ends with other characters
        else:
            branches.append(f"(?= +{_loose(sub)})")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_BLANKED = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


def _emit(node: dict) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(sub)
                for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a needle ends here; longer ones are tried first
        return f"(?:{body})?"
    return body


class Found:
    """What the one pass found in one document: the bounded needles present
    (`open`: the document holds a letter that makes the test unsafe)."""

    def __init__(self, text: str, registry: _Registry) -> None:
        self.lowered = lowered(text)
        self.open = has_case_twins(text)
        self.needles: set[str] = set()
        self._loose: dict[str, bool] = {}
        self._positions: dict[tuple[str, ...], list[int]] = {}
        self.aligned = len(self.lowered) == len(text)  # lower() kept every offset
        if self.open or not registry.needles:
            return
        key = " " + self.lowered
        searched = registry.search(key)
        if searched is not None:
            self.needles = searched
            return
        pattern = registry.pattern()
        assert pattern is not None  # there are needles
        places = [m.start() for m in registry.words.finditer(
            key.encode("ascii", "replace").translate(_BLANKED))] if registry.words else []
        for lead in registry.leads:
            at = key.find(lead, 1)
            while at >= 0:
                places.append(at - 1)
                at = key.find(lead, at + 1)
        for match in {m.group(1) for at in places if (m := pattern.match(key, at))}:
            self.needles |= registry.implied(" ".join(match.split()))

    def positions(self, heads: tuple[str, ...]) -> list[int]:
        """Where one of `heads` begins, in order (offsets into the text when `aligned`)."""
        got = self._positions.get(heads)
        if got is None:
            low, out = self.lowered, set()
            for head in heads:
                at = low.find(head)
                while at >= 0:
                    out.add(at)
                    at = low.find(head, at + 1)
            got = self._positions[heads] = sorted(out)
        return got

    def contains(self, text: str) -> bool:
        """`text` occurs anywhere (an unbounded needle)."""
        got = self._loose.get(text)
        if got is None:
            got = self._loose[text] = text in self.lowered
        return got


_last: list = [None, -1, None]  # the last document's text, the registry's version, Found


def found(text: str) -> Found:
    """The pass over `text`, made once for all rules (the last few documents are kept)."""
    if text is _last[0] and _last[1] == REGISTRY.version:
        return _last[2]
    got = _found(text, REGISTRY.version)
    _last[:] = [text, REGISTRY.version, got]
    return got


@lru_cache(maxsize=8)
def _found(text: str, version: int) -> Found:
    return Found(text, REGISTRY)


class Gate:
    """Requirements that must all hold for a pattern to match a document.

    `shared`: the bounded needles join the one pass over each document
    (a rule's first test: its own words); otherwise each needle's longest
    piece without white space is looked for with `in` when asked (tests
    made only when the shared ones have passed: a condition's context words)."""

    def __init__(self, requirements: Iterable[Requirement], shared: bool = True,
                 registry: _Registry | None = None) -> None:
        self.requirements = tuple(requirements)
        self.shared = shared
        if shared:
            self.tests = [
                (frozenset(n.text for n in req if n.bounded),
                 tuple(sorted(n.text for n in req if not n.bounded)))
                for req in self.requirements
            ]
            (registry or REGISTRY).add(
                n.text for req in self.requirements for n in req if n.bounded)
        else:
            self.tests = [(frozenset(), tuple(sorted({max(n.text.split(" "), key=len)
                                                      for n in req})))
                          for req in self.requirements]

    @property
    def necessary(self) -> frozenset[str] | None:
        """Shared needles one of which `open` wants present (when the document
        is not `Found.open`); None if it has no such test."""
        for bounded, loose in self.tests:
            if bounded and not loose:
                return bounded
        return None

    def open(self, text: str, got: Found | None = None) -> bool:
        """False only when a match in `text` is impossible."""
        if not self.tests:
            return True
        got = got or found(text)
        if got.open:
            return True
        present = got.needles
        for bounded, loose in self.tests:
            if bounded.isdisjoint(present) and not any(got.contains(t) for t in loose):
                return False
        return True

    def open_in(self, text: str, start: int, end: int) -> bool:
        """`open` for a pattern run over `text[start:end]` alone (a condition's
        context): False only when no match can lie there. Each look-up costs
        the slice's length, not the text's. For a gate that is not `shared`."""
        assert not self.shared, "the shared needles are found in whole texts only"
        if not self.tests:
            return True
        got = found(text)
        if got.open or not got.aligned:
            return True  # no offsets to slice the lower-cased text at
        window = got.lowered[max(0, start):end]
        return all(any(t in window for t in loose) for _, loose in self.tests)


class Gates:
    """The gates of several patterns (a rule's entries): which are open, with a
    quick way out when none is: one look-up in the needles that open any first."""

    def __init__(self, gates: Iterable[Gate]) -> None:
        self.gates = list(gates)
        self.first: frozenset[str] | None = None
        if all(g.tests and not g.tests[0][1] for g in self.gates):
            self.first = frozenset().union(*(g.tests[0][0] for g in self.gates))

    def open(self, text: str) -> list[int]:
        """Indexes of the gates open for `text`."""
        if self.first is not None:
            got = found(text)
            if not got.open and self.first.isdisjoint(got.needles):
                return []
        return [n for n, gate in enumerate(self.gates) if gate.open(text)]


SPARSE = 4  # places to try above one in 2**SPARSE characters: one search of the text


def finditer(pattern: re.Pattern[str], text: str,
             heads: tuple[str, ...] | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` (same matches), trying a match only where one
    of `heads` (normalize.literals.starts) begins, unless those places are so
    many that one search of the text is quicker. A pattern that begins with a
    look-behind (a rule's left word boundary) is tried by a search at every
    offset of the text: a match tried at each of a hundred places costs less.
    The places are kept for the document (rules and entries share heads)."""
    got = found(text)
    if heads is None or got.open or not got.aligned:
        return pattern.finditer(text)
    places = got.positions(heads)
    if len(places) > len(text) >> SPARSE:
        return pattern.finditer(text)
    return _matches_at(pattern, text, places)


def _matches_at(pattern: re.Pattern[str], text: str, places: list[int]
                ) -> Iterator[re.Match[str]]:
    end = 0
    for at in places:
        if at >= end and (m := pattern.match(text, at)):
            end = m.end()
            yield m
