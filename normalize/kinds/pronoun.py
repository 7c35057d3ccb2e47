"""pronoun: "he", "she", "his", "her" for a country, organisation or object.

Languages with grammatical gender (Italian, French, Spanish, Russian,
Lithuanian ...) call a country "she" and a ministry "he"; machine
translation carries that over: "Lithuania ... asked NATO to provide her
with air defence", "the alliance ... asking for his intervention".

Rule-file syntax (besides the common keys):

    kind = "pronoun"
    things = ["alliance", "ministry", "drone", ...]   # lower-case nouns for
                                         # organisations and objects
    organisations = ["NATO", "EU", ...]  # names, as written
    persons = ["minister", "mr", ...]    # nouns and titles for people
    ships = ["ship", "vessel"]           # "she" for a ship is English: a
                                         # feminine pronoun after one (singular)
                                         # is left alone
    lookback = 3                         # sentences searched for a person

How it matches: for each gendered pronoun, the sentence it is in and the
`lookback` sentences before it are read, and the one after it when its own
sentence has no candidate before it (see normalize/mentions.py). The rule
fires only when that stretch mentions no person at all (no name, no person
noun or title, no "I"/"my", no other gendered pronoun that refers to
a person) and the pronoun's own sentence or the one before it mentions a
country or city (from pycountry/GeoNames), a listed organisation or a
listed object. The message names the candidates.

"his" becomes "its"; "her" becomes "its" before a noun and "it" otherwise
("provide her with" -> "provide it with"); "he"/"she"/"him" become "it";
"himself"/"herself" become "itself". "his or her" and "he/she" are left
alone.

Fix safety: unsafe (the antecedent is a judgement); the rule file may say
display-only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..mentions import _CONNECTORS as CONNECTORS
from ..mentions import FUNCTION_WORDS, MAX_SENTENCE, Kind, Lexicon, Mention, mentions, sentences
from ..model import Finding
from ..text import WORD_RE, has_case_twins, lowered, match_case
from .base import FieldSpec, Rule

_REPLACEMENT = {"he": "it", "she": "it", "him": "it", "his": "its",
                "himself": "itself", "herself": "itself"}
# r"(?<![\w-])(?:he|she|him|her|his|hers|himself|herself)(?![\w-])" (case-blind) and
# r"(?<!\w)(?:I|me|my|myself)(?!\w)", written to open with the class of the
# characters that a match can open with (those that re.IGNORECASE matches to
# "h" and "s"): `re` skips to them, instead of trying every character
_GENDERED = re.compile(r"[hHsS\u017f](?<![\w-][hHsS\u017f])"
                       r"(?i:(?<=h)(?:e|im|er|is|ers|imself|erself)|(?<=s)he)(?![\w-])")
_SPEAKER = re.compile(r"[Im](?<!\w[Im])(?:(?<=I)|(?<=m)(?:e|y|yself))(?!\w)")
# "his or her", "he/she", "him and her": gender-neutral usage, not an error
_PAIR = re.compile(r"^\s*(?:/|or\b|and\b)\s*(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_PAIR_BEFORE = re.compile(r"\b(?:he|she|him|her|his)\s*(?:/|\bor|\band)\s*$", re.IGNORECASE)
# a speech verb after the pronoun, or a quotation just before it
_SPEAKS = re.compile(
    r"\s+(?:also\s+)?(?:said|says|say|adds|added|told|tells|claimed|claims|admitted|admits"
    r"|explained|explains|insisted|insists|argued|argues|noted|notes|stressed|stresses|warned"
    r"|warns|wrote|writes|asked|asks|replied|replies|continued|continues|recalled|recalls"
    r"|believes|believed|thinks|thought|feels|felt|laughs|laughed|smiles|smiled|admits|jokes"
    r"|joked|recalls|concluded|concludes|revealed|reveals|suggested|suggests|hoped|hopes)\b",
    re.IGNORECASE)
_AFTER_QUOTE = re.compile(r"[\"”’'],?\s*$")
# words after "her" that show it is an object pronoun ("provide her with")
_NOT_A_NOUN = frozenset("""with to and or in on at for from by of as than that this these
those the a an into onto about against over under after before because but if when while
so too also again back up down out off not""".split())
# verbs after which "her" is an indirect object ("give her more money")
_DITRANSITIVE = re.compile(
    r"\b(?:give|gave|given|giving|gives|send|sent|sends|sending|offer|offered|offers|offering"
    r"|grant|granted|grants|granting|lend|lent|lends|lending|sell|sold|sells|selling|show|showed"
    r"|shown|shows|tell|told|tells|telling|bring|brought|brings|owe|owed|owes|promise|promised"
    r"|promises|pay|paid|pays|ask|asked|asks|asking|let|lets|allow|allowed|allows)\s+$",
    re.IGNORECASE)
# Where the words `check` looks at (he, she, him, her, his, himself, herself in
# any case, each a whole run of letters) begin, and perhaps a few more: one
# scan of the text (of a text that cannot be lower-cased letter for letter, see
# _hits) ...
_CANDIDATE = re.compile(r"[hHsS](?<![^\W\d_].)(?i:e|he|im|is|er|imself|erself)(?![^\W\d_])")
# ... or of the lower-cased text, from the "h" (a literal: `re` skips to it at once)
_H = re.compile(r"h(?<![^\W\d_s]h)(?:e|im|is|er)(?:self)?(?![^\W\d_])")
_LETTERS = re.compile(r"[^\W\d_]+")  # text.WORD_RE's letters, without marks or hyphens
# characters read past a match's end by _SPEAKER and _GENDERED, at most
_REACH = 10
_THING_KINDS = (Kind.COUNTRY, Kind.CITY, Kind.ORGANISATION, Kind.OBJECT, Kind.SHIP)
_FEMININE = frozenset({"she", "her", "herself"})


class PronounRule(Rule):
    KIND = "pronoun"
    FIELDS = {
        "things": FieldSpec("list[str]", required=True),
        "organisations": FieldSpec("list[str]", default=[]),
        "persons": FieldSpec("list[str]", required=True),
        "ships": FieldSpec("list[str]", default=[]),
        "lookback": FieldSpec("int", default=3),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if options["lookback"] < 1:
            raise self.error("lookback", "'lookback' must be at least 1")
        self.lexicon = Lexicon.of(options["things"], options["organisations"],
                                  options["persons"], options["ships"])
        # person nouns that always make a person mention (see _person_word);
        # a connector inside a capitalised run is not looked up
        self.person_words = self.lexicon.persons - CONNECTORS
        # ... each a run of letters: then a sentence none of whose runs of letters
        # is one (lower-cased) holds none (see _person_word)
        self.plain_persons = all(_LETTERS.fullmatch(w) for w in self.person_words)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if _may_cut_words(text):
            spans = sentences(text)
            words = [(n, tok) for n, tok in _every_word(text, spans) if _pronoun(text, tok)]
        else:
            # the pronouns that are not plainly a person's, found before the
            # text is cut into sentences: most documents have none
            found = [tok for tok in _words_at(text, _hits(text)) if _pronoun(text, tok)]
            if not found:
                return
            spans = sentences(text)
            begins = [s for s, _ in spans]
            words = [(n, tok) for tok in found
                     if 0 <= (n := bisect_right(begins, tok.start()) - 1)
                     and tok.start() < spans[n][1]]
        starts = frozenset(s for s, _ in spans)
        cache: dict[int, list[Mention]] = {}

        def said(n: int) -> list[Mention]:
            if n not in cache:
                cache[n] = mentions(text, *spans[n], self.lexicon, starts)
            return cache[n]

        people: dict[int, bool] = {}

        def person_word(n: int) -> bool:
            if n not in people:
                people[n] = self._person_word(text, *spans[n])
            return people[n]

        flagged: set[int] = set()  # pronouns already read as things
        for n, tok in words:
            s_start, s_end = spans[n]
            low = tok.group().lower()
            at, end = tok.start(), tok.end()
            first = max(0, n - self.options["lookback"])
            # Cheap signs of a person first (each one alone makes the
            # rule keep quiet, whatever the mention tables say): someone
            # speaks, another pronoun taken for a person, a person noun.
            if _speaker_in(text, spans[first][0], s_end) or _pronoun_in(
                    text, spans[first][0], at, flagged):
                continue
            if any(person_word(k) for k in range(first, n + 1)):
                continue
            window = [m for k in range(first, n + 1) for m in said(k)]
            near = [m for m in window if m.kind in _THING_KINDS and m.start < at]
            own = [m for m in near if m.start >= s_start]
            things = own or [m for m in near if m.start >= spans[max(0, n - 1)][0]]
            if not things:
                continue
            if low in _FEMININE and any(m.kind is Kind.SHIP and m.start < at
                                        for m in window):
                continue  # "the ship ... she": English
            # With no antecedent before it in its own sentence, the pronoun
            # may point forward ("In his twenties ... Mr X"): read one more.
            # Only a clear person counts there: a title, a person noun, a
            # name of two words ("Mr Sato", "the 101-year-old Torao Toshitsune").
            last = n if own else min(len(spans) - 1, n + 1)
            window += [m for k in range(n + 1, last + 1) for m in said(k)
                       if " " in m.text or m.text.lower() in self.lexicon.persons]
            stretch = (spans[first][0], spans[last][1])
            if self._person_in(text, stretch, window, flagged, at):
                continue
            flagged.add(at)
            yield self._finding(doc, at, end, low, things)

    def _person_word(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence text[start:end] holds a person noun or title:
        `mentions` reads it as a person, whatever else the sentence says (a
        lower-case one is a person mention, a capitalised one makes its
        capitalised run one), unless it is a function word opening the
        sentence, which `mentions` drops.

        A word that is a person noun is a whole run of letters (its lower case
        is all letters: no hyphen, no mark), so the sentence's runs of letters,
        lower-cased all at once, are looked at first."""
        if self.plain_persons and self.person_words.isdisjoint(
                "\0".join(_LETTERS.findall(text, start, end)).lower().split("\0")):
            return False
        for tok in WORD_RE.finditer(text, start, end):
            low = tok.group().lower()
            if low in self.person_words and not (tok.start() == start
                                                 and low in FUNCTION_WORDS):
                return True
        return False

    @staticmethod
    def _person_in(text: str, stretch: tuple[int, int], window: list[Mention],
                   flagged: set[int], at: int) -> bool:
        if any(m.kind is Kind.PERSON for m in window):
            return True
        start, end = stretch
        # "I", "my": someone speaks; or another pronoun before it that was
        # taken for a person
        return _speaker_in(text, start, end) or _pronoun_in(text, start, at, flagged)

    def _finding(self, doc: Document, at: int, end: int, low: str,
                 things: list[Mention]) -> Finding:
        found = doc.text[at:end]
        if low == "her":
            nxt = re.match(r"\s*([^\W\d_]+)", doc.text[end:end + 40])
            possessive = (bool(nxt) and nxt.group(1).lower() not in _NOT_A_NOUN
                          and not _DITRANSITIVE.search(doc.text[max(0, at - 20):at]))
            proposal = "its" if possessive else "it"
        else:
            proposal = _REPLACEMENT[low]
        names: list[str] = []
        for m in sorted(things, key=lambda m: -m.start):
            if m.text not in names:
                names.append(m.text)
        listed = ", ".join(f"'{x}'" for x in names[:3])
        return self.finding(
            doc, at, end, match_case(found, proposal),
            antecedent=listed,
            data=[("candidates", " | ".join(names))],
        )


