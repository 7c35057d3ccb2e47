"""The language kind's test of a word opening a sentence reads only what is just before
it: the same answers as the pattern over the whole line before the word, in linear time."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.kinds.language import _starts_sentence

# the former test: the line before the word, quotes and brackets stripped, ends the text
# or a stop and blanks
_SPEC = re.compile(r"(?:^|[.:!?;|•·–—-]\s*)$")

_PIECES = st.sampled_from(["«", "“", '"', "'", "(", " ", "\t", "\n", "\u00a0", "\u2003",
                           ".", ":", "!", "?", ";", "|", "•", "·", "–", "—", "-", ",",
                           "a", "B", "é", "x.y", "\r", "\x1c"])


def spec(line: str, at: int) -> bool:
    return _SPEC.search(line[:at].rstrip("«“\"'( ")) is not None


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_same_answer_as_the_pattern_over_the_line_before(before):
    line = before + "Word after"
    assert _starts_sentence(line, len(before)) == spec(line, len(before))


def test_known_cases():
    assert _starts_sentence("Leggi anche: La Lituania", 13)
    assert _starts_sentence("“Hello", 1)
    assert not _starts_sentence("the Lituania", 4)
    assert not _starts_sentence("\tLituania", 1)  # as before: a tab is not stripped first


def test_a_long_line_costs_what_its_words_cost():
    # 20,000 capitalised words on one line: each looks back a blank, not the whole line
    line = "Kestutis " * 20_000
    starts = [m.start() for m in re.finditer(r"K", line)]
    assert sum(_starts_sentence(line, at) for at in starts) == 1  # only the first
