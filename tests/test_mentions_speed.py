"""The shared capital scan (capitals.scan), the mention table built from it and the
names kind's candidate search must give exactly what the code before them gave.
The references below are that code (occurrences found with str.find, every word
checked with Document.is_protected, every capitalised word keyed), run on random
documents built from the rules' names and examples, risky characters and random
protected spans (unsorted, overlapping, empty)."""

from __future__ import annotations

from operator import attrgetter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import rulecache
from normalize.capitals import (
    _ASCII_SPLIT,
    _capital_re,
    _capital_split,
    _continues,
    capitalised_texts,
    capitalised_words,
    occurrences,
    scan,
)
from normalize.document import Document
from normalize.entities import (
    MAX_WORDS,
    Mention,
    _joined,
    _namelike,
    _protection,
    collect_mentions,
)
from normalize.kinds.base import RuleError
from normalize.kinds.names import NameEntry, NamesRule, _folded, _next_to, _surname_forms
from normalize.loader import load_rules
from normalize.model import Span
from normalize.text import Token, fold

from .test_names_prefilters import EXAMPLES, NAMES, RISKY, _variants

RULES = [r for r in load_rules([], True).rules if isinstance(r, NamesRule)]
PIECES = st.one_of(st.sampled_from(RISKY), st.sampled_from(EXAMPLES),
                   st.sampled_from(NAMES).flatmap(lambda n: st.sampled_from(_variants(n))),
                   st.text(alphabet="AaBbÉéŠšß -’\n\u0301😀", max_size=6))


@st.composite
def texts(draw) -> str:
    return "".join(draw(st.lists(PIECES, max_size=30)))


@st.composite
def documents(draw) -> Document:
    text = draw(texts())
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 12)), max_size=4))
    path = draw(st.sampled_from(["a.txt", "a.md", "a.html"]))
    protected = tuple(Span(s, min(n, s + k)) for s, k in spans)
    return Document(path=path, text=text, protected=protected)


# -- the code before ------------------------------------------------------------------


def _old_capitalised_texts(text: str) -> frozenset[str]:
    found = set(_capital_re().findall(text))
    if max(found, default="") > "\uffff":
        return frozenset(w.text for w in capitalised_words(text))
    return frozenset(found)


def _old_collect_mentions(doc: Document) -> list[Mention]:
    out: list[Mention] = []
    run: list[Token] = []
    text = doc.text
    names = list(filter(_namelike, _old_capitalised_texts(text)))
    found = [w for name in names for w in occurrences(text, name)]

    def flush() -> None:
        if len(run) <= MAX_WORDS:
            s, e = run[0].start, run[-1].end
            out.append(Mention(doc.path, s, e, text[s:e], tuple(t.text for t in run),
                               tuple(t.start for t in run)))

    for word in sorted(found, key=attrgetter("start")):
        if doc.is_protected(word.start, word.end):
            continue
        if run and _joined(text, run[-1], word):
            run.append(word)
            continue
        if run:
            flush()
        run = [word]
    if run:
        flush()
    return out


def _old_check(rule: NamesRule, doc: Document) -> list:
    text = doc.text
    triggers = frozenset(rule.lengths) | set(rule.by_last) | set(rule.surnames)
    if not triggers.intersection(_folded(text)[1]):  # no capitalised word is one
        return []
    words = capitalised_words(text)
    keys = [fold(w.text) for w in words]
    out, resume = [], 0
    for i, key in enumerate(keys):
        word = words[i]
        if word.start < resume:
            continue
        if key in triggers or (i < len(words) - 1 and keys[i + 1] in rule.by_last
                               and _next_to(text, word.end, words[i + 1].start)):
            resume, finding = rule._at(doc, word, key)
            if finding is not None:
                out.append(finding)
    return out


def _old_indexes(names: list[str]) -> tuple:
    full: dict = {}
    by_last: dict = {}
    given: set = set()
    lengths: dict = {}
    for name in names:
        words = tuple(name.split())
        entry = NameEntry(name, words, tuple(map(fold, words)))
        full.setdefault(entry.folded, entry)
        lengths.setdefault(entry.folded[0], set()).add(len(words))
        by_last.setdefault(entry.folded[-1], []).append(entry)
        given.update(entry.folded[:-1])
    lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
    return full, lengths, by_last, given, _surname_forms(by_last)


