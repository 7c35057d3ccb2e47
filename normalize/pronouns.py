"""Gendered pronouns in English text: where they are, and which are plainly a person's.

The pronoun kind (normalize/kinds/pronoun.py) asks, of each "he", "she",
"him", "his", "her", "himself" or "herself", whether it may stand for a
country, organisation or object. Here is what it needs to know about the
pronouns themselves, apart from what the sentences around them mention:

- `pronoun_words`: the words that are such pronouns (a word as text.WORD_RE
  cuts it, in a sentence as mentions.sentences cuts it);
- `plainly_a_persons`: "his or her", "he/she", '..." he said', "he adds";
- `speaker_in`: a first-person word ("I", "my"), someone speaking;
- `person_pronoun`: a gendered pronoun ("hers" too) of the same gender in a
  stretch, not read as a thing: one that refers to a person silences the
  ones of its gender after it ("he ... his"), not those of the other ("he
  ... her": she is not he);
- `speaks_later`: a speaker's pronoun ('..., she said');
- `says_pronoun`, `may_say_pronoun`: "Landsbergis said he ...", "the minister
  told reporters that she ...": a person's gender shown by the pronoun that
  reports their words.

Most documents are read through their lower-cased text (`low`, from
text.same_length_lower: same offsets, no letter that a case-blind match
takes for an ASCII one): one scan that stops only at "h" finds the words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from .mentions import MAX_SENTENCE
from .text import WORD_RE

PRONOUNS = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})

# r"(?<![\w-])(?:he|she|him|her|his|hers|himself|herself)(?![\w-])" (case-blind) and
# r"(?<!\w)(?:I|me|my|myself)(?!\w)", written to open with the class of the
# characters that a match can open with (those that re.IGNORECASE matches to
# "h" and "s"): `re` skips to them, instead of trying every character
GENDERED = re.compile(r"[hHsS\u017f](?<![\w-][hHsS\u017f])"
                      r"(?i:(?<=h)(?:e|im|er|is|ers|imself|erself)|(?<=s)he)(?![\w-])")
SPEAKER = re.compile(r"[Im](?<!\w[Im])(?:(?<=I)|(?<=m)(?:e|y|yself))(?!\w)")
# its two halves, each opening with one literal character: `re` scans for that
# character far faster than for one of a class (see `speaker_in`)
_SPEAKER_I = re.compile(r"I(?<!\wI)(?!\w)")
_SPEAKER_M = re.compile(r"m(?<!\wm)(?:e|y|yself)(?!\w)")
# "his or her", "he/she", "him and her": gender-neutral usage, not an error
PAIR = re.compile(r"^\s*(?:/|or\b|and\b)\s*(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
PAIR_BEFORE = re.compile(r"\b(?:he|she|him|her|his)\s*(?:/|\bor|\band)\s*$", re.IGNORECASE)
# a speech verb after the pronoun, or a quotation just before it
SPEAKS = re.compile(
    r"\s+(?:also\s+)?(?:said|says|say|adds|added|told|tells|claimed|claims|admitted|admits"
    r"|explained|explains|insisted|insists|argued|argues|noted|notes|stressed|stresses|warned"
    r"|warns|wrote|writes|asked|asks|replied|replies|continued|continues|recalled|recalls"
    r"|believes|believed|thinks|thought|feels|felt|laughs|laughed|smiles|smiled|admits|jokes"
    r"|joked|recalls|concluded|concludes|revealed|reveals|suggested|suggests|hoped|hopes)\b",
    re.IGNORECASE)
AFTER_QUOTE = re.compile(r"[\"”’'],?\s*$")
# a person's words reported with "he" or "she" just after the person's
# mention: "Landsbergis said he", "the minister told reporters that she"
# (the verbs in lower case, single blanks, at most two short words after
# "told": the verb is whole among the last four words, split at blanks, of the
# _SAYS_REACH characters before the pronoun)
_SAY_VERBS = ("said", "says", "added", "adds", "insisted", "insists", "stressed", "stresses",
              "argued", "argues", "warned", "warns", "believes", "believed", "hoped", "hopes",
              "thinks", "thought", "explained", "explains", "confirmed", "confirms", "announced",
              "announces", "admitted", "admits", "claimed", "claims", "promised", "promises",
              "vowed", "vows", "feared", "fears", "wrote", "writes", "noted", "notes")
_SAYS = (r"(?:" + "|".join(_SAY_VERBS) + r"|(?:told|tells)(?: [\w’'-]{1,20}){1,2}) (?:that )?")
SAYS_PRONOUN = re.compile(r",? (?:also )?" + _SAYS + r"(?i:(he)|she)(?![\w-])")
_SAYS_BEFORE = re.compile(_SAYS + r"$")
_SAYS_REACH = 80
# the verbs of _SAYS: one of them is among the last four words before a pronoun
# that _SAYS_BEFORE finds
_SAYS_VERBS = frozenset(_SAY_VERBS) | {"told", "tells"}

# Where the pronoun words and the matches of GENDERED may begin (a superset):
# in the lower-cased text, an "h" not preceded by a letter other than "s" (a
# literal: `re` skips to it at once) ...
_H = re.compile(r"h(?<![^\W\d_s]h)(?:e|im|is|ers?)(?:self)?(?![^\W\d_])")
# ... the same in an ASCII text (a-z are its only letters once lower-cased): no
# Unicode lookups
_H_ASCII = re.compile(r"h(?<![a-rt-z]h)(?:e|im|is|ers?)(?:self)?(?![a-z])")
# ... or, in a text that cannot be lower-cased letter for letter, this
_CANDIDATE = re.compile(r"[hHsS](?<![^\W\d_].)(?i:e|he|im|is|er|imself|erself)(?![^\W\d_])")
# characters read past a match's end by SPEAKER and GENDERED, at most
_REACH = 10


def hits(text: str, low: str | None) -> list[int]:
    """Where a pronoun word or a match of GENDERED may begin (a superset,
    ascending). In the lower-cased text `low` (when it has the same offsets and
    no character that a case-blind match takes for an ASCII letter) each of
    them holds "h" not preceded by a letter other than "s": a scan that stops
    only at "h". Without `low`, _CANDIDATE finds where the pronouns may begin."""
    if low is None:
        return [m.start() for m in _CANDIDATE.finditer(text)]
    scan = _H_ASCII if low.isascii() else _H
    return [m.start() - 1 if low[m.start() - 1:m.start()] == "s" else m.start()
            for m in scan.finditer(low)]


def pronoun_words(text: str, hits: list[int],
                  spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each word of each sentence that is one of PRONOUNS in
    lower case, in order (`hits`: from `hits`).

    Unless `sentences` may cut a word (`may_cut_words`; then give `spans`,
    the sentences), a sentence begins after a blank or at the text's start
    and ends at a stop or before a blank, and a word holds neither: the words
    are those of the whole text, and no other word than one at a hit can be
    a pronoun."""
    if spans is not None:
        return [tok.span() for start, end in spans for tok in WORD_RE.finditer(text, start, end)
                if tok.group().lower() in PRONOUNS]
    return [tok.span() for tok in _words_at(text, hits) if tok.group().lower() in PRONOUNS]


