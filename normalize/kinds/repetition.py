"""repetition: a line or sentence that the article already said.

Scraped articles repeat themselves: an embedded post is shown and then
quoted again in the text, a caption appears twice (once with the agency
credit appended), a paragraph is pasted twice. Edited news does not repeat a
sentence of eight words or more word for word, so the later copy is flagged.

Rule-file syntax (besides the common keys):

    kind = "repetition"
    min_words = 8        # shorter lines and sentences are never compared
    similarity = 95      # rapidfuzz ratio (0-100) of the normalised texts
    max_extra_words = 4  # a copy that adds at most this many words around
                         # it ("... 20 May, 2025 AP Photo") is still a copy

How it matches: each non-blank line, then each sentence, is normalised
(case folded, punctuation dropped, blanks collapsed) and compared with the
earlier ones: equal, at least `similarity`, or an earlier one with a few
words added. A sentence inside a line already flagged is not flagged again;
shorter sentences next to a copy that repeat the ones next to the first copy
join its finding.

The message may use {line} (where the first copy is) and {excerpt} (the
copy's first words).

Fix safety: none; which copy to keep, and whether the repeat is a deliberate
quotation, is an editor's call.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from ..document import Document
from ..model import Finding
from .base import FieldSpec, Rule
from .existence import split_lines

# a sentence ends at . ! ? … (and closing quotes) before a blank: "0.5%" goes on
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’)]*(?=\s)|$)")
# the same sentences, without backtracking: runs of other characters, and runs of
# marks (and quotes) that no blank follows, then the first run that one does
_SENTENCE_FAST = re.compile(
    r"\S(?:[^.!?…]++|[.!?…]++[\"”’)]*+(?!\s))*+(?:[.!?…]++[\"”’)]*+(?=\s)|$)")
_NOT_WORD = re.compile(r"[\W_]+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_SPACES = bytes(b if chr(b).isalnum() else 32 for b in range(256))  # bytes.translate table
_ASCII = bytes(range(128))
_SHORTEST = 3  # words of a short sentence that a copy takes along


class _Unit(NamedTuple):
    start: int
    end: int
    key: str
    words: int


def normalised(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold()).strip()


class _Keys:
    """`normalised` of any stretch of one document. A document that casefolds
    letter for letter and whose only non-ASCII characters are not word
    characters is folded once, as bytes with every non-word character a
    blank; a stretch's key is then its words joined. Others go one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: bytes | None = None
        folded = text.casefold()
        if len(folded) == len(text) and (text.isascii() or not _NON_ASCII_WORD.search(
                # the characters outside ASCII alone: its UTF-8 bytes without the ASCII ones
                folded.encode("utf-8", "surrogatepass").translate(None, _ASCII)
                .decode("utf-8", "surrogatepass"))):
            self.folded = folded.encode("ascii", "replace").translate(_SPACES)

    def unit(self, start: int, end: int) -> _Unit:
        """A sentence: it begins and ends with a character that is not blank."""
        if self.folded is None:
            key = normalised(self.text[start:end])
            return _Unit(start, end, key, len(key.split()) if key else 0)
        words = self.folded[start:end].split()
        return _Unit(start, end, b" ".join(words).decode("ascii"), len(words))

    def sentences(self, start: int, end: int) -> list[_Unit]:
        """The sentences of the line text[start:end] (no blank at either end):
        `unit` of each, the folded line decoded once."""
        spans = [m.span() for m in _SENTENCE_FAST.finditer(self.text, start, end)]
        if self.folded is None:
            return [self.unit(a, b) for a, b in spans]
        line = self.folded[start:end].decode("ascii")
        new = tuple.__new__  # what _Unit(...) does, without the call overhead
        out = []
        for a, b in spans:
            words = line[a - start:b - start].split()
            out.append(new(_Unit, (a, b, " ".join(words), len(words))))
        return out


def _same(sentences: list[tuple[int, _Unit]], later: int, earlier: int, line: int) -> bool:
    """Sentence `later` is on `line`, not too short, and repeats sentence `earlier`."""
    number, unit = sentences[later]
    return number == line and unit.words >= _SHORTEST and unit.key == sentences[earlier][1].key


