"""JSON report: the contract CI scripts parse (see README, "JSON output")."""

from __future__ import annotations

from . import Report, json_text

SCHEMA_VERSION = 1


def finding_dict(result, f) -> dict:  # noqa: ANN001
    line, col = result.doc.position(f.start)
    end_line, end_col = result.doc.position(f.end)
    out = {
        "path": f.path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "text": f.text,
        "replacement": f.replacement,
        "applicability": f.applicability.value if f.applicability else None,
    }
    if f.data:
        out["data"] = dict(f.data)
    return out


def render(report: Report) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "findings": [finding_dict(r, f) for r in report.files for f in r.findings],
        "errors": list(report.errors),
        "notes": list(report.notes),  # inputs skipped on purpose (binary files)
        "summary": report.summary(),
    }
    payload.update(report.extra)
    # a name that is not UTF-8 as a JSON escape ("\udcff"): json.loads gives it back
    return json_text(payload) + "\n"
