"""Rule, config and baseline files read as articles are: a FIFO is refused,
not waited on, and a file that cannot be read is one line saying why; and
what only a user without root's overrides meets (a folder that may be listed
but not searched, a colleague's file in a shared folder) is an error line,
never a traceback nor a file that changes hands."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .test_error_paths import EXAMPLES, RULE_HEAD, one_error_line

ARTICLE = "Foreign Minister Kestutis Budrys spoke.\n"
# root without the capabilities that let it read, write and chown whatever it likes
_DROP = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown"]


def _run(*args: object, cwd: Path, unprivileged: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "normalize", *map(str, args)]
    if unprivileged and os.geteuid() == 0:
        command = [*_DROP, *command]
    return subprocess.run(command, capture_output=True, timeout=120, cwd=cwd)


needs_unprivileged = pytest.mark.skipif(
    not hasattr(os, "geteuid") or (os.geteuid() == 0 and not shutil.which("setpriv")),
    reason="needs a user without root's file-permission overrides")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_among_rule_files_or_as_the_config_is_refused_not_waited_on(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "ok.toml").write_text(RULE_HEAD + 'kind = "existence"\npatterns = ["zz"]\n'
                                   + EXAMPLES, encoding="utf-8")
    os.mkfifo(rules / "fifo.toml")
    os.mkfifo(tmp_path / "config.toml")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for args in (["check", "--rules", "rules", "a.txt"], ["rules", "validate", "rules"]):
        proc = _run(*args, cwd=tmp_path)
        assert proc.returncode == 2
        assert ("error: rules/fifo.toml: cannot read rule file: not a regular file"
                in proc.stderr.decode()), proc.stderr
    proc = _run("check", "--config", "config.toml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error_line(proc) == ("error: config.toml: cannot read config file: "
                                    "not a regular file")


def test_a_rule_file_that_is_not_utf8_says_so_in_words(tmp_path):
    (tmp_path / "r.toml").write_bytes("kind = 'existence'\n".encode("utf-16"))
    proc = _run("rules", "validate", "r.toml", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    assert ("error: r.toml: cannot read rule file: not UTF-8 (it begins with a UTF-16 byte "
            "order mark): byte 0xff at offset 0; save it as UTF-8") in proc.stderr.decode()


def test_a_broken_link_as_a_baseline_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "base.json").symlink_to(tmp_path / "gone.json")
    proc = _run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error_line(proc) == ("error: base.json: cannot read baseline "
                                    "(broken symbolic link)")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_named_like_an_article_is_not_a_regular_file(tmp_path):
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.txt"))
        proc = _run("check", "s.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert one_error_line(proc) == "error: s.txt: cannot read (not a regular file)"


@needs_unprivileged
def test_a_folder_that_may_be_listed_but_not_searched(tmp_path):
    """Its files cannot even be looked at: each is an error line, the other files
    are checked, and a file or config named inside it is one line too."""
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    closed.chmod(0o644)
    try:
        for command in ("check", "fix"):
            proc = _run(command, ".", cwd=tmp_path, unprivileged=True)
            err = proc.stderr.decode()
            assert proc.returncode == 2 and "Traceback" not in err, err
            assert "error: closed/c.txt: cannot read (Permission denied)" in err
        assert (tmp_path / "ok.txt").read_text(encoding="utf-8").startswith(
            "Foreign Minister Kęstutis")  # fixed all the same
        proc = _run("check", "closed/c.txt", cwd=tmp_path, unprivileged=True)
        assert proc.returncode == 2
        assert one_error_line(proc) == "error: closed/c.txt: cannot read (Permission denied)"
        proc = _run("check", "--config", "closed/normalize.toml", "ok.txt", cwd=tmp_path,
                    unprivileged=True)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    finally:
        closed.chmod(0o755)


@needs_unprivileged
@pytest.mark.parametrize("mode, group, why", [
    (0o644, None, "cannot write (Permission denied)"),  # not ours, not writable by us
    # writable through the group, but replacing it would make it ours
    (0o664, "own", "cannot write (its owner or group could not be kept; fix it as its owner)"),
])
def test_a_colleagues_file_is_not_replaced_nor_taken_over(tmp_path, mode, group, why):
    if os.geteuid() != 0:
        pytest.skip("needs root to give the file to another user")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    os.chown(article, 65534, os.getegid() if group == "own" else 65534)
    article.chmod(mode)
    proc = _run("fix", "a.txt", cwd=tmp_path, unprivileged=True)
    assert proc.returncode == 2
    assert one_error_line(proc) == f"error: a.txt: {why}"
    info = article.stat()
    assert (info.st_uid, article.read_text(encoding="utf-8")) == (65534, ARTICLE)
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="no extended attributes")
def test_fix_keeps_extended_attributes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    try:
        os.setxattr(article, "user.origin", b"agency feed")
    except OSError:
        pytest.skip("this file system keeps no user attributes")
    proc = _run("fix", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert article.read_text(encoding="utf-8").startswith("Foreign Minister Kęstutis")
    assert os.getxattr(article, "user.origin") == b"agency feed"


def test_the_tests_above_read_as_a_user_would(tmp_path):
    """The unprivileged runs really lack root's overrides (else they prove nothing)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("not root, or no setpriv")
    secret = tmp_path / "secret.txt"
    secret.write_text("x\n", encoding="utf-8")
    secret.chmod(0)
    command = [*_DROP, sys.executable, "-c", f"open({str(secret)!r}).read()"]
    assert subprocess.run(command, capture_output=True).returncode != 0
