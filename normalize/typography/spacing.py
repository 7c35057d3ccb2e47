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
from collections.abc import Iterator
from typing import Any

from . import Hit

_FRENCH_SPACES = "\u00a0\u202f\u2009"
_SPACE_BEFORE = re.compile(
    r"(?<=[^\W_]|[”’\")\]])([ \t\u00a0\u202f\u2009]+)([,;:.!?])(?=\s|$|[\"”’)\]])"
)


def space_before_punctuation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    for m in _SPACE_BEFORE.finditer(text):
        space, mark = m.group(1), m.group(2)
        french = all(c in _FRENCH_SPACES for c in space)
        if mark in ".!?" and not french:
            continue
        if mark == ":" and not french and _is_score(text, m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end(), mark, safe=True, values={"mark": mark})


def _is_score(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end:end + 2].lstrip()[:1]
    return before.isdigit() and after.isdigit()


_SUSPENDED = {"and", "or", "to", "nor", "versus", "vs"}


def space_in_hyphenation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    prefixes = "|".join(sorted((re.escape(p) for p in options["prefixes"]), key=len,
                               reverse=True))
    if not prefixes:
        return
    pattern = re.compile(
        rf"(?<![\w-])({prefixes})(?:([ \t]+)-|-([ \t]+))([^\W\d_][\w]*)", re.IGNORECASE
    )
    for m in pattern.finditer(text):
        prefix, word = m.group(1), m.group(4)
        if m.group(3) is not None and word.lower() in _SUSPENDED:
            continue  # "pre- and post-war"
        # the edit covers only the broken joint, so a rule that rewrites the
        # whole phrase ("anti -antiomic shelters") wins where both apply
        joint = m.start(1) + len(prefix)
        yield Hit(joint, m.start(4), "-", safe=True,
                  values={"found": m.group(), "proposal": f"{prefix}-{word}"})


_CURLY_GLUED = re.compile(r"(?<=[^\W_]|[,.;:!?])“(?=\S)")
_STRAIGHT_GLUED = re.compile(r'(?<=[^\W\d_])"(?=[^\W\d_])')
_LINE = re.compile(r"[^\r\n]+")


def space_before_quote(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    for m in _CURLY_GLUED.finditer(text):
        if text[m.start() - 1] == "." and text[m.start() - 2 : m.start()] == "..":
            continue
        yield Hit(m.start(), m.end(), " “", safe=True,
                  values={"found": _glued(text, m.start()) + "“"})
    for line in _LINE.finditer(text):
        body = line.group()
        if '"' not in body:
            continue
        for m in _STRAIGHT_GLUED.finditer(body):
            if body.count('"', 0, m.start()) % 2 == 0:  # an opening quote
                at = line.start() + m.start()
                yield Hit(at, at + 1, ' "', safe=False,
                          values={"found": _glued(text, at) + '"'})


_GLUED_SENTENCE = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=([A-Z][a-z]*)\b)")


def space_after_sentence(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    from ..langid import function_words

    common = function_words("en", 150)
    for m in _GLUED_SENTENCE.finditer(text):
        word = m.group(1)
        before = text[max(0, m.start() - 30) : m.start()].split()
        if word.lower() not in common or (before and not before[-1][-1:].islower()):
            continue
        last = before[-1] if before else ""
        yield Hit(m.start(), m.end(), m.group() + " ", safe=True,
                  values={"found": last + m.group() + word,
                          "proposal": last + m.group() + " " + word})


def _glued(text: str, at: int) -> str:
    """The word just before `at`, for the message."""
    start = at
    while start > 0 and at - start < 30 and not text[start - 1].isspace():
        start -= 1
    return text[start:at]


_DOUBLED = re.compile(r"([,;])[ \t]*\1(?=\s|$)|(:)[ \t]*:(?=\s|$)")


def doubled_punctuation(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    for m in _DOUBLED.finditer(text):
        mark = m.group(1) or m.group(2)
        yield Hit(m.start(), m.end(), mark, safe=True, values={"mark": mark})
