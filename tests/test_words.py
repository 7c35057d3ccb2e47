"""The fast word pattern finds exactly the words of the documented one (text.WORD)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.text import WORD, WORD_RE, tokens

PLAIN = re.compile(WORD)


@given(st.lists(st.sampled_from(list("ab-_1 é\u0301\u030cŠ\u200d.'’Ж\u1ab0\ufe20")
                                + ["--", "Kęstutis"]), max_size=40).map("".join))
@settings(max_examples=500)
def test_same_words_as_the_plain_pattern(text):
    assert [m.span() for m in PLAIN.finditer(text)] == [m.span() for m in WORD_RE.finditer(text)]
    assert [(t.text, t.start, t.end) for t in tokens(text)] == [
        (m.group(), m.start(), m.end()) for m in PLAIN.finditer(text)]

