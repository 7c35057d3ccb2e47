"""Spacing and punctuation left wrong by translation tools and scrapers.

`space-before-punctuation`: "the drone , which" -> "the drone, which".
English sets no space before a comma or semicolon; before a colon only in
scores ("2 : 1"), which are left alone. French typography puts a (narrow)
no-break space before ":" ";" "!" "?" and guillemets, and machine
translation from French carries it over: before "." "!" "?" only those
no-break and thin spaces are flagged, since a plain space there is also
how people space an ellipsis or a trailing emoticon.

`space-in-hyphenation`: "anti -drone" / "counter- proliferation" ->
"anti-drone". Only after a listed prefix (rule file `prefixes`): "the
economy -which stagnated" is a dash missing its space, not a broken
hyphen, and "pre- and post-war" is a suspended hyphen, both left alone.

`space-before-quote`: "said“We" -> "said “We". A curly opening quote glued
to the word before it is safe to space; a straight quote only when it is
the line's opening one (an even number of quotes before it), and that fix
is unsafe.

`space-after-sentence`: "would be added.The programme" -> "added. The": a
paragraph break lost by a scraper. Only before a capitalised common English
word (the language's most frequent words, from wordfreq), so "One.Tel",
"Caliber.Az" and "Halo.Bungie.Org" are left alone.

`doubled-punctuation`: ",," / ", ," / ";;" -> one. Doubled dots are left
alone ("playing..or" is an ellipsis short of a dot, not a doubled period).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from . import (
    BLANK_HYPHEN_LETTER,
    LETTER_HYPHEN_BLANK,
    MARK_AGAIN_OR_UPPER,
    SPACE_MARK,
    Hit,
    matches_at,
    neighbours,
    starts,
)

_FRENCH_SPACES = "\u00a0\u202f\u2009"
_SPACE_BEFORE = re.compile(
    r"(?<=[^\W_]|[”’\")\]])([ \t\u00a0\u202f\u2009]+)([,;:.!?])(?=\s|$|[\"”’)\]])"
)
# where a match can begin: a plain space before a mark, or, in text with other
# spaces, a run of any of them
_SPACE_MARK = re.compile(r" [,;:.!?]")
_RARE_SPACES = ("\t", "\u00a0", "\u202f", "\u2009")
_ANY_SPACE_MARK = re.compile(r"[ \t\u00a0\u202f\u2009](?=[ \t\u00a0\u202f\u2009]*[,;:.!?])")


def space_before_punctuation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if not neighbours(text) & SPACE_MARK:
        return
    for m in matches_at(_SPACE_BEFORE, text, _space_runs(text)):
        space, mark = m.group(1), m.group(2)
        french = all(c in _FRENCH_SPACES for c in space)
        if mark in ".!?" and not french:
            continue
        if mark == ":" and not french and _is_score(text, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), mark, safe=True, values={"mark": mark})


def _space_runs(text: str) -> list[int]:
    """Where a run of spaces before a mark begins (a match begins at a run's start)."""
    if any(space in text for space in _RARE_SPACES):
        return starts(text, _ANY_SPACE_MARK)
    # where _SPACE_MARK matches (its pattern begins with a literal, so `re` jumps from
    # one blank to the next: twice as quick as looking for each pair with str.find)
    out = []
    for m in _SPACE_MARK.finditer(text):
        at = m.start()
        while at and text[at - 1] == " ":
            at -= 1
        out.append(at)
    return out


def _is_score(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end:end + 2].lstrip()[:1]
    return before.isdigit() and after.isdigit()


_SUSPENDED = {"and", "or", "to", "nor", "versus", "vs"}
_WORD = re.compile(r"\w+")


def space_in_hyphenation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    prefixes = tuple(options["prefixes"])
    pattern, longest = _hyphenation(prefixes)
    if pattern is None:
        return
    joints = _joints(prefixes)
    if joints and not neighbours(text) & joints:
        return
    for m in matches_at(pattern, text, _before_joints(text, longest)):
        prefix, word = m.group(1), m.group(4)
        if m.group(3) is not None and word.lower() in _SUSPENDED:
            continue  # "pre- and post-war"
        # the edit covers only the broken joint, so a rule that rewrites the
        # whole phrase ("anti -antiomic shelters") wins where both apply
        joint = m.start(1) + len(prefix)
        yield Hit(joint, m.start(4), "-", safe=True,
                  values={"found": m.group(), "proposal": f"{prefix}-{word}"})


@lru_cache(maxsize=8)
def _hyphenation(prefixes: tuple[str, ...]) -> tuple[re.Pattern[str] | None, int | None]:
    """The pattern, and the longest prefix when every prefix is a word (then a
    match begins where the word before a broken joint begins), else None."""
    joined = "|".join(sorted((re.escape(p) for p in prefixes), key=len, reverse=True))
    if not joined:
        return None, None
    pattern = re.compile(
        rf"(?<![\w-])({joined})(?:([ \t]+)-|-([ \t]+))([^\W\d_][\w]*)", re.IGNORECASE
    )
    words = all(_WORD.fullmatch(p) for p in prefixes)
    return pattern, max(map(len, prefixes)) if words else None


@lru_cache(maxsize=8)
def _joints(prefixes: tuple[str, ...]) -> int:
    """The `neighbours` one of which a match holds: " -d" or, after a prefix,
    "d- "; 0 (no test) where a prefix does not end in a letter."""
    if all(p[-1:].isalpha() for p in prefixes):
        return BLANK_HYPHEN_LETTER | LETTER_HYPHEN_BLANK
    return 0


def _before_joints(text: str, longest: int | None) -> Iterable[int]:
    """Where a match can begin: the start of the word just before a hyphen
    with a space or tab on either side ("anti -", "anti- ")."""
    if longest is None:
        yield from range(len(text))
        return
    hyphen, last = text.find("-"), -1
    while hyphen >= 0:
        if hyphen and text[hyphen - 1] in " \t":
            joint = hyphen - 1
            while joint and text[joint - 1] in " \t":
                joint -= 1
        elif text[hyphen + 1:hyphen + 2] in (" ", "\t"):
            joint = hyphen
        else:
            joint = -1
        if joint > 0:
            at = joint
            while at and joint - at <= longest and (text[at - 1].isalnum() or text[at - 1] == "_"):
                at -= 1
            if at < joint and joint - at <= longest and at > last:
                last = at
                yield at
        hyphen = text.find("-", hyphen + 1)


_CURLY_GLUED = re.compile(r"(?<=[^\W_]|[,.;:!?])“(?=\S)")
_CURLY = re.compile("“")
_STRAIGHT_GLUED = re.compile(r'(?<=[^\W\d_])"(?=[^\W\d_])')
# the matches of _STRAIGHT_GLUED, looked for from the quote: a pattern that begins
# with a literal character is searched at memchr speed, one that begins with a
# look-behind is tried at every offset
_GLUED_QUOTE = re.compile(r'"(?<=[^\W\d_]")(?=[^\W\d_])')


def space_before_quote(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if "“" in text:
        for m in matches_at(_CURLY_GLUED, text, starts(text, _CURLY)):
            if text[m.start() - 1] == "." and text[m.start() - 2 : m.start()] == "..":
                continue
            yield Hit(m.start(), m.end(), " “", safe=True,
                      values={"found": _glued(text, m.start()) + "“"})
    for m in _GLUED_QUOTE.finditer(text):
        at = m.start()
        line = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
        if text.count('"', line, at) % 2 == 0:  # an opening quote
            yield Hit(at, at + 1, ' "', safe=False, values={"found": _glued(text, at) + '"'})


_GLUED_SENTENCE = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=([A-Z][a-z]*)\b)")
_MARK_CAPITAL = (re.compile(r"\.(?=[A-Z])"), re.compile(r"!(?=[A-Z])"), re.compile(r"\?(?=[A-Z])"))


def space_after_sentence(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if not neighbours(text) & MARK_AGAIN_OR_UPPER:
        return
    places = starts(text, *_MARK_CAPITAL)
    if not places:
        return
    common = _common_words()
    for m in matches_at(_GLUED_SENTENCE, text, places):
        word = m.group(1)
        before = text[max(0, m.start() - 30) : m.start()].split()
        if word.lower() not in common or (before and not before[-1][-1:].islower()):
            continue
        last = before[-1] if before else ""
        yield Hit(m.start(), m.end(), m.group() + " ", safe=True,
                  values={"found": last + m.group() + word,
                          "proposal": last + m.group() + " " + word})


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from ..langid import function_words

    return function_words("en", 150)


def _glued(text: str, at: int) -> str:
    """The word just before `at`, for the message."""
    start = at
    while start > 0 and at - start < 30 and not text[start - 1].isspace():
        start -= 1
    return text[start:at]


_DOUBLED = re.compile(r"([,;])[ \t]*\1(?=\s|$)|(:)[ \t]*:(?=\s|$)")
_MARK_AGAIN = (re.compile(r",(?=[ \t]*,)"), re.compile(r";(?=[ \t]*;)"),
               re.compile(r":(?=[ \t]*:)"))


def doubled_punctuation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    # a doubled mark is two marks side by side or a space before the second
    if not neighbours(text) & (SPACE_MARK | MARK_AGAIN_OR_UPPER):
        return
    # `in` finds a character at memchr speed, `re` a pattern's first one at a third of it
    again = [p for mark, p in zip(",;:", _MARK_AGAIN) if mark in text]
    if not again:
        return
    for m in matches_at(_DOUBLED, text, starts(text, *again)):
        mark = m.group(1) or m.group(2)
        yield Hit(m.start(), m.end(), mark, safe=True, values={"mark": mark})