def _speaker_in(text: str, start: int, end: int) -> bool:
    """Whether a first-person word ("I", "my") of the whole text starts in
    [start, end): found by a scan of that stretch only (its lookbehind sees
    the real text; it reads no further than _REACH past the stretch)."""
    m = _SPEAKER.search(text, start, min(len(text), end + _REACH))
    return m is not None and m.start() < end


def _pronoun_in(text: str, start: int, at: int, flagged: set[int]) -> bool:
    """Whether a gendered pronoun of the whole text starts in [start, at) and
    was not read as a thing: it refers to a person."""
    for m in _GENDERED.finditer(text, start, min(len(text), at + _REACH)):
        if m.start() >= at:
            return False
        if m.start() not in flagged:
            return True
    return False


def _every_word(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, re.Match[str]]]:
    """Each word of each sentence, with the sentence's number."""
    for n, (start, end) in enumerate(spans):
        for tok in WORD_RE.finditer(text, start, end):
            yield n, tok


def _pronoun(text: str, tok: re.Match[str]) -> bool:
    """Whether a word is a gendered pronoun that is not plainly a person's:
    not "his or her", not '..." he said'."""
    low = tok.group().lower()
    if low not in _REPLACEMENT and low != "her":
        return False
    at, end = tok.start(), tok.end()
    if _PAIR.match(text, end) or _PAIR_BEFORE.search(text[max(0, at - 12):at]):
        return False
    # '..." he said': a speaker is a person
    return not (_SPEAKS.match(text, end) or _AFTER_QUOTE.search(text[max(0, at - 4):at]))


