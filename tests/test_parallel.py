"""--jobs N: the same output, errors and notes as one process, in the same order."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import parallel
from normalize.cli import main
from normalize.parallel import AUTO_MAX, AUTO_MIN_FILES, jobs_wanted

from .conftest import SEEDS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _folder(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "a-bad.txt").write_bytes(b"Intro: " + bytes(range(0x80, 0x100)))
    (folder / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    (folder / "c-broken.txt").symlink_to(folder / "nowhere.txt")
    for n in range(12):
        (folder / f"d-{n:02}.txt").write_text(f"Minister Kestutis Budrys, part {n}.\n",
                                              encoding="utf-8")
    return folder


def test_check_with_jobs_gives_the_same_report(tmp_path):
    folder = _folder(tmp_path)
    for fmt in ("json",):
        one = run("check", "--format", fmt, folder)
        two = run("check", "--format", fmt, "--jobs", "2", folder)
        auto = run("check", "--format", fmt, "-j", "0", folder)
        assert one.exit_code == two.exit_code == auto.exit_code == 2
        assert one.stdout == two.stdout == auto.stdout
        assert one.stderr == two.stderr == auto.stderr


def test_fix_with_jobs_writes_the_same_files(tmp_path):
    results = []
    for jobs in ("1", "2"):
        (tmp_path / jobs).mkdir()
        folder = _folder(tmp_path / jobs)
        outcome = run("fix", "--jobs", jobs, folder)
        files = {p.relative_to(folder): p.read_bytes()
                 for p in sorted(folder.rglob("*")) if p.is_file()}
        stderr = outcome.stderr.replace(str(folder), "FOLDER")
        results.append((outcome.exit_code, outcome.stdout, stderr, files))
    assert results[0] == results[1]
    assert "Kęstutis" in results[0][3][tmp_path.__class__("d-00.txt")].decode("utf-8")


def test_jobs_left_out_means_one_process_for_few_files_and_some_for_many(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 16)
    assert jobs_wanted(None, AUTO_MIN_FILES - 1) == 1  # a pre-commit run: no workers to start
    assert jobs_wanted(None, AUTO_MIN_FILES) == AUTO_MAX
    assert jobs_wanted(0, 1) == 16 and jobs_wanted(3, 10_000) == 3  # what is asked for
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert jobs_wanted(None, 10_000) == 1


def test_check_without_jobs_on_a_large_folder_gives_the_one_process_report(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    folder = _folder(tmp_path)
    for n in range(AUTO_MIN_FILES):
        (folder / f"e-{n:03}.txt").write_text(f"The Kestutis Budrys part {n}.\n",
                                              encoding="utf-8")
    one = run("check", "--format", "json", "--jobs", "1", folder)
    forked = []
    real = parallel._forked
    monkeypatch.setattr(parallel, "_forked", lambda *a, **k: forked.append(a[-1]) or real(*a, **k))
    default = run("check", "--format", "json", folder)
    assert forked == [2]  # the default run did use two processes
    assert one.exit_code == default.exit_code == 2
    assert one.stdout == default.stdout and one.stderr == default.stderr


def test_the_command_line_freezes_what_lives_for_the_run_after_the_first_files(tmp_path,
                                                                             monkeypatch):
    """gc.freeze once the first files have loaded what loads lazily; a library call never."""
    folder = _folder(tmp_path)
    checked = []
    real_read = parallel._read_and_work
    monkeypatch.setattr(parallel, "_read_and_work", lambda *a: checked.append(a[0]) or
                        real_read(*a))
    frozen = []
    monkeypatch.setattr(parallel.gc, "freeze", lambda: frozen.append(len(checked)))
    for jobs in ("1", "2"):
        checked.clear()
        frozen.clear()
        assert run("check", "--jobs", jobs, "-q", folder).exit_code == 2
        assert frozen == [parallel.WARM], jobs  # in the parent, before any fork
    frozen.clear()
    import normalize

    normalize.check_paths([folder])
    assert frozen == []


def test_no_more_workers_than_files_nor_four_a_cpu(monkeypatch):
    """`-j 99999` on a few files must not fork thousands of processes."""
    import multiprocessing

    sizes = []
    context = multiprocessing.get_context("fork")

    class Counting:
        def Pool(self, jobs, **kwargs):  # noqa: N802 - the context's method
            sizes.append(jobs)
            return context.Pool(jobs, **kwargs)

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for jobs, items, workers in ((99999, 6, 2), (99999, 100, 8), (3, 100, 3)):
        got = list(parallel._forked(Counting(), abs, list(range(-items, 0)), (), jobs))
        assert got == list(range(items, 0, -1)) and sizes[-1] == workers


@pytest.mark.skipif(not hasattr(signal, "SIGHUP") or not Path("/proc").is_dir(),
                    reason="needs SIGHUP and /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_parallel_run_ended_by_a_signal_prints_no_worker_tracebacks(tmp_path, signum):
    """The parent ends through the pool's exit, which ends the workers; before,
    each worker printed a traceback handing its result to a parent that was gone."""
    body = "Foreign Minister Kestutis Budrys spoke in Vilnius today. " * 400 + "\n"
    for n in range(300):
        (tmp_path / f"f{n:03}.txt").write_text(body, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "normalize", "check", "-q", "-j", "2",
                             str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:  # until the workers run
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists() and len(children.read_text().split()) >= 2:
            break
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert b"Traceback" not in err
