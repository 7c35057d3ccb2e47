"""Quotation marks: unbalanced ones (flag only), and doubled straight ones.

`doubled-quotes`: '""unrealistic""' -> '"unrealistic"'. A spreadsheet or CSV
export escapes a straight quote inside a field by doubling it, and a feed
built from one keeps the pair: two straight quotes glued to a word are never
English. An empty pair ('""', a blank on either side) is left alone.

`unbalanced-quotes`:

A closing curly quote with no opening one before it in the same paragraph
means a quote lost its start (or was typed the wrong way round: ”this”).
A quotation left open at the end of the line before carries over (a quoted
post split into lines keeps its one pair of marks).
An opening quote without a closing one is *not* flagged: news style leaves
a quote open at the end of a paragraph when the quotation goes on in the
next, and straight quotes cannot be paired reliably at all. Inch and
second marks after digits (5”) are not quotes.

No fix: where the quote should open is a judgement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import Hit

# what changes the count: quotation marks, and line ends (a run of them ends a line)
_EVENTS = re.compile(r"[“”]|[\r\n]+")


def unbalanced_quotes(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if "”" not in text:
        return  # only a closing quote is ever flagged
    depth = 0  # open quotations, counting one carried over from the line before
    for m in _EVENTS.finditer(text):
        ch, at = m.group(), m.start()
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            elif not (at and text[at - 1].isdigit()):
                yield Hit(at, at + 1)
        else:
            depth = min(depth, 1)  # a quotation left open carries over, once


# two straight quotes glued to a word: before it (after a blank, a bracket or the
# line's start) or after it (after a letter, a digit or a mark ending a quotation)
_DOUBLED = re.compile(r'(?:(?<=[\s(\[])|^)""(?=\w)|(?<=[\w.,!?;:])""(?=[\s.,;:!?)\]]|$)',
                      re.MULTILINE)


def doubled_quotes(text: str, options: dict[str, Any]) -> Iterator[Hit]:
    if '""' not in text:
        return
    for m in _DOUBLED.finditer(text):
        yield Hit(m.start(), m.end(), '"', safe=True)
