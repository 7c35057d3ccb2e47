"""The pronoun kind's quick ways change no finding.

`_plain_check` is the kind's check as it was before them: every pronoun read
with the sentences cut first, the cheap signs of a person in the order they
were written, the mention tables of every sentence in the stretch read. Its
helpers that did not change are the module's own. The documents are built
from the rule's own words and from characters that move sentence edges.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import gazetteer, pronouns
from normalize.document import Document
from normalize.kinds import pronoun
from normalize.mentions import FUNCTION_WORDS, Kind, mentions, sentences
from normalize.text import WORD_RE, same_length_lower


@pytest.fixture(scope="module")
def rule(default_rules):
    (found,) = [r for r in default_rules.rules if r.KIND == "pronoun"]
    return found


def _plain_person_nouns(rule, text: str, start: int, end: int) -> set[str]:  # noqa: ANN001
    found = set()
    for tok in WORD_RE.finditer(text, start, end):
        low = tok.group().lower()
        if low in rule.person_words and not (tok.start() == start and low in FUNCTION_WORDS):
            found.add(low)
    return found


def _plain_person_word(rule, text: str, start: int, end: int) -> int:  # noqa: ANN001
    """The person nouns' bits: MALE, FEMALE, UNKNOWN (for either sex)."""
    bits = 0
    for word in _plain_person_nouns(rule, text, start, end):
        bits |= rule.sexes.get(word, pronoun.UNKNOWN)
    return bits


_FEMININE_MATCHES = {"she", "her", "hers", "herself"}


def _is_feminine(m: re.Match[str]) -> bool:
    return m.group().lower().replace("\u017f", "s") in _FEMININE_MATCHES


def _plain_pronoun_in(text: str, start: int, at: int, flagged: set[int], feminine: bool) -> bool:
    for m in pronouns.GENDERED.finditer(text):
        if start <= m.start() < at and m.start() not in flagged and (
                m.group().lower().replace("\u017f", "s") in _FEMININE_MATCHES) == feminine:
            return True
    return False


_PLAIN_SAYS = re.compile(r"(?:said|says|added|adds|insisted|insists|stressed|stresses|argued"
                         r"|argues|warned|warns|believes|believed|hoped|hopes|thinks|thought"
                         r"|explained|explains|confirmed|confirms|announced|announces|admitted"
                         r"|admits|claimed|claims|promised|promises|vowed|vows|feared|fears|wrote"
                         r"|writes|noted|notes|(?:told|tells)(?: [\w’'-]{1,20}){1,2}) (?:that )?$")


def _plain_may_say(text: str, start: int, end: int, feminine: bool) -> bool:
    """A gendered pronoun of that gender in [start, end) after a verb of saying."""
    for m in pronouns.GENDERED.finditer(text):
        if start <= m.start() < end and (
                m.group().lower().replace("\u017f", "s") in _FEMININE_MATCHES) == feminine:
            if _PLAIN_SAYS.search(text[max(0, m.start() - 80):m.start()]):
                return True
    return False


def _plain_check(rule, doc: Document) -> list:  # noqa: ANN001, C901
    text = doc.text
    spans = sentences(text)
    words = [(n, tok) for n, (s, e) in enumerate(spans) for tok in WORD_RE.finditer(text, s, e)
             if tok.group().lower() in pronouns.PRONOUNS
             and not pronouns.plainly_a_persons(text, *tok.span())]
    starts = frozenset(s for s, _ in spans)
    said = [mentions(text, s, e, rule.lexicon, starts) for s, e in spans]
    out = []
    flagged: set[int] = set()
    for n, tok in words:
        s_start, s_end = spans[n]
        low = tok.group().lower()
        at, end = tok.start(), tok.end()
        feminine = low in pronoun._FEMININE
        sex, other = ((pronoun.FEMALE, pronoun.MALE) if feminine
                      else (pronoun.MALE, pronoun.FEMALE))
        first = max(0, n - rule.options["lookback"])
        if pronouns.speaker_in(text, spans[first][0], s_end) or _plain_pronoun_in(
                text, spans[first][0], at, flagged, feminine):
            continue
        if any(end <= m.start() < s_end and _is_feminine(m) == feminine
               and pronouns.SPEAKS.match(text, m.end()) for m in pronouns.GENDERED.finditer(text)):
            continue
        nouns = [_plain_person_word(rule, text, *spans[k]) for k in range(first, n + 1)]
        if any(bits & sex for bits in nouns):
            continue
        if any(bits & pronoun.UNKNOWN and not bits & other for bits in nouns) and not (
                _plain_may_say(text, spans[first][0], s_end, not feminine)):
            continue
        window = [m for k in range(first, n + 1) for m in said[k]]
        near = [m for m in window if m.kind in pronoun._THING_KINDS and m.start < at]
        own = [m for m in near if m.start >= s_start]
        things = own or [m for m in near if m.start >= spans[max(0, n - 1)][0]]
        if not things:
            continue
        if feminine and any(m.kind is Kind.SHIP and m.start < at for m in window):
            continue
        last = n if own else min(len(spans) - 1, n + 1)
        people = [(m, k) for k in range(first, n + 1) for m in said[k]]
        people += [(m, k) for k in range(n + 1, last + 1) for m in said[k]
                   if " " in m.text or m.text.lower() in rule.lexicon.persons]
        if any(m.kind is Kind.PERSON and rule._sex(text, m, spans[k][1]) & sex
               for m, k in people) or pronouns.speaker_in(text, spans[first][0], spans[last][1]):
            continue
        by_sex = any(m.kind is Kind.PERSON for m, _ in people) or _plain_pronoun_in(
            text, spans[first][0], at, flagged, not feminine)
        if by_sex:
            if _plain_pronoun_in(text, 0, spans[first][0], flagged, feminine) or any(
                    _plain_person_word(rule, text, *spans[k]) & sex for k in range(first)):
                continue
        if (by_sex or any(bits & other for bits in nouns)) and unread_capital(
                text, spans, said.__getitem__, first, n, at):
            continue
        flagged.add(at)
        out.append(rule._finding(doc, at, end, low, things))
    return out


