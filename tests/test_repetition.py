"""The repetition rule finds what its plain version found: every unit against every earlier one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.kinds import repetition
from normalize.kinds.existence import split_lines
from normalize.loader import load_rules

RULE = next(r for r in load_rules([], True).rules if r.KIND == "repetition")


def _plain_unit(text: str, start: int, end: int) -> repetition._Unit:
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    trail = len(body) - len(body.rstrip())
    key = repetition.normalised(body)
    return repetition._Unit(start + lead, end - trail, key, len(key.split()) if key else 0)


def _plain_findings(rule, doc):  # noqa: ANN001
    """The rule as it was: each line, then each sentence, against all earlier ones."""
    text, least = doc.text, rule.options["min_words"]
    seen_lines, sentences, out = [], [], []
    for number, m in enumerate(re.finditer(r"[^\r\n]+", text)):
        line = _plain_unit(text, m.start(), m.end())
        if line.words >= least:
            first = next((o for o in seen_lines if rule._copies(line, o)), None)
            seen_lines.append(line)
            if first is not None:
                out.append(rule._finding(doc, line, first))
                continue
        sentences.extend((number, _plain_unit(text, s.start(), s.end()))
                         for s in repetition._SENTENCE.finditer(text, line.start, line.end))
    units = [u for _, u in sentences]
    taken = -1
    for i, (number, unit) in enumerate(sentences):
        if i <= taken or unit.words < least:
            continue
        j = next((k for k in range(i) if units[k].words >= least
                  and rule._copies(unit, units[k])), None)
        if j is None:
            continue
        back = 0
        while (j - back > 0 and i - back - 1 > max(j, taken)
               and repetition._same(sentences, i - back - 1, j - back - 1, number)):
            back += 1
        ahead = 0
        while (i + ahead + 1 < len(units) and j + ahead + 1 < i - back
               and repetition._same(sentences, i + ahead + 1, j + ahead + 1, number)):
            ahead += 1
        taken = i + ahead
        span = repetition._Unit(units[i - back].start, units[i + ahead].end, "", 0)
        out.append(rule._finding(doc, span, units[j - back]))
    return out


SENTENCES = [
    "Officials said the drone carried two kilograms of explosives into Lithuania.",
    "Officials said the drone carried two kilograms of explosive into Lithuania.",
    "OFFICIALS SAID THE DRONE CARRIED TWO KILOGRAMS OF EXPLOSIVES INTO LITHUANIA!",
    "Officials said the drone carried two kilograms of explosives into Lithuania, AP Photo.",
    "NATO takes these incidents very seriously.", "We remain vigilant.",
    "GDP fell by 0.1% in the last three months of 2004 in Japan.",
    "“The straße was closed,” Šakalienė said on Tuesday in Vilnius, İstanbul and Kyiv.",
    "The straße was closed, Šakalienė said on Tuesday in Vilnius, İstanbul and Kyiv…",
    "It’s the bank’s view that rates will rise again next year, the governor said.",
    "It's the bank's view that rates will rise again next year, the governor said.",
    "Short one.", "U.S. officials met on Monday.", "\"Quoted.\" Then more words follow here.",
]
PIECES = st.sampled_from(SENTENCES + [" ", "  ", "\t", "…", "?!", "”", "x"])


@st.composite
def _edited(draw):  # noqa: ANN001
    """A sentence with a few characters put in or taken out: a near copy."""
    text = draw(st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(list("ab ,."))) + text[at:]
        else:
            text = text[:at] + text[at + 1:]
    return text


@st.composite
def _documents(draw):  # noqa: ANN001
    lines = []
    for _ in range(draw(st.integers(1, 7))):
        parts = draw(st.lists(st.one_of(PIECES, _edited()), min_size=0, max_size=3))
        lines.append(draw(st.sampled_from(["", " ", "  "])).join(parts))
    return draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r"])).join(lines)


OPTIONS = st.fixed_dictionaries({
    "min_words": st.sampled_from([3, 8]), "similarity": st.sampled_from([50.0, 90.0, 95.0, 101.0]),
    "max_extra_words": st.sampled_from([0, 1, 4])})


@given(_documents(), OPTIONS)
@settings(max_examples=300, deadline=None)
def test_same_findings_as_comparing_every_pair(text, options):
    rule = repetition.RepetitionRule(RULE.meta, {**RULE.options, **options}, RULE.where)
    doc = Document.from_text(text, "t.txt")
    assert list(rule.check(doc)) == _plain_findings(rule, doc)


@given(st.text(st.sampled_from(list("ab .!?…\"”’)\t,0ß")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_sentences_without_backtracking_are_the_same(text):
    for pos in range(0, len(text) + 1, 3):
        assert [m.span() for m in repetition._SENTENCE_FAST.finditer(text, pos)] == \
            [m.span() for m in repetition._SENTENCE.finditer(text, pos)]


@given(st.text(st.sampled_from(list("aB1_ .,’“ßİıéŠ\u0301\t\nК")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_keys_are_the_normalised_text(text):
    keys = repetition._Keys(text)
    for start in range(0, len(text), 4):
        for end in range(start, len(text) + 1, 5):
            body = text[start:end]
            if body and not body[0].isspace() and not body[-1].isspace():
                assert keys.unit(start, end).key == repetition.normalised(body)


@given(st.text(st.sampled_from(list("ab \r\n")), max_size=20))
@settings(max_examples=300, deadline=None)
def test_lines_are_the_runs_between_line_ends(text):
    assert split_lines(text) == [(m.start(), m.group()) for m in re.finditer(r"[^\r\n]+", text)]


def _line_sentences(text: str) -> list[list[repetition._Unit]]:
    """Each line's sentences, line by line: `_SENTENCE_FAST` within the line, blanks
    at either end left out (what the rule did before it split the whole text at once)."""
    keys = repetition._Keys(text)
    out = []
    for at, body in split_lines(text):
        start = at + len(body) - len(body.lstrip())
        end = at + len(body.rstrip())
        out.append([keys.unit(m.start(), m.end())
                    for m in repetition._SENTENCE_FAST.finditer(text, start, end)])
    return [line for line in out if line]


@given(st.text(st.sampled_from(
    list("aB1_ .,’“”\")ßİıéŠ\u0301\t!?…К\x85\x1c\u2028\r\n") + ["\ud800"]), max_size=40))
@settings(max_examples=1000, deadline=None)
def test_the_whole_texts_sentences_are_each_lines_sentences(text):
    numbers, units = repetition._Keys(text).sentences()
    lines: list[list[repetition._Unit]] = []
    for k, unit in enumerate(units):
        if k == 0 or numbers[k] != numbers[k - 1]:
            lines.append([])
        lines[-1].append(unit)
    assert lines == _line_sentences(text)


@given(st.text(st.sampled_from(list("aB1_ .,’“ßİıéŠ\u0301\t!?К") + ["\ud800"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_folded_only_where_each_character_folds_to_one(text):
    keys = repetition._Keys(text)
    assert (keys.folded is None) == (
        len(text.casefold()) != len(text) or bool(
            repetition._NON_ASCII_WORD.search(text.casefold())))


def _first_copies(rule, units):  # noqa: ANN001
    """What `_firsts` finds, the plain way: each unit against every earlier one."""
    found = {}
    for i, unit in enumerate(units):
        j = next((j for j in range(i) if rule._copies(unit, units[j])), None)
        if j is not None:
            found[i] = j
    return found


@given(st.lists(st.one_of(st.sampled_from(SENTENCES), _edited()), max_size=8),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3), st.integers(0, 3))),
       OPTIONS)
@settings(max_examples=500, deadline=None)
def test_first_copies_are_those_of_comparing_every_pair(texts, wrapped, options):
    """Copies with words added before and after, near copies, copies and the
    unrelated: the first copy of each is the first earlier one `_copies` accepts."""
    rule = repetition.RepetitionRule(RULE.meta, {**RULE.options, **options}, RULE.where)
    texts = list(texts)
    for at, before, after in wrapped:  # a copy of one, with words around it
        if at < len(texts):
            texts.append(" ".join(["AP"] * before + [texts[at]] + ["Photo"] * after))
    units = [repetition._Keys(t).unit(0, len(t)) for t in texts]
    assert rule._firsts([u.key for u in units], [u.words for u in units]) == \
        _first_copies(rule, units)


@given(st.text("ab ", max_size=60), st.text("ab ", max_size=60),
       st.floats(50, 100, allow_nan=False))
@settings(max_examples=500, deadline=None)
def test_the_length_bound_never_passes_over_a_ratio_that_reaches_the_threshold(a, b, similarity):
    from rapidfuzz import fuzz

    shorter, longer = sorted((len(a), len(b)))
    if repetition._beyond_ratio(shorter, longer, similarity):
        assert fuzz.ratio(a, b) < similarity


def test_a_near_copy_a_few_characters_longer_is_found():
    """A word put inside a long sentence: 10 characters more in 118 leave a ratio
    of 95.9, over 95, though the lengths differ by more than 5%."""
    first = ("The minister said on Tuesday that the government would review "
             "the rules for new housing developments across the region.")
    again = first.replace("the rules", "the strictest rules")
    doc = Document.from_text(f"{first}\n\nOther words in between here today.\n\n{again}\n")
    found = list(RULE.check(doc))
    assert [doc.text[f.start:f.end] for f in found] == [again]
