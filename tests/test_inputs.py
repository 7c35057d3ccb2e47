"""Any input: encodings, BOMs, binary, empty, long lines, line endings, NFD,
unreadable files and folders. Nothing is lost and one bad file stops nothing."""

from __future__ import annotations

import os
import unicodedata

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.document import Document, DocumentError, DocumentSkipped

LT = "Ministrė Dovilė Šakalienė pareiškė, kad dronas nukrito karinėje teritorijoje.\n"
FIXABLE = "Foreign Minister Kestutis Budrys spoke.\n"  # safe fix: Kęstutis


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
])
def test_unicode_encodings_and_boms_round_trip_through_fix(tmp_path, encoding, bom):
    path = tmp_path / "a.txt"
    original = "Intro line\r\n" + FIXABLE.replace("\n", "\r\n") + LT
    path.write_bytes(bom + original.encode(encoding))
    doc = Document.read(path)
    assert (doc.encoding, doc.bom, doc.text) == (encoding, bom, original)
    assert run("fix", path).exit_code in (0, 1)
    fixed = path.read_bytes()
    assert fixed == bom + original.replace("Kestutis", "Kęstutis").encode(encoding)


@pytest.mark.parametrize("text,encoding", [
    (LT, "cp1257"),
    ("Latvijas ārlietu ministrs paziņoja, ka lidaparāts nokrita militārajā poligonā.", "cp1257"),
    ("Le ministre a déclaré que le drone était tombé près de la frontière.", "cp1252"),
    ("Le ministre a déclaré que le drone était tombé près de la frontière.", "latin-1"),
    ("Minister powiedział, że dron spadł na poligonie wojskowym.", "cp1250"),
    ("Ministr řekl, že dron spadl poblíž hranic; šťastně nikdo nezemřel.", "cp1250"),
    ("Minister powiedział, że dron spadł; śledztwo trwa, świadków brak.", "cp1250"),
    ("Užsienio reikalų ministras pareiškė, kad dronas nukrito.", "cp1257"),
    ("Le ministre a déjà déclaré que le drone était tombé près de la frontière.", "cp1252"),
])
def test_legacy_single_byte_encodings_detected(text, encoding):
    data = text.encode(encoding)
    doc = Document.from_bytes(data, "old.txt")
    assert doc.text == text
    assert doc.encode() == data


def test_legacy_file_fixed_in_its_own_encoding(tmp_path):
    path = tmp_path / "old.txt"
    text = "Užsienio reikalų ministras Kestutis Budrys pareiškė, kad dronas nukrito.\n"
    path.write_bytes(text.encode("cp1257"))  # 'ę' exists in cp1257
    run("fix", path)
    assert path.read_bytes() == text.replace("Kestutis", "Kęstutis").encode("cp1257")


def test_legacy_file_gets_the_fixes_it_can_hold(tmp_path):
    path = tmp_path / "old.txt"
    text = "Le ministre a déjà déclaré que Kestutis Budrys était arrivé , dit-il.\n"
    path.write_bytes(text.encode("cp1252"))
    result = run("fix", path)
    assert result.exit_code == 1  # 'ę' (Kęstutis) is not in cp1252: that finding remains
    assert str(path) in result.stderr and "cannot write 'ę' in cp1252" in result.stderr
    assert "\n" not in result.stderr.strip()
    assert path.read_bytes() == text.replace("arrivé ,", "arrivé,").encode("cp1252")


def test_undecidable_bytes_refused_with_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Intro: " + bytes(range(0x80, 0x100)) + b" broken")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {bad}:") and "UTF-8" in line


def test_binary_file_skipped_with_a_note(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (tmp_path / "good.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    result = run("check", tmp_path)
    assert result.exit_code == 0
    assert "note:" in result.stderr and "image.txt" in result.stderr
    with pytest.raises(DocumentSkipped):
        Document.read(tmp_path / "image.txt")


def test_empty_and_blank_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "blank.txt").write_bytes(b"\n\r\n\r  \t\n")
    assert run("check", tmp_path).exit_code == 0
    assert run("fix", tmp_path).exit_code == 0
    assert (tmp_path / "bom-only.txt").read_bytes() == b"\xef\xbb\xbf"


def test_very_long_lines(tmp_path):
    """Megabyte lines, with the characters that start protected spans and
    pattern matches, finish (no quadratic pattern) and are fixed in place."""
    word_run = "a" * 300_000 + "@"  # an e-mail-like run that never becomes one
    text = ("word " * 20_000 + FIXABLE.strip() + " " + word_run + " #tag http://x.y/"
            + "ó" * 100_000 + "\n")
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    run("fix", path)
    assert path.read_text(encoding="utf-8") == text.replace("Kestutis", "Kęstutis")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_and_nfd_preserved_by_fix(tmp_path, newline):
    nfd = unicodedata.normalize("NFD", "Dovilė Šakalienė")
    text = newline.join([f"{nfd} said so.", FIXABLE.strip(), f"Then {nfd} left.", ""])
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    run("fix", path)
    # the file is NFD throughout, and so is the fix written into it
    fixed = text.replace("Kestutis", unicodedata.normalize("NFD", "Kęstutis"))
    assert path.read_bytes() == fixed.encode("utf-8")


def test_unreadable_inputs_reported_while_others_are_checked(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "locked.txt").write_text("x", encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inside.txt").write_text(FIXABLE, encoding="utf-8")
    # tests may run as root, who can read anything: simulate the permission errors
    real_open, real_scandir = os.open, os.scandir

    def read_file(path, *args, **kwargs):
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    def scandir(path="."):
        if os.fspath(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", read_file)
    monkeypatch.setattr(os, "scandir", scandir)
    for command in ("check", "fix"):
        result = run(command, tmp_path, tmp_path / "missing.txt")
        assert result.exit_code == 2
        errors = result.stderr.strip().splitlines()
        assert len(errors) == 4, errors
        assert any("broken.txt" in e and "broken symbolic link" in e for e in errors)
        assert any("locked.txt" in e and "Permission denied" in e for e in errors)
        assert any("closed" in e and "Permission denied" in e for e in errors)
        assert any("missing.txt" in e for e in errors)
    assert "Kęstutis" in (tmp_path / "good.txt").read_text(encoding="utf-8")


def test_a_symbolic_link_loop_is_reported_as_a_loop(tmp_path):
    (tmp_path / "good.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "self.txt").symlink_to("self.txt")
    with pytest.raises(DocumentError, match=r"a\.txt: cannot read \(symbolic link loop\)$"):
        Document.read(tmp_path / "a.txt")
    every = ["a.txt", "b.txt", "self.txt"]
    for args, names in ((["check", tmp_path], every), (["fix", "--diff", tmp_path], every),
                        (["check", tmp_path / "self.txt", tmp_path / "good.txt"], ["self.txt"])):
        result = run(*args)
        assert result.exit_code == 2, result.output
        errors = [e for e in result.stderr.splitlines() if e.startswith("error:")]
        assert len(errors) == len(names), errors
        for name, error in zip(names, errors):
            assert error == f"error: {tmp_path / name}: cannot read (symbolic link loop)"
        assert "Kestutis Budrys" in result.stdout  # the other file still checked


def test_folder_named_as_a_file_and_special_files(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        Document.read(fifo)  # never blocks on a pipe
    result = run("check", fifo)
    assert result.exit_code == 2 and "pipe.txt" in result.stderr
