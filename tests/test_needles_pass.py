"""The one needles pass (normalize.needles) tries its expression only where a
needle may begin, and the first documents of a run are searched needle by
needle instead: either way a document gets exactly the needles present in it
(after no a-z), so a rule's gate opens on its own words and on nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import needles
from normalize.loader import load_rules


def _present(text: str, words: list[str]) -> set[str]:
    """The needles that occur in the lower-cased text with no a-z before them
    (a needle's blank: a run of white space)."""
    low = text.lower()
    return {n for n in words if re.search(
        "(?<![a-z])" + r"\s+".join(map(re.escape, n.split(" "))), low)}


# pieces of needles and of text: letters (and their capitals), blanks of several
# kinds, punctuation, letters outside ASCII (some lower-case to two characters)
ALPHABET = "abcAB -.:/[【©фàé\n\t\u00a0\u2003'İß"
NEEDLE = st.text(ALPHABET, min_size=1, max_size=6).map(lambda t: " ".join(t.lower().split()))


def _document(words: list[str], data: st.DataObject) -> str:
    piece = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(str.upper),
        st.sampled_from(words).flatmap(
            lambda w: st.integers(0, len(w)).map(lambda n: w[:n] if n % 2 else w[n:])),
        st.text(ALPHABET, max_size=3),
    )
    return "".join(data.draw(st.lists(piece, max_size=10)))


@pytest.mark.parametrize("direct", [0, 1], ids=["one pass", "needle by needle"])
@given(st.lists(NEEDLE, min_size=1, max_size=8), st.data())
@settings(max_examples=1200, deadline=None)
def test_a_document_gets_exactly_the_needles_present(direct, words, data):
    words = [w for w in words if w] or ["a"]
    registry = needles._Registry(direct=direct)
    registry.add(words)
    text = _document(words, data)
    found = needles.Found(text, registry)
    if not found.open:  # a letter whose lower case is unsafe: every rule is tried
        assert found.needles == _present(text, words)
        assert registry.direct == 0  # a search needle by needle, when one was left
        assert registry.search(" " + text) is None  # then the pass


def test_a_needle_inside_a_found_one_opens_nothing_by_its_tail():
    """'their rival' is not present because 'of their' is: the pass used to
    count every needle beginning with a found one's tail."""
    registry = needles._Registry(direct=0)
    registry.add(["of their", "their rival"])
    assert needles.Found("The chief of their team spoke.", registry).needles == {"of their"}
    assert needles.Found("The chief of their rival spoke.", registry).needles == {
        "of their", "their rival"}


def test_the_rules_needles_in_their_own_examples():
    rules = load_rules([], True).rules
    registry = needles.REGISTRY
    registry.pattern()  # built: the pass, not a search needle by needle
    searched = needles._Registry(direct=1 << 30)
    searched.add(registry.needles)
    examples = sorted({e for r in rules for e in r.meta.examples_fail + r.meta.examples_pass})
    assert registry.needles and examples
    for text in examples:
        for variant in (text, text.upper(), re.sub(r"\s", "\n", text), text.replace(" ", "")):
            assert (needles.Found(variant, registry).needles
                    == needles.Found(variant, searched).needles), variant
