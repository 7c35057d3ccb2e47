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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .document import Document
from .langid import _zipf
from .text import Token, tokens

COMMON_ENGLISH = 3.0  # zipf from which a word is ordinary English (same as the names kind)
MAX_WORDS = 4


@dataclass(frozen=True)
class Mention:
    """One mention: its file, span, the words and where each word starts."""

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


def is_common(word: str) -> bool:
    """An ordinary English word ('Defence', 'Minister', 'Wooden'): not a name."""
    return _zipf(word.lower(), "en") >= COMMON_ENGLISH


def _namelike(word: Token) -> bool:
    text = word.text
    if not text[0].isupper() or (text.isupper() and len(text) > 1) or len(text) < 2:
        return False
    return not is_common(text)


def _joined(text: str, a: Token, b: Token) -> bool:
    """Words separated only by blanks (at most one line break)."""
    gap = text[a.end : b.start]
    return bool(gap) and not gap.strip() and gap.count("\n") <= 1 and "\r\n\r\n" not in gap


def collect_mentions(doc: Document) -> list[Mention]:
    """The name mentions of one document, in text order."""
    out: list[Mention] = []
    run: list[Token] = []
    for word in tokens(doc.text):
        ok = _namelike(word) and not doc.is_protected(word.start, word.end)
        if ok and run and _joined(doc.text, run[-1], word):
            run.append(word)
            continue
        _flush(doc, run, out)
        run = [word] if ok else []
    _flush(doc, run, out)
    return out


def _flush(doc: Document, run: list[Token], out: list[Mention]) -> None:
    if not run or len(run) > MAX_WORDS:
        return
    start, end = run[0].start, run[-1].end
    out.append(Mention(doc.path, start, end, doc.text[start:end],
                       tuple(t.text for t in run), tuple(t.start for t in run)))
