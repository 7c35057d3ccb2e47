"""Plain-text tables of the quality figures. Returns strings; never prints."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Document
from ..model import Finding
from .corpora import RateResult
from .mqm import MqmResult, marked
from .score import FolderScore, KindScore


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


_NUMBER = re.compile(r"[\d.,%/ -]+")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [c.rjust(w) if _NUMBER.fullmatch(c) else c.ljust(w) for c, w in zip(row, widths)]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def where(doc: Document | None, finding: Finding) -> str:
    if doc is None:
        return finding.path
    line, col = doc.position(finding.start)
    return f"{finding.path}:{line}:{col}"


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def render_folder(title: str, score: FolderScore, show_missed: bool = True) -> str:
    total = score.total
    out = [f"== {title}: {score.files} files, {total.gold} gold items, "
           f"{len(score.findings)} findings"]

    def row(s: KindScore) -> list[object]:
        ranked = sorted(s.hit_by.items(), key=lambda x: (-x[1], x[0]))
        top = ", ".join(f"{c}x{n}" for c, n in ranked[:5]) + (", ..." if len(ranked) > 5 else "")
        return [s.kind, s.gold, s.found, pct(s.found, s.gold), pct(s.by_detector, s.gold),
                f"{s.proposals_right}/{s.with_canonical}", top]

    rows = [row(s) for s in score.kinds.values()] + [row(total)]
    out.append(table(["kind", "gold", "found", "recall", "by-its-detector", "proposals right",
                      "hit by"], rows))
    by_code = score.findings_by_code()
    out.append("")
    out.append("findings matching no gold item (false alarms), per code:")
    out.append(table(["code", "meant for", "findings", "false alarms", "precision"],
                     [[c, k, n, fa, pct(n - fa, n)] for c, (k, n, fa) in by_code.items()]
                     + [["all", "", len(score.findings), len(score.false_alarms),
                         pct(len(score.findings) - len(score.false_alarms), len(score.findings))]]))
    for f in score.false_alarms:
        at = where(score.docs.get(f.path), f)
        out.append(f"  false alarm  {at}  {f.code}  {shorten(f.text)!r}")
    if show_missed and total.missed:
        out.append("missed:")
        for item in sorted(total.missed, key=lambda i: (i.file, i.start)):
            doc = score.docs.get(item.file)
            line, col = doc.position(item.start) if doc else (0, 0)
            text = item.text if len(item.text) <= 60 else shorten(item.text, 60)
            out.append(f"  {item.kind:<14} {item.file}:{line}:{col}  {text!r}")
    return "\n".join(out)


def render_rate(result: RateResult, examples: int = 3) -> str:
    out = [f"== BBC false alarms ({result.root}): {result.files} files, {result.words:,} words, "
           f"{result.total} findings = {result.per_10k(result.total):.2f} per 10,000 words"]
    if result.errors:
        out.append(f"({len(result.errors)} files could not be read)")
    rows = [[code, n, f"{result.per_10k(n):.3f}"] for code, n in result.by_code()]
    if rows:
        out.append(table(["code", "findings", "per 10k words"], rows))
    for code, samples in result.examples(examples).items():
        for doc, f in samples:
            out.append(f"  {code}  {where(doc, f)}  {marked(doc.text, f)}")
    met = "met" if result.per_10k(result.total) <= result.target else "NOT met"
    out.append(f"target: at most {result.target} finding per 10,000 words: {met}")
    return "\n".join(out)


def render_mqm(result: MqmResult, examples: int = 2) -> str:
    out = [f"== MQM WMT23 zh-en: {result.segments} segments, {result.words:,} words, "
           f"{result.target_spans} annotated target-side error spans, "
           f"{len(result.findings)} findings"]
    rows = []
    for code, (n, on_error, on_fitting) in result.precision_by_code().items():
        rows.append([code, n, on_error, pct(on_error, n), on_fitting, pct(on_fitting, n)])
    if rows:
        out.append("precision per detector (finding overlaps an annotated error span, any rater):")
        out.append(table(["code", "findings", "on an error", "precision", "on its category",
                          "precision (category)"], rows))
        for code, hits in result.examples(examples).items():
            for hit in hits:
                on = ", ".join(hit.categories) or "no annotated error"
                out.append(f"  {code}  {hit.finding.path}  {hit.context}  ({on})")
    else:
        out.append("no findings on the MQM targets")
    out.append("")
    out.append("recall per category (share of annotated spans overlapped by a finding):")
    rows = []
    for cat, (n, by_any, by_meant, top) in result.recall_by_category().items():
        hit_by = ", ".join(f"{c}x{k}" for c, k in top)
        rows.append([cat, n, by_any, pct(by_any, n), by_meant, pct(by_meant, n), hit_by])
    out.append(table(["category", "spans", "by any", "recall", "by its detector", "recall",
                      "hit by"], rows))
    return "\n".join(out)
