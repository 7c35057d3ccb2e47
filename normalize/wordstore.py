"""wordfreq's word lists in a form that loads in milliseconds, with the same answers.

`import wordfreq` costs about 0.2 s (langcodes, ftfy, regex tokenisers) and a
large list about 0.1 s and 30 MB as a dict; a folder with names asks nine
languages. Instead, each list (language and list name) is derived once from
the installed wordfreq data and kept in the cache (normalize.cache), keyed by
the installed versions of wordfreq and of what its tokeniser uses:

    the words, UTF-8, each ended by a newline, in wordfreq's order (by
    frequency bucket); the bucket boundaries as byte offsets; and, sorted,
    one 64-bit number per word: its crc32, then its offset.

Reading an entry is one file read; a look-up is a crc32, a bisect over the
numbers, usually one `bytes.startswith`, and a bisect over the bucket
boundaries. No dict of the words is ever built.

The answer is wordfreq's own, exactly. `zipf_frequency` answers from the
entry only for a word that wordfreq's tokeniser provably leaves whole and
unchanged: every character is one the build found to be a word letter
(Unicode Word_Break=ALetter, so no token boundary falls between two of them),
left alone by the language's preprocessing (case folding, so "ß" is out;
mark removal; Turkish and Romanian letter fixes), by quote uncurling ("’" and
"ʼ" are out) and by number smashing (digits are out); the word is already in
the language's normal form (NFC or NFKC); and the language's tokeniser is the
regular expression (not MeCab or jieba) with no transliteration. Words of
such parts joined by hyphens or single spaces ("anti-war", "Dovile
Sakaliene") are answered from their parts, by wordfreq's arithmetic for
several tokens (checked against wordfreq at build time). Apostrophes,
digits and any other character send the word to wordfreq. The value
of each frequency bucket, and the one for unlisted words, are wordfreq's
answers for sample words, computed at build time; a build that finds a sample
word answered differently has no fast path at all.

With the cache off (NORMALIZE_NO_CACHE), for a language wordfreq has no list
for, or when anything about the entry fails, every call goes to wordfreq.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Container
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import itemgetter, lshift, or_
from types import ModuleType
from typing import Literal, cast
from zlib import crc32

from . import cache
from .loading import one_time_load

NAME = "wordfreq"
FORMAT = 3  # 3: `joined` holds for words joined by spaces too
_OFFSET = 0xFFFFFFFF  # a table item: the word's crc32, then its offset, 32 bits each
_WORD = 1 << 32
_HEAD = 4  # the header's length, as one unsigned int
# letters of these blocks join the list's own characters as candidates for the fast path:
# Latin-1 and Latin Extended, Greek, Cyrillic (names from other languages' lists)
_BLOCKS = ((0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))
_JOINS = re.compile("[- ]")  # what joins the parts of a word answered from its parts
_SAMPLE_EVERY = 997  # one word in this many is checked against wordfreq at build time

NormalForm = Literal["NFC", "NFD", "NFKC", "NFKD"]  # what unicodedata.is_normalized takes


class WordList:
    """One language's list, read from its cache entry."""

    __slots__ = ("_data", "_base", "_end", "_table", "_count", "_bounds", "_values",
                 "_unknown", "_letters", "_normal", "_digits", "_joined")

    def __init__(self, data: bytes) -> None:
        (length,) = array("I", data[:_HEAD])
        head = json.loads(data[_HEAD:_HEAD + length])
        if head.get("format") != FORMAT:
            raise ValueError("unknown format")
        start = _HEAD + length
        start += -start % 8
        count = head["count"]
        self._data = data
        self._table = memoryview(data)[start:start + 8 * count].cast("Q")
        self._count = count
        self._base = start + 8 * count
        self._end = self._base + head["blob"]
        if len(data) != self._end:
            raise ValueError("damaged entry")
        self._bounds: list[int] = head["bounds"]
        self._values: list[float | None] = head["values"]
        self._unknown: float | None = head["unknown"]
        self._letters = re.compile(head["letters"]) if head["letters"] else None
        self._normal: NormalForm = head["normal"]  # ('' only without letters: never asked)
        self._digits = frozenset(head["digits"])
        self._joined: bool = head["joined"]

    def _offset(self, word: str) -> int:
        """The word's offset in the words, -1 if the list lacks it."""
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: in no list
            return -1
        table, data, base = self._table, self._data, self._base
        low = crc32(key) << 32
        high = low + _WORD
        key += b"\n"
        for i in range(bisect_left(table, low), self._count):
            item = table[i]
            if item >= high:
                break
            if data.startswith(key, base + (item & _OFFSET)):
                return item & _OFFSET
        return -1

    def __contains__(self, word: object) -> bool:
        """`word in wordfreq.get_frequency_dict(lang, wordlist)`."""
        return isinstance(word, str) and self._offset(word) >= 0

    def zipf(self, word: str) -> float | None:
        """wordfreq's zipf_frequency(word), or None when only wordfreq can tell."""
        letters = self._letters
        if letters is None:
            return None
        if letters.fullmatch(word):
            if not unicodedata.is_normalized(self._normal, word):
                return None
            offset = self._offset(word)
            if offset < 0:
                return self._unknown
            return self._values[bisect_right(self._bounds, offset) - 1]
        if not self._joined or ("-" not in word and " " not in word):
            return None
        parts = _JOINS.split(word)
        if not all(map(letters.fullmatch, parts)) or not unicodedata.is_normalized(
                self._normal, word):
            return None
        centibels = []
        for part in parts:
            offset = self._offset(part)
            if offset < 0:
                return self._unknown  # wordfreq's answer when any token is unlisted
            centibels.append(bisect_right(self._bounds, offset) - 1)
        return joined_zipf(centibels)

    def top(self, n: int, ascii_only: bool = False) -> list[str]:
        """wordfreq's top_n_list(lang, n, wordlist, ascii_only)."""
        digits = self._digits
        cut = len(digits) + n
        while True:
            words = self._first(cut + 1)  # one more: whether the list goes on
            kept = [w for w in words[:cut] if w not in digits
                    and (not ascii_only or max(w) <= "~")]
            if len(kept) >= n or len(words) <= cut:
                return kept[:n]
            cut *= 2

    def _first(self, count: int) -> list[str]:
        """The list's first `count` words (all of them when it holds fewer),
        decoding only the bytes before them, not the whole list (megabytes)."""
        data, base, end = self._data, self._base, self._end - 1  # without the last newline
        size = 16 * count + 64
        while base + size < end:
            stop = data.rfind(b"\n", base, base + size)  # whole words only (and UTF-8)
            if stop > base:
                words = data[base:stop].decode("utf-8").split("\n")
                if len(words) >= count:
                    return words[:count]
            size *= 4
        return data[base:end].decode("utf-8").split("\n", count)[:count]


