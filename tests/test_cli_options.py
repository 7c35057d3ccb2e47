"""Options that do not go together are refused, not silently ignored; `-q`
does what its help says; the names summary follows the selection."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from normalize.cli import main

from .conftest import SEEDS

ARTICLE = "The drone , which fell.\n"
NAMES_SUMMARY = "Names written in more than one way"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "codequality", "html",
                                 "diff"])
def test_statistics_with_another_format_is_a_usage_error(article, fmt):
    result = run("check", "--statistics", "--format", fmt, "-o", "out", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == (f"error: --statistics prints counts as text, not as {fmt}: "
                             "leave out one of them\n")
    assert not (article / "out").exists()


def test_statistics_with_the_configs_format_names_the_config(article):
    (article / "normalize.toml").write_text('format = "json"\n', encoding="utf-8")
    result = run("check", "--statistics", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --statistics prints counts as text, not as json: ")
    assert result.stderr.endswith("normalize.toml sets it; add --format text\n")
    result = run("check", "--statistics", "--format", "text", "a.txt")
    assert result.exit_code == 1 and "TY104" in result.stdout


@pytest.mark.parametrize(("extra", "option"), [(("-o", "r.json"), "--output"),
                                               (("--format", "json"), "--format"),
                                               (("--statistics",), "--statistics")])
def test_write_baseline_refuses_report_options(article, extra, option):
    result = run("check", "--write-baseline", "base.json", *extra, "a.txt")
    assert result.exit_code == 2
    assert result.stderr == f"error: --write-baseline writes no report: leave out {option}\n"
    assert sorted(p.name for p in article.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_dash_says_standard_input_is_not_read(article, command):
    result = run(command, "-", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == ("error: -: reading standard input is not supported; "
                             "name the files or folders to check\n")
    assert (article / "a.txt").read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("args", [("fix", ""), ("check", "a.txt", ""), ("fix", "a.txt", " "),
                                  ("check", "-o", "", "a.txt"), ("check", "--rules", "", "a.txt"),
                                  ("rules", "validate", "")])
def test_an_empty_path_is_refused_not_read_as_the_current_folder(article, args):
    """click reads "" as ".": `normalize fix "$FILES"` with $FILES empty fixed
    every file below the current folder."""
    result = run(*args)
    assert result.exit_code == 2
    assert "an empty path names no file or folder" in result.stderr
    assert (article / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_a_file_named_dash_is_checked(article):
    (article / "-").write_text(ARTICLE, encoding="utf-8")
    result = run("check", "-")
    assert result.exit_code == 1 and result.stdout.startswith("-:1:10: TY104")


def test_quiet_hides_notes_not_errors(article):
    (article / "b.txt").write_bytes(b"bin\x00ary\x00\x01\x02")
    loud = run("check", ".", "missing.txt")
    assert "note: b.txt: " in loud.stderr and "error: missing.txt" in loud.stderr
    quiet = run("check", "-q", ".", "missing.txt")
    assert quiet.exit_code == loud.exit_code == 2
    assert quiet.stderr.splitlines() == [line for line in loud.stderr.splitlines()
                                         if not line.startswith("note:")]
    assert quiet.stderr.startswith("error: missing.txt")


SEED = SEEDS / "000_f765915302d36be0.txt"  # has a names summary


@pytest.mark.parametrize(("args", "shown"), [((), True), (("--select", "NM"), True),
                                             (("--select", "NM101"), True),
                                             (("--select", "NM201"), True),
                                             (("--select", "BP"), False),
                                             (("--ignore", "NM"), False)])
def test_the_names_summary_follows_the_selection(args, shown):
    result = run("check", *args, SEED)
    assert (NAMES_SUMMARY in result.stdout) is shown, result.output
    as_json = run("check", "--format", "json", *args, SEED)
    assert ('"canonical"' in as_json.stdout) is shown
