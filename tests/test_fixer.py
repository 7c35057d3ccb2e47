"""Property tests for the fixer and the document reader (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.fixer import allowed, apply_fixes, replay, select_edits
from normalize.model import Applicability, Finding, Fix, Severity

ALPHABET = st.sampled_from(list("ab šė\r\n’.") + ["Kestutis", "Budrys", "Šakalienė"])
texts = st.lists(ALPHABET, max_size=40).map("".join)


@st.composite
def text_and_findings(draw):
    text = draw(texts)
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        level = draw(st.sampled_from(list(Applicability)))
        replacement = draw(st.text(alphabet="xyzė\n", max_size=5))
        findings.append(Finding("t", start, end, "XX101", "r", Severity.WARNING, "m",
                                text[start:end], Fix.replace(start, end, replacement, level)))
    return text, findings


@given(text_and_findings(), st.sampled_from(["safe", "unsafe", "all"]))
@settings(max_examples=300)
def test_edits_never_overlap_and_replay_reproduces(case, mode):
    text, findings = case
    new, edits = apply_fixes(text, findings, allowed(mode))
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start and a.start != b.start
    assert replay(text, edits) == new
    levels = allowed(mode)
    assert all(any(e in f.fix.edits and f.fix.applicability in levels for f in findings)
               for e in edits)


@given(text_and_findings())
def test_untouched_bytes_stay_untouched(case):
    text, findings = case
    edits = select_edits(findings, allowed("all"))
    new = replay(text, edits)
    # every gap between edits is copied verbatim, in order
    pos, out_pos = 0, 0
    for e in edits:
        gap = text[pos : e.start]
        assert new[out_pos : out_pos + len(gap)] == gap
        out_pos += len(gap) + len(e.replacement)
        pos = e.end
    assert new[out_pos:] == text[pos:]


@given(texts, st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_document_round_trips_bytes(text, bom):
    data = bom + text.encode("utf-8")
    doc = Document.from_bytes(data, "x.txt")
    assert doc.encode() == data
    assert doc.bom == bom


@given(texts)
def test_positions_are_one_based_code_points(text):
    doc = Document.from_text(text)
    for offset in range(len(text) + 1):
        line, col = doc.position(offset)
        assert line >= 1 and col >= 1
        assert doc.line_starts[line - 1] + col - 1 == offset
