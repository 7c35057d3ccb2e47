"""The repetition rule's shortcut is exact: the same findings as the full pass.

`check` first compares the keys of the long sentences and long lines alone
(`_long_keys`: the text's characters as their classes, sentence ends found
where a mark before a blank is, no places); only where something
copies does it run `_findings`, which works out every sentence's place. These
tests hold `_long_keys` against the keys the full pass builds, and `check`
against `_findings`, on documents made of the rule's own examples, copies and
near copies, odd characters, NUL, non-ASCII words and every kind of line end.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.kinds import repetition

from .test_repetition import OPTIONS, RULE, SENTENCES, _edited

EXAMPLES = list(RULE.meta.examples_fail + RULE.meta.examples_pass)
ODD = [" ", "  ", "\t", "…", "?!", "”", "’s", "\"", "(", ")", "—", "x.", "0.5%", "\x00",
       "\x1c", "\x85", "\u2028", "\xa0", "Šakalienė", "straße", "İstanbul", "\ud800"]
LINE_ENDS = ["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", " \n"]


@st.composite
def _documents(draw):  # noqa: ANN001
    """Lines of example texts, sentences, near copies and odd pieces; some
    lines and sentences copied again later, some with words around them."""
    pieces = st.one_of(st.sampled_from(EXAMPLES + SENTENCES), _edited(), st.sampled_from(ODD))
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        parts = draw(st.lists(pieces, max_size=3))
        if lines and draw(st.booleans()):  # a copy of an earlier line or part of one
            earlier = draw(st.sampled_from(lines))
            parts.append(draw(st.sampled_from([earlier, earlier[: len(earlier) // 2],
                                               f"Hart wrote: {earlier} AP Photo"])))
        lines.append(draw(st.sampled_from(["", " ", "  "])).join(parts))
    return draw(st.sampled_from(LINE_ENDS)).join(lines)


def _full_keys(text: str, least: int):  # noqa: ANN202
    """What the full pass compares: the long sentences, then the long lines."""
    numbers, units = repetition._Keys(text).sentences()
    sentences = [(u.key, u.words) for u in units if u.words >= least]
    lines = []
    for number in dict.fromkeys(numbers):
        parts = [u for n, u in zip(numbers, units) if n == number]
        words = sum(u.words for u in parts)
        if words >= least:
            lines.append((" ".join(u.key for u in parts if u.key), words))
    return ([k for k, _ in sentences], [w for _, w in sentences],
            [k for k, _ in lines], [w for _, w in lines])


@given(_documents(), st.sampled_from([1, 2, 3, 8, 10]))
@settings(max_examples=1000, deadline=None)
def test_long_keys_are_those_of_the_full_pass(text, least):
    _assert_full_keys(text, least)


def _assert_full_keys(text: str, least: int) -> None:
    """`_long_keys` of `text`: None exactly where the full pass does not
    fold it (or it has a NUL), else the keys the full pass compares."""
    keys = repetition._long_keys(text, least)
    if "\x00" in text or repetition._Keys(text).folded is None:
        assert keys is None
    else:
        assert keys == _full_keys(text, least)


# marks, quotes, blanks (\x1c-\x1f, \x85, \xa0, \u2028, \u3000 are blanks too), line
# ends, word characters and the characters that casefold to ASCII ones (the Kelvin
# sign, the long s) or to more than one (ß, İ), or that a mark or quote may stand beside
RISKY = list("aB1_ .!?…\"”’)(,“'—\t\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\r\nßİ\u212aſ\u0345é?")


@given(st.lists(st.sampled_from(RISKY + ["x.", ". ", ".\" ", "…”\xa0", "U.S. ", "?!”", "\ud800"]),
                max_size=40).map("".join), st.sampled_from([1, 2, 3]))
@settings(max_examples=3000, deadline=None)
def test_sentence_ends_are_those_of_the_sentence_pattern(text, least):
    """Character by character: where `_long_keys` ends a sentence (a mark and
    its quotes before a blank, ASCII or not), and what it folds, are what the
    full pass (`_SENTENCES`, `_fold`) makes of the text."""
    _assert_full_keys(text, least)


def test_sentence_ends_by_example():
    texts = ["One two three.\xa0Four five six.", "One two three.—Four five six.",
             "One two three.”\u2028Four five.", "“One two three?” Four five six!",
             ". One two three. Four", "One two.) (Three four.", "U.S. officials met.",
             "One \u212aelvin two three.", "Straße one two. Three", "One two.\x85Three four"]
    for text in texts:
        for least in (1, 2, 3):
            _assert_full_keys(text, least)
    assert repetition._long_keys("One two three.\xa0Four five six.", 3)[0] == [
        "one two three", "four five six"]
    assert repetition._long_keys("One two three.—Four five six.", 3)[0] == [
        "one two three four five six"]


@given(_documents(), OPTIONS)
@settings(max_examples=1000, deadline=None)
def test_check_finds_what_the_full_pass_finds(text, options):
    rule = repetition.RepetitionRule(RULE.meta, {**RULE.options, **options}, RULE.where)
    doc = Document.from_text(text, "t.txt")
    assert list(rule.check(doc)) == list(rule._findings(doc))


def test_the_shortcut_passes_over_clean_articles_only():
    """The examples that must pass end at the shortcut; those that must fail
    do not, and the full pass flags them."""
    for text in RULE.meta.examples_pass:
        keys = repetition._long_keys(text, RULE.options["min_words"])
        assert keys is not None
        assert not RULE._firsts(keys[0], keys[1]) and not RULE._firsts(keys[2], keys[3])
    for text in RULE.meta.examples_fail:
        doc = Document.from_text(text, "t.txt")
        assert list(RULE.check(doc)) == list(RULE._findings(doc)) != []
