"""normalize.wordstore answers exactly what wordfreq answers, from the cache or without it."""

from __future__ import annotations

import re
from functools import cache

import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cache as disk
from normalize import wordstore
from normalize.attested import ATTESTING
from normalize.encoding import LANGUAGES

from .conftest import SEEDS, SHARED

BBC = SHARED / "corpora" / "bbc" / "business"
# words, hyphenated words, words with apostrophes (straight and curly), numbers
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
# the large lists of the languages grouping.attested reads take a second each to build
_LARGE = [pytest.param(lang, marks=pytest.mark.slow) for lang in ATTESTING
          if lang not in ("en", "lt", "lv")]


@cache
def _words(folder_text: str) -> tuple[str, ...]:
    found = set(_TOKEN.findall(folder_text))
    return tuple(sorted(found | {w.lower() for w in found}))


def _folder_words(*folders) -> tuple[str, ...]:
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for folder in folders if folder.is_dir() for p in sorted(folder.glob("*.txt")))
    return _words(text)


def _slow(word: str, lang: str, wordlist: str = "best") -> float | str:
    try:
        return wordfreq.zipf_frequency(word, lang, wordlist)
    except Exception as exc:  # noqa: BLE001 - the same exception either way
        return type(exc).__name__


def _fast(word: str, lang: str, wordlist: str = "best") -> float | str:
    try:
        return wordstore.zipf_frequency(word, lang, wordlist)
    except Exception as exc:  # noqa: BLE001
        return type(exc).__name__


def _agree(words, lang: str, wordlist: str = "best") -> None:
    found = wordstore.word_list(lang, wordlist)
    assert found is not None
    listed = wordfreq.get_frequency_dict(lang, wordlist)
    fast = 0
    for word in words:
        expected = _slow(word, lang, wordlist)
        assert _fast(word, lang, wordlist) == expected, (word, lang, wordlist)
        fast += found.zipf(word) is not None
        assert (word in found) == (word in listed), (word, lang)
    assert fast > len(words) / 2  # most words do not need wordfreq


def test_english_agrees_on_every_word_of_seeds_and_bbc():
    words = _folder_words(SEEDS, BBC)
    _agree(words, "en")
    found = wordstore.word_list("en")
    for n in (1, 150, 60_000, 100_000):
        assert found.top(n) == wordfreq.top_n_list("en", n)
    assert found.top(500, ascii_only=True) == wordfreq.top_n_list("en", 500, ascii_only=True)


@pytest.mark.parametrize("lang", ["lt", "lv", *_LARGE])
def test_attesting_languages_agree(lang):
    _agree(_folder_words(SEEDS, BBC if lang not in ("lt", "lv") else SEEDS), lang)
    assert wordstore.top_n_list(lang, 150) == wordfreq.top_n_list(lang, 150)


def test_small_lists_of_the_encoding_languages_agree():
    words = _folder_words(SEEDS)
    for lang in LANGUAGES:
        _agree(words, lang, "small")


_LETTERS = ("abcdeszß ẞSŠšėęąčžıİIiíóúñçøåæœ'’ʼ-0123456789 .@\u0301\u0307"
            "ςσΣλέξιςабвгдеёжзщ中文ｆﬁ\u00a0")


@settings(max_examples=400, deadline=None)
@given(word=st.text(_LETTERS, min_size=1, max_size=10),
       lang=st.sampled_from(["en", "lt", "tr", "el", "ro", "ja", "zh"]))
def test_any_string_agrees(word, lang):
    wordlist = "best" if lang in ("en", "lt") else "small"
    assert _fast(word, lang, wordlist) == _slow(word, lang, wordlist)


@pytest.mark.parametrize("word", ["groß", "GROSS", "naïve", "nai\u0308ve", "l'eau", "don't",
                                  "don’t", "o'neill", "x-box", "secretary-general", "a--b",
                                  "-a", "2004", "covid-19", "şakalienė", "ǆ", "ŉ", "µ", "",
                                  "dovile sakaliene", "new york", "the anti-war zone",
                                  "a  b", " a", "a ", "a\tb", "a - b", "kęstutis budrys"])
