"""The capitalised words of a text, found without visiting every word.

Most words of English text are lower-case; only a capitalised word can be a
name. The names kind and the mention table (`entities`) look at those
alone, so they find them with one regex that stops only at capital letters,
instead of walking `text.tokens(text)`. The words found are exactly the
words of `text.tokens` whose first letter is a capital, with the same offsets:
the pattern is `text.WORD_RE`'s, started at a capital, and a capital that
continues a word ("McDonald", "eBay", "anti-Putin") is passed over.

`capitalised_texts(text)` runs the pattern once per document for both (kept for
the last few texts): the distinct matches, from one findall, no offsets. Most
documents need no more than that, and the mention table only the offsets of
its few namelike words: `starts_of` finds those with str.find, one call a
match wanted. `scan(text)` gives every match with its offset (from `re.split`,
by adding up lengths, so no Python work per match), for the rare document in
which a names rule has candidates. ASCII text, most articles,
is scanned with the same pattern written for ASCII, which is quicker; so is a
text whose other characters are none that a word can hold ('£', curly quotes,
dashes: most of the rest), where both patterns find the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from . import programs
from .text import LETTER, MARK, WORD_RE, Token

_LETTER_RE = re.compile(LETTER)  # text.WORD_RE's letters (digits such as '²' included)
_MARK_RE = re.compile(MARK)
_BEYOND_BMP = "\uffff"


@lru_cache(maxsize=1)
def _capital_re() -> re.Pattern[str]:
    """A capital letter, or any character beyond the BMP, and the rest of a word from
    there (text.WORD_RE's body).

    The class lists every upper-case letter of the BMP, so the scan stops only at
    capitals, not at the curly quotes and dashes of news text (a long list of
    ranges beyond the BMP would make every character slow to test: those are
    all let in and sorted out by the caller). Built on first use (~30 ms) once
    per machine (normalize.programs), then loaded in under a millisecond."""
    return _capital_patterns()[0]


@lru_cache(maxsize=1)
def _capital_split() -> re.Pattern[str]:
    """`_capital_re()` in a group: `split` gives the text between matches and the
    matches, from which each match's offset follows by adding up lengths."""
    return _capital_patterns()[1]


@lru_cache(maxsize=1)
def _capital_patterns() -> list[re.Pattern[str]]:
    """`_capital_re()`, then `_capital_split()`: kept together."""
    return programs.kept("capitals", f"{LETTER} {WORD_RE.pattern}", _capital_sources, 2)


def _capital_sources() -> list[tuple[str, int]]:
    upper = "".join(re.escape(chr(c)) for c in range(0x80, 0x10000)
                    if chr(c).isupper() and _LETTER_RE.match(chr(c)))
    if not WORD_RE.pattern.startswith(LETTER):
        raise AssertionError("text.WORD_RE no longer starts with a letter class")
    capital = f"[A-Z{upper}\U00010000-\U0010ffff]{WORD_RE.pattern[len(LETTER):]}"
    return [(capital, 0), (f"({capital})", 0)]


# `_capital_split()` for ASCII text, where it is this (text.WORD_RE's letters are a-z
# and A-Z there, and it holds no combining marks), and a third quicker: the scan
# tests each character against a small class, not the whole of Unicode's capitals
_ASCII_SPLIT = re.compile(r"([A-Z][A-Za-z]*+(?:-[A-Za-z]++)*+)")
_ASCII_FIND = re.compile(_ASCII_SPLIT.pattern[1:-1])  # its matches alone
# what most often follows a word: characters that neither are letters nor marks
_STOPS = frozenset(" \n\t\r.,;:!?'\"()[]{}/’”")


class Capitals(NamedTuple):
    """What the capital pattern finds in a text, once for everything that asks.

    `words` are the matches in order (the texts only), `starts` where each begins.
    Every capitalised word is one of them, with its offsets; a match that begins
    inside a word ('Bay' of 'eBay') is there too: `starts_word` tells them apart.
    For a text with characters beyond the BMP they are the exact capitalised words."""

    words: list[str]
    starts: list[int]
    distinct: frozenset[str]


# every ASCII character, deleted from a text's UTF-8 to leave the others
_ASCII_BYTES = bytes(range(0x80))


@lru_cache(maxsize=8)
def scan(text: str) -> Capitals:
    """The capital pattern's matches in `text` and where each starts (see Capitals)."""
    ascii = ascii_words(text)
    parts = (_ASCII_SPLIT if ascii else _capital_split()).split(text)
    words = parts[1::2]  # parts: between, match, between, ..., between
    if not ascii and words and max(words) > _BEYOND_BMP:  # one opened beyond the BMP
        exact = _capitalised_beyond_bmp(text)
        words = [w.text for w in exact]
        return Capitals(words, [w.start for w in exact], frozenset(words))
    # a match starts where the text before it (every part before it) ends
    starts = list(accumulate(map(len, parts)))[::2]  # and len(text)
    return Capitals(words, starts, frozenset(words))


def ascii_words(text: str) -> bool:
    """Whether every word of `text` (text.WORD_RE) is ASCII: every character of it
    beyond ASCII is one no word holds (such as '£', curly quotes and dashes, in
    most non-ASCII news text). Then the capital pattern finds what it finds in
    ASCII text, and the ASCII one does that quicker. Those characters, each once,
    are what is left of the text's UTF-8 without its ASCII bytes (C loops, no
    regex scan of the text)."""
    if text.isascii():
        return True
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return not any(map(_in_words, set(rest.decode("utf-8", "surrogatepass"))))


@lru_cache(maxsize=4096)
def _in_words(char: str) -> bool:
    """Whether a character beyond ASCII may be in a word or start a match of the
    capital pattern: a letter of text.WORD_RE (digits such as '²' included), a
    combining mark, or any character beyond the BMP."""
    return (char > _BEYOND_BMP or _LETTER_RE.match(char) is not None
            or _MARK_RE.match(char) is not None)


def starts_word(text: str, p: int) -> bool:
    """Whether the match at `p` of `scan(text)` starts a word (not 'Bay' of 'eBay')."""
    return not p or text[p - 1].isspace() or not _continues(text, p - 1)


class _Found(NamedTuple):
    """The capital pattern's matches in a text, without their offsets."""

    words: list[str]  # the matches in order: scan(text).words
    distinct: frozenset[str]  # scan(text).distinct
    exact: bool  # the exact capitalised words (a text with characters beyond the BMP)


@lru_cache(maxsize=8)
def _found(text: str) -> _Found:
    """`scan(text)` without the offsets: one findall, no pieces between matches to
    build nor lengths to add up (`starts_of` finds the offsets of the few wanted)."""
    ascii = ascii_words(text)
    words = (_ASCII_FIND if ascii else _capital_re()).findall(text)
    if not ascii and words and max(words) > _BEYOND_BMP:  # one opened beyond the BMP
        exact = scan(text)
        return _Found(exact.words, exact.distinct, True)
    return _Found(words, frozenset(words), False)


def capitalised_texts(text: str) -> frozenset[str]:
    """Every capitalised word of `text`, and perhaps the ends of a few words that have
    a capital inside ('Bay' of 'eBay'): a superset, for a cheap first look
    (`scan(text).distinct`, found without the offsets).

    Every capitalised word is matched from its first letter to its end (an earlier
    match ends where its own word ends), unless a character beyond the BMP that
    is not a letter opens a match and swallows the word after it: then the
    exact words are used."""
    return _found(text).distinct


def starts_of(text: str, wanted: Collection[str]) -> list[tuple[int, str]]:
    """(start, word) of each capitalised word of `text` whose text is in `wanted`, in
    order: the matches of `scan(text)` with such a text that start a word, with
    their offsets, worked out for those matches alone.

    Each wanted match is found with str.find from the end of the one before:
    the first occurrence of its text there that is a match of the pattern with
    that text (the pattern would take no more of the text after it, and it
    starts a word or, 'Bay' of 'eBay', opens a match inside one: then it is
    passed over). An occurrence before it is no such match, or it would be a
    wanted match before this one."""
    found = _found(text)
    words, exact = found.words, found.exact
    size = len(text)
    find = text.find
    out = []
    pos = 0
    for word in compress(words, map(wanted.__contains__, words)):
        n = len(word)
        p = find(word, pos)
        end = p + n
        if p > 0 and end < size and text[p - 1] in _STOPS and text[end] in _STOPS:
            out.append((p, word))  # (most: a word between blanks or punctuation)
            pos = end
            continue
        while True:
            if p < 0:  # (cannot be: every wanted match is there to be found)
                return _from_scan(text, wanted)
            end = p + n
            if end == size or text[end] in _STOPS or _ends(text, end):
                if not p or text[p - 1] in _STOPS or not _continues(text, p - 1):
                    out.append((p, word))
                    break
                if not exact and _opens(text, p):  # a match inside a word, passed over
                    break
            p = find(word, p + 1)
        pos = end
    return out


def _from_scan(text: str, wanted: Collection[str]) -> list[tuple[int, str]]:
    """`starts_of` from every match of `scan(text)` and its offset."""
    words, starts, _ = scan(text)
    return [(p, word) for word, p in zip(words, starts)
            if word in wanted and starts_word(text, p)]


def _ends(text: str, end: int) -> bool:
    """Whether a word of text.WORD_RE that reaches `end` (< len(text)) stops there:
    it goes on into a letter or a combining mark, or over a hyphen into a letter."""
    c = text[end]
    if c == "-":
        return _LETTER_RE.match(text, end + 1) is None
    return _LETTER_RE.match(c) is None and _MARK_RE.match(c) is None


def _opens(text: str, p: int) -> bool:
    """Whether the capital at `p`, inside a word, opens a match of the capital
    pattern: no capital (of its class) comes before it in the word, which the
    match of that capital would have taken it into."""
    i = p - 1
    letter = True  # text[i + 1] is a letter
    while i >= 0:
        c = text[i]
        if c == "-":
            if not letter or not i or not _in_word(text, i - 1):
                return True
            letter = False
        elif _LETTER_RE.match(c) is not None:
            if c > _BEYOND_BMP or c.isupper():
                return False
            letter = True
        elif _MARK_RE.match(c) is not None:
            letter = False
        else:
            return True
        i -= 1
    return True


@lru_cache(maxsize=8)
def capitalised_words(text: str) -> tuple[Token, ...]:
    """The words of `text` whose first letter is a capital, in order: the same as
    `tuple(w for w in tokens(text) if w.text[0].isupper())`."""
    words, starts, _ = scan(text)
    new = tuple.__new__  # what Token(...) does, without the call overhead
    return tuple([new(Token, (word, p, p + len(word))) for word, p in zip(words, starts)
                  if not p or text[p - 1].isspace() or not _continues(text, p - 1)])


def _capitalised_beyond_bmp(text: str) -> tuple[Token, ...]:
    """`capitalised_words` for a text with characters beyond the BMP (emoji, say),
    which the pattern lets in whatever they are: one that is not a capital letter
    is passed over, and the scan resumes right after it, not after its match."""
    out = []
    search = _capital_re().search
    pos = 0
    while (m := search(text, pos)) is not None:
        p, pos = m.start(), m.end()
        word = m.group()
        if word[0] > _BEYOND_BMP and not (word[0].isupper() and _LETTER_RE.match(word)):
            pos = p + 1
            continue
        if p and not text[p - 1].isspace() and _continues(text, p - 1):
            continue
        out.append(Token(word, p, pos))
    return tuple(out)


def occurrences(text: str, word: str) -> list[Token]:
    """Where `word` (a capitalised word) stands in `text` as a whole word of
    `text.tokens`, in order: found with str.find, each hit checked to start and end
    a word."""
    out = []
    n = len(word)
    find, match = text.find, WORD_RE.match
    p = find(word)
    while p >= 0:
        end = p + n
        if (not p or text[p - 1].isspace() or not _continues(text, p - 1)) and (
                m := match(text, p)) is not None and m.end() == end:
            out.append(Token(word, p, end))
        p = find(word, p + 1)
    return out


def _continues(text: str, i: int) -> bool:
    """Whether a word running through text[i] goes on into the letter at i + 1."""
    if text[i] == "-":  # "anti-Putin": a hyphen inside a word, not one opening it
        return i > 0 and _in_word(text, i - 1)
    return _in_word(text, i)


def _in_word(text: str, i: int) -> bool:
    """Whether text[i] belongs to a word (a letter, or a mark after one)."""
    while i >= 0 and _MARK_RE.match(text, i):
        i -= 1
    return i >= 0 and _LETTER_RE.match(text, i) is not None
