"""A listed surname alone is restored only where it is the listed person's.

Another given name before it ("Ludovic Orban"), a name after it ("Babis
Kostoulas"), or no full mention of the listed person in the document (where the
word may be a company or another person) keep the fix from being written
without review.
"""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import load_rules
from normalize.model import Applicability

RULES = load_rules([], True)


def _names(text: str) -> list:
    doc = Document.from_text(text, "a.txt")
    return [f for f in check_document(doc, RULES) if f.code.startswith("NM1")]


@pytest.mark.parametrize("text", [
    "Romanian Prime Minister Ludovic Orban resigned after the vote.",
    "EU Commissioner Leonard Orban presented the report.",
    "Laura Orban, a Romanian judge, dismissed the case.",
    "Greek striker Babis Kostoulas scored the winner.",
    "The mayor of Kaunas Robertas Kaunas said the city was ready.",
    "Polish Foreign Minister Radek Sikorski spoke to reporters.",
])
def test_another_person_or_a_known_short_form_gets_no_finding(text):
    assert _names(text) == []


def test_the_other_person_is_left_alone_beside_the_listed_one():
    found = _names("Viktor Orban met Ludovic Orban, Romania's former prime minister.")
    assert [(f.text, f.fix.applicability) for f in found] == [
        ("Viktor Orban", Applicability.SAFE)]


def test_a_surname_alone_is_safe_only_where_the_person_is_named_in_full():
    alone = _names("Braze, the software company, reported higher revenue.")
    assert [(f.text, f.fix.applicability) for f in alone] == [("Braze", Applicability.UNSAFE)]
    assert "if it names Baiba Braže" in alone[0].message
    named = _names("Viktor Orban spoke. Mr Orban told reporters the veto stood.")
    assert [(f.text, f.fix.applicability) for f in named] == [
        ("Viktor Orban", Applicability.SAFE), ("Orban", Applicability.SAFE)]
    # two people of that surname in the document: the one alone may be either
    both = _names("Viktor Orban met Ludovic Orban. The Orban government lost the vote.")
    assert [(f.text, f.fix.applicability) for f in both] == [
        ("Viktor Orban", Applicability.SAFE), ("Orban", Applicability.UNSAFE)]


@pytest.mark.parametrize("text", [
    "Hungarian Prime Minister Viktor Orban said he would veto it. PM Orban said so.",
    "Gitanas Nauseda spoke. President Nauseda's office declined to comment.",
    "Gitanas Nauseda spoke. Lithuanian Nauseda said no.",
])
def test_a_title_acronym_or_nationality_before_the_surname_is_no_given_name(text):
    found = _names(text)
    assert len(found) == 2
    assert {f.fix.applicability for f in found} == {Applicability.SAFE}


def test_reversed_order_still_found_when_no_name_follows():
    found = _names("Minister Budrys Kestutis spoke on the phone.")
    assert [f.replacement for f in found] == ["Kęstutis Budrys"]
