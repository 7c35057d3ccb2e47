"""The needle tests before a regex pass never hide a match (normalize.literals, .needles)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import cache
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import needles
from normalize.kinds import existence, substitution
from normalize.literals import Needle, requirements, starts
from normalize.loader import load_rules
from normalize.text import LEFT_BOUNDARY, RIGHT_BOUNDARY

# patterns, each with strings it matches; texts are made by damaging these (case, look-alike
# letters that re.IGNORECASE matches, white space) and gluing letters around them
PATTERNS = {
    r"colour": ["colour"], r"small\s+town": ["small town"], r"\bsmall\s+town": ["small town"],
    r"(?:^Read more on\b.*$)|(?:^Logo\s)": ["Read more on x", "Logo "],
    r"(?:abcde)|(?:abxyz)": ["abcde", "abxyz"], r"\bde\b": ["de"],
    r"(\w+) of Moscow": ["the drone of Moscow"], r"anti\s*-\s*antiomic": ["anti - antiomic"],
    r"a(bc)?def": ["adef", "abcdef"], r"Kestutis": ["Kestutis"], r"(?i:sky)walker": ["SKYwalker"],
    r"(?i)kestutis": ["KESTUTIS"], r"[Ss]kills?": ["skill", "Skills"], r"x{3}yz": ["xxxyz"],
    r"(?:min|max)imum": ["minimum", "maximum"], r"\d+ min de lecture": ["6 min de lecture"],
    r"\bas\s+(?:said|says)(?=\s+the)": ["as said the", "as says the"],
    r"(?<=\S\s)©\s*[A-Z]\w+": ["x © Reuters"], r"^[ \t]*(?:Photo|Фото)\s*:": ["  Фото:"],
    r"[(\[](?:Photo|Image)s?\s*:": ["(Images: y"], r"the\s+(NATO|OTAN)(['’]s)": ["the NATO’s"],
    r"(?-i:[A-Z])\w+ said": ["Ann said"], r"\bit\s*,\s*$": ["it ,"],
    r"читайте\s+также": ["Читайте также"], r"Σοφία": ["Σοφία"], r"ΟΔΟΣ": ["ΟΔΟΣ"],
    r"ab(?=cd)cde": ["abcde"], rf"{LEFT_BOUNDARY}(?:the\s+whole){RIGHT_BOUNDARY}": ["the whole"],
    r"[Tt]he\s+((?:[A-Z][a-z]+\s+)?minister)": ["The Foreign minister", "the minister"],
    r"(?:EN|FR)(?:\s*[|/]\s*(?:EN|FR)){2,}": ["EN | FR / EN"],
    rf"{LEFT_BOUNDARY}damages{RIGHT_BOUNDARY}": ["damages"], r"foo\bbar": ["foobar"],
    r"ab\w*": ["abab"], r"colou?r\w*": ["colorcolour"], r"\bdefen[cs]e\b": ["defence"],
    r"(?<![\w@#])side(?!\w)": ["side"], r"\b(?:eastern|western)\s+$": ["eastern "],
    r"^\s+of\s+(?:the\s+)?(?:NATO|alliance)\b": [" of the alliance"],
    r"abc(?:[0-9]+zzzzz|defgh)": ["abcdefgh"], r"\b-yyyy": ["x-yyyy"],
}
LOOK_ALIKES = {"s": "sſS", "i": "iıİI", "k": "kKK", "S": "sſS", "I": "iıİI", "K": "kKK",
               "σ": "σςΣ", "Σ": "σςΣ", "т": "тТᲄᲅ", "о": "оОᲂ", "с": "сСᲃ", "а": "аА",
               " ": [" ", "  ", "\n", "\u00a0", "\t"]}
AROUND = ["", "", "x", "X", " ", "\n", "é", "-", ".", "'", "1", "İ", "ſ", "a "]


@cache
def _one_of(choices: tuple) -> st.SearchStrategy:
    """st.sampled_from(choices), made once: a strategy made anew for each character drawn
    is validated anew, which took most of these tests' time."""
    return st.sampled_from(choices)


@st.composite
def _matching(draw, pattern):  # noqa: ANN001
    """Text that holds damaged matches of `pattern` in some context."""
    parts = []
    for sample in draw(st.lists(_one_of(tuple(PATTERNS[pattern])), min_size=1, max_size=3)):
        chars = [draw(_one_of(tuple(LOOK_ALIKES.get(c, c + c.swapcase())))) for c in sample]
        parts.append(draw(_one_of(tuple(AROUND))) + "".join(chars))
    return "".join(parts) + draw(_one_of(tuple(AROUND)))


PIECES = [s for samples in PATTERNS.values() for s in samples] + AROUND + ["\t", ","]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)


