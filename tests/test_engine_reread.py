from __future__ import annotations

import re

from normalize.engine import _may_hold


def test_a_second_reading_skips_only_utf8_files_without_the_words(tmp_path):
    holds = re.compile("Šakal|Budrys").search
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing to see here.\n", encoding="utf-8")
    named = tmp_path / "named.txt"
    named.write_text("\ufeffDovilė Šakalienė said\n", encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Nothing to see here.\n".encode("utf-16"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Kęstutis Budrys\n".encode("cp1257"))
    assert not _may_hold(str(plain), holds)
    assert _may_hold(str(named), holds)
    assert _may_hold(str(wide), holds)  # not UTF-8: read whole, decided there
    assert _may_hold(str(legacy), holds)
    assert _may_hold(str(tmp_path / "gone.txt"), holds)  # errors are the reader's business
