"""The near-miss kind: an English word where a listed weapon name belongs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "near-miss"))


def _found(rule, text):
    return [(f.text, f.replacement) for f in check_document(Document.from_text(text), rule)]


def test_mid_sentence_capital_before_a_weapon_noun(rule):
    assert _found(rule, "They destroyed 43 Shaded drones.") == [("Shaded", "Shahed")]


def test_message_notes_the_term_elsewhere(rule):
    doc = Document.from_text("Shahed drones are cheap. They destroyed 43 Shaded drones.")
    (f,) = check_document(doc, rule)
    assert "appears elsewhere" in f.message


def test_a_term_inside_a_longer_word_is_not_elsewhere(rule):
    doc = Document.from_text("Geraniums grew there. They shot down two Gerab drones.")
    (f,) = check_document(doc, rule)
    assert "appears elsewhere" not in f.message


@pytest.mark.parametrize("text", [
    "Patrol drones flew over the border.",  # an ordinary word opening a sentence
    "They shaded the drones from the sun.",  # not capitalised
    "Shaded areas on the map are occupied.",  # no weapon noun after it
    "Tor missiles and Buk missiles were used.",  # short terms: exact only
    "Russian Shahed drones crossed the border.",
    # a country's adjective is not a mangled name, however close ('Geran')
    "Berlin will send more German tanks, and German drones will follow.",
    # an ordinary word far more common than the name it is near
    "The army tested the new Shared systems in May.",
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []


@given(st.lists(st.sampled_from(list("aBz .-\u0130\u0131\u017f\u212a\u00df\u0301éK")
                                + ["drones", "DRONES"]), max_size=20).map("".join))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_lower_case_text_is_the_regions_one(text):
    from normalize.kinds import nearmiss, regions

    assert nearmiss._lowered(text) == regions.lowered(text)
