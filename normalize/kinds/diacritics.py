"""diacritics: unlisted names that lost their diacritics ("Jurgen" -> "Jürgen").

The names kind restores the names its lists hold; this kind finds the others,
from what the languages themselves write. wordfreq's list of a language holds
its names and place names with their marks ("jürgen", "wrocław", "šiauliai",
"bērziņš"); a capitalised ASCII word whose folded form is such a word, which
that language rarely writes plain and English does not use as a word, is
probably that name with its marks lost (normalize.restorable says which
pairs count).

Rule-file syntax (besides the common keys):

    kind = "diacritics"
    languages = { lt = "ąčęėįšųūž", pl = "ąćęłńóśźż", ... }
                             # wordfreq language -> the letters that show an
                             # article may be about that language's names
    language_names = { lt = "Lithuanian", ... }   # for messages
    min_evidence = 2         # distinct capitalised words with marks the
                             # article must hold; 0: none (for a rule with
                             # `requires_evidence`: an article that lost its
                             # marks, among other translation artefacts), and
                             # with none shown every listed language is consulted

How it matches. English house styles drop diacritics on purpose ("Arsene
Wenger"), so the kind looks only at articles that keep them: at least
`min_evidence` distinct capitalised words written with marks. The languages
consulted are those whose letters (`languages`) those words hold. Then each
capitalised ASCII word of four letters or more (each part of a hyphenated
one; not one in capitals) is looked up in those languages' pairs. Left alone:
a word whose marked form the article itself writes (the folder names stage
reports such a pair, with its evidence), a word a names rule lists (its first
words and surnames: that rule reports it; names rules come first in the rule
order, rules/names/ being read in sorted order), and a Lithuanian surname
whose ending alone betrays the loss (the folder stage's ending hint).

With `min_evidence = 0` (a rule that also sets `requires_evidence`, so it
runs only in articles with other translation artefacts) an article that
shows no marks at all is read too, against every listed language; there a
word after 'the' ('the Odeon') or beside a capitalised word common in
English other than a title ('Cherie Blair', 'Mark Oaten') is left alone.

Speed: a text that is ASCII, or whose capitalised words are, costs one test;
a language's pairs are read from the cache only when an article asks for it.

The message may use {languages} (the languages that write the proposal so)
and {evidence} (a few of the article's words with marks).

Fix safety: unsafe at most (the proposal is a judgement: the word may be
another language's name, or an English spelling); display-only when the
languages disagree on the marks ("Bjorn": "Björn", "Bjørn"), and for a
place whose plain spelling is also English usage ("Wroclaw", "Malmo":
GeoNames knows the place, and English text writes it plain often, wordfreq
Zipf >= 2, the threshold of the gazetteers and of the folder names stage,
which leave such spellings alone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from .. import restorable
from ..capitals import ascii_words, capitalised_texts, starts_of
from ..document import Document
from ..gazetteer import towns
from ..langid import zipf
from ..model import Applicability, Finding
from ..morphology import ending_hint
from ..text import fold, match_case
from . import names
from .base import FieldSpec, Rule

EVIDENCE_SHOWN = 3
ENGLISH_PLACE_ZIPF = 2.0  # a place's plain spelling this common in English is English usage


class DiacriticsRule(Rule):
    KIND = "diacritics"
    PLACEHOLDERS = ("languages", "evidence")
    FIELDS = {
        "languages": FieldSpec("table[str]", required=True),
        "language_names": FieldSpec("table[str]", default={}),
        "min_evidence": FieldSpec("int", default=2, minimum=0),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        self.letters: dict[str, str] = {}  # a letter -> the languages it shows, in order
        for lang, letters in options["languages"].items():
            if not isinstance(letters, str) or not letters or letters.isascii():
                raise self.error("languages", f"'languages.{lang}' must be a string of "
                                              "letters with diacritics")
            for c in unicodedata.normalize("NFC", letters.lower()):
                if not c.isascii():
                    self.letters.setdefault(c, "")
                    self.letters[c] += f" {lang}"
        self.names = {k: v if isinstance(v, str) else ", ".join(v)
                      for k, v in options["language_names"].items()}

    def check(self, doc: Document) -> Iterator[Finding] | tuple[()]:
        text = doc.text
        least = self.options["min_evidence"]
        if least and (text.isascii() or ascii_words(text)):  # most English articles
            return ()
        words = capitalised_texts(text)
        marked = {unicodedata.normalize("NFC", w) for w in words if not w.isascii()}
        evidence = sorted(w for w in marked if not w.isupper() and self._shows(w))
        if len(evidence) < least:
            return ()
        return self._check(doc, words, marked, evidence)

    def _shows(self, word: str) -> bool:
        """Whether the word holds a letter of some language."""
        return any(c in self.letters for c in word.lower())

    def _check(self, doc: Document, words: frozenset[str], marked: set[str],
               evidence: list[str]) -> Iterator[Finding]:
        if evidence:
            letters = {c for w in evidence for c in w.lower() if c in self.letters}
            langs = sorted({lang for c in letters for lang in self.letters[c].split()})
        else:  # no marks asked for (min_evidence 0) and none shown: every language listed
            langs = sorted(self.options["languages"])
        written = {fold(w): w for w in marked}  # the article's own marked spellings
        proposals: dict[str, tuple[list[str], list[str], bool]] = {}
        for word in words:
            if word.isascii() and not word.isupper():
                found = self._restore(word, langs, written)
                if found is not None:
                    proposals[word] = found
        if not proposals:
            return
        shown = ", ".join(f"'{w}'" for w in evidence[:EVIDENCE_SHOWN]) or "none"
        for start, word in starts_of(doc.text, proposals):
            if not evidence and _english_company(doc.text, start, start + len(word)):
                continue
            forms, by, english = proposals[word]
            several = len(forms) > 1
            yield self.finding(
                doc, start, start + len(word), forms[0],
                applicability=Applicability.DISPLAY_ONLY if several or english else None,
                languages=" / ".join(self.names.get(lang, lang) for lang in by),
                evidence=shown,
                data=[("candidates", " | ".join(forms))] if several else [])

    def _restore(self, word: str, langs: list[str], written: dict[str, str]
                 ) -> tuple[list[str], list[str], bool] | None:
        """The marked spellings of a capitalised ASCII word (or of the parts of a
        hyphenated one), the languages that write them, and whether the word is a
        place's English spelling; None for none."""
        parts = word.split("-")
        options: list[list[str]] = []
        by: list[str] = []
        english = False
        for part in parts:
            found = self._part(part, langs, written)
            if found is None:
                options.append([part])
                continue
            forms, languages = found
            options.append(forms)
            by += [lang for lang in languages if lang not in by]
            low = part.lower()
            english = english or (zipf(low, "en") >= ENGLISH_PLACE_ZIPF and low in towns())
        if not by:
            return None
        joined = [""]
        for choice in options:
            joined = [f"{head}-{form}" if head else form for head in joined for form in choice]
        return joined, by, english

    def _part(self, part: str, langs: list[str], written: dict[str, str]
              ) -> tuple[list[str], list[str]] | None:
        if len(part) < restorable.MIN_LENGTH or not part[:1].isupper() or part.isupper():
            return None
        low = part.lower()
        if low in written or low in names._TRIGGERS or ending_hint(part) is not None:
            return None
        if zipf(low, "en") >= restorable.ENGLISH_ZIPF:
            return None  # an English word: in no language's pairs (and no list is read)
        found = restorable.marked(low, langs)
        if not found:
            return None
        forms = [match_case(part, form) for form in found]
        by = [lang for form in found for lang in found[form]]
        return forms, list(dict.fromkeys(by))


