"""repetition: a line or sentence that the article already said.

Scraped articles repeat themselves: an embedded post is shown and then
quoted again in the text, a caption appears twice (once with the agency
credit appended), a paragraph is pasted twice. Edited news does not repeat a
long sentence (`min_words` or more) word for word, so the later copy is flagged.

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

Bound on the work: a word-for-word copy is found in any document (by its
key), but near copies and copies with words added are looked for among
neighbours: in the units sorted by length (or by word count), each unit is
compared with at most the NEIGHBOURS units after it that could match. A news
article has a few dozen such neighbours at most (no window in the corpora
holds more than 60), so none is affected; a huge file of thousands of
sentences of alike length (a 2 MB line, a feed pasted into one file) is
checked in time linear in its length, not quadratic, and may miss a near copy
whose length lies more than NEIGHBOURS sentences away from its original's.

Fix safety: none; which copy to keep, and whether the repeat is a deliberate
quotation, is an editor's call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from typing import Any, NamedTuple

from rapidfuzz import fuzz

from ..document import Document
from ..model import Finding
from .base import FieldSpec, Rule

# a sentence ends at . ! ? … (and closing quotes) before a blank: "0.5%" goes on
# (within one line: the runs of characters other than CR and LF, blanks at either end
# left out)
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"”’)]*(?=\s)|$)")
# the same sentences, without backtracking: runs of other characters, and runs of
# marks (and quotes) that no blank follows, then the first run that one does
_SENTENCE_FAST = re.compile(
    r"\S(?:[^.!?…]++|[.!?…]++[\"”’)]*+(?!\s))*+(?:[.!?…]++[\"”’)]*+(?=\s)|$)")
# the same sentences of every line of a text at once, none past a line end nor taking
# a line's trailing blanks: runs of characters other than marks and line ends that end
# with one other than a blank, blanks before marks, and marks that no blank follows;
# then the first marks that one does, or the line's end ("$" of the line alone)
_SENTENCES = re.compile(
    r"\S(?:(?>[^.!?…\r\n]*[^.!?…\s])|[^\S\r\n]++(?=[.!?…])|[.!?…]++[\"”’)]*+(?!\s))*+"
    r"(?:[.!?…]++[\"”’)]*+(?=\s)|(?=[^\S\r\n]*+(?:[\r\n]|\Z)))")
_LINE_END = re.compile(r"[\r\n]")
_NOT_WORD = re.compile(r"[\W_]+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_ASCII_CHARACTER = re.compile(r"[\x00-\x7f]")
# bytes.translate table: a word character stays, a line end is LF, any other a blank
_SPACES = bytes(b if chr(b).isalnum() else 10 if chr(b) in "\r\n" else 32 for b in range(256))
_ASCII = bytes(range(128))
_BLANKS = re.compile(rb"  +")


def _class(byte: int) -> int:
    c = chr(byte)
    if c.isalnum():
        return ord(c.lower())
    if c in "\r\n":
        return 10
    if c.isspace():  # as \s: also \x1c-\x1f
        return 32
    return ord({".": ".", "!": ".", '"': ")", ")": ")", "?": "?"}.get(c, ","))


# bytes.translate table for `_long_keys`, of an ASCII text in which ! stands for ! and ?,
# . for . and …, and " for the closing quotes " ” ’: a word character in lower case,
# "." a sentence's mark, ")" a closing quote, LF a line end, a blank any other blank,
# "?" a character that was not ASCII, "," any other
_CLASSES = bytes(_class(b) if b < 128 else ord(",") for b in range(256))
# where a sentence ends (as in _SENTENCES): a run of marks and closing quotes that
# begins with a mark, before a blank (a line end ends one anyway); and before a
# character that was not ASCII: only if that is a blank
_ENDS = re.compile(rb"\.[.)]*+ ")
_ENDS_UNSURE = re.compile(rb"\.[.)]*+\?")
# then: a word character, LF and NUL (a sentence's end) stay, any other is a blank
_WORDS = bytes(b if chr(b).isalnum() or b in (0, 10) else 32 for b in range(256))
_SHORTEST = 3  # words of a short sentence that a copy takes along
NEIGHBOURS = 100  # units after each one, in length or word-count order, compared with it


def _beyond_ratio(shorter: int, longer: int, similarity: float) -> bool:
    """Whether two texts of these lengths have a ratio below `similarity` whatever
    they hold: rapidfuzz's ratio is 100 * (1 - distance / (shorter + longer)), and
    the distance (insertions and deletions) is at least their difference, so the
    ratio is at most 200 * shorter / (shorter + longer)."""
    return 200 * shorter < similarity * (shorter + longer)


class _Unit(NamedTuple):
    start: int
    end: int
    key: str
    words: int


def normalised(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def _fold(text: str, table: bytes) -> bytes | None:
    """`text` casefolded and put through `table` as ASCII, if it casefolds
    letter for letter and its only non-ASCII characters are not word
    characters (they all become "?", which `table` takes for any other
    character that is not a word character); else None."""
    folded = text.casefold()
    if len(folded) == len(text) and (text.isascii() or not _NON_ASCII_WORD.search(
            # the characters outside ASCII alone: its UTF-8 bytes without the ASCII ones
            folded.encode("utf-8", "surrogatepass").translate(None, _ASCII)
            .decode("utf-8", "surrogatepass"))):
        return folded.encode("ascii", "replace").translate(table)
    return None


def _marked(text: str) -> bytes | None:
    """`text` through `_CLASSES`, one byte a character, if `_fold` folds
    it (None if not): ? made !, … made . and ” ’ made ", and each character
    that is not ASCII "?" (but a blank after a mark and its quotes, which ends
    a sentence, a blank). Only the characters that are not ASCII are
    casefolded to check them: where each stays one such character, casefolding
    the whole text changes nothing else but its ASCII letters, which `_CLASSES`
    lowers; else (the Kelvin sign folds to "k") the whole text is casefolded."""
    text = text.replace("?", "!")
    if not text.isascii():
        text = text.replace("…", ".").replace("”", '"').replace("’", '"')
    if text.isascii():
        return text.encode("ascii").translate(_CLASSES)
    others = (text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
              .decode("utf-8", "surrogatepass"))
    folded = others.casefold()
    if len(folded) != len(others) or _NON_ASCII_WORD.search(folded):
        return None  # as `_fold`: its casefolded text is longer, or has such a word character
    if _ASCII_CHARACTER.search(folded):  # e.g. the Kelvin sign: `_fold` makes it "k"
        marked = text.casefold().encode("ascii", "replace").translate(_CLASSES)
    else:
        marked = text.encode("ascii", "replace").translate(_CLASSES)
    unsure = [m.end() - 1 for m in _ENDS_UNSURE.finditer(marked) if text[m.end() - 1].isspace()]
    if unsure:  # one character each way: where it is in `marked` is where it is in `text`
        changed = bytearray(marked)
        for at in unsure:
            changed[at] = 32
        return bytes(changed)
    return marked


def _long_keys(text: str, least: int) -> tuple[list[str], list[int], list[str], list[int]] | None:
    """The keys and word counts of the sentences of at least `least` words,
    then those of the lines, in order: what `check` compares, without where
    they are (a line's key is its sentences' keys joined). For a text that
    `_Keys` folds: each character as its class (`_marked`), each sentence's
    end a NUL and each line end a NUL and LF, every other character that is
    not a word character a blank, blanks collapsed; the text is then split at
    its NULs, and a key is a piece without the blanks at its ends. The words
    fall into the sentences `_SENTENCES` finds: it ends one at each run of
    marks and closing quotes that begins with a mark and comes before a blank,
    but not right after a sentence's first character (a sentence that begins
    with a lone mark goes on past it); no word comes before that one, so the
    words are grouped the same either way. None for other texts, and those
    with a NUL."""
    if "\x00" in text:
        return None
    marked = _marked(text)
    if marked is None:
        return None
    pieces = _BLANKS.sub(b" ", _ENDS.sub(b"\x00", marked).translate(_WORDS)
                         .replace(b"\n", b"\x00\n")).decode("ascii").split("\x00")
    keys = list(map(str.strip, pieces))
    sentence_keys: list[str] = []
    sentence_words: list[int] = []
    line_keys: list[str] = []
    line_words: list[int] = []
    line: list[str] = []  # the keys of the current line's sentences that have words
    words = 0  # the current line's
    for key, spaces, new_line in zip(keys, map(str.count, keys, repeat(" ")),
                                     map(str.startswith, pieces, repeat("\n"))):
        if new_line:
            if words >= least:
                line_keys.append(" ".join(line))
                line_words.append(words)
            line, words = [], 0
        if key:
            line.append(key)
            words += spaces + 1
            if spaces >= least - 1:
                sentence_keys.append(key)
                sentence_words.append(spaces + 1)
    if words >= least:
        line_keys.append(" ".join(line))
        line_words.append(words)
    return sentence_keys, sentence_words, line_keys, line_words


class _Keys:
    """`normalised` of any stretch of one document. A document that casefolds
    letter for letter and whose only non-ASCII characters are not word
    characters is folded once, to ASCII with every non-word character a
    blank (LF for a line end); a stretch's key is then its words joined.
    Others go one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = _fold(text, _SPACES)
        self.folded = None if folded is None else folded.decode("ascii")

    def unit(self, start: int, end: int) -> _Unit:
        """A sentence: it begins and ends with a character that is not blank."""
        if self.folded is None:
            key = normalised(self.text[start:end])
            return _Unit(start, end, key, len(key.split()) if key else 0)
        words = self.folded[start:end].split()
        return _Unit(start, end, " ".join(words), len(words))

    def sentences(self) -> tuple[list[int], list[_Unit]]:
        """Every sentence of every line, in order (`unit` of each), and a
        number for its line: the same number for the sentences of one line."""
        text, folded = self.text, self.folded
        numbers: list[int] = []
        units: list[_Unit] = []
        number = previous = 0
        if folded is None:
            for m in _SENTENCES.finditer(text):
                start = m.start()
                if _LINE_END.search(text, previous, start):
                    number += 1
                previous = m.end()
                numbers.append(number)
                units.append(self.unit(start, previous))
            return numbers, units
        new = tuple.__new__  # what _Unit(...) does, without the call overhead
        for m in _SENTENCES.finditer(text):
            start, end = m.span()
            if folded.find("\n", previous, start) >= 0:
                number += 1
            previous = end
            numbers.append(number)
            words = folded[start:end].split()
            units.append(new(_Unit, (start, end, " ".join(words), len(words))))
        return numbers, units


