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
in parallel. It keeps a document's mentions by spelling, most as their start
alone (`Mentions`): that is what a worker hands over (`packed`), and
`MentionTable.add` counts each document's mentions into one table spelling by
spelling (`merge` does it for a list of them), in walk order, making Mention
objects only for the few mentions a spelling reported needs;
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple, overload

from .capitals import capitalised_texts, starts_of
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


class Mentions(Sequence[Mention]):
    """One document's mentions, kept by spelling: `rows[words]` holds, in text order,
    each mention of that spelling as its start alone when its words are one space
    apart (then the rest follows from the words: most mentions), or else as
    (start, end, text, offsets). A sequence of Mention in text order, made only
    when asked for: a mention table counts a document's rows spelling by spelling
    (`MentionTable.add`) and makes the few mentions it keeps, and a worker hands
    the rows over as they are (`packed`)."""

    __slots__ = ("path", "rows", "_list")

    def __init__(self, path: str, rows: dict[tuple[str, ...], list]) -> None:
        self.path = path
        self.rows = rows  # spelling -> rows, spellings in the order they first appear
        self._list: list[Mention] | None = None

    def _mentions(self) -> list[Mention]:
        if self._list is None:
            found = [m for words, rows in self.rows.items()
                     for m in _made(self.path, words, rows)]
            if len(self.rows) > 1:
                found.sort(key=_START)
            self._list = found
        return self._list

    def __len__(self) -> int:
        return sum(map(len, self.rows.values()))

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self._mentions())

    @overload
    def __getitem__(self, i: int) -> Mention: ...
    @overload
    def __getitem__(self, i: slice) -> list[Mention]: ...
    def __getitem__(self, i: int | slice) -> Mention | list[Mention]:
        return self._mentions()[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions):
            other = other._mentions()
        return isinstance(other, list) and self._mentions() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Mentions({self._mentions()!r})"


def _made(path: str, words: tuple[str, ...], rows: list) -> list[Mention]:
    """The mentions of `rows`, all of spelling `words` (see Mentions)."""
    new = tuple.__new__  # what Mention(...) does, without the call overhead
    text = " ".join(words)
    n = len(text)
    if len(words) == 1:
        return [new(Mention, (path, r, r + n, text, words, (r,))) if type(r) is int
                else new(Mention, (path, r[0], r[1], r[2], words, r[3])) for r in rows]
    steps = list(accumulate([len(w) + 1 for w in words[:-1]], initial=0))
    return [new(Mention, (path, r, r + n, text, words, tuple([r + s for s in steps])))
            if type(r) is int else new(Mention, (path, r[0], r[1], r[2], words, r[3]))
            for r in rows]


def _rows_of(mentions: Iterable[Mention]) -> dict[tuple[str, ...], list]:
    """`Mentions.rows` of mentions in text order (of one document)."""
    rows: dict[tuple[str, ...], list] = {}
    for m in mentions:
        words = m.words
        start = m.start
        plain = (m.text == " ".join(words) and m.end == start + len(m.text)
                 and list(m.offsets) == list(accumulate([len(w) + 1 for w in words[:-1]],
                                                        initial=start)))
        rows.setdefault(words, []).append(start if plain else (start, m.end, m.text, m.offsets))
    return rows


def packed(mentions: Iterable[Mention]) -> tuple:
    """One document's mentions (in text order) as plain values, its path once: what a
    worker hands back to the parent (`unpacked`). The rows of `Mentions` as they
    are: mostly one int a mention, which pickles and unpickles quickly."""
    if isinstance(mentions, Mentions):
        return (mentions.path, mentions.rows) if mentions.rows else ()
    mentions = list(mentions)
    return (mentions[0].path, _rows_of(mentions)) if mentions else ()


def unpacked(data: tuple) -> Mentions:
    """The mentions `packed` gave."""
    return Mentions(*data) if data else Mentions("", {})


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
    # the mentions kept: a Mention, or a document's path and row (`Mentions.rows`),
    # made a Mention when `mentions` is first asked for (most never are)
    kept: list = field(default_factory=list)
    count: int = 0
    paths: list[str] = field(default_factory=list)  # sorted
    at: array = field(default_factory=lambda: array("I"))  # indexes into MentionTable.files

    @property
    def mentions(self) -> list[Mention]:
        kept, words = self.kept, self.words
        if not all(type(k) is Mention for k in kept):
            self.kept = kept = [k if type(k) is Mention else _made(k[0], words, k[1:])[0]
                                for k in kept]
        return kept

    @mentions.setter
    def mentions(self, value: list[Mention]) -> None:
        self.kept = value

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
        return self.count == len(self.kept) and len(self.at) == len(self.paths)


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
        if isinstance(mentions, Mentions):
            self._add_rows(mentions.path, mentions.rows)
            return
        forms, limit = self.forms, self.limit
        seen: set[tuple[str, ...]] = set()
        index = len(self.files)
        for m in mentions:
            form = forms.get(m.words)
            if form is None:
                form = forms[m.words] = Form(m.words)
            form.count += 1
            if limit is None or len(form.kept) < limit:
                form.kept.append(m)
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

    def add_packed(self, data: tuple) -> None:
        """`add(unpacked(data))`: one document's mentions as `packed` gave them."""
        if data:
            self._add_rows(*data)

    def _add_rows(self, path: str, found: dict[tuple[str, ...], list]) -> None:
        """`add` for a document's rows (`Mentions`): spelling by spelling, making
        only the mentions kept. The same table as adding its mentions one by one."""
        if not found:
            return
        forms, limit = self.forms, self.limit
        index = len(self.files)
        for words, rows in found.items():
            form = forms.get(words)
            if form is None:
                form = forms[words] = Form(words)
            form.count += len(rows)
            kept = form.kept
            if limit is None or len(kept) < limit:
                if len(rows) == 1:  # most spellings of a document
                    kept.append((path, rows[0]))
                else:
                    kept.extend([(path, r) for r in rows[: None if limit is None
                                                         else limit - len(kept)]])
            form.at.append(index)
            paths = form.paths
            if limit is None or len(paths) < limit or path < paths[-1]:
                insort(paths, path)
                if limit is not None and len(paths) > limit:
                    paths.pop()
        self.files.append(path)

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


