"""Statistics report (`--statistics`): how many findings per rule, most first."""

from __future__ import annotations

from collections import Counter

from ..model import Applicability
from . import Report, counted, nothing_found


def render(report: Report) -> str:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    safe: Counter[str] = Counter()
    for f in report.findings:
        counts[f.code] += 1
        names[f.code] = f.rule
        if f.fix is not None and f.fix.applicability is Applicability.SAFE:
            safe[f.code] += 1
    if not counts:
        return nothing_found(report) + "\n"
    width = len(str(max(counts.values())))
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if safe[code] == n else "[-]" if safe[code] else "   "
        lines.append(f"{n:>{width}}  {code:<7} {mark} {names[code]}")
    total = counted(sum(counts.values()), "finding")
    lines.append(f"{total} in {counted(len(report.files), 'file')}.")
    return "\n".join(lines) + "\n"
