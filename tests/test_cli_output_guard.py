"""`-o/--output` and `--write-baseline` never write over a file being checked."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from normalize.cli import main

ARTICLE = "The drone , which fell.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("option", ["-o", "--output", "--write-baseline"])
def test_output_that_is_an_input_is_refused(tmp_path, monkeypatch, option):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("check", option, "a.txt", "a.txt")
    assert result.exit_code == 2
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: a.txt: ") and option in lines[0]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_other_names_of_an_input_are_refused(tmp_path, monkeypatch, option):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.md").write_text(ARTICLE, encoding="utf-8")
    os.symlink("d/a.md", tmp_path / "link.txt")
    os.link(tmp_path / "d" / "a.md", tmp_path / "hard.txt")
    for target in ("d/../d/a.md", "link.txt", "hard.txt", str(tmp_path / "d" / "a.md")):
        result = run("check", option, target, "d")  # a.md found inside the folder
        assert result.exit_code == 2, (target, result.output)
        assert "error: " in result.stderr
    assert (tmp_path / "d" / "a.md").read_text(encoding="utf-8") == ARTICLE


def test_output_beside_the_inputs_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "report.txt").write_text("old report\n", encoding="utf-8")
    # report.txt exists but is not checked (only a.txt is named)
    assert run("check", "-o", "report.txt", "a.txt").exit_code == 1
    assert "TY104" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert run("check", "--write-baseline", "base.json", "a.txt").exit_code == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == ARTICLE