def _gate_open(pattern: str, flags: int, text: str, **kw: bool) -> bool:
    return needles.Gate(requirements(pattern, flags, **kw)).open(text)


@pytest.mark.parametrize("pattern,flags,needle", [
    (r"colour", re.I, Needle("colour", False)),
    (r"small\s+town", 0, Needle("town", True)),  # after white space: bounded
    (r"\bsmall\s+town", 0, Needle("small town", True)),
    (r"\bas\s+(?:said|says)", re.I, Needle("as said", True)),
    (r"[Mm]inister", 0, Needle("minister", False)),
])
def test_needles_found(pattern, flags, needle):
    assert any(needle in req for req in requirements(pattern, flags))


@pytest.mark.parametrize("pattern,flags,text,whole_text", [
    (r"\bsmall\s+town", 0, "xsmall town", False),  # \b at a slice's edge, inside a word
    (r"(?<![\w@#])side(?!\w)", 0, "xside", False),
    (r"ΟΔΟΣ", 0, "ΟΔΟΣ.", True), (r"ΟΔΟΣ", 0, "ΟΔΟΣΑ", True),  # lower() of Σ: what follows
    (r"abc(?:[0-9]+zzzzz|defgh)", 0, "abcdefgh", True),  # a branch after letters
    (r"\b-yyyy", 0, "x-yyyy", True),  # \b before a non-word character
    (r"(?i)skills", 0, "\u017fkills", True), (r"(?i)IRAN", 0, "\u0131ran", True),
    (r"(?i)читайте", 0, "чиᲄайᲅе", True),
])
def test_known_traps(pattern, flags, text, whole_text):
    search = text[1:] if not whole_text else text
    assert re.search(pattern, search, flags)
    assert _gate_open(pattern, flags, text, whole_text=whole_text)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@given(data=st.data(), ignore_case=st.booleans())
@settings(max_examples=35, deadline=None)
def test_gate_never_hides_a_match(pattern, data, ignore_case):
    text = data.draw(_matching(pattern))
    flags = re.M | (re.I if ignore_case else 0)
    if re.search(pattern, text, flags):
        assert _gate_open(pattern, flags, text)
    for line in text.splitlines():  # a line rule: the pattern matches a whole line
        if line.strip() and re.fullmatch(pattern, line.strip(), flags):
            assert _gate_open(pattern, flags, text, anchored=True)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@given(data=st.data(), ignore_case=st.booleans())
@settings(max_examples=35, deadline=None)
def test_condition_on_a_slice_never_hides_a_match(pattern, data, ignore_case):
    """`before` and `after` run over a slice, where \\b and ^ see an edge the text has not."""
    text = data.draw(_matching(pattern))
    start = data.draw(st.integers(0, len(text)))
    length = data.draw(st.integers(0, len(text) - start))
    flags = re.I if ignore_case else 0
    if re.search(pattern, text[start:start + length], flags):
        assert _gate_open(pattern, flags, text, whole_text=False)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@given(data=st.data(), ignore_case=st.booleans())
@settings(max_examples=35, deadline=None)
def test_condition_words_looked_for_in_its_side_alone_never_hide_a_match(pattern, data,
                                                                        ignore_case):
    """A substitution's `before`/`after` words, looked for in the side of the match
    the condition runs over (Gate.open_in), wherever the side begins or ends."""
    text = data.draw(_matching(pattern))
    start = data.draw(st.integers(-5, len(text)))
    end = data.draw(st.integers(start, len(text) + 5))
    flags = re.I if ignore_case else 0
    gate = needles.Gate(requirements(pattern, flags, whole_text=False), shared=False)
    if re.search(pattern, text[max(0, start):end], flags):
        assert gate.open_in(text, start, end)


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@given(data=st.data(), ignore_case=st.booleans())
@settings(max_examples=25, deadline=None)
def test_searching_where_matches_begin_finds_the_same(pattern, data, ignore_case):
    text = data.draw(_matching(pattern))
    flags = re.M | (re.I if ignore_case else 0)
    compiled = re.compile(pattern, flags)
    with mock.patch.object(needles, "SPARSE", 0):
        got = [m.span() for m in needles.finditer(compiled, text, starts(pattern, flags))]
    assert got == [m.span() for m in compiled.finditer(text)]


@pytest.mark.parametrize("direct", [0, 1], ids=["one pass", "needle by needle"])
@given(st.lists(st.text("ab -.", min_size=1, max_size=5), min_size=1, max_size=6), st.data())
@settings(max_examples=600, deadline=None)
def test_one_pass_finds_every_bounded_needle(direct, words, data):
    pieces = st.one_of(st.sampled_from(words), st.text("abAB -.\n", max_size=3))
    text = "".join(data.draw(st.lists(pieces, max_size=8)))
    registry = needles._Registry(direct=direct)
    texts = {" ".join(w.split()) for w in words} - {""}
    registry.add(texts)
    got = needles.Found(text, registry).needles
    low = text.lower()
    for needle in texts:
        where = r"(?<![a-z])" + r"\s+".join(map(re.escape, needle.split(" ")))
        if re.search(where, low):
            assert needle in got


