from __future__ import annotations

import re

from normalize import engine
from normalize.engine import _mentions_if_holding


def test_a_second_reading_decodes_only_files_that_may_hold_the_words(tmp_path, monkeypatch):
    holds = re.compile("Šakal|Budrys").search
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
