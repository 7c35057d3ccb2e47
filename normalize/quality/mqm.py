"""Precision and recall on real machine translation with expert error spans.

The corpus is WMT23 Chinese->English news MT, each segment annotated by
three professional translators with MQM error spans (JSON lines: `target`,
`errors: [{rater, category, side, start, end, span}]`, target offsets are
character offsets into `target`, end exclusive).

Each segment's `target` is checked on its own (`Document.from_text`).

- precision per detector (code): share of its findings that overlap an
  annotated target-side error span of any rater and any category; and the
  share that overlap a span of a category the detector is meant for
  (`taxonomy.MQM_CATEGORY_KINDS`);
- recall per fitting category: share of the annotated spans (identical
  spans from several raters counted once) overlapped by any finding, and by
  a finding meant for that category.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..engine import check_document
from ..loader import RuleSet
from ..model import Finding
from .gold import overlap
from .taxonomy import MQM_CATEGORY_KINDS, meant_for


@dataclass(frozen=True)
class ErrorSpan:
    start: int
    end: int
    category: str


@dataclass(frozen=True)
class MqmHit:
    """A finding on an MQM target: the categories of the spans it overlaps."""

    finding: Finding
    categories: tuple[str, ...]
    fitting: bool  # overlaps a span of a category the detector is meant for
    context: str  # the finding marked in its segment, for reading

    @property
    def on_error(self) -> bool:
        return bool(self.categories)


@dataclass
class MqmResult:
    segments: int = 0
    words: int = 0
    target_spans: int = 0
    findings: list[MqmHit] = field(default_factory=list)
    # per fitting category: spans, hit by any finding, hit by a detector meant for
    # it, codes that hit
    category_spans: Counter = field(default_factory=Counter)
    category_any: Counter = field(default_factory=Counter)
    category_meant: Counter = field(default_factory=Counter)
    category_codes: dict[str, Counter] = field(default_factory=dict)

    def precision_by_code(self) -> dict[str, tuple[int, int, int]]:
        """code -> (findings, on an error span, on a span of a fitting category)."""
        out: dict[str, list[int]] = {}
        for hit in self.findings:
            row = out.setdefault(hit.finding.code, [0, 0, 0])
            row[0] += 1
            row[1] += hit.on_error
            row[2] += hit.fitting
        return {code: (r[0], r[1], r[2]) for code, r in sorted(out.items())}

    def examples(self, per_code: int) -> dict[str, list[MqmHit]]:
        """A few findings per code, spread over the corpus (deterministic)."""
        out: dict[str, list[MqmHit]] = {}
        for code in self.precision_by_code():
            mine = [h for h in self.findings if h.finding.code == code]
            step = max(1, len(mine) // per_code)
            out[code] = mine[::step][:per_code]
        return out

    def recall_by_category(self) -> dict[str, tuple[int, int, int, list[tuple[str, int]]]]:
        """category -> (spans, hit by any finding, hit by a detector meant for it, top codes)."""
        return {
            cat: (
                self.category_spans[cat], self.category_any[cat], self.category_meant[cat],
                self.category_codes.get(cat, Counter()).most_common(4),
            )
            for cat in MQM_CATEGORY_KINDS
        }


def read_segments(path: Path, limit: int | None = None) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            if line.strip():
                yield json.loads(line)


def target_spans(segment: dict) -> list[ErrorSpan]:
    """The target-side error spans of a segment, identical spans counted once."""
    seen = set()
    for error in segment.get("errors", ()):
        if error.get("side") != "target" or error.get("start") is None:
            continue
        seen.add(ErrorSpan(error["start"], error["end"], error["category"]))
    return sorted(seen, key=lambda e: (e.start, e.end, e.category))


def marked(text: str, finding: Finding, width: int = 40) -> str:
    """The finding in its context, marked with [[ ]]."""
    left = text[max(0, finding.start - width):finding.start]
    right = text[finding.end:finding.end + width]
    return " ".join(f"{left}[[{text[finding.start:finding.end]}]]{right}".split())


def fits(category: str, code: str, rule_kinds: Mapping[str, str]) -> bool:
    """Is a finding with `code` meant to catch errors of this MQM category?"""
    return any(meant_for(code, kind, rule_kinds) for kind in MQM_CATEGORY_KINDS.get(category, ()))


def evaluate_mqm(path: Path, rules: RuleSet, limit: int | None = None) -> MqmResult:
    result = MqmResult()
    kinds = {rule.meta.code: rule.meta.kind for rule in rules.rules}
    for number, segment in enumerate(read_segments(path, limit)):
        target = segment["target"]
        seg = segment.get("seg_id", number)
        name = f"{segment.get('system', '?')}/{segment.get('doc', '?')}#{seg}"
        doc = Document.from_text(target, path=name)
        findings = check_document(doc, rules)
        spans = target_spans(segment)
        result.segments += 1
        result.words += len(target.split())
        result.target_spans += len(spans)
        for f in findings:
            touched = [s for s in spans if overlap(s.start, s.end, f.start, f.end)]
            result.findings.append(MqmHit(
                f, tuple(sorted({s.category for s in touched})),
                any(fits(s.category, f.code, kinds) for s in touched), marked(target, f)))
        for span in spans:
            if span.category not in MQM_CATEGORY_KINDS:
                continue
            hits = [f for f in findings if overlap(span.start, span.end, f.start, f.end)]
            result.category_spans[span.category] += 1
            result.category_any[span.category] += bool(hits)
            result.category_meant[span.category] += any(
                fits(span.category, f.code, kinds) for f in hits)
            codes = result.category_codes.setdefault(span.category, Counter())
            codes.update({f.code for f in hits})
    return result
