"""The word table of normalize.lexicon, kept in normalize.cache: read back, it
is the table the shipped file gives."""

from __future__ import annotations

import pytest

from normalize import lexicon


@pytest.fixture
def where(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NORMALIZE_NO_CACHE", raising=False)
    lexicon._lexicon.cache_clear()
    yield tmp_path / "cache"
    lexicon._lexicon.cache_clear()


def test_the_cached_table_is_the_files(where):
    from_file = lexicon._read()
    first = lexicon._lexicon()
    assert list(where.iterdir())
    lexicon._lexicon.cache_clear()
    again = lexicon._lexicon()
    assert first == again == from_file
    if from_file is not None:
        assert list(again.claims) == list(from_file.claims)


def test_a_damaged_or_stale_entry_means_reading_the_file(where, monkeypatch):
    lexicon._lexicon()
    (entry,) = where.iterdir()
    entry.write_bytes(entry.read_bytes()[:100])
    lexicon._lexicon.cache_clear()
    assert lexicon._lexicon() == lexicon._read()
    if lexicon._read() is not None:  # an optional tokeniser installed since
        packed = lexicon._pack(lexicon._read())
        monkeypatch.setattr(lexicon, "_missing", lambda names: ["?"])
        with pytest.raises(lexicon._Stale):
            lexicon._unpack(packed)


def test_no_cache(where, monkeypatch):
    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    assert lexicon._lexicon() == lexicon._read()
    assert not where.exists()
