"""A signal that ends the run while `fix` makes its temporary file leaves none.

mkstemp ran before the `try` whose clean-up removes the temporary file, so a
SIGINT, SIGTERM or SIGHUP raised just after the file was created (inside
mkstemp, or before its result was assigned) left `.nz-XXXXXXXX.tmp`, a full
copy of the fixed article. The signals are now held while the file is made
and raised once its name is known. Here the signal is raised, for real, right
after the file is created: without the hold its handler runs inside mkstemp.
"""

from __future__ import annotations

import os
import signal
import tempfile

import pytest

from normalize.writing import write_atomic

pytestmark = pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"),
                                reason="signals cannot be held here")

ENDING = [name for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)]


@pytest.fixture
def default_handlers():
    """Python's own SIGINT handler, and the default action for SIGTERM and
    SIGHUP (which write_atomic turns into SystemExit while it writes)."""
    saved = {name: signal.getsignal(getattr(signal, name)) for name in ENDING}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ENDING[1:]:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)


@pytest.mark.parametrize("name", ENDING)
def test_a_signal_as_the_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch, name,
                                                               default_handlers):
    article = tmp_path / "a.txt"
    article.write_bytes(b"Hello , world.\n")
    signum = getattr(signal, name)
    made = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_signal(*args, **kwargs):
        fd, tmp = real_mkstemp(*args, **kwargs)
        made.append(tmp)
        signal.raise_signal(signum)  # the handler runs at the next bytecode, if not held
        return fd, tmp

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_signal)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    expected = KeyboardInterrupt if name == "SIGINT" else SystemExit
    with pytest.raises(expected) as raised:
        write_atomic(article, b"Hello, world.\n")
    if expected is SystemExit:
        assert raised.value.code == 128 + signum
    assert len(made) == 1
    assert os.listdir(tmp_path) == ["a.txt"]
    assert article.read_bytes() == b"Hello , world.\n"
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask  # nothing left blocked


def test_the_signal_mask_is_as_it_was_after_a_write(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(b"Hello , world.\n")
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    write_atomic(article, b"Hello, world.\n")
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
    assert article.read_bytes() == b"Hello, world.\n"
    assert os.listdir(tmp_path) == ["a.txt"]

