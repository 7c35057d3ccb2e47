"""The command line as a user meets it: exit codes, JSON contract, fix, diff + patch."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from normalize.cli import main

from .conftest import SEEDS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def seeds_copy(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister spoke to reporters on Monday.\n", encoding="utf-8")
    assert run("check", clean).exit_code == 0
    assert run("check", SEEDS).exit_code == 1
    assert run("check", tmp_path / "missing.txt").exit_code == 2


def test_unreadable_file_reported_others_still_checked(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 \xff\xfe broken")
    good = tmp_path / "good.txt"
    good.write_text("Foreign Minister Kestutis Budrys spoke.\n", encoding="utf-8")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Kęstutis Budrys" in result.stdout


def test_json_contract():
    result = run("check", "--format", "json", SEEDS)
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1
    assert payload["summary"]["findings"] == len(payload["findings"]) > 0
    keys = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
            "message", "text", "replacement", "applicability"}
    for item in payload["findings"]:
        assert keys <= set(item)
        assert item["severity"] in ("error", "warning", "suggestion")
        assert item["applicability"] in ("safe", "unsafe", "display-only", None)
        assert (item["replacement"] is None) == (item["applicability"] is None)
        # text is exactly the file's text at that span (1-based, code points)
        lines = open(item["path"], encoding="utf-8", newline="").read().splitlines(True)
        assert item["line"] == item["end_line"]
        line = lines[item["line"] - 1]
        assert line[item["column"] - 1 : item["end_column"] - 1] == item["text"]


def test_fix_writes_only_safe_fixes_and_is_idempotent(seeds_copy):
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    result = run("fix", seeds_copy)
    assert "Fixed" in result.output
    after = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    assert before != after
    assert run("fix", seeds_copy).output.startswith("Fixed 0 findings")
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == after
    payload = json.loads(run("check", "--format", "json", seeds_copy).stdout)
    assert not [f for f in payload["findings"] if f["applicability"] == "safe"]
    # unsafe proposals are still there, unapplied
    assert any(f["applicability"] == "unsafe" for f in payload["findings"])
    text = (seeds_copy / "004_edbddf78d1a009c0.txt").read_text(encoding="utf-8")
    assert "Decali Šakalienė" in text and "precipitated" in text
    assert "Dainius Paškevičius" in text and "Kestutis" not in text


def test_fix_changes_no_byte_outside_its_edits(seeds_copy):
    path = seeds_copy / "004_edbddf78d1a009c0.txt"
    original = path.read_text(encoding="utf-8")
    run("fix", path)
    fixed = path.read_text(encoding="utf-8")

    matcher = difflib.SequenceMatcher(None, original, fixed, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            changed = original[i1:i2]
            assert len(changed) < 40 and "\n" not in changed, changed


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
@pytest.mark.parametrize("mode", ["check", "fix"])
def test_diff_applies_with_patch(seeds_copy, tmp_path, mode):
    work = tmp_path / "work"
    shutil.copytree(seeds_copy, work / "seeds")
    old = os.getcwd()
    os.chdir(work)
    try:
        args = ["check", "--format", "diff", "seeds"] if mode == "check" else \
            ["fix", "--diff", "--unsafe-fixes", "seeds"]
        diff = CliRunner().invoke(main, args, catch_exceptions=False)
        subprocess.run(["patch", "-p1", "--quiet"], input=diff.stdout.encode(), check=True)
    finally:
        os.chdir(old)
    # the patched files equal what the tool itself produces
    expected = tmp_path / "expected"
    shutil.copytree(seeds_copy, expected)
    if mode == "fix":
        run("fix", "--unsafe-fixes", expected)
        for p in sorted(expected.iterdir()):
            assert (work / "seeds" / p.name).read_bytes() == p.read_bytes()
    else:
        patched = (work / "seeds" / "004_edbddf78d1a009c0.txt").read_text(encoding="utf-8")
        assert "Dovilė Šakalienė and Foreign" in patched and "small country" in patched


def test_bad_rule_file_exits_2_with_one_line(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "x.toml").write_text('code = "XX1"\nkind = "names"\nnames = 3\n', encoding="utf-8")
    result = run("check", "--rules", folder, SEEDS)
    assert result.exit_code == 2
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and str(folder / "x.toml") in err[0]


def test_rules_list_explain_validate():
    listing = run("rules", "list").output
    assert "NM101" in listing and "MT101" in listing
    explained = run("rules", "explain", "MT101")
    assert explained.exit_code == 0
    assert "precipitated" in explained.output and "substitution" in explained.output
    assert run("rules", "explain", "ZZ999").exit_code == 2


def test_no_default_rules_and_extra_rules(tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "colour.toml").write_text(
        'code = "HS101"\nkind = "substitution"\nmessage = "house style: {replacement}"\n'
        'source = "house"\nswap = { "defense" = "defence" }\n'
        '[examples]\nfail = ["defense"]\npass = ["defence"]\n', encoding="utf-8")
    result = run("check", "--no-default-rules", "--rules", folder, "--format", "json", SEEDS)
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    # the folder-wide names stage (NM2xx) runs whatever rules are loaded
    assert {c for c in codes if not c.startswith("NM2")} == {"HS101"}
    assert run("rules", "validate", folder).exit_code == 0
