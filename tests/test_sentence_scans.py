"""`mentions.sentences` finds its sentence ends with one scan per character a
sentence end may begin with; the sentences are those of the one scan with
_SENTENCE_END that it did before (texts built from the characters that move
sentence edges: stops, closing and opening marks, blanks, line breaks, long
runs)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import mentions
from normalize.mentions import MAX_SENTENCE, _add, sentences

# the sentence ends as one pattern, which `sentences` scanned with before
_SENTENCE_END = re.compile(
    r"""[.!?\n](?:(?<=[.!?])[”"’')\]]*\s+(?=[“"‘'(\[]?[A-Z0-9])|(?<=\n)\s*)""")


def _one_scan(text: str) -> list[tuple[int, int]]:
    """`sentences` as it was: one scan with _SENTENCE_END."""
    out: list[tuple[int, int]] = []
    start = 0
    if text[:1].isspace():
        start = len(text) - len(text.lstrip())
    for m in _SENTENCE_END.finditer(text):
        end, after = m.span()
        if text[end] == "\n":
            while end > start and text[end - 1].isspace():
                end -= 1
        else:
            end += 1
        if end - start > MAX_SENTENCE:
            _add(text, start, end, out)
        elif end > start:
            out.append((start, end))
        start = after
    _add(text, start, len(text), out)
    return out


PIECES = ["He", "said", "Mr", "it", "3", "A", "x", "é", "£5m", "the", "Lithuania", "NATO"]
GLUE = [" ", ". ", "! ", "? ", ".", "!", "?", "\n", "\n\n", " \n ", ".\n", '."\n', ".”\n", "?)",
        '." ', ". “", ". (", ". [", "!\n\n", "  ", "\t", "\r\n", ".\r\n", ". \n", "\u2028",
        "\x0b", "\xa0", "...", "?!", '"', "’", ")", "(", "x" * 990, "y " * 520]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GLUE)), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))


@given(st.one_of(TEXTS, st.text(alphabet=" .!?\n\t\"”’)(“A0a", max_size=60)))
@settings(max_examples=1500, deadline=None, derandomize=True)
def test_sentences_are_those_of_one_scan(text):
    assert sentences(text) == _one_scan(text)
    assert sentences(" " + text) == _one_scan(" " + text)


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "A. B", "A.\nB", 'He said." \nThe', "A.  \n\n  B! C? D\n", "a.\n\nb",
    "x" * 1200 + ". Y", ("word " * 300) + ".\nNext", "One.\u2028Two. Three",
])
def test_known_texts(text):
    assert sentences(text) == _one_scan(text)


def test_the_stop_scans_are_the_sentence_end_pattern():
    for stop, pattern in mentions._STOP_ENDS:
        assert pattern.pattern.startswith("\\" + stop) or pattern.pattern.startswith(stop)
    assert set(stop for stop, _ in mentions._STOP_ENDS) == set(".!?")
