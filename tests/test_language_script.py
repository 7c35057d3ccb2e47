"""Foreign-language leftovers: the script fast path and the gates of the word path."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.langid import foreign_script_runs, script_language
from normalize.loader import RuleSet, load_rules

RULES = load_rules([], use_defaults=True)
LANGUAGE = RuleSet(tuple(r for r in RULES.rules if r.meta.kind == "language"))


def _codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check_document(Document.from_text(text), LANGUAGE)]


def test_a_run_inside_an_english_line_is_flagged_alone():
    text = "The minister wrote: Ми не допустимо провокацій на нашій території, and left."
    ((code, found),) = _codes(text)
    assert code == "LG102"
    assert found == "Ми не допустимо провокацій на нашій території"


def test_a_line_in_another_script_is_flagged_whole_and_once():
    text = "«Мы не допустим провокаций на нашей территории», — заявила она."
    assert _codes(text) == [("LG102", text)]


@pytest.mark.parametrize("text", [
    "BRUSSELS", "By Vafa Guliyeva", "Aug 6, 2025, 1:04 PM", "Letter to Rutte",
    "Moscow (Москва) is the capital.", "The slogan «Слава Україні» was heard.",
    "Wooden kamikaze drones", "VILNIUS, Aug 6 (Reuters) - Lithuania asked NATO for help.",
])
def test_headings_names_datelines_and_glosses_stay_unflagged(text):
    assert _codes(text) == []


@pytest.mark.parametrize("text,code", [
    ("Ми не допустимо провокацій", "uk"), ("Мы не допустим провокаций", "ru"),
    ("東京では雨が降っています", "ja"), ("我们不会允许挑衅", "zh"),
    ("Η κυβέρνηση ανακοίνωσε", "el"), ("این یک پیام است که گفت", "fa"),
])
def test_language_named_from_letters(text, code):
    (run,) = foreign_script_runs(text)
    assert script_language(text[run.start:run.end], run.script)[0] == code


def test_runs_split_at_latin_letters():
    runs = foreign_script_runs("Один два три and четыре пять шесть")
    assert [r.size for r in runs] == [3, 3]
    assert not any(r.whole_line for r in runs)