def gendered(text: str, low: str | None, hits: list[int]) -> list[int]:
    """Where each match of GENDERED begins, ascending (`hits`: from `hits`)."""
    if low is None:
        return [m.start() for m in GENDERED.finditer(text)]
    return [at for at in hits if GENDERED.match(text, at)]


def plainly_a_persons(text: str, at: int, end: int) -> bool:
    """Whether the pronoun text[at:end] is plainly a person's: "his or her",
    "he/she", '..." he said' (a speaker is a person)."""
    return bool(PAIR.match(text, end) or PAIR_BEFORE.search(text[max(0, at - 12):at])
                or SPEAKS.match(text, end) or AFTER_QUOTE.search(text[max(0, at - 4):at]))


def speaker_in(text: str, start: int, end: int) -> bool:
    """Whether a first-person word ("I", "my") of the whole text starts in
    [start, end): found by a scan of that stretch only (its lookbehind sees
    the real text; it reads no further than _REACH past the stretch), one for
    each half of SPEAKER ("I"; "me", "my", "myself"): a match of SPEAKER is
    one of either, and the first of each begins no later than any other."""
    stop = min(len(text), end + _REACH)
    m = _SPEAKER_I.search(text, start, stop)
    if m is not None and m.start() < end:
        return True
    m = _SPEAKER_M.search(text, start, stop)
    return m is not None and m.start() < end