def _hits(text: str) -> list[int]:
    """Where a pronoun may begin (a superset, ascending). In the lower-cased
    text (when it has the same offsets and no character that a case-blind
    match takes for an ASCII letter) every pronoun holds "h" not preceded
    by a letter other than "s": a scan that stops only at "h"."""
    if has_case_twins(text) or len(low := lowered(text)) != len(text):
        return [m.start() for m in _CANDIDATE.finditer(text)]
    return [m.start() - 1 if low[m.start() - 1:m.start()] == "s" else m.start()
            for m in _H.finditer(low)]


def _words_at(text: str, hits: list[int]) -> Iterator[re.Match[str]]:
    """The words of `_every_word` that begin at one of `hits` (ascending), in
    order: no other word can be a pronoun. Unless `sentences` may cut a
    word (`_may_cut_words`), a sentence begins after a blank or at the text's
    start and ends at a stop or before a blank, and a word holds neither, so
    the words are read from the last blank before the hit to the end of the
    text, and are the same as those of the hit's sentence."""
    for at in hits:
        for tok in WORD_RE.finditer(text, text.rfind(" ", 0, at) + 1):
            if tok.end() > at:
                if tok.start() == at:
                    yield tok
                break


def _may_cut_words(text: str) -> bool:
    """Whether `sentences` may cut a sentence inside a word (see garbled's
    twin): a sentence edge elsewhere lies at a blank or after a stop, so a
    pronoun there has no letter before or after it and _CANDIDATE sees it."""
    tile = MAX_SENTENCE // 2 - 1
    return any(text.find(" ", k, k + tile) < 0 for k in range(0, len(text) - tile + 1, tile))
