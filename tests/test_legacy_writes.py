"""Files that are not UTF-8: what they are read as, and that `fix` writes into
them only what reads back as intended.

- UTF-8 with a stray byte (a pasted cp1252 apostrophe, a cut-off file) is
  refused, naming the bad bytes: read as cp1250, its correct characters
  would look like mojibake and be "fixed" into other bytes;
- a legacy file that reads the same in several encodings gets only the
  edits that are the same bytes in each of them, unless it declares its
  charset (HTML `<meta charset>`, XML declaration), which then decides.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cli
from normalize.document import Document, DocumentError
from normalize.encoding import LEGACY, SINGLE_BYTE, NotText, read_text


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


# -- UTF-8 with a few bad bytes -----------------------------------------------------

def test_utf8_with_a_stray_byte_is_refused_not_read_as_cp1250(tmp_path):
    data = b"He said \xe2\x80\x9cit\xe2\x80\x99s fine\xe2\x80\x9d today.\nIt\x92s cheap.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    result = run("fix", path)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line == (f"error: {path}: not valid UTF-8: 1 invalid byte, the first at offset 35 "
                    "(fix it, or convert the file to UTF-8)")
    assert path.read_bytes() == data


def test_utf8_cut_in_a_character_is_refused(tmp_path):
    text = "The café’s owner in Zürich didn’t say.\n"
    data = text.encode() + b"\xc3"
    with pytest.raises(DocumentError, match=f"1 invalid byte, the first at offset {len(data) - 1}"):
        Document.from_bytes(data, "trunc.txt")


NON_ASCII = st.sampled_from(["é", "ü", "’", "“", "”", "ė", "Š", "—", "…", "ą", "ß"])
PIECES = st.one_of(NON_ASCII, st.sampled_from(["The ", "minister", " said", ". ", "\n", "a"]))


@given(st.lists(PIECES, min_size=1, max_size=40), st.integers(0, 40),
       st.integers(0x80, 0xFF), st.data())
@settings(max_examples=300, deadline=None)
def test_utf8_with_one_stray_byte_is_never_read_as_something_else(pieces, at, stray, data):
    """Two or more UTF-8 characters and one byte that is not UTF-8: refused, the
    byte named; never decoded as a legacy encoding that would rewrite them."""
    if sum(1 for p in pieces if not p.isascii()) < 2:
        pieces = [*pieces, "é", "’"]
    at = min(at, len(pieces))
    blob = ("".join(pieces[:at]).encode() + bytes([stray]) + "".join(pieces[at:]).encode())
    with pytest.raises(NotText) as caught:
        read_text(blob)
    offset = len("".join(pieces[:at]).encode())
    assert f"not valid UTF-8: 1 invalid byte, the first at offset {offset} " in str(caught.value)


@pytest.mark.parametrize("text,encoding", [
    ("Ministr řekl, že dron spadl poblíž hranic; šťastně nikdo nezemřel.", "cp1250"),
    ("Minister powiedział, że dron spadł; śledztwo trwa, świadków brak.", "cp1250"),
    ("Užsienio reikalų ministras pareiškė, kad dronas nukrito.", "cp1257"),
    ("Le ministre a déjà déclaré que le drone était tombé près de la frontière.", "cp1252"),
])
def test_real_legacy_files_are_still_read(text, encoding):
    data = text.encode(encoding)
    doc = Document.from_bytes(data, "old.txt")
    assert (doc.text, doc.encoding) == (text, encoding)
    assert doc.encode() == data


def test_a_lone_candidate_must_win_the_vote():
    # only cp1250 decodes these bytes (cp1252 lacks 0x9d, cp1257 0x9c), and they
    # are not words in it: refused, as when no candidate wins
    data = b"\x9cxq\x9dzk \x8dvv\x9cpt"
    with pytest.raises(NotText, match="not clearly"):
        read_text(data)


# -- a legacy file that reads the same in several encodings ---------------------------

SHARED = "üéäößóÄÖÜÉ"  # the same byte and letter in cp1252, cp1250 and cp1257
ORBAN = "Der Bürgermeister traf Viktor Orban.\n"




@given(st.text(alphabet=st.sampled_from(list(SHARED) + list("abc ,.\n")), min_size=1),
       st.text(alphabet=st.sampled_from(list(SHARED) + list("áàñøåýįėęšž xyz")), max_size=6))
@settings(max_examples=300, deadline=None)
def test_what_an_ambiguous_file_takes_reads_the_same_in_each_encoding(text, replacement):
    if text.isascii():
        text += "ü"
    doc = Document.from_bytes(text.encode("cp1252"), "a.txt")
    names = (doc.encoding, *doc.also)
    assert set(names) == set(LEGACY)
    if doc.cannot_write(replacement) is None:
        out = doc.encode(text + replacement)
        assert len({out.decode(name) for name in names}) == 1
    else:
        with pytest.raises(DocumentError, match="cannot write"):
            doc.encode(text + replacement)




# -- a declared charset decides -------------------------------------------------------

def page(charset_tag: str, body: bytes) -> bytes:
    return (b"<html><head>" + charset_tag.encode() + b"</head>\n<body><p>" + body
            + b"</p></body></html>\n")




def test_a_page_declaring_windows_1250_is_fixed_in_it(tmp_path):
    data = page('<meta charset="windows-1250">', b"Der B\xfcrgermeister traf Viktor Orban.")
    path = tmp_path / "a.html"
    path.write_bytes(data)
    run("fix", path)
    assert path.read_bytes() == data.replace(b"Orban", "Orbán".encode("cp1250"))


def test_an_xml_declaration_decides_too():
    data = (b'<?xml version="1.0" encoding="windows-1257"?>\n<html><body><p>Der B\xfcrgermeister'
            b"</p></body></html>\n")
    assert Document.from_bytes(data, "a.html").encoding == "cp1257"


def test_an_ascii_page_declaring_a_legacy_charset_is_written_in_it(tmp_path):
    data = page('<meta charset="windows-1257">', b"Then Viktor Orban spoke.")
    path = tmp_path / "a.html"
    path.write_bytes(data)
    assert Document.read(path).encoding == "cp1257"
    run("fix", path)
    assert path.read_bytes() == data  # UTF-8 'á' would read 'Ăˇ' in this page


@pytest.mark.parametrize("tag,message", [
    ('<meta charset="utf-8">', "not valid UTF-8, which it declares: 1 invalid byte"),
    ('<meta charset="shift_jis">', "declares charset 'shift_jis', which normalize does not"),
    ('<meta charset="x-unknown">', "declares charset 'x-unknown'"),
])
def test_a_declared_charset_that_does_not_fit_is_refused(tag, message):
    with pytest.raises(DocumentError, match=message):
        Document.from_bytes(page(tag, b"Der B\xfcrgermeister"), "a.html")


@pytest.mark.parametrize("name", sorted(SINGLE_BYTE))
def test_declared_single_byte_encodings_give_back_their_bytes(name):
    for byte in range(256):
        try:
            char = bytes([byte]).decode(name)
        except UnicodeDecodeError:
            continue
        assert char.encode(name) == bytes([byte])
