"""GitHub Actions workflow commands: one annotation per finding.

`::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`
(error, warning or notice by severity); a finding over several lines has
no `col`/`endColumn` (the runner drops columns when `line` and `endLine`
differ, as GitHub's annotations take columns on one line only). GitHub's escaping: in the message
`%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,`
become `%3A` and `%2C` as well. Other control characters (an escape sequence
from a scraped article) are written as escapes (`\x1b`): the job's log is
shown by a terminal emulator in the browser.
"""

from __future__ import annotations

from ..model import Severity
from . import Report, readable, visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for result in report.files:
        for f in result.findings:
            line, col = result.doc.position(f.start)
            end_line, end_col = result.doc.position(f.end)
            props: dict[str, object] = {"file": f.path, "line": line, "col": col,
                                        "endLine": end_line, "endColumn": end_col,
                                        "title": f"{f.code} {f.rule}"}
            if end_line != line:  # columns only on one line: the runner drops them
                del props["col"], props["endColumn"]
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            lines.append(f"::{COMMANDS[f.severity]} {joined}::{escape_data(f.message)}")
    for error in report.errors:
        lines.append(f"::error title=normalize::{escape_data(error)}")
    for note in report.notes:  # inputs skipped on purpose (binary files)
        lines.append(f"::notice title=normalize::{escape_data(note)}")
    # the runner reads the log as UTF-8: the bytes of a name that is not UTF-8 as \xNN
    return readable("".join(line + "\n" for line in lines))
