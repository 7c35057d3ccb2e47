"""`-o/--output` and `--write-baseline` write atomically: a write that fails
(a full disk; here a file-size limit) leaves the previous report or baseline
whole, and a device such as /dev/null is written, not replaced."""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main

ARTICLE = "The drone , which fell.\n"
OLD = '{"old": "file"}\n'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _limited(limit: int):
    def limit_file_size() -> None:  # bytes a write may reach; beyond: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


def _articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03}.txt").write_text(f"Intro {i}.\n{ARTICLE}", encoding="utf-8")


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("option", ["--write-baseline", "-o"])
def test_a_failed_write_leaves_the_old_file_whole(tmp_path, option):
    _articles(tmp_path / "articles", 40)  # a baseline or report of well over 4 KB
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "normalize", "check", "-q", "--format", "json",
            option, str(target), str(tmp_path / "articles")]
    if option == "--write-baseline":
        args.remove("--format"), args.remove("json")
    done = subprocess.run(args, capture_output=True, text=True, env=env,
                          preexec_fn=_limited(4096))
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1].startswith(f"error: {target}: cannot write (")
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "cache", "out.json"]


def test_a_new_report_gets_the_umask_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    old = os.umask(0o027)
    try:
        assert run("check", "-o", "report.txt", "a.txt").exit_code == 1
        assert run("check", "--write-baseline", "base.json", "a.txt").exit_code == 0
    finally:
        os.umask(old)
    for name in ("report.txt", "base.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
    assert "TY104" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".nz-")] == []


def test_an_old_report_keeps_its_mode_and_a_link_stays_a_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "r.txt"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o604)
    os.symlink("reports/r.txt", tmp_path / "link.txt")
    assert run("check", "-o", "link.txt", "a.txt").exit_code == 1
    assert (tmp_path / "link.txt").is_symlink()
    assert "TY104" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o604


def test_a_read_only_report_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "r.txt").write_text("old\n", encoding="utf-8")
    (tmp_path / "r.txt").chmod(0o444)
    result = run("check", "-o", "r.txt", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == "error: r.txt: cannot write (read-only file)\n"
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "old\n"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_written_not_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    before = os.stat("/dev/null")
    assert run("check", "-o", "/dev/null", "a.txt").exit_code == 1
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("check", "-o", "/dev/full", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == "error: /dev/full: cannot write (No space left on device)\n"


def test_output_into_a_missing_folder_is_one_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("check", "--write-baseline", "no/base.json", "a.txt")
    assert result.exit_code == 2
    assert result.stderr == "error: no/base.json: cannot write (No such file or directory)\n"


@pytest.mark.parametrize("option, target, what", [
    ("-o", "b.json", "the baseline"),
    ("-o", "normalize.toml", "the config file"),
    ("--write-baseline", "normalize.toml", "the config file"),
    ("-o", "rules/x.toml", "a rule file"),
    ("-o", "alias.json", "the baseline"),  # any name of it
])
def test_a_report_is_not_written_over_what_the_run_reads(tmp_path, monkeypatch, option,
                                                         target, what):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    Path("normalize.toml").write_text('baseline = "b.json"\n', encoding="utf-8")
    Path("rules").mkdir()
    Path("rules/x.toml").write_text(
        'code = "HS901"\nkind = "existence"\nmessage = "{text}"\nsource = "t"\n'
        'patterns = ["zz"]\n[examples]\nfail = ["zz"]\npass = []\n', encoding="utf-8")
    assert run("check", "--write-baseline", "b.json", "a.txt").exit_code == 0
    os.link("b.json", "alias.json")
    kept = {name: Path(name).read_bytes() for name in ("b.json", "normalize.toml", "rules/x.toml")}
    result = CliRunner().invoke(main, ["check", "--rules", "rules", option, target, "a.txt"])
    assert result.exit_code == 2
    named = "--output" if option == "-o" else option
    assert f"error: {target}: is {what} this run reads; {named} would overwrite it" in \
        result.output
    assert {name: Path(name).read_bytes() for name in kept} == kept
    # writing the baseline again is what --write-baseline is for
    assert run("check", "--write-baseline", "b.json", "a.txt").exit_code == 0
