"""near-miss: a real word standing where a listed term belongs ("Shaded drones").

Machine translation and spell-checkers "correct" a foreign name into an
English word that looks like it: "Shahed drones" becomes "Shaded drones",
"Kinzhal missiles" "Kinshal missiles". The word is English, so a dictionary
check cannot see it; its place can: a capitalised word right before a head
noun ("drones", "missiles") that is one or two letters away from a listed
term of that kind.

Rule-file syntax (besides the common keys):

    kind = "near-miss"
    terms = ["Shahed", "Gerbera", "Iskander", ...]   # the right forms
    heads = ["drone", "drones", "missile", ...]       # nouns they come before
    max_distance = 2          # edits (Levenshtein) from a term
    min_length = 5            # shorter terms are only matched exactly
    common_margin = 3.0       # a word this much more frequent (zipf) than the
                              # term is an ordinary word, not a mangled name

How it matches: a capitalised word followed by a head noun, not itself a
word of a listed term, not an ordinary English word that opens a sentence,
with the same first letter as a term and at most `max_distance` edits from
it (and at most a third of its letters). Two kinds of word are right where
they stand whatever their distance: a nationality adjective of a country in
the gazetteer ("German tanks", not "Geran"), and a word far more common in
English than the term (`common_margin`: "Shaded" is close enough in
frequency to "Shahed" to be its mangled form, "German" is not to "Geran").
When the term itself appears elsewhere in the document as a word, the
message says so (stronger evidence).

Fix safety: the rule's `applicability` (unsafe: a person confirms); a word
near several terms gets no proposal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rapidfuzz.distance import Levenshtein

from .. import needles
from ..document import Document
from ..langid import zipf  # wordfreq loads lazily: `import normalize` stays quick
from ..mentions import is_demonym
from ..model import Finding
from ..needles import Gate, Needle
from ..text import find_all, same_length_lower
from .base import FieldSpec, Rule
from .regions import Regions, minimal

# what a match and its lookahead read: a word, blanks and hyphens, a head noun
_ALLOWED = r"\w\s’'\-"


class NearMissRule(Rule):
    KIND = "near-miss"
    PLACEHOLDERS = ("why",)
    FIELDS = {
        "terms": FieldSpec("list[str]", required=True),
        "heads": FieldSpec("list[str]", required=True),
        "max_distance": FieldSpec("int", default=2, minimum=0),
        "min_length": FieldSpec("int", default=5, minimum=0),
        "common_margin": FieldSpec("float", default=3.0, minimum=0),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if not options["terms"] or not options["heads"]:
            raise self.error("terms", "'terms' and 'heads' must not be empty")
        self.terms = [t for t in options["terms"]
                      if len(t) >= options["min_length"] and " " not in t]
        # every word of a listed term is right where it stands ("Storm Shadow")
        self.exact = {w.lower() for t in options["terms"] for w in t.split()}
        heads = "|".join(re.escape(h) for h in sorted(options["heads"], key=len, reverse=True))
        self.pattern = self.compile("heads", (
            r"(?<![\w-])(?P<word>[A-Z][\w’']*)"
            rf"(?=[\s-]+(?i:{heads})(?![\w-]))"))
        # a match needs a head noun: found in the lower-cased text, each
        # occurrence of a head holding one of these ("drone" for "drones")
        extra = "".join(sorted({re.escape(c) for h in options["heads"] for c in h}))
        self.regions = Regions(_ALLOWED + extra)
        self.triggers = minimal(h.lower() for h in options["heads"])
        self.whole = not all(h.isascii() and h.isalpha() for h in self.triggers)
        # a head follows a blank or a hyphen in every match: the heads (ASCII: a
        # case-blind match of one is in the lower-cased text, unless the text holds
        # an odd letter) join the one pass over each document (normalize.needles),
        # which says which are there
        self.needle_of = {h: " ".join(h.lower().split()) for h in options["heads"]}
        self.needles = Gate([frozenset(Needle(n, True) for n in self.needle_of.values())]
                            ).necessary if all(n.isascii() and n for n in self.needle_of.values()
                                               ) else None
        # each trigger -> the heads that hold it
        self.holders = {t: {n for h, n in self.needle_of.items() if t in h.lower()}
                        for t in self.triggers}

    def check(self, doc: Document) -> Iterator[Finding]:
        got = needles.found(doc.text)
        triggers = self.triggers
        if not got.open and self.needles is not None:
            if self.needles.isdisjoint(got.needles):
                return  # no head: most documents
            triggers = [t for t in triggers if not self.holders[t].isdisjoint(got.needles)]
        low = None if self.whole else _lowered(doc.text)
        if low is None:
            matches = self.pattern.finditer(doc.text)
        else:
            at = find_all(low, triggers)
            if not at:
                return
            matches = self.regions.finditer(self.pattern, doc.text, at)
        lowered_text = doc.text.lower() if low is None else low
        for m in matches:
            word, start = m.group("word"), m.start("word")
            if word.lower() in self.exact:
                continue
            if _opens_sentence(doc.text, start) and zipf(word.lower(), "en") >= 3.0:
                continue  # "Patrol drones ...": an ordinary word, capitalised by position
            close = self._close(word)
            if len(close) != 1:
                continue
            term = close[0]
            if self._ordinary(word, term):
                continue
            elsewhere = re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", lowered_text)
            why = (f"'{term}' appears elsewhere in the article" if elsewhere
                   else f"it is one or two letters from '{term}'")
            yield self.finding(doc, start, start + len(word), term, why=why)

    def _ordinary(self, word: str, term: str) -> bool:
        """A word right where it stands: a country's adjective ('German'), or a
        word far more common in English than the name it is near."""
        if is_demonym(word):
            return True
        return zipf(word.lower(), "en") - zipf(term.lower(), "en") >= self.options["common_margin"]

    def _close(self, word: str) -> list[str]:
        out = []
        for term in self.terms:
            if word[:1] != term[:1] or word == term:
                continue
            limit = min(self.options["max_distance"], len(term) // 3)
            if Levenshtein.distance(word, term, score_cutoff=limit) <= limit:
                out.append(term)
        return out


_lowered = same_length_lower


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t“\"‘'(")
    return not before or before[-1] in ".!?:\n\r"
