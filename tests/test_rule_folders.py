"""Rule folders as a newsroom has them: `rules = ["."]` beside .venv, other tools' TOML
files and a site's config; and `rules validate` reading a folder as `check` reads it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from normalize.kinds.base import RuleError
from normalize.loader import default_rules_dir, load_rules, rule_files

from .conftest import ROOT, run_in

HOUSE_RULE = (ROOT / "rules" / "boilerplate" / "read-more.toml").read_text(
    encoding="utf-8").replace("BP101", "HS101")
ARTICLE = "READ MORE: Drones over Lithuania\n"  # the house rule's (and BP101's) fail example


run = run_in


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A newsroom repository with `rules = ["."]`, a virtual environment holding an
    installed normalize, other tools' files and a site generator's theme."""
    (tmp_path / "normalize.toml").write_text('rules = ["."]\n', encoding="utf-8")
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "read-more.toml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for venv in (".venv", "venv"):  # `python3 -m venv venv` is not hidden
        installed = tmp_path / venv / "lib" / "python3.11" / "site-packages" / "normalize"
        shutil.copytree(default_rules_dir(), installed / "rules")
        (tmp_path / venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.toml").write_text("nonsense = [", encoding="utf-8")
    (tmp_path / ".ruff.toml").write_text("nonsense = [", encoding="utf-8")
    (tmp_path / "ruff.toml").write_text("line-length = 99\n[lint]\nselect = ['E']\n",
                                        encoding="utf-8")
    (tmp_path / "netlify.toml").write_text('[build]\ncommand = "hugo"\n', encoding="utf-8")
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "News"\ndate = 2025-01-01\n',
        encoding="utf-8")
    (tmp_path / "themes" / "t").mkdir(parents=True)
    (tmp_path / "themes" / "t" / "theme.toml").write_text('name = "t"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "news"\n', encoding="utf-8")
    return tmp_path


def test_rule_files_walk_as_article_folders_do(project):
    assert [p.relative_to(project).as_posix() for p in rule_files(project)] == [
        "house/read-more.toml", "hugo.toml", "netlify.toml", "ruff.toml", "themes/t/theme.toml"]


def test_rules_dot_loads_the_house_rules_and_nothing_else(project):
    for _ in range(2):  # the second time from the cache of analysed folders
        rules = load_rules([project])
        house = [r for r in rules.rules if str(project) in r.meta.path]
        assert [r.meta.code for r in house] == ["HS101"]
        assert len(rules.rules) == len(load_rules([]).rules) + 1
    result = run(project, "check", "--select", "HS", "a.txt")
    assert result.exit_code == 1 and "HS101" in result.output, result.output


def test_a_config_of_another_name_in_its_own_rule_folder(project):
    (project / "normalize.toml").rename(project / "site.toml")
    result = run(project, "check", "--config", "site.toml", "--select", "HS", "a.txt")
    assert result.exit_code == 1 and "HS101" in result.output, result.output


def test_a_toml_file_with_a_code_or_a_kind_is_still_a_rule_with_an_error(project):
    (project / "half.toml").write_text('code = "HS102"\nmessage = "x"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="half.toml: missing key 'kind'"):
        load_rules([project])
    (project / "half.toml").write_text('kind = "existence"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="half.toml: missing required key 'code'"):
        load_rules([project])


def test_a_rule_folder_inside_another_given_is_loaded_once(project):
    rules = load_rules([project, project / "house"])
    assert [r.meta.code for r in rules.rules].count("HS101") == 1
    assert run(project, "check", "--rules", "house", "a.txt").exit_code == 1


def test_a_folder_that_cannot_be_listed_is_an_error(project, monkeypatch):
    locked = project / "house" / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refusing(path):  # a folder without read permission (root reads them all)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    with pytest.raises(RuleError, match="locked: cannot read folder"):
        rule_files(project)


# -- rules validate ------------------------------------------------------------------


def test_validate_reads_a_folder_as_check_does(project):
    result = run(project, "rules", "validate", ".")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 rule file, 0 problems (4 other TOML files skipped).\n"
    notes = result.stderr.splitlines()
    assert notes == [f"note: {name}: not a rule file (no 'kind' or 'code' key); skipped, as "
                     "`check` skips it" for name in ("hugo.toml", "netlify.toml", "ruff.toml",
                                                     os.path.join("themes", "t", "theme.toml"))]


def test_validate_a_file_named_twice_is_no_clash(project):
    rule = os.path.join("house", "read-more.toml")
    result = run(project, "rules", "validate", rule, rule, "house")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 rule file, 0 problems.\n"


def test_validate_an_empty_or_rule_less_folder_fails(project):
    (project / "empty").mkdir()
    for folder, skipped in (("empty", ""), ("themes", " (1 other TOML file skipped)")):
        result = run(project, "rules", "validate", folder)
        assert result.exit_code == 2
        assert f"error: {folder}: no rule files in this folder" in result.stderr.splitlines()
        assert result.stdout == f"0 rule files, 1 problem{skipped}.\n"


def test_validate_problems_are_error_lines_and_a_clash_with_a_shipped_rule_counts(project):
    (project / "house" / "read-more.toml").write_text(
        HOUSE_RULE.replace("HS101", "BP101"), encoding="utf-8")
    result = run(project, "rules", "validate", "house")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {os.path.join('house', 'read-more.toml')}:1: code BP101 "
                           "already used by ")
    assert result.stdout == "1 rule file, 1 problem.\n"
    assert run(project, "check", "a.txt").exit_code == 2  # as check refuses it
    assert run(project, "rules", "validate", "--no-default-rules", "house").exit_code == 0
    assert run(project, "rules", "validate", str(default_rules_dir())).exit_code == 0
