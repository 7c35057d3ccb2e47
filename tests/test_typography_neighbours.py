"""The shared test of neighbouring characters (`typography.neighbours`) and the
searches that begin with a literal stop no hit.

`neighbours` may say a text holds a pair it does not hold (a byte outside ASCII
counts as a letter, the last byte of U+00A0 as a space), never the reverse;
on ASCII text it is exact. The checks that use it are compared with
themselves when it lets every text through.
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import typography
from normalize.loader import load_rules
from normalize.typography import CHECKS, spacing

OPTIONS = {r.options["check"]: r.options for r in load_rules([], True).rules
           if r.KIND == "typography"}

# what each flag stands for, as a plain search (a match must make the flag 1)
PLAIN = {
    typography.SPACE_MARK: re.compile("[ \t\u00a0\u202f\u2009][,;:.!?]"),
    typography.MARK_AGAIN_OR_UPPER: re.compile("[,;:.!?][A-Z,;:]"),
    typography.BLANK_HYPHEN_LETTER: re.compile(r"[ \t]-[^\W\d_]"),
    typography.LETTER_HYPHEN_BLANK: re.compile(r"[^\W\d_]-[ \t]"),
}

RISKY = st.sampled_from([
    " ", "  ", "\t", "\n", "\r", ",", ";", ":", ".", "!", "?", "-", '"', "“", "”", "_", "1",
    "a", "z", "A", "Z", "é", "É", "ж", "Ж", "ß", "K", "ſ", "İ", "ı", "ǅ", "中", "👍",
    "\u00a0", "\u202f", "\u2009", "\u2000", "\u0301", "\u200b", "\ud800", "\x89", "\xa0", "\xaf",
    "\u0120", "\u2029", "anti", "ANTI", "counter", "pre", "and", "The", "x1", "2",
    "anti -drone", "counter- attack", "added.The", "word , x", 'said"We', 'a "b" c"d',
])
TEXTS = st.one_of(st.lists(RISKY, max_size=60).map("".join), st.text(max_size=80))


@given(TEXTS)
@settings(max_examples=1500, deadline=None, derandomize=True)
def test_neighbours_holds_every_pair_the_plain_searches_find(text):
    got = typography.neighbours.__wrapped__(text)
    for flag, plain in PLAIN.items():
        if plain.search(text):
            assert got & flag, (flag, text)
        elif text.isascii():
            assert not got & flag, (flag, text)  # exact on ASCII: the bits line up


@pytest.mark.parametrize("size", [0, 1, 4093, 4096, 4097, 9000, 70000])
@pytest.mark.parametrize("pair", [" ,", "\u00a0;", "\u2009?", ".T", "?Q", ",,", ".:", " -d", "\t-é",
                                  "o- ", "é-\t", "K- "])
def test_neighbours_at_both_ends_of_long_texts(size, pair):
    """The masks grow with the longest text seen; a pair at either end counts."""
    want = [flag for flag, plain in PLAIN.items() if plain.search(pair)]
    assert want
    for text in ("x" * size + pair, pair + "x" * size, "é" * size + pair + "x"):
        typography.neighbours.cache_clear()
        for flag in want:
            assert typography.neighbours(text) & flag, (size, pair, flag)
    assert typography.neighbours("x" * size) == 0


def _hits(check, text):  # noqa: ANN001
    return [(h.start, h.end, h.replacement, h.safe, sorted(h.values.items()))
            for h in CHECKS[check](text, OPTIONS[check])]


@pytest.mark.parametrize("check", ["space-before-punctuation", "space-in-hyphenation",
                                   "space-after-sentence", "space-before-quote",
                                   "doubled-punctuation"])
@given(text=TEXTS)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_checks_find_what_they_find_without_the_shared_test(check, text):
    fast = _hits(check, text)
    with mock.patch.object(spacing, "neighbours", lambda text: -1), \
            mock.patch.object(spacing, "_GLUED_QUOTE", spacing._STRAIGHT_GLUED):
        assert _hits(check, text) == fast


@given(TEXTS)
@settings(max_examples=500, deadline=None, derandomize=True)
def test_glued_quotes_are_found_from_the_quote(text):
    assert [m.span() for m in spacing._GLUED_QUOTE.finditer(text)] == \
        [m.span() for m in spacing._STRAIGHT_GLUED.finditer(text)]


@pytest.mark.parametrize("prefixes, text, found", [
    (("x1",), "the x1- drone", True),  # a prefix that ends in a digit
    (("x1",), "the x1 -drone", True),
    (("k",), "the K- drone", True),  # KELVIN SIGN matches k, ignoring case
    (("anti",), "the ANTI- drone", True),
    (("anti",), "the anti - drone", False),
])
def test_prefixes_that_end_in_anything(prefixes, text, found):
    hits = list(spacing.space_in_hyphenation(text, {"prefixes": list(prefixes)}))
    assert bool(hits) == found
    with mock.patch.object(spacing, "neighbours", lambda text: -1):
        assert list(spacing.space_in_hyphenation(text, {"prefixes": list(prefixes)})) == hits


def test_joints_let_everything_through_after_a_prefix_that_ends_in_no_letter():
    assert spacing._joints(("anti", "pré")) == \
        typography.BLANK_HYPHEN_LETTER | typography.LETTER_HYPHEN_BLANK
    assert spacing._joints(("anti", "x1")) == 0


@given(TEXTS)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_starts_of_several_patterns(text):
    for patterns in (spacing._MARK_AGAIN, spacing._MARK_CAPITAL):
        assert typography.starts(text, *patterns) == \
            sorted({m.start() for p in patterns for m in p.finditer(text)})


@given(TEXTS)
@settings(max_examples=500, deadline=None, derandomize=True)
def test_doubled_punctuation_finds_what_its_pattern_finds(text):
    """It looks for a doubled mark only where `neighbours` and `in` let it."""
    assert [(h.start, h.end) for h in spacing.doubled_punctuation(text, {})] == \
        [m.span() for m in spacing._DOUBLED.finditer(text)]


def test_a_text_over_the_limit_may_hold_every_pair_and_grows_no_mask(monkeypatch):
    monkeypatch.setattr(typography, "NEIGHBOURS_LIMIT", 64)
    monkeypatch.setattr(typography, "_MASKS", [{}])
    typography.neighbours.cache_clear()
    assert typography.neighbours("plain words " * 5) == 0  # 60 bytes: looked at
    assert typography.neighbours("plain words " * 6) == (
        typography.SPACE_MARK | typography.MARK_AGAIN_OR_UPPER
        | typography.BLANK_HYPHEN_LETTER | typography.LETTER_HYPHEN_BLANK)
    assert typography._MASKS[0][0] == 4096  # the masks of the first text only
    typography.neighbours.cache_clear()
