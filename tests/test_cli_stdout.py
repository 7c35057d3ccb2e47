"""Standard output that cannot be written: a full disk or an I/O error is one
`error: standard output: cannot write (...)` line and exit code 2 (never a
traceback, never exit 1, the code for findings); a reader that has gone (a
closed pipe) leaves the run's own exit code; a closed standard output is an
error, not a report silently lost. Run as processes: only the process's own
streams are guarded."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ARTICLE = "The drone , which fell.\n"
CLEAN = "Clean text.\n"
FULL = "error: standard output: cannot write (No space left on device)"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX streams and /dev/full")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def normalize(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "normalize", *args], stderr=subprocess.PIPE,
                          text=True, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("check", "clean.txt"), ("check", "a.txt"),
                                  ("check", "--format", "sarif", "clean.txt"),
                                  ("fix", "a.txt"), ("rules", "list"),
                                  ("check", "--show-config", "a.txt"), ("--help",)])
def test_a_full_disk_is_one_error_line_and_exit_2(folder, args):
    with open("/dev/full", "w") as full:
        done = normalize(*args, stdout=full)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines()[-1] == FULL
    assert "Traceback" not in done.stderr
    if args[0] == "fix":  # the fix was written; only its summary was lost
        assert (folder / "a.txt").read_text(encoding="utf-8") == "The drone, which fell.\n"


@pytest.mark.parametrize(("args", "code"), [(("check", "clean.txt"), 0), (("check", "a.txt"), 1),
                                            (("check", "a.txt", "missing.txt"), 2),
                                            (("fix", "--diff", "a.txt"), 0),
                                            (("rules", "list"), 0)])
def test_a_reader_gone_keeps_the_runs_own_exit_code(folder, args, code):
    read, write = os.pipe()
    os.close(read)  # `| head` that has stopped reading
    try:
        done = normalize(*args, stdout=write)
    finally:
        os.close(write)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "standard output" not in done.stderr


def test_a_reader_gone_with_stderr_on_the_same_pipe(folder):
    read, write = os.pipe()
    os.close(read)  # `normalize check ... 2>&1 | head`
    try:
        done = subprocess.run([sys.executable, "-m", "normalize", "check", "a.txt", "missing"],
                              stdout=write, stderr=write)
    finally:
        os.close(write)
    assert done.returncode == 2


def test_a_closed_standard_output_is_an_error(folder):
    done = normalize("check", "clean.txt", preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert done.stderr == "error: standard output: cannot write (closed)\n"
    # a run that writes nothing there does not need it
    done = normalize("check", "-o", "report.txt", "a.txt", preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (1, "")
    assert "TY104" in (folder / "report.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_error_that_cannot_be_written_keeps_the_exit_code(folder):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "normalize", "check", "a.txt", "missing"],
                              stdout=subprocess.PIPE, stderr=full, text=True)
    assert done.returncode == 2
    assert "TY104" in done.stdout


def test_a_working_standard_output_is_unchanged(folder):
    done = normalize("check", "a.txt", stdout=subprocess.PIPE)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout.startswith("a.txt:1:10: TY104 ")
