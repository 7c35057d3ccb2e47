"""The language rule's pre-filters are sound: with them or without, the same findings.

Each gate may only skip work whose answer is "no finding": the word table
(normalize.lexicon) may rule a language out only when the real word vote
could not reach `min_leaning`; the script gate may skip only lines without
a letter of another script.

Holding the table against the vote needs every language's word list (built
into the empty test cache: about 20 s). The fast run holds it for SAMPLE,
the slow run (`pytest -m slow`) for every language langdetect knows.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import lexicon
from normalize.document import Document
from normalize.kinds import language
from normalize.langid import (
    _detector_factory,
    foreign_letters,
    foreign_script_runs,
    guess_foreign,
    leaning,
    zipf,
)
from normalize.loader import load_rules
from normalize.text import WORD_RE

RULES = [r for r in load_rules([], use_defaults=True).rules if r.meta.kind == "language"]
EXAMPLES = [t for r in RULES for t in (*r.meta.examples_fail, *r.meta.examples_pass)]
FOREIGN = [
    "Le ministre a déclaré que le drone était tombé dans une zone militaire.",
    "Der Minister sagte, dass die Drohne abgestürzt sei.", "6 min de lecture",
    "Il drone è stato abbattuto vicino al confine con la Bielorussia.",
    "Skaitykite daugiau: Seimas svarstys biudžetą", "joie de vivre",
    "De minister zei dat de drone in een militair gebied is neergestort.",
    "El ministro dijo que el dron cayó en una zona militar.", "Logo Pasino du Havre - Spa",
    "Ministr řekl, že dron spadl na vojenský prostor.", "A miniszter szerint a drón lezuhant.",
]
ENGLISH = [
    "Ad firm WPP's profits surge 15%", "J&J agrees $25bn Guidant deal",
    "French wine gets 70m euro top-up", "DaimlerChrysler's 2004 sales rise",
    "Yukos unit fetches $9bn at auction", "Tsunami slows Sri Lanka's growth",
    "The minister said the drone fell in a military area.", "UKIP outspent Labour on EU poll",
]
LINES = EXAMPLES + FOREIGN + ENGLISH
WORDS = sorted({w for line in LINES for w in WORD_RE.findall(line)}) + [
    "sell-offs", "top-up", "de", "la", "die", "und", "le", "est", "het", "een", "nie", "je",
    "ist", "Straße", "zaś", "şi", "ein", "och", "og", "ja", "Paluckas", "xqzt", "s", "m", "j",
]
LANGUAGES = sorted({lang.split("-")[0] for lang in _detector_factory().langlist} - {"en"})
# the fast run's languages: those of the news, and one of each kind of word list: none (et),
# no fast path (ja, ko, zh), other scripts (el, fa, hi, ru, uk), letters of their own (tr, ro)
SAMPLE = ("cs", "de", "el", "es", "et", "fa", "fr", "hi", "hu", "it", "ja", "ko", "lt", "lv",
          "pl", "pt", "ro", "ru", "tr", "uk", "zh")
assert set(SAMPLE) <= set(LANGUAGES)


def _lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def _table():
    """The shipped table, or a skip: after an upgrade of wordfreq, langcodes or
    langdetect it is not used (same findings, slower) until scripts/gen_lexicon.py
    runs again; an upstream release must not turn the suite red."""
    table = lexicon._lexicon()
    if table is None:
        header = json.loads(gzip.decompress(lexicon.DATA.read_bytes()).decode().split("\n")[0])
        pytest.skip(f"the shipped table was made for {header['versions']}: "
                    "run scripts/gen_lexicon.py")
    return table


def test_the_shipped_table_holds_for_the_installed_packages():
    table = _table()
    assert table.safe
    assert table.languages == tuple(LANGUAGES)
    assert {lang for claims in table.claims.values() for lang in claims} <= set(LANGUAGES)


def _the_table_gives_each_word_the_languages_the_vote_gives_it(languages):
    table = _table()
    words = sorted(table.safe)[::997] + sorted(table.claims)[::211]
    for word in words:
        ceiling = zipf(word, "en") + 0.5
        claims = tuple(lang for lang in languages if zipf(word, lang) > ceiling)
        assert tuple(c for c in table.claims.get(word, ()) if c in languages) == claims, word


def test_the_table_gives_each_word_the_languages_the_vote_gives_it():
    _the_table_gives_each_word_the_languages_the_vote_gives_it(SAMPLE)


@pytest.mark.slow
def test_the_table_gives_each_word_the_languages_the_vote_gives_it_in_every_language():
    _the_table_gives_each_word_the_languages_the_vote_gives_it(tuple(LANGUAGES))


def _ruled_out_could_not_win(words, min_leaning, languages):
    candidates = lexicon.claimants(words, "en", min_leaning)
    assert candidates is not None
    for lang in languages:
        if lang not in candidates:
            assert leaning(words, lang, "en") < min_leaning, lang


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("min_leaning", [0.3, 0.5, 0.75])
def test_a_language_ruled_out_could_not_win_the_vote(line, min_leaning):
    _ruled_out_could_not_win(_lower_words(line), min_leaning, SAMPLE)


@pytest.mark.slow
def test_a_language_ruled_out_could_not_win_the_vote_in_every_language():
    for line in LINES:
        for min_leaning in (0.3, 0.5, 0.75):
            _ruled_out_could_not_win(_lower_words(line), min_leaning, LANGUAGES)


_MIXES = (st.lists(st.sampled_from(WORDS), min_size=1, max_size=9),
          st.sampled_from([0.2, 0.34, 0.5, 0.6, 1.0]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(*_MIXES)
def test_a_language_ruled_out_could_not_win_the_vote_on_any_mix(words, min_leaning):
    _ruled_out_could_not_win([w.lower() for w in words], min_leaning, SAMPLE)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(*_MIXES)
def test_a_language_ruled_out_could_not_win_the_vote_on_any_mix_in_every_language(
        words, min_leaning):
    _ruled_out_could_not_win([w.lower() for w in words], min_leaning, LANGUAGES)


def test_only_english_has_a_table():
    assert lexicon.claimants(["der", "die"], "de", 0.5) is None


@pytest.mark.parametrize("line", LINES)
def test_guess_is_the_same_without_the_table(line, monkeypatch):
    with_table = guess_foreign(line)
    monkeypatch.setattr(lexicon, "claimants", lambda *args: None)
    assert guess_foreign(line) == with_table


def _findings(text: str) -> list[tuple[str, int, int, str]]:
    doc = Document.from_text(text)
    return [(f.code, f.start, f.end, f.message) for r in RULES for f in r.check(doc)]


def _documents(seed: int, count: int) -> list[str]:
    rand = random.Random(seed)
    risky = ["«Мы не допустим провокаций на нашей территории».", "Москва", "Ω", "中文",
             "東京では雨が降っています", "Šakalienė", "naïve café", "e\u0301", "£5m", "—"]
    pool = LINES + risky
    return ["\n".join(rand.choice(pool) + rand.choice(["", " ", " " + rand.choice(pool)])
                      for _ in range(rand.randint(1, 6))) for _ in range(count)]


def test_findings_are_the_same_without_any_gate(monkeypatch):
    texts = _documents(7, 60) + ["\n".join(LINES)]
    gated = [_findings(t) for t in texts]
    monkeypatch.setattr(lexicon, "claimants", lambda *args: None)
    monkeypatch.setattr(language, "claimants", lambda *args: None)
    monkeypatch.setattr(language, "_function_words", lambda expected: frozenset())
    monkeypatch.setattr(language, "foreign_letters", lambda text, script: frozenset(text))
    assert [_findings(t) for t in texts] == gated
    assert any(gated)


@given(st.text(alphabet=st.sampled_from(
    list("aZé-' \nß") + ["Ж", "ω", "中", "あ", "\u0301", "İ", "ﬁ", "א", "ก", "1"]), max_size=40))
def test_a_line_without_foreign_letters_has_no_foreign_run(text):
    for script in ("LATIN", "CYRILLIC", "HAN"):
        foreign = foreign_letters(text, script)
        for line in text.split("\n"):
            if foreign.isdisjoint(line):
                assert foreign_script_runs(line, script) == []


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_words_are_found_as_word_re_finds_them(text):
    assert language._ASCII_WORD.findall(text.lower()) == _lower_words(text)


@given(st.text(alphabet=st.sampled_from(
    list("aZq-' \n\r\t1_?") + ["é", "\u0301", "£", "’", "Ж", "İ", "ﬁ", "²", "K", "—", "中"]),
    max_size=50))
def test_lines_and_words_are_the_lines_and_words_of_word_re(text):
    lines = [(m.start(), m.end()) for m in language._LINE.finditer(text)]
    found = list(language._lines_and_words(text))
    assert [(start, end) for start, end, _ in found] == lines
    for start, end, words in found:
        if words is not None:
            assert words == _lower_words(text[start:end])
        else:
            assert not text[start:end].isascii()
