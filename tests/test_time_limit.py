"""A file whose check takes too long (a rule's pattern that backtracks in a
way the load-time check cannot see) is stopped by the time limit
(normalize.parallel): one line naming it, exit code 2, the other files checked."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from normalize import parallel
from normalize.loading import in_load, one_time_load

from .test_regex_ambiguity import rule_dir, run

SLOW = r"x.*x.*x.*x.*y"  # polynomial: passes the load-time check, n^4 on a line of x


def _slow_folder(tmp_path: Path, slow: tuple[int, ...]) -> tuple[Path, Path]:
    """The slow rule and seven files, `slow` of them slow for it. A run over a
    quick file first, without a limit, makes what the first file of a run loads
    once (word lists, compiled patterns; the cache when it is cold) loaded, so
    that 0.3 s is the time of the file's own work whichever tests ran before."""
    rules = rule_dir(tmp_path, SLOW)
    warm = tmp_path / "warm.txt"
    warm.write_text("Hello , world.\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NORMALIZE_TIME_LIMIT", "0")
        assert run("check", "--jobs", "1", "--rules", rules, warm).exit_code == 1
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(7):
        (docs / f"{i}.txt").write_text(("x" * 3000 if i in slow else "Hello , world.") + "\n",
                                       encoding="utf-8")
    return rules, docs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_takes_too_long_is_an_error_and_the_others_are_checked(
        tmp_path, monkeypatch, jobs):
    rules, docs = _slow_folder(tmp_path, (1, 6))  # 1 before the workers start, 6 in one
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.3")
    before = signal.getsignal(signal.SIGALRM)
    result = run("check", "--jobs", jobs, "--rules", rules, docs)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    late = [line for line in lines if "took longer" in line]
    assert late == [f"error: {docs / str(n)}.txt: took longer than 0.3 s to check, stopped "
                    "(a rule that backtracks, or too much text for it; NORMALIZE_TIME_LIMIT "
                    "sets the limit); the other files are checked" for n in (1, 6)]
    for n in (0, 2, 3, 4, 5):
        assert any(line.startswith(f"{docs / str(n)}.txt:1:6: TY104") for line in lines)
    assert "Traceback" not in result.output
    # nothing left running: no timer, and the handler the run found
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_fix_leaves_a_file_that_takes_too_long_alone(tmp_path, monkeypatch):
    rules, docs = _slow_folder(tmp_path, (1,))
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.3")
    (docs / "1.txt").write_text("Hello , world.\n" + "x" * 3000 + "\n", encoding="utf-8")
    result = run("fix", "--jobs", "1", "--rules", rules, docs)
    assert result.exit_code == 2 and "1.txt: took longer than 0.3 s" in result.output
    assert (docs / "1.txt").read_text(encoding="utf-8").startswith("Hello , world.")
    assert (docs / "0.txt").read_text(encoding="utf-8") == "Hello, world.\n"


def test_the_limit_grows_with_a_huge_file(tmp_path, monkeypatch):
    """A 2 MB file has the seconds of an article for each 250,000 characters: a slow
    file is not a hang."""
    monkeypatch.setattr(parallel, "_LIMIT", 1.0)
    seen = []
    monkeypatch.setattr(signal, "setitimer", lambda which, seconds: seen.append(seconds))
    for size in (100, 2_000_000):
        path = tmp_path / f"{size}.txt"
        path.write_text("a" * size, encoding="utf-8")
        assert parallel._read_and_work(str(path), lambda doc: "done", ())[0] == "ok"
    assert seen == [1.0, 0, 2_000_000 / parallel.PER_LIMIT, 0] == [1.0, 0, 8.0, 0]


def test_the_limit_is_set_by_the_environment(monkeypatch):
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "7.5")
    assert parallel.time_limit() == 7.5
    for none in ("0", "-1", "inf", "99999999999", "1e300"):  # none, or more than a timer holds
        monkeypatch.setenv("NORMALIZE_TIME_LIMIT", none)
        assert parallel.time_limit() is None
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "soon")
    assert parallel.time_limit() == parallel.TIME_LIMIT  # (the command line refuses it)
    monkeypatch.delenv("NORMALIZE_TIME_LIMIT")
    assert parallel.time_limit() == parallel.TIME_LIMIT
    assert parallel.time_limit_problem() is None


@pytest.mark.parametrize("value", ["soon", "20s", "nan", "1,5"])
@pytest.mark.parametrize("command", [["check"], ["fix", "--diff"], ["rules", "validate"]])
def test_a_time_limit_that_is_not_a_number_is_refused(tmp_path, monkeypatch, value, command):
    """A typo in NORMALIZE_TIME_LIMIT left the default limit in force without a word."""
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    folder = rule_dir(tmp_path, "xy")
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", value)
    result = run(*command, folder if command[0] == "rules" else tmp_path / "a.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: NORMALIZE_TIME_LIMIT={value!r} is not a number of seconds (0 for no limit)"]
    for fine in (" 2.5 ", "0", ""):
        monkeypatch.setenv("NORMALIZE_TIME_LIMIT", fine)
        assert run(*command, folder if command[0] == "rules" else tmp_path / "a.txt"
                   ).exit_code == 0


def test_no_limit_outside_the_main_thread():
    got = []
    thread = threading.Thread(target=lambda: got.append(parallel.time_limit()))
    thread.start()
    thread.join()
    assert got == [None]


def test_a_rule_that_catches_every_exception_cannot_swallow_the_timeout():
    assert not issubclass(parallel.FileTimeout, Exception)


