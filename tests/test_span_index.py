"""Protected spans and superseding findings are looked up by position, not by a walk
over all of them (a file with thousands of either was quadratic): the same answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import _unsuperseded
from normalize.model import Finding, Severity, Span

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=12)


@given(SPANS, st.integers(0, 70), st.integers(0, 12))
@settings(max_examples=500, deadline=None)
def test_is_protected_is_any_overlap(spans, start, width):
    protected = tuple(Span(a, a + w) for a, w in spans)
    doc = Document(path="a.txt", text="x" * 90, protected=protected)
    end = start + width
    assert doc.is_protected(start, end) == any(s.overlaps(start, end) for s in protected)


def _plain_unsuperseded(findings, superseding):  # noqa: ANN001
    over = [(f.start, f.end, superseding[f.code]) for f in findings if f.code in superseding]
    return [f for f in findings
            if not any(start <= f.start and f.end <= end and f.code in codes
                       for start, end, codes in over)]


CODES = ("BP101", "BP102", "LG101", "MT101", "TY101")


@given(st.lists(st.tuples(st.sampled_from(CODES), st.integers(0, 40), st.integers(0, 10)),
                max_size=14),
       st.dictionaries(st.sampled_from(CODES),
                       st.frozensets(st.sampled_from(CODES + ("LG", "TY"))), max_size=3))
@settings(max_examples=500, deadline=None)
def test_unsuperseded_keeps_what_the_plain_walk_keeps(found, superseding):
    findings = [Finding(path="a.txt", start=a, end=a + w, code=code, rule=code,
                        severity=Severity.WARNING, message="m", text="x" * w)
                for code, a, w in found]
    assert _unsuperseded(findings, superseding) == _plain_unsuperseded(findings, superseding)
