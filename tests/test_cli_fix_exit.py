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


NAMED = "Minister Aušrinė Kvietkauskienė spoke on Monday. Aušrinė Kvietkauskienė said so.\n"
STRIPPED = "Minister Ausrine Kvietkauskiene spoke again on Tuesday , in Vilnius.\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("extra", [(), ("--diff",)])
def test_folder_stage_findings_count_as_check_counts_them(tmp_path, monkeypatch, jobs, extra):
    """The folder-wide names stage (NM201 here: a name without its diacritics in
    another file) is part of check's exit code, and so of fix's."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(NAMED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STRIPPED, encoding="utf-8")
    for n in range(6):  # more files than the parent checks before forking
        (tmp_path / f"c{n}.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    result = run("fix", "-j", jobs, *extra, ".")
    assert result.exit_code == 1, result.output
    assert "; 1 finding remains" in result.output
    assert run("fix", "-j", jobs, "--fail-level", "error", *extra, ".").exit_code == 0
    if not extra:
        assert run("check", ".").exit_code == 1
        assert "NM201" in run("check", ".").output
        assert run("fix", "--unsafe-fixes", ".").exit_code == 0
        assert run("check", ".").exit_code == 0


def test_folder_stage_finding_suppressed_or_in_baseline_does_not_count(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(NAMED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STRIPPED.replace(" , ", ", "), encoding="utf-8")
    assert run("check", "-q", "--write-baseline", "base.json", ".").exit_code == 0
    assert run("fix", "--baseline", "base.json", ".").exit_code == 0
    (tmp_path / "b.txt").write_text("<!-- normalize: ignore-next-line NM201 -->\n"
                                    + STRIPPED.replace(" , ", ", "), encoding="utf-8")
    assert run("check", "b.txt", "a.txt").exit_code == 0
    assert run("fix", "b.txt", "a.txt").exit_code == 0
