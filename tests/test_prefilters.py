"""The translation-artefact kinds' pre-filters are sound: the same findings as
scanning everything.

Each kind skips work when a cheap test says nothing can match (see
normalize/kinds/regions.py and the kinds' docstrings). Here the filtered
rule is compared with the unfiltered one, or with the kind's algorithm as it
was before the filter (kept below as an oracle), on random documents made of
the rules' own examples, trigger words and risky characters: odd case
foldings, combining marks, hyphens, apostrophes, stops inside numbers and
stretches long enough for `sentences` to cut inside a word.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import pronouns as pronoun_words
from normalize.document import Document
from normalize.kinds import garbled as garbled_kind
from normalize.kinds import genitive as genitive_kind
from normalize.kinds import pronoun as pronoun_kind
from normalize.kinds.regions import Regions, lowered, minimal
from normalize.mentions import Kind, mentions, sentences
from normalize.text import IGNORECASE_TWINS, find_all, tokens

from .test_pronoun_speed import unread_capital

FRAGMENTS = [
    # pronouns, people and speakers
    "he", "He", "HE", "she", "She", "him", "his", "His", "her", "Her", "hers", "herself",
    "himself", "ſhe", "hiſ", "I", "my", "me", "Mr", "minister", "chief", "said", "he/she",
    "his or her", "The", "the", "he-man", "-he", "x-her",
    # things, places, organisations
    "NATO", "government", "company", "ship", "drone", "drones", "Drones", "DRONES",
    "Lithuania", "Estonia", "Vilnius", "Moscow", "Kuala Lumpur", "London", "Paris",
    "Columbus", "Georgia", "Singapore", "Bosnia and Herzegovina",
    # category and genitive triggers
    "town", "township", "village", "city", "country", "country's", "hamlet",
    "a", "an", "is", "of", "small", "about", "3", "3.5", "million", "m", "bn",
    "ministry", "Ministry", "Foreign", "Affairs", "army", "missile", "missiles",
    # near-miss
    "Shaded", "Shahed", "Kinshal", "Kinzhal", "Patrol", "systems", "UAVs", "mi\u017f\u017files",
    "\u017fystems", "Ka\u0131ibr",
    # garbled
    "anti", "anti-anti", "Anti-anti", "antiomic", "infrastrcture", "Fightstar", "fightstar",
    "re-released", "pre", "-", " - ", "goverment", "xqzv", "situazione",
    # risky characters
    ",", ".", ". ", "!", "?", ":", ";", "\n", "\n\n", " ", "  ", "\t", "’", "'", "’s",
    '"', "“", "”", "(", ")", "\u0301", "\u0130", "\u0131", "\u017f", "\u212a", "é", "3rd",
    "_", "²", "—", "@", "#", "a," * 260,
]


def _examples(rules, kind: str) -> list[str]:
    return [x for r in rules.rules if r.meta.kind == kind
            for x in r.meta.examples_fail + r.meta.examples_pass]


def _texts(examples: list[str]):
    piece = st.sampled_from(FRAGMENTS + examples)
    glue = st.sampled_from([" ", "", " ", ", ", ". ", "\n"])
    return st.lists(st.tuples(piece, glue), max_size=40).map(
        lambda parts: "".join(p + g for p, g in parts))


def _rule(rules, kind: str):
    return next(r for r in rules.rules if r.meta.kind == kind)


def _found(findings) -> list[tuple]:
    return sorted((f.start, f.end, f.replacement or "", f.message) for f in findings)


SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


# -- the helpers ---------------------------------------------------------------

def test_ignorecase_odd_lists_every_character_matching_an_ascii_letter():
    letter = re.compile("(?i)[a-z]")
    odd = [chr(c) for c in range(128, sys.maxunicode + 1)
           if not 0xD800 <= c <= 0xDFFF and letter.fullmatch(chr(c))]
    assert "".join(odd) == IGNORECASE_TWINS


def test_lowered_refuses_odd_text():
    assert lowered("Shahed drones") == "shahed drones"
    assert lowered("DRONE\u017f") is None
    assert lowered("\u0130stanbul") is None  # lower-casing would move offsets


def test_minimal_words_cover_the_rest():
    assert minimal(["drones", "drone", "town", "township", "city"]) == ["city", "town", "drone"]


@SETTINGS
@given(text=_texts([]))
def test_regions_find_every_match_holding_a_trigger(text):
    pattern = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]*)(?:,\s+|\s+is\s+)(?:a|an)\s+"
                         r"(?P<noun>town|township|city)(?![\w-]|['’]s\b)")
    regions = Regions(r"\w\s'’,\-")
    found = [m.span() for m in regions.finditer(pattern, text, find_all(text, ["town", "city"]))]
    assert found == [m.span() for m in pattern.finditer(text)]


# -- each kind, filtered against unfiltered -------------------------------------------

class _Whole:
    """Regions that are the whole text: the unfiltered scan."""

    @staticmethod
    def finditer(pattern, text, positions):
        return pattern.finditer(text)


@pytest.fixture(scope="module")
def rules(default_rules):
    return default_rules


@pytest.mark.parametrize("kind", ["category", "near-miss"])
def test_filter_is_sound(rules, kind):
    """The kind with its pre-filter finds what it finds over the whole text (rule.whole)."""
    rule = _rule(rules, kind)

    @SETTINGS
    @given(text=_texts(_examples(rules, kind)))
    def check(text):
        doc = Document.from_text(text)
        fast = _found(rule.check(doc))
        rule.whole = True
        try:
            assert fast == _found(rule.check(doc))
        finally:
            rule.whole = False
    check()


def test_genitive_filter_is_sound(rules):
    rule = _rule(rules, "genitive")

    @SETTINGS
    @given(text=_texts(_examples(rules, "genitive")))
    def check(text):
        doc = Document.from_text(text)
        fast = _found(rule.check(doc))
        regions, rule.regions = rule.regions, _Whole()
        trigger = genitive_kind._trigger
        genitive_kind._trigger = lambda: re.compile("")  # matches everywhere
        try:
            assert fast == _found(rule.check(doc))
        finally:
            rule.regions = regions
            genitive_kind._trigger = trigger
    check()


def _garbled_unfiltered(rule, doc):
    """The garbled kind as it was before its pre-filters."""
    text = doc.text
    capitalised = {m.group().lower() for m in re.finditer(r"\b[A-Z][a-z]+\b", text)}
    taken = []
    for m in rule.doubled.finditer(text):
        rest = m.group("rest")
        if rest and rule._known(m.group("second")):
            continue
        taken.append((m.start(), m.end()))
        yield (m.start(), m.end(), None if rest else m.group("second"))
    for start, end in sentences(text):
        words = [(m.start() + start, m.group())
                 for m in garbled_kind._LOWER_WORD.finditer(text[start:end])]
        unknown = [(at, w) for at, w in words if len(w) >= rule.options["min_length"]
                   and w not in capitalised
                   and (not all(rule._known(p) for p in w.split("-") if p)
                        or any(rule._misspelt(p) for p in w.split("-") if p))]
        if len(unknown) != 1:
            continue
        at, word = unknown[0]
        if any(s <= at < e for s, e in taken):
            continue
        yield (at, at + len(word), rule._proposal(word))


def test_garbled_filter_is_sound(rules):
    rule = _rule(rules, "garbled")

    @SETTINGS
    @given(text=_texts(_examples(rules, "garbled")))
    def check(text):
        doc = Document.from_text(text)
        fast = sorted((f.start, f.end, f.replacement) for f in rule.check(doc))
        assert fast == sorted(_garbled_unfiltered(rule, doc))
    check()


def test_garbled_proposals_from_words_of_near_length_are_the_same():
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    vocabulary = garbled_kind._vocabulary()
    for word in ["infrastrcture", "goverment", "antiomic", "dronez", "consenus", "anaylsts"]:
        for cutoff, limit in ((2, 20), (1, 5), (2, 3)):
            whole = extract(word, vocabulary, scorer=Levenshtein.distance, limit=limit,
                            score_cutoff=cutoff)
            near = extract(word, garbled_kind._near_length(len(word), cutoff),
                           scorer=Levenshtein.distance, limit=limit, score_cutoff=cutoff)
            assert [x[:2] for x in near] == [x[:2] for x in whole]


def _pronoun_unfiltered(rule, doc):
    """The pronoun kind as it was before its pre-filters."""
    text = doc.text
    spans = sentences(text)
    starts = frozenset(s for s, _ in spans)
    cache = {}

    def said(n):
        if n not in cache:
            cache[n] = mentions(text, *spans[n], rule.lexicon, starts)
        return cache[n]

    pronouns = [m.start() for m in pronoun_words.GENDERED.finditer(text)]
    speakers = [m.start() for m in pronoun_words.SPEAKER.finditer(text)]
    flagged = set()
    for n, (s_start, s_end) in enumerate(spans):
        for tok in tokens(text[s_start:s_end]):
            low = tok.text.lower()
            if low not in pronoun_kind._REPLACEMENT and low != "her":
                continue
            at, end = s_start + tok.start, s_start + tok.end
            if (pronoun_words.PAIR.match(text, end)
                    or pronoun_words.PAIR_BEFORE.search(text[max(0, at - 12):at])):
                continue
            if (pronoun_words.SPEAKS.match(text, end)
                    or pronoun_words.AFTER_QUOTE.search(text[max(0, at - 4):at])):
                continue
            feminine = low in pronoun_kind._FEMININE
            sex = pronoun_kind.FEMALE if feminine else pronoun_kind.MALE
            same = rule.women if feminine else rule.men

            def of_sex(pos, feminine=feminine):
                return (text[pos:pos + 3].lower().replace("\u017f", "s") in ("she", "her")) \
                    == feminine

            if any(of_sex(pos) and pronoun_words.SPEAKS.match(
                    text, pronoun_words.GENDERED.match(text, pos).end())
                   for pos in pronouns if end <= pos < s_end):
                continue  # '... her promises, she said'
            first = max(0, n - rule.options["lookback"])
            window = [(m, k) for k in range(first, n + 1) for m in said(k)]
            near = [m for m, _ in window if m.kind in pronoun_kind._THING_KINDS and m.start < at]
            own = [m for m in near if m.start >= s_start]
            things = own or [m for m in near if m.start >= spans[max(0, n - 1)][0]]
            if not things:
                continue
            if feminine and any(m.kind is Kind.SHIP and m.start < at for m, _ in window):
                continue
            last = n if own else min(len(spans) - 1, n + 1)
            window += [(m, k) for k in range(n + 1, last + 1) for m in said(k)
                       if " " in m.text or m.text.lower() in rule.lexicon.persons]
            start, stop = spans[first][0], spans[last][1]
            people = [(m, k) for m, k in window if m.kind is Kind.PERSON]
            if any(rule._sex(text, m, spans[k][1]) & sex for m, k in people):
                continue
            i = bisect_left(speakers, start)
            if i < len(speakers) and speakers[i] < stop:
                continue
            lo, hi = bisect_left(pronouns, start), bisect_left(pronouns, at)
            if any(pos not in flagged and of_sex(pos) for pos in pronouns[lo:hi]):
                continue
            # only people of the other sex near it: one of its sex named before
            by_sex = people or any(pos not in flagged and not of_sex(pos)
                                   for pos in pronouns[lo:hi])
            if by_sex:
                if any(pos not in flagged and of_sex(pos) for pos in pronouns[:lo]):
                    continue
                if any(t.text.lower() in same for k in range(first)
                       for t in tokens(text[spans[k][0]:spans[k][1]])):
                    continue
            other_nouns = rule.men if feminine else rule.women
            if (by_sex or any(t.text.lower() in other_nouns for k in range(first, n + 1)
                              for t in tokens(text[spans[k][0]:spans[k][1]]))) and \
                    unread_capital(text, spans, said, first, n, at):
                continue
            flagged.add(at)
            yield rule._finding(doc, at, end, low, things)


def test_pronoun_filter_is_sound(rules):
    rule = _rule(rules, "pronoun")

    @SETTINGS
    @given(text=_texts(_examples(rules, "pronoun")))
    def check(text):
        doc = Document.from_text(text)
        assert _found(rule.check(doc)) == _found(_pronoun_unfiltered(rule, doc))
    check()


@pytest.mark.parametrize("kind", ["pronoun", "garbled"])
def test_examples_agree_with_the_unfiltered_kind(rules, kind):
    rule = _rule(rules, kind)
    oracle = _pronoun_unfiltered if kind == "pronoun" else _garbled_unfiltered
    for example in _examples(rules, kind):
        doc = Document.from_text(example)
        fast = list(rule.check(doc))
        slow = list(oracle(rule, doc))
        assert len(fast) == len(slow), example


# -- sentences cut inside a word, odd case foldings ------------------------------------

def _cut(before: str, head: str, tail: str) -> str:
    """A text whose sentence `sentences` cuts after `head`, inside a word:
    `before` and commas fill the first MAX_SENTENCE characters, with no blank."""
    from normalize.mentions import MAX_SENTENCE

    text = before + "," * (MAX_SENTENCE - len(before) - len(head)) + head + tail
    assert [e - s for s, e in sentences(text)][0] == MAX_SENTENCE
    return text


def test_pronoun_cut_inside_a_word(rules):
    rule = _rule(rules, "pronoun")
    doc = Document.from_text(_cut("NATO", "t", "he sent more drones to the border."))
    slow = _found(_pronoun_unfiltered(rule, doc))
    assert slow and _found(rule.check(doc)) == slow


def test_garbled_cut_inside_a_word(rules):
    rule = _rule(rules, "garbled")
    doc = Document.from_text(_cut("", "infrastr", "ucture of the port was hit."))
    slow = sorted(_garbled_unfiltered(rule, doc))
    assert slow and sorted((f.start, f.end, f.replacement) for f in rule.check(doc)) == slow


def test_near_miss_head_with_an_odd_case_folding(rules):
    rule = _rule(rules, "near-miss")
    doc = Document.from_text("Russia launched Shaded mi\u017f\u017files at Kyiv.")
    found = _found(rule.check(doc))
    rule.whole = True
    try:
        assert found and found == _found(rule.check(doc))
    finally:
        rule.whole = False


@pytest.mark.parametrize("step", [
    97, pytest.param(1, marks=pytest.mark.slow)])
def test_every_listed_word_of_a_to_z_has_a_zipf_frequency(step):
    """garbled takes a run of a-z found in wordfreq's list for a known word
    without asking zipf_frequency (which tokenises first)."""
    from wordfreq import get_frequency_dict, zipf_frequency

    listed = garbled_kind._frequencies()
    words = sorted(w for w in get_frequency_dict("en") if re.fullmatch("[a-z]+", w))
    assert all(w in listed for w in words[::step])
    assert all(zipf_frequency(w, "en") > 0 for w in words[::step])


@SETTINGS
@given(word=st.one_of(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
                      st.sampled_from(["drone", "maker", "anti", "infrastructure", "uct",
                                       "tion", "zzqx", "Drone", "x-y", "3d"])))
def test_garbled_zipf_is_wordfreqs(word):
    from wordfreq import zipf_frequency

    garbled_kind._zipf.cache_clear()
    assert garbled_kind._zipf(word) == zipf_frequency(word, "en")
