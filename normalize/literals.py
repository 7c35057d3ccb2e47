"""Text a pattern cannot match without: needles that let most rules skip a document.

A rule's regular expression is run over a document only if the document
holds the text its matches need. `requirements` reads the parsed pattern and
returns *requirements*: sets of needles, one of which every match contains
(several requirements: each one holds). Needles are lower-cased, and a space
in a needle stands for a run of white space, so `as\\s+(?:said|says)` needs
"as said" or "as says". A needle is *bounded* when every match has a
character other than a-z (or the start of the text) just before it: after
`\\b`, `^`, a non-word look-behind, white space or punctuation.

All rules' bounded needles are found in one pass per document
(normalize.needles), so a rule whose needles are absent costs a few set
look-ups. Unbounded needles are tested one by one with `in`, and only
when the rule's bounded requirements hold.

Soundness: the set of strings worked out for part of a pattern always holds
every string that part can match (more is allowed), and a needle is a piece
of such a string. Letters that `re.IGNORECASE` matches although `str.lower`
does not map them onto the same letter (dotless i, long s, Kelvin sign,
dotted capital I, and the Greek and Cyrillic letters with a second small
form) are kept out of needles or make the document skip the test; so is
sigma, whose lower case depends on the letters around it.
"""

from __future__ import annotations

import re
from typing import Any, cast

from .needles import Needle, Requirement
from .pattern_strings import ATOMIC, REPEATS, ZERO_WIDTH, C, Strings, flags_of, join, sre_parse
from .pattern_strings import starts as starts  # re-exported: the text a match begins with

MIN_LENGTH = 3  # shorter ASCII needles are in nearly every text: not worth a test
KEEP = 3  # requirements kept per pattern, the strongest
# words too common to tell documents apart: a requirement naming one is dropped
COMMON = frozenset(
    "the and that for with was were are this from have has had not but his her its "
    "they their which said will would been also more than into after about who".split()
)

_NON_LETTER_CATEGORIES = {C.CATEGORY_SPACE, C.CATEGORY_DIGIT, C.CATEGORY_NOT_WORD}
_LINE_STARTS = {C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING}
_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")
_LETTER_CODES = [*range(65, 91), *range(97, 123), 0x130, 0x212A]  # what lower()s to a-z


def requirements(pattern: str, flags: int = 0, *, anchored: bool = False,
                 whole_text: bool = True) -> tuple[Requirement, ...]:
    """Requirements every match of `pattern` meets, strongest first ((): none).

    `anchored`: matches start after a non-letter (a line matched whole).
    `whole_text`: the pattern runs over the document itself; False for a
    pattern run over a slice of it, whose `^`, `\\b` and look-behinds at the
    slice's edge say nothing about the document."""
    try:
        tree = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - the caller compiles and reports bad patterns
        return ()
    reader = _Reader(tree.state, whole_text)
    ic = bool(tree.state.flags & re.IGNORECASE)
    found, _ = reader.scan(list(tree.data), ic, "yes" if anchored else "")
    strong = [r for r in found if _strong(r)]
    strong.sort(key=_strength, reverse=True)
    return tuple(strong[:KEEP])


def _strong(req: Requirement) -> bool:
    return bool(req) and all(
        (sum(c.isalnum() for c in n.text) >= MIN_LENGTH or not n.text.isascii())
        and n.text not in COMMON for n in req)


def _strength(req: Requirement) -> tuple[bool, int]:
    return all(n.bounded for n in req), min(len(n.text) for n in req)


def _needle(text: str, bound: str) -> Needle | None:
    """The best needle of one string a stretch can match, whose start is
    bounded ("yes"), bounded if it starts with a word character ("word"), or not ("")."""
    if text.startswith(" "):
        bound = "yes"  # white space before it
    text = text.strip(" ")
    if bound == "word" and text[:1] and (text[0].isalnum() or text[0] == "_"):
        bound = "yes"
    if bound != "yes":
        cut = next((i for i in range(1, len(text)) if text[i - 1] not in _AZ), None)
        if cut is not None:
            tail = _needle(" " + text[cut:], "yes")
            if tail is not None and tail.bounded:
                return tail
        chunk = max(text.split(" "), key=len)
        return Needle(chunk, False) if chunk else None
    return Needle(text, True) if text else None


def _prune(needles: set[Needle]) -> Requirement:
    """Drop needles that hold another one of the set where it would be found:
    'the act' goes when 'act' is there. Each needle's own pieces are looked up
    in the set (needles are short; sets can hold hundreds)."""
    bounded = {n.text for n in needles if n.bounded}
    loose = {n.text for n in needles if not n.bounded}

    def holds_another(big: Needle) -> bool:
        text, size = big.text, len(big.text)
        pieces = ((i, j) for i in range(size) for j in range(i + 1, size + 1))
        for i, j in pieces:
            piece = text[i:j]
            if piece in loose and Needle(piece, False) != big:
                return True  # a loose needle is found anywhere
            if (piece in bounded and Needle(piece, True) != big
                    and ((i == 0 and big.bounded) or (i > 0 and text[i - 1] not in _AZ))):
                return True  # a bounded one where no a-z precedes it
        return False

    return frozenset(n for n in needles if not holds_another(n))