def test_a_signal_between_files_is_not_ours():
    """The handler raises only while a file's timer runs; otherwise it hands
    the signal to the handler that was there before."""
    calls = []
    parallel._PREVIOUS = lambda *args: calls.append(args)
    try:
        parallel._on_alarm(signal.SIGALRM, None)
    finally:
        parallel._PREVIOUS = None
    assert calls == [(signal.SIGALRM, None)]


# -- one-time loads ----------------------------------------------------------------


def _run_quick_files(tmp_path: Path, work, n: int = 5) -> tuple[list, list[str]]:
    paths = []
    for i in range(n):
        path = tmp_path / f"{i}.txt"
        path.write_text("Hello , world.\n", encoding="utf-8")
        paths.append(path)
    errors: list[str] = []
    return list(parallel.run_per_file(paths, work, (), 1, errors, [])), errors


@one_time_load
def _slow_marked_load(calls: list) -> str:
    calls.append(1)
    time.sleep(0.3)  # resumed after the timer's signal (PEP 475) unless it raises
    return "table"


def test_a_one_time_load_that_outlasts_the_limit_is_finished_and_kept(tmp_path, monkeypatch):
    """The first file's load takes longer than a file may: it is let finish, it
    is kept, and neither that file nor the later ones run out of time for it."""
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.1")
    calls: list = []
    kept: dict = {}

    def work(doc):
        if "table" not in kept:
            kept["table"] = _slow_marked_load(calls)
        return doc.text

    done, errors = _run_quick_files(tmp_path, work)
    assert (done, errors, len(calls)) == (["Hello , world.\n"] * 5, [], 1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_function_cached_without_arguments_is_a_load(tmp_path, monkeypatch):
    calls: list = []

    @functools.cache
    def table() -> str:  # as normalize's modules cache what they build once
        calls.append(1)
        time.sleep(0.3)
        return "table"

    monkeypatch.setattr(parallel, "_a_cached_table", table, raising=False)
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.1")
    done, errors = _run_quick_files(tmp_path, lambda doc: table())
    assert (done, errors, len(calls)) == (["table"] * 5, [], 1)


def test_work_after_a_load_still_has_a_limit(tmp_path, monkeypatch):
    """A load lets the file's own work start its time again; no more."""
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.1")
    calls: list = []

    def work(doc):
        _slow_marked_load(calls)
        time.sleep(0.5)  # the file's own work: too long
        return doc.text

    done, errors = _run_quick_files(tmp_path, work, n=2)
    assert done == [] and len(errors) == 2 and all("took longer" in e for e in errors)


def test_what_counts_as_a_load():
    here = sys._getframe().f_code  # (below it: pytest's own frames, imports among them)

    @one_time_load
    def marked():
        return in_load(sys._getframe(), stop=here)

    def plain():
        return in_load(sys._getframe(), stop=here)

    assert marked() and not plain()
    assert not in_load(None)


def test_the_first_files_loads_do_not_make_a_tiny_limit_fail_every_file(tmp_path):
    """A fresh process (nothing loaded yet) with a limit shorter than the first
    file's loads (word lists, the needles pattern, names indexes): every file is
    checked, and finds what it finds without a limit."""
    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(
            "Hello , world. Foreign Minister Kestutis Budrys said the drone fell near "
            "Vilnius on Tuesday.\n", encoding="utf-8")

    def check(limit: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "normalize", "check", "--jobs", "1", "."],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env={**os.environ, "NORMALIZE_TIME_LIMIT": limit})

    free, limited = check("0"), check("0.03")
    assert "took longer" not in limited.stderr, limited.stderr
    assert (limited.returncode, limited.stdout) == (free.returncode, free.stdout)
    assert free.returncode == 1 and free.stdout.count(": NM101 ") == 7


def test_a_needles_pattern_build_stopped_half_way_is_made_again(monkeypatch):
    """The registry records the pattern as built only once it is: a build that a
    file's timer (or anything else) stopped is made again by the next caller."""
    from normalize import needles

    registry = needles._Registry()
    registry.add(["drone", "missile"])
    real = needles._trie

    def stopped(words):
        raise parallel.FileTimeout

    monkeypatch.setattr(needles, "_trie", stopped)
    with pytest.raises(parallel.FileTimeout):
        registry.pattern()
    monkeypatch.setattr(needles, "_trie", real)
    pattern = registry.pattern()
    assert pattern is not None and pattern.search(" a drone") is not None


def test_rules_validate_stops_a_rule_whose_examples_take_too_long(tmp_path, monkeypatch):
    """A pattern that backtracks on one of its own examples is one problem
    line; the next rule file is still validated, and nothing is left armed."""
    folder = tmp_path / "rules"
    folder.mkdir()
    head = 'kind = "existence"\nmessage = "found {text}"\nsource = "test"\n'
    (folder / "a.toml").write_text(
        f'code = "HS901"\n{head}patterns = [\'{SLOW}\']\n\n[examples]\nfail = []\n'
        f'pass = ["{"x" * 3000}"]\n', encoding="utf-8")
    (folder / "b.toml").write_text(
        f'code = "HS902"\n{head}patterns = [\'zz\']\n\n[examples]\nfail = ["no"]\npass = []\n',
        encoding="utf-8")
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "0.3")
    before = signal.getsignal(signal.SIGALRM)
    started = time.perf_counter()
    result = run("rules", "validate", "--no-default-rules", folder)
    assert time.perf_counter() - started < 20
    assert result.exit_code == 2, result.output
    assert (f"error: {folder / 'a.toml'}: HS901: its examples took longer than 0.3 s to check, "
            "stopped (a pattern that backtracks; NORMALIZE_TIME_LIMIT sets the limit)"
            in result.output.splitlines())
    assert f"{folder / 'b.toml'}: HS902 does not flag its 'fail' example: 'no'" in result.output
    assert "2 rule files, 2 problems." in result.output and "Traceback" not in result.output
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
