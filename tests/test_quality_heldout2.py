"""The second held-out set (tests/heldout2/) loads and its gold agrees with its articles.

Fourteen articles written without looking at the rules: eleven with translation and
scraping damage, three clean (an empty gold list: every finding there is a false alarm).
This checks only that the set is usable: every gold text is found in its article and
every article is checked and scored (its recall floor is in test_quality_seeds.py).
"""

from __future__ import annotations

from normalize.quality.gold import locate, occurrences, read_gold
from normalize.quality.score import score_folder
from normalize.quality.taxonomy import KINDS

from .conftest import ROOT

HELDOUT2 = ROOT / "tests/heldout2"
GOLD = HELDOUT2 / "gold.json"
CLEAN = {"12_es_economy.txt", "13_cs_accident.txt", "14_et_sport.txt"}


def test_gold_names_every_article_and_places_every_item():
    gold = read_gold(GOLD)
    articles = {p.name for p in HELDOUT2.glob("*.txt")}
    assert set(gold) == articles
    assert len(articles) == 14
    assert {name for name, items in gold.items() if not items} == CLEAN
    for name, items in gold.items():
        text = (HELDOUT2 / name).read_text(encoding="utf-8")
        locate(GOLD, name, text, items)  # raises on a text not in the article
        for item in items:
            assert occurrences(text, item["text"]), (name, item["text"])


def test_gold_covers_every_kind():
    gold = read_gold(GOLD)
    used = {item["kind"] for items in gold.values() for item in items}
    assert used == set(KINDS)


def test_heldout2_scores(default_rules):
    score = score_folder(HELDOUT2, GOLD, default_rules)
    assert score.files == 14
    assert len(score.docs) == 14
    total = score.total
    assert total.gold == sum(s.gold for s in score.kinds.values()) > 0
    assert 0 <= total.found <= total.gold


def test_clean_articles_get_no_finding(default_rules):
    """The three clean articles (correct English, names with their diacritics,
    'incident' and 'small town' used rightly): any finding is a false alarm."""
    score = score_folder(HELDOUT2, GOLD, default_rules)
    flagged = [(f.path, f.code, f.start) for f in score.findings
               if f.path.rsplit("/", 1)[-1] in CLEAN]
    assert flagged == []
