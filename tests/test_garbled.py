"""The garbled kind: words no English word list knows, doubled prefixes."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "garbled"))


def _found(rule, text, evidence=True):
    doc = Document.from_text(text)
    return [(f.text, f.replacement) for f in check_document(doc, rule, assume_evidence=evidence)]


def test_unknown_word_with_one_clear_candidate(rule):
    assert _found(rule, "Drones hit the infrastrcture of the port.") == [
        ("infrastrcture", "infrastructure")]


def test_doubled_prefix_before_a_hyphen_is_removed(rule):
    assert _found(rule, "The anti-anti-aircraft guns were moved.") == [("anti-anti", "anti")]


def test_doubled_prefix_into_a_garbled_word_is_flagged_only(rule):
    assert _found(rule, "They went to anti -antiomic shelters.") == [("anti -antiomic", None)]


@pytest.mark.parametrize("text", [
    "The album will be re-released in May.",  # a prefix before a word that starts like it
    "Jonava and Kaunas are Lithuanian towns.",  # capitalised: names
    "The Fightstar gig sold out; fightstar fans cheered.",  # a name seen capitalised
    "La situazione è molto preoccupante secondo il ministero.",  # a foreign passage
    "Counterdrone units and dronemakers met.",  # prefix and compound of known words
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []


def test_needs_evidence_of_translation(rule):
    assert _found(rule, "Drones hit the infrastrcture of the port.", evidence=False) == []
