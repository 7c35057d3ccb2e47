"""The names kind and the mention table look only at capitalised words, found with one
regex (normalize.capitals), and skip a document in which no capitalised word can
start a name. These pre-filters must be sound: on random documents built from
the rules' own names and examples and from risky characters, the results equal
those of the plain walk over every word (reference implementations below)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.capitals import capitalised_texts, capitalised_words, occurrences
from normalize.document import Document
from normalize.entities import Mention, collect_mentions, is_common
from normalize.kinds.names import NamesRule, _name_after
from normalize.langid import zipf
from normalize.loader import load_rules
from normalize.text import Token, fold, tokens

RULES = [r for r in load_rules([], True).rules if isinstance(r, NamesRule)]
NAMES = sorted({n for r in RULES for n in r.options["names"]})[:400:7] + [
    "Kęstutis Budrys", "Dovilė Šakalienė", "Bosnia and Herzegovina"]
EXAMPLES = [e for r in RULES for e in r.meta.examples_fail + r.meta.examples_pass]
RISKY = [" ", " ", "  ", "\n", "\n\n", "\r\n\r\n", "-", "--", "’s ", "'s", ", ", ". ", "“", "”",
         "\u0301", "e\u0301", "A\u0301", "McDonald", "eBay", "anti-", "iPhone", "😀", "🅰",
         "𝐀bc", "Ⓐ", "²", "ǅ", "ß", "İstanbul", "NATO", "THE", "The", "the", "and", "of",
         "Mr", "said", "Minister", "http://x.eu/Budrys", "@BudrysKestutis", "#Šakalienė", "7"]


def _variants(name: str) -> list[str]:
    words = name.split()
    plain = " ".join(fold(w).capitalize() for w in words)
    out = [name, plain, plain.upper(), words[-1], fold(words[-1]).capitalize()]
    if len(words) == 2:
        out += [f"{words[1]} {words[0]}", f"Decali {words[-1]}", f"{words[0]}\n{words[1]}"]
    return out


# made once: a strategy made anew for each document is validated anew
_PIECES = st.one_of(st.sampled_from(RISKY), st.sampled_from(EXAMPLES),
                    st.sampled_from(NAMES).flatmap(lambda n: st.sampled_from(_variants(n))))
_DOCUMENTS = st.lists(_PIECES, max_size=30).map("".join)


def documents() -> st.SearchStrategy[str]:
    return _DOCUMENTS


# -- reference implementations: every word visited ---------------------------------


def _capitalised_reference(text: str) -> list[Token]:
    return [w for w in tokens(text) if w.text[0].isupper()]


def _mentions_reference(doc: Document) -> list[Mention]:
    from normalize.entities import MAX_WORDS, _joined, _namelike

    out, run = [], []

    def flush() -> None:
        if run and len(run) <= MAX_WORDS:
            s, e = run[0].start, run[-1].end
            out.append(Mention(doc.path, s, e, doc.text[s:e], tuple(t.text for t in run),
                               tuple(t.start for t in run)))

    for word in tokens(doc.text):
        ok = _namelike(word.text) and not doc.is_protected(word.start, word.end)
        if ok and run and _joined(doc.text, run[-1], word):
            run.append(word)
            continue
        flush()
        run = [word] if ok else []
    flush()
    return out


def _names_reference(rule: NamesRule, doc: Document) -> list:
    """The names kind as it was: every word keyed, every position looked at."""
    words = list(tokens(doc.text))
    keys = [fold(w.text) if w.text[0].isupper() else None for w in words]
    triggers = set(rule.lengths) | set(rule.by_last) | set(rule.surnames)
    out, resume = [], 0
    for i, key in enumerate(keys):
        if key is None or i < resume:
            continue
        if key in triggers or (i < len(words) - 1 and keys[i + 1] in rule.by_last):
            step, finding = _at_reference(rule, doc, words, i)
            if finding is not None:
                out.append(finding)
            resume = i + step
    return out


def _at_reference(rule: NamesRule, doc: Document, words: list[Token], i: int) -> tuple:
    key = fold(words[i].text)
    for n in rule.lengths.get(key, ()):
        run = words[i : i + n]
        if len(run) != n or not _adjacent(doc.text, run):
            continue
        entry = rule.full.get(tuple(fold(w.text) for w in run))
        if entry is not None:
            return n, rule._restore(doc, run, entry)
    nxt = words[i + 1] if i + 1 < len(words) else None
    pair_ok = nxt is not None and _adjacent(doc.text, [words[i], nxt])
    if nxt is not None and pair_ok and rule.is_person:
        entry = rule.full.get((fold(nxt.text), key))
        if entry is not None and len(entry.words) == 2 and _name_after(doc.text, nxt.end) is None:
            return 2, rule._name_finding(doc, words[i], nxt, entry,
                                         "is in reversed order (surname first)")
    if nxt is not None and pair_ok and rule.is_person and nxt.text[0].isupper():
        entry = rule._garbled_given(words[i].text, rule.by_last.get(fold(nxt.text), ()))
        if entry is not None:
            return 2, rule._name_finding(doc, words[i], nxt, entry,
                                         "looks like a garbled form of a known name")
    forms = rule.surnames.get(key) if rule.is_person else None
    if forms and zipf(key, "en") < 3.0:
        return 1, rule._surname(doc, words[i], list(forms))
    return 1, None


# -- the properties ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(documents())
def test_capitalised_words_are_the_capitalised_tokens(text):
    exact = _capitalised_reference(text)
    assert list(capitalised_words(text)) == exact
    assert {w.text for w in exact} <= capitalised_texts(text)
    for word in {w.text for w in exact}:
        assert occurrences(text, word) == [w for w in tokens(text) if w.text == word]


@settings(max_examples=200, deadline=None)
@given(documents())
def test_mention_table_equals_the_walk_over_every_word(text):
    doc = Document.from_text(text, "a.txt")
    assert collect_mentions(doc) == _mentions_reference(doc)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_names_kind_equals_the_walk_over_every_word(text):
    doc = Document.from_text(text, "a.txt")
    for rule in RULES:
        assert list(rule.check(doc)) == _names_reference(rule, doc), rule.meta.code


@pytest.mark.parametrize("text", [
    "Kestutis Budrys met Budrys Kestutis and Decali Šakalienė; Sakaliene agreed.",
    "McDonald’s eBay anti-Budrys 😀Budrys 🅰Budrys A\u0301Budrys x\u0301Budrys -Budrys",
    "\u0301Dovile Sakaliene", "Bosnia and Herzegovina, bosnia and herzegovina",
])
def test_known_cases(text):
    doc = Document.from_text(text, "a.txt")
    assert list(capitalised_words(text)) == _capitalised_reference(text)
    assert collect_mentions(doc) == _mentions_reference(doc)
    for rule in RULES:
        assert list(rule.check(doc)) == _names_reference(rule, doc)


def test_is_common_short_cut_agrees_with_wordfreq():
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict("en")
    rng = random.Random(7)
    near = [w for w, f in freqs.items() if 0.5e-6 < f < 2e-6 and w.isascii() and w.isalpha()]
    words = rng.sample(near, 300) + rng.sample(sorted(freqs), 300)
    words += ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 7)))
              for _ in range(300)]
    for word in words + ["Kraków", "Straße", "K\u212a", "Şakalienė"]:
        for form in (word, word.capitalize(), word.upper()):
            assert is_common.__wrapped__(form) == (zipf(form.lower(), "en") >= 3.0), form


def _adjacent(text: str, run: list[Token]) -> bool:
    """Words separated only by blanks (at most one line break)."""
    for a, b in zip(run, run[1:]):
        gap = text[a.end : b.start]
        if not gap or gap.strip() or gap.count("\n") > 1:
            return False
    return True
