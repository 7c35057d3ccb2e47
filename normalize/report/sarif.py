"""SARIF 2.1.0 report, as GitHub code scanning and other SARIF viewers read it.

One run; the driver's rule table holds every rule that ran (id, name, help
text from the rule's message, description and source, default level); each
result points at its rule by id and index, with a 1-based region counted in
code points (`columnKind: unicodeCodePoints`), and a `fixes` entry with the
replacement when the finding has a proposal. Unreadable inputs are
`toolExecutionNotifications` of level `error` (the run did not succeed),
inputs skipped on purpose (binary files) of level `note`.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .. import __version__
from ..kinds.base import safe_format
from ..model import Finding, Severity
from . import FileResult, Report, json_text, numbered_fingerprints

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


def artifact_uri(path: str) -> dict:
    """Relative paths stay relative (to %SRCROOT%, the checkout); absolute ones are file URIs."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}  # percent-encodes the name's bytes (os.fsencode)
    # so does this: a URI names bytes, and b"bad\xffname.txt" is bad%FFname.txt
    posix = os.fsencode(PurePosixPath(*p.parts).as_posix())
    return {"uri": quote(posix), "uriBaseId": "%SRCROOT%"}


def region(result: FileResult, start: int, end: int, with_snippet: bool = True) -> dict:
    line, col = result.doc.position(start)
    end_line, end_col = result.doc.position(end)
    out: dict = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                 "charOffset": start, "charLength": end - start}
    if with_snippet:
        out["snippet"] = {"text": result.doc.text[start:end]}
    return out


def rule_table(report: Report) -> list[dict]:
    rules: dict[str, dict] = {}
    for meta in report.rules:
        help_text = safe_format(meta.message, text="…", replacement="…")
        if meta.description:
            help_text += "\n\n" + meta.description.strip()
        help_text += "\n\nSource: " + meta.source.strip()
        rules[meta.code] = {
            "id": meta.code,
            "name": meta.name,
            "shortDescription": {"text": f"{meta.name} ({meta.kind})"},
            "fullDescription": {"text": (meta.description.strip() or help_text.split("\n")[0])},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVELS[meta.severity]},
            "properties": {"tags": [meta.kind], "applicability": meta.applicability.value},
        }
    for f in report.findings:  # codes not in the table (e.g. checks of the checker itself)
        rules.setdefault(f.code, {
            "id": f.code, "name": f.rule,
            "shortDescription": {"text": f.rule},
            "defaultConfiguration": {"level": LEVELS[f.severity]},
        })
    return [rules[code] for code in sorted(rules)]


def result_dict(result: FileResult, f: Finding, index: dict[str, int], key: str) -> dict:
    """A finding as a SARIF result; `key`: its fingerprint (see _results)."""
    location = {"physicalLocation": {"artifactLocation": artifact_uri(f.path),
                                     "region": region(result, f.start, f.end)}}
    out: dict = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        # survives lines moving, so code scanning keeps an alert's identity across commits
        "partialFingerprints": {"normalizeFinding/v1": key},
    }
    if f.fix is not None:
        out["fixes"] = [{
            "description": {"text": f"{f.fix.title} ({f.fix.applicability.value})"},
            "artifactChanges": [{
                "artifactLocation": artifact_uri(f.path),
                "replacements": [
                    {"deletedRegion": region(result, e.start, e.end, with_snippet=False),
                     "insertedContent": {"text": e.replacement}}
                    for e in f.fix.edits
                ],
            }],
        }]
    props: dict = {"text": f.text}
    if f.replacement is not None:
        props["replacement"] = f.replacement
    if f.applicability is not None:
        props["applicability"] = f.applicability.value
    if f.data:
        props["data"] = dict(f.data)
    out["properties"] = props
    return out


def _results(report: Report, index: dict[str, int]) -> list[dict]:
    """The results, each with its finding's baseline fingerprint (position-free).
    From the second finding of a file with the same one on, its count after a
    colon (`...:2`), as GitHub's own primaryLocationLineHash does, so that two
    identical findings are two alerts, whatever --jobs (a file's findings are
    sorted). The first keeps the bare fingerprint, as earlier runs wrote it."""
    return [result_dict(result, f, index, fp if n == 1 else f"{fp}:{n}")
            for result, f, fp, n in numbered_fingerprints(report)]


def build(report: Report) -> dict:
    rules = rule_table(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run: dict = {
        "tool": {"driver": {"name": "normalize", "version": __version__,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The checked folder."}}},
        "results": _results(report, index),
    }
    if report.errors or report.notes:
        # unreadable inputs (the run failed) and inputs skipped on purpose (binary files)
        run["invocations"] = [{
            "executionSuccessful": not report.errors,
            "toolExecutionNotifications": [
                *({"level": "error", "message": {"text": error}} for error in report.errors),
                *({"level": "note", "message": {"text": note}} for note in report.notes),
            ],
        }]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    # other text holding such a name (an error line) as a JSON escape (json_text)
    return json_text(build(report)) + "\n"
