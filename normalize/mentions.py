"""Sentences and the things they mention: places, organisations, objects, people.

A light, dictionary-based reading of English news text, enough to tell
whether a stretch of text mentions a person at all (a name, a title, a noun
such as "minister") or only countries, cities, organisations and objects.
No tagger: capitalised runs are looked up in the gazetteer and in the word
lists a rule file gives; an unknown capitalised run is taken to be a name,
which keeps the detectors that use this conservative, unless it follows
"the" (names of people take no article: "the Baltic") or is a known town.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import gazetteer
from .text import tokens

# A sentence ends at . ! ? (and closing quotes or brackets) before a blank and
# a capital letter, a digit or an opening quote, or at a line break (with the
# blanks after it). Each way is found by a scan for its first character (see
# `_ends`): a pattern that begins with one literal character is scanned for far
# faster than one that begins with a class of them.
_STOP_ENDS = tuple((stop, re.compile(re.escape(stop) + r"""[”"’')\]]*\s+(?=[“"‘'(\[]?[A-Z0-9])"""))
                   for stop in ".!?")
_LINE_END = re.compile(r"\n\s*")

# Longer "sentences" are cut into pieces: it keeps the work per word bounded.
MAX_SENTENCE = 1000

# Lower-case words that may sit inside a capitalised name ("Ministry of
# Foreign Affairs", "Bosnia and Herzegovina").
CONNECTORS = frozenset({"of", "for", "and", "the", "de", "du", "von", "van"})

# A capitalised word this common in lower case is an ordinary word that
# happens to be capitalised (a heading, "Tuesday", "Eastern").
COMMON_ZIPF = 4.3

# Closed-class words that open sentences: never part of a name.
FUNCTION_WORDS = frozenset("""a an the this that these those in on at by for from with without
to into after before during since until while when whereas although though because if unless
as but and or nor so yet then however meanwhile moreover also still now today yesterday last
next despite under over about against among between through throughout within its it their
they there here he she his her we our you your i my what which who whose where why how all
both each every some many most several few no not one two three four five""".split())

# a lower-case "the" just before a capitalised run
_THE_BEFORE = re.compile(r"(?<![\w])the\s+$")

_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "ic", "ean", "ch")


class Kind(enum.Enum):
    PERSON = "person"
    COUNTRY = "country"
    CITY = "city"
    ORGANISATION = "organisation"
    OBJECT = "object"
    SHIP = "ship"


