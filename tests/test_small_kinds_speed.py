"""The shared screen of the typography checks, and the substitution rules'
search from their heads, stop no finding: each rule finds what it finds
without them, on random texts made of its own examples and risky characters."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.kinds import substitution
from normalize.loader import load_rules
from normalize.typography import screen as screen_module

RULES = load_rules([], True).rules
TYPOGRAPHY = [r for r in RULES if r.KIND == "typography"]
SUBSTITUTION = [r for r in RULES if r.KIND == "substitution"]

RISKY = [
    " ", "  ", "\t", "\n", "\r\n", ",", ";", ":", ".", "!", "?", "-", '"', "“", "”", "_", "1",
    "a", "A", "é", "ж", "ß", "K", "İ", "ı", "中", "👍", "\u00a0", "\u202f", "\u2009", "\u0301",
    "\u200b", "\u200d", "\ufeff", "Ã©", "â€", "â€™", "Ð°", "α", "а", "the", "The", "THE", "whole",
    "anti -drone", "counter- attack", "added.The", "word , x", 'said"We', ", ,", ";;",
]


def _pieces(rules):  # noqa: ANN001
    return st.sampled_from(RISKY + [e for r in rules
                                    for e in (*r.meta.examples_fail, *r.meta.examples_pass)])


def _texts(rules):  # noqa: ANN001
    return st.lists(_pieces(rules), max_size=12).map("".join)


def _found(rule, text: str) -> list:  # noqa: ANN001
    return sorted(rule.check(Document.from_text(text)), key=lambda f: (f.start, f.end, f.code))


@given(text=_texts(TYPOGRAPHY))
@settings(max_examples=600, deadline=None, derandomize=True)
def test_typography_rules_find_what_their_checks_find(text):
    for rule in TYPOGRAPHY:
        doc = Document.from_text(text)
        screened = _found(rule, text)
        whole = sorted(rule._findings(doc), key=lambda f: (f.start, f.end, f.code))
        assert screened == whole, (rule.meta.code, text)


def test_every_check_has_its_needs():
    from normalize.typography import CHECKS

    assert set(screen_module.NEEDS) == set(CHECKS)


def _plain(pattern, text, heads):  # noqa: ANN001
    return pattern.finditer(text)


@given(text=_texts(SUBSTITUTION))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_substitution_search_from_heads_finds_every_match(text):
    for rule in SUBSTITUTION:
        for (pattern, _), heads in zip(rule.entries, rule.heads):
            got = [m.span() for m in substitution.finditer(pattern, text, heads)]
            assert got == [m.span() for m in pattern.finditer(text)], (rule.meta.code, text)


@given(text=_texts(SUBSTITUTION))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_substitution_rules_find_what_plain_searches_find(text):
    fast = {rule.meta.code: _found(rule, text) for rule in SUBSTITUTION}
    with mock.patch.object(substitution, "finditer", _plain):
        for rule in SUBSTITUTION:
            assert fast[rule.meta.code] == _found(rule, text), (rule.meta.code, text)


def test_many_heads_search_the_whole_text():
    """'the' a hundred times: one search instead of a match at each."""
    rule = next(r for r in SUBSTITUTION if any(h == ("the",) for h in r.heads))
    n = next(i for i, h in enumerate(rule.heads) if h == ("the",))
    pattern = rule.entries[n][0]
    for text in ("the " * 300 + "the whole NATO.", "x" * 3000 + "The whole EU must act."):
        assert ([m.span() for m in substitution.finditer(pattern, text, ("the",))]
                == [m.span() for m in pattern.finditer(text)])