def _wordfreq() -> ModuleType:
    """wordfreq, imported on first use (and `logging` with it), its warning for
    each language it maps to a neighbour ('no' -> 'nb') turned off."""
    import logging

    logging.getLogger("wordfreq").setLevel(logging.ERROR)
    import wordfreq

    return wordfreq


def joined_zipf(centibels: list[int]) -> float:
    """zipf_frequency of a word wordfreq splits into listed tokens of these
    buckets (-centibels), none with digits, by the regular expression: the
    arithmetic of wordfreq 3's _word_frequency and zipf_frequency, step by step
    (a build checks it against wordfreq before any entry uses it)."""
    one_over_result = 0.0
    for cb in centibels:
        one_over_result += 1.0 / 10 ** (-cb / 100)
    unrounded = max(1.0 / one_over_result, _MINIMUM)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log(round(unrounded, leading_zeroes + 3), 10) + 9, 2)


_MINIMUM = 10**0.0 / 1e9  # zipf_to_freq(0.0), zipf_frequency's default minimum


def word_list(lang: str, wordlist: str = "best") -> WordList | None:
    """The list from the cache (built on first use), or None: use wordfreq."""
    try:
        return _LISTS[lang, wordlist]
    except KeyError:
        pass
    found = _LISTS[lang, wordlist] = _load(lang, wordlist)
    return found


_LISTS: dict[tuple[str, str], WordList | None] = {}


def zipf_frequency(word: str, lang: str, wordlist: str = "best") -> float:
    """Exactly `wordfreq.zipf_frequency(word, lang, wordlist)` (raising what it raises)."""
    found = word_list(lang, wordlist)
    if found is not None:
        value = found.zipf(word)
        if value is not None:
            return value
    return _wordfreq().zipf_frequency(word, lang, wordlist)


def top_n_list(lang: str, n: int, wordlist: str = "best", ascii_only: bool = False) -> list[str]:
    """Exactly `wordfreq.top_n_list(lang, n, wordlist, ascii_only)`."""
    found = word_list(lang, wordlist)
    if found is not None:
        return found.top(n, ascii_only)
    return list(_wordfreq().top_n_list(lang, n, wordlist, ascii_only))


