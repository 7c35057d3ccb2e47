"""`fix` exits as `check` would on what remains after fixing: the same
fail-level and baseline (config keys and flags)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from normalize.cli import main

# BP105 (a photo credit glued to a caption) is a suggestion without a safe fix
CAPTION = "Soldiers at the border on Monday. Photo: Reuters\n"
# TY104 (a space before a comma) has a safe fix; BP105 stays
BOTH = "The drone , which fell. Soldiers at the border on Monday. Photo: Reuters\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_fail_level_in_config_is_kept_by_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "normalize.toml").write_text('fail-level = "error"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CAPTION, encoding="utf-8")
    assert run("check", "a.txt").exit_code == 0
    result = run("fix", "a.txt")
    assert result.exit_code == 0, result.output
    assert "1 finding remains" in result.output
    assert "below the fail-level" in result.output


def test_fail_level_flag_on_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(CAPTION, encoding="utf-8")
    assert run("fix", "a.txt").exit_code == 1
    assert run("fix", "--fail-level", "error", "a.txt").exit_code == 0
    assert run("fix", "--fail-level", "suggestion", "a.txt").exit_code == 1


def test_baseline_in_config_is_kept_by_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(CAPTION, encoding="utf-8")
    assert run("check", "-q", "--write-baseline", "base.json", "a.txt").exit_code == 0
    (tmp_path / "normalize.toml").write_text('baseline = "base.json"\n', encoding="utf-8")
    assert run("check", "a.txt").exit_code == 0
    result = run("fix", "a.txt")
    assert result.exit_code == 0, result.output
    assert "0 findings remain" in result.output


def test_baseline_flag_on_fix_counts_only_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(CAPTION, encoding="utf-8")
    assert run("check", "-q", "--write-baseline", "base.json", "a.txt").exit_code == 0
    (tmp_path / "a.txt").write_text(BOTH, encoding="utf-8")
    result = run("fix", "--baseline", "base.json", "a.txt")
    # the space is fixed; the caption is recorded: nothing new remains
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("The drone, which")
    assert "; 0 findings remain." in result.output
    assert run("check", "--baseline", "base.json", "a.txt").exit_code == 0


@pytest.mark.parametrize("level, code", [("suggestion", 1), ("warning", 0)])
def test_fix_diff_exit_agrees_with_check_after_fixing(tmp_path, monkeypatch, level, code):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(BOTH, encoding="utf-8")
    result = run("fix", "--diff", "--fail-level", level, "a.txt")
    assert result.exit_code == code, result.output
    run("fix", "a.txt")
    assert run("check", "--fail-level", level, "a.txt").exit_code == code
