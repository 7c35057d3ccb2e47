from __future__ import annotations

import os
import stat

import pytest

from normalize import cache


@pytest.fixture
def where(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NORMALIZE_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_an_entry_written_is_read_back_under_its_key_only(where):
    assert cache.read("rules", "k1") is None
    cache.write("rules", "k1", b"\x00value\n")
    assert cache.read("rules", "k1") == b"\x00value\n"
    assert cache.read("rules", "k2") is None
    assert cache.read("words", "k1") is None
    assert not [p for p in where.iterdir() if p.name.startswith(".tmp-")]


def test_the_cache_can_be_turned_off(where, monkeypatch):
    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    cache.write("rules", "k", b"v")
    assert cache.read("rules", "k") is None
    assert not where.exists()


def test_a_damaged_entry_reads_as_missing(where):
    cache.write("rules", "k", b"v")
    (entry,) = where.iterdir()
    entry.write_bytes(b"garbage")
    assert cache.read("rules", "k") is None


def test_an_entry_with_any_byte_changed_or_cut_reads_as_missing(where):
    """A byte changed on disk in a marshalled rule or a word list was read as
    another pattern or word: findings changed without a word."""
    value = bytes(range(256)) * 3
    cache.write("rules", "k", value)
    (entry,) = where.iterdir()
    good = entry.read_bytes()
    for at in range(0, len(good), 7):
        for flip in (1, 0x80):
            damaged = bytearray(good)
            damaged[at] ^= flip
            entry.write_bytes(bytes(damaged))
            assert cache.read("rules", "k") is None, at
    for cut in (0, 5, len(good) - len(value), len(good) - 1):
        entry.write_bytes(good[:cut])
        assert cache.read("rules", "k") is None, cut
    entry.write_bytes(good + b"\x00")
    assert cache.read("rules", "k") is None
    entry.write_bytes(good)
    assert cache.read("rules", "k") == value


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_is_no_error(where):
    where.mkdir()
    where.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        cache.write("rules", "k", b"v")
        assert cache.read("rules", "k") is None
    finally:
        where.chmod(stat.S_IRWXU)


def test_a_cache_path_that_is_a_file_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(blocker / "cache"))
    cache.write("rules", "k", b"v")
    assert cache.read("rules", "k") is None


def test_installed_versions_name_each_distribution_or_its_absence():
    from importlib.metadata import version

    found = cache.installed(("click", "no_such_package_here"))
    assert f"click-{version('click')}.dist-info" in found.split()
    assert found.endswith("no_such_package_here-absent")


def test_old_entries_of_a_name_are_pruned_beyond_the_most_recently_used(where):
    for n in range(cache.KEEP + 3):
        cache.write("rules", f"k{n}", b"v")
        os.utime(cache._entry("rules", f"k{n}"), ns=(n * 10**9, n * 10**9))  # older first
    cache.write("words-en", "other", b"w")  # another name: never pruned with these
    assert cache.read("rules", "k0") is None  # pruned when k8 was written
    kept = sorted(p.name for p in where.iterdir() if p.name.startswith("rules-"))
    assert len(kept) == cache.KEEP
    assert cache.read("words-en", "other") == b"w"
    # reading an entry makes it recent: the next write prunes another one
    oldest = min(kept, key=lambda name: (where / name).stat().st_mtime_ns)
    key = next(f"k{n}" for n in range(cache.KEEP + 3)
               if cache._entry("rules", f"k{n}").name == oldest)
    assert cache.read("rules", key) == b"v"
    cache.write("rules", "new", b"v")
    assert cache.read("rules", key) == b"v"
    assert cache.read("rules", "new") == b"v"
    assert len([p for p in where.iterdir() if p.name.startswith("rules-")]) == cache.KEEP
