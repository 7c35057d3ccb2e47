"""Recall on the annotated seeds and dev set must not drop below the measured floor.

The gold (tests/gold/seeds.json, tests/devset/gold.json, tests/heldout/gold.json,
tests/heldout2/gold.json) lists every real problem, including ones no detector catches
yet, so the figures are honest.
When a detector lands and recall rises, raise the floor to the new figure.
"""

from __future__ import annotations

import pytest

from normalize.quality.score import score_folder

from .conftest import ROOT, SEEDS

# measured with `python bench/quality.py --only seeds,devset,heldout,heldout2`
SEEDS_GOLD, SEEDS_FOUND, SEEDS_RIGHT = 56, 53, 37
DEVSET_GOLD, DEVSET_FOUND, DEVSET_RIGHT = 108, 79, 53
HELDOUT_GOLD, HELDOUT_FOUND, HELDOUT_RIGHT = 53, 30, 20
HELDOUT2_GOLD, HELDOUT2_FOUND, HELDOUT2_RIGHT = 120, 46, 23


def test_seed_recall_does_not_drop(default_rules):
    score = score_folder(SEEDS, ROOT / "tests/gold/seeds.json", default_rules)
    total = score.total
    assert total.gold == SEEDS_GOLD, "the seed gold changed: update the floors with it"
    assert total.found >= SEEDS_FOUND, [(m.file, m.text) for m in total.missed]
    assert total.proposals_right >= SEEDS_RIGHT
    assert score.kinds["name"].found == score.kinds["name"].gold


def test_devset_recall_does_not_drop(default_rules):
    devset = ROOT / "tests/devset"
    score = score_folder(devset, devset / "gold.json", default_rules)
    total = score.total
    assert score.files == 17
    assert total.gold == DEVSET_GOLD, "the dev set gold changed: update the floors with it"
    assert total.found >= DEVSET_FOUND, [(m.file, m.text) for m in total.missed]
    assert total.proposals_right >= DEVSET_RIGHT


@pytest.mark.parametrize("folder, floors", [
    ("tests/heldout", (HELDOUT_GOLD, HELDOUT_FOUND, HELDOUT_RIGHT)),
    ("tests/heldout2", (HELDOUT2_GOLD, HELDOUT2_FOUND, HELDOUT2_RIGHT)),
])
def test_heldout_recall_does_not_drop(default_rules, folder, floors):
    gold, found, right = floors
    heldout = ROOT / folder
    score = score_folder(heldout, heldout / "gold.json", default_rules)
    total = score.total
    assert total.gold == gold, "the held-out gold changed: update the floors with it"
    assert total.found >= found, [(m.file, m.text) for m in total.missed]
    assert total.proposals_right >= right
    assert score.false_alarms == []
