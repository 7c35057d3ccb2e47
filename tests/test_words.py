"""The fast word pattern finds exactly the words of the documented one (text.WORD)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.text import WORD, WORD_RE, tokens, tokens_between

PLAIN = re.compile(WORD)


@given(st.lists(st.sampled_from(list("ab-_1 é\u0301\u030cŠ\u200d.'’Ж\u1ab0\ufe20")
                                + ["--", "Kęstutis"]), max_size=40).map("".join))
@settings(max_examples=500)
def test_same_words_as_the_plain_pattern(text):
    assert [m.span() for m in PLAIN.finditer(text)] == [m.span() for m in WORD_RE.finditer(text)]
    assert [(t.text, t.start, t.end) for t in tokens(text)] == [
        (m.group(), m.start(), m.end()) for m in PLAIN.finditer(text)]


@given(st.lists(st.sampled_from(list("ab-_1 é\u0301Š.’Ж") + ["Kęstutis", ". "]), max_size=40)
       .map("".join), st.data())
@settings(max_examples=500)
def test_words_between_offsets_are_the_words_of_the_slice(text, data):
    """Cut at spaces (where callers cut: sentences, lines), a range's words are the slice's."""
    cuts = [0, len(text)] + [i for i, ch in enumerate(text) if ch == " "]
    start = data.draw(st.sampled_from(sorted(cuts)))
    end = data.draw(st.sampled_from([c for c in sorted(cuts) if c >= start]))
    expected = [(t.text, t.start + start, t.end + start) for t in tokens(text[start:end])]
    assert [tuple(t) for t in tokens_between(text, start, end)] == expected
