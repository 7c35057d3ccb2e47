"""A safe fix never joins lines: a fix whose replacement has fewer line breaks than
the text it replaces ("the\\n\\nNATO's" -> "NATO's": two paragraphs of a .txt
article made one) is only proposed (unsafe), whatever the rule says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import check_document
from normalize.fixer import allowed, fix_until_stable
from normalize.loader import RuleSet, load_rules
from normalize.model import Applicability

RULES = load_rules([], True)


def _codes(*codes: str) -> RuleSet:
    return RuleSet(tuple(RULES.by_code(c) for c in codes))


@pytest.mark.parametrize(("text", "code"), [
    ("They met the\n\nNATO’s chief.\n", "MT314"),
    ("They met the\r\nNATO’s chief.\r\n", "MT314"),
    ("We saw the\nboth sides agree.\n", "MT337"),
])
def test_a_match_across_lines_is_proposed_not_fixed(text, code):
    doc = Document.from_text(text, "a.txt")
    (finding,) = [f for f in check_document(doc, _codes(code)) if f.code == code]
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_until_stable(doc, _codes(code), allowed("safe"))[0] == text


def test_the_same_match_on_one_line_stays_safe():
    doc = Document.from_text("They met the NATO’s chief.\n", "a.txt")
    (finding,) = check_document(doc, _codes("MT314"))
    assert finding.fix.applicability is Applicability.SAFE


_PIECES = st.sampled_from(["the ", "the\n", "the\r\n", "\n\n", "NATO’s", " chief", ",", " , ",
                           "drone", " precipitated", "\r", "Kestutis Budrys", " said."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_safe_fixes_keep_every_line_break(text):
    doc = Document.from_text(text, "a.txt")
    new = fix_until_stable(doc, RULES, allowed("safe"))[0]
    assert new.count("\n") == text.count("\n") and new.count("\r") == text.count("\r")
