"""HTML report: self-contained, escaped, every highlight tied to its note; renders in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.document import Document
from normalize.engine import check_document
from normalize.report import FileResult, Report
from normalize.report.html import render

from .conftest import SEEDS

PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # noqa: ANN001
        self.text.append(data)


def parse(page: str) -> Elements:
    out = Elements()
    out.feed(page)
    out.close()
    return out


def hostile_report(default_rules) -> Report:  # noqa: ANN001
    text = (f"Foreign Minister Kestutis Budrys said {PAYLOADS[0]} and then\n"
            f"Dovile Sakaliene wrote {PAYLOADS[1]} in a letter.\n")
    doc = Document.from_text(text, path=f"news/{PAYLOADS[1]}.txt")
    findings = tuple(check_document(doc, default_rules))
    assert findings  # the names around the payloads are found
    return Report((FileResult(doc, findings),), errors=(f"{PAYLOADS[0]}: cannot read",),
                  extra={"entities": [{"canonical": PAYLOADS[0],
                                       "variants": [{"text": PAYLOADS[1], "count": 1,
                                                     "files": [PAYLOADS[1]]}]}]})


def test_article_text_is_escaped(default_rules):
    page = render(hostile_report(default_rules))
    elements = parse(page)
    tags = [t for t, _ in elements.tags]
    assert "img" not in tags
    assert tags.count("script") == 1  # the page's own
    assert not any(k.startswith("on") for _, attrs in elements.tags for k in attrs)
    text = "".join(elements.text)
    for payload in PAYLOADS:
        assert payload in text  # shown to the reader as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page


def test_self_contained_and_no_network(default_rules):
    page = render(hostile_report(default_rules))
    elements = parse(page)
    for tag, attrs in elements.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img")
        for key in ("src", "href", "action"):
            assert key not in attrs or attrs[key].startswith("#"), (tag, attrs)
    csp = next(a["content"] for t, a in elements.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_highlights_notes_and_filters_agree(default_rules):
    report = Report(tuple(FileResult(d, tuple(check_document(d, default_rules)))
                          for d in (Document.read(p) for p in sorted(SEEDS.glob("*.txt")))))
    elements = parse(render(report))
    notes = {a["id"]: a for t, a in elements.tags if t == "li" and "note" in a.get("class", "")}
    assert len(notes) == len(report.findings)
    marked = {i for t, a in elements.tags if t == "mark" for i in a["data-f"].split()}
    assert marked == set(notes)  # every finding is highlighted, every highlight has a note
    codes = {a["value"] for t, a in elements.tags if a.get("data-filter") == "code"}
    assert codes == {f.code for f in report.findings}
    assert {a["data-code"] for a in notes.values()} == codes


def test_entity_summary_shown_when_present(default_rules):
    page = render(hostile_report(default_rules))
    assert "<h2>Names</h2>" in page and "×1" in page
    assert "<h2>Names</h2>" not in render(Report(()))


def test_cli_writes_html(tmp_path):
    result = CliRunner().invoke(main, ["check", "--format", "html", str(SEEDS)])
    assert result.exit_code == 1
    assert result.output.startswith("<!DOCTYPE html>") and "normalize report" in result.output
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "--output", str(out),
                                       str(SEEDS)])
    assert result.exit_code == 1 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_markup_that_is_not_checked_is_shown_muted(default_rules):
    doc = Document.read(Path(__file__).parent / "markup" / "article.md")
    page = render(Report((FileResult(doc, tuple(check_document(doc, default_rules))),)))
    muted = re.findall(r'<span class="mu">([^<]*)</span>', page)
    assert "title: &quot;Kestutis Budrys and Dovile Sakaliene ask NATO for air defence&quot;" \
        in muted
    assert any("https://example.org/people/Decali-Šakalienė" in m for m in muted)
    assert not any("told journalists" in m for m in muted)


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


@pytest.mark.skipif(_browser() is None, reason="no Chromium on this machine")
def test_renders_in_headless_chromium(tmp_path, default_rules):
    page = tmp_path / "report.html"
    documents = [Document.read(p) for p in sorted(SEEDS.glob("*.txt"))]
    hostile = hostile_report(default_rules)
    report = Report(hostile.files + tuple(FileResult(d, tuple(check_document(d, default_rules)))
                                          for d in documents), hostile.errors, hostile.extra)
    page.write_text(render(report), encoding="utf-8")
    shot = tmp_path / "report.png"
    common = [_browser(), "--headless", "--no-sandbox", "--disable-gpu",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-dev-shm-usage",
              f"--user-data-dir={tmp_path / 'profile'}",
              "--enable-logging=stderr", "--v=0"]
    url = page.as_uri()
    try:
        run = subprocess.run([*common, f"--screenshot={shot}", "--window-size=1280,2000", url],
                             capture_output=True, text=True, timeout=120)
        dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True,
                             timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("Chromium did not finish in time")
    assert shot.exists() and shot.stat().st_size > 10_000, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    console = [line for out in (run.stderr, dom.stderr) for line in out.splitlines()
               if ":CONSOLE" in line or "Uncaught" in line]
    assert console == []  # no errors, no CSP violations, no log lines at all
    # the page's script ran to its end; the payloads stayed text
    assert re.search(r'<body[^>]*data-ready="1"', dom.stdout), dom.stderr[-2000:]
    assert "<img" not in dom.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom.stdout
    assert Path(shot).parent == tmp_path
