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

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..document import Document
from ..model import Finding
from .base import FieldSpec, Rule

_LINE = re.compile(r"[^\r\n]+")
# a sentence ends at . ! ? … (and closing quotes) before a blank: "0.5%" goes on
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’)]*(?=\s)|$)")
_NOT_WORD = re.compile(r"[\W_]+")
_SHORTEST = 3  # words of a short sentence that a copy takes along


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    key: str
    words: int


def normalised(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _unit(text: str, start: int, end: int) -> _Unit:
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip())
    key = normalised(body)
    return _Unit(start + lead, end - trail, key, len(key.split()) if key else 0)


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

    def _first_copy(self, unit: _Unit, earlier: list[_Unit]) -> _Unit | None:
        for other in earlier:
            if self._copies(unit, other):
                return other
        return None

    def check(self, doc: Document) -> Iterator[Finding]:
        text, least = doc.text, self.options["min_words"]
        seen_lines: list[_Unit] = []
        sentences: list[tuple[int, _Unit]] = []  # (line number, sentence), in order
        for number, m in enumerate(_LINE.finditer(text)):
            line = _unit(text, m.start(), m.end())
            if line.words >= least:
                first = self._first_copy(line, seen_lines)
                seen_lines.append(line)
                if first is not None:
                    yield self._finding(doc, line, first)
                    continue
            sentences.extend((number, _unit(text, s.start(), s.end()))
                             for s in _SENTENCE.finditer(text, line.start, line.end))
        yield from self._sentence_copies(doc, sentences)

    def _sentence_copies(self, doc: Document,
                         sentences: list[tuple[int, _Unit]]) -> Iterator[Finding]:
        """Long sentences seen before; a copy takes along the short sentences
        around it that also repeat the ones around the first copy ("NATO
        takes these incidents very seriously. We remain vigilant ...")."""
        least = self.options["min_words"]
        units = [u for _, u in sentences]
        taken = -1
        for i, (number, unit) in enumerate(sentences):
            if i <= taken or unit.words < least:
                continue
            j = next((k for k in range(i) if units[k].words >= least
                      and self._copies(unit, units[k])), None)
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
