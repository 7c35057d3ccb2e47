"""Diff headers name every file so that `patch -p1` and `git apply` find it: a name with a
space ends with a tab, a name with a control character, '"' or '\\' is C-quoted, as `git diff`
writes them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from normalize.cli import main
from normalize.report import as_bytes
from normalize.report.diff import header_name, unified_diff

NAMES = ["plain.txt", "a b.txt", "trail .txt", "Žalgiris ü.txt", "tab\tname.txt",
         "nl\nname.txt", 'q"uote.txt', "back\\slash.txt", "esc\x1bx.txt", "cr\rname.txt",
         "sp ace\ttab.txt", "-dash.txt", "#hash %41.txt"]


def test_header_names_as_git_writes_them():
    assert header_name("a/plain.txt") == "a/plain.txt"
    assert header_name("a/a b.txt") == "a/a b.txt\t"
    assert header_name("a/tab\tname.txt") == '"a/tab\\tname.txt"'
    assert header_name("a/nl\nname.txt") == '"a/nl\\nname.txt"'
    assert header_name('a/q"uote.txt') == '"a/q\\"uote.txt"'
    assert header_name("a/back\\slash.txt") == '"a/back\\\\slash.txt"'
    assert header_name("a/esc\x1bx.txt") == '"a/esc\\033x.txt"'
    assert header_name("a/sp ace\ttab.txt") == '"a/sp ace\\ttab.txt"\t'
    # a byte that is not UTF-8 stays a raw byte, or an octal escape inside quotes
    assert header_name("a/bad\udcffname.txt") == "a/bad\udcffname.txt"
    assert header_name("a/bad\udcff\tname.txt") == '"a/bad\\377\\tname.txt"'


def _unquote(header: str) -> str:
    """The name in a header line as git reads it back (quote.c, unquote_c_style)."""
    header = header.removesuffix("\t")
    if not header.startswith('"'):
        return header
    assert header.endswith('"')
    raw = as_bytes(header[1:-1])
    simple = {ord(k): ord(v) for k, v in zip("abtnvfr\"\\", "\a\b\t\n\v\f\r\"\\")}
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c != ord("\\"):
            out.append(c)
            i += 1
        elif raw[i + 1] in simple:
            out.append(simple[raw[i + 1]])
            i += 2
        else:
            out.append(int(raw[i + 1:i + 4], 8))
            i += 4
    return out.decode("utf-8", "surrogateescape")


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
       | st.sampled_from(NAMES))
def test_a_header_is_one_line_and_names_the_file(name):
    header = header_name("a/" + name)
    assert "\n" not in header and "\r" not in header
    assert "\t" not in header.removesuffix("\t")
    assert _unquote(header) == "a/" + name


def test_headers_of_a_diff():
    diff = unified_diff("a b.txt", "x ,y\n", "x, y\n")
    assert diff.startswith("--- a/a b.txt\t\n+++ b/a b.txt\t\n@@")


def _odd_names_folder(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_text("The drone , which fell.\n", encoding="utf-8")
    if os.name == "posix":
        (folder / os.fsdecode(b"bad\xff name.txt")).write_text("The drone , which fell.\n")
    return folder


def _diff_of(folder) -> bytes:  # noqa: ANN001
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "diff", "."],
                                    catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.output
    return result.stdout_bytes


@pytest.mark.parametrize("tool", [["patch", "-p1", "-s", "-f"], ["git", "apply"]])
def test_the_diff_applies_with_patch_and_git_apply(tmp_path, tool):
    if shutil.which(tool[0]) is None:
        pytest.skip(f"no {tool[0]}")
    folder = _odd_names_folder(tmp_path)
    diff = _diff_of(folder)
    headers = re.findall(rb"(?m)^--- .*$", diff)
    assert len(headers) == len(os.listdir(folder))
    done = subprocess.run(tool, input=diff, cwd=folder, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in os.listdir(folder):
        assert (folder / name).read_text() == "The drone, which fell.\n", name