@dataclass(frozen=True)
class Mention:
    kind: Kind
    text: str
    start: int
    end: int


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, blanks trimmed; empty ones left out.

    A sentence end swallows the blanks after it (its lookahead needs a
    character that is no blank), so only the first sentence can start with a
    blank and only one that ends at a line break can end with blanks: the
    other pieces are taken as they are, unless too long (`_add` cuts them)."""
    out: list[tuple[int, int]] = []
    append, isspace = out.append, str.isspace
    start = 0
    if text[:1].isspace():
        start = len(text) - len(text.lstrip())
    for end, after in _ends(text):
        if end < start:
            continue  # a line break that the sentence end before took in
        if text[end] == "\n":
            while end > start and isspace(text[end - 1]):
                end -= 1
        else:
            end += 1  # the stop
        if end - start > MAX_SENTENCE:
            _add(text, start, end, out)
        elif end > start:
            append((start, end))
        start = after
    _add(text, start, len(text), out)
    return out


def _ends(text: str) -> list[tuple[int, int]]:
    """Where sentences end, in order: the spans of the matches of one scan over
    the text with all the ways at once (a class of . ! ? and line break, then
    the rest of each way), and besides them those of _LINE_END that one of
    them takes in (`sentences` skips those).

    Found by a scan for each character a match may begin with (a scan for
    "!" or "?" only if the text holds one). A match that begins at a stop
    takes in no other stop, so the scan for that stop finds every place where
    such a match begins, as does the scan over the whole text (nothing else
    takes in a stop). One that begins at a line break takes in the blanks
    after it, as does one that begins at a stop: the scan over the whole text
    finds those of _LINE_END that begin outside the match before, and they
    are those of the scan for line breaks that begin outside the matches at
    stops (one that begins inside one ends where it ends)."""
    ends = [m.span() for m in _LINE_END.finditer(text)]
    for stop, pattern in _STOP_ENDS:
        if stop in text:
            ends += [m.span() for m in pattern.finditer(text)]
    ends.sort()
    return ends


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    start += lead
    while len(body) > MAX_SENTENCE:
        # not a sentence (a list, a table, text without stops): cut at a blank
        cut = body.rfind(" ", 0, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        out.append((start, start + cut))
        rest = body[cut:]
        start += cut + len(rest) - len(rest.lstrip())
        body = rest.strip()
    if body:
        out.append((start, start + len(body)))


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    from .langid import zipf  # wordfreq loads lazily

    return zipf(word.lower(), "en") >= COMMON_ZIPF


@lru_cache(maxsize=65536)
def is_demonym(word: str) -> bool:
    """'Lithuanian', 'Russian', 'Chinese', 'Polish': an adjective of a country."""
    for ending in _DEMONYM_ENDINGS:
        stem = word[: -len(ending)] if word.endswith(ending) else ""
        if len(stem) >= 3 and any(
            c.startswith(stem) and len(c) - len(stem) <= 3 for c in _country_words()
        ):
            return True
    return False


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    return frozenset(w for name in gazetteer.countries() for w in name.split() if w[:1].isupper())


@dataclass(frozen=True)
class Lexicon:
    """What a rule file says about nouns: which name things and which people."""

    things: frozenset[str]  # lower-case nouns: alliance, ministry, drone
    organisations: frozenset[str]  # names as written: NATO, EU, Kremlin
    persons: frozenset[str]  # lower-case nouns and titles: minister, mr
    ships: frozenset[str] = frozenset()  # lower-case: ship, vessel ("she" is English)

    @cached_property
    def nouns(self) -> frozenset[str]:
        """Every lower-case word `noun_kind` knows: the others need no look-up."""
        plural = {w + "s" for w in self.things | self.ships}
        return self.persons | self.ships | self.things | plural

    @classmethod
    def of(cls, things: Iterable[str], organisations: Iterable[str],
           persons: Iterable[str], ships: Iterable[str] = ()) -> Lexicon:
        return cls(frozenset(t.lower() for t in things), frozenset(organisations),
                   frozenset(p.lower() for p in persons), frozenset(s.lower() for s in ships))

    def noun_kind(self, word: str) -> Kind | None:
        """PERSON for a person noun or title (singular: "he" needs one), SHIP,
        OBJECT for a thing noun (singular or plural), else None."""
        low = word.lower()
        if low in self.persons:
            return Kind.PERSON
        if low in self.ships:
            return Kind.SHIP
        stem = low[:-1] if low.endswith("s") else low
        if low in self.things or stem in self.things or stem in self.ships:
            return Kind.OBJECT
        return None


def mentions(text: str, start: int, end: int, lexicon: Lexicon,
             sentence_starts: frozenset[int] = frozenset()) -> list[Mention]:
    """What text[start:end] mentions, in order.

    Lower-case nouns count when the lexicon lists them. Capitalised runs
    (joined by "of", "and" ...) are a person when they hold a person title,
    an organisation when they hold an organisation noun ("Ministry of Foreign
    Affairs of Vilnius"), else their known countries and cities; an unknown
    name left over counts as a person.
    """
    toks = [t for t in tokens(text[start:end])]
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.text[:1].isupper():
            kind = lexicon.noun_kind(tok.text) if tok.text.lower() in lexicon.nouns else None
            if kind is not None:
                out.append(Mention(kind, tok.text, start + tok.start, start + tok.end))
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            nxt = toks[j]
            if nxt.text[:1].isupper() and text[start + toks[j - 1].end:start + nxt.start].strip(
                    " ") == "":
                j += 1
            elif (nxt.text in CONNECTORS and j + 1 < len(toks) and toks[j + 1].text[:1].isupper()
                  and text[start + toks[j - 1].end:start + toks[j + 1].start].count("\n") == 0
                  and "," not in text[start + toks[j - 1].end:start + toks[j + 1].start]):
                j += 2
            else:
                break
        run = toks[i:j]
        if start + run[0].start in sentence_starts and run[0].text.lower() in FUNCTION_WORDS:
            run = run[1:]  # "The", "In", "After" opening a sentence
        if run:
            at = start + run[0].start
            after_the = _THE_BEFORE.search(text, max(0, at - 8), at) is not None
            out.extend(_classify_run(text, start, run, lexicon, after_the))
        i = j
    return out


def _classify_run(text: str, base: int, run: list, lexicon: Lexicon,
                  after_the: bool = False) -> list[Mention]:
    first, last = base + run[0].start, base + run[-1].end
    words = [t.text for t in run]
    kinds = {lexicon.noun_kind(w) for w in words if w not in CONNECTORS}
    if Kind.PERSON in kinds:
        return [Mention(Kind.PERSON, text[first:last], first, last)]
    if kinds & {Kind.OBJECT, Kind.SHIP} or any(w in lexicon.organisations for w in words):
        return [Mention(Kind.ORGANISATION, text[first:last], first, last)]
    out: list[Mention] = []
    unknown: list = []
    k = 0
    while k < len(run):
        for n in range(min(4, len(run) - k), 0, -1):
            name = text[base + run[k].start:base + run[k + n - 1].end]
            kind = _place_kind(name)
            if kind is not None:
                out.append(Mention(kind, name, base + run[k].start, base + run[k + n - 1].end))
                k += n
                break
        else:
            word = run[k].text
            if word not in CONNECTORS and not is_demonym(word) and not gazetteer.is_town(word):
                unknown.append(run[k])
            k += 1
    if after_the and unknown and not out:
        return []  # "the Baltic", "the Seimas": names of people take no article
    if unknown and out:
        # a place inside an unknown name: "Charles Kennedy", "Paris Hilton"
        return [Mention(Kind.PERSON, text[first:last], first, last)]
    if len(unknown) == 1 and is_common_word(unknown[0].text):
        unknown = []  # a capitalised ordinary word: "Tuesday", "Eastern"
    if unknown:
        s, e = base + unknown[0].start, base + unknown[-1].end
        out.append(Mention(Kind.PERSON, text[s:e], s, e))
    return sorted(out, key=lambda m: m.start)


def _place_kind(name: str) -> Kind | None:
    if gazetteer.is_country(name):
        return Kind.COUNTRY
    if gazetteer.is_city(name):
        return Kind.CITY
    return None
