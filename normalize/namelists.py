"""The indexes of a names list (kinds/names.py), worked out once per list.

Folding a long list is slow: `index(names)` gives the indexes as plain values,
which normalize.rulecache keeps with the analysed rule folder under
`index_key(names)`, so that a later run only rebuilds the rule's dicts from
them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .text import fold


class BadList(Exception):
    """A names list that cannot be used (the message says why)."""


INDEX_FORMAT = 1  # bump when what index() gives changes


@lru_cache(maxsize=1)
def _index_code() -> tuple:
    """What the indexes depend on besides the list: this code, fold's, unidecode's."""
    from . import cache, text

    stamps = []
    for path in (Path(__file__), Path(text.__file__)):
        try:
            info = path.stat()
            stamps.append((path.name, info.st_size, info.st_mtime_ns))
        except OSError:
            stamps.append((path.name, 0, 0))
    return (INDEX_FORMAT, tuple(stamps), cache.installed(("unidecode",)))


def index_key(names: list[str]) -> tuple:
    """The key of a names list's indexes (rulecache.ANALYSIS): the list by its hash."""
    import hashlib
    import marshal

    digest = hashlib.sha256(marshal.dumps(tuple(names))).hexdigest()
    return ("names-index", _index_code(), digest, len(names))


def index(names: list[str]) -> tuple:
    """The indexes of a names list as plain values (what marshal keeps): each entry
    (canonical, words, folded words), in list order; folded words -> the first
    entry with them; first folded word -> the numbers of words, longest first;
    folded surname -> its entries; the folded given names; folded surname -> its
    listed spellings. Entries are given by their place in the list."""
    entries: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []  # name, words, folded
    full: dict[tuple[str, ...], int] = {}
    lengths: dict[str, set[int]] = {}
    by_last: dict[str, list[int]] = {}
    given: set[str] = set()
    seen: set[str] = set()
    for name in names:
        words = tuple(name.split())
        if not words:
            raise BadList("empty name in 'names'")
        if name in seen:
            raise BadList(f"name {name!r} is listed twice")
        seen.add(name)
        folded = tuple(map(fold, words))
        n = len(entries)
        entries.append((name, words, folded))
        full.setdefault(folded, n)
        lengths.setdefault(folded[0], set()).add(len(words))
        by_last.setdefault(folded[-1], []).append(n)
        given.update(folded[:-1])
    surnames = {}  # as kinds.names._surname_forms gives them
    for key, found in by_last.items():
        forms = sorted({entries[i][1][-1] for i in found if len(entries[i][1]) > 1})
        if forms:
            surnames[key] = tuple(forms)
    return (tuple(entries), full, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
            {k: tuple(v) for k, v in by_last.items()}, tuple(sorted(given)), surnames)
