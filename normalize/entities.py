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
in parallel; `MentionTable.add` counts each document's mentions into one
table (`merge` does it for a list of them), in walk order;
`normalize.consistency` decides on the table. A table with a limit keeps a
few mentions of each spelling and counts the rest, so that they do not grow
with the number of files; of every file it keeps one number per spelling in
the file (an index into its `files`, 4 bytes), which is all the summary of a
spelling needs. The stage reads once more only the files of the spellings it
reports that have more mentions than kept (`decide(..., again=...)`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter
from typing import NamedTuple

from .capitals import scan, starts_word
from .document import Document
from .langid import zipf
from .model import Span
from .text import Token

COMMON_ENGLISH = 3.0  # zipf from which a word is ordinary English (same as the names kind)
MAX_WORDS = 4
KEEP = 8  # mentions (and sorted paths) of a spelling a bounded table keeps (MentionTable(KEEP))
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


def packed(mentions: list[Mention]) -> tuple:
    """One document's mentions as plain tuples, its path once: what a worker hands
    back to the parent, which unpickles plain tuples in half the time (`unpacked`)."""
    return (mentions[0].path, tuple([m[1:] for m in mentions])) if mentions else ()


def unpacked(data: tuple) -> list[Mention]:
    """The mentions `packed` gave."""
    if not data:
        return []
    path, rows = data
    new = tuple.__new__  # what Mention(...) does, without the call overhead
    return [new(Mention, (path, *row)) for row in rows]


@dataclass(eq=False)
class Form:
    """One spelling of a name over a folder: how often, in which files, and where.

    A table without a limit keeps every mention and every path. A bounded table
    keeps the first `limit` mentions (walk order) and the first `limit` paths
    (sorted) of each spelling and counts the rest, so that these follow the
    number of distinct spellings, not of files: `complete` says whether nothing
    was left out. Either keeps every file the spelling appears in, as indexes
    into the table's `files` in walk order (`at`): 4 bytes a file."""

    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    count: int = 0
    paths: list[str] = field(default_factory=list)  # sorted
    at: array = field(default_factory=lambda: array("I"))  # indexes into MentionTable.files

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def files(self) -> list[str]:
        return self.paths

    @property
    def n_files(self) -> int:
        return len(self.at)

    @property
    def complete(self) -> bool:
        return self.count == len(self.mentions) and len(self.at) == len(self.paths)


@dataclass
class MentionTable:
    """The spellings of names over a folder (documents in walk order), one Form each."""

    limit: int | None = None  # mentions and paths kept per spelling (None: all)
    forms: dict[tuple[str, ...], Form] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # the documents with mentions, in order

    def __iter__(self) -> Iterator[Mention]:
        """The mentions kept (all of them without a limit), spelling by spelling."""
        return (m for form in self.forms.values() for m in form.mentions)

    def add(self, mentions: Iterable[Mention]) -> None:
        """Count the mentions of one document (each document is added once)."""
        forms, limit = self.forms, self.limit
        seen: set[tuple[str, ...]] = set()
        index = len(self.files)
        for m in mentions:
            form = forms.get(m.words)
            if form is None:
                form = forms[m.words] = Form(m.words)
            form.count += 1
            if limit is None or len(form.mentions) < limit:
                form.mentions.append(m)
            if m.words not in seen:  # a new file for this spelling
                seen.add(m.words)
                form.at.append(index)
                paths = form.paths
                if limit is None or len(paths) < limit or m.path < paths[-1]:
                    insort(paths, m.path)
                    if limit is not None and len(paths) > limit:
                        paths.pop()
        if seen:
            self.files.append(m.path)  # (each mention's, one document's)

    def all_files(self, form: Form) -> list[str]:
        """Every file `form` appears in, sorted (what its `paths` hold when complete)."""
        files = self.files
        return sorted([files[i] for i in form.at])

    def files_of(self, spellings: Iterable[tuple[str, ...]]) -> set[str]:
        """The files one of `spellings` appears in: all a second reading needs."""
        files = self.files
        return {files[i] for words in spellings for i in self.forms[words].at}

    @classmethod
    def of(cls, mentions: Iterable[Mention], limit: int | None = None) -> MentionTable:
        """A table of the mentions of any number of documents."""
        return cls.merge(_by_path(mentions), limit)

    @classmethod
    def merge(cls, tables: Iterable[MentionTable | Iterable[Mention]],
              limit: int | None = None) -> MentionTable:
        """One table of per-document mention lists (or of tables without a limit)."""
        out = cls(limit)
        for table in tables:
            for found in _by_path(table) if isinstance(table, MentionTable) else [table]:
                out.add(found)
        return out


def _by_path(mentions: Iterable[Mention]) -> list[list[Mention]]:
    by_path: dict[str, list[Mention]] = {}
    for m in mentions:
        by_path.setdefault(m.path, []).append(m)
    return list(by_path.values())


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    """An ordinary English word ('Defence', 'Minister', 'Wooden'): not a name.
    (normalize.wordstore answers most words without loading wordfreq.)"""
    return zipf(word.lower(), "en") >= COMMON_ENGLISH


def _namelike(text: str) -> bool:
    """A capitalised word that may be (part of) a name."""
    if not text[0].isupper() or (text.isupper() and len(text) > 1) or len(text) < 2:
        return False
    return not is_common(text)


# word -> _namelike(word): a plain dict, dropped whole when full (an lru_cache's
# bookkeeping costs more than the look-up it saves)
_NAMELIKE: dict[str, bool] = {}
_NAMELIKE_SIZE = 1 << 17


def _names_among(words: Collection[str]) -> list[str]:
    """The namelike ones of `words`, in their order."""
    known = _NAMELIKE
    flags = list(map(known.get, words))  # most words of a document were seen before
    if None not in flags:
        return list(compress(words, flags))
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
    return _blank_gap(text[a.end : b.start])


def _blank_gap(gap: str) -> bool:
    """Only blanks, at least one, at most one line break."""
    return bool(gap) and not gap.strip() and gap.count("\n") <= 1 and "\r\n\r\n" not in gap


def collect_mentions(doc: Document) -> list[Mention]:
    """The name mentions of one document, in text order."""
    text = doc.text
    # Only a capitalised word can be namelike. The capital pattern's matches (found
    # once per document, shared with the names kind) are every capitalised word, in
    # order, and a few word ends ('Bay' of 'eBay', passed over by starts_word).
    # Two namelike words are joined only with blanks between them, so the runs
    # come out as a walk over every word gives them: any other word between two
    # of them (lower-case or not) leaves letters in the gap.
    words, starts, distinct = scan(text)
    names = _names_among(distinct)
    if not names:
        return []
    out: list[Mention] = []
    path = doc.path
    covered = _protection(doc.protected) if doc.protected else None
    new = tuple.__new__  # what Mention(...) does, without the call overhead
    run: list[str] = []
    offsets: list[int] = []
    end = 0
    for word, p in compress(zip(words, starts), map(set(names).__contains__, words)):
        if p and not text[p - 1].isspace() and not starts_word(text, p):
            continue  # the end of a word ('Bay' of 'eBay')
        if covered is not None and covered(p, p + len(word)):
            continue
        if run:
            gap = text[end:p]
            if gap == " " or _blank_gap(gap):
                run.append(word)
                offsets.append(p)
                end = p + len(word)
                continue
            if len(run) <= MAX_WORDS:
                first = offsets[0]
                out.append(new(Mention, (path, first, end, text[first:end], tuple(run),
                                         tuple(offsets))))
        run = [word]
        offsets = [p]
        end = p + len(word)
    if run and len(run) <= MAX_WORDS:
        first = offsets[0]
        out.append(new(Mention, (path, first, end, text[first:end], tuple(run), tuple(offsets))))
    return out


def _protection(spans: Iterable[Span]) -> Callable[[int, int], bool]:
    """`Document.is_protected` for many look-ups: whether [start, end) overlaps one
    of `spans`, by a binary search over the spans sorted by start (any order,
    overlaps and empty spans allowed) and the greatest end among those before."""
    ordered = sorted(spans, key=_START)
    firsts = [s.start for s in ordered]
    reach = list(accumulate((s.end for s in ordered), max))

    def covered(start: int, end: int) -> bool:
        # the spans that start before `end`: does one of them end after `start`?
        n = bisect_left(firsts, end)
        return n > 0 and reach[n - 1] > start

    return covered
