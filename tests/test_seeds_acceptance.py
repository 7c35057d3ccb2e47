"""The findings the core issue requires on seeds/, and what must never be touched."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document

from .conftest import SEEDS


def _findings(default_rules, prefix):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    doc = Document.read(path)
    return doc, check_document(doc, default_rules)


def _pairs(findings):
    return {(f.text, f.replacement) for f in findings}


EXPECTED = {
    "004": [
        ("Decali Šakalienė", "Dovilė Šakalienė"), ("Kestutis Budrys", "Kęstutis Budrys"),
        ("Dovile Sakaliene", "Dovilė Šakalienė"), ("Sakaliene", "Šakalienė"),
        ("Dainius Paskevicius", "Dainius Paškevičius"), ("small town", "small country"),
        ("precipitated", "crashed"), ("skills", "capabilities"), ("accident", "incident"),
        ("airplane", "airspace"), ("anti -antiomic shelters", "bomb shelters"),
        ("her", "it"), ("his", "its"),
    ],
    "000": [("Budrys Kestutis", "Kęstutis Budrys")],
    "001": [("Dovile Sakaliene", "Dovilė Šakalienė"), ("Nida Grunskiene", "Nida Grunskienė")],
    "002": [("Nida Grunskiene", "Nida Grunskienė"), ("Grunskiene", "Grunskienė")],
    "003": [("Kestutis Budrys", "Kęstutis Budrys")],
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_required_proposals(default_rules, seed):
    _, findings = _findings(default_rules, seed)
    missing = set(EXPECTED[seed]) - _pairs(findings)
    assert not missing


def test_accident_in_the_last_accident(default_rules):
    doc, findings = _findings(default_rules, "004")
    hits = [f for f in findings if f.text == "accident"]
    assert any(doc.text[f.start - 12 : f.start] == "In the last " for f in hits)


def test_seed_001_flags_french_and_logo(default_rules):
    _, findings = _findings(default_rules, "001")
    codes = {(f.text, f.code[:2]) for f in findings}
    # the French reading-time label once, as a line to remove (BP102 supersedes LG101)
    assert [f.code for f in findings if f.text == "6 min de lecture"] == ["BP102"]
    assert ("Logo Pasino du Havre - Casino-Hôtel - Spa", "BP") in codes


def test_seed_002_flags_read_more(default_rules):
    _, findings = _findings(default_rules, "002")
    assert any(f.text.startswith("Read more on The Gaze") for f in findings)


UNTOUCHABLE = [
    "@BudrysKestutis", "(@NATOpress)", "By Vafa Guliyeva", "BRUSSELS", "Aug 6, 2025, 1:04 PM",
    "Wooden kamikaze drones", "Letter to Rutte", "Jonava district", "Gintautas Paluckas",
    "Saulius Skvernelis", "Kęstutis Budrys", "Dovilė Šakalienė", "Mark Rutte", "Gitanas Nausėda",
    "Rimantas Šadžius", "Allison Hart",
]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_untouchable_text_is_not_touched(default_rules, seed):
    doc, findings = _findings(default_rules, seed)
    for phrase in UNTOUCHABLE:
        start = doc.text.find(phrase)
        while start != -1:
            end = start + len(phrase)
            # a repeated-passage flag marks a whole copied caption or post as a
            # copy; it judges the passage, not the names inside it
            hit = [f for f in findings if f.start < end and start < f.end
                   and f.rule != "repeated-passage"]
            assert not hit, f"{phrase!r} touched by {hit[0].code}: {hit[0].message}"
            start = doc.text.find(phrase, end)
