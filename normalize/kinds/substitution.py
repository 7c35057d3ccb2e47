"""substitution: a word, phrase or pattern with the form that should replace it.

Rule-file syntax (besides the common keys):

    kind = "substitution"
    swap = { "precipitated" = "crashed" }   # found -> proposal; several
                                            # proposals as an array
    regex = false          # keys of `swap` are regular expressions
                           # (then proposals may use \\1 or \\g<name>)
    ignore_case = true     # match regardless of case; the proposal takes
                           # the case of the text found
    before = '...'         # regex the text just before the match must match
                           # (anchored at the match: write it to end with $)
    after = '...'          # regex the text just after must match (anchored
                           # at the match start: write it to start with ^)
    not_before = '...'     # ...and must not match
    not_after = '...'
    document = '...'       # regex that must match somewhere in the document
                           # (topic evidence: drones, airspace, military)
    context = 200          # how many characters `before`/`after` look at

The message may quote `{cue}`: what the group `(?P<cue>...)` of `before` or
`after` matched (the word that makes the match a calque: "'like' after
'classified'"), so that it names the word in the text, not one of a list.

How it matches: each key of `swap` is matched between Unicode word
boundaries (so "Šakalienė" is one word and "@handles" never match).

Fix safety: the rule's `applicability`; a swap with several proposals is
always display-only (a person must choose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..model import Applicability, Finding
from ..needles import Gate, Gates, finditer
from ..rulecache import ANALYSIS
from ..text import LEFT_BOUNDARY, RIGHT_BOUNDARY, match_case
from .base import FieldSpec, Rule


class SubstitutionRule(Rule):
    KIND = "substitution"
    PLACEHOLDERS = ("cue",)
    FIELDS = {
        "swap": FieldSpec("table[str]", required=True, doc="found -> proposal"),
        "regex": FieldSpec("bool", default=False),
        "ignore_case": FieldSpec("bool", default=True),
        "before": FieldSpec("str", default=""),
        "after": FieldSpec("str", default=""),
        "not_before": FieldSpec("str", default=""),
        "not_after": FieldSpec("str", default=""),
        "document": FieldSpec("str", default=""),
        "context": FieldSpec("int", default=200, minimum=0),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        flags = re.IGNORECASE if options["ignore_case"] else 0
        swap: dict[str, str | list[str]] = options["swap"]
        if not swap:
            raise self.error("swap", "'swap' is empty: give at least one entry")
        self.entries: list[tuple[re.Pattern[str], list[str]]] = []
        gates = []  # text each entry's matches need (normalize.literals)
        self.heads: list[tuple[str, ...] | None] = []  # text each entry's matches begin with
        for found, proposal in swap.items():
            if not found:
                raise self.error("swap", "'swap' has an empty key: it would match at every "
                                         "word boundary; give the text to find")
            body = found if options["regex"] else re.escape(found).replace(r"\ ", r"\s+")
            source = f"{LEFT_BOUNDARY}(?:{body}){RIGHT_BOUNDARY}"
            pattern = self.compile("swap", source, flags, written=found)
            if options["regex"] and ANALYSIS.widths(source, flags)[0] == 0:
                raise self.error("swap", f"entry {found!r} can match empty text: it would "
                                         "match at word boundaries; make it need a character")
            proposals = [proposal] if isinstance(proposal, str) else list(proposal)
            if not proposals:
                raise self.error("swap", f"entry {found!r} has no proposal")
            if options["regex"]:
                for one in proposals:
                    problem = _template_problem(source, flags, one)
                    if problem:
                        raise self.error("swap", f"entry {found!r}: bad proposal {one!r} "
                                                 f"({problem})")
            self.entries.append((pattern, proposals))
            gates.append(Gate(ANALYSIS.requirements(source, flags)))
            self.heads.append(ANALYSIS.starts(source, flags))
        self.gates = Gates(gates)
        self.needles = self.gates.first
        self.conditions = {
            key: self.compile(key, options[key], flags | (re.MULTILINE if key == "document" else 0))
            for key in ("before", "after", "not_before", "not_after", "document")
            if options[key]
        }
        self.context = options["context"]
        # the condition whose (?P<cue>...) group the message quotes (read from
        # the source: the patterns compile when first used)
        self.cue = next((key for key in ("before", "after") if "(?P<cue>" in options[key]),
                        None)
        if self.cue is None and "{cue}" in meta.message:
            raise self.error("message", "the message quotes {cue} but neither 'before' nor "
                                        "'after' has a group (?P<cue>...)")
        self.document_heads = (ANALYSIS.starts(options["document"], flags | re.MULTILINE)
                               if options["document"] else None)
        # text the document must hold for `document`, and each side of a match for
        # `before` and `after` (looked for in those sides alone: a few hundred
        # characters, not the document, for each of the few matches)
        self.needs = Gate(ANALYSIS.requirements(options["document"], flags | re.MULTILINE)
                          if options["document"] else (), shared=False)
        self.sides = [(key == "before", Gate(ANALYSIS.requirements(
            options[key], flags, whole_text=False), shared=False))
            for key in ("before", "after") if options[key]]

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        live = self.gates.open(text)
        if not live or not self.needs.open(text):
            return
        gate = self.conditions.get("document")
        if gate and next(finditer(gate, text, self.document_heads), None) is None:
            return
        if len(live) == 1:  # one entry's matches: in order, none inside another
            n = live[0]
            matches = [(m.start(), 0, n, m)
                       for m in finditer(self.entries[n][0], text, self.heads[n])]
        else:
            matches = sorted(
                ((m.start(), -m.end(), n, m) for n in live
                 for m in finditer(self.entries[n][0], text, self.heads[n])),
                key=lambda item: item[:3],
            )
        taken_until = -1
        for start, _, n, m in matches:
            if start < taken_until:
                continue  # overlaps a longer entry's match ("small town" vs "town")
            cue = self._context(text, start, m.end())
            if cue is None:
                continue
            taken_until = m.end()
            proposals = self.entries[n][1]
            candidates = [match_case(m.group(), m.expand(p) if self.options["regex"] else p)
                          for p in proposals]
            applicability = None if len(candidates) == 1 else Applicability.DISPLAY_ONLY
            yield self.finding(
                doc, start, m.end(), candidates[0],
                applicability=applicability,
                data=[("candidates", " | ".join(candidates))] if len(candidates) > 1 else [],
                cue=cue,
            )

    def _context(self, text: str, start: int, end: int) -> str | None:
        """None when the match's context fails a condition; else what the
        message's {cue} quotes ('' when the rule has none)."""
        for before, gate in self.sides:
            if not (gate.open_in(text, start - self.context, start) if before
                    else gate.open_in(text, end, end + self.context)):
                return None  # a condition's words are not on its side
        left = text[max(0, start - self.context) : start]
        right = text[end : end + self.context]
        cue = ""
        for key, side, want in (
            ("before", left, True), ("after", right, True),
            ("not_before", left, False), ("not_after", right, False),
        ):
            cond = self.conditions.get(key)
            if cond is None:
                continue
            found = cond.search(side)
            if bool(found) != want:
                return None
            if found and key == self.cue:
                cue = found.group("cue") or ""
        return cue


def _template_problem(source: str, flags: int, proposal: str) -> str | None:
    """Why `proposal` cannot be a replacement for `source`'s matches (a group it
    names that the pattern lacks: \\9, \\g<name>), or None. Checked when the rule
    loads, not on the first match; kept with the folder's analyses."""
    if "\\" not in proposal:  # no group references: used as it is
        return None

    def work() -> str | None:
        try:
            # the template is parsed before any match is looked for
            re.compile(source, flags).sub(proposal, "")
        except (re.error, IndexError) as exc:
            return str(exc)
        return None

    return ANALYSIS.answer(("template", source, int(flags), proposal), work)
