"""The pronoun kind: gendered pronouns for countries, organisations and objects."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import mentions
from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet
from normalize.mentions import Kind, sentences


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "pronoun"))


def _found(rule, text):
    return [(f.text, f.replacement) for f in check_document(Document.from_text(text), rule)]


@pytest.mark.parametrize("text,expected", [
    ("Latvia asked the EU to give her more money.", [("her", "it")]),
    ("Latvia asked the EU to double her budget.", [("her", "its")]),
    ("The alliance said his troops were ready.", [("his", "its")]),
    ("The drone turned south. He crashed near Kaunas.", [("He", "It")]),
    ("The ministry defended himself in court.", [("himself", "itself")]),
])
def test_proposals(rule, text, expected):
    assert _found(rule, text) == expected


@pytest.mark.parametrize("text", [
    # a person anywhere in the stretch read
    "Gordon Brown met the EU leaders. The council backed his plan.",
    "In his twenties he lived in Japan. And the 101-year-old has eaten fish every day.",
    "Charles Kennedy said the tax system was unfair in his view.",
    # a pronoun already read as a person silences later ones
    "She flew to Paris. France welcomed her warmly.",
    # nothing to refer to
    "He said so.",
    # a speaker is a person
    '"Hollywood came to us," he adds.',
    "Japan is ageing fast, he said.",
    # "she" for a ship is English
    "The frigate left Gdynia and she sailed for Kiel.",
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []


def test_pronoun_pointing_forward_needs_the_next_sentence(rule):
    text = "Japan is ageing. In his twenties he battled illness. Then Mr Sato retired."
    assert _found(rule, text) == []


def test_sentences_split_on_stops_and_lines():
    text = "One here. Two there!\nThree"
    assert [text[s:e] for s, e in sentences(text)] == ["One here.", "Two there!", "Three"]


def test_sentences_without_stops_are_cut_into_bounded_pieces():
    text = "word " * 1000
    spans = sentences(text)
    assert len(spans) > 4 and all(e - s <= 1000 for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text.strip()


def test_candidates_are_named_in_the_message(rule):
    doc = Document.from_text("Estonia said her border was closed.")
    (finding,) = check_document(doc, rule)
    assert "'Estonia'" in finding.message
    assert dict(finding.data)["candidates"] == "Estonia"


def test_kind_enum_has_person():
    assert Kind.PERSON.value == "person"


def test_he_for_a_ship_is_not_english(rule):
    assert _found(rule, "The frigate left Gdynia. He will enter service in May.") == [("He", "It")]


def test_a_name_after_the_is_not_a_person(rule):
    text = "Poland has ordered three frigates and wants to strengthen her presence in the Baltic."
    assert _found(rule, text) == [("her", "its")]


# -- sentences: the same as the plain splitter ---------------------------------------

_PLAIN_END = re.compile(r"""[.!?][”"’')\]]*\s+(?=[“"‘'(\[]?[A-Z0-9])|\n\s*""")


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    """Each stretch between two sentence ends, blanks trimmed, cut by `_add`."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PLAIN_END.finditer(text):
        mentions._add(text, start, m.start() + (1 if text[m.start()] in ".!?" else 0), out)
        start = m.end()
    mentions._add(text, start, len(text), out)
    return out


_SENTENCE_PIECES = ["a", "B", "Z", "1", " ", "  ", "\n", "\r\n", "\r", "\t", "\u00a0", "\u2028",
                    "\u3000", ".", "!", "?", "…", "”", "\"", "'", "(", "[", "“", "word " * 60,
                    "x" * 400]


@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=16).map("".join))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_sentences_are_the_plain_splitters(text):
    assert sentences(text) == _plain_sentences(text)


def test_lower_case_keeps_letters_and_the_rest_apart():
    """The pronoun scan in lower-cased text (pronouns.hits) reads a character's
    lower case where the pattern reads the character: a letter stays a letter
    and anything else stays something else."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        low = ch.lower()
        if len(low) == 1:
            assert bool(letter.match(ch)) == bool(letter.match(low)), hex(code)


@given(st.lists(st.sampled_from(["he", "He", "HE", "she", "She", "SHE", "him", "his", "her",
                                 "himself", "herself", "hers", "the", "ashe", "s", "h", " ",
                                 "-", ".", "\u0301", "é", "’", "İ", "ſ", "\u212a", "ı", "x",
                                 "\n", "_", "2", "Ⅰ"]), max_size=12).map("".join))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_pronoun_hits_hold_every_pronoun(text):
    from normalize import pronouns
    from normalize.text import WORD_RE, same_length_lower

    low = same_length_lower(text)
    starts = set(pronouns.hits(text, low))
    for tok in WORD_RE.finditer(text):
        if tok.group().lower() in pronouns.PRONOUNS:
            assert tok.start() in starts
    assert pronouns.hits(text, low) == sorted(starts)


_PLAIN_GENDERED = re.compile(r"(?<![\w-])(?:he|she|him|her|his|hers|himself|herself)(?![\w-])",
                             re.IGNORECASE)
_PLAIN_SPEAKER = re.compile(r"(?<!\w)(?:I|me|my|myself)(?!\w)")


@given(st.lists(st.sampled_from(["he", "HE", "She", "ſhe", "him", "Her", "hers", "HIS", "himself",
                                 "herSELF", "I", "me", "my", "myself", "Me", "mine", "s", "h",
                                 "-", " ", "x", "\u0301", "İ", "ı", "\u212a", "_", "2", "’"]),
                max_size=10).map("".join))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_pronoun_and_speaker_patterns_are_the_plain_ones(text):
    from normalize import pronouns

    for pos in range(0, len(text) + 1, 2):
        for end in (len(text), max(pos, len(text) - 3)):
            assert [m.span() for m in pronouns.GENDERED.finditer(text, pos, end)] == \
                [m.span() for m in _PLAIN_GENDERED.finditer(text, pos, end)]
            assert [m.span() for m in pronouns.SPEAKER.finditer(text, pos, end)] == \
                [m.span() for m in _PLAIN_SPEAKER.finditer(text, pos, end)]


def test_the_gendered_patterns_first_class_is_what_ignorecase_matches():
    odd = {c for c in map(chr, range(sys.maxunicode + 1))
           if re.fullmatch("[hs]", c, re.IGNORECASE)}
    assert odd == set("hHsS\u017f")
