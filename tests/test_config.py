"""Configuration: a sample newsroom repository checked through its config alone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.config import Config, ConfigError, find_config, glob_match, load_config
from normalize.loader import load_rules

from .conftest import ROOT

NEWSROOM = ROOT / "tests" / "fixtures" / "newsroom"
DRONE = "articles/2025/08/drone-incursion.md"
AIR = "articles/2025/08/air-defence.md"
ARCHIVE = "archive/2019-interview.md"


def run(*args, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def found(result) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]}


def test_newsroom_through_config_alone(newsroom):
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert result.exit_code == 1
    assert found(result) == {
        (AIR, "HS101"),  # the newsroom's own rule folder, from `rules`
        (AIR, "MT102"),
        (DRONE, "NM101"),
        (DRONE, "MT101"),
    }  # drafts/ excluded, notes.txt not included, LG ignored in archive/
    # front matter, the code block, the link's URL and inline code repeat the artefacts
    # and the suppression comment in archive/ silences its quote: only prose lines count
    lines = sorted((f["code"], f["line"]) for f in json.loads(result.stdout)["findings"]
                   if f["path"] == DRONE)
    assert lines == [("MT101", 12), ("NM101", 10)]


def test_config_found_from_a_subfolder(newsroom):
    result = run("check", "--format", "json", newsroom / "articles")
    assert {code for _, code in found(result)} == {"HS101", "MT102", "NM101", "MT101"}


def test_select_and_fail_level_change_exit_code(newsroom):
    # HS101 is a suggestion; the config's fail-level is warning.
    assert run("check", "--select", "HS", ".", cwd=newsroom).exit_code == 0
    assert run("check", "--select", "HS", "--fail-level", "suggestion", ".",
               cwd=newsroom).exit_code == 1
    # MT101 is a warning, NM101 an error.
    assert run("check", "--select", "MT1", "--fail-level", "error", ".",
               cwd=newsroom).exit_code == 0
    assert run("check", "--select", "NM,MT", "--fail-level", "error", ".",
               cwd=newsroom).exit_code == 1
    assert run("check", "--ignore", "NM,MT", ".", cwd=newsroom).exit_code == 0
    assert run("check", "--ignore", "NM", "--ignore", "MT,HS", "--fail-level", "suggestion",
               ".", cwd=newsroom).exit_code == 0


def test_config_select_ignore_and_per_path_ignores(newsroom):
    config = newsroom / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('"archive/**" = ["LG"]', ""), encoding="utf-8")
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert (ARCHIVE, "LG101") in found(result)
    config.write_text(text.replace('ignore = ["BP103"]', 'ignore = ["NM", "MT"]'),
                      encoding="utf-8")
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert found(result) == {(AIR, "HS101")}
    assert result.exit_code == 0  # a suggestion, below the fail-level
    config.write_text(text.replace('ignore = ["BP103"]', 'select = ["NM"]'), encoding="utf-8")
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert found(result) == {(DRONE, "NM101")}
    assert result.exit_code == 1
    config.write_text(text + '"articles/2025/**" = ["NM1", "HS"]\n', encoding="utf-8")
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert found(result) == {(AIR, "MT102"), (DRONE, "MT101")}


def test_named_file_is_checked_even_if_excluded(newsroom):
    result = run("check", "--format", "json", "drafts/unfinished.md", cwd=newsroom)
    assert found(result) == {("drafts/unfinished.md", "MT101")}


def test_config_format_and_cli_override(newsroom):
    text = (newsroom / "pyproject.toml").read_text(encoding="utf-8")
    (newsroom / "pyproject.toml").write_text(
        text.replace('fail-level = "warning"', 'fail-level = "warning"\nformat = "json"'),
        encoding="utf-8")
    assert json.loads(run("check", ".", cwd=newsroom).stdout)["schema_version"] == 1
    assert run("check", "--format", "text", ".", cwd=newsroom).stdout.startswith("articles/")


def test_explicit_config_and_normalize_toml(tmp_path, newsroom):
    (tmp_path / "normalize.toml").write_text('select = ["HS"]\nrules = ["newsroom/style"]\n',
                                             encoding="utf-8")
    result = run("check", "--config", tmp_path / "normalize.toml", "--format", "json",
                 ".", cwd=newsroom)
    # every .md and .txt, no excludes: the named config replaces the found one
    assert {code for _, code in found(result)} == {"HS101"}
    # normalize.toml beats pyproject.toml in the same folder
    (newsroom / "normalize.toml").write_text('select = ["MT101"]\n', encoding="utf-8")
    assert find_config([newsroom / "articles"]) == newsroom / "normalize.toml"
    result = run("check", "--format", "json", ".", cwd=newsroom)
    assert {code for _, code in found(result)} == {"MT101"}


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "normalize.toml").write_text('fail-level = "error"\n', encoding="utf-8")
    inner = tmp_path / "repo"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config([inner]) == tmp_path / "normalize.toml"


@pytest.mark.parametrize("body,key,words", [
    ('colour = "red"\n', "tool.normalize.colour", "unknown key"),
    ('fail-level = "fatal"\n', "tool.normalize.fail-level", "want one of"),
    ('select = "MT"\n', "tool.normalize.select", "array of strings"),
    ('select = ["mt-101"]\n', "tool.normalize.select", "not a code"),
    ('select = ["ZZ"]\n', "select", "matches no loaded rule"),
    ('rules = ["nowhere"]\n', "tool.normalize.rules", "does not exist"),
    ('rules = ["x\\u0000"]\n', "tool.normalize.rules", "cannot hold a NUL character"),
    ('baseline = "\\u0000"\n', "tool.normalize.baseline", "cannot hold a NUL character"),
    ('format = "pdf"\n', "tool.normalize.format", "want one of"),
    ('[tool.normalize.per-path-ignores]\n"a/**" = "LG"\n',
     "tool.normalize.per-path-ignores.a/**", "array of code prefixes"),
    # select and ignore refused a code no rule has: per-path-ignores took it silently
    ('[tool.normalize.per-path-ignores]\n"a/**" = ["ZZ"]\n',
     "per-path-ignores.a/**", "matches no loaded rule"),
])
def test_config_errors_are_one_line_naming_file_and_key(tmp_path, body, key, words):
    if not body.startswith("["):
        body = "[tool.normalize]\n" + body
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "pyproject.toml" in lines[0] and f"'{key}'" in lines[0] and words in lines[0]


def test_config_error_names_the_line_in_our_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nselect = ["E"]\n\n[tool.normalize]\nselect = ["mt"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: key 'tool.normalize.select'"):
        load_config(tmp_path / "pyproject.toml")


def test_invalid_toml_is_a_config_error(tmp_path):
    path = tmp_path / "normalize.toml"
    path.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="normalize.toml: invalid TOML"):
        load_config(path)


@pytest.mark.parametrize("value", ["[" * 600 + "]" * 600, "{a=" * 400 + "1" + "}" * 400])
def test_values_nested_too_deeply_are_a_config_error(tmp_path, value):
    """tomllib reads nesting by recursion: a RecursionError escaped as a traceback."""
    path = tmp_path / "normalize.toml"
    path.write_text(f"exclude = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="normalize.toml: invalid TOML: .*nested too deeply"):
        load_config(path)


def test_glob_match():
    assert glob_match("archive/**", "archive/2019/a.md")
    assert glob_match("**/*.md", "a.md") and glob_match("**/*.md", "x/y/a.md")
    assert not glob_match("*.md", "a.txt")
    assert glob_match("*.md", "deep/down/a.md")  # no '/': matches the name at any depth
    assert not glob_match("articles/*.md", "articles/2025/a.md")
    assert glob_match("drafts", "drafts")


def test_wants_code_and_fails():
    from normalize.model import Severity

    config = Config(root=Path("/news"), select=("MT", "NM1"), ignore=("MT104",),
                    per_path_ignores=(("archive/**", ("NM",)),), fail_level="warning")
    assert config.wants_code("MT101") and config.wants_code("NM101")
    assert not config.wants_code("MT104") and not config.wants_code("BP101")
    assert not config.wants_code("NM101", "/news/archive/x.md")
    assert config.wants_code("NM101", "/news/articles/x.md")
    assert config.fails(Severity.ERROR) and config.fails(Severity.WARNING)
    assert not config.fails(Severity.SUGGESTION)


def test_fix_follows_the_config(newsroom):
    result = run("fix", "--diff", ".", cwd=newsroom)
    assert "drone-incursion.md" in result.stdout and "Kęstutis" in result.stdout
    assert "drafts" not in result.stdout and "notes.txt" not in result.stdout
    result = run("fix", "--diff", "--ignore", "NM", ".", cwd=newsroom)
    assert "Kęstutis" not in result.stdout


def test_show_config(newsroom):
    result = run("check", "--show-config", "--fail-level", "error", "articles", cwd=newsroom)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("pyproject.toml")
    assert 'fail-level = "error"' in lines  # the flag beats the file
    assert 'exclude = ["drafts"]' in lines
    assert 'per-path-ignores."archive/**" = ["LG"]' in lines


HOUSE_RULE = ('code = "HS101"\nkind = "substitution"\nmessage = "write \'{replacement}\'"\n'
              'source = "house style"\nswap = { "defense" = "defence" }\n'
              '[examples]\nfail = ["defense"]\npass = ["defence"]\n')


@pytest.mark.parametrize("given", ["", " "])
def test_empty_rule_folder_is_named_as_not_a_folder(tmp_path, given):
    (tmp_path / "normalize.toml").write_text(f'rules = ["{given}"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert f"normalize.toml:1: key 'rules': '{given}' is not a rule folder" in line


@pytest.mark.parametrize("config, body", [
    ("normalize.toml", 'rules = ["."]\nselect = ["HS"]\n'),
    ("pyproject.toml", '[tool.normalize]\nrules = ["."]\nselect = ["HS"]\n'),
])
def test_rule_folder_holding_the_config_reads_the_rules_beside_it(tmp_path, config, body):
    (tmp_path / config).write_text(body, encoding="utf-8")
    (tmp_path / "house.toml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The defense minister spoke.\n", encoding="utf-8")
    result = run("check", "--format", "json", tmp_path / "a.txt")
    assert result.exit_code == 1, result.stderr
    assert {code for _, code in found(result)} == {"HS101"}


def test_rule_folder_holding_an_explicit_config_of_another_name(tmp_path):
    # a config has no 'kind' or 'code' (they are not config keys): never read as a rule
    (tmp_path / "house-config.toml").write_text('rules = ["."]\n', encoding="utf-8")
    config = load_config(tmp_path / "house-config.toml")
    assert config.rules == (tmp_path.resolve(),)
    assert load_rules(list(config.rules), use_defaults=False).rules == ()


def test_rule_folder_that_is_a_file(tmp_path):
    (tmp_path / "normalize.toml").write_text('rules = ["a.txt"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rule folder 'a.txt' is not a folder"):
        load_config(tmp_path / "normalize.toml")


def test_show_config_prints_a_configs_control_characters_as_escapes(tmp_path):
    """A repository's config must not retitle or clear an editor's terminal."""
    (tmp_path / "normalize.toml").write_text('exclude = ["x\\u001b]0;title\\u0007"]\n',
                                             encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = run("check", "--show-config", "a.txt", cwd=tmp_path)
    assert result.exit_code == 0
    assert 'exclude = ["x\\x1b]0;title\\x07"]' in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
