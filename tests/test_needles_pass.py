"""The one needles pass tries the trie only where a needle may begin
(normalize.needles): it finds exactly what one search of every character finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import needles
from normalize.loader import load_rules


def _old(text: str, registry: needles._Registry) -> set[str]:
    """The pass as one `findall` of the trie over the whole lower-cased text."""
    found = needles.Found(text, registry)  # for `open` and the registry's build
    pattern = registry.pattern()
    if found.open or pattern is None:
        return set()
    key = " " + text.lower()
    matches = set(pattern.findall(key))
    if any(m[-1] not in needles._AZ for m in matches):
        matches, at = set(), 0
        while m := pattern.search(key, at):
            matches.add(m.group(1))
            at = m.end() if m.group(1)[-1] in needles._AZ else m.end() - 1
    out: set[str] = set()
    for match in matches:
        out |= registry.implied(" ".join(match.split()))
    return out


# pieces of needles and of text: letters (and their capitals), blanks of several
# kinds, punctuation, letters outside ASCII (some lower-case to two characters)
ALPHABET = "abcAB -.:/[【©фàé\n\t\u00a0\u2003'İß"
NEEDLE = st.text(ALPHABET, min_size=1, max_size=6).map(lambda t: " ".join(t.lower().split()))


@given(st.lists(NEEDLE, min_size=1, max_size=8), st.data())
@settings(max_examples=1500, deadline=None)
def test_the_pass_finds_what_a_search_of_every_character_finds(words, data):
    words = [w for w in words if w]
    registry = needles._Registry()
    registry.add(words)
    piece = st.one_of(
        st.sampled_from(words or ["a"]),
        st.sampled_from(words or ["a"]).map(str.upper),
        st.sampled_from(words or ["a"]).flatmap(
            lambda w: st.integers(0, len(w)).map(lambda n: w[:n] if n % 2 else w[n:])),
        st.text(ALPHABET, max_size=3),
    )
    text = "".join(data.draw(st.lists(piece, max_size=10)))
    assert needles.Found(text, registry).needles == _old(text, registry)


def test_the_rules_needles_in_their_own_examples():
    registry = needles.REGISTRY
    rules = load_rules([], True).rules
    examples = sorted({e for r in rules for e in r.meta.examples_fail + r.meta.examples_pass})
    assert registry.needles and examples
    for text in examples:
        for variant in (text, text.upper(), re.sub(r"\s", "\n", text), text.replace(" ", "")):
            assert needles.Found(variant, registry).needles == _old(variant, registry), variant
