"""JUnit XML report (GitLab, Jenkins, Azure test views).

One `<testsuite>` per checked file; one `<testcase>` per finding, each with a
`<failure>`; a file without findings gets one passing test case, so the
test view lists it. Unreadable inputs are `<error>` test cases in a suite of
their own, inputs skipped on purpose (binary files) `<skipped>` test cases
in another. Control characters (and the two non-characters U+FFFE, U+FFFF),
most of which XML 1.0 cannot hold, are written as the escapes the text report
shows (`\\x01`, report.visible), so a name still names its file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import Report, readable, visible

_NOT_XML = re.compile("[\ufffe\uffff]")  # what visible() leaves that XML cannot hold


def _clean(text: str) -> str:
    # XML has no way to write the bytes of a name that is not UTF-8: shown as \xNN
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(readable(text)))


def render(report: Report) -> str:
    findings = report.findings
    root = ET.Element("testsuites", {
        "name": "normalize",
        "tests": str(sum(max(1, len(r.findings)) for r in report.files) + len(report.errors)
                     + len(report.notes)),
        "failures": str(len(findings)),
        "errors": str(len(report.errors)),
    })
    if report.notes:
        root.set("skipped", str(len(report.notes)))
    for result in report.files:
        name = _clean(result.doc.path)
        suite = ET.SubElement(root, "testsuite", {
            "name": name, "tests": str(max(1, len(result.findings))),
            "failures": str(len(result.findings)), "errors": "0",
        })
        if not result.findings:
            ET.SubElement(suite, "testcase", {"classname": name, "name": "normalize",
                                              "file": name})
        for f in result.findings:
            line, col = result.doc.position(f.start)
            case = ET.SubElement(suite, "testcase", {
                "classname": name, "name": f"{f.code} {f.rule} at {line}:{col}",
                "file": name, "line": str(line),
            })
            failure = ET.SubElement(case, "failure", {
                "type": f.code, "message": _clean(f.message),
            })
            body = [f"{f.path}:{line}:{col}: {f.code} [{f.severity.value}] {f.message}",
                    f"found: {f.text}"]
            if f.replacement is not None and f.applicability is not None:
                body.append(f"proposal ({f.applicability.value}): {f.replacement}")
            failure.text = "\n".join(map(_clean, body))
    _inputs(root, "unreadable inputs", report.errors, "error")
    _inputs(root, "skipped inputs", report.notes, "skipped")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _inputs(root: ET.Element, name: str, messages: tuple[str, ...], status: str) -> None:
    """A suite of its own for inputs not checked: one test case per message, marked
    `status` ("error": unreadable; "skipped": passed over on purpose)."""
    if not messages:
        return
    n = str(len(messages))
    counts = {"failures": "0", "errors": n if status == "error" else "0"}
    if status == "skipped":
        counts["skipped"] = n
    suite = ET.SubElement(root, "testsuite", {"name": name, "tests": n, **counts})
    for message in messages:
        case = ET.SubElement(suite, "testcase", {"classname": "normalize",
                                                 "name": _clean(message)})
        ET.SubElement(case, status, {"message": _clean(message)})
