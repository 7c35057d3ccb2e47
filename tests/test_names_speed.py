"""The names kind's shortcuts (kinds/names.py) must not change a finding: a one-word
place written as listed is passed over, the words after a first word are followed
only as far as a listed name goes on (one regex for the blanks and the next word),
and a proposal equal to the text is dropped before normalising. On random documents
built from a tricky list and risky characters, the rule gives what the plain walk
over every word gave before them (the reference below, the old code)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.kinds import names as names_kind
from normalize.kinds.names import NamesRule
from normalize.loader import load_rules
from normalize.text import Token, fold, match_case, tokens

from .test_names_prefilters import _adjacent, _at_reference

# one-word places with and without diacritics, a folded form listed twice (the first
# wins), names in capitals, first words that longer names go on from, inner words in
# lower case, hyphens, repeated words, letters that fold to two
LIST = ["A Coruña", "A Cruña", "Aabenrå", "Aabenra", "ASHMŪN", "London", "London Colney",
        "New York", "New York City", "New York Mills", "Bosnia and Herzegovina", "Mo i Rana",
        "Saint-Étienne", "Châlons-en-Champagne", "Ho Chi Minh City", "Ås", "Ås Ås", "Kraków",
        "Ærø", "İzmir", "Straße", "São Tomé and Príncipe", "Tomé", "Ǆemal", "Nový Jičín",
        "It Ong", "He Shan", "Lodz", "Łódź", "Kyiv Oblast", "Kyiv"]
BLANKS = [" ", "  ", "\n", "\n\n", " \n ", "\r\n", "\t", "\u00a0", "\u2028", "\u0085",
          "\x1c", "\u3000", "\u200b", "-", ""]
RISKY = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\u0085", "\x1c", "\u200b",
         "\u3000", "-", ", ", ". ", "’s ", "“", "\u0301", "e\u0301", "eBay", "McDonald", "😀",
         "the", "and", "i", "It", "He", "New", "NEW", "said", "7", "²", "ß", "ǅ"]


def _variants(name: str) -> list[str]:
    words = name.split()
    plain = " ".join(fold(w).capitalize() for w in words)
    nfd = unicodedata.normalize("NFD", name)
    lower = [words[0]] + [w.lower() for w in words[1:]]  # a finding if more than one
    return [name, plain, plain.upper(), name.upper(), name.lower(), nfd, words[0], words[-1],
            " ".join(reversed(words))] + [blank.join(lower) for blank in BLANKS]


_PIECES = st.one_of(st.sampled_from(RISKY),
                    st.sampled_from(LIST).flatmap(lambda n: st.sampled_from(_variants(n))))
_DOCUMENTS = st.lists(_PIECES, max_size=30).map("".join)


def names_rules(folder: Path, names: list[str], prefix: str) -> list[NamesRule]:
    """A place list and a person list of `names` (codes `prefix`101, `prefix`102)."""
    listed = ", ".join(f'"{n}"' for n in names)
    for code, category in ((f"{prefix}101", "place"), (f"{prefix}102", "person")):
        (folder / f"{code}.toml").write_text(
            f'code = "{code}"\nkind = "names"\ncategory = "{category}"\n'
            f'message = "{{text}} {{problem}}: {{replacement}}"\nsource = "tests"\n'
            f"names = [{listed}]\n"
            '[examples]\nfail = ["Krakow is."]\npass = ["Kraków is."]\n', encoding="utf-8")
    return [r for r in load_rules([folder], False).rules if isinstance(r, NamesRule)]


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> list[NamesRule]:
    return names_rules(tmp_path_factory.mktemp("lists"), LIST, "XP")


# -- the reference: the old code, every word visited ---------------------------------


def _reference(rule: NamesRule, doc: Document) -> list:
    words = list(tokens(doc.text))
    keys = [fold(w.text) if w.text[0].isupper() else None for w in words]
    triggers = set(rule.lengths) | (set(rule.by_last) | set(rule.surnames)
                                    if rule.is_person else set())
    out, resume = [], 0
    for i, key in enumerate(keys):
        if key is None or i < resume:
            continue
        before = rule.is_person and i < len(words) - 1 and keys[i + 1] in rule.by_last
        if key in triggers or before:
            if rule.is_person:
                step, finding = _at_reference(rule, doc, words, i)
            else:
                step, finding = _place_reference(rule, doc, words, i)
            if finding is not None:
                out.append(finding)
            resume = i + step
    return out


def _place_reference(rule: NamesRule, doc: Document, words: list[Token], i: int) -> tuple:
    for n in rule.lengths.get(fold(words[i].text), ()):
        run = words[i : i + n]
        if len(run) != n or not _adjacent(doc.text, run):
            continue
        entry = rule.full.get(tuple(fold(w.text) for w in run))
        if entry is not None:
            return n, _restore_reference(rule, doc, run, entry.words, entry.canonical)
    return 1, None


def _restore_reference(rule, doc, run, canon, canonical):
    start, end = run[0].start, run[-1].end
    pieces, pos = [], start
    for word, right in zip(run, canon):
        pieces.append(doc.text[pos : word.start])
        pieces.append(match_case(word.text, right) if word.text.isupper() else right)
        pos = word.end
    proposal = "".join(pieces)
    nfc = unicodedata.normalize
    if nfc("NFC", proposal) == nfc("NFC", doc.text[start:end]):
        return None
    problem, case_only = names_kind._problem(doc.text[start:end], proposal)
    return rule.finding(doc, start, end, proposal, problem=problem,
                        applicability=rule._unsafe if case_only else rule._safe)


# -- the properties ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS)
def test_shortcuts_equal_the_walk_over_every_word(rules, text):
    doc = Document.from_text(text, "a.txt")
    for rule in rules:
        assert list(rule.check(doc)) == _reference(rule, doc), rule.meta.code


@pytest.mark.parametrize("text", [
    "Aabenra and Aabenrå, AABENRA; London Colney, London\ncolney, London\n\ncolney, London.",
    "New York City Mills, NEW YORK, New\u00a0York, New\u2028York, New\x1cYork, New\u200bYork",
    "It ong, He\tshan, Bosnia and\nHerzegovina, Mo i Rana, Mo I rana, Ås Ås Ås, ÅS",
    "New\u00a0york, Bosnia\u2028and\x1cherzegovina, Mo\u3000i\u0085rana, New\u200byork",
    unicodedata.normalize("NFD", "Kraków, Łódź, Lodz, São Tomé and Príncipe, Ǆemal"),
])
def test_known_cases(rules, text):
    doc = Document.from_text(text, "a.txt")
    for rule in rules:
        assert list(rule.check(doc)) == _reference(rule, doc), rule.meta.code


def test_a_word_in_capitals_is_its_own_upper_case():
    """Why a one-word place written as listed may be passed over even in capitals:
    _restore proposes a word in capitals in upper case, which is then the word."""
    import sys

    chars = map(chr, range(sys.maxunicode + 1))
    assert all(c.upper() == c for c in chars if c.isupper())
    assert all(c.upper() == c for c in map(chr, range(sys.maxunicode + 1))
               if not (c.islower() or c.isupper() or c.istitle()))


def test_a_name_another_list_took(tmp_path):
    """After forget() a first word may be left without its one-word name: in a list of
    people the word may still be a reversed name or a surname alone."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder, number, names in ((ours, 110, '"Kraków", "Jan Kraków", "Ås", "Ole Ås"'),
                                  (theirs, 120, '"Krakow", "As"')):
        folder.mkdir()
        for code, category in ((f"XP{number + 1}", "person"), (f"XP{number + 2}", "place")):
            (folder / f"{code}.toml").write_text(
                f'code = "{code}"\nkind = "names"\ncategory = "{category}"\n'
                f'message = "{{text}} {{problem}}"\nsource = "tests"\nnames = [{names}]\n'
                '[examples]\nfail = []\npass = ["Nothing here."]\n', encoding="utf-8")
    doc = Document.from_text("Krakow Jan met Kraków Jan, Ås Ole and As Ole; Krakow, As.", "a.txt")
    found = 0
    for rule in load_rules([ours, theirs], False).rules:
        assert list(rule.check(doc)) == _reference(rule, doc), rule.meta.code
        found += len(_reference(rule, doc))
    assert found


def test_a_texts_namesakes_are_worked_out_once_a_surname(monkeypatch):
    """Each mention of a listed surname alone asked whether the text names its person
    in full, and each answer walked every mention: a live blog of "Budrys said ..."
    was quadratic. The answers are kept for the text, and are what they were."""
    rules = [r for r in load_rules([], True).rules if r.KIND == "names" and r.is_person]
    text = "Foreign Minister Kęstutis Budrys spoke.\n" + "Budrys said so. Sakaliene agreed.\n" * 40
    plain = NamesRule._namesakes_in
    with monkeypatch.context() as patched:  # asked anew at each mention, as before
        patched.setattr(NamesRule, "_namesakes", plain)
        before = {r.meta.code: list(r.check(Document.from_text(text))) for r in rules}
    calls: list[str] = []
    monkeypatch.setattr(NamesRule, "_namesakes_in",
                        lambda self, text, key: calls.append(key) or plain(self, text, key))
    for rule in rules:
        rule._namesakes_of = (None, {})
        assert list(rule.check(Document.from_text(text))) == before[rule.meta.code]
    assert calls and len(calls) == len(set(calls)) <= 2 * len(rules)
    assert any(f.fix for found in before.values() for f in found)  # it found them
