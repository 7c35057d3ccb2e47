"""The typography checks' quick ways out and candidate searches change no hit.

Each check is compared with a plain version of itself: the straightforward
pass over the whole text that it had before (`rare` gives back the whole
text, `matches_at` ignores the places and runs `finditer`), or, where the
walk itself changed, the old walk written out here.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from contextlib import ExitStack
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import typography
from normalize.loader import load_rules
from normalize.typography import CHECKS, mojibake, quotes, scripts, spacing, unicode

OPTIONS = {r.options["check"]: r.options for r in load_rules([], True).rules
           if r.KIND == "typography"}

PIECES = st.sampled_from([
    "a", "B", "x", " ", "  ", "\t", "\n", "\r\n", "\r", ",", ".", ":", ";", "?", "!", "“", "”", '"',
    "-", " -", "- ", "anti", "ANTI", "pre", "co", "ex", "drone", "The", "And", "2", "22", "_",
    "\u00a0", "\u202f", "\u2009", "\u200b", "\u200d", "\u00ad", "\ufeff", "\u0430", "\u0410",
    "\u03bf", "\u0301", "e\u0301", "é", "Ã©", "â€™", "â€", "Ä—", "Å", "ð", "👨", "…", "’", "(",
    ")", "[", "]", "ſ", "İ", "ı", "K", "a b", ".The", "said“We", 'said "We', "anti -drone",
    "pre- and", ", ,", ";;", ": :", "5”", "Lithuаnia", "ΑΒΓ", "Жж",
    # things that take more than one piece to hit
    "word  , x", "word \u2009; x", "word\t\u00a0: x", "2 : 1", "counter -attack", "pseudo- x",
    "“open\nclose”", "“a\n\nb” c”", "added.The", "x ,,", "said“ We", 'say "We" and "They',
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def _plain_matches(pattern, text, places):  # noqa: ANN001
    return pattern.finditer(text)


def _plain(stack: ExitStack) -> None:
    for module in (spacing, quotes, scripts, unicode, mojibake):
        if hasattr(module, "matches_at"):
            stack.enter_context(mock.patch.object(module, "matches_at", _plain_matches))
        if hasattr(module, "rare"):
            stack.enter_context(mock.patch.object(module, "rare", lambda text: text))


def _hits(check, text):  # noqa: ANN001
    return [(h.start, h.end, h.replacement, h.safe, sorted(h.values.items()))
            for h in CHECKS[check](text, OPTIONS[check])]


# the old walks, written out -------------------------------------------------------------

def _old_unbalanced_quotes(text):  # noqa: ANN001
    carried = 0
    for line in re.finditer(r"[^\r\n]+", text):
        body = line.group()
        depth = carried
        for i, ch in enumerate(body):
            if ch == "“":
                depth += 1
            elif ch == "”":
                if depth:
                    depth -= 1
                elif not (i and body[i - 1].isdigit()):
                    yield line.start() + i
        carried = min(depth, 1)


def _old_straight_quotes(text):  # noqa: ANN001
    for line in re.finditer(r"[^\r\n]+", text):
        body = line.group()
        if '"' not in body:
            continue
        for m in spacing._STRAIGHT_GLUED.finditer(body):
            if body.count('"', 0, m.start()) % 2 == 0:
                yield line.start() + m.start()


def _old_mixed_words(text):  # noqa: ANN001
    for m in scripts._LETTERS.finditer(text):
        if not m.group().isascii():
            counts = Counter(s for s in map(scripts.script_of, m.group()) if s)
            if len(counts) >= 2:
                yield m.span()


@pytest.mark.parametrize("check", sorted(CHECKS))
@given(text=TEXTS)
@settings(max_examples=150, deadline=None)
def test_each_check_finds_what_its_plain_version_finds(check, text):
    fast = _hits(check, text)
    with ExitStack() as stack:
        _plain(stack)
        assert _hits(check, text) == fast


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_walks_find_what_the_old_walks_found(text):
    assert [h.start for h in quotes.unbalanced_quotes(text, {})] == \
        list(_old_unbalanced_quotes(text))
    straight = [h.start for h in spacing.space_before_quote(text, {}) if h.replacement == ' "']
    assert straight == list(_old_straight_quotes(text))
    mixed = [(h.start, h.end) for h in scripts.mixed_script(text, OPTIONS["mixed-script"])]
    assert mixed == list(_old_mixed_words(text))


@given(st.lists(st.sampled_from(["anti", "pre", "x", "ſelf", "ANTI", "_", "1", " ", "\t", "-",
                                 "drone", "and", "é"]), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_broken_hyphens_are_tried_where_they_can_begin(text):
    pattern, longest = spacing._hyphenation(tuple(OPTIONS["space-in-hyphenation"]["prefixes"]))
    places = list(spacing._before_joints(text, longest))
    assert [m.span() for m in typography.matches_at(pattern, text, places)] == \
        [m.span() for m in pattern.finditer(text)]


def test_rare_holds_every_greek_and_cyrillic_letter():
    """mixed-script looks for a word's second script only where `rare` found one."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x80, sys.maxunicode + 1):
        ch = chr(code)
        if unicodedata.name(ch, "").split(" ")[0] in ("GREEK", "CYRILLIC") and letter.match(ch):
            assert scripts._GREEK_CYRILLIC.match(ch) and typography._RARE.match(ch), hex(code)


