"""The pronoun kind's quick tests say what the plain readings say: the
person-noun test, which reads an ASCII sentence (most, even in a text with a
"£") with one pattern, and `pronouns.speaker_in`, one scan for each half of
SPEAKER."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import pronouns
from normalize.kinds import pronoun
from normalize.mentions import sentences
from normalize.text import same_length_lower

from .test_pronoun_speed import _plain_person_word


@pytest.fixture(scope="module")
def rule(default_rules):
    (found,) = [r for r in default_rules.rules if r.KIND == "pronoun"]
    return found


WORDS = ["minister", "Minister,", "MAN", "man-made", "year-old", "20-year-old", "x-man", "man-",
         "-man", "mr.", "Mr", "the", "state", "£", "é", "mané", "ministé", "Kelvin\u212a", "ſir",
         "a\u0301man", "man\u0301", "İs", "boss’s", "(chief)", "x", "Mrs", "wife",
         "Spokeswoman", "son-in-law"]
SENTENCES = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@given(st.lists(SENTENCES, min_size=1, max_size=5))
@settings(max_examples=800, deadline=None, derandomize=True)
def test_person_word_is_the_word_by_word_reading(rule, parts):
    """Sentences with and without characters outside ASCII, in texts with and
    without them."""
    text = ". ".join(parts)
    low = same_length_lower(text)
    assert rule.any_person_word
    for start, end in sentences(text):
        assert rule._person_word(text, low, start, end) == _plain_person_word(
            rule, text, start, end)


@given(st.text(alphabet="Imeyslf x_2-é\u0301.\n", max_size=40), st.integers(0, 45),
       st.integers(0, 45))
@settings(max_examples=1500, deadline=None, derandomize=True)
def test_speaker_in_is_a_scan_with_speaker(text, start, end):
    start, end = min(start, len(text)), min(end, len(text))
    m = pronouns.SPEAKER.search(text, start, min(len(text), end + pronouns._REACH))
    assert pronouns.speaker_in(text, start, end) == (m is not None and m.start() < end)


def test_an_ascii_stretch_of_the_lower_case_is_one_of_the_text():
    """The quick tests pick their ASCII patterns by the lower-cased text
    (`same_length_lower`): no character outside ASCII that it keeps turns into
    ASCII in lower case."""
    for code in range(128, 0x110000):
        char = chr(code)
        if char.lower().isascii():
            assert same_length_lower("x" + char) is None


@given(st.lists(SENTENCES, min_size=1, max_size=4))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_may_name_thing_reads_what_the_unicode_pattern_reads(rule, parts):
    text = ". ".join(parts) + " NATO Paris drone state"
    low = same_length_lower(text)
    if low is None:
        return
    for start, end in sentences(text):
        for cut in range(start, end + 1, 3):
            unicode = not (rule.thing_nouns.isdisjoint(
                pronoun._LETTERS.findall(low, start, cut)) and rule.organisation_heads.isdisjoint(
                pronoun._LETTERS.findall(text, start, cut)) and pronoun._place_keys().isdisjoint(
                pronoun._LETTERS.findall(text, start, cut)))
            assert rule._may_name_thing(text, low, start, cut) == unicode
