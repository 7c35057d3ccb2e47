"""The names rules share one look per document (kinds/names.py `_hits`: the capitalised
words whose folded form is a trigger of any rule), a rule whose only words there are
first words of longer names looks for their second words in the text first
(`_may_find`), and the capital scan takes the ASCII pattern for a text whose other
characters no word holds (capitals.ascii_words). Each must be sound: on random
documents built from the lists' names, their first and second words, blanks and
risky characters, the results equal those of the unfiltered code."""

from __future__ import annotations

from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.capitals import (
    _ASCII_SPLIT,
    _capital_split,
    _capitalised_beyond_bmp,
    ascii_words,
    scan,
)
from normalize.document import Document
from normalize.kinds.names import NamesRule, _folded
from normalize.text import fold, tokens

from .test_names_prefilters import EXAMPLES, NAMES, RULES
from .test_names_speed import BLANKS, names_rules
from .test_names_speed import LIST as TRICKY

# characters beyond ASCII that no word holds, and some that a word does
OTHERS = ["£", "“", "”", "’", "—", "–", "\u00a0", "\u2028", "\u3000", "€", "•", "…"]
INSIDE = ["é", "É", "\u0301", "e\u0301", "²", "ß", "ǅ", "İ", "Σ", "😀", "🅰", "𝐀bc", "ﬁ", "½"]
# a surname that also begins a longer name, a first word only longer names begin
MORE = ["Jan Žukauskienė", "Žukauskienė Petr", "Ola Nordmann Berg", "Peter Szijjártó"]
PUNCT = [" ", ", ", ". ", "\n", "-", "(", ")", "'s ", "7", "the ", "and ", "og ", "og"]


def _pieces(name: str) -> list[str]:
    """A name, its words alone, each word then the next in lower case and folded,
    across blanks of every kind."""
    words = name.split()
    out = [name, *words, fold(name), name.upper()]
    for first, second in zip(words, words[1:]):
        for blank in BLANKS[:6]:
            out += [f"{first}{blank}{second}", f"{first}{blank}{fold(second)}",
                    f"{fold(first).capitalize()}{blank}{second.lower()}"]
    return out


def _names(rules: list[NamesRule]) -> list[str]:
    seconds = sorted({n for r in rules for n in r.options["names"] if len(n.split()) > 1})
    return seconds[::11] + NAMES + TRICKY + MORE


_DEFAULT = list(RULES)
_PIECES = st.one_of(st.sampled_from(OTHERS + INSIDE + PUNCT), st.sampled_from(EXAMPLES),
                    st.sampled_from(_names(_DEFAULT)).flatmap(
                        lambda n: st.sampled_from(_pieces(n))))
_DOCUMENTS = st.lists(_PIECES, max_size=40).map("".join)
_PLAIN = st.lists(st.one_of(st.sampled_from(OTHERS + PUNCT),
                            st.sampled_from(_names(_DEFAULT)).flatmap(
                                lambda n: st.sampled_from(_pieces(fold(n))))),
                  max_size=40).map("".join)  # no letter beyond ASCII: ascii_words holds


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> list[NamesRule]:
    return names_rules(tmp_path_factory.mktemp("lists"), TRICKY + MORE, "XS")


# -- references: the code without the shared look and the second-word test ----------


def _unfiltered(rule: NamesRule, doc: Document) -> list:
    """Every capitalised word whose folded form is one of the rule's triggers handed to
    _check, as before the shared look (a text none of whose words is one: nothing)."""
    list(rule.check(doc))  # (the rule's look-ups worked out)
    distinct, keys = _folded(doc.text)
    key_of = {w: k for w, k in zip(distinct, keys) if k in rule._triggers}
    return list(rule._check(doc, key_of)) if key_of else []


def _scan_reference(text: str) -> tuple:
    """capitals.scan as it was: the ASCII pattern for ASCII text only."""
    ascii = text.isascii()
    parts = (_ASCII_SPLIT if ascii else _capital_split()).split(text)
    words = parts[1::2]
    if not ascii and words and max(words) > "\uffff":
        exact = _capitalised_beyond_bmp(text)
        words = [w.text for w in exact]
        return words, [w.start for w in exact], frozenset(words)
    return words, list(accumulate(map(len, parts)))[::2], frozenset(words)


def _check(rules: list[NamesRule], text: str) -> None:
    assert tuple(scan(text)) == _scan_reference(text)
    if ascii_words(text):
        assert all(w.text.isascii() for w in tokens(text))
    doc = Document.from_text(text, "a.txt")
    for rule in rules:
        assert list(rule.check(doc)) == _unfiltered(rule, doc), rule.meta.code


# -- the properties ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS)
def test_shared_look_equals_each_rule_alone(tricky, text):
    _check(_DEFAULT + tricky, text)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_second_word_test_on_text_whose_words_are_ascii(tricky, text):
    _check(_DEFAULT + tricky, text)


@pytest.mark.parametrize("text", [
    "Peter said; More news. Martin won. Jan and Dan left £5 “now”.",
    "Peter Szijjarto met Peter\u00a0szijjarto; More og Romsdal, More\nog\nRomsdal, More  og",
    "MORE OG ROMSDAL, Møre og Romsdal, More og-x, More ogre, Peter\u2028Szijjártó — £",
    "New York City Mills, New\u3000york, Kyiv Oblast, Kyiv\u00a0oblast, Mo i Rana £ é",
    "Σ Peter szijjarto\u0301 😀 Martin Kertvaros, Martin\tkertvaros, İzmir, ǅemal",
    "Zukauskiene said; Ola nordmann berg, Ola\nNordmann Berg, Ola Nordman, Petr Zukauskiene.",
    "Zukauskiene said so.", "ZUKAUSKIENE said so.", "Jan Žükauskiene said so.",
    "Ola nördmann berg £",
])
def test_known_cases(tricky, text):
    _check(_DEFAULT + tricky, text)


def test_ascii_words_sees_every_kind_of_word_character():
    for char in INSIDE:
        assert not ascii_words(f"A {char} b")
    for char in OTHERS:
        assert ascii_words(f"A {char} b")
    assert ascii_words("plain") and ascii_words("")
    assert not ascii_words("\ud800é") and ascii_words("\ud800")  # (a lone surrogate)
