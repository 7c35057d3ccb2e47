"""Control characters from article text and file names never reach the
terminal raw: the text report and error lines show them as escapes, and a
file name in an error line is the real one (not rewritten by ANSI stripping)."""

from __future__ import annotations

import os
import re

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from normalize.cli import main
from normalize.report import visible

RAW = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ESCAPE = re.compile(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}")
ARTICLE = ("Le gouvernement a décidé \x1b[2J de réduire les impôts pour les familles et les "
           "entreprises cette année.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_escape_in_article_text_is_shown_not_sent(tmp_path):
    (tmp_path / "esc.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("check", tmp_path / "esc.txt")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "\\x1b[2J" in result.stdout


def test_control_characters_in_file_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = ["x\x1b]0;TITLE\x07y.txt", "bell\x07.txt", "rl\u202eo.txt", "nl\nname.txt"]
    for name in names:
        (tmp_path / name).write_text("The drone , which fell.\n", encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    for name in names:
        assert any(line.startswith(visible(name) + ":1:10: TY104") for line in lines), name
    assert not RAW.search(result.stdout.replace("\n", ""))


def test_error_line_names_the_real_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad\x1b[2J.txt").write_bytes(b"\xff\xfe\x00")  # not text
    (tmp_path / "ok.txt").write_text("Fine.\n", encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 2
    assert "error: bad\\x1b[2J.txt: " in result.stderr
    assert "\x1b" not in result.stderr


def test_bad_config_line_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "d\x1b[31m"
    folder.mkdir()
    (folder / "normalize.toml").write_text("fail-level = 3\n", encoding="utf-8")
    (folder / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run("check", folder / "a.txt")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "d\\x1b[31m" in result.stderr


def test_fix_diff_keeps_the_article_bytes(tmp_path, monkeypatch):
    """The diff is data for `patch`: article text in it stays as it is (not escaped,
    and not stripped of escape sequences when standard output is not a terminal)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The \x1b[1mdrone , which fell.\n", encoding="utf-8")
    result = run("fix", "--diff", "a.txt")
    assert "-The \x1b[1mdrone , which fell.\n+The \x1b[1mdrone, which fell.\n" in result.stdout


@given(st.text())
def test_visible_leaves_no_control_and_keeps_the_rest(text):
    shown = visible(text)
    assert not RAW.search(shown)
    if not RAW.search(text):
        assert shown is text or shown == text
    # every character that is not a control is kept, in order: only escapes were added
    assert ESCAPE.sub("", shown) == ESCAPE.sub("", RAW.sub("", text))


def test_visible_examples():
    assert visible("a\x1b[2Jb\x07c\x9bd\u202ee\tf") == "a\\x1b[2Jb\\x07c\\x9bd\\u202ee\tf"
    assert visible(os.sep) == os.sep


RULE_WITH_ESCAPES = '''code = "XX901"
kind = "existence"
name = "odd\\u001b[2J name"
severity = "warning"
message = "'{text}' found"
source = "a source \\u001b]0;TITLE\\u0007 here"
description = "first line\\nsecond \\u202e line"
patterns = ["zzq"]

[examples]
fail = ["a zzq \\u001b[31m b", "zzq", "x zzq", "zzq y", "the zzq"]
pass = ["a b \\u001b[31m", "c", "d", "e", "f"]
'''


def test_rules_commands_escape_a_rule_files_text(tmp_path):
    """A rule folder is input like an article: its text reaches the terminal escaped."""
    (tmp_path / "odd.toml").write_text(RULE_WITH_ESCAPES, encoding="utf-8")
    listed = run("rules", "list", "--no-default-rules", "--rules", tmp_path)
    explained = run("rules", "explain", "XX901", "--no-default-rules", "--rules", tmp_path)
    validated = run("rules", "validate", tmp_path)
    assert listed.exit_code == 0 and explained.exit_code == 0, listed.output + explained.output
    assert "odd\\x1b[2J name" in listed.stdout
    assert "a source \\x1b]0;TITLE\\x07 here" in explained.stdout
    assert "second \\u202e line" in explained.stdout and "first line\n" in explained.stdout
    assert "a zzq \\x1b[31m b" in explained.stdout
    assert validated.exit_code == 0, validated.output
    for result in (listed, explained, validated):
        assert not RAW.search(result.stdout.replace("\n", "")), result.stdout
