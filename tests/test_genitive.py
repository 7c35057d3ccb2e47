"""The genitive kind: a state's institution or weapon 'of' its capital."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet
from normalize.model import Applicability


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "genitive"))


def _found(rule, text):
    return check_document(Document.from_text(text), rule)


def test_capital_becomes_country_possessive(rule):
    (f,) = _found(rule, "The Ministry of Foreign Affairs of Vilnius wrote.")
    assert f.text == "The Ministry of Foreign Affairs of Vilnius"
    assert f.replacement == "Lithuania's Ministry of Foreign Affairs"
    assert dict(f.data)["candidates"].split(" | ")[1] == "Vilnius's Ministry of Foreign Affairs"


def test_always_display_only(rule):
    (f,) = _found(rule, "Drones of Moscow were seen.")
    assert f.applicability is Applicability.DISPLAY_ONLY
    assert f.replacement == "Russia's Drones"


@pytest.mark.parametrize("text", [
    "The drone of Kaunas",  # not a capital
    "The drone of Russia",  # a country: English enough
    "the mayor of Moscow",  # not a listed head
    "the drone of moscow",  # not a name
    "the dronery of Moscow",  # a head inside a longer word
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []
