"""Which other languages could claim a line's words: a bound computed before langdetect.

A line is foreign for the "words" method only if, for the language L that
langdetect names, at least `min_leaning` of its words are clearly more
frequent in L than in English (normalize.langid.leaning). Whether a word
votes so depends only on the word and L, so scripts/gen_lexicon.py computes
it once for the common English words and ships it in data/claims-en.tsv.gz.

For a line, the votes L can get are at most the words claimed by L plus the
words the file does not know (they might vote for anything). When that bound
stays under `min_leaning` for L, the line cannot lean towards L; when it does
for every language, the line is left alone without running langdetect or
loading any word list, and that is the answer the full test would give. Most
lines of an English article are settled so, with one set look-up per word.

The file also names the expected language's function words (its most
frequent words, normalize.langid.function_words): the rule counts a few of
them in a line before cutting it into words, and takes them from here so that
a clean article needs no word list at all.

The file is exact for the versions of wordfreq, langcodes and langdetect
named in its first line (and with the same optional tokenisers missing); with
any other versions it is not used and every line takes the full test.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from functools import cached_property, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .langid import LEANING_MARGIN

DATA = Path(__file__).resolve().parent / "data" / "claims-en.tsv.gz"
EXPECTED = "en"  # the language the file is about
NONE: frozenset[str] = frozenset()


class Lexicon:
    """The file's tables. The two big ones (70,000 words) may be given as
    functions that make them, called on first use: most lines of an English
    article are settled by `common` alone, and a run over one such file never
    makes them."""

    def __init__(self, common: frozenset[str],
                 safe: frozenset[str] | Callable[[], frozenset[str]],
                 claims: dict[str, tuple[str, ...]] | Callable[[], dict[str, tuple[str, ...]]],
                 languages: tuple[str, ...], missing: tuple[str, ...] = (),
                 function: frozenset[str] = frozenset()) -> None:
        # the safe words among the most frequent: a small set, tried first, that stays
        # in the processor's caches where the full one does not
        self.common = common
        self._safe, self._claims = safe, claims
        self.languages = languages  # every language langdetect can name, but EXPECTED
        self.missing = missing  # the optional tokenisers the file was made without
        # langid.function_words(EXPECTED) for these versions; empty in a file made without them
        self.function = function

    @cached_property
    def safe(self) -> frozenset[str]:
        """Words that vote for no other language."""
        return self._safe() if callable(self._safe) else self._safe

    @cached_property
    def claims(self) -> dict[str, tuple[str, ...]]:
        """Words that vote for some: those languages."""
        return self._claims() if callable(self._claims) else self._claims

    def _tables(self) -> tuple:
        return (self.common, self.safe, self.claims, self.languages, self.missing,
                self.function)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicon) and self._tables() == other._tables()

    __hash__ = None  # type: ignore[assignment]  # compared by its tables, never hashed


def claimants(words: list[str], expected: str, min_leaning: float) -> frozenset[str] | None:
    """The languages towards which `words` (lower-case, as `leaning` gets them)
    might lean by `min_leaning` or more; an empty set when none can, None when
    there is nothing to go by (another expected language, other versions)."""
    if expected != EXPECTED:
        return None
    lexicon = _lexicon()
    if lexicon is None:
        return None
    n = len(words)
    if not n:
        return NONE
    # one look-up per word settles an English line: few words vote at all
    if (n - sum(map(lexicon.common.__contains__, words))) / n < min_leaning:
        return NONE
    safe = lexicon.safe
    if (n - sum(map(safe.__contains__, words))) / n < min_leaning:
        return NONE
    unknown = 0
    votes: Counter[str] = Counter()
    for word in words:
        if word in safe:
            continue
        claims = lexicon.claims.get(word)
        if claims is None:
            unknown += 1
        else:
            votes.update(claims)
    return frozenset(lang for lang in lexicon.languages
                     if not (unknown + votes[lang]) / n < min_leaning)


def function_words(expected: str) -> frozenset[str] | None:
    """`langid.function_words(expected)` as the file records it (no word list
    is loaded), or None when the file cannot tell."""
    if expected != EXPECTED:
        return None
    lexicon = _lexicon()
    return lexicon.function if lexicon is not None and lexicon.function else None


def environment(missing: list[str]) -> dict[str, Any]:
    """What the file's figures depend on besides the words: package versions,
    langdetect's languages, the optional tokenisers that are not installed
    (wordfreq gives 0 for Japanese, Korean, Chinese without them), the margin."""
    found = find_spec("langdetect")
    folder = Path(next(iter(found.submodule_search_locations or ()))) if found else None
    profiles = folder / "profiles" if folder else None
    return {
        "expected": EXPECTED,
        "margin": LEANING_MARGIN,
        "versions": {name: _version(name) for name in ("wordfreq", "langcodes", "langdetect")},
        "profiles": sorted(n for n in os.listdir(profiles) if not n.startswith("."))
        if profiles and profiles.is_dir() else [],
        "missing": [name for name in missing if find_spec(name) is None],
    }


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow to import

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon | None:
    """The shipped file, if it holds for the installed packages. Read once into
    normalize.cache in a quicker form (one string per table: splitting it is
    cheaper than reading the file line by line, and checking the package
    versions would import importlib.metadata)."""
    from . import cache

    key = _cache_key()
    stored = cache.read("lexicon", key)
    if stored is not None:
        try:
            return _unpack(stored)
        except (ValueError, EOFError, TypeError, _Stale):
            pass  # damaged, or an optional tokeniser came or went: read the file again
    lexicon = _read()
    cache.write("lexicon", key, _pack(lexicon))
    return lexicon


def _read() -> Lexicon | None:
    import gzip
    import json

    try:
        lines = gzip.decompress(DATA.read_bytes()).decode("utf-8").splitlines()
        header = json.loads(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if {k: header.get(k) for k in _KEYS} != environment(header.get("missing", [])):
        return None
    safe: list[str] = []
    claims: dict[str, tuple[str, ...]] = {}
    common = 0
    for n, line in enumerate(lines[1:]):
        word, _, langs = line.partition("\t")
        if langs:
            claims[word] = tuple(langs.split(","))
        else:
            safe.append(word)
            common += n < header["common"]  # the file's most frequent words come first
    languages = tuple(lang for lang in header["languages"] if lang != EXPECTED)
    return Lexicon(frozenset(safe[:common]), frozenset(safe), claims, languages,
                   tuple(header.get("missing", [])), frozenset(header.get("function_words", [])))


def _cache_key() -> str:
    """What the file's use depends on, found without importing importlib.metadata:
    the file, and the installed packages' versions (cache.installed). The
    optional tokenisers are looked for when the entry is read."""
    from .cache import installed

    path = os.path.abspath(DATA)
    try:
        info = os.stat(path)
        data: tuple = (path, info.st_size, info.st_mtime_ns, info.st_ino)
    except OSError:
        data = (path,)
    packages = installed(("wordfreq", "langcodes", "langdetect"))
    return repr((EXPECTED, LEANING_MARGIN, data, packages))


def _pack(lexicon: Lexicon | None) -> bytes:
    import marshal

    if lexicon is None:
        return marshal.dumps(None)
    claims = lexicon.claims
    return marshal.dumps((
        lexicon.missing, _missing(lexicon.missing),
        "\n".join(sorted(lexicon.common)), "\n".join(sorted(lexicon.safe - lexicon.common)),
        "\n".join(claims), "\n".join(",".join(langs) for langs in claims.values()),
        lexicon.languages, "\n".join(sorted(lexicon.function))))


def _unpack(data: bytes) -> Lexicon | None:
    import marshal

    got = marshal.loads(data)
    if got is None:
        return None
    missing, absent, common, rest, words, langs, languages, function = got
    if _missing(missing) != absent:
        raise _Stale
    common_words = common.split("\n") if common else []

    def safe() -> frozenset[str]:
        return frozenset([*common_words, *(rest.split("\n") if rest else [])])

    def claims() -> dict[str, tuple[str, ...]]:
        shared: dict[str, tuple[str, ...]] = {}  # few sets of languages, many words
        return {word: shared.get(x) or shared.setdefault(x, tuple(x.split(",")))
                for word, x in zip(words.split("\n"), langs.split("\n"))} if words else {}

    return Lexicon(frozenset(common_words), safe, claims, tuple(languages), tuple(missing),
                   frozenset(function.split("\n") if function else ()))


class _Stale(Exception):
    """A cache entry made with other optional tokenisers installed."""


def _missing(names: tuple[str, ...] | list[str]) -> list[str]:
    return [name for name in names if find_spec(name) is None]


_KEYS = ("expected", "margin", "versions", "profiles", "missing")
