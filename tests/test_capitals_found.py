"""The capitalised words found without their offsets (capitals.capitalised_texts),
the offsets of the wanted ones found on demand (capitals.starts_of) and the
mention rows built from them (entities.collect_mentions) must be exactly what
the one scan with every offset (capitals.scan) gave. The references below are
that code, run on random documents built from the rules' names and examples
and from risky pieces: capitals inside words ('eBay', 'McDonald', 'anti-Putin',
'Jean-Pierre'), after apostrophes and hyphens, combining marks, letters beyond
ASCII and characters beyond the BMP, with random protected spans."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import capitals
from normalize.capitals import capitalised_texts, scan, starts_of, starts_word
from normalize.document import Document
from normalize.entities import _names_in, collect_mentions, mention_rows
from normalize.model import Span

from .test_mentions_speed import PIECES

MORE = ["eBay", "McDonald", "anti-Putin", "Jean-Pierre", "O'Brien", "d'Artagnan", "x-Bay",
        "-Bay", "Bay-", "Bay-x", "A--B", "A-\u0301b", "Ab\u0301", "_Bay", "Bay_", "3M", "Ab3",
        "Éric", "ÉRIC", "Šakalienė", "e\u0301Bay", "\u0301Bay", "𝐀", "𝐚Bay", "a𝐀b", "😀Bay",
        "Bay😀", "ǅemal", "Ǆ", "ΑΘΗΝΑ", "Αθήνα", "Москва", "Bay", "Bay ", " Bay", "Bayer",
        "BayBay", "Ba", "B", "Ｂay", "’Bay", "”Bay", "(Bay)", "\tBay\r\n", "\u00a0Bay"]
ASCII_MORE = [m for m in MORE if m.isascii()]
TEXTS = st.lists(st.one_of(PIECES, st.sampled_from(MORE)), max_size=40).map("".join)
ASCII_TEXTS = st.lists(st.sampled_from(ASCII_MORE + [" ", "\n", ". ", "£", "“"]),
                       max_size=40).map("".join)


@st.composite
def documents(draw, texts=TEXTS) -> Document:
    text = draw(texts)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 12)), max_size=3))
    protected = tuple(Span(s, min(n, s + k)) for s, k in spans)
    return Document(path="a.txt", text=text, protected=protected)


# -- the code before --------------------------------------------------------------------


def _scan_starts(text: str, wanted: set[str]) -> list[tuple[int, str]]:
    words, starts, _ = scan.__wrapped__(text)
    return [(p, w) for w, p in zip(words, starts) if w in wanted and starts_word(text, p)]


def _scan_collect(doc: Document) -> dict:
    """collect_mentions as it was: the namelike words' offsets taken from the one scan
    with every offset (the rows then built from them as collect_mentions does)."""
    names = _names_in(scan.__wrapped__(doc.text).distinct)
    return mention_rows(doc, _scan_starts(doc.text, names)) if names else {}


# -- the properties ---------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(TEXTS | ASCII_TEXTS)
def test_the_words_without_offsets_are_the_scans(text):
    capitals._found.cache_clear()
    assert capitalised_texts(text) == scan.__wrapped__(text).distinct


def _never(text, wanted):
    raise AssertionError("starts_of missed a wanted match and fell back on the scan")


@settings(max_examples=500, deadline=None)
@given(TEXTS | ASCII_TEXTS, st.data())
def test_the_offsets_found_on_demand_are_the_scans(text, data):
    distinct = sorted(capitalised_texts(text))
    for wanted in (set(distinct), set(data.draw(st.lists(st.sampled_from(distinct))))
                   if distinct else set()):
        with patch.object(capitals, "_from_scan", _never):  # (never needed)
            assert starts_of(text, wanted) == _scan_starts(text, wanted)


@settings(max_examples=500, deadline=None)
@given(documents() | documents(ASCII_TEXTS))
def test_the_mentions_are_those_of_the_walk_over_the_scan(doc):
    assert collect_mentions(doc).rows == _scan_collect(doc)


def test_the_fallback_is_the_scan():
    text = "eBay and McDonald met anti-Putin Jean-Pierre. Bay McDonald, Donald Putin-Bay"
    wanted = {"Bay", "Donald", "McDonald"}
    assert capitals._from_scan(text, wanted) == _scan_starts(text, wanted)


def test_capitals_inside_words():
    text = "eBay and McDonald met anti-Putin Jean-Pierre. Bay McDonald, Donald Putin-Bay"
    wanted = {"Bay", "Donald", "Putin", "McDonald", "Pierre", "Jean-Pierre"}
    assert starts_of(text, wanted) == _scan_starts(text, wanted) == [
        (9, "McDonald"), (33, "Jean-Pierre"), (46, "Bay"), (50, "McDonald"), (60, "Donald")]
