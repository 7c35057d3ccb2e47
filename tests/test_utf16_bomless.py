"""UTF-16 without a BOM: read as text when the evidence is strong, written back
the same way (no BOM added, every byte outside the edits kept); anything less
clear stays a binary file, skipped with a note."""

from __future__ import annotations

import struct

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.cli import main
from normalize.document import Document, DocumentSkipped
from normalize.encoding import NotText, decode
from normalize.engine import _Holding, _mentions_if_holding, check_document
from normalize.fixer import allowed, apply_fixes

from .test_fix_safety import NAMES, SOURCES, TARGETS, rule_sets

FIXABLE = "Foreign Minister Kestutis Budrys spoke on Tuesday.\r\nThe end.\n"
WIDE = ["utf-16-le", "utf-16-be"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("encoding", WIDE)
def test_bomless_utf16_is_checked_and_fixed_in_its_own_encoding(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(FIXABLE.encode(encoding))
    doc = Document.read(path)
    assert (doc.text, doc.encoding, doc.bom) == (FIXABLE, encoding, b"")
    assert doc.encode() == path.read_bytes()
    checked = run("check", path)
    assert checked.exit_code == 1 and "Kęstutis" in checked.output, checked.output
    assert "binary" not in checked.output
    assert run("fix", path).exit_code == 0
    assert path.read_bytes() == FIXABLE.replace("Kestutis", "Kęstutis").encode(encoding)


# Pieces of Latin-script text (Lithuanian letters, curly quotes, dashes, every line
# ending) after a plain sentence: the evidence is strong whatever is drawn.
PIECES = SOURCES + TARGETS + NAMES + ["the", "minister", "said", " ", ",", ".", "\n", "\r\n",
                                      "\r", "\t", "’", "—", "«", "»", "ąčęėįšųūž", "ĄČĘĖĮŠŲŪŽ"]
HEAD = "The minister said on Tuesday that the drone fell near the border of the country. " * 2
latin_documents = st.lists(st.sampled_from(PIECES), max_size=60).map(lambda p: HEAD + " ".join(p))


@given(latin_documents, rule_sets(), st.sampled_from(WIDE), st.sampled_from(["safe", "unsafe"]))
@settings(max_examples=150, deadline=None)
def test_bomless_utf16_round_trips_and_fix_keeps_every_byte_outside_its_edits(
        text, rules, encoding, mode):
    data = text.encode(encoding)
    doc = Document.from_bytes(data, "a.txt")
    assert (doc.text, doc.encoding, doc.bom) == (text, encoding, b"")
    assert doc.encode() == data
    new, edits = apply_fixes(doc.text, check_document(doc, rules), allowed(mode))
    out = doc.encode(new)
    assert out == new.encode(encoding)  # no BOM added
    pos = out_pos = 0
    for edit in edits:
        gap = data[pos : 2 * edit.start]  # two bytes a character: no surrogates drawn
        assert out[out_pos : out_pos + len(gap)] == gap
        out_pos += len(gap) + len(edit.replacement.encode(encoding))
        pos = 2 * edit.end
    assert out[out_pos:] == data[pos:]


@pytest.mark.parametrize("data", [
    struct.pack("<200H", *range(200)),  # 16-bit numbers: control characters
    struct.pack(">200H", *(n % 40 for n in range(200))),
    bytes(400),  # all NUL
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
    "Hi there.\n".encode("utf-16-le"),  # too short to tell
    FIXABLE.encode("utf-16-le")[:-1],  # an odd number of bytes
    FIXABLE.encode("utf-16-le") + b"\x00\xd8",  # a lone surrogate at the end
    FIXABLE.encode("utf-16-le") + "\x07".encode("utf-16-le"),  # a control character
    ("Министр иностранных дел выступил во вторник.\n" * 3).encode("utf-16-le"),  # few NULs
    ("12345 67890, 12345; 67890. " * 4 + "x").encode("utf-16-be"),  # not mostly letters
])
def test_anything_less_clear_stays_binary(data):
    with pytest.raises(NotText) as info:
        decode(data)
    assert info.value.binary
    with pytest.raises(DocumentSkipped):
        Document.from_bytes(data, "a.txt")


@given(st.binary(min_size=32, max_size=400).filter(lambda b: b"\x00" in b))
@settings(max_examples=300, deadline=None)
def test_bytes_with_nul_are_skipped_or_read_back_exactly(data):
    try:
        text, encoding, bom = decode(data)
    except NotText as exc:
        assert exc.binary or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
        return
    assert bom + text.encode(encoding) == data


@pytest.mark.parametrize("encoding", WIDE)
def test_a_second_reading_finds_names_in_bomless_utf16(tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(("Foreign Minister Kęstutis Budrys spoke.\n" * 2).encode(encoding))
    found = _mentions_if_holding(str(path), _Holding(["Kęstutis", "Budrys"]))[1]
    assert "Kęstutis Budrys" in [m.text for m in found]
