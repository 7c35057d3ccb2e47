"""`fix --diff` and `check --format diff` apply with `patch` and `git apply`
to files that are not plain UTF-8: a UTF-8 BOM is part of the first line, a
legacy single-byte file's lines are its own bytes; a UTF-16 or UTF-32 file's
diff says in a '#' line that it is UTF-8 and will not apply to the file."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.cli import main
from normalize.report.diff import unified_diff

FRENCH = ("Le ministre a déclaré à la presse que le problème de la grève était très "
          "grave , selon lui.\n")
ENGLISH = "The drone , which fell.\nSecond line.\n"

CASES = {
    "bom-lf": b"\xef\xbb\xbf" + ENGLISH.encode(),
    "bom-crlf": b"\xef\xbb\xbf" + ENGLISH.replace("\n", "\r\n").encode(),
    "bom-cr-no-final": b"\xef\xbb\xbf" + ENGLISH.replace("\n", "\r").rstrip("\r").encode(),
    "bom-first-line-unchanged": b"\xef\xbb\xbfFirst line.\nThe drone , which fell.\n",
    "cp1252": FRENCH.encode("cp1252"),
}
TOOLS = [tool for tool in ("patch", "git") if shutil.which(tool)]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def apply(tool: str, diff: bytes, cwd) -> None:
    command = ["patch", "-p1", "--quiet"] if tool == "patch" else ["git", "apply", "-"]
    subprocess.run(command, input=diff, cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(not TOOLS, reason="needs patch or git")
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("how", [("fix", "--diff"), ("check", "--format", "diff")])
def test_diff_applies_and_gives_what_fix_writes(tmp_path, monkeypatch, tool, case, how):
    data = CASES[case]
    for name in ("patched", "fixed"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_bytes(data)
    monkeypatch.chdir(tmp_path / "patched")
    diff = run(*how, "a.txt").stdout_bytes
    assert diff.startswith(b"#") or diff.startswith(b"--- a/a.txt")
    apply(tool, diff, tmp_path / "patched")
    monkeypatch.chdir(tmp_path / "fixed")
    run("fix", "a.txt")
    fixed = (tmp_path / "fixed" / "a.txt").read_bytes()
    assert fixed != data
    assert (tmp_path / "patched" / "a.txt").read_bytes() == fixed


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_wide_encoding_diff_says_it_is_utf8(tmp_path, monkeypatch, encoding):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(ENGLISH.encode("utf-16" if encoding.startswith("utf-16")
                                                    else "utf-32")
                                     if encoding.endswith("le") else
                                     b"\xfe\xff" + ENGLISH.encode(encoding))
    diff = run("fix", "--diff", "a.txt").stdout
    first = diff.splitlines()[0]
    assert first.startswith("# a.txt: ") and encoding.upper() in first and "UTF-8" in first
    assert "-The drone , which fell." in diff


def test_plain_utf8_diff_has_no_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    assert run("fix", "--diff", "a.txt").stdout.startswith("--- a/a.txt\n+++ b/a.txt\n@@ ")


LINES = st.lists(st.sampled_from(["a", "é", "x , y", "", "\u2019", "zé , w"]), max_size=6)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=LINES, new=LINES, end=ENDINGS, final=st.booleans(),
       how=st.sampled_from([("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("cp1250", b"")]))
def test_patch_turns_the_old_bytes_into_the_new(tmp_path_factory, old, new, end, final, how):
    encoding, bom = how
    old_text = end.join(old) + (end if final and old else "")
    new_text = end.join(new) + (end if final and new else "")
    folder = tmp_path_factory.mktemp("p")
    (folder / "f.txt").write_bytes(bom + old_text.encode(encoding))
    diff = unified_diff("f.txt", old_text, new_text, encoding, bom)
    if not diff:
        assert old_text == new_text
        return
    data = diff.encode("utf-8", "surrogateescape")
    subprocess.run(["patch", "-p1", "--quiet", "--binary"], input=data, cwd=folder, check=True,
                   capture_output=True)
    assert (folder / "f.txt").read_bytes() == bom + new_text.encode(encoding)
