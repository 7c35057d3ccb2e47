"""`fix` loses nothing: property tests over random documents and random rule
sets, and the write itself (atomic, mode kept, unchanged files untouched)."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cli
from normalize.document import Document
from normalize.engine import check_document
from normalize.fixer import allowed, apply_fixes, fix_until_stable
from normalize.kinds.base import LineFinder
from normalize.loader import RuleSet, build_rule

# Found words and their proposals come from disjoint vocabularies, so a rule set
# cannot undo another's fix (cycles are linted out of real rule data elsewhere).
SOURCES = ["colour", "favour", "Kestutis", "naive", "cafe", "Sakaliene", "theatre", "ageing"]
TARGETS = ["color", "favor", "Kęstutis", "naïve", "café", "Šakalienė", "theater", "aging"]
NAMES = ["Kęstutis Budrys", "Dovilė Šakalienė", "Gabrielius Landsbergis", "Žygimantas Pavilionis"]
FILLER = ["the", "minister", "said", " ", " ", ",", ".", "\n", "\r\n", "\r", "\t", "’", "—",
          "Budrys", "Dovile", "Landsbergis", "Zygimantas", "Pavilionis", "Šakalienė",
          "e\u0301", "S\u030cakaliene\u0307", "@handle", "http://x.eu/colour", "#colour", "😀"]


def _rule(data: dict, n: int):
    data = {"code": f"ZZ{100 + n}", "message": "'{text}' -> '{replacement}'", "source": "test",
            "examples": {"fail": [], "pass": []}, **data}
    return build_rule(data, f"<generated {n}>", LineFinder(""), default_name=f"r{n}")


@st.composite
def rule_sets(draw):
    """A few substitution, existence and names rules drawn from the vocabularies."""
    rules = []
    for n in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["substitution", "existence", "names"]))
        if kind == "substitution":
            picks = draw(st.lists(st.integers(0, len(SOURCES) - 1), min_size=1, max_size=4,
                                  unique=True))
            rules.append(_rule({
                "kind": kind, "swap": {SOURCES[i]: TARGETS[i] for i in picks},
                "ignore_case": draw(st.booleans()),
                "applicability": draw(st.sampled_from(["safe", "unsafe"])),
            }, n))
        elif kind == "existence":
            words = draw(st.lists(st.sampled_from(SOURCES + ["minister"]), min_size=1,
                                  max_size=3, unique=True))
            rules.append(_rule({"kind": kind, "patterns": [rf"\b{w}\b" for w in words],
                                "line": draw(st.booleans())}, n))
        else:
            names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
            rules.append(_rule({"kind": kind, "names": names, "applicability": "safe"}, n))
    return RuleSet(tuple(rules))


words = st.sampled_from(SOURCES + FILLER + [t.upper() for t in SOURCES])
documents = st.lists(words, max_size=60).map(" ".join)
encodings = st.sampled_from([("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                             ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
NEWLINES = re.compile(r"\r\n|\r|\n")


@given(documents, rule_sets(), encodings, st.sampled_from(["safe", "unsafe"]))
@settings(max_examples=150, deadline=None)
def test_fix_keeps_every_byte_outside_its_edits(text, rules, encoding, mode):
    doc = Document.from_bytes(encoding[1] + text.encode(encoding[0]), "a.txt")
    levels = allowed(mode)
    new, edits = apply_fixes(doc.text, check_document(doc, rules), levels)
    data, out = doc.encode(), doc.encode(new)
    assert out.startswith(doc.bom)
    # walk the edits: the bytes between them are the original bytes, verbatim
    pos, out_pos = len(doc.bom), len(doc.bom)
    for edit in edits:
        gap = data[pos : len(doc.encode(doc.text[: edit.start]))]
        assert out[out_pos : out_pos + len(gap)] == gap
        out_pos += len(gap) + len(edit.replacement.encode(doc.encoding))
        pos = len(doc.encode(doc.text[: edit.end]))
    assert out[out_pos:] == data[pos:]
    # line endings (CRLF, CR, LF) are never rewritten, whatever the rules
    assert NEWLINES.findall(new) == NEWLINES.findall(doc.text)


@given(documents, rule_sets(), st.sampled_from(["safe", "unsafe"]))
@settings(max_examples=150, deadline=None)
def test_fix_is_idempotent_and_unchanged_text_stays(text, rules, mode):
    doc = Document.from_text(text, "a.txt")
    levels = allowed(mode)
    once, _ = fix_until_stable(doc, rules, levels)
    twice, applied = fix_until_stable(Document.from_text(once, "a.txt"), rules, levels)
    assert twice == once and applied == 0
    if not any(f.fix and f.fix.applicability in levels for f in check_document(doc, rules)):
        assert once == text


# -- the write ---------------------------------------------------------------------

FIXABLE = "Foreign Minister Kestutis Budrys spoke.\r\nThe end.\n"


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args], catch_exceptions=False)


def test_failed_write_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(FIXABLE.encode("utf-8"))

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("fix", path)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert path.read_bytes() == FIXABLE.encode("utf-8")
    assert os.listdir(tmp_path) == ["a.txt"]  # no temporary file left behind
    # what was not written still counts as remaining
    assert "Fixed 0 findings in 0 files; 1 finding remains." in result.output


def test_failed_write_midway_leaves_the_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(FIXABLE.encode("utf-8"))
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise KeyboardInterrupt  # the user gives up mid-write

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", HalfWritten)
    with pytest.raises(KeyboardInterrupt):
        cli.write_atomic(path, b"new")
    assert path.read_bytes() == FIXABLE.encode("utf-8")
    assert os.listdir(tmp_path) == ["a.txt"]


def test_write_keeps_mode_and_symlink_and_uses_the_same_folder(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "a.txt"
    target.write_bytes(FIXABLE.encode("utf-8"))
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        if os.fspath(dst).startswith(str(tmp_path)):  # not the cache, written on a first run
            seen.append((os.path.dirname(src), os.fspath(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    run("fix", link)
    assert seen == [(str(real), str(target))]
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "Kęstutis" in target.read_text(encoding="utf-8")


def test_unchanged_file_is_not_rewritten(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Nothing to fix here.\r\n")
    before = path.stat()
    calls = []
    monkeypatch.setattr(cli, "write_atomic", lambda *a: calls.append(a))
    assert run("fix", path).exit_code == 0
    assert calls == []
    after = path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_generated_rules_do_fix_things():
    """The property tests above are not vacuous: these rules make edits."""
    rules = RuleSet((
        _rule({"kind": "substitution", "swap": {"colour": "color"}, "applicability": "safe"}, 1),
        _rule({"kind": "names", "names": NAMES, "applicability": "safe"}, 2),
    ))
    doc = Document.from_text("The COLOUR of Kestutis Budrys\r\nand S\u030cakaliene\u0307.")
    new, edits = apply_fixes(doc.text, check_document(doc, rules), allowed("safe"))
    # the text is in NFD, and so is what the fix writes into it
    assert new == "The COLOR of Ke\u0328stutis Budrys\r\nand S\u030cakaliene\u0307."
    assert len(edits) == 2


# -- a file reached twice, or changed while `fix` runs -----------------------------------

# one file spells the name right, twice; another leaves out the diacritics: the
# folder-wide names stage proposes (unsafe) the right spelling for the second
CANONICAL = "Minister Rūta Vainienė said that Rūta Vainienė will travel.\n"
PLAIN = "Hello , world. Later, Ruta Vainiene spoke to reporters.\n"
PLAIN_FIXED = "Hello, world. Later, Rūta Vainienė spoke to reporters.\n"


def _two_articles(folder):
    (folder / "a.txt").write_text(CANONICAL, encoding="utf-8")
    real = folder / "real.txt"
    real.write_text(PLAIN, encoding="utf-8")
    return real


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unsafe_fix_through_a_link_beside_its_target(tmp_path, jobs):
    """The link and its target are one file, fixed once (before, the second name
    got the folder stage's offsets into the text the first fix had changed)."""
    real = _two_articles(tmp_path)
    (tmp_path / "link.txt").symlink_to("real.txt")
    result = run("fix", "--unsafe-fixes", "--jobs", jobs, tmp_path)
    assert result.exit_code == 0, result.output
    assert real.read_text(encoding="utf-8") == PLAIN_FIXED
    assert (tmp_path / "link.txt").is_symlink()


def test_unsafe_fix_of_a_file_named_twice(tmp_path):
    real = _two_articles(tmp_path)
    again = tmp_path / ".." / tmp_path.name / "real.txt"
    result = run("fix", "--unsafe-fixes", tmp_path / "a.txt", real, again)
    assert result.exit_code == 0, result.output
    assert real.read_text(encoding="utf-8") == PLAIN_FIXED
    assert "in 1 file;" in result.stdout


def test_check_reports_a_file_reached_twice_once(tmp_path):
    """Reached as a link, in its folder and by name: checked once, under the first
    name in walk order, with what it has when reached by one name."""
    real = _two_articles(tmp_path)
    (tmp_path / "link.txt").symlink_to("real.txt")

    def findings(*paths):
        out = json.loads(run("check", "--format", "json", "-q", *paths).stdout)
        return [(f["path"], f["code"], f["line"], f["column"]) for f in out["findings"]]

    once = findings(tmp_path / "a.txt", real)
    thrice = findings(tmp_path, real)
    assert {path for path, *_ in once} == {str(real)}
    assert {path for path, *_ in thrice} == {str(tmp_path / "link.txt")}
    assert [rest for _, *rest in thrice] == [rest for _, *rest in once]


def test_unsafe_fix_leaves_a_file_edited_after_the_folder_stage(tmp_path, monkeypatch):
    """An editor saves the article after the folder-wide stage read it: its offsets
    are not applied to the new text; the file is named as not fixed, the others are."""
    (tmp_path / "a.txt").write_text(CANONICAL, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Hello , world.\n", encoding="utf-8")
    late = tmp_path / "zz.txt"
    late.write_text("Later, Ruta Vainiene spoke to reporters.\n", encoding="utf-8")
    edited = "EDITOR NOTE: verified.\nLater, Ruta Vainiene spoke to reporters.\n"
    original = cli.folder_findings

    def folder_then_edit(*args, **kwargs):
        found = original(*args, **kwargs)
        assert found.get(str(late))  # the stage has a finding for the file
        late.write_text(edited, encoding="utf-8")  # the editor saves now
        return found

    monkeypatch.setattr(cli, "folder_findings", folder_then_edit)
    result = run("fix", "--unsafe-fixes", tmp_path)
    assert late.read_text(encoding="utf-8") == edited
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1
    assert f"error: {late}: changed while being checked; not fixed" in result.stderr
    assert other.read_text(encoding="utf-8") == "Hello, world.\n"


def test_check_refuses_a_file_changed_before_it_is_read_again(tmp_path, monkeypatch):
    """`check` keeps a file without findings of its own as its name; one that the
    folder-wide stage then reports on is read again, and must be what was checked."""
    from normalize import engine

    (tmp_path / "a.txt").write_text(CANONICAL, encoding="utf-8")
    late = tmp_path / "zz.txt"
    late.write_text("Later, Ruta Vainiene spoke to reporters.\n", encoding="utf-8")
    original = engine.decide

    def decide_then_edit(*args, **kwargs):
        out = original(*args, **kwargs)
        assert out.findings.get(str(late))
        late.write_text("EDITOR NOTE.\nLater, Ruta Vainiene spoke to reporters.\n",
                        encoding="utf-8")
        return out

    monkeypatch.setattr(engine, "decide", decide_then_edit)
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {late}: changed while being checked"]
    assert f"{late}:" not in result.stdout  # no findings at stale offsets


def test_a_placeholder_comes_back_whole_only_as_it_was(tmp_path):
    from normalize.document import DocumentError

    path = tmp_path / "a.txt"
    path.write_text("Hello.\n", encoding="utf-8")
    read = Document.read(path)
    kept = Document.placeholder(str(path), read.fingerprint)
    assert kept.whole() == read
    path.write_text("Hello!\n", encoding="utf-8")  # the same size
    with pytest.raises(DocumentError, match=r"a\.txt: changed while being checked"):
        kept.whole()
    assert Document.placeholder(str(path)).whole().text == "Hello!\n"  # nothing to compare


def test_fix_does_not_overwrite_an_edit_saved_while_it_ran(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Hello , world.\n", encoding="utf-8")
    original = cli._fix_one

    def fix_then_edit(doc, *args):
        out = original(doc, *args)
        if doc.path == str(article):
            article.write_text("Hello , world.\nEDITOR LINE\n", encoding="utf-8")
        return out

    monkeypatch.setattr(cli, "_fix_one", fix_then_edit)
    result = run("fix", tmp_path)
    assert article.read_text(encoding="utf-8") == "Hello , world.\nEDITOR LINE\n"
    assert result.exit_code == 2
    assert f"error: {article}: changed since it was read; not fixed" in result.stderr
    assert other.read_text(encoding="utf-8") == "Hello, world.\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]  # no temporary file left


def test_write_atomic_checks_the_bytes_it_was_given(tmp_path):
    from normalize.document import DocumentError, fingerprint

    path = tmp_path / "a.txt"
    path.write_bytes(b"old\n")
    with pytest.raises(DocumentError, match="changed since it was read"):
        cli.write_atomic(path, b"new\n", fingerprint(b"older\n"))
    assert path.read_bytes() == b"old\n" and os.listdir(tmp_path) == ["a.txt"]
    cli.write_atomic(path, b"new\n", fingerprint(b"old\n"))
    assert path.read_bytes() == b"new\n"


# -- what the written file keeps --------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to give the file another owner")
def test_fix_keeps_owner_and_group(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    os.chown(article, 65534, 100)
    article.chmod(0o2664)  # a set-group-id bit: chown clears it, chmod after keeps it
    assert run("fix", article).exit_code == 0
    info = article.stat()
    assert (info.st_uid, info.st_gid) == (65534, 100)
    assert stat.S_IMODE(info.st_mode) == 0o2664
    assert article.read_text(encoding="utf-8") == "Hello, world.\n"


def test_fix_leaves_a_file_whose_owner_it_cannot_keep(tmp_path, monkeypatch):
    """Replaced, a colleague's file (in a shared, group-writable folder) would
    become this user's: it is left as it was, with one error line."""
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    real = os.stat(article)
    calls = []

    def fake_stat(path, *args, **kwargs):  # the article belongs to someone else
        info = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(article):
            return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink,
                                   real.st_uid + 1, real.st_gid + 1, *info[6:]))
        return info

    def fchown(fd, uid, gid):
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted")

    real_stat = os.stat
    monkeypatch.setattr(os, "stat", fake_stat)
    monkeypatch.setattr(os, "fchown", fchown)
    result = run("fix", article)
    assert result.exit_code == 2
    assert ("cannot write (its owner or group could not be kept; fix it as its owner)"
            in result.output)
    assert calls == [(real.st_uid + 1, real.st_gid + 1)]
    assert article.read_text(encoding="utf-8") == "Hello , world.\n"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_read_only_file_is_not_rewritten(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    article.chmod(0o444)
    other = tmp_path / "b.txt"
    other.write_text("Hello , world.\n", encoding="utf-8")
    before = article.stat()
    result = run("fix", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {article}: cannot write (read-only file)"]
    after = article.stat()
    assert article.read_text(encoding="utf-8") == "Hello , world.\n"
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert other.read_text(encoding="utf-8") == "Hello, world.\n"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


def test_fix_writes_a_file_with_a_long_name(tmp_path, monkeypatch):
    article = tmp_path / ("Ė" * 125 + ".txt")  # 254 bytes: the longest names are legal
    article.write_text("Hello , world.\n", encoding="utf-8")
    made = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args, **kwargs):
        made.append(out := real_mkstemp(*args, **kwargs))
        return out

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    result = run("fix", article)
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == "Hello, world.\n"
    assert [os.path.dirname(tmp) for _, tmp in made] == [str(tmp_path)]
    assert all(len(os.path.basename(tmp)) < 20 for _, tmp in made)
    assert os.listdir(tmp_path) == [article.name]
