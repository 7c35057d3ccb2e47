"""The garbled kind: words no English word list knows, doubled prefixes."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import check_document
from normalize.kinds.garbled import GarbledRule
from normalize.loader import RuleSet, load_rules


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


# -- pre-filters: the same matches and findings as without them -------------------------

_PREFIXES = ["anti", "ANTI", "Anti", "aNtI", "sub", "ſub", "SUB", "pro", "pre", "over", "self",
             "co", "re", "counter", "is", "tele", "bio"]
_GLUE = ["-", " - ", "- ", " -", "--", "\u00a0-", "-\n", " ", "\t", ""]
_OTHER = ["x", "aircraft", "omic", "ı", "İ", "\u212a", "ſ", "é", "\u0301", "_", "3", ".", "’"]
# texts of prefixes, hyphens, blanks and risky characters, often a prefix twice
_TEXTS = st.lists(st.one_of(
    st.sampled_from(_PREFIXES + _GLUE + _OTHER),
    st.tuples(st.sampled_from(_PREFIXES), st.sampled_from(_GLUE),
              st.sampled_from(_PREFIXES)).map("".join)), max_size=10).map("".join)


@cache
def _shipped() -> GarbledRule:
    return next(r for r in load_rules([], True).rules if r.meta.kind == "garbled")


@given(_TEXTS)
@settings(max_examples=200, deadline=None, derandomize=True)
def test_doubled_prefilter_finds_every_match(text):
    garbled = _shipped()
    spans = [m.span() for m in garbled.doubled.finditer(text)]
    assert [m.span() for m in garbled._doubled(text)] == spans


@given(_TEXTS)
@settings(max_examples=100, deadline=None, derandomize=True)
def test_doubled_prefilter_with_odd_prefixes_scans_everything(text):
    base = _shipped()
    for prefixes in (["anti", "sub", "te le", "bi-o"], ["ANTI", "Sub", "ſub", "over"]):
        rule = GarbledRule(base.meta, {**base.options, "prefixes": prefixes}, base.where)
        spans = [m.span() for m in rule.doubled.finditer(text)]
        assert [m.span() for m in rule._doubled(text)] == spans


def test_the_message_names_the_word_once():
    rule = RuleSet(tuple(r for r in load_rules([], use_defaults=True).rules
                         if r.meta.code == "MT401"))
    (f,) = check_document(Document.from_text("The infrastracture was hit by drones."), rule,
                          assume_evidence=True)
    assert f.message.count("infrastracture") == 1
