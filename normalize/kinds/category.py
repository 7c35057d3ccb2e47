"""category: a country called a town, a city called a country.

Italian 'paese' is both 'village' and 'country'; Spanish and Portuguese
'país', French 'pays' are 'country'; machine translation mixes them up:
"Lithuania, a small town of less than 3 million inhabitants". Which names
are countries and which are cities comes from pycountry and GeoNames (see
normalize/gazetteer.py), not from a hand list.

Rule-file syntax (besides the common keys):

    kind = "category"
    settlements = ["town", "village", "city"]   # nouns for a settlement
    country = "country"                         # the noun for a state
    populous = ["town", "village"]   # settlements that cannot have
    min_population = 1_000_000       # this many inhabitants: "a town of
                                     # 3 million" is a country, whatever
                                     # its name ("a city of 3 million" is not)

How it matches:
- "<country>, a [one or two words] <settlement>" and "<country> is a ...
  <settlement>": the settlement noun becomes `country`, unless the country's
  capital bears its name ("Luxembourg, a city of 130,000", "Singapore, a
  city of six million": the city may be meant; GeoNames' capitals);
- "a [small] <populous> of [about|less than ...] N million" and "the
  [small] <populous> of <country>": the same;
- "<city>, a [small] country", "<city> is a country" and "the country of
  <city>": `country` becomes "city" (or "town" for a place under 100,000).
The span is the noun with the words between the article and it ("small
town" -> "small country").

Fix safety: the rule's `applicability` (unsafe: a person confirms).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import gazetteer, needles
from ..document import Document
from ..model import Finding
from ..needles import Gate, Needle
from ..text import find_all, match_case
from .base import FieldSpec, Rule
from .regions import Regions, minimal

# A capitalised name of up to four words ("Bosnia and Herzegovina").
_NAME = r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|and|the)\s+)?[A-Z][\w'’-]*){0,3})"
_MODS = r"(?P<mods>(?:[a-z][\w-]*\s+){0,2}?)"
# What the patterns consume: names, commas and blanks; and, for a population,
# numbers with stops ("3.5 million"). A match lies between characters outside.
_NAMED = Regions(r"\w\s'’,\-")
_COUNTED = Regions(r"\w\s.,\-")
_MULTIPLIER = {"million": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}


class CategoryRule(Rule):
    KIND = "category"
    PLACEHOLDERS = ("why",)
    FIELDS = {
        "settlements": FieldSpec("list[str]", required=True),
        "country": FieldSpec("str", default="country"),
        "populous": FieldSpec("list[str]", default=[]),
        "min_population": FieldSpec("int", default=1_000_000, minimum=0),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if not options["settlements"]:
            raise self.error("settlements", "'settlements' is empty")
        nouns = "|".join(re.escape(s) for s in options["settlements"])
        country = re.escape(options["country"])
        self.as_settlement = self.compile("settlements", (
            rf"{_NAME}(?:,\s+|\s+(?:is|was|remains)\s+)(?:a|an|the)\s+{_MODS}"
            rf"(?P<noun>{nouns})(?![\w-]|['’]s\b)"))
        self.as_country = self.compile("country", (
            rf"{_NAME}(?:,\s+|\s+(?:is|was|remains)\s+)(?:a|an|the)\s+{_MODS}"
            rf"(?P<noun>{country})(?![\w-]|['’]s\b)"))
        self.country_of = self.compile("country", (
            rf"\b[Tt]he\s+(?P<mods>)(?P<noun>{country})\s+of\s+{_NAME}"))
        # the literal nouns each pattern needs: a document without them is skipped
        # ("town" stands for "township": each occurrence of one holds the other)
        self.nouns = {"settlements": minimal(options["settlements"]),
                      "country": [options["country"]],
                      "populous": minimal(options["populous"])}
        self.whole = any(not _NAMED.admits(w) or not _COUNTED.admits(w) or not w
                         for words in self.nouns.values() for w in words)
        # every noun follows a blank in every match: the nouns (ASCII: then each
        # is in the lower-cased text where it is in the text) join the one pass over
        # each document (normalize.needles), which says which are there at all
        words = {*options["settlements"], options["country"], *options["populous"]}
        self.needle_of = {w: " ".join(w.lower().split()) for w in words}
        self.needles = None if self.whole or not all(w.isascii() for w in words) else Gate(
            [frozenset(Needle(n, True) for n in self.needle_of.values())]).necessary
        # each noun looked for -> the nouns that hold it
        self.holders = {n: [w for w in words if n in w]
                        for nouns in self.nouns.values() for n in nouns}
        populous = "|".join(re.escape(s) for s in options["populous"])
        self.settlement_of = self.compile("populous", (
            rf"\b[Tt]he\s+{_MODS}(?P<noun>{populous})\s+of\s+{_NAME}")) if populous else None
        self.populous = self.compile("populous", (
            rf"\b(?:a|an|the)\s+{_MODS}(?P<noun>{populous})\s+of\s+"
            r"(?:(?:about|around|almost|nearly|less|fewer|more|than|over|under|some|just|only"
            r"|roughly|barely|approximately)\s+)*(?P<number>\d[\d.,]*)\s*(?P<mult>million|"
            r"billion|bn|m)?\b")) if populous else None

    def check(self, doc: Document) -> Iterator[Finding]:
        text, country = doc.text, self.options["country"]
        seen: set[int] = set()
        # noun -> where it stands in `text`: nowhere when none of the nouns that
        # hold it is there
        found: dict[str, list[int]] = {}
        got = needles.found(text)
        if self.needles is not None and not got.open:
            if self.needles.isdisjoint(got.needles):
                return  # none of the nouns: most documents
            found = {noun: [] for noun, holders in self.holders.items()
                     if all(self.needle_of[w] not in got.needles for w in holders)}
        for m in self._scan(self.as_settlement, "settlements", text, found):
            name = _known(m.group("name"), gazetteer.is_country)
            if name and not _in_address(text, m.start("name")) and not _city_too(name):
                seen.add(m.start("noun"))
                yield self._swap(doc, m, country, f"'{name}' is a country")
        if self.settlement_of is not None:
            for m in self._scan(self.settlement_of, "populous", text, found):
                name = _known(m.group("name"), gazetteer.is_country, suffix=False)
                if name and m.start("noun") not in seen and not _city_too(name):
                    seen.add(m.start("noun"))
                    yield self._swap(doc, m, country, f"'{name}' is a country")
        if self.populous is not None:
            for m in self._scan(self.populous, "populous", text, found, _COUNTED):
                people = _population(m.group("number"), m.group("mult"))
                if m.start("noun") not in seen and people >= self.options["min_population"]:
                    yield self._swap(doc, m, country, f"a place of {m.group('number')} "
                                     f"{m.group('mult') or ''}".rstrip() + " people is a country")
        for pattern in (self.as_country, self.country_of):
            for m in self._scan(pattern, "country", text, found):
                name = _known(m.group("name"), gazetteer.is_city,
                              suffix=pattern is self.as_country)
                if name:
                    size = gazetteer.cities().get(name, 0)
                    noun = "city" if size >= gazetteer.CITY_MIN_POPULATION else "town"
                    yield self._swap(doc, m, noun, f"'{name}' is a {noun}, not a country")

    def _scan(self, pattern: re.Pattern[str], key: str, text: str, found: dict[str, list[int]],
              regions: Regions = _NAMED) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text)`, found only around the
        nouns it needs (see normalize/kinds/regions.py). Several patterns need
        the same nouns: each is looked for once per document."""
        if self.whole:
            return pattern.finditer(text)
        for noun in self.nouns[key]:
            if noun not in found:  # each noun looked for once per document
                found[noun] = find_all(text, (noun,))
        at = sorted(p for noun in self.nouns[key] for p in found[noun])
        return regions.finditer(pattern, text, at) if at else iter(())

    def _swap(self, doc: Document, m: re.Match[str], noun: str, why: str) -> Finding:
        start = m.start("mods") if m.group("mods") else m.start("noun")
        end = m.end("noun")
        replacement = m.group("mods") + match_case(m.group("noun"), noun)
        return self.finding(doc, start, end, replacement, why=why,
                            data=[("evidence", why)])


def _known(run: str, test: Any, suffix: bool = True) -> str | None:
    """The longest end (or start) of a capitalised run that passes `test`."""
    words = run.split()
    spans = ([words[i:] for i in range(len(words))] if suffix
             else [words[:i] for i in range(len(words), 0, -1)])
    for part in spans:
        if part and part[0][:1].isupper():
            name = " ".join(part)
            if test(name):
                return name
    return None


def _city_too(country: str) -> bool:
    """'Luxembourg', 'Singapore', 'Kuwait': a country whose capital bears its
    name, so that 'a city' after the name is right when the city is meant."""
    return gazetteer.has_namesake_capital(country)


def _in_address(text: str, at: int) -> bool:
    """'Columbus, Georgia, a city of ...': a state after a city, not a country."""
    return bool(re.search(r"[A-Z][\w'’-]*,\s*$", text[max(0, at - 40):at]))


def _population(number: str, mult: str | None) -> float:
    digits = number.replace(",", "") if mult is None else number.replace(",", ".")
    try:
        value = float(digits.rstrip("."))
    except ValueError:
        return 0
    return value * _MULTIPLIER.get((mult or "").lower(), 1)