# every substitution and existence rule: the same findings with and without the tests

RULES = [r for r in load_rules([], True).rules if r.KIND in ("substitution", "existence")]
EXAMPLES = sorted({e for r in RULES for e in r.meta.examples_fail + r.meta.examples_pass})


@contextmanager
def _no_tests():
    def every(self, text):  # noqa: ANN001
        return list(range(len(self.gates)))

    saved = {r: (r.widths, r.heads) for r in RULES if r.KIND == "existence"}
    for rule in saved:
        rule.widths = (0, 1 << 62)  # every line is tried
        rule.heads = None  # whatever it begins with
    try:
        with _unpatched(every):
            yield
    finally:
        for rule, (width, heads) in saved.items():
            rule.widths, rule.heads = width, heads


@contextmanager
def _unpatched(every):  # noqa: ANN001
    with mock.patch.object(needles.Gate, "open", lambda self, text, got=None: True), \
            mock.patch.object(needles.Gate, "open_in", lambda self, text, start, end: True), \
            mock.patch.object(needles.Gates, "open", every), \
            mock.patch.object(substitution, "finditer", lambda p, text, heads: p.finditer(text)), \
            mock.patch.object(existence, "finditer", lambda p, text, heads: p.finditer(text)):
        yield


def _findings(rule, text):  # noqa: ANN001
    from normalize.document import Document

    return sorted((f.start, f.end, f.message, repr(f.fix))
                  for f in rule.check(Document.from_text(text, "t.txt")))


@st.composite
def _documents(draw):  # noqa: ANN001
    rule = draw(_one_of(tuple(RULES)))
    own = tuple(rule.meta.examples_fail + rule.meta.examples_pass)
    pieces = _one_of(own) | _one_of(tuple(EXAMPLES)) | _one_of(tuple(PIECES))
    parts = draw(st.lists(pieces, min_size=1, max_size=6))
    cased = [draw(_one_of((p, p.upper(), p.lower(), p.swapcase()))) for p in parts]
    seps = [draw(_one_of(("\n", " ", ". ", "\u00a0", "", "\n\n", ", "))) for _ in cased]
    return rule, "".join(a + b for a, b in zip(cased, seps))


@given(_documents())
@settings(max_examples=400, deadline=None)
def test_rules_find_the_same_with_and_without_the_tests(case):
    rule, text = case
    fast = _findings(rule, text)
    with _no_tests():
        slow = _findings(rule, text)
    assert fast == slow


def test_every_rule_example_with_and_without_the_tests():
    for rule in RULES:
        for text in rule.meta.examples_fail + rule.meta.examples_pass:
            fast = _findings(rule, text)
            with _no_tests():
                assert fast == _findings(rule, text), (rule.meta.code, text)


def _prune_by_pairs(found):
    """The plain definition: a needle goes when it holds another where that one is found."""
    def holds(big, small):
        if not small.bounded:
            return small.text in big.text
        starts = [i for i in range(1, len(big.text)) if not "a" <= big.text[i - 1] <= "z"]
        return any(big.text.startswith(small.text, i)
                   for i in ([0] if big.bounded else []) + starts)
    return frozenset(n for n in found if not any(m != n and holds(n, m) for m in found))


@given(st.sets(st.builds(Needle, st.text("abc -'", min_size=1, max_size=6), st.booleans()),
               max_size=12))
@settings(max_examples=400)
def test_pruning_by_pieces_equals_pruning_by_pairs(found):
    from normalize.literals import _prune

    assert _prune(found) == _prune_by_pairs(found)


ALL_RULES = load_rules([], True).rules
NEEDLES = sorted({n for r in ALL_RULES for n in (r.needles or ())})


@given(st.sets(st.sampled_from(NEEDLES + ["not a needle"]), max_size=8),
       st.sets(st.integers(0, len(ALL_RULES) - 1), min_size=1))
@settings(max_examples=300)
def test_the_engine_calls_exactly_the_rules_whose_needles_are_found(present, indexes):
    """engine._Plan against the plain definition, for any subset of the rules."""
    from normalize.engine import _plan

    wanted = tuple(ALL_RULES[n] for n in sorted(indexes))

    def may(rule):  # noqa: ANN001
        return rule.needles is None or not rule.needles.isdisjoint(present)

    expected = ([r for r in wanted if may(r) and not r.meta.requires_evidence],
                [r for r in wanted if may(r) and r.meta.requires_evidence])
    assert _plan(wanted).chosen(present) == expected
