"""The HTML report's article text: the marks are those of the plain definition (a segment
between two cuts is marked by every finding that overlaps it), built in linear time."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.model import Finding, Severity
from normalize.report import FileResult
from normalize.report.html import _text, cuts_and_refs, e


def _plain_text(result: FileResult, ids: list[str]) -> str:
    """The definition: for every segment, every finding that overlaps it (quadratic)."""
    doc, findings = result.doc, result.findings
    text = doc.text
    position = {fid: n for n, fid in enumerate(ids)}
    cuts, refs = cuts_and_refs(result, ids)  # (shared: the marks are what is compared)

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


def test_all_checks_passed_only_when_every_input_was_read():
    from normalize.report import Report
    from normalize.report.html import render

    page = render(Report((), errors=("a/b.txt: not valid UTF-8",)))
    assert "All checks passed" not in page
    assert "No files checked (1 error)." in page
    result, _ = _result("Clean.\n", [])
    assert "No findings in the 1 file checked; 1 error." in render(
        Report((result,), errors=("a/b.txt: not valid UTF-8",)))
    assert "All checks passed (1 file)." in render(Report((result,)))


BIDI_AND_INVISIBLE = "\u202e\u202a\u2066\u200e\u061c\u200b\u200d\u00ad\u2060\ufeff\x1b\x07\x85"


def test_controls_are_shown_and_quotes_isolated():
    from normalize.report import Report
    from normalize.report.html import render

    text = "Logo Acme \u202e reversed\x1b[2J\u200b here\nThe emoji 👨\u200d👩 stays.\n"
    name = "a/rtl\u202egnp\x07.txt"
    doc = Document.from_text(text, path=name)
    found = text.index("Logo"), text.index(" here") + 5
    findings = (Finding(name, *found, "BP103", "furniture", Severity.WARNING,
                        f"'{text[found[0]:found[1]]}' is scraped page furniture: remove it",
                        text[found[0]:found[1]]),)
    page = render(Report((FileResult(doc, findings),), errors=(f"{name}: cannot read",)))
    shown = [c for c in BIDI_AND_INVISIBLE if c in page]
    assert shown == ["\u200d"]  # only the emoji's joiner, which no finding covers
    assert page.count("👨\u200d👩") == 1
    assert '<h2>a/rtl<span class="ctl" title="RIGHT-TO-LEFT OVERRIDE">\\u202e</span>gnp' \
           '<span class="ctl" title="control character">\\x07</span>.txt</h2>' in page
    # the quote in the message is isolated, the rule's words after it are outside
    msg = page.split('<div class="msg">')[1].split("</div>")[0]
    assert msg.startswith('&#x27;<bdi>Logo Acme <span class="ctl"')
    assert msg.endswith("</bdi>&#x27; is scraped page furniture: remove it")
    assert '<span class="ctl" title="ZERO WIDTH SPACE">\\u200b</span>' in msg
    for c in BIDI_AND_INVISIBLE:  # every one of them is shown in a found text
        one = Document.from_text(f"a{c}b\n", path="x.txt")
        f = Finding("x.txt", 1, 2, "TY102", "invisible", Severity.WARNING, "remove it", c)
        page = render(Report((FileResult(one, (f,)),)))
        assert c not in page, repr(c)