# the third character of a feminine pronoun ("she", "her", "hers", "herself"),
# never of a masculine one ("he" ends before a character that no word holds)
FEMININE_THIRD = frozenset("eErR")


def feminine_at(text: str, at: int) -> bool:
    """Whether the match of GENDERED (or the pronoun word) at `at` is
    feminine: "she", "her", "hers", "herself"."""
    return text[at + 2:at + 3] in FEMININE_THIRD


def person_pronoun(text: str, gendered: list[int], start: int, at: int, flagged: set[int],
                   feminine: bool) -> bool:
    """Whether a gendered pronoun of the given gender (`gendered`: where each
    one of the whole text starts, ascending) starts in [start, at) and was not
    read as a thing: it refers to a person of that gender."""
    k = bisect_left(gendered, at) - 1
    while k >= 0 and gendered[k] >= start:
        if gendered[k] not in flagged and feminine_at(text, gendered[k]) == feminine:
            return True
        k -= 1
    return False


def speaks_later(text: str, gendered: list[int], start: int, end: int, feminine: bool) -> bool:
    """Whether a gendered pronoun of the given gender in [start, end) is a
    speaker's ('... her interests, she said')."""
    for p in _of_gender(text, gendered, start, end, feminine):
        m = GENDERED.match(text, p)
        if m is not None and SPEAKS.match(text, m.end()):
            return True
    return False


def _of_gender(text: str, gendered: list[int], start: int, end: int,
               feminine: bool) -> Iterator[int]:
    """Where the gendered pronouns of the given gender in [start, end) begin."""
    for k in range(bisect_left(gendered, start), len(gendered)):
        p = gendered[k]
        if p >= end:
            return
        if feminine_at(text, p) == feminine:
            yield p


def says_pronoun(text: str, end: int, stop: int) -> bool | None:
    """The gender of the pronoun that reports the words of the person whose
    mention ends at `end` ("Landsbergis said he", read no further than
    `stop`): True for "she", False for "he", None if there is none."""
    m = SAYS_PRONOUN.match(text, end)
    if m is None or m.end() > stop:
        return None
    return m.group(1) is None


def may_say_pronoun(text: str, gendered: list[int], start: int, end: int,
                    feminine: bool) -> bool:
    """Whether a gendered pronoun of the given gender in [start, end) follows
    a verb of saying as `says_pronoun` reads one ("said", "told reporters
    that"): a superset of the pronouns that `says_pronoun` finds there."""
    for p in _of_gender(text, gendered, start, end, feminine):
        before = text[max(0, p - _SAYS_REACH):p]
        if not _SAYS_VERBS.isdisjoint(before.split()[-4:]) and _SAYS_BEFORE.search(before):
            return True
    return False


def may_cut_words(text: str) -> bool:
    """Whether `sentences` may cut a sentence inside a word (see garbled's
    twin): a sentence edge elsewhere lies at a blank or after a stop, so a
    pronoun there has no letter before or after it."""
    tile = MAX_SENTENCE // 2 - 1
    find = text.find
    for k in range(0, len(text) - tile + 1, tile):
        if find(" ", k, k + tile) < 0:
            return True
    return False


def _words_at(text: str, hits: list[int]) -> Iterator[re.Match[str]]:
    """The words of the text that begin at one of `hits` (ascending), in
    order: read from the last blank before the hit (a word holds none). After
    a character that no word holds (not a letter, a mark or a hyphen), a word
    begins at the hit, a letter."""
    for at in hits:
        if at == 0 or _OUTSIDE_WORDS.match(text, at - 1):
            yield WORD_RE.match(text, at)  # type: ignore[misc]  # a letter here: a word
            continue
        for tok in WORD_RE.finditer(text, text.rfind(" ", 0, at) + 1):
            if tok.end() > at:
                if tok.start() == at:
                    yield tok
                break


_OUTSIDE_WORDS = re.compile(r"[\x00-\x2c\x2e-\x40\x5b-\x60\x7b-\x7f]")  # ASCII, no letter or "-"
