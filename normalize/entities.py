"""Mentions of names in one document, and their merge over a folder.

A mention is a run of capitalised words that are not ordinary English words
(wordfreq), on one line or across one line break: "Dovilė Šakalienė",
"Budrys", "Šiauliai". Title words and sentence-initial common words fall
away by the same test ("Defence Minister Dovilė Šakalienė" gives
"Dovilė Šakalienė"; "Wooden kamikaze drones" gives nothing). All-capitals
words (acronyms, headlines), protected text (URLs, @handles) and runs of
more than four words are left out. A possessive ends the run by itself:
"Budrys’s" tokenises as "Budrys" then "s".

`collect_mentions(doc)` is pure and per document, so documents can be read
in parallel; `MentionTable.merge` joins the per-document tables in a stable
order; `normalize.consistency` decides on the merged table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from .capitals import capitalised_texts, occurrences
from .document import Document
from .langid import _zipf
from .text import Token

COMMON_ENGLISH = 3.0  # zipf from which a word is ordinary English (same as the names kind)
MAX_WORDS = 4
_START = attrgetter("start")


class Mention(NamedTuple):
    """One mention: its file, span, the words and where each word starts. A named
    tuple: a folder has hundreds of thousands of them, and tuples are quick to make."""

    path: str
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    offsets: tuple[int, ...]  # start of each word, as offsets into the document


@dataclass
class MentionTable:
    """Mentions of a folder, in document order (documents in walk order)."""

    mentions: list[Mention] = field(default_factory=list)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.mentions)

    @classmethod
    def merge(cls, tables: Iterable[MentionTable | Iterable[Mention]]) -> MentionTable:
        out = cls()
        for table in tables:
            out.mentions.extend(table.mentions if isinstance(table, MentionTable) else table)
        return out


_ASCII_WORD = re.compile(r"[a-z]+")
# Raw frequencies safely below and above the threshold: wordfreq rounds a frequency to
# three digits and a zipf value to two decimals, far less than these 10% margins.
_SURELY_RARE = 0.9 * 10 ** (COMMON_ENGLISH - 9)
_SURELY_COMMON = 1.1 * 10 ** (COMMON_ENGLISH - 9)


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """An ordinary English word ('Defence', 'Minister', 'Wooden'): not a name."""
    low = word.lower()
    if _ASCII_WORD.fullmatch(low):
        # one token for wordfreq, so its frequency is the word list's entry (0 if none):
        # look it up directly, and ask wordfreq only near the threshold
        freq = _english_frequencies().get(low, 0.0)
        if freq < _SURELY_RARE:
            return False
        if freq >= _SURELY_COMMON:
            return True
    return _zipf(low, "en") >= COMMON_ENGLISH


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # loads lazily, as langid does

    return get_frequency_dict("en")


def _namelike(text: str) -> bool:
    """A capitalised word that may be (part of) a name."""
    if not text[0].isupper() or (text.isupper() and len(text) > 1) or len(text) < 2:
        return False
    return not is_common(text)


# word -> _namelike(word): a plain dict, dropped whole when full (an lru_cache's
# bookkeeping costs more than the look-up it saves)
_NAMELIKE: dict[str, bool] = {}
_NAMELIKE_SIZE = 1 << 17


def _names_among(words: Iterable[str]) -> list[str]:
    """The namelike ones of `words`."""
    known = _NAMELIKE
    out = []
    for word in words:
        ok = known.get(word)
        if ok is None:
            if len(known) >= _NAMELIKE_SIZE:
                known.clear()
            ok = known[word] = _namelike(word)
        if ok:
            out.append(word)
    return out


def _joined(text: str, a: Token, b: Token) -> bool:
    """Words separated only by blanks (at most one line break)."""
    gap = text[a.end : b.start]
    return bool(gap) and not gap.strip() and gap.count("\n") <= 1 and "\r\n\r\n" not in gap


def collect_mentions(doc: Document) -> list[Mention]:
    """The name mentions of one document, in text order."""
    out: list[Mention] = []
    run: list[Token] = []
    text = doc.text
    # Only a capitalised word can be namelike: look up each distinct one once, then find
    # where the namelike ones are. Two namelike words are joined only with blanks
    # between them, so the runs come out as a walk over every word gives them: any
    # other word between two of them (lower-case or not) leaves letters in the gap.
    names = _names_among(capitalised_texts(text))
    if not names:
        return out
    found = [w for name in names for w in occurrences(text, name)]
    for word in sorted(found, key=_START):
        if doc.is_protected(word.start, word.end):
            continue
        if run and _joined(text, run[-1], word):
            run.append(word)
            continue
        if run:
            _flush(doc, run, out)
        run = [word]
    if run:
        _flush(doc, run, out)
    return out


def _flush(doc: Document, run: list[Token], out: list[Mention]) -> None:
    if len(run) > MAX_WORDS:
        return
    start, end = run[0].start, run[-1].end
    out.append(Mention(doc.path, start, end, doc.text[start:end],
                       tuple(t.text for t in run), tuple(t.start for t in run)))
