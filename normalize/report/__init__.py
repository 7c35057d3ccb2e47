"""Formatters: small functions chosen by name over one Report value.

A formatter turns a Report into a string. None of them prints or writes;
the command line does.
"""

from __future__ import annotations

from collections.abc import Callable
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


def formatters() -> dict[str, Callable[[Report], str]]:
    from . import codequality, diff, github, html, json, junit, sarif, text

    return {"text": text.render, "json": json.render, "diff": diff.render,
            "sarif": sarif.render, "github": github.render, "junit": junit.render,
            "codequality": codequality.render, "html": html.render}
