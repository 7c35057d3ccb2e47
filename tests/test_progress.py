"""The progress bar: on stderr for long runs at a terminal; never in CI or with --quiet."""

from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from normalize.cli import PROGRESS_MIN_FILES, main, show_progress


def test_when_to_show():
    many = PROGRESS_MIN_FILES
    assert show_progress(many, quiet=False, is_tty=True, env={})
    assert not show_progress(many - 1, quiet=False, is_tty=True, env={})
    assert not show_progress(many, quiet=True, is_tty=True, env={})
    assert not show_progress(many, quiet=False, is_tty=False, env={})
    assert not show_progress(many, quiet=False, is_tty=True, env={"CI": "true"})


def _articles(tmp_path):
    for i in range(PROGRESS_MIN_FILES):
        (tmp_path / f"a{i:02}.txt").write_text("The minister spoke on Monday.\n",
                                               encoding="utf-8")
    return tmp_path


def test_not_a_terminal_means_no_bar(tmp_path):
    result = CliRunner().invoke(main, ["check", str(_articles(tmp_path))], env={"CI": ""})
    assert result.exit_code == 0 and "Checking" not in result.stderr


def _in_terminal(args: list[str], env: dict[str, str]) -> str:
    pty = pytest.importorskip("pty")
    pid, fd = pty.fork()
    if pid == 0:  # child: stdout and stderr are the terminal
        os.environ.clear()
        os.environ.update(env)
        os.execv(sys.executable, [sys.executable, "-m", "normalize", *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_bar_at_a_terminal_but_not_in_ci_or_quiet(tmp_path):
    folder = str(_articles(tmp_path))
    base = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")}
    assert f"{PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}" in _in_terminal(["check", folder], base)
    assert "Checking" not in _in_terminal(["check", folder], {**base, "CI": "true"})
    assert "Checking" not in _in_terminal(["check", "--quiet", folder], base)