# a capitalised word this common in English beside a name makes the name English
# ('Mark Oaten', 'Cherie Blair'); the titles before a name do not ('Minister Jurgen Weber')
ENGLISH_NEIGHBOUR_ZIPF = 3.5
_TITLES = frozenset("""mr mrs ms dr prof sir minister president mayor prime foreign defence
defense deputy general chancellor secretary governor judge ambassador colonel captain
commander senator chairman chairwoman director coach manager officer sergeant lieutenant
bishop father saint st farmer pilot driver""".split())
_BEFORE = re.compile(r"(\S+)[ \t]+$")
_AFTER = re.compile(r"^[ \t]+(\S+)")


def _english_company(text: str, start: int, end: int) -> bool:
    """In an article that shows no marks at all, whether the word at text[start:end]
    stands after 'the' ('the Odeon') or beside a capitalised word common in English
    other than a title ('Cherie Blair', 'Mark Oaten'): an English name, not a
    foreign one that lost its marks."""
    before = _BEFORE.search(text, max(0, start - 40), start)
    after = _AFTER.match(text[end:end + 40])
    if before is not None:
        word = before.group(1).strip("\"'“‘(").lower()
        if word == "the":
            return True
        if (before.group(1)[:1].isupper() and word not in _TITLES
                and zipf(word, "en") >= ENGLISH_NEIGHBOUR_ZIPF):
            return True
    if after is not None:
        word = after.group(1).rstrip(".,;:!?\"'”’)")
        if word[:1].isupper() and zipf(word.lower(), "en") >= ENGLISH_NEIGHBOUR_ZIPF:
            return True
    return False