def _same(sentences: list[tuple[int, _Unit]], later: int, earlier: int, line: int) -> bool:
    """Sentence `later` is on `line`, not too short, and repeats sentence `earlier`."""
    number, unit = sentences[later]
    return number == line and unit.words >= _SHORTEST and unit.key == sentences[earlier][1].key


class RepetitionRule(Rule):
    KIND = "repetition"
    PLACEHOLDERS = ("line", "excerpt")
    PROPOSES = False
    FIELDS = {
        "min_words": FieldSpec("int", default=8),
        "similarity": FieldSpec("float", default=95.0),
        "max_extra_words": FieldSpec("int", default=4),
    }

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        if self.options["min_words"] < 1:  # a line is then one of some words
            raise self.error("min_words", "min_words must be at least 1")

    def _copies(self, later: _Unit, earlier: _Unit) -> bool:
        a, b = earlier.key, later.key
        if a == b:
            return True
        extra = later.words - earlier.words
        if 0 < extra <= self.options["max_extra_words"] and f" {a} " in f" {b} ":
            return True
        shorter, longer = sorted((len(a), len(b)))
        if _beyond_ratio(shorter, longer, self.options["similarity"]):
            return False  # ratio cannot reach the threshold
        return fuzz.ratio(a, b) >= self.options["similarity"]

    def check(self, doc: Document) -> Iterator[Finding]:
        """`_findings`, but first the comparisons alone: where no long
        sentence copies an earlier one and no long line does (`_long_keys`),
        there is nothing to find, and where each is is never worked out."""
        keys = _long_keys(doc.text, self.options["min_words"])
        if keys is None or self._firsts(keys[0], keys[1]) or self._firsts(keys[2], keys[3]):
            yield from self._findings(doc)

    def _findings(self, doc: Document) -> Iterator[Finding]:
        least = self.options["min_words"]
        numbers, units = _Keys(doc.text).sentences()
        # the lines of enough words: a line's words are its sentences' words, and
        # it runs from its first sentence's start to its last one's end
        lines: list[tuple[int, _Unit]] = []  # (number, line)
        first = 0
        for last in range(len(units)):
            if last + 1 < len(units) and numbers[last + 1] == numbers[last]:
                continue
            parts = units[first:last + 1]
            words = sum([u.words for u in parts])
            if words >= least:
                key = " ".join([u.key for u in parts if u.key])
                lines.append((numbers[last], _Unit(parts[0].start, parts[-1].end, key, words)))
            first = last + 1
        copied = set()
        for i, j in sorted(self._firsts([u.key for _, u in lines],
                                        [u.words for _, u in lines]).items()):
            copied.add(lines[i][0])
            yield self._finding(doc, lines[i][1], lines[j][1])
        if copied:  # the sentences of a line flagged whole are not compared
            kept = [k for k, number in enumerate(numbers) if number not in copied]
            numbers, units = [numbers[k] for k in kept], [units[k] for k in kept]
        yield from self._sentence_copies(doc, numbers, units)

    def _sentence_copies(self, doc: Document, numbers: list[int],
                         units: list[_Unit]) -> Iterator[Finding]:
        """Long sentences seen before; a copy takes along the short sentences
        around it that also repeat the ones around the first copy ("NATO
        takes these incidents very seriously. We remain vigilant ...")."""
        least = self.options["min_words"]
        long = [i for i, u in enumerate(units) if u.words >= least]
        firsts = self._firsts([units[i].key for i in long], [units[i].words for i in long])
        if not firsts:
            return
        sentences = list(zip(numbers, units))
        taken = -1
        for k, first in sorted(firsts.items()):
            i, j = long[k], long[first]
            if i <= taken:
                continue
            number = numbers[i]
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

    def _firsts(self, keys: list[str], words: list[int]) -> dict[int, int]:
        """{index: index of the first earlier unit it copies} (`_copies`), for
        the units (their keys and word counts) that copy one. Whether one unit
        copies another depends on their keys alone (a key's word count is its
        words'), so the near copies are looked for among the first unit of
        each key; a later unit with that key copies the first one with it, or
        what that one copies if earlier. Each way to copy is looked for only
        among the pairs that can: the same key; a key inside one of a few words
        more (in word-count order, the neighbours up to `max_extra_words`
        more); the ratio, between lengths its bound in `_copies` allows (in
        length order, the neighbours up to that bound). Of those neighbours,
        only the first NEIGHBOURS after a unit are compared with it (see the
        module's docstring). The first earlier unit is the least of those the
        three ways find."""
        found: dict[int, int] = {}
        count = len(keys)
        if count < 2:
            return found
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        units = range(count) if len(first) == count else list(first.values())
        extra = self.options["max_extra_words"]
        if extra > 0:
            order = sorted(units, key=words.__getitem__)
            for p, a in enumerate(order):
                fewer, key = words[a], keys[a]
                most = fewer + extra
                for b in order[p + 1:p + 1 + NEIGHBOURS]:
                    more = words[b]
                    if more > most:
                        break
                    # the earlier key, with fewer words, inside the later one
                    if (more > fewer and a < b and key in keys[b] and found.get(b, b) > a
                            and f" {key} " in f" {keys[b]} "):
                        found[b] = a
        similarity = self.options["similarity"]
        sizes = list(map(len, keys))
        order = sorted(units, key=sizes.__getitem__)
        ratio = fuzz.ratio  # the same either way round
        for p, a in enumerate(order):
            shorter, key = sizes[a], keys[a]
            for b in order[p + 1:p + 1 + NEIGHBOURS]:
                if _beyond_ratio(shorter, sizes[b], similarity):
                    break  # nor any longer one: _copies' bound on the ratio fails
                if ratio(key, keys[b], score_cutoff=similarity) >= similarity:
                    earlier, later = (a, b) if a < b else (b, a)
                    if found.get(later, later) > earlier:
                        found[later] = earlier
        if len(first) < count:  # the later units of each key
            for i, key in enumerate(keys):
                j = first[key]
                if j < i:
                    found[i] = found.get(j, j)
        return found

    def _finding(self, doc: Document, unit: _Unit, first: _Unit) -> Finding:
        words = doc.text[unit.start:unit.end].split()
        excerpt = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        line, _ = doc.position(first.start)
        return self.finding(doc, unit.start, unit.end, excerpt=excerpt, line=str(line))
