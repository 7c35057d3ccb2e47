"""False alarms on clean, edited news: findings per 10,000 words.

Every finding on a clean corpus (the BBC News dataset) is either a false
alarm to remove or a real error to keep; the rate is what an editor pays in
noise. Words are runs of letters (`normalize.text.WORD_RE`), so numbers and
punctuation do not pad the count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..engine import check_paths
from ..loader import RuleSet
from ..model import Finding
from ..text import WORD_RE

TARGET_PER_10K = 1.0


@dataclass
class RateResult:
    root: str
    files: int
    words: int
    hits: list[tuple[Document, Finding]]
    errors: list[str]
    target: float = TARGET_PER_10K

    @property
    def total(self) -> int:
        return len(self.hits)

    def per_10k(self, n: int) -> float:
        return 10_000 * n / self.words if self.words else 0.0

    @property
    def met(self) -> bool:
        return self.per_10k(self.total) <= self.target

    def by_code(self) -> list[tuple[str, int]]:
        counts = Counter(f.code for _, f in self.hits)
        return sorted(counts.items(), key=lambda x: (-x[1], x[0]))

    def examples(self, per_code: int) -> dict[str, list[tuple[Document, Finding]]]:
        """A few findings per code, spread over the corpus (deterministic)."""
        out: dict[str, list[tuple[Document, Finding]]] = {}
        for code, _ in self.by_code():
            mine = [h for h in self.hits if h[1].code == code]
            step = max(1, len(mine) // per_code)
            out[code] = mine[::step][:per_code]
        return out


def _words(doc: Document) -> int:
    """Words in a checked file (a clean file's report entry holds only its path)."""
    return sum(1 for _ in WORD_RE.finditer(doc.whole().text))


def bbc_rate(root: Path, rules: RuleSet) -> RateResult:
    """Check every article below `root` as `normalize check` would; count findings and words."""
    report = check_paths([Path(root)], rules)
    words = sum(_words(r.doc) for r in report.files)
    hits = [(r.doc, f) for r in report.files for f in r.findings]
    return RateResult(str(root), len(report.files), words, hits, list(report.errors))
