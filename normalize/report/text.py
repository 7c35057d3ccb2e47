"""Text report: `path:line:col: CODE message`, one finding a line, then a summary.

Control characters in file names and article text are shown as escapes
(`\\x1b`): the report is read on a terminal (see report.visible)."""

from __future__ import annotations

from ..model import Applicability
from . import Report, counted, nothing_found, visible
from .entities import entity_lines


def render(report: Report) -> str:
    lines: list[str] = []
    for result in report.files:
        for f in result.findings:
            line, col = result.doc.position(f.start)
            mark = " [*]" if f.fix and f.fix.applicability is Applicability.SAFE else ""
            lines.append(visible(f"{f.path}:{line}:{col}: {f.code}{mark} {f.message}"))
    lines.extend(map(visible, entity_lines(report)))
    s = report.summary()
    if s["findings"]:
        lines.append(f"Found {counted(s['findings'], 'finding')} in "
                     f"{s['files_with_findings']} of {s['files']} files.")
        fx = s["fixable"]
        if fx["safe"]:
            more = f" ({fx['unsafe']} more with `--unsafe-fixes`)." if fx["unsafe"] else "."
            lines.append(f"[*] {fx['safe']} fixable with `normalize fix`{more}")
        elif fx["unsafe"]:
            lines.append(f"{fx['unsafe']} fixable with `normalize fix --unsafe-fixes`.")
    else:
        lines.append(nothing_found(report))
    return "\n".join(lines) + "\n"