class _Reader(Strings):
    """Requirements of parsed items (see `requirements`)."""

    def __init__(self, state: sre_parse.State, whole_text: bool) -> None:
        super().__init__(state)
        self.whole_text = whole_text

    # the strings a part of a pattern can match ------------------------------------

    # requirements of a sequence ---------------------------------------------------

    def scan(self, items: list, ic: bool, bound: str) -> tuple[list[Requirement], str]:
        """(requirements, boundedness after the sequence); `bound` is "yes",
        "word" (bounded if a word character follows) or "" (unknown)."""
        reqs: list[Requirement] = []
        stretch: set[str] | None = None
        start = ""

        def flush() -> str:
            if stretch is None:
                return bound
            needles = {_needle(s, start) for s in stretch}
            if None not in needles:
                reqs.append(_prune(needles))  # type: ignore[arg-type]  # no None in needles
            ends = [s[-1:] for s in stretch]
            if all(e and e not in _AZ for e in ends):
                return "yes"
            return "yes" if start == "yes" and all(e == "" or e not in _AZ for e in ends) else ""

        for op, av in items:
            if op in ZERO_WIDTH:
                limit = self.bounds(op, av)
                if limit:
                    bound = flush()
                    stretch = None
                    bound = "yes" if "yes" in (bound, limit) else limit
                continue
            part = self.item((op, av), ic)
            if part is not None:
                if stretch is None:
                    stretch, start = {""}, bound
                joined = join(stretch, part)
                if joined is not None:
                    stretch = joined
                    continue
                bound = flush()
                stretch, start = part, bound
                continue
            bound = flush()
            stretch = None
            inner, bound = self.inner((op, av), ic, bound)
            reqs.extend(inner)
        bound = flush()
        return reqs, bound

    def inner(self, item: tuple, ic: bool, bound: str) -> tuple[list[Requirement], str]:
        """Requirements of an item with too many strings, and the boundedness after it."""
        op, av = item
        after = "yes" if self.non_letter(item) and (self.width(item)[0] or bound == "yes") else ""
        if op is C.SUBPATTERN:
            reqs, end = self.scan(list(av[3]), flags_of(ic, av[1], av[2]), bound)
            return reqs, end or after
        if op is ATOMIC:
            reqs, end = self.scan(list(av), ic, bound)
            return reqs, end or after
        if op is C.BRANCH:
            best, ends = [], []
            for alt in av[1]:
                reqs, end = self.scan(list(alt), ic, bound)
                strong = sorted((r for r in reqs if _strong(r)), key=_strength)
                best.append(strong[-1] if strong else None)
                ends.append(end)
            end = "yes" if all(e == "yes" for e in ends) else ""
            if None in best:
                return [], end or after
            return [frozenset().union(*cast("list[Requirement]", best))], end or after  # no None
        if op in REPEATS:
            # after one round or more, what the last round ends with; after none, `bound`
            _, end = self.scan(list(av[2]), ic, "")
            end = "yes" if end == "yes" and (av[0] >= 1 or bound == "yes") else ""
            if av[0] >= 1:
                reqs, _ = self.scan(list(av[2]), ic, bound)
                return reqs, end or after
            return [], end or after
        return [], after

    def bounds(self, op: object, av: Any) -> str:
        """What a zero-width item says about the character before the next one
        (`av`: an AT code, or a look-around's (direction, items))."""
        if not self.whole_text:
            return ""
        if op is C.AT:
            return "yes" if av in _LINE_STARTS else "word" if av is C.AT_BOUNDARY else ""
        direction, sub = av
        if direction != -1:
            return ""
        sub = list(sub)
        if op is C.ASSERT_NOT:  # (?<![\w...]): not after a word character
            alts = [list(a) for a in sub[0][1][1]] if len(sub) == 1 and \
                sub[0][0] is C.BRANCH else [sub]
            if any(len(a) == 1 and a[0][0] is C.IN
                   and (C.CATEGORY, C.CATEGORY_WORD) in a[0][1] for a in alts) \
                    and all(self.width(("seq", a)) == (1, 1) for a in alts):
                return "yes"
            return ""
        return "yes" if sub and self.non_letter(sub[-1]) and self.width(sub[-1])[0] else ""

    def width(self, item: tuple) -> tuple[int, int]:
        items = item[1] if item[0] == "seq" else [item]
        return sre_parse.SubPattern(self.state, list(items)).getwidth()

    def non_letter(self, item: tuple) -> bool:
        """Nothing `item` consumes lower-cases to a-z."""
        op, av = item
        if op is C.LITERAL:
            return not _letter(chr(av))
        if op is C.IN:
            if av and av[0][0] is C.NEGATE:
                return False
            return all(
                (o is C.LITERAL and not _letter(chr(a)))
                or (o is C.CATEGORY and a in _NON_LETTER_CATEGORIES)
                or (o is C.RANGE and not _letters_in(a[0], a[1]))
                for o, a in av)
        if op is C.SUBPATTERN:
            return all(self.non_letter(i) for i in av[3])
        if op is C.BRANCH:
            return all(self.non_letter(i) for alt in av[1] for i in alt)
        if op in REPEATS:
            return all(self.non_letter(i) for i in av[2])
        return op in ZERO_WIDTH


def _letter(ch: str) -> bool:
    """Lower-cases to a-z: A-Z, a-z, dotted capital I, Kelvin sign."""
    return ch.lower()[:1] in _AZ


def _letters_in(low: int, high: int) -> bool:
    return any(low <= c <= high for c in _LETTER_CODES)


