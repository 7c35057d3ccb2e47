"""Files that are not UTF-8: what they are read as, and that `fix` writes into
them only what reads back as intended.

- UTF-8 with a stray byte (a pasted cp1252 apostrophe, a cut-off file) is
  refused, naming the bad bytes: read as cp1250, its correct characters
  would look like mojibake and be "fixed" into other bytes;
- a legacy file that reads the same in several encodings gets only the
  edits that are the same bytes in each of them, unless it declares its
  charset (HTML `<meta charset>`, XML declaration), which then decides;
- a fix the file cannot hold is shown but not marked fixable, `fix` writes
  the file's other fixes, and the summary counts what remains.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cli
from normalize.document import Document, DocumentError
from normalize.encoding import LEGACY, SINGLE_BYTE, NotText, read_text
from normalize.engine import check_document
from normalize.fixer import allowed, fix_until_stable, writable
from normalize.loader import RuleSet
from normalize.model import Applicability, Finding, Fix, Severity

from .test_fix_safety import rule_sets


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


def test_a_lone_candidate_must_win_the_vote():
    # only cp1250 decodes these bytes (cp1252 lacks 0x9d, cp1257 0x9c), and they
    # are not words in it: refused, as when no candidate wins
    data = b"\x9cxq\x9dzk \x8dvv\x9cpt"
    with pytest.raises(NotText, match="not clearly"):
        read_text(data)


# -- a legacy file that reads the same in several encodings ---------------------------

SHARED = "üéäößóÄÖÜÉ"  # the same byte and letter in cp1252, cp1250 and cp1257
ORBAN = "Der Bürgermeister traf Viktor Orban.\n"


def test_an_ambiguous_file_gets_no_edit_that_is_another_letter_elsewhere(tmp_path):
    path = tmp_path / "a.txt"
    data = ORBAN.encode("cp1252")
    path.write_bytes(data)
    doc = Document.read(path)
    assert doc.encoding == "cp1252" and set(doc.also) == {"cp1250", "cp1257"}
    check = run("check", path)
    assert "NM102 " in check.output and "[*]" not in check.output
    assert "Would fix 0 findings" in run("fix", "--diff", path).output
    result = run("fix", path)
    assert result.exit_code == 1
    assert path.read_bytes() == data  # 'á' is 'į' in cp1257: not written
    assert "1 finding remains" in result.output
    assert (f"note: {path}: 1 fix not written: cannot write 'á': the file reads the same in "
            "cp1252, cp1250 and cp1257, which do not all write it alike") in result.stderr


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


@given(st.lists(st.sampled_from(["Kestutis", "cafe", "Sakaliene", "naive", "the", "said", " ",
                                 "ü", "é", "ö", "ß", ",", ".", "\n"]), max_size=40).map("".join),
       rule_sets(), st.sampled_from(LEGACY), st.sampled_from(["safe", "unsafe"]))
@settings(max_examples=150, deadline=None)
def test_fix_of_a_legacy_file_writes_only_what_it_can_hold(text, rules, encoding, mode):
    """Whatever the rules propose, the fixed text encodes (no whole-file refusal),
    and where the file reads alike in several encodings it still does."""
    try:
        doc = Document.from_bytes((text + "ü").encode(encoding), "a.txt")
    except DocumentError:
        return  # not clearly any of them: refused, which is allowed
    new, _ = fix_until_stable(doc, rules, allowed(mode))
    out = doc.encode(new)
    assert len({out.decode(name) for name in (doc.encoding, *doc.also)}) == 1
    for f in check_document(doc, rules):
        if f.fix is not None and f.fix.applicability.value != "display-only":
            assert all(doc.cannot_write(e.replacement) is None for e in f.fix.edits)


# -- a declared charset decides -------------------------------------------------------

def page(charset_tag: str, body: bytes) -> bytes:
    return (b"<html><head>" + charset_tag.encode() + b"</head>\n<body><p>" + body
            + b"</p></body></html>\n")


@pytest.mark.parametrize("tag", ['<meta charset="windows-1257">',
                                 "<meta http-equiv='Content-Type' "
                                 "content='text/html; charset=windows-1257'>"])
def test_a_page_declaring_windows_1257_gets_no_cp1252_letters(tmp_path, tag):
    data = page(tag, b"Der B\xfcrgermeister traf Viktor Orban.")
    path = tmp_path / "a.html"
    path.write_bytes(data)
    assert (Document.read(path).encoding, Document.read(path).also) == ("cp1257", ())
    result = run("fix", path)
    assert path.read_bytes() == data  # cp1257 has no 'á'
    assert result.exit_code == 1 and "cannot write 'á' in cp1257" in result.stderr


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


# -- check, --diff and fix agree ------------------------------------------------------

CAFE = "The café , which opened.\nKestutis Budrys spoke.\n"  # TY104 fits cp1252, 'ę' does not


def test_check_marks_as_fixable_only_what_fix_writes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(CAFE.encode("cp1252"))
    out = run("check", path).output
    assert "TY104 [*]" in out and "NM101 [*]" not in out and "NM101 " in out
    assert "[*] 1 fixable with `normalize fix`." in out
    diff = run("fix", "--diff", path)
    # (the diff is in the file's own encoding, so that it applies)
    assert "Kęstutis" not in diff.output
    assert "+The café, which opened.".encode("cp1252") in diff.stdout_bytes
    assert "Would fix 1 finding in 1 file; 1 finding remains." in diff.stderr


def test_fix_writes_what_the_file_can_hold_and_counts_the_rest(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(CAFE.encode("cp1252"))
    result = run("fix", path)
    assert result.exit_code == 1
    assert path.read_bytes() == CAFE.replace("café ,", "café,").encode("cp1252")
    assert "Fixed 1 finding in 1 file; 1 finding remains." in result.output
    assert (f"note: {path}: 1 fix not written: cannot write 'ę' in cp1252 (convert the file "
            "to UTF-8)") in result.stderr


def test_the_reason_is_in_the_json_report(tmp_path):
    import json

    path = tmp_path / "a.txt"
    path.write_bytes(CAFE.encode("cp1252"))
    found = json.loads(run("check", "--format", "json", path).output)["findings"]
    [name] = [f for f in found if f["code"] == "NM101"]
    assert name["applicability"] == "display-only"
    assert "cannot write 'ę' in cp1252" in name["data"]["not written"]
    assert name["data"]["applicability if written"] == "safe"


def test_no_note_for_a_fix_this_run_would_not_write_anyway(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The café , which opened.\n".encode("cp1252"))
    doc = Document.read(path)
    unsafe = Finding(str(path), 0, 3, "ZZ100", "r", Severity.WARNING, "m", "The",
                     Fix.replace(0, 3, "Thę", Applicability.UNSAFE))
    [kept] = writable(doc, [unsafe])
    assert kept.fix is not None and kept.fix.applicability is Applicability.DISPLAY_ONLY
    for levels, said in ((allowed("safe"), []), (allowed("unsafe"), [
            "cannot write 'ę' in cp1252 (convert the file to UTF-8)"])):
        _, _, _, left, *_ = cli._fix_one(doc, RuleSet(()), levels, {str(path): [unsafe]},
                                         {str(path): doc.fingerprint})
        assert cli._unwritten(left, levels) == said


# -- SIGTERM and SIGHUP during the write ------------------------------------------------

WRITE_AND_SIGNAL = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from normalize import cli
    path, signame, own = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "own"
    if own:
        signal.signal(getattr(signal, signame), lambda *a: print("own handler", flush=True))
    real_fsync = os.fsync
    def fsync_then_signal(fd):
        real_fsync(fd)
        os.kill(os.getpid(), getattr(signal, signame))
    os.fsync = fsync_then_signal
    cli.write_atomic(path, b"new text\\n")
    print("handler back:", signal.getsignal(getattr(signal, signame)) is signal.SIG_DFL)
""")


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path, signame):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old text\n")
    done = subprocess.run([sys.executable, "-c", WRITE_AND_SIGNAL, str(path), signame, "-"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + getattr(signal, signame), done.stderr
    assert os.listdir(tmp_path) == ["a.txt"]
    assert path.read_bytes() == b"old text\n"


def test_a_programs_own_signal_handler_is_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old text\n")
    done = subprocess.run([sys.executable, "-c", WRITE_AND_SIGNAL, str(path), "SIGTERM", "own"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "own handler" in done.stdout
    assert path.read_bytes() == b"new text\n" and os.listdir(tmp_path) == ["a.txt"]


def test_the_default_handlers_are_back_after_the_write(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old text\n")
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    cli.write_atomic(path, b"new text\n")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before