def listing(lang: str, wordlist: str = "best") -> Container[str]:
    """What `in` asks of `wordfreq.get_frequency_dict(lang, wordlist)`, answered alike."""
    found = word_list(lang, wordlist)
    if found is not None:
        return found
    return _wordfreq().get_frequency_dict(lang, wordlist)


def _entry(lang: str, wordlist: str, versions: str) -> tuple[str, str]:
    """The cache entry's name and key. Each list has its own name, so that
    its old entries are pruned apart from the other lists' (cache.KEEP)."""
    return (f"{NAME}-{lang}-{wordlist}",
            f"{FORMAT}\0{versions}\0{lang}\0{wordlist}\0{sys.byteorder}")


@one_time_load
def _load(lang: str, wordlist: str) -> WordList | None:
    installed = versions()
    if installed is None or cache.folder() is None:
        return None
    name, key = _entry(lang, wordlist, installed)
    data = cache.read(name, key)
    if data is not None:
        try:
            return WordList(data)
        except (ValueError, KeyError, TypeError, IndexError):  # a damaged entry: build anew
            pass
    try:
        data = build(lang, wordlist)
    except (LookupError, ValueError, ImportError):  # no list, or one we cannot index
        return None
    cache.write(name, key, data)
    return WordList(data)


# what a list and its tokenisation depend on, besides Python and normalize (cache.py keys those)
_PACKAGES = ("wordfreq", "regex", "ftfy", "langcodes", "language_data")


@lru_cache(maxsize=1)
def versions() -> str | None:
    """The installed distributions (name-version) of _PACKAGES (cache.installed);
    None when wordfreq's is not found."""
    found = cache.installed(_PACKAGES)
    return None if found.startswith("wordfreq-absent") else found


def build(lang: str, wordlist: str = "best") -> bytes:
    """The entry for one list, from the installed wordfreq (slow: once per version)."""
    import regex
    from wordfreq.numbers import has_digit_sequence

    wordfreq = _wordfreq()
    pack = wordfreq.get_frequency_list(lang, wordlist)  # LookupError: no list
    words = list(chain.from_iterable(pack))
    # a word listed twice (wordfreq's dict keeps the last) makes its dict shorter; the dict
    # is the one its zipf_frequency reads (_values asks it), so counting it costs nothing
    if len(wordfreq.get_frequency_dict(lang, wordlist)) != len(words):
        raise ValueError("a list this format cannot hold")
    # (chains of map: a list of a million words takes a fraction of the time of a loop)
    encoded = list(map(str.encode, words))  # UTF-8
    offsets = list(accumulate(map((1).__add__, map(len, encoded)), initial=0))
    blob = b"\n".join(encoded) + b"\n"
    # one newline ends each word: any more is inside a word
    if len(blob) > _OFFSET or blob.count(b"\n") != len(words):
        raise ValueError("a list this format cannot hold")
    table = array("Q", sorted(map(or_, map(lshift, map(crc32, encoded), repeat(32)), offsets)))
    starts = list(accumulate(map(len, pack), initial=0))
    # has_digit_sequence matches at the start: only words opening with a digit can
    digit = regex.compile(r"\d")
    opening = sorted(c for c in set(map(itemgetter(slice(1)), words)) if digit.match(c))
    opens = re.compile("[" + "".join(map(re.escape, opening)) + "]").match if opening else None
    digits = [w for w in filter(opens, words) if has_digit_sequence(w)] if opens else []
    letters, normal = _fast_letters(lang, words)
    values, unknown = _values(lang, wordlist, pack, words, starts, letters, normal)
    joined = unknown is not None and _joined_agrees(lang, wordlist, pack, letters, unknown)
    head = json.dumps({
        "format": FORMAT, "count": len(words), "blob": len(blob),
        "bounds": [offsets[i] for i in starts[:-1]], "values": values,
        "unknown": unknown, "letters": letters if unknown is not None else "",
        "normal": normal, "digits": digits, "joined": joined,
    }).encode("utf-8")
    start = _HEAD + len(head)
    return array("I", [len(head)]).tobytes() + head + bytes(-start % 8) + table.tobytes() + blob


