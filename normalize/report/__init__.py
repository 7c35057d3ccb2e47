"""Formatters: small functions chosen by name over one Report value.

A formatter turns a Report into a string. None of them prints or writes;
the command line does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Document
from ..model import Applicability, Finding

if TYPE_CHECKING:
    from ..kinds.base import RuleMeta


@dataclass(frozen=True)
class FileResult:
    doc: Document
    findings: tuple[Finding, ...]
    fixed: str | None = None  # the text with proposals applied, for diffs


@dataclass(frozen=True)
class Report:
    files: tuple[FileResult, ...]
    errors: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)
    rules: tuple[RuleMeta, ...] = ()  # the rules that ran (for SARIF's rule table)
    notes: tuple[str, ...] = ()  # inputs skipped on purpose (binary files), one line each

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def summary(self) -> dict:
        findings = self.findings
        by_code: dict[str, int] = {}
        by_severity = {"error": 0, "warning": 0, "suggestion": 0}
        fixable = {a.value: 0 for a in Applicability}
        for f in findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
            by_severity[f.severity.value] += 1
            if f.fix is not None:
                fixable[f.fix.applicability.value] += 1
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for r in self.files if r.findings),
            "findings": len(findings),
            "by_severity": by_severity,
            "by_code": dict(sorted(by_code.items())),
            "fixable": fixable,
            "errors": len(self.errors),
        }


# A file name that is not valid UTF-8 (b"bad\xffname.txt" on Linux) reaches the
# reports as a str holding lone surrogates (Python's surrogateescape decoding:
# the byte 0xff is U+DCFF). No UTF-8 text can hold one, so each format says what
# its readers need instead; nothing is lost silently and nothing crashes.
_SURROGATE = re.compile("[\ud800-\udfff]")
# surrogates that surrogateescape cannot turn back into a byte (lone UTF-16
# halves in a Windows name)
_NOT_A_BYTE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def has_surrogates(text: str) -> bool:
    """True if `text` holds a name that is not UTF-8 (see below)."""
    return _SURROGATE.search(text) is not None


def readable(text: str) -> str:
    """`text` with each byte of a name that is not UTF-8 written as `\\xNN`
    (`bad\\xffname.txt`): for formats people or tools read as UTF-8 text and
    that have no escape for such a byte (JUnit XML, HTML, GitHub annotations)."""
    if not _SURROGATE.search(text):
        return text

    def shown(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(shown, text)


# What a terminal would act on instead of showing: C0 controls but the tab (ESC
# starts CSI and OSC sequences, BEL rings, CR and LF break a line), DEL, C1
# controls (0x9b is CSI in 8-bit terminals) and the bidirectional controls,
# which reorder what follows them.
CONTROLS = "\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROLS}]")


def escaped(char: str) -> str:
    """One character as the escape `visible` writes: `\\x1b`, `\\u202e`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with each control character written as an escape (`\\x1b`,
    `\\u202e`): for lines a terminal shows (the text report, error lines).
    Article text and file names are untrusted; printed raw, an escape
    sequence in them would clear the screen or retitle the window, and click
    would strip CSI sequences (changing a file's name) when the output is not
    a terminal. JSON, SARIF, JUnit and HTML escape them their own way."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: escaped(m.group()), text)


def json_text(data: object, indent: int | None = 2) -> str:
    """`data` as JSON (UTF-8 characters as they are) with lone surrogates written
    as JSON escapes (`"bad\\udcffname.txt"`): valid JSON, and a reader that
    decodes names as Python does (json.loads, then os.fsencode) gets the file's
    real name back; a baseline's paths match the files on the next run."""
    import json as _json  # (the package's own `json` is the JSON report module)

    out = _json.dumps(data, ensure_ascii=False, indent=indent)
    if not _SURROGATE.search(out):
        return out
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def as_bytes(text: str) -> bytes:
    """A report as UTF-8 bytes, the bytes of a name that is not UTF-8 written
    back as they were (surrogateescape): a text report's `path:line:col` and a
    diff's `--- a/path` must name the real file for an editor or `patch` to
    open it. Surrogates that stand for no byte are written as `\\uXXXX`."""
    if _SURROGATE.search(text):
        text = _NOT_A_BYTE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8", "surrogateescape")


def numbered_fingerprints(report: Report) -> Iterator[tuple[FileResult, Finding, str, int]]:
    """Each finding with its file, its baseline fingerprint (position-free) and
    which finding of its file with that fingerprint it is (1, 2 ...): two
    identical findings of one file stay two, whatever --jobs (a file's findings
    are sorted)."""
    from collections import Counter

    from ..baseline import fingerprint

    for result in report.files:
        seen: Counter[str] = Counter()
        for f in result.findings:
            fp = fingerprint(f, result.doc.text)
            seen[fp] += 1
            yield result, f, fp, seen[fp]


def counted(n: int, noun: str) -> str:
    """ "1 finding", "2 findings", "0 files"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def nothing_found(report: Report) -> str:
    """The summary line of a report without findings: "All checks passed" only
    when every input was checked (errors make the exit code 2)."""
    files, errors = len(report.files), len(report.errors)
    if not errors:
        return f"All checks passed ({counted(files, 'file')})."
    if not files:
        return f"No files checked ({counted(errors, 'error')})."
    return f"No findings in the {counted(files, 'file')} checked; {counted(errors, 'error')}."


def formatters() -> dict[str, Callable[[Report], str]]:
    from . import codequality, diff, github, html, json, junit, sarif, text

    return {"text": text.render, "json": json.render, "diff": diff.render,
            "sarif": sarif.render, "github": github.render, "junit": junit.render,
            "codequality": codequality.render, "html": html.render}