_NAMELIKE_SIZE = 1 << 17  # words _names_in remembers, at most


# the words _namelike said yes to, and those it said no to: both dropped when full
_YES: set[str] = set()
_NO: set[str] = set()


def _names_in(words: frozenset[str]) -> set[str] | frozenset[str]:
    """The namelike ones of `words` (`_namelike`): the words not known to be no
    names (one set difference), each then known to be one or asked."""
    maybe = words - _NO  # most capitalised words of a text are ordinary English
    if not maybe or maybe <= _YES:
        return maybe
    if len(_YES) + len(_NO) >= _NAMELIKE_SIZE:
        _YES.clear()
        _NO.clear()
    out = set()
    for word in maybe:
        if word in _YES:
            out.add(word)
        elif _namelike(word):
            _YES.add(word)
            out.add(word)
        else:
            _NO.add(word)
    return out


def _joined(text: str, a: Token, b: Token) -> bool:
    """Words separated only by blanks (at most one line break)."""
    return _blank_gap(text[a.end : b.start])


def _blank_gap(gap: str) -> bool:
    """Only blanks, at least one, at most one line break."""
    return bool(gap) and not gap.strip() and gap.count("\n") <= 1 and "\r\n\r\n" not in gap


def collect_mentions(doc: Document) -> Mentions:
    """The name mentions of one document, in text order (`Mentions`: kept as rows
    by spelling, the Mention objects made when asked for)."""
    return Mentions(doc.path, _rows(doc))


def collect_packed(doc: Document) -> tuple:
    """`packed(collect_mentions(doc))`, without the Mentions between."""
    rows = _rows(doc)
    return (doc.path, rows) if rows else ()


def _rows(doc: Document) -> dict[tuple[str, ...], list]:
    """The rows of `doc`'s mentions (`Mentions.rows`)."""
    text = doc.text
    # Only a capitalised word can be namelike. The capitalised words (each once,
    # shared with the names kind) are found with one pattern, and then where the
    # namelike ones stand (capitals.starts_of, a str.find each): the work of the
    # offsets follows the few namelike words, not every capitalised word.
    # Two namelike words are joined only with blanks between them, so the runs
    # come out as a walk over every word gives them: any other word between two
    # of them (lower-case or not) leaves letters in the gap.
    names = _names_in(capitalised_texts(text))
    return mention_rows(doc, starts_of(text, names)) if names else {}


def mention_rows(doc: Document, at: Iterable[tuple[int, str]]) -> dict[tuple[str, ...], list]:
    """The rows of `Mentions` from where each namelike word of `doc` starts and
    its text (`at`, in text order): runs of them with blanks between, outside
    protected text, each run of at most MAX_WORDS words a mention."""
    text = doc.text
    found: dict[tuple[str, ...], list] = {}
    covered = _protection(doc.protected) if doc.protected else None
    run: list[str] = []
    offsets: list[int] = []
    end = 0
    plain = True  # the run's words one space apart (a row is then its start alone)
    for p, word in at:
        if covered is not None and covered(p, p + len(word)):
            continue
        if run:
            gap = text[end:p]
            if gap == " " or _blank_gap(gap):
                if gap != " ":
                    plain = False
                run.append(word)
                offsets.append(p)
                end = p + len(word)
                continue
            if len(run) <= MAX_WORDS:
                _found(found, text, run, offsets, end, plain)
        run = [word]
        offsets = [p]
        end = p + len(word)
        plain = True
    if run and len(run) <= MAX_WORDS:
        _found(found, text, run, offsets, end, plain)
    return found


def _found(found: dict[tuple[str, ...], list], text: str, run: list[str],
           offsets: list[int], end: int, plain: bool) -> None:
    """Keep the run of words `run` (at `offsets`, to `end`) as a row of `found`."""
    words = tuple(run)
    first = offsets[0]
    row = first if plain else (first, end, text[first:end], tuple(offsets))
    rows = found.get(words)
    if rows is None:
        found[words] = [row]
    else:
        rows.append(row)


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
