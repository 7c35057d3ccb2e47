"""Report formats: names and text stay traceable (JUnit escapes controls as the text report
does), skipped inputs are recorded, GitHub annotations over several lines carry no columns,
and SARIF fingerprints tell identical findings in one file apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from normalize.document import Document
from normalize.model import Finding, Severity
from normalize.report import FileResult, Report, junit, visible

from .test_formats import SCHEMA, _validate


def _report(text: str, path: str, spans: list[tuple[int, int]], **extra) -> Report:  # noqa: ANN003
    doc = Document.from_text(text, path=path)
    findings = tuple(Finding(path, a, b, "TY104", "space-before-punctuation", Severity.WARNING,
                             f"space before {text[a:b]!r}", text[a:b]) for a, b in spans)
    return Report((FileResult(doc, findings),), **extra)


def test_junit_writes_controls_as_the_text_report_does():
    name = "a/x\x01y\x1bz\ufffe.txt"
    text = "Logo Acme \x1b[2J\x0c end ,\n"
    report = _report(text, name, [(0, 15), (text.index(" ,"), text.index(" ,") + 2)],
                     errors=("a/b\x01.txt: cannot read",))
    root = ET.fromstring(junit.render(report))
    suite = root.find("testsuite")
    assert suite is not None
    shown = "a/x\\x01y\\x1bz\\ufffe.txt"
    assert suite.get("name") == shown and visible(name[:-5]) in shown
    for case in suite.iter("testcase"):
        assert case.get("file") == shown and case.get("classname") == shown
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines()[1] == "found: Logo Acme \\x1b[2J\\x0c"
    assert failure.text.startswith(f"{shown}:1:1: TY104 [warning] ")
    error = root.find("testsuite[@name='unreadable inputs']/testcase/error")
    assert error is not None and error.get("message") == "a/b\\x01.txt: cannot read"


def test_github_annotations_over_several_lines_have_no_columns():
    from normalize.report import github

    text = "the\nNATO’s drone , fell.\n"
    out = github.render(_report(text, "a.txt", [(0, 10), (text.index(" ,"), text.index(" ,") + 2)]))
    first, second = out.splitlines()
    assert first.startswith("::warning file=a.txt,line=1,endLine=2,title=TY104 ")
    assert second.startswith("::warning file=a.txt,line=2,col=13,endLine=2,endColumn=15,title=")


def test_sarif_fingerprints_tell_identical_findings_apart():
    from normalize.report import sarif

    line = "The drone , which fell.\n"
    text = line * 3 + "Another drone , here.\n"
    spans = [(n * len(line) + 9, n * len(line) + 11) for n in range(3)]
    spans.append((text.index("drone , here") + 5, text.index("drone , here") + 7))
    results = sarif.build(_report(text, "a.txt", spans))["runs"][0]["results"]
    keys = [r["partialFingerprints"]["normalizeFinding/v1"] for r in results]
    assert len(set(keys)) == 4
    assert keys[1] == keys[0] + ":2" and keys[2] == keys[0] + ":3"  # the first as before
    assert ":" not in keys[3]
    # the same in another file, and when lines move
    moved = sarif.build(_report("Intro.\n" + text, "b.txt", [(a + 7, b + 7) for a, b in spans]))
    assert [r["partialFingerprints"]["normalizeFinding/v1"]
            for r in moved["runs"][0]["results"]] == keys


def test_skipped_inputs_are_recorded_in_the_reports(tmp_path):
    import json
    import os

    from click.testing import CliRunner

    from normalize.cli import main

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text("The drone , fell.\n", encoding="utf-8")
    (tmp_path / "a" / "b.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        out = {fmt: CliRunner().invoke(main, ["check", "--format", fmt, "a"]).stdout
               for fmt in ("json", "sarif", "junit", "github", "html")}
    finally:
        os.chdir(old)
    note = "a/b.txt: binary file (NUL bytes), skipped"
    assert json.loads(out["json"])["notes"] == [note]
    (invocation,) = json.loads(out["sarif"])["runs"][0]["invocations"]
    if SCHEMA.exists():  # (where the schema is at hand)
        _validate(json.loads(out["sarif"]))
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "note", "message": {"text": note}}]}
    root = ET.fromstring(out["junit"])
    assert root.get("skipped") == "1" and root.get("tests") == "2"
    skipped = root.find("testsuite[@name='skipped inputs']/testcase/skipped")
    assert skipped is not None and skipped.get("message") == note
    assert f"::notice title=normalize::{note}\n" in out["github"]
    assert f'<h2>Skipped</h2><ul><li>{note}</li></ul>' in out["html"]
