"""langdetect's language profiles, loaded once per machine instead of once per run.

langdetect reads 55 JSON profiles into one table: for each of 87,598 n-grams,
a list of 55 probabilities, most of them 0.0. That takes about 0.3 s, which a
run pays as soon as one line needs langdetect (a pre-commit hook on one file
included), and the 87,598 lists make every full garbage collection slower.

Here the table is kept in normalize.cache in a sparse form (for each n-gram,
its languages and probabilities: 184,000 numbers, kept as the very same
floats), and given to langdetect as a mapping that builds an n-gram's list
the first time it is asked for. langdetect and normalize.langtrials only ask
`ngram in table` and `table[ngram]`, so they see exactly the table langdetect
would have loaded. The entry is keyed by langdetect's version and its profile
files (names, sizes, times); anything unexpected loads the profiles the usual
way.
"""

from __future__ import annotations

import os
from array import array
from typing import Any

NAME = "langdetect-profiles"


class Rows:
    """n-gram -> its probabilities per language (a list, as langdetect's own)."""

    __slots__ = ("index", "starts", "langs", "probs", "width", "built")

    def __init__(self, words: list[str], starts: array[int], langs: array[int],
                 probs: array[float], width: int) -> None:
        self.index = dict(zip(words, range(len(words))))
        self.starts, self.langs, self.probs, self.width = starts, langs, probs, width
        self.built: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self.index

    def __getitem__(self, word: str) -> list[float]:
        row = self.built.get(word)
        if row is None:
            n = self.index[word]
            row = [0.0] * self.width
            langs, probs = self.langs, self.probs
            for i in range(self.starts[n], self.starts[n + 1]):
                row[langs[i]] = probs[i]
            self.built[word] = row
        return row

    def __len__(self) -> int:
        return len(self.index)


def load_factory(factory_class: Any, folder: str) -> Any | None:
    """A langdetect DetectorFactory with the profiles of `folder`, from the
    cache (written on the first call); None when the cache cannot help."""
    from . import cache

    key = _key(folder)
    if key is None or cache.folder() is None:
        return None
    data = cache.read(NAME, key)
    if data is None:
        factory = factory_class()
        factory.load_profile(folder)
        data = _pack(factory.langlist, factory.word_lang_prob_map)
        cache.write(NAME, key, data)
    try:
        langlist, rows = _unpack(data)
    except (ValueError, EOFError, TypeError, IndexError):
        return None
    factory = factory_class()
    factory.langlist = langlist
    factory.word_lang_prob_map = rows
    return factory


def _key(folder: str) -> str | None:
    from .cache import installed

    try:
        files = sorted((entry.name, info.st_size, info.st_mtime_ns)
                       for entry in os.scandir(folder) for info in (entry.stat(),))
    except OSError:
        return None
    return repr((installed(("langdetect",)), os.path.abspath(folder), files))


def _pack(langlist: list[str], table: dict[str, list[float]]) -> bytes:
    import marshal

    words = list(table)
    starts, langs, probs = array("I", [0]), array("H"), array("d")
    for word in words:
        for lang, prob in enumerate(table[word]):
            if prob:  # counts over a length: never -0.0, so every 0.0 may go
                langs.append(lang)
                probs.append(prob)
        starts.append(len(probs))
    width = len(table[words[0]]) if words else len(langlist)
    return marshal.dumps((list(langlist), words, width, starts.tobytes(), langs.tobytes(),
                          probs.tobytes()))


def _unpack(data: bytes) -> tuple[list[str], Rows]:
    import marshal

    langlist, words, width, starts, langs, probs = marshal.loads(data)
    # starts, langs (int), probs (float): array[Any] so that one loop fills them all
    arrays: tuple[array[Any], array[Any], array[Any]] = array("I"), array("H"), array("d")
    for holder, raw in zip(arrays, (starts, langs, probs)):
        holder.frombytes(raw)
    if len(arrays[0]) != len(words) + 1 or len(arrays[1]) != len(arrays[2]):
        raise ValueError("damaged entry")
    return langlist, Rows(words, *arrays, width)
