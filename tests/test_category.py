"""The category kind: countries called towns, towns called countries."""

from __future__ import annotations

import pytest

from normalize import gazetteer
from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "category"))


def _found(rule, text):
    return [(f.text, f.replacement) for f in check_document(Document.from_text(text), rule)]


@pytest.mark.parametrize("text,expected", [
    ("Lithuania, a small town of 2.8 million", [("small town", "small country")]),
    ("Bosnia and Herzegovina is a nice village.", [("nice village", "nice country")]),
    ("a village of nearly 4 million people", [("village", "country")]),
    ("the country of Kaunas", [("country", "city")]),
    ("Riga, a country on the Baltic", [("country", "city")]),
    ("the small village of Estonia", [("small village", "small country")]),
])
def test_proposals(rule, text, expected):
    assert _found(rule, text) == expected


@pytest.mark.parametrize("text", [
    "Halifax, the country's biggest lender, said so.",
    "a town of 40,000 people",
    "a city of 9 million people",
    "Singapore, a city-state of 5 million",
    "Kaunas, a city of 300,000",
    # a country whose capital bears its name: the city may be meant
    "Luxembourg, a city of 130,000 people, hosts EU bodies.",
    "Singapore, a city of six million people, is a hub.",
    "the small town of Monaco",
])
def test_no_finding(rule, text):
    assert _found(rule, text) == []


def test_one_finding_for_a_country_with_a_population(rule):
    # the name and the population both say "country": one finding, not two
    assert len(_found(rule, "Latvia, a town of 1.8 million")) == 1


def test_gazetteer_lists():
    assert gazetteer.is_country("Lithuania") and not gazetteer.is_city("Lithuania")
    assert gazetteer.is_city("Vilnius") and gazetteer.country_of_capital("Vilnius") == "Lithuania"
    assert not gazetteer.is_city("Singapore")  # a country first


def test_countries_whose_capital_bears_their_name():
    assert gazetteer.has_namesake_capital("Luxembourg")
    assert gazetteer.has_namesake_capital("Kuwait")  # Kuwait City
    assert not gazetteer.has_namesake_capital("Lithuania")
    assert not gazetteer.has_namesake_capital("Tunisia")  # Tunis is another name
