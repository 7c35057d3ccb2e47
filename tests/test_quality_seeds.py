"""Recall on the annotated seeds must not drop below the measured floor.

The gold (tests/gold/seeds.json) lists every real problem in seeds/,
including ones no detector catches yet, so the figures are honest. When a
detector lands and recall rises, raise the floor to the new figure.
"""

from __future__ import annotations

from normalize.quality.score import score_folder

from .conftest import ROOT, SEEDS

# measured with `python bench/quality.py --only seeds`
FLOOR_FOUND = 27  # of 54 gold items
FLOOR_PROPOSALS_RIGHT = 21  # of 37 items with a canonical form


def test_seed_recall_does_not_drop(default_rules):
    score = score_folder(SEEDS, ROOT / "tests/gold/seeds.json", default_rules)
    total = score.total
    assert total.gold == 54, "the seed gold changed: update the floors with it"
    assert total.found >= FLOOR_FOUND, [(m.file, m.text) for m in total.missed]
    assert total.proposals_right >= FLOOR_PROPOSALS_RIGHT
    assert score.kinds["name"].found == score.kinds["name"].gold
