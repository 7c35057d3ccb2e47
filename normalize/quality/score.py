"""Score findings against gold items, per kind.

A finding *hits* a gold item when its span overlaps the item's text. Per
gold kind:

- recall: share of gold items hit by any finding;
- by its detector: share hit by a finding meant for that kind (see
  `taxonomy`), the right detector for the right reason;
- proposals right: of the items with a canonical form, how many are hit by a
  finding whose proposal, applied, gives the canonical text;
- false alarms: findings that hit no gold item at all (per code).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..engine import check_paths
from ..loader import RuleSet
from ..model import Finding
from .gold import GoldError, GoldItem, locate, read_gold
from .taxonomy import KINDS, meant_for, meant_label


@dataclass
class KindScore:
    kind: str
    gold: int = 0
    found: int = 0
    by_detector: int = 0
    with_canonical: int = 0
    proposals_right: int = 0
    hit_by: Counter = field(default_factory=Counter)  # code -> items hit
    missed: list[GoldItem] = field(default_factory=list)

    def add(self, other: KindScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.by_detector += other.by_detector
        self.with_canonical += other.with_canonical
        self.proposals_right += other.proposals_right
        self.hit_by.update(other.hit_by)
        self.missed.extend(other.missed)


@dataclass
class FolderScore:
    """The scores of one annotated folder."""

    files: int
    kinds: dict[str, KindScore]
    findings: list[Finding]
    false_alarms: list[Finding]
    docs: dict[str, Document]
    rule_kinds: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> KindScore:
        total = KindScore("all")
        for score in self.kinds.values():
            total.add(score)
        return total

    def findings_by_code(self) -> dict[str, tuple[str, int, int]]:
        """code -> (what it is meant for, findings, false alarms)."""
        counts: Counter = Counter(f.code for f in self.findings)
        false: Counter = Counter(f.code for f in self.false_alarms)
        return {code: (meant_label(code, self.rule_kinds), counts[code], false[code])
                for code in sorted(counts)}


def proposal_gives(doc_text: str, item: GoldItem, finding: Finding, canonical: str) -> bool:
    """Does applying the finding's fix turn the item's text into `canonical`?

    Compared over the union of the two spans, so a fix of part of the item
    ("town" -> "country" inside "small town") counts when the result agrees.
    """
    if finding.fix is None:
        return False
    for gs, ge in item.spans:
        edits = sorted(finding.fix.edits)
        lo = min([gs] + [e.start for e in edits])
        hi = max([ge] + [e.end for e in edits])
        expected = doc_text[lo:gs] + canonical + doc_text[ge:hi]
        got, pos = [], lo
        for edit in edits:
            got.append(doc_text[pos:edit.start])
            got.append(edit.replacement)
            pos = edit.end
        got.append(doc_text[pos:hi])
        if "".join(got) == expected:
            return True
    return False


def rule_kinds(rules: RuleSet) -> dict[str, str]:
    """code -> rule kind, for the loaded rules."""
    return {rule.meta.code: rule.meta.kind for rule in rules.rules}


def score_document(
    doc: Document, items: Iterable[GoldItem], findings: list[Finding],
    rule_kinds: Mapping[str, str] | None = None,
) -> tuple[dict[str, KindScore], list[Finding]]:
    rule_kinds = rule_kinds or {}
    kinds: dict[str, KindScore] = {}
    items = list(items)
    for item in items:
        score = kinds.setdefault(item.kind, KindScore(item.kind))
        hits = [f for f in findings if item.overlaps(f.start, f.end)]
        score.gold += 1
        score.found += bool(hits)
        score.by_detector += any(meant_for(f.code, item.kind, rule_kinds) for f in hits)
        score.hit_by.update({f.code for f in hits})
        if item.canonical:
            score.with_canonical += 1
            score.proposals_right += any(
                proposal_gives(doc.text, item, f, c) for f in hits for c in item.canonical
            )
        if not hits:
            score.missed.append(item)
    false = [f for f in findings if not any(i.overlaps(f.start, f.end) for i in items)]
    return kinds, false


def score_folder(folder: Path, gold_path: Path, rules: RuleSet) -> FolderScore:
    """Check the articles the gold file names, as `normalize check` would, and score them.

    The articles go through `check_paths` together, so folder-wide stages
    see the same set of files they would see on the command line.
    """
    gold = read_gold(gold_path)
    files = {str(Path(folder) / name): name for name in sorted(gold)}
    report = check_paths([Path(p) for p in files], rules)
    if report.errors:
        raise GoldError(f"{gold_path}: cannot read the articles: " + "; ".join(report.errors))
    kinds = {k: KindScore(k) for k in KINDS}
    kinds_of_codes = rule_kinds(rules)
    all_findings: list[Finding] = []
    false_alarms: list[Finding] = []
    docs = {}
    for result in report.files:
        doc = result.doc.whole()
        items = locate(gold_path, doc.path, doc.text, gold[files[doc.path]])
        findings = list(result.findings)
        per_kind, false = score_document(doc, items, findings, kinds_of_codes)
        for kind, score in per_kind.items():
            kinds[kind].add(score)
        all_findings.extend(findings)
        false_alarms.extend(false)
        docs[doc.path] = doc
    used = {k: s for k, s in kinds.items() if s.gold}
    return FolderScore(len(gold), used, all_findings, false_alarms, docs, kinds_of_codes)
