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


def test_the_big_tables_are_made_only_when_a_line_needs_them(where):
    lexicon._lexicon()
    lexicon._lexicon.cache_clear()
    table = lexicon._lexicon()  # from the cache entry
    if table is None:
        pytest.skip("the shipped file does not hold for these versions")
    english = "the government said that it would not be able to do so".split()
    assert lexicon.claimants(english, "en", 0.5) == lexicon.NONE
    assert "safe" not in vars(table) and "claims" not in vars(table)  # `common` settled it
    assert lexicon.claimants("le gouvernement a dit qu'il".split(), "en", 0.5)
    assert "safe" in vars(table) and "claims" in vars(table)
    assert table == lexicon._read()
