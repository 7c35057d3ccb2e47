"""genitive: "the drone of Moscow", "the Ministry of Foreign Affairs of Vilnius".

Romance and Slavic languages build possessives with "of" ('il drone di
Mosca', 'il Ministero degli Esteri di Vilnius') and use the capital for the
state; machine translation keeps both. English says "a Russian drone",
"Lithuania's Foreign Ministry". The kind flags a listed head noun (a state
institution, a weapon) followed by "of" and a capital city, and suggests the
possessive of the country (capitals from GeoNames).

Rule-file syntax (besides the common keys):

    kind = "genitive"
    heads = ["ministry", "government", "army", "drone", "missile", ...]

How it matches: "[the] <head> [of <Capitalised words>] of <capital>", the head
matched case-insensitively, singular or plural ("drones of Moscow").
"<capital>" must be a country's capital in GeoNames; a "the" just before
the head is part of the span (the possessive replaces it). "the mayor of Moscow"
and "the streets of Moscow" are English: only the listed heads count.

Fix safety: display-only whatever the rule file says: the wording ("a
Russian drone", "Russia's drone", "a drone from Moscow") is a person's call.
The proposals are "<Country>'s <head>" and "<Capital>'s <head>".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .. import gazetteer
from ..document import Document
from ..model import Applicability, Finding
from ..needles import Gate, Needle
from .base import FieldSpec, Rule
from .regions import Regions

_CAPITALISED = r"[A-Z][\w'’-]*"
# what the pattern consumes (with the heads' own characters): a match lies
# between characters outside these
_ALLOWED = r"\w\s'’\-"



@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """'of' before the first word of a capital: a finding needs one (the
    place is a capital, or its first word is)."""
    firsts = sorted({c.split()[0] for c in gazetteer.capitals()}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in firsts)
    return re.compile(rf"of(?=\s+(?:{alternation}))")


class GenitiveRule(Rule):
    KIND = "genitive"
    PLACEHOLDERS = ("country", "capital")
    FIELDS = {"heads": FieldSpec("list[str]", required=True)}

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if not options["heads"]:
            raise self.error("heads", "'heads' is empty")
        heads = "|".join(re.escape(h) + "s?" for h in sorted(options["heads"], key=len,
                                                             reverse=True))
        self.pattern = self.compile("heads", (
            rf"(?<![\w-])(?P<the>[Tt]he\s+)?(?P<head>(?i:{heads})"
            rf"(?:\s+of\s+{_CAPITALISED}(?:\s+(?:and\s+)?{_CAPITALISED})*)?)"
            rf"\s+of\s+(?P<place>{_CAPITALISED}(?:\s+{_CAPITALISED})?)(?![\w-])"))
        extra = "".join(sorted({re.escape(c) for h in options["heads"] for c in h}))
        self.regions = Regions(_ALLOWED + extra)
        # in every match a head (or its plural) follows a blank or no word, and
        # "of" follows it: these (ASCII: a case-blind match of one is in the
        # lower-cased text, unless the text holds an odd letter) join the one pass
        # over each document (normalize.needles), which says whether one is there
        self.gate = Gate([frozenset(Needle(" ".join(f"{h}{s} of".lower().split()), True)
                                    for h in options["heads"] for s in ("", "s"))]
                         ) if all(h.isascii() for h in options["heads"]) else None
        self.needles = self.gate.necessary if self.gate else None

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.gate is not None and not self.gate.open(doc.text):
            return  # no head: most documents
        at = [m.start() for m in _trigger().finditer(doc.text)]
        for m in self.regions.finditer(self.pattern, doc.text, at):
            place, head = m.group("place"), m.group("head")
            country = gazetteer.country_of_capital(place)
            if country is None and " " in place:
                place = place.split()[0]
                country = gazetteer.country_of_capital(place)
            if country is None:
                continue
            end = m.start("place") + len(place)
            head = re.sub(r"\s+", " ", head)
            candidates = [f"{country}'s {head}", f"{place}'s {head}"]
            yield self.finding(
                doc, m.start(), end, candidates[0],
                applicability=Applicability.DISPLAY_ONLY,
                country=country, capital=place,
                data=[("candidates", " | ".join(candidates))],
            )