def unread_capital(text, spans, said, first, n, at):  # noqa: ANN001
    """A capitalised word, not a sentence's first, in no mention of sentences first..n
    (`said(k)`: the mentions of sentence k)."""
    for k in range(first, n + 1):
        start, end = spans[k]
        for w in re.finditer(r"[^\W\d_][\w'’-]*", text[start:min(end, at) if k == n else end]):
            pos = start + w.start()
            if (w.group()[0].isupper() and text[start:pos].strip(" \t\r\n\"“‘'(«—–-")
                    and not any(m.start <= pos < m.end for m in said(k))):
                return True
    return False


def _key(findings: list) -> list:
    return [(f.start, f.end, f.replacement, f.message, f.data) for f in findings]


WORDS = [
    # pronouns, plain and plainly a person's
    "he", "He", "HE", "she", "She", "her", "Her", "his", "His", "him", "himself", "herself",
    "hers", "ſhe", "hİm", "his or her", "he/she", "he said", "she told", '" he',
    # people
    "I", "my", "me", "Mr", "minister", "man", "year-old", "20-year-old", "Sato", "Mr Sato",
    "Charles Kennedy", "Smith",
    # people of one sex, and words reported with a pronoun
    "Mrs", "Ms Rossi", "wife", "son", "spokeswoman", "Mr and Mrs", "Sir", "said", "said he",
    "said that she", "told reporters he", " told the BBC that she", "also said she", "Said",
    # things and places
    "NATO", "EU", "Nato", "G7", "alliance", "ministry", "drones", "drone", "ship", "vessel",
    "the frigate", "Lithuania", "Estonia", "Vilnius", "Paris", "London", "The Hague",
    "the Gambia", "New York", "Ministry of Foreign Affairs", "the Baltic", "Blair", "Reading",
    # the rest of a sentence
    "the", "The", "In", "of", "and", "asked", "to", "provide", "with", "Tuesday", "a", "word",
    "state", "Ta’if", "Kelvin\u212a", "x-her", "her-",
]
GLUE = [" ", " ", " ", ". ", ". ", "! ", "? ", ".\n", "\n", "\n\n", ", ", "-", "’", '"', "(",
        "\u0301", "\r\n", "2", "_", ". \n  ", "...", "x" * 400 + " ", "word " * 60, "y" * 600]

TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)),
                 max_size=40).map(lambda parts: "".join(a + b for a, b in parts))


@given(TEXTS)
@settings(max_examples=600, deadline=None, derandomize=True)
def test_the_same_findings_as_the_plain_check(rule, text):
    doc = Document.from_text(text)
    assert _key(rule.check(doc)) == _key(_plain_check(rule, doc))


@pytest.mark.parametrize("text", [
    "Lithuania asked NATO to provide her with air defence. Estonia said her army was ready.",
    "Estonia is a small state, but her army is well trained and her borders are guarded.",
    "Poland closed its border.\nShe fears that more drones will come from Belarus.",
    "The ministry said. " * 60 + "The alliance asked for his help.",
    "word " * 300 + "Latvia asked the EU to give her more money.",
    "x" * 700 + ". The drone flew low over the village before he crashed into a field.",
])
def test_the_same_findings_on_long_and_plain_texts(rule, text):
    doc = Document.from_text(text)
    assert _key(rule.check(doc)) == _key(_plain_check(rule, doc))


