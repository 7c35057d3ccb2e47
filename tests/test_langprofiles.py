"""langdetect's profiles from the cache are exactly the table langdetect loads."""

from __future__ import annotations

from array import array

import pytest
from langdetect import DetectorFactory, detector_factory

from normalize import cache, langprofiles
from normalize.langtrials import probabilities_unless

FOLDER = detector_factory.PROFILES_DIRECTORY


@pytest.fixture(scope="module")
def loaded():
    factory = DetectorFactory()
    factory.load_profile(FOLDER)
    return factory


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("NORMALIZE_NO_CACHE", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def entry(tmp_path_factory):
    """A cache folder holding the entry, and the factory made as it was built."""
    folder = tmp_path_factory.mktemp("profiles")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORMALIZE_CACHE_DIR", str(folder))
        patch.delenv("NORMALIZE_NO_CACHE", raising=False)
        return folder, langprofiles.load_factory(DetectorFactory, FOLDER)


def _read(folder):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORMALIZE_CACHE_DIR", str(folder))
        patch.delenv("NORMALIZE_NO_CACHE", raising=False)
        return langprofiles.load_factory(DetectorFactory, FOLDER)


@pytest.fixture(scope="module")
def cached(entry):
    """A factory read from the entry, each row still to be made when first asked for."""
    return _read(entry[0])


def test_the_cached_table_is_langdetects_table(loaded, entry):
    folder, written = entry
    for factory in (written, _read(folder)):
        assert factory.langlist == loaded.langlist
        table = factory.word_lang_prob_map
        assert len(table) == len(loaded.word_lang_prob_map)
        for word, row in loaded.word_lang_prob_map.items():
            assert word in table
            got = table[word]
            assert got == row
            # the same floats, bit for bit (and floats, not numbers equal to them)
            assert set(map(type, got)) == {float}
            assert array("d", got).tobytes() == array("d", row).tobytes()
        for other in ("", "qqqq", "zz z", "\u0000"):
            assert (other in table) == (other in loaded.word_lang_prob_map)


@pytest.mark.parametrize("text", [
    "Le président a annoncé des mesures pour la défense aérienne.",
    "Der Bundestag hat am Donnerstag abgestimmt.",
    "BRUSSELS", "6 min de lecture", "Vilniaus miesto savivaldybė", "The minister said on Monday.",
])
def test_detection_is_the_same_with_either_table(loaded, cached, text):
    assert isinstance(cached.word_lang_prob_map, langprofiles.Rows)
    DetectorFactory.seed = 0
    results = []
    for factory in (loaded, cached):
        detector = factory.create()
        detector.append(text)
        plain = [(p.lang, p.prob) for p in detector.get_probabilities()]
        detector = factory.create()
        detector.append(text)
        results.append((plain, probabilities_unless(detector, "en", 0.9)))
    assert results[0] == results[1]


def test_a_damaged_entry_or_no_cache_means_loading_the_profiles(own_cache, monkeypatch):
    langprofiles.load_factory(DetectorFactory, FOLDER)
    key = langprofiles._key(FOLDER)
    cache.write(langprofiles.NAME, key, b"garbage")
    assert langprofiles.load_factory(DetectorFactory, FOLDER) is None
    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    assert langprofiles.load_factory(DetectorFactory, FOLDER) is None
