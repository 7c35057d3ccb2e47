"""Whether a word is attested: a real word or name in some language's word list.

The folder names stage asks it of a given name that differs from another
spelling's ("Decali" beside "Dovilė"): a real given name ("Irena") is another
person, a word no list knows may be a garbled one. The answers are kept in
the cache (normalize.cache) from one run to the next.
"""

from __future__ import annotations

import marshal

from . import cache, wordstore
from .langid import zipf
from .loading import one_time_load

# Languages whose word lists tell a real given name ("Irena") from a garbled one ("Decali").
# (Each list costs ~0.2 s to load, so only the languages of most names in European news.)
ATTESTING = ("en", "lt", "lv", "pl", "cs", "de", "fr", "es", "it")
ATTESTED_ZIPF = 1.5


def attested(word: str) -> bool:
    """A real word or name in some language's word list.

    Answering loads each language's list (~7 ms each, all nine for a word none
    has), so the answers are kept in the cache (normalize.cache) for the next
    run, keyed by the languages, the threshold and the installed word data."""
    low = word.lower()
    known = _ATTESTED.answers()
    found = known.get(low)
    if found is None:
        found = any(zipf(low, lang) >= ATTESTED_ZIPF for lang in ATTESTING)
        _ATTESTED.learn(low, found)
    return found


class _Answers:
    """Answers (word -> bool) read from the cache on first use; new ones are written
    back by `keep()` (up to `limit` answers: beyond, a run works them out again)."""

    def __init__(self, name: str, limit: int) -> None:
        self.name, self.limit = name, limit
        self.known: dict[str, bool] | None = None
        self.new = False

    def _key(self) -> str | None:
        versions = wordstore.versions()
        return None if versions is None else repr((ATTESTING, ATTESTED_ZIPF, versions))

    @one_time_load
    def answers(self) -> dict[str, bool]:
        if self.known is None:
            key = self._key()
            data = None if key is None else cache.read(self.name, key)
            try:
                self.known = dict(marshal.loads(data)) if data else {}
            except (ValueError, EOFError, TypeError):
                self.known = {}
        return self.known

    def learn(self, word: str, answer: bool) -> None:
        known = self.answers()
        if len(known) < self.limit:
            known[word] = answer
            self.new = True

    def keep(self) -> None:
        if self.new and self.known is not None:
            key = self._key()
            if key is not None:
                cache.write(self.name, key, marshal.dumps(self.known))
            self.new = False


_ATTESTED = _Answers("attested", 50_000)


def keep() -> None:
    """Write this run's new answers to the cache (once a folder has been grouped)."""
    _ATTESTED.keep()
