"""Which charset a file declares: what a browser takes for a declaration.

A `<meta charset>` in an HTML comment, in a `<script>` or `<style>`, in
another tag's attribute value or in Markdown code is not the page's
declaration. Taken for one, it made `fix` write its edits in the wrong
encoding: a UTF-8 page with an old cp1257 declaration in a comment got a
cp1257 byte, and was no longer valid UTF-8.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cli
from normalize.document import Document
from normalize.encoding import declared_charset


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


# -- the reported cases ---------------------------------------------------------------

BODY = b"<body><p>Foreign Minister Kestutis Budrys met Jos\xe9 in Z\xfcrich.</p></body></html>\n"


def test_an_ascii_utf8_page_with_an_old_declaration_in_a_comment_stays_utf8(tmp_path):
    data = (b'<html><head><!-- until 2019: <meta charset="windows-1257"> -->\n'
            b'<meta charset="utf-8"></head>\n'
            b"<body><p>Foreign Minister Kestutis Budrys spoke.</p></body></html>\n")
    path = tmp_path / "ascii2.html"
    path.write_bytes(data)
    assert Document.read(path).encoding == "utf-8"
    run("fix", path)
    assert path.read_bytes() == data.replace(b"Kestutis", "Kęstutis".encode())


@pytest.mark.parametrize("name,data", [
    ("page.html", b'<html><head><!-- was: <meta charset="iso-8859-2"> --></head>\n' + BODY),
    ("s.html", b'<script>s = "<meta charset=windows-1257>";</script>\n' + BODY),
    ("t.md", b'How to declare a charset:\n\n```html\n<meta charset="windows-1257">\n```\n\n'
             + BODY),
    ("span.md", b'Use `<meta charset="windows-1257">` here.\n\n' + BODY),
])
def test_a_charset_in_a_comment_script_or_code_does_not_decide_what_fix_writes(
        tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    doc = Document.read(path)
    assert (doc.encoding, set(doc.also)) == ("cp1252", {"cp1250", "cp1257"})
    result = run("fix", path)
    assert path.read_bytes() == data  # 'ę' is another letter in each: not written
    assert "cannot write 'ę'" in result.stderr


# -- what is a declaration -----------------------------------------------------------

@pytest.mark.parametrize("head,expected", [
    (b'<meta charset="windows-1257">', "cp1257"),
    (b"<META CHARSET=Windows-1257>", "cp1257"),
    (b"<meta charset = ' windows-1257 '>", "cp1257"),
    (b"<meta/charset=windows-1257/>", "cp1257"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1257'>", "cp1257"),
    (b'<meta content="text/html;charset=\'iso-8859-2\'" http-equiv="content-type">', "iso8859-2"),
    (b"<meta charset=iso-8859-1>", "cp1252"),
    (b"<meta charset=utf-16le>", "utf-8"),
    (b"<meta charset=x-unknown>", "x-unknown"),  # (refused when read, not ignored)
    (b"<meta charset=' '><meta charset=windows-1257>", "cp1257"),  # (an empty label: read on)
    (b"<meta http-equiv=content-type content='charset=\" \"'>", None),
    (b'<?xml version="1.0" encoding="windows-1257"?><html>', "cp1257"),
    (b'<?xml version="1.0"?><meta charset="windows-1250">', "cp1250"),
    (b"<!DOCTYPE html><html lang=lt><head><meta charset=windows-1257>", "cp1257"),
    (b"<!-- a --><!--><meta charset=windows-1257>", "cp1257"),  # "<!-->" is a whole comment
    (b"<script>a</script ><meta charset=windows-1257>", "cp1257"),
    # not declarations
    (b"<!-- <meta charset=windows-1257> -->", None),
    (b"<!-- old: <meta charset=windows-1257> --><meta charset=utf-8>", "utf-8"),
    (b"<script>s = '<meta charset=windows-1257>';</script><meta charset=utf-8>", "utf-8"),
    (b"<SCRIPT type=module>'</scripts><meta charset=windows-1257>'</SCRIPT>", None),
    (b"<style>/* <meta charset=windows-1257> */</style>", None),
    (b"<title><meta charset=windows-1257></title>", None),
    (b"<textarea><meta charset=windows-1257></textarea>", None),
    (b"<img alt='<meta charset=windows-1257>'><meta charset=utf-8>", "utf-8"),
    (b"<meta name=description content='charset=windows-1257'>", None),  # no http-equiv
    (b"<meta http-equiv=refresh content='0; charset=windows-1257'>", None),
    (b"<meta content='text/html; charset=\"windows-1257'>", None),  # unclosed quote
    (b"<p>Write charset=windows-1257 in the head.</p>", None),
    (b"<metadata charset=windows-1257>", None),
    (b"<html>\n" + b"x" * 1020 + b"<meta charset=windows-1257>", None),  # past 1024 bytes
    (b'<html>\n<?xml version="1.0" encoding="windows-1257"?>', None),  # XML: at the start only
    (b"<meta charset=windows-1257", None),  # cut off
])
def test_declarations(head, expected):
    assert declared_charset(head) == expected


# Where a browser sees no tag: the charset declared there is not the page's.
HIDING = [
    ("<!--", "-->"),
    ("<!-- x --", "-->"),
    ("<script>var s = '", "';</script>"),
    ("<script type='text/javascript'>//", "\n</script>"),
    ("<style>/* ", " */</style>"),
    ("<title>", "</title>"),
    ("<textarea>", "</textarea>"),
    ("<img alt='", "'>"),
    ('<a title="', '">'),
    ("<?php echo '", "'; ?>"),
]
LABELS = ["windows-1257", "windows-1250", "iso-8859-2", "utf-8", "koi8-r"]
FILLER = st.text(st.sampled_from("abc XYZ.,;:\n\t=/"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(hiding=st.sampled_from(HIDING), hidden=st.sampled_from(LABELS),
       real=st.none() | st.sampled_from(LABELS), quote=st.sampled_from(["", '"']),
       before=FILLER, inside=FILLER, after=FILLER)
def test_a_hidden_charset_is_never_the_declaration(hiding, hidden, real, quote, before,
                                                    inside, after):
    opening, closing = hiding
    fake = f"<meta charset={quote}{hidden}{quote}>" if '"' not in opening else (
        f"<meta charset={hidden}>")
    page = (f"<html><head>{before}{opening}{inside}{fake}{inside}{closing}{after}"
            + (f'<meta charset="{real}">' if real else "") + "</head>")
    expected = None if real is None else declared_charset(f'<meta charset="{real}">'.encode())
    assert declared_charset(page.encode()) == expected


@pytest.mark.parametrize("text", [
    '```html\n<meta charset="windows-1257">\n```\n',
    '    <meta charset="windows-1257">\n',
    'Use `<meta charset="windows-1257">`.\n',
    '<meta charset="windows-1257">\n',  # (raw HTML too: a Markdown file declares nothing)
])
def test_a_markdown_file_declares_no_charset(text):
    data = (text + "\nDer B\xfcrgermeister traf Viktor Orban.\n").encode("cp1252")
    assert Document.from_bytes(data, "a.md").encoding == "cp1252"
    ascii_only = text.encode() + b"\nThen Viktor Orban spoke.\n"
    assert Document.from_bytes(ascii_only, "a.md").encoding == "utf-8"


PIECES = ["<", ">", "/", "!", "-", "--", "?", "=", "'", '"', " ", "\n", ";", "<!--", "-->",
          "<meta", "<META ", "<script>", "</script", "<style>", "</style>", "charset",
          "http-equiv=content-type", "content=", "text/html", "windows-1257", "utf-8", "<?xml ",
          "encoding=", "<a", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_head_gives_a_label_or_none(pieces):
    data = "".join(pieces).encode()
    found = declared_charset(data)
    assert found is None or (found and found == found.strip().lower())


# -- a UTF-8 file that declares another charset (TY112) ------------------------------

PAGE = ('<html><head><meta charset="windows-1252"></head><body>\n'
        "<p>NATO’s eastern flank. Foreign Minister Kestutis Budrys spoke.</p>\n"
        "</body></html>\n").encode()


def test_a_utf8_page_declaring_another_charset_is_read_and_fixed_as_utf8_and_flagged(tmp_path):
    """Its bytes are UTF-8, so `fix` writes UTF-8 as they are; a browser that follows
    the declaration garbles every accent, which TY112 now says (it was silent)."""
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    doc = Document.read(path)
    assert (doc.encoding, doc.declared) == ("utf-8", "cp1252")
    result = run("check", "--select", "TY112", path)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{path}:2:4: TY112 this file is UTF-8 but declares charset windows-1252: a browser "
        "that follows the declaration shows 'NATO’s' as 'NATOâ€™s' (declare utf-8)")
    run("fix", path)
    assert path.read_bytes() == PAGE.replace(b"Kestutis", "Kęstutis".encode())
    assert "TY112" in run("check", path).output  # a flag: the declaration is the publisher's


@pytest.mark.parametrize("data, name", [
    (PAGE.replace("’".encode(), b"\x92"), "legacy.html"),  # cp1252 bytes: what it declares
    (PAGE.replace(b"windows-1252", b"utf-8"), "right.html"),
    (b"\xef\xbb\xbf" + PAGE, "bom.html"),  # a BOM decides, for a browser too
    (PAGE.replace("’".encode(), b"'"), "ascii.html"),  # the same in either charset
    (PAGE.replace("NATO’s".encode(), b"NATO's <img alt=\"\xc5\xa0iauliai\">"), "alt.html"),
    (b'<meta charset="windows-1252">\n\nNATO\xe2\x80\x99s eastern flank.\n', "notes.md"),
    (PAGE.replace(b"windows-1252", b"x-no-such-charset"), "unknown.html"),
])
def test_no_declared_charset_finding_where_the_page_reads_the_same(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    assert "TY112" not in run("check", path).output
