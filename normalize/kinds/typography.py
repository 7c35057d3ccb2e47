"""typography: typographic and Unicode damage, one named check per rule file.

Rule-file syntax (besides the common keys):

    kind = "typography"
    check = "mojibake"        # which check runs (below)
    map = { "а" = "a", ... }  # mixed-script only: look-alike letter -> Latin
    allowed = ["μg", ...]     # mixed-script only: words that rightly mix
                              # scripts (a Greek mu before a Latin unit)
    prefixes = ["anti", ...]  # space-in-hyphenation only: prefixes that
                              # take a hyphen
    message_no_proposal = "..."  # the message of a finding the check has no
                              # proposal for (mixed-script: a word with no
                              # spelling in one script); default: `message`

Checks (normalize.typography; each module's docstring says why):

    decomposed                combining marks that compose (NFD) -> NFC
    invisible                 zero-width and bidi controls in Latin text
    mixed-script              a Cyrillic or Greek look-alike inside a Latin word
    space-before-punctuation  "drone , which" -> "drone, which"
    space-in-hyphenation      "anti -drone" -> "anti-drone"
    space-before-quote        'said“We' -> 'said “We'
    space-after-sentence      "added.The" -> "added. The"
    doubled-punctuation       ", ," -> ","
    unbalanced-quotes         a closing quote with no opening one (flag only)
    doubled-quotes            '""word""' -> '"word"' (a CSV export's escaping)
    mojibake                  "cafÃ©" -> "café" (UTF-8 read as Windows-1252)

The message may quote {text}, {replacement} and what the check reports:
{name} (invisible characters), {scripts} and {script} (mixed-script),
{mark} (punctuation), {found} and {proposal} (the whole word, where
the finding covers only part of it).

Fix safety: each check decides per finding. A proposal the check calls safe
uses the rule's `applicability` (normally "safe"); one it calls ambiguous is
"unsafe", and a finding with no proposal is a flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document
from ..model import Applicability, Finding
from ..typography import CHECKS
from ..typography.screen import NEEDS, screen
from .base import FieldSpec, Rule, placeholder_problem


class TypographyRule(Rule):
    KIND = "typography"
    PLACEHOLDERS = ("found", "mark", "name", "proposal", "script", "scripts")
    FIELDS = {
        "check": FieldSpec("str", required=True, choices=tuple(sorted(CHECKS))),
        "map": FieldSpec("table[str]", default={}),
        "allowed": FieldSpec("list[str]", default=[]),
        "prefixes": FieldSpec("list[str]", default=[]),
        "message_no_proposal": FieldSpec("str", default=""),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if options["check"] == "mixed-script" and not options["map"]:
            raise self.error("map", "check 'mixed-script' needs a 'map' of look-alikes")
        for key, value in options["map"].items():
            if not isinstance(value, str) or len(key) != 1 or len(value) != 1:
                raise self.error("map", f"'map' entry {key!r}: want one letter -> one letter")
        problem = placeholder_problem(options["message_no_proposal"], self.PLACEHOLDERS)
        if problem:
            raise self.error("message_no_proposal", f"key 'message_no_proposal' {problem}")
        # a message that proposes nothing where there is no proposal (not "write ''")
        self.no_proposal = options["message_no_proposal"] or None
        if options["check"] == "space-in-hyphenation" and not options["prefixes"]:
            raise self.error("prefixes", "check 'space-in-hyphenation' needs 'prefixes'")
        self.run = CHECKS[options["check"]]
        # what a document must hold for the check to find anything (typography.screen)
        self.needs = NEEDS[options["check"]](options)

    def check(self, doc: Document) -> Iterable[Finding]:
        if not screen(doc.text) & self.needs:
            return ()  # the check's first test fails: most rules on most documents
        return self._findings(doc)

    def _findings(self, doc: Document) -> Iterator[Finding]:
        for hit in self.run(doc.text, self.options):
            applicability = (self.meta.applicability if hit.safe
                             else Applicability.UNSAFE)
            yield self.finding(doc, hit.start, hit.end, hit.replacement,
                               applicability=applicability,
                               message=self.no_proposal if hit.replacement is None else None,
                               **hit.values)  # type: ignore[arg-type]  # never `message` or `data`
