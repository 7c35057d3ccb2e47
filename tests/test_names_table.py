"""The folder-wide names stage with a bounded mention table: its size follows the
number of distinct spellings, not of files, and with a second reading of the
documents (`again`) it decides exactly what the full table decides."""

from __future__ import annotations

import pytest

from normalize.consistency import decide
from normalize.document import Document
from normalize.engine import walk
from normalize.entities import MentionTable, collect_mentions
from normalize.loader import load_rules

from .conftest import ROOT, SEEDS

FOLDERS = [SEEDS, ROOT / "tests" / "fixtures" / "names_folder", ROOT / "tests" / "devset"]


def _per_document(folder, copies: int = 1) -> list[list]:
    docs = [Document.read(p, display=str(p)) for p in walk([folder])]
    return [collect_mentions(Document.from_text(d.text, f"copy{i}/{d.path}"))
            for i in range(copies) for d in docs]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
@pytest.mark.parametrize("limit", [3, 5, 50])
def test_bounded_table_decides_as_the_full_one(folder, limit):
    rules = load_rules([], True)
    found = _per_document(folder, copies=2)
    full = decide(MentionTable.merge(found), rules)
    bounded = decide(MentionTable.merge(found, limit=limit), rules,
                     again=lambda needed: iter(found))
    assert bounded.findings == full.findings
    assert bounded.entities == full.entities


def test_bounded_table_size_follows_spellings_not_files():
    once = MentionTable.merge(_per_document(SEEDS), limit=4)
    tenfold = MentionTable.merge(_per_document(SEEDS, copies=10), limit=4)
    assert set(tenfold.forms) == set(once.forms)
    for form in tenfold.forms.values():
        assert len(form.mentions) <= 4 and len(form.paths) <= 4
        assert form.count == 10 * once.forms[form.words].count
        assert form.n_files == 10 * once.forms[form.words].n_files


def test_bounded_table_without_a_second_reading_says_so():
    found = _per_document(SEEDS, copies=3)
    with pytest.raises(ValueError, match="again"):
        decide(MentionTable.merge(found, limit=3), load_rules([], True))
