from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import engine
from normalize.engine import _Holding, _mentions_if_holding


@pytest.mark.parametrize("words", [["Šakal", "Budrys"],
                                   ["Šakal", "Budrys"] + [f"Word{n}" for n in range(12)]])
def test_a_second_reading_decodes_only_files_that_may_hold_the_words(tmp_path, monkeypatch,
                                                                    words):
    holds = _Holding(words)
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing to see here.\n", encoding="utf-8")
    named = tmp_path / "named.txt"
    named.write_text("\ufeffDovilė Šakalienė said\n", encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Nothing to see here.\n".encode("utf-16"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Kęstutis Budrys\n".encode("cp1257"))
    decoded = []
    real = engine.Document.from_bytes

    def spy(data, path):
        decoded.append(path)
        return real(data, path)

    monkeypatch.setattr(engine.Document, "from_bytes", spy)
    assert _mentions_if_holding(str(plain), holds) == (str(plain), [])
    assert [m.text for m in _mentions_if_holding(str(named), holds)[1]] == ["Dovilė Šakalienė"]
    assert _mentions_if_holding(str(wide), holds) == (str(wide), [])  # not UTF-8: decoded
    assert [m.text for m in _mentions_if_holding(str(legacy), holds)[1]] == ["Kęstutis Budrys"]
    gone = str(tmp_path / "gone.txt")
    assert _mentions_if_holding(gone, holds) == (gone, [])  # errors: nothing to add
    assert decoded == [str(named), str(wide), str(legacy)]  # the UTF-8 file without them: never


@given(st.lists(st.text("aąbŠ šk-", min_size=1, max_size=4), min_size=1, max_size=12),
       st.text("aąbŠ šk-\n", max_size=40))
@settings(max_examples=300)
def test_holding_answers_as_a_search_for_any_of_the_words(words, text):
    expected = any(w in text for w in words)
    holds = _Holding(words)
    assert holds(text) == expected
    assert holds.in_utf8(text.encode("utf-8")) == expected
