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
    persons = ["minister", "mr", ...]    # nouns and titles for people of
                                         # either sex
    male_persons = ["mr", "king", ...]   # ... of men ("mr", "son", "spokesman")
    female_persons = ["mrs", "wife", ...]  # ... of women
    ships = ["ship", "vessel"]           # "she" for a ship is English: a
                                         # feminine pronoun after one (singular)
                                         # is left alone
    lookback = 3                         # sentences searched for a person

How it matches: for each gendered pronoun, the sentence it is in and the
`lookback` sentences before it are read, and the one after it when its own
sentence has no candidate before it (see normalize/mentions.py; the
pronouns themselves are found and read in normalize/pronouns.py). The rule
fires only when that stretch mentions no person the pronoun may stand for
and the pronoun's own sentence or the one before it mentions a country or
city (from pycountry/GeoNames), a listed organisation or a listed object.
The message names the candidates.

A person may be meant unless English agreement rules them out: a man is not
"she"/"her", a woman not "he"/"his". A person is known to be a man by a
title or noun of `male_persons` ("Mr Rossi", "his son", "the spokesman"), or
by the "he" that reports their words ("Landsbergis said he", "the minister
told reporters that he"); a woman likewise; and an earlier "he" read as a
person's is a man's. Anything else is a person of either sex and keeps the
rule quiet whatever the pronoun's gender: a name without such a title, a
noun of `persons` ("minister", "president"), "I"/"my", a run naming two
people ("Mr and Mrs Smith"). So "Mr Rossi said Italy would defend her
borders" is flagged, "Mrs Rossi said Italy would back her plan" is not.

"his" becomes "its"; "her" becomes "its" before a noun and "it" otherwise
("provide her with" -> "provide it with"); "he"/"she"/"him" become "it";
"himself"/"herself" become "itself". "his or her" and "he/she" are left
alone.

Fix safety: unsafe (the antecedent is a judgement); the rule file may say
display-only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import Any

from .. import gazetteer, pronouns
from ..document import Document
from ..mentions import CONNECTORS, FUNCTION_WORDS, Kind, Lexicon, Mention, mentions, sentences
from ..model import Finding
from ..text import WORD_RE, match_case, same_length_lower
from .base import FieldSpec, Rule

_REPLACEMENT = {"he": "it", "she": "it", "him": "it", "his": "its",
                "himself": "itself", "herself": "itself"}
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
_LETTERS = re.compile(r"[^\W\d_]+")  # text.WORD_RE's letters, without marks or hyphens
# the same runs in an ASCII text, found about twice as fast (a range, no Unicode lookups)
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
# text.WORD_RE's words in an ASCII text (no marks there), and so in its lower case
_ASCII_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*+")
_THING_KINDS = (Kind.COUNTRY, Kind.CITY, Kind.ORGANISATION, Kind.OBJECT, Kind.SHIP)
_FEMININE = frozenset({"she", "her", "herself"})
_CAPITAL_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_OPENING = " \t\r\n\"“‘'(«—–-"
_THIRD = pronouns.FEMININE_THIRD
# what a person mention or a sentence's person nouns show of sex: bits
MALE, FEMALE, UNKNOWN = 1, 2, 4
EITHER = MALE | FEMALE  # a person who may be a man or a woman


class PronounRule(Rule):
    KIND = "pronoun"
    PLACEHOLDERS = ("antecedent",)
    FIELDS = {
        "things": FieldSpec("list[str]", required=True),
        "organisations": FieldSpec("list[str]", default=[]),
        "persons": FieldSpec("list[str]", required=True),
        "male_persons": FieldSpec("list[str]", default=[]),
        "female_persons": FieldSpec("list[str]", default=[]),
        "ships": FieldSpec("list[str]", default=[]),
        "lookback": FieldSpec("int", default=3),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        if options["lookback"] < 1:
            raise self.error("lookback", "'lookback' must be at least 1")
        male = {w.lower() for w in options["male_persons"]}
        female = {w.lower() for w in options["female_persons"]}
        both = sorted(male & female)
        if both:
            raise self.error("male_persons", f"listed as both male and female: {both}")
        # the sex each person noun shows (the others: UNKNOWN)
        self.sexes = {**{w: MALE for w in male}, **{w: FEMALE for w in female}}
        self.men, self.women = frozenset(male), frozenset(female)
        self.lexicon = Lexicon.of(options["things"], options["organisations"],
                                  [*options["persons"], *male, *female], options["ships"])
        # person nouns that always make a person mention (see _person_word);
        # a connector inside a capitalised run is not looked up
        self.person_words = self.lexicon.persons - CONNECTORS
        # ... most of them a run of letters: a sentence none of whose runs of
        # letters is one (lower-cased) holds none of those; the others ("year-old"),
        # when ASCII, are in the lower-cased sentence if it holds them (see _person_word)
        self.plain_persons = frozenset(w for w in self.person_words if _LETTERS.fullmatch(w))
        self.joined_persons = sorted(self.person_words - self.plain_persons)
        self.quick_persons = all(w.isascii() for w in self.joined_persons)
        # a person noun counts wherever it stands in a sentence, unless it is a
        # function word opening it: when none is, any one counts
        self.any_person_word = self.person_words.isdisjoint(FUNCTION_WORDS)
        self.either = self.person_words - self.men - self.women
        # the lower-case words `mentions` reads as an object or a ship, and the
        # organisations: a sentence whose runs of letters begin none of them (nor
        # are one of a place name's) mentions no thing (see _may_name_thing)
        lex = self.lexicon
        nouns = lex.things | lex.ships
        self.thing_nouns = frozenset(_first_run(w) for w in nouns | {w + "s" for w in nouns}
                                     if w not in lex.persons) - {""}
        self.quick_things = all(w.isascii() for w in self.thing_nouns)
        self.organisation_heads = frozenset(_first_run(w) for w in lex.organisations) - {""}

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        low = same_length_lower(text)  # None: no scan of the lower-cased text
        read = _Reading(self, text, low)
        # the pronouns, found before the text is cut into sentences (unless
        # that may cut a word)
        found = pronouns.hits(text, low)
        cut = read.spans if pronouns.may_cut_words(text) else None
        words = pronouns.pronoun_words(text, found, cut)
        if all(pronouns.plainly_a_persons(text, at, end) for at, end in words):
            return  # none, or each plainly a person's: most documents
        starts = pronouns.gendered(text, low, found)
        flagged: set[int] = set()  # pronouns already read as things
        spans, begins, lookback = read.spans, read.begins, self.options["lookback"]
        for at, end in words:
            n = bisect_right(begins, at) - 1
            if n < 0 or at >= spans[n][1]:
                continue
            # most pronouns follow another one of their gender, taken for a
            # person, in the stretch read (pronouns.person_pronoun, its first
            # step inline)
            k = bisect_left(starts, at) - 1
            if (k >= 0 and starts[k] >= begins[max(0, n - lookback)] and starts[k] not in flagged
                    and (text[starts[k] + 2:starts[k] + 3] in _THIRD)
                    == (text[at + 2:at + 3] in _THIRD)):
                continue  # of the same gender (pronouns.feminine_at, inline)
            things = self._things_meant(read, at, end, n, starts, flagged)
            if things:
                flagged.add(at)
                yield self._finding(doc, at, end, text[at:end].lower(), things)

    def _things_meant(self, read: _Reading, at: int, end: int, n: int, starts: list[int],
                      flagged: set[int]) -> list[Mention]:
        """The things the pronoun text[at:end], in sentence n, refers to, if it
        refers to no person (`starts`: where the gendered pronouns begin)."""
        text, spans = read.text, read.spans
        s_start, s_end = spans[n]
        first = max(0, n - self.options["lookback"])
        # Each of these alone makes the rule keep quiet, so they are read
        # cheapest and likeliest first: another pronoun of its gender taken
        # for a person (most pronouns have one a few sentences before), a
        # pronoun plainly a person's ("his or her", "he said"), someone
        # speaking, a person noun of its sex or of either.
        feminine = pronouns.feminine_at(text, at)
        sex = FEMALE if feminine else MALE
        if pronouns.person_pronoun(text, starts, spans[first][0], at, flagged, feminine):
            return []
        if pronouns.plainly_a_persons(text, at, end):
            return []
        if pronouns.speaker_in(text, spans[first][0], s_end):
            return []
        # the person nouns of its sex, of the other, of either
        same, other = (self.women, self.men) if feminine else (self.men, self.women)
        either = self.either
        said_by: bool | None = None  # whether a person's words are reported by the other pronoun
        for k in range(n, first - 1, -1):  # its own first
            words = read.words(k)
            if not words or same.isdisjoint(words) and either.isdisjoint(words):
                continue
            if not same.isdisjoint(words):
                return []
            # a noun of either sex ("minister") keeps it quiet, unless a
            # person's words are reported with the other pronoun ("the
            # minister said he") or the sentence has a noun of the other sex
            # (they may be one person: "Foreign Minister Sir Alan Duncan"):
            # then the mentions tell
            if said_by is None:
                said_by = pronouns.may_say_pronoun(text, starts, spans[first][0], s_end,
                                                   not feminine)
            if not said_by and other.isdisjoint(words):
                return []
        # a thing before it, in its own sentence or else in the one before;
        # a capitalised pronoun may sit inside a capitalised run
        word = text[at:end].lower()
        capital = text[at].isupper() or word in CONNECTORS
        things = [m for m in read.things_in(n, s_end if capital else at) if m.start < at]
        if not things and n > 0:
            things = read.things_in(n - 1, at)
        if not things:
            return []
        if pronouns.speaks_later(text, starts, end, s_end, feminine):
            return []  # "... her interests, she said"
        # a person mentioned in the stretch read (its own sentence first), a
        # ship before a feminine pronoun ("the ship ... she": English)
        ship = feminine
        others = False  # a person of the other sex mentioned
        for k in range(n, first - 1, -1):
            for m in read.said(k):
                if m.kind is Kind.PERSON:
                    if self._sex(text, m, spans[k][1]) & sex:
                        return []
                    others = True
                elif ship and m.kind is Kind.SHIP and m.start < at:
                    return []
        # With no antecedent before it in its own sentence, the pronoun
        # may point forward ("In his twenties ... Mr X"): read one more.
        # Only a clear person counts there: a title, a person noun, a
        # name of two words ("Mr Sato", "the 101-year-old Torao Toshitsune").
        last = n if things[0].start >= s_start else min(len(spans) - 1, n + 1)
        if last > n:
            for m in read.said(last):
                if m.kind is Kind.PERSON and (" " in m.text
                                              or m.text.lower() in self.lexicon.persons):
                    if self._sex(text, m, spans[last][1]) & sex:
                        return []
                    others = True
        if pronouns.speaker_in(text, spans[first][0], spans[last][1]):
            return []
        # Only people of the other sex near it: one of its sex named before
        # them may be meant ("Dame Vera Lynn ... Mr Johnson said Britain owed
        # her a debt"), if the text earlier calls someone by its pronouns or
        # by a noun of its sex.
        by_sex = others or pronouns.person_pronoun(text, starts, spans[first][0], at, flagged,
                                                   not feminine)
        if by_sex:
            if pronouns.person_pronoun(text, starts, 0, spans[first][0], flagged, feminine):
                return []
            if any(not same.isdisjoint(read.words(k)) for k in range(first)):
                return []
        if ((by_sex or any(not other.isdisjoint(read.words(k)) for k in range(first, n + 1)))
                and _unread_capital(read, first, n, at)):
            # people of the other sex are near, and a capitalised word that no
            # mention reads may be a name of the pronoun's sex ("Kim snuggled
            # up to her father": a name alone the mentions do not know)
            return []
        return things

    def _sex(self, text: str, m: Mention, stop: int) -> int:
        """MALE, FEMALE or EITHER: what the person mention m shows of the
        person's sex: a title or noun of one sex ("Mr Rossi", "his wife"),
        with none of the other and not two people ("Mr and Mrs Smith"), else the
        pronoun that reports their words ("Landsbergis said he", read no
        further than `stop`)."""
        words = WORD_RE.findall(m.text)
        sex = 0
        for w in words:
            sex |= self.sexes.get(w.lower(), 0)
        if "and" in words or "&" in m.text:
            return EITHER
        if sex:
            return sex
        said = pronouns.says_pronoun(text, m.end, stop)
        if said is None:
            return EITHER
        return FEMALE if said else MALE

    def _person_word(self, text: str, low: str | None, start: int, end: int) -> int:
        """The person nouns and titles of the sentence text[start:end], as
        bits: MALE, FEMALE for those of `sexes`, UNKNOWN for the others (0:
        none). See _person_words."""
        return self._sexes(self.person_words.intersection(
            self._person_words(text, low, start, end)))

    def _person_words(self, text: str, low: str | None, start: int,
                      end: int) -> list[str] | set[str]:
        """Words (lower case) among which are the person nouns and titles of
        the sentence text[start:end]: each of them is one, and each of those
        words that is a person noun is one of them (an empty list: none).
        `mentions` reads each as a person, whatever else the sentence says (a
        lower-case one is a person mention, a capitalised one makes its
        capitalised run one), unless it is a function word opening the
        sentence, which `mentions` drops.

        A word whose lower case is an ASCII person noun is in the lower-cased
        text `low` (same offsets, no odd letters) at the same place: a whole
        run of letters there, or, for a noun with a hyphen ("year-old"), found
        by `find`. Those are looked at first.

        When no person noun is a function word (`any_person_word`), each word
        that is one counts: then an ASCII stretch of `low` (the text is ASCII
        there too: no character outside ASCII that `low` keeps lowers to one
        in it) is read with one pattern that finds text.WORD_RE's words (runs
        of letters joined by hyphens; no marks in ASCII), already in lower
        case: those are the words; any other with text.WORD_RE, lower-cased
        in one go."""
        if self.any_person_word and low is not None:
            # most sentences are ASCII, even in a text with a "£"
            sentence = low[start:end]
            if sentence.isascii():
                return _ASCII_WORDS.findall(sentence)
        if low is not None and self.quick_persons and self.plain_persons.isdisjoint(
                _letters(text).findall(low, start, end)) and not any(
                low.find(w, start, end) >= 0 for w in self.joined_persons):
            return []
        if self.any_person_word:  # the words' lower case, in one go
            return " ".join(WORD_RE.findall(text, start, end)).lower().split()
        found = set()
        for tok in WORD_RE.finditer(text, start, end):
            word = tok.group().lower()
            if word in self.person_words and not (tok.start() == start
                                                  and word in FUNCTION_WORDS):
                found.add(word)
        return found

    def _sexes(self, nouns: set[str] | frozenset[str]) -> int:
        """The bits of the person nouns `nouns` (see _person_word)."""
        bits = 0
        get = self.sexes.get
        for w in nouns:
            bits |= get(w, UNKNOWN)
        return bits

    def _may_name_thing(self, text: str, low: str | None, start: int, end: int) -> bool:
        """False if the words of text[start:end] surely make no mention of a
        country, city, organisation or object: each such mention holds a word
        that is a listed noun (its lower case an ASCII word: then it is in
        `low`, its runs of letters too) or an organisation, and such a word
        begins with its own first run of letters; or it is the name of a place,
        and each run of letters of the name is one of the sentence's."""
        if low is None or not self.quick_things:
            return True
        part = low[start:end]  # ASCII only where the text is (see _person_word)
        letters = _ASCII_LETTERS if part.isascii() else _LETTERS
        if not self.thing_nouns.isdisjoint(letters.findall(part)):
            return True
        runs = letters.findall(text, start, end)
        return not (self.organisation_heads.isdisjoint(runs) and _place_keys().isdisjoint(runs))

    def _finding(self, doc: Document, at: int, end: int, low: str,
                 things: list[Mention]) -> Finding:
        found = doc.text[at:end]
        if low == "her":
            nxt = re.match(r"\s*([^\W\d_]+)", doc.text[end:end + 40])
            possessive = (nxt is not None and nxt.group(1).lower() not in _NOT_A_NOUN
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


class _Reading:
    """A document cut into sentences (when first needed), and what the
    rule has read in each sentence so far."""

    def __init__(self, rule: PronounRule, text: str, low: str | None) -> None:
        self.rule, self.text, self.low = rule, text, low
        self._said: dict[int, list[Mention]] = {}
        self._people: dict[int, list[str] | set[str]] = {}

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        return sentences(self.text)

    @cached_property
    def begins(self) -> list[int]:
        return [s for s, _ in self.spans]

    @cached_property
    def starts(self) -> frozenset[int]:
        return frozenset(self.begins)

    def said(self, n: int) -> list[Mention]:
        if n not in self._said:
            self._said[n] = mentions(self.text, *self.spans[n], self.rule.lexicon, self.starts)
        return self._said[n]

    def words(self, n: int) -> list[str] | set[str]:
        """Words of sentence n among which are its person nouns (see
        PronounRule._person_words)."""
        if n not in self._people:
            self._people[n] = self.rule._person_words(self.text, self.low, *self.spans[n])
        return self._people[n]

    def things_in(self, n: int, before: int) -> list[Mention]:
        """The things sentence n mentions before `before` (a mention before
        it is made of words before it)."""
        start, end = self.spans[n]
        if not self.rule._may_name_thing(self.text, self.low, start, min(before, end)):
            return []
        return [m for m in self.said(n) if m.kind in _THING_KINDS and m.start < before]


def _letters(text: str) -> re.Pattern[str]:
    """_LETTERS, or for an ASCII text (and its lower case) the quicker pattern
    that finds the same runs (str.isascii takes no time: Python keeps it)."""
    return _ASCII_LETTERS if text.isascii() else _LETTERS


def _first_run(word: str) -> str:
    """The run of letters a word begins with ("" if it begins with none)."""
    m = _LETTERS.match(word)
    return m.group() if m else ""


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """One run of letters of each name of a country or city, the rarest in
    text one would guess: the longest capitalised one (the last of those), else
    the longest: "Hague" for "The Hague", "York" for "New York"."""
    keys = set()
    for name in gazetteer.countries() | set(gazetteer.cities()):
        runs = _LETTERS.findall(name)
        if runs:
            keys.add(max(reversed(runs), key=lambda run: (run[0].isupper(), len(run))))
    return frozenset(keys)


def _unread_capital(read: _Reading, first: int, n: int, at: int) -> bool:
    """Whether sentences first..n, up to `at`, hold a capitalised word that opens
    no sentence and lies in no mention read there (a thing or a person): a name
    the mentions did not recognise."""
    text = read.text
    for k in range(first, n + 1):
        start, end = read.spans[k]
        stop = min(end, at) if k == n else end
        covered = [(m.start, m.end) for m in read.said(k)]
        for w in _CAPITAL_WORD.finditer(text, start, stop):
            if not w.group()[0].isupper():
                continue
            if not text[start:w.start()].strip(_OPENING):
                continue  # the sentence's first word
            if not any(a <= w.start() < b for a, b in covered):
                return True
    return False

