"""The folder-wide names stage's shortcuts change nothing: each is checked against
the long way round on random folders built from names and their variants
(diacritics dropped, transliterated, garbled, reversed, surnames alone), and
the cached indexes against the ones worked out afresh."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import attested, consistency, grouping, morphology, translit
from normalize.consistency import decide, listed_names
from normalize.document import Document
from normalize.entities import MentionTable, collect_mentions
from normalize.grouping import Listed, group
from normalize.loader import RuleSet, load_rule_file

NAMES = [
    "Dovilė Šakalienė", "Dovile Sakaliene", "Shakalene", "Šakalienė", "Sakaliene",
    "Decali Šakalienė", "Chakalene", "Kęstutis Budrys", "Kestutis Budrys", "Budrys Kestutis",
    "Budrys", "Nida Grunskiene", "Grunskiene", "Grunskienė", "Ingrida Šimonytė",
    "Irena Šimonytė", "Simonyte", "Kraków", "Krakow", "Sao Paulo", "São Paulo",
    "Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky", "Selenskyj",
    "Raimundas Vaikšnoras", "Raimundas Vaikshnoras", "Vaikshnoras", "Edgars Rinkēvičs",
    "Edgars Rinkevich", "Rinkevics", "Radosław Sikorski", "Radoslaw Sikorski", "Sikorski",
    "Jarosław Kaczyński", "Lech Kaczyński", "Kaczynski", "Paskevicius", "Kazlauskaite",
    "Ona Petraitiene", "Markus Weiß", "Markus Weiss", "Weiss Markus", "Smith", "Smyth",
    "John Smith", "Jon Smith", "Anna Nowak", "Anna Novak", "Novak", "Ioannidis",
    "Grigoris Ioanidis", "Subtitute", "Tribute", "Anna Kowalczyk", "Ana Kowalczyk",
    "Kovalchyk", "WorldCom", "Worldcom", "Ludwika Ślęzak", "Ludwika Slezak", "Slezak",
    "Zyrvalda Kazlauskaitė", "Zyrvalde Kazlauskaitė", "Qorvex Budrys",
]
FILLER = ["said on Monday that", "met", "and", "wrote to", "told reporters.", "Minister",
          "asked", "in Vilnius,", "visited", "\n\n"]
LISTED = ["Ludwika Ślęzak", "Anna Kowalczyk", "Markus Weiß", "Jurgita Kazlauskaitė",
          "Jon Smith", "Zyrvalda Kazlauskaitė", "Qorvex Budrys", "Dovilė Šakalienė",
          "Kraków"]

# a few names of the pool, written over and over in up to a dozen files
folders = st.lists(st.sampled_from(NAMES), min_size=1, max_size=6).flatmap(
    lambda pool: st.lists(st.lists(st.sampled_from(pool + FILLER), min_size=1,
                                   max_size=12).map(" ".join), min_size=1, max_size=12))


def _rules(*lists: tuple[str, str, list[str]]) -> RuleSet:
    folder = Path(tempfile.mkdtemp(prefix="names-", dir=os.environ["NORMALIZE_CACHE_DIR"]))
    rules = []
    for code, category, names in lists:
        path = folder / f"{code}.toml"
        path.write_text(f"""code = "{code}"
kind = "names"
category = "{category}"
message = "'{{text}}': write '{{replacement}}'"
source = "test"
names = [{", ".join(json.dumps(n, ensure_ascii=False) for n in names)}]

