"""GitLab Code Quality report (a subset of the Code Climate format).

A JSON array, one issue per finding: description, check_name, a fingerprint
unique per issue (the baseline fingerprint, so an issue keeps its identity
when lines move, plus the path and an occurrence count), severity and
location (path and first line). GitLab shows new and fixed issues in the
merge request.
"""

from __future__ import annotations

import hashlib

from ..model import Severity
from . import Report, as_bytes, json_text, numbered_fingerprints

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.SUGGESTION: "info"}


def render(report: Report) -> str:
    issues = []
    for result, f, fp, n in numbered_fingerprints(report):
        unique = hashlib.sha256(as_bytes(f"{f.path}\x1f{fp}\x1f{n}")).hexdigest()
        line, _ = result.doc.position(f.start)
        issues.append({
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": unique[:32],
            "severity": SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": {"begin": line}},
        })
    # a name that is not UTF-8 as a JSON escape ("\udcff"), as in the JSON report:
    # valid JSON, and the name comes back as it was when read as Python reads names
    return json_text(issues) + "\n"