def test_rare_holds_what_the_other_checks_need():
    for ch in list(unicode.INVISIBLE) + [chr(b) for b in mojibake._ALLOWED]:
        assert typography._RARE.match(ch), hex(ord(ch))
    for code in range(0x80, 0x10000):
        if unicode._COMBINING.match(chr(code)):
            assert typography._RARE.match(chr(code)), hex(code)


@pytest.mark.parametrize("text", [
    "”a 2", "“a\nb”\nc”", "x  , y", "anti -drone", "xanti -drone", "counter- attack",
    "said“We", "a\u2009; b", "5”", 'a "b" c"d', "Ã©", "e\u0301 é", "Lithuаnia",
])
def test_edge_cases_match_the_plain_checks(text):
    for check in sorted(CHECKS):
        fast = _hits(check, text)
        with ExitStack() as stack:
            _plain(stack)
            assert _hits(check, text) == fast, check
    assert [h.start for h in quotes.unbalanced_quotes(text, {})] == \
        list(_old_unbalanced_quotes(text))


@given(st.one_of(TEXTS, st.text()))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_rare_is_every_rare_character_of_the_text(text):
    assert typography.rare(text) == "".join(sorted(set(typography._RARE.findall(text))))


def test_rare_holds_no_ascii_character():
    assert not any(typography._RARE.match(chr(c)) for c in range(128))


def test_rare_of_a_text_with_a_lone_surrogate():
    text = "a\ud800b\u0301\u0416\u200b"
    assert typography.rare(text) == "".join(sorted(set(typography._RARE.findall(text))))


@given(TEXTS)
@settings(max_examples=200, deadline=None, derandomize=True)
def test_spaces_before_marks_are_found_where_the_pattern_finds_them(text):
    if any(space in text for space in spacing._RARE_SPACES):
        return
    old = []
    for m in spacing._SPACE_MARK.finditer(text):
        at = m.start()
        while at and text[at - 1] == " ":
            at -= 1
        old.append(at)
    assert spacing._space_runs(text) == old


def _line_has_rtl_as_before(text: str, pos: int) -> bool:
    """The line's start found by a search from the text's start, for each run of
    marks (quadratic where many lines hold a bidi mark, as scraped posts do)."""
    start = max((m.end() for m in re.finditer(r"[\r\n]", text[:pos])), default=0)
    end_m = re.compile(r"[\r\n]").search(text, pos)
    end = end_m.start() if end_m else len(text)
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text[start:end])


@given(st.text("ab \r\n\u05d0\u200e", max_size=40))
@settings(max_examples=500, deadline=None, derandomize=True)
def test_a_marks_line_is_found_backwards_as_it_was_from_the_start(text):
    for pos in range(len(text) + 1):
        assert unicode._line_has_rtl(text, pos) == _line_has_rtl_as_before(text, pos)
