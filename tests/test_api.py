"""The Python API: typed results, the README example runs, `import normalize` stays cheap."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys

import normalize
from normalize.model import Finding, Severity

from .conftest import ROOT

TEXT = "Foreign Minister Kestutis Budrys spoke.\nThe drone was found precipitated in a field.\n"


def test_check_text_returns_findings():
    findings = normalize.check_text(TEXT)
    assert [f.code for f in findings] == ["NM101", "MT101"]
    assert all(isinstance(f, Finding) for f in findings)
    assert findings[0].severity is Severity.ERROR
    assert TEXT[findings[0].start:findings[0].end] == findings[0].text == "Kestutis Budrys"
    assert [f.code for f in normalize.check_text(TEXT, select=["MT"])] == ["MT101"]
    assert [f.code for f in normalize.check_text(TEXT, ignore=["MT"])] == ["NM101"]


def test_check_text_markdown_path():
    text = "```\nThe drone was found precipitated in a field.\n```\n"
    assert [f.code for f in normalize.check_text(text, "a.txt")] == ["MT101"]
    assert normalize.check_text(text, "a.md") == []


def test_fix_text_safe_and_unsafe():
    result = normalize.fix_text(TEXT)
    assert result.text.startswith("Foreign Minister Kęstutis Budrys spoke.")
    assert result.applied == 1 and [f.code for f in result.remaining] == ["MT101"]
    result = normalize.fix_text(TEXT, unsafe=True)
    assert "crashed" in result.text and result.applied == 2


def test_check_paths_uses_config():
    report = normalize.check_paths([ROOT / "tests" / "fixtures" / "newsroom"])
    assert {f.code for f in report.findings} == {"HS101", "MT102", "NM101", "MT101"}
    assert report.errors == ()


def test_check_paths_reports_unreadable_inputs(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    report = normalize.check_paths([tmp_path / "missing.txt", tmp_path])
    assert any("missing.txt" in e for e in report.errors)


def test_readme_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(old)
    printed = out.getvalue()
    assert "NM101 Kestutis Budrys -> Kęstutis Budrys error" in printed
    assert re.search(r"seeds/\S+\.txt:\d+:\d+: NM101 ", printed)


def test_import_is_cheap():
    code = ("import sys, normalize; "
            "print(sorted(m for m in sys.modules if m.startswith('normalize')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['normalize']"
