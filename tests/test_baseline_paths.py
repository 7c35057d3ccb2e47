"""Baseline paths through symbolic links, and the schema version's type."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.baseline import Baseline, BaselineError, relative_path
from normalize.cli import main

ARTICLE = "The drone , which fell.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def linked(tmp_path, monkeypatch):
    """repo/articles/a.txt with a finding, `link` -> repo, the working folder repo."""
    (tmp_path / "repo" / "articles").mkdir(parents=True)
    (tmp_path / "repo" / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("repo", tmp_path / "link")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path


def test_a_file_reached_through_a_link_matches_its_entry(linked):
    assert run("check", "--write-baseline", "base.json", "articles").exit_code == 0
    entries = json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"]
    assert [e["path"] for e in entries] == ["articles/a.txt"]
    for spelling in ("articles", linked / "link" / "articles", linked / "repo" / "articles"):
        result = run("check", "--baseline", "base.json", spelling)
        assert result.exit_code == 0, (spelling, result.output)
    # written through the link: the same entry
    assert run("check", "--write-baseline", "b2.json", linked / "link" / "articles").exit_code == 0
    assert json.loads(Path("b2.json").read_text(encoding="utf-8")) == {
        "schema_version": 1, "findings": entries}


def test_a_baseline_written_before_links_were_resolved_still_matches(linked):
    assert run("check", "--write-baseline", "base.json", "articles").exit_code == 0
    data = json.loads(Path("base.json").read_text(encoding="utf-8"))
    for entry in data["findings"]:  # as an older version wrote a path through the link
        entry["path"] = "../link/articles/a.txt"
    Path("old.json").write_text(json.dumps(data), encoding="utf-8")
    assert run("check", "--baseline", "old.json", linked / "link" / "articles").exit_code == 0


def test_relative_path_resolves_only_outside_the_root(linked):
    root = (linked / "repo").resolve()
    assert relative_path("articles/a.txt", root) == "articles/a.txt"
    assert relative_path(str(linked / "link" / "articles" / "a.txt"), root) == "articles/a.txt"
    assert relative_path(str(linked / "elsewhere.txt"), root) == "../elsewhere.txt"


@pytest.mark.parametrize("version", [True, 1.0, "1", None, 2])
def test_a_schema_version_that_is_not_the_integer_1_is_refused(tmp_path, version):
    with pytest.raises(BaselineError, match="want schema_version 1"):
        Baseline.parse({"schema_version": version, "findings": []}, tmp_path / "b.json")
    assert Baseline.parse({"schema_version": 1, "findings": []}, tmp_path / "b.json").counts == {}
