"""requires_evidence: low-confidence rules fire only beside other translation artefacts."""

from __future__ import annotations

from normalize.document import Document
from normalize.engine import check_document
from normalize.loader import RuleSet


def _codes(rules, text):
    return sorted({f.code for f in check_document(Document.from_text(text), rules)})


def _pack(default_rules, *codes):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.code in codes))


def test_low_confidence_rule_needs_another_artefact(default_rules):
    rules = _pack(default_rules, "MT301", "MT302")
    assert rules.by_code("MT302").meta.requires_evidence
    alone = "The actual situation is calm."
    assert _codes(rules, alone) == []
    beside = alone + " The actual government wants more drones."
    assert _codes(rules, beside) == ["MT301", "MT302"]


def test_evidence_comes_only_from_translation_rules(default_rules):
    # a name finding (NM) is not evidence of machine translation
    rules = _pack(default_rules, "MT302", "NM101")
    assert _codes(rules, "Kestutis Budrys said the actual situation is calm.") == ["NM101"]


def test_assume_evidence_runs_every_rule(default_rules):
    rules = _pack(default_rules, "MT302")
    doc = Document.from_text("The actual situation is calm.")
    assert [f.code for f in check_document(doc, rules, assume_evidence=True)] == ["MT302"]
