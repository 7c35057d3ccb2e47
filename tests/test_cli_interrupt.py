"""Ctrl-C: exit code 130 (not 1, which means findings), one line, and no
traceback from the worker processes of --jobs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from click.testing import CliRunner

from normalize.cli import main


def test_interrupt_exits_130(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("The drone , which fell.\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("normalize.cli.check_paths", interrupted)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted."


@pytest.mark.skipif(not hasattr(os, "killpg") or sys.platform == "win32", reason="POSIX")
@pytest.mark.parametrize("command", ["check", "fix"])
def test_interrupt_with_jobs_leaves_no_worker_traceback(tmp_path, command):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(40):
        (folder / f"a{n:02}.txt").write_text("The drone , which fell.\n", encoding="utf-8")
    marks = tmp_path / "marks"
    marks.mkdir()
    work = "_check_one" if command == "check" else None
    # every file's work marks which process did it, then takes its time: in the
    # workers, far longer than the test waits, so that the run is still going
    # when the interrupt comes however slowly the machine starts them
    script = textwrap.dedent(f"""
        import os, pathlib, sys, time
        from normalize import cli, engine
        name = {work!r}
        module, name = (engine, name) if name else (cli, "_fix_one")
        original = getattr(module, name)
        parent = os.getpid()
        def slow(doc, *args):
            pathlib.Path({str(marks)!r}, str(os.getpid())).touch()
            time.sleep(0.2 if os.getpid() == parent else 30)
            return original(doc, *args)
        setattr(module, name, slow)
        sys.argv = ["normalize", {command!r}, "-j", "2", {str(folder)!r}]
        cli.main()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(os.listdir(marks)) < 3 and time.monotonic() < deadline:  # parent + 2
            time.sleep(0.05)
        assert len(os.listdir(marks)) >= 3, "the workers did not start"
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode()
    assert err.decode().strip() == "Interrupted.", err.decode()