def test_edge_cases_agree(word):
    for lang in ("en", "lt"):
        assert _fast(word, lang) == _slow(word, lang), (word, lang)


def test_words_joined_by_a_space_are_answered_without_wordfreq():
    found = wordstore.word_list("en")
    assert found.zipf("dovile sakaliene") is not None
    assert found.zipf("new york") is not None
    assert found.zipf("new  york") is None  # two blanks: wordfreq's tokeniser decides


def test_a_cached_entry_answers_as_a_fresh_one(monkeypatch):
    fresh = wordstore.build("lt")
    assert wordstore.build("lt") == fresh  # deterministic
    words = _folder_words(SEEDS)
    stored = wordstore.word_list("lt")  # from the cache, or built and written
    rebuilt = wordstore.WordList(fresh)
    assert [stored.zipf(w) for w in words] == [rebuilt.zipf(w) for w in words]
    # a damaged entry is built again
    monkeypatch.setattr(wordstore, "_LISTS", {})
    name, key = wordstore._entry("lv", "best", wordstore.versions())
    disk.write(name, key, b"\0\0\0\0garbage")
    assert [wordstore.zipf_frequency(w, "lv") for w in words] == [_slow(w, "lv") for w in words]
    assert wordstore.WordList(disk.read(name, key)) is not None


def test_without_the_cache_wordfreq_answers(monkeypatch):
    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    monkeypatch.setattr(wordstore, "_LISTS", {})
    assert wordstore.word_list("en") is None
    for word in ("the", "drone", "zzqx", "x-box", "groß"):
        assert wordstore.zipf_frequency(word, "en") == wordfreq.zipf_frequency(word, "en")
    assert wordstore.top_n_list("en", 150) == wordfreq.top_n_list("en", 150)
    assert "the" in wordstore.listing("en")


def test_a_language_without_a_list_goes_to_wordfreq(monkeypatch):
    monkeypatch.setattr(wordstore, "_LISTS", {})
    assert wordstore.word_list("xx") is None
    assert _fast("word", "xx") == _slow("word", "xx")


@pytest.mark.parametrize("pack", [[["the", "a"], ["of", "the"]], [["the", "a\nb"], ["of"]],
                                  [["the\n"]]])
def test_a_list_this_format_cannot_hold_is_refused(pack, monkeypatch):
    """A word listed twice (wordfreq's dict keeps one) or holding a newline."""
    monkeypatch.setattr(wordfreq, "get_frequency_list", lambda lang, wordlist="best": pack)
    monkeypatch.setattr(wordfreq, "get_frequency_dict", lambda lang, wordlist="best": {
        w: 10 ** -i for i, bucket in enumerate(pack) for w in bucket})
    with pytest.raises(ValueError):
        wordstore.build("en")


@pytest.mark.parametrize("n", [1, 2, 3, 5, 9])
def test_the_top_words_are_read_without_decoding_the_whole_list(n, monkeypatch):
    """`top` decodes a growing head of the list: words longer than its first
    guess, letters of several bytes, a list shorter than asked for."""
    pack = [["é" * 700, "the"], ["12", "b" * 2000, "ž"], ["of"]]
    monkeypatch.setattr(wordfreq, "get_frequency_list", lambda lang, wordlist="best": pack)
    monkeypatch.setattr(wordfreq, "get_frequency_dict", lambda lang, wordlist="best": {
        w: 10 ** -i for i, bucket in enumerate(pack) for w in bucket})
    found = wordstore.WordList(wordstore.build("en"))
    slow = wordfreq.top_n_list.__wrapped__  # not its answers for the real list, kept
    for ascii_only in (False, True):
        expected = slow("en", n, ascii_only=ascii_only)
        assert found.top(n, ascii_only) == expected
        assert len(expected) == min(n, 3 if ascii_only else 5)  # not "12"
