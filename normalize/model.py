"""The values that flow through normalize: spans, edits, fixes and findings.

Everything here is a frozen dataclass or an enum. Detection produces
`Finding` values; the fixer turns their `Fix` edits into new text; reports
render them. Nothing in this module reads, writes or prints.

Offsets are character (code point) offsets into a document's decoded text,
end exclusive. Line and column numbers are computed only when rendering.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate


class Applicability(enum.Enum):
    """How far a fix may be trusted (ruff's model).

    SAFE: `normalize fix` writes it. UNSAFE: written only with
    `--unsafe-fixes` (fuzzy or judgement-based). DISPLAY_ONLY: shown as a
    proposal, never written (several candidates, or a hint).
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        return {"safe": 0, "unsafe": 1, "display-only": 2}[self.value]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "suggestion": 2}[self.value]


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with `replacement`."""

    start: int
    end: int
    replacement: str

    def overlaps(self, other: Edit) -> bool:
        """True when the two edits touch the same text (or insert at one point)."""
        if self.start == other.start:
            return True
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Fix:
    """A proposal: edits plus how far they may be trusted."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @classmethod
    def replace(cls, start: int, end: int, text: str, applicability: Applicability) -> Fix:
        return cls((Edit(start, end, text),), applicability, f"Replace with '{text}'")


@dataclass(frozen=True)
class Finding:
    """One problem found in one document.

    `text` is exactly document.text[start:end]. `replacement`, when there is
    a proposal, is what goes in place of exactly that span.
    """

    path: str
    start: int
    end: int
    code: str
    rule: str
    severity: Severity
    message: str
    text: str
    fix: Fix | None = None
    # Extra, kind-specific facts for reports (evidence, candidates ...).
    data: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def replacement(self) -> str | None:
        if self.fix is None:
            return None
        if len(self.fix.edits) == 1 and (self.fix.edits[0].start, self.fix.edits[0].end) == (
            self.start,
            self.end,
        ):
            return self.fix.edits[0].replacement
        return None

    @property
    def applicability(self) -> Applicability | None:
        return self.fix.applicability if self.fix else None

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.code, self.message)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def reach_index(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts of `spans` (start, end) in order and, at each, the furthest end of
    the spans up to it: whether some span overlaps a range, or holds it, is then one
    bisect (`starts`) and one look (`reach`), not a walk over every span."""
    ordered = sorted(spans)
    return [start for start, _ in ordered], list(accumulate((end for _, end in ordered), max))
