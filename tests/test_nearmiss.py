"""The near-miss kind: an English word where a listed weapon name belongs."""

from __future__ import annotations

import re
from types import SimpleNamespace
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import needles
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


@pytest.mark.parametrize("text", [
    "Patrol drones flew over the border.",  # an ordinary word opening a sentence
    "They shaded the drones from the sun.",  # not capitalised
    "Shaded areas on the map are occupied.",  # no weapon noun after it
    "Tor missiles and Buk missiles were used.",  # short terms: exact only
    "Russian Shahed drones crossed the border.",
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []


@given(st.lists(st.sampled_from(list("aBz .-\u0130\u0131\u017f\u212a\u00df\u0301éK")
                                + ["drones", "DRONES"]), max_size=20).map("".join))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_lower_case_text_is_the_regions_one(text):
    from normalize.kinds import nearmiss, regions

    assert nearmiss._lowered(text) == regions.lowered(text)


# -- the one pass over each document (normalize.needles) changes no finding ------------

def _given_up(text):
    """The one pass as it answers when it cannot tell (an odd letter): every
    head is looked for, as before the pass was asked."""
    return SimpleNamespace(open=True, needles=set(), lowered=text.lower(), aligned=False)


def _pieces(rule):
    examples = rule.meta.examples_fail + rule.meta.examples_pass
    words = {w for example in examples for w in re.split(r"(\W)", example) if w}
    odd = ["DRONES", "Drone", "drone-", "-drones", "ecosystem", "systems", "UAVs", "uav",
           "Shaded", "Kinshal", "\u017f", "\u212a", "\u0130", "\u0301", "-", " ", "  ", "\n",
           ", ", ". ", "’s", "2", "x"]
    return list(examples) * 8 + sorted(words) + odd


@given(st.data())
@settings(max_examples=400, deadline=None, derandomize=True)
def test_the_one_pass_changes_no_finding(default_rules, data):
    (kind,) = [r for r in default_rules.rules if r.KIND == "near-miss"]
    text = "".join(data.draw(st.lists(st.sampled_from(_pieces(kind)), max_size=30)))
    doc = Document.from_text(text)
    quick = [(f.start, f.end, f.replacement, f.message) for f in kind.check(doc)]
    with mock.patch.object(needles, "found", _given_up):
        plain = [(f.start, f.end, f.replacement, f.message) for f in kind.check(doc)]
    assert quick == plain
    got = needles.found(text)
    if plain and not got.open:  # the engine calls the rule only then
        assert not kind.needles.isdisjoint(got.needles)