class RepetitionRule(Rule):
    KIND = "repetition"
    FIELDS = {
        "min_words": FieldSpec("int", default=8),
        "similarity": FieldSpec("float", default=95.0),
        "max_extra_words": FieldSpec("int", default=4),
    }

    def _copies(self, later: _Unit, earlier: _Unit) -> bool:
        a, b = earlier.key, later.key
        if a == b:
            return True
        extra = later.words - earlier.words
        if 0 < extra <= self.options["max_extra_words"] and f" {a} " in f" {b} ":
            return True
        shorter, longer = sorted((len(a), len(b)))
        if shorter * 100 < longer * self.options["similarity"] - 100:
            return False  # ratio cannot reach the threshold
        return fuzz.ratio(a, b) >= self.options["similarity"]

    def check(self, doc: Document) -> Iterator[Finding]:
        text, least = doc.text, self.options["min_words"]
        keys = _Keys(text)
        seen_lines = _Seen(self)
        sentences: list[tuple[int, _Unit]] = []  # (line number, sentence), in order
        for number, (at, body) in enumerate(split_lines(text)):
            start = at + len(body) - len(body.lstrip())
            end = at + len(body.rstrip())
            # the line's words are its sentences' words: blanks lie between them
            parts = keys.sentences(start, end)
            words = sum([u.words for u in parts])
            if words >= least:
                line = _Unit(start, end, " ".join([u.key for u in parts if u.key]), words)
                first = seen_lines.first(line)
                seen_lines.add(line, line)
                if first is not None:
                    yield self._finding(doc, line, first)
                    continue
            sentences.extend((number, u) for u in parts)
        yield from self._sentence_copies(doc, sentences)

    def _sentence_copies(self, doc: Document,
                         sentences: list[tuple[int, _Unit]]) -> Iterator[Finding]:
        """Long sentences seen before; a copy takes along the short sentences
        around it that also repeat the ones around the first copy ("NATO
        takes these incidents very seriously. We remain vigilant ...")."""
        least = self.options["min_words"]
        units = [u for _, u in sentences]
        seen = _Seen(self)
        taken = -1
        for i, (number, unit) in enumerate(sentences):
            if unit.words < least:
                continue
            j = seen.first(unit) if i > taken else None
            seen.add(unit, i)
            if j is None:
                continue
            back = 0
            while (j - back > 0 and i - back - 1 > max(j, taken)
                   and _same(sentences, i - back - 1, j - back - 1, number)):
                back += 1
            ahead = 0
            while (i + ahead + 1 < len(units) and j + ahead + 1 < i - back
                   and _same(sentences, i + ahead + 1, j + ahead + 1, number)):
                ahead += 1
            taken = i + ahead
            span = _Unit(units[i - back].start, units[i + ahead].end, "", 0)
            yield self._finding(doc, span, units[j - back])

    def _finding(self, doc: Document, unit: _Unit, first: _Unit) -> Finding:
        words = doc.text[unit.start:unit.end].split()
        excerpt = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        line, _ = doc.position(first.start)
        return self.finding(doc, unit.start, unit.end, excerpt=excerpt, line=str(line))


class _Seen:
    """Earlier units of enough words. The first one a unit copies
    (RepetitionRule._copies) is looked for only among those that can be: the
    same key, a few words fewer and inside it, or a length the ratio's bound
    allows and the ratio, cut off at the threshold (then exact), reaches it."""

    def __init__(self, rule: RepetitionRule) -> None:
        self.rule = rule
        self.units: list[tuple[int, int, str, _Unit, Any]] = []  # length, words, key ...
        self.similarity = rule.options["similarity"]
        self.extra = rule.options["max_extra_words"]

    def add(self, unit: _Unit, payload: Any) -> None:
        """`payload`: what `first` gives back for this unit."""
        self.units.append((len(unit.key), unit.words, unit.key, unit, payload))

    def first(self, unit: _Unit) -> Any:
        """What was added with the first earlier unit that `unit` copies, or None."""
        if not self.units:
            return None
        key, words, size, similarity = unit.key, unit.words, len(unit.key), self.similarity
        fewest = words - self.extra
        low = math.floor((size * similarity - 100) / 100) - 1
        high = math.ceil((size * 100 + 100) / similarity) + 1 if similarity > 0 else math.inf
        for length, count, other, earlier, payload in self.units:
            if (other == key or (fewest <= count < words and other in key)
                    or (low <= length <= high
                        and fuzz.ratio(other, key, score_cutoff=similarity) >= similarity)) \
                    and self.rule._copies(unit, earlier):
                return payload
        return None