def _fast_letters(lang: str, words: list[str]) -> tuple[str, NormalForm | Literal[""]]:
    """A pattern for the words wordfreq leaves whole and unchanged in `lang`
    ('' if none: another tokeniser, transliteration), and its normal form."""
    import langcodes
    import regex
    from ftfy.fixes import uncurl_quotes
    from wordfreq.language_info import get_language_info
    from wordfreq.preprocess import preprocess_text
    from wordfreq.tokens import SPACELESS_EXPR, lossy_tokenize

    language = langcodes.get(lang)
    info = get_language_info(language)
    if info != get_language_info(lang):
        return "", ""
    normal = info["normal_form"]
    if (info["tokenizer"] not in ("regex", None) or info["transliteration"]
            or info["lookup_transliteration"]):
        return "", normal
    letter = regex.compile(r"[\p{Word_Break=ALetter}&&\w]", regex.V1)
    other = regex.compile(rf"[{SPACELESS_EXPR}@'\d]", regex.V1)
    candidates = set("".join(words))
    for low, high in _BLOCKS:
        candidates.update(map(chr, range(low, high)))
    chosen = sorted(
        c for c in candidates
        if letter.fullmatch(c) and not other.match(c) and c.casefold() == c
        and unicodedata.is_normalized(normal, c) and preprocess_text(c, language) == c
        and uncurl_quotes(c) == c and lossy_tokenize(c + c, lang) == [c + c])
    if not chosen:
        return "", normal
    return "[" + "".join(_ranges(chosen)) + "]+", normal


def _ranges(chars: list[str]) -> list[str]:
    """A character class's body for sorted `chars`, consecutive runs as ranges."""
    out: list[str] = []
    first = last = chars[0]
    for c in chars[1:] + [""]:
        if c and ord(c) == ord(last) + 1:
            last = c
            continue
        out.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
        first = last = c
    return out


def _values(lang: str, wordlist: str, pack: list[list[str]], words: list[str],
            starts: list[int], letters: str, normal: NormalForm | Literal[""],
            ) -> tuple[list[float | None], float | None]:
    """wordfreq's zipf_frequency for each bucket (asked of its first word the fast
    path answers) and for unlisted words; (_, None) when a sample disagrees."""
    zipf_frequency = _wordfreq().zipf_frequency
    from wordfreq.tokens import lossy_tokenize

    values: list[float | None] = [None] * len(pack)
    if not letters:
        return values, None
    fast = re.compile(letters)
    form = cast(NormalForm, normal)  # letters come with wordfreq's normal form, never ''

    def eligible(word: str) -> bool:
        return fast.fullmatch(word) is not None and unicodedata.is_normalized(form, word)

    def whole(word: str) -> bool:
        return lossy_tokenize(word, lang) == [word]

    for i, bucket in enumerate(pack):
        word = next(filter(eligible, bucket), None)
        if word is not None:
            if not whole(word):
                return values, None
            values[i] = zipf_frequency(word, lang, wordlist)
    for n in range(0, len(words), _SAMPLE_EVERY):
        word = words[n]
        if eligible(word) and not (
                whole(word) and zipf_frequency(word, lang, wordlist)
                == values[bisect_right(starts, n) - 1]):
            return values, None
    listed = frozenset(words)
    letter = next(c for c in "abcdefghijklmnopqrstuvwxyz" + letters if fast.fullmatch(c))
    unlisted = letter
    while unlisted in listed or not eligible(unlisted):
        unlisted += letter
    if not whole(unlisted):
        return values, None
    return values, zipf_frequency(unlisted, lang, wordlist)


def _joined_agrees(lang: str, wordlist: str, pack: list[list[str]], letters: str,
                   unknown: float) -> bool:
    """Whether wordfreq answers words joined by hyphens or spaces as joined_zipf
    does, on samples from every bucket (and wordfreq is the version that
    arithmetic is from)."""
    from importlib.metadata import version

    zipf_frequency = _wordfreq().zipf_frequency
    from wordfreq.tokens import lossy_tokenize

    if not version("wordfreq").startswith("3."):
        return False
    fast = re.compile(letters)
    sample = [(i, w) for i, bucket in enumerate(pack) for w in bucket[:1] if fast.fullmatch(w)]
    if not sample:
        return False
    cases = []
    for k, (i, w) in enumerate(sample):
        j, v = sample[(k * 7 + 3) % len(sample)]
        h, u = sample[(k * 13 + 5) % len(sample)]
        cases += [([i, j], f"{w}-{v}"), ([i, j, h], f"{w}-{v}-{u}"), ([i, i], f"{w}-{w}"),
                  ([i, j], f"{w} {v}"), ([i, j, h], f"{w} {v}-{u}")]
    for centibels, word in cases:
        if lossy_tokenize(word, lang) != _JOINS.split(word):
            return False
        if zipf_frequency(word, lang, wordlist) != joined_zipf(centibels):
            return False
    return all(zipf_frequency(f"{sample[0][1]}{join}{'q' * 40}", lang, wordlist) == unknown
               for join in "- ")