@given(TEXTS)
@settings(max_examples=400, deadline=None, derandomize=True)
def test_pronoun_words_and_gendered_are_the_plain_ones(text):
    """Read off the hits, the pronoun words are those of the sentences
    (unless `sentences` may cut a word) and the gendered pronouns are the
    matches of GENDERED."""
    low = same_length_lower(text)
    hits = pronouns.hits(text, low)
    spans = sentences(text)
    plain = [t.span() for s, e in spans for t in WORD_RE.finditer(text, s, e)
             if t.group().lower() in pronouns.PRONOUNS]
    if not pronouns.may_cut_words(text):
        assert pronouns.pronoun_words(text, hits) == plain
    assert pronouns.pronoun_words(text, hits, spans) == plain
    assert pronouns.gendered(text, low, hits) == [m.start()
                                                  for m in pronouns.GENDERED.finditer(text)]


@given(TEXTS)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_sentence_pre_tests_are_sound(rule, text):
    """A sentence said to hold no person noun holds none; one said to
    mention no thing mentions none (before any point)."""
    low = same_length_lower(text)
    spans = sentences(text)
    starts = frozenset(s for s, _ in spans)
    for start, end in spans:
        assert rule._person_word(text, low, start, end) == _plain_person_word(
            rule, text, start, end)
        things = [m for m in mentions(text, start, end, rule.lexicon, starts)
                  if m.kind in pronoun._THING_KINDS]
        for cut in sorted({end, *(m.end for m in things), *(m.start for m in things)}):
            if any(m.end <= cut for m in things):
                assert rule._may_name_thing(text, low, start, cut)


def test_place_keys_are_runs_of_each_name():
    keys = pronoun._place_keys()
    for name in gazetteer.countries() | set(gazetteer.cities()):
        runs = re.findall(r"[^\W\d_]+", name)
        assert not runs or keys.intersection(runs)


def test_words_at_hits_are_the_words_of_the_sentences():
    text = "Her x-her (his) 2he _she -him he- s\u0301he é-his"
    spans = sentences(text)
    begins = [s for s, _ in spans]
    got = pronouns.pronoun_words(text, pronouns.hits(text, same_length_lower(text)))
    want = [t.span() for s, e in spans for t in WORD_RE.finditer(text, s, e)
            if t.group().lower() in pronouns.PRONOUNS]
    assert got == want and all(bisect_right(begins, s) > 0 for s, _ in got)


def _examples(rule) -> list[str]:  # noqa: ANN001
    return [*rule.meta.examples_fail, *rule.meta.examples_pass]


@given(st.data())
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_same_findings_on_mixed_examples(rule, data):
    """Documents made of the rule's own examples, cut at sentence ends and
    mixed with the words above."""
    pieces = [s for text in _examples(rule) for s in re.split(r"(?<=[.,]) ", text)]
    parts = data.draw(st.lists(st.one_of(st.sampled_from(pieces), st.sampled_from(WORDS)),
                               max_size=12))
    glue = data.draw(st.sampled_from([" ", "\n", " . ", "\n\n"]))
    doc = Document.from_text(glue.join(parts))
    assert _key(rule.check(doc)) == _key(_plain_check(rule, doc))


ASCII_WORDS = [w for w in WORDS if w.isascii()]
ASCII_GLUE = [g for g in GLUE if g.isascii()]
ASCII_TEXTS = st.one_of(
    st.lists(st.tuples(st.sampled_from(ASCII_WORDS), st.sampled_from(ASCII_GLUE)),
             max_size=40).map(lambda parts: "".join(a + b for a, b in parts)),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=200),
    st.text(alphabet="hHsSeimrlf -_2.\n'\"", max_size=80))


@given(ASCII_TEXTS)
@settings(max_examples=500, deadline=None, derandomize=True)
def test_ascii_scans_are_the_unicode_ones(text):
    """In an ASCII text the quick patterns find what the Unicode ones find:
    the runs of letters (of the text and of its lower case) and the hits."""
    assert text.isascii()
    low = same_length_lower(text)
    for s in (text, low):
        assert pronoun._ASCII_LETTERS.findall(s) == pronoun._LETTERS.findall(s)
        assert pronoun._letters(s) is pronoun._ASCII_LETTERS
    assert [m.span() for m in pronouns._H_ASCII.finditer(low)] == [
        m.span() for m in pronouns._H.finditer(low)]


@given(ASCII_TEXTS)
@settings(max_examples=400, deadline=None, derandomize=True)
def test_the_same_findings_on_ascii_texts(rule, text):
    doc = Document.from_text(text)
    assert _key(rule.check(doc)) == _key(_plain_check(rule, doc))


def test_non_ascii_texts_keep_the_unicode_patterns():
    assert pronoun._letters("Šiauliai her") is pronoun._LETTERS


@pytest.mark.parametrize("text", ["", "x" * 498, "x" * 499, "x" * 997 + " " + "y" * 600,
                                  ("word " * 300)[:-1], "a " + "z" * 998])
def test_may_cut_words_is_the_tile_test(text):
    tile = 1000 // 2 - 1
    assert pronouns.may_cut_words(text) == any(
        text.find(" ", k, k + tile) < 0 for k in range(0, len(text) - tile + 1, tile))