# -- the properties ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(texts())
def test_scan_is_every_capital_match_with_its_offset(text):
    words, starts, distinct = scan.__wrapped__(text)
    assert distinct == _old_capitalised_texts(text) == capitalised_texts(text)
    assert all(text[p : p + len(w)] == w for w, p in zip(words, starts))
    if max(text, default="") <= "\uffff":
        assert [(m.group(), m.start()) for m in _capital_re().finditer(text)] == list(
            zip(words, starts))
    assert [w for w, p in zip(words, starts)
            if not p or text[p - 1].isspace() or not _continues(text, p - 1)
            ] == [w.text for w in capitalised_words(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60) | texts().map(
    lambda t: t.encode("ascii", "replace").decode()))
def test_ascii_pattern_is_the_capital_pattern_on_ascii_text(text):
    assert _ASCII_SPLIT.split(text) == _capital_split().split(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
       st.lists(st.tuples(st.integers(0, 45), st.integers(1, 8)), max_size=10))
def test_protection_is_is_protected(spans, queries):
    doc = Document(path="a.txt", text="x" * 50,
                   protected=tuple(Span(a, a + b) for a, b in spans))
    covered = _protection(doc.protected)
    for start, n in queries:
        assert covered(start, start + n) == doc.is_protected(start, start + n)


@settings(max_examples=400, deadline=None)
@given(documents())
def test_mention_table_is_what_it_was(doc):
    assert collect_mentions(doc) == _old_collect_mentions(doc)


@settings(max_examples=300, deadline=None)
@given(texts())
def test_names_kind_is_what_it_was(text):
    doc = Document.from_text(text, "a.txt")
    for rule in RULES:
        assert list(rule.check(doc)) == _old_check(rule, doc), rule.meta.code


@pytest.mark.parametrize("text", [
    "Kestutis Budrys met Budrys Kestutis and Decali Šakalienė; Sakaliene agreed.",
    "eBudrys Sakaliene, McKestutis Budrys, x-Decali Šakalienė Šakalienė",
    "Decali 😀Šakalienė Decali\n\nŠakalienė Decali, Šakalienė",
])
def test_known_cases(text):
    doc = Document.from_text(text, "a.txt")
    assert collect_mentions(doc) == _old_collect_mentions(doc)
    for rule in RULES:
        assert list(rule.check(doc)) == _old_check(rule, doc)


def test_name_indexes_are_what_they_were_and_kept():
    for rule in RULES:
        full, lengths, by_last, given, surnames = _old_indexes(rule.options["names"])
        assert rule.full == full and list(rule.full) == list(full)
        assert rule.by_last == by_last and list(rule.by_last) == list(by_last)
        assert rule.lengths == lengths and rule.given == given
        assert rule.surnames == surnames
        again = type(rule)(rule.meta, rule.options, rule.where)  # from rulecache.ANALYSIS
        assert (again.full, again.by_last, again.surnames) == (full, by_last, surnames)
    keys = [k for k in rulecache.ANALYSIS.table if k[0] == "names-index"]
    assert keys  # the indexes are kept with the analysed folder


@pytest.mark.parametrize("names, message", [
    (["Kęstutis Budrys", " "], "empty name"), (["A B", "C", "A B"], "listed twice")])
def test_a_bad_names_list_is_an_error_every_time(names, message):
    rule = RULES[0]
    for _ in range(2):
        with pytest.raises(RuleError, match=message):
            type(rule)(rule.meta, {**rule.options, "names": names}, rule.where)


def test_forget_leaves_the_kept_indexes_alone():
    rule = RULES[0]
    first = type(rule)(rule.meta, rule.options, rule.where)
    first.forget(set(first.full))
    second = type(rule)(rule.meta, rule.options, rule.where)
    assert second.full == rule.full and second.by_last == rule.by_last