[examples]
fail = []
pass = []
""", encoding="utf-8")
        rules.append(load_rule_file(path))
    return RuleSet(tuple(rules))


def _docs(texts: list[str]) -> list[Document]:
    return [Document.from_text(text + ".\n", f"d{i:02}.txt") for i, text in enumerate(texts)]


def _run(docs: list[Document], rules: RuleSet, limit: int | None) -> tuple:
    found = [collect_mentions(d) for d in docs]
    table = MentionTable(limit=limit)
    for mentions in found:
        table.add(mentions)
    out = decide(table, rules, {}, again=lambda needed: found)
    return ({path: [repr(f) for f in fs] for path, fs in out.findings.items()},
            json.dumps(out.entities))


def _entities(entities: list) -> list:
    return [(e.canonical, e.listed, e.note, [(f.text, r) for f, r in e.members])
            for e in entities]


@pytest.fixture(scope="module")
def rule_sets() -> list[RuleSet]:
    return [RuleSet(()), _rules(("XN101", "person", LISTED))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, which=st.integers(0, 1), limit=st.sampled_from([3, 4, 8]))
def test_a_bounded_table_decides_as_a_whole_one(rule_sets, texts, which, limit):
    """Reading again only the spellings that need it (mentions of those reported,
    files of those summed up) gives what a table that keeps everything gives."""
    docs = _docs(texts)
    assert _run(docs, rule_sets[which], limit) == _run(docs, rule_sets[which], None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, which=st.integers(0, 1))
def test_only_joinable_spellings_need_the_steps(rule_sets, texts, which):
    """`_joinable` is sound: running every spelling through the steps gives the same
    entities, and leaving out the lone ones (`lone`) leaves out nothing else."""
    listed = listed_names(rule_sets[which])
    mentions = [m for d in _docs(texts) for m in collect_mentions(d)]
    quick = group(mentions, listed)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(grouping, "_joinable", lambda first, more: set(first))
        slow = group(mentions, listed)
    assert _entities(quick) == _entities(slow)
    some = group(mentions, listed, lone=lambda form: len(form.text) % 2 == 0)
    left_out = [e for e in _entities(quick) if e not in _entities(some)]
    assert [e for e in _entities(quick) if e not in left_out] == _entities(some)
    for canonical, code, note, members in left_out:  # each its own spelling, alone
        text = " ".join(canonical)
        assert (code, note, members) == (None, "", [(text, "same")]) and len(text) % 2 == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, which=st.integers(0, 1))
def test_decide_skips_no_entity_that_would_be_reported(rule_sets, texts, which):
    docs = _docs(texts)
    quick = _run(docs, rule_sets[which], None)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(consistency, "_hinted", lambda form: True)
        assert _run(docs, rule_sets[which], None) == quick


def _decide_keeping_three(texts):
    """The folder stage over `texts` with a table that keeps 3 mentions and 3
    files a spelling, and which spellings it read again."""
    found = [collect_mentions(d) for d in _docs(texts)]
    table = MentionTable(limit=3)
    for mentions in found:
        table.add(mentions)
    asked = []
    out = decide(table, RuleSet(()), {}, again=lambda needed: asked.append(needed) or found)
    return out, asked


def test_a_summed_up_spelling_with_every_file_kept_is_not_read_again():
    # 'Worldcom' (5 mentions, 2 files) is summed up under 'WorldCom': a table keeping
    # 3 mentions and 3 files a spelling has all its files, so nothing is read again
    texts = ["WorldCom, WorldCom, WorldCom and WorldCom. Worldcom, Worldcom and Worldcom.",
             "Worldcom, Worldcom met WorldCom."]
    out, asked = _decide_keeping_three(texts)
    assert not asked
    assert [v["files"] for v in out.entities[0]["variants"]] == [["d00.txt", "d01.txt"]] * 2


def test_a_summed_up_spelling_in_more_files_than_kept_is_listed_whole():
    texts = ["WorldCom, WorldCom and WorldCom.", *["Worldcom said so."] * 5]
    out, asked = _decide_keeping_three(texts)
    assert asked == []  # the table keeps every file's number: no second reading
    assert [v["files"] for v in out.entities[0]["variants"]] == [
        [f"d0{i}.txt" for i in range(1, 6)], ["d00.txt"]]


# -- the word tests: quick paths against their definitions -----------------------------

words = st.text(st.sampled_from("aAbcCdeEhiIjklmnoprsStuUvwxyzZ šėąčūžŁłńÖßæĲ-'’1."),
                max_size=14)


@given(words)
def test_has_marks_and_marks_count(text):
    assert translit.has_marks(text) == any(ord(ch) > 127 and ch.isalpha() for ch in text)
    assert translit.marks_count(text) == sum(1 for ch in text
                                             if ord(ch) > 127 and ch.isalpha())


@given(words)
def test_skeleton_is_its_definition(word):
    folded = re.sub(r"[^a-z]", "", translit.fold(word))
    coarse = translit._STEP_RE.sub(lambda m: translit._STEP_MAP[m.group()], folded)
    assert translit.skeleton(word) == re.sub(r"(.)\1+", r"\1", coarse)


def _ending_hint_long_way(word: str) -> str | None:
    if not word.isascii() or not word[:1].isupper() or word.isupper():
        return None
    if len(word) < morphology.MIN_LENGTH or "-" in word or morphology.is_common(word):
        return None
    low = word.lower()
    for plain, marked in morphology.ENDINGS:
        if low.endswith(plain) and len(low) - len(plain) >= 2:
            if morphology._near_english(low, plain):
                return None
            return word[: len(word) - len(plain)] + marked
    return None


@settings(max_examples=300)
@given(st.one_of(words, st.sampled_from(["Grunskiene", "Minute", "Subtitute", "Byte",
                                         "Paskevicius", "Kazlauskaite", "GRUNSKIENE",
                                         "Tribute", "Ute", "Aite-Yte", "Šimonyte"])))
def test_ending_hint_checks_the_ending_first(word):
    assert morphology.ending_hint(word) == _ending_hint_long_way(word)


# -- what is kept in the cache ---------------------------------------------------------

def test_english_endings_from_the_cache_are_the_ones_picked_out():
    from normalize import wordstore

    top = wordstore.top_n_list("en", morphology.ENGLISH_TOP)
    morphology._english_endings.cache_clear()
    first = morphology._english_endings()
    morphology._english_endings.cache_clear()
    again = morphology._english_endings()  # from the cache
    for plain, _ in morphology.ENDINGS:
        assert first[plain] == again[plain] == tuple(w for w in top if w.endswith(plain))


def test_attested_answers_are_kept_and_the_same(monkeypatch, tmp_path):
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))  # none kept by other tests
    frequencies = {("irena", "lt"): 3.1, ("ingrida", "lt"): 2.0, ("decali", "it"): 1.2}
    monkeypatch.setattr(attested, "zipf", lambda word, lang: frequencies.get((word, lang), 0))
    words = ["Irena", "Decali", "Ingrida", "Qorvex"]
    expected = {"Irena": True, "Decali": False, "Ingrida": True, "Qorvex": False}
    monkeypatch.setattr(attested, "_ATTESTED", attested._Answers("attested", 10))
    assert {w: attested.attested(w) for w in words} == expected
    attested.keep()
    monkeypatch.setattr(attested, "_ATTESTED", attested._Answers("attested", 10))
    assert attested._ATTESTED.answers() == {w.lower(): v for w, v in expected.items()}
    monkeypatch.setattr(attested, "zipf", lambda *a: pytest.fail("asked again"))
    assert {w: attested.attested(w) for w in words} == expected


def _many_names(n: int) -> list[str]:
    out = []
    for i in range(n):
        given_name = "".join(chr(0x61 + (i // 26 ** k) % 26) for k in range(3)).capitalize()
        out.append(f"{given_name} Ša{i:x}ienė".replace("0", "ō") if i % 3 else f"Vilnius{i}")
    return [unicodedata.normalize("NFC", n) for n in out]


def test_a_long_names_list_is_indexed_once_then_read_from_the_cache(monkeypatch):
    names = _many_names(consistency.CACHED_NAMES + 50)
    rules = _rules(("XN201", "person", names), ("XN202", "place", names[:40] + ["Kraków"]))
    direct = consistency._index([(r.meta.code, r.options.get("category") == "person",
                                  list(r.options["names"])) for r in rules.rules])
    first = listed_names(rules)
    monkeypatch.setattr(consistency, "_index", lambda lists: pytest.fail("indexed again"))
    second = listed_names(rules)
    for listed in (first, second):
        assert listed.plain() == direct.plain()
        assert isinstance(listed, Listed)
        assert listed.get(("krakow",)) == ("Kraków", "XN202")
        assert listed.get(tuple(map(translit.fold, names[100].split()))) == (names[100], "XN201")


def test_a_damaged_names_index_is_worked_out_again(monkeypatch):
    names = _many_names(consistency.CACHED_NAMES + 10)
    rules = _rules(("XN301", "person", names))
    expected = listed_names(rules).plain()
    monkeypatch.setattr(consistency.cache, "read", lambda name, key: b"\x00damaged")
    assert listed_names(rules).plain() == expected
