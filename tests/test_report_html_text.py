"""The HTML report's article text: the marks are those of the plain definition (a segment
between two cuts is marked by every finding that overlaps it), built in linear time."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.model import Finding, Severity
from normalize.report import FileResult
from normalize.report.html import _text, e


def _plain_text(result: FileResult, ids: list[str]) -> str:
    """The definition: for every segment, every finding that overlaps it (quadratic)."""
    doc, findings = result.doc, result.findings
    text = doc.text
    position = {fid: n for n, fid in enumerate(ids)}
    cuts = sorted({c for f in findings for c in (f.start, f.end)}
                  | {c for s in doc.protected for c in (s.start, s.end)})
    ref_at: dict[int, list[int]] = {}
    for n, f in enumerate(findings):
        end = f.end
        while end > f.start and text[end - 1] in "\r\n":
            end -= 1
        ref_at.setdefault(end, []).append(n)

    def refs(pos: int) -> str:
        return "".join(f'<a class="ref {findings[n].severity.value}" href="#{ids[n]}" '
                       f'data-f="{ids[n]}">{ids[n].split("-")[1]}</a>'
                       for n in ref_at.get(pos, ()))

    out = []
    starts = doc.line_starts
    for number, start in enumerate(starts, 1):
        end = starts[number] if number < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        points = sorted({start, end, *(c for c in cuts if start < c < end)})
        html = [refs(points[0])]
        for a, b in zip(points, points[1:]):
            cover = [ids[n] for n, f in enumerate(findings) if f.start < b and a < f.end]
            piece = e(text[a:b])
            if doc.is_protected(a, b):
                piece = f'<span class="mu">{piece}</span>'
            if cover:
                top = min((findings[position[i]].severity for i in cover), key=lambda s: s.rank)
                piece = (f'<mark data-f="{" ".join(cover)}" data-sev="{top.value}">{piece}</mark>')
            html.append(piece + refs(b))
        body = "".join(html)
        blank = "" if body.strip() else " blank"
        out.append(f'<div class="ln{blank}" data-n="{number}"><span>{body}</span></div>')
    return "".join(out)


def _result(text: str, spans: list[tuple[int, int, Severity]]) -> tuple[FileResult, list[str]]:
    doc = Document.from_text(text, path="a.txt")
    findings = tuple(Finding("a.txt", a, b, "TY104", "x", sev, "m", text[a:b])
                     for a, b, sev in spans)
    return FileResult(doc, findings), [f"f0-{n + 1}" for n in range(len(findings))]


@st.composite
def _documents(draw):  # noqa: ANN001
    pieces = st.sampled_from([*"ab ,\n\r\t<>&é", " https://x.example/a ", "\r\n", "#tag",
                              " a@b.example "])
    text = draw(st.lists(pieces, max_size=40).map("".join))
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        spans.append((a, b, draw(st.sampled_from(list(Severity)))))
    return text, spans


@given(_documents())
@settings(max_examples=500, deadline=None)
def test_marks_are_those_of_the_definition(case):
    text, spans = case
    result, ids = _result(text, spans)
    assert _text(result, ids) == _plain_text(result, ids)


def test_many_findings_in_one_file_take_linear_time():
    # two findings a line over 10,000 lines: 20,000 findings (the plain definition
    # took ~10 s on 10,000; this takes a fraction of a second)
    line = "The drone , which fell , was found.\n"
    text = line * 10_000
    spans = []
    for n in range(10_000):
        base = n * len(line)
        spans += [(base + 9, base + 11, Severity.WARNING), (base + 22, base + 24, Severity.ERROR)]
    result, ids = _result(text, spans)
    began = time.process_time()
    _text(result, ids)
    assert time.process_time() - began < 3
