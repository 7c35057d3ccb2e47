"""The quality harness itself: gold loading, matching, per-kind figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.document import Document
from normalize.loader import load_rules
from normalize.model import Applicability, Finding, Fix, Severity
from normalize.quality.gold import GoldError, GoldItem, locate, occurrences, overlap, read_gold
from normalize.quality.score import proposal_gives, score_document, score_folder
from normalize.quality.taxonomy import (
    KINDS,
    family_of_code,
    family_of_kind,
    meant_for,
    meant_label,
)

RULE = '''code = "MT901"
kind = "substitution"
message = "'{text}' -> '{replacement}'"
source = "test"
swap = { "precipitated" = "crashed", "small town" = "small country" }

[examples]
fail = ["precipitated"]
pass = ["crashed"]
'''


def finding(start, end, text, code="MT901", replacement=None, edits=None):
    fix = None
    if replacement is not None:
        fix = Fix.replace(start, end, replacement, Applicability.UNSAFE)
    if edits is not None:
        from normalize.model import Edit
        fix = Fix(tuple(Edit(*e) for e in edits), Applicability.UNSAFE, "t")
    return Finding("a.txt", start, end, code, "r", Severity.WARNING, "m", text, fix)


def test_overlap():
    assert overlap(0, 5, 4, 8)
    assert not overlap(0, 5, 5, 8)
    assert overlap(3, 3, 0, 5)  # an empty span inside
    assert overlap(0, 5, 5, 5)  # an empty span where it touches
    assert not overlap(6, 6, 0, 5)


def test_occurrences_are_whole_words():
    text = "an accident, two accidents; accidentally. The accident"
    assert occurrences(text, "accident") == [(3, 11), (len(text) - 8, len(text))]
    assert occurrences(text, ", two") == [(11, 16)]


def test_locate_all_number_any_and_containment():
    text = "Nida Grunskiene said. Grunskiene left. Grunskiene came back."
    items = [
        {"text": "Nida Grunskiene", "kind": "name", "canonical": "Nida Grunskienė"},
        {"text": "Grunskiene", "kind": "name", "canonical": "Grunskienė"},
    ]
    placed = locate(Path("g.json"), "a.txt", text, items)
    # the first "Grunskiene" belongs to "Nida Grunskiene" only
    assert [(g.text, g.spans) for g in placed] == [
        ("Nida Grunskiene", ((0, 15),)), ("Grunskiene", ((22, 32),)), ("Grunskiene", ((39, 49),)),
    ]
    one = locate(Path("g"), "a", text, [{"text": "Grunskiene", "kind": "name", "occurrence": 3}])
    assert [g.spans for g in one] == [((39, 49),)]
    anyone = locate(Path("g"), "a", text, [{"text": "Grunskiene", "kind": "name",
                                            "occurrence": "any"}])
    assert len(anyone) == 1 and len(anyone[0].spans) == 3


def test_containment_only_within_a_kind_and_mojibake_inside_words():
    text = "the provocations of Minsk\" said the Philharmonicâ€™s"
    items = [
        {"text": "the provocations of Minsk\"", "kind": "typography"},
        {"text": "provocations of Minsk", "kind": "genitive"},
        {"text": "â€™", "kind": "typography", "canonical": "’"},
    ]
    placed = locate(Path("g"), "a", text, items)
    assert sorted(g.kind for g in placed) == ["genitive", "typography", "typography"]
    assert placed[-1].spans == ((text.index("â"), text.index("â") + 3),)


@pytest.mark.parametrize("item, message", [
    ({"text": "absent", "kind": "name"}, "not found"),
    ({"text": "word", "kind": "name", "occurrence": 2}, "occurs 1x"),
])
def test_locate_errors(item, message):
    with pytest.raises(GoldError, match=message):
        locate(Path("g.json"), "a.txt", "a word here", [item])


@pytest.mark.parametrize("data, message", [
    ({"a.txt": [{"text": "x", "kind": "nonsense"}]}, "kind 'nonsense' unknown"),
    ({"a.txt": [{"text": "x", "kind": "name", "canon": "y"}]}, "unknown key"),
    ({"a.txt": [{"text": "", "kind": "name"}]}, "non-empty"),
    ({"a.txt": [{"text": "x", "kind": "name", "canonical": 3}]}, "canonical"),
    ({"a.txt": [{"text": "x", "kind": "name", "occurrence": 0}]}, "occurrence"),
    ({"a.txt": {"text": "x"}}, "list of items"),
    (["a.txt"], "want an object"),
])
def test_read_gold_rejects(tmp_path, data, message):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(path)


def test_meant_for_by_rule_kind_then_code_prefix():
    kinds = {"MT201": "pronoun", "MT101": "substitution", "NM101": "names"}
    assert meant_for("MT201", "pronoun", kinds)
    assert not meant_for("MT201", "false-friend", kinds)  # a specific kind is exact
    assert meant_for("MT101", "false-friend", kinds)  # substitution: by prefix
    assert meant_for("MT101", "pronoun", kinds)
    assert meant_for("NM203", "name", kinds)  # not a loaded rule: by prefix
    assert not meant_for("ZZ101", "name", kinds)
    assert [meant_label(c, kinds) for c in ("MT201", "MT101", "NM203", "ZZ101")] == [
        "pronoun", "translation", "name", "ZZ"]


def test_taxonomy():
    assert family_of_code("NM101") == "name"
    assert family_of_code("MT105") == "translation"
    assert family_of_code("TY203") == "typography"
    assert family_of_code("ZZ1") == "ZZ"
    assert all(family_of_kind(k) for k in KINDS)


def test_proposal_over_part_of_the_item():
    text = "Lithuania, a small town of 3 million"
    item = GoldItem("a", "small town", "wrong-category", ("small country",), ((13, 23),))
    assert proposal_gives(text, item, finding(19, 23, "town", replacement="country"),
                          "small country")
    assert proposal_gives(text, item, finding(13, 23, "small town", replacement="small country"),
                          "small country")
    assert not proposal_gives(text, item, finding(19, 23, "town", replacement="city"),
                              "small country")
    assert not proposal_gives(text, item, finding(19, 23, "town"), "small country")
    edits = [(13, 18, "little"), (19, 23, "country")]
    assert proposal_gives(text, item, finding(13, 23, "small town", edits=edits),
                          "little country")


def test_score_document_counts():
    text = "The drone precipitated. Her view. A town."
    doc = Document.from_text(text, "a.txt")
    items = [
        GoldItem("a.txt", "precipitated", "false-friend", ("crashed",), ((10, 22),)),
        GoldItem("a.txt", "Her", "pronoun", ("Its",), ((24, 27),)),
    ]
    findings = [
        finding(10, 22, "precipitated", replacement="fell"),
        finding(10, 22, "precipitated", code="NM101"),
        finding(36, 40, "town"),
    ]
    kinds, false = score_document(doc, items, findings)
    ff = kinds["false-friend"]
    assert (ff.gold, ff.found, ff.by_detector, ff.with_canonical, ff.proposals_right) == (
        1, 1, 1, 1, 0)
    assert dict(ff.hit_by) == {"MT901": 1, "NM101": 1}
    pr = kinds["pronoun"]
    assert (pr.gold, pr.found, pr.proposals_right) == (1, 0, 0)
    assert [m.text for m in pr.missed] == ["Her"]
    assert [f.text for f in false] == ["town"]


def test_score_folder_on_a_tiny_annotated_folder(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "r.toml").write_text(RULE, encoding="utf-8")
    rules = load_rules([rules_dir], use_defaults=False)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "The drone was found precipitated.\r\nLithuania, a small town of 3 million.\r\n"
        "It asked NATO to help her.\r\n", encoding="utf-8")
    (folder / "b.txt").write_bytes("\ufeffStocks precipitated a fall.".encode())
    gold = {
        "a.txt": [
            {"text": "precipitated", "kind": "false-friend", "canonical": "crashed"},
            {"text": "small town", "kind": "wrong-category", "canonical": "small state"},
            {"text": "her", "kind": "pronoun", "canonical": "it"},
        ],
        "b.txt": [],
    }
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    score = score_folder(folder, folder / "gold.json", rules)
    assert score.files == 2
    assert set(score.kinds) == {"false-friend", "wrong-category", "pronoun"}
    total = score.total
    assert (total.gold, total.found, total.with_canonical, total.proposals_right) == (3, 2, 3, 1)
    assert [(f.path.endswith("b.txt"), f.text) for f in score.false_alarms] == [
        (True, "precipitated")]
    assert score.findings_by_code() == {"MT901": ("translation", 3, 1)}


def test_corpora_rate_counts_words_and_findings(tmp_path):
    from normalize.quality.corpora import bbc_rate

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "r.toml").write_text(RULE, encoding="utf-8")
    rules = load_rules([rules_dir], use_defaults=False)
    corpus = tmp_path / "bbc" / "tech"
    corpus.mkdir(parents=True)
    (corpus / "1.txt").write_text("The drone was found precipitated in 2005.", encoding="utf-8")
    (corpus / "2.txt").write_text("Clean copy here.", encoding="utf-8")
    result = bbc_rate(tmp_path / "bbc", rules)
    assert (result.files, result.words, result.total) == (2, 9, 1)
    assert result.per_10k(1) == pytest.approx(10_000 / 9)
    assert not result.met
    assert result.by_code() == [("MT901", 1)]


def _mqm_line(target, errors):
    return json.dumps({"system": "S", "doc": "d", "seg_id": 1, "source": "-", "target": target,
                       "raters": ["r1", "r2"], "errors": errors})


def test_mqm_precision_and_recall_on_a_tiny_corpus(tmp_path):
    from normalize.quality.mqm import evaluate_mqm

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "r.toml").write_text(RULE, encoding="utf-8")
    rules = load_rules([rules_dir], use_defaults=False)
    t1 = "The drone precipitated near a small town."
    t2 = "Stocks precipitated a crisis."
    s = t1.index("precipitated")
    errors1 = [
        {"rater": "r1", "category": "Fluency/Spelling", "side": "target",
         "start": s, "end": s + 12, "span": "precipitated"},
        {"rater": "r2", "category": "Fluency/Spelling", "side": "target",
         "start": s, "end": s + 12, "span": "precipitated"},  # same span: counted once
        {"rater": "r1", "category": "Fluency/Punctuation", "side": "target",
         "start": len(t1) - 1, "end": len(t1), "span": "."},
        {"rater": "r2", "category": "Accuracy/Omission", "side": "source",
         "start": None, "end": None, "span": "x"},
    ]
    path = tmp_path / "mqm.jsonl"
    path.write_text(_mqm_line(t1, errors1) + "\n" + _mqm_line(t2, []) + "\n", encoding="utf-8")
    result = evaluate_mqm(path, rules)
    assert (result.segments, result.target_spans, len(result.findings)) == (2, 2, 3)
    # "precipitated" on an error (Spelling fits the translation family), "small town"
    # and the second "precipitated" on none
    assert result.precision_by_code() == {"MT901": (3, 1, 1)}
    recall = result.recall_by_category()
    assert recall["Fluency/Spelling"][:3] == (1, 1, 1)
    assert recall["Fluency/Punctuation"][:3] == (1, 0, 0)
    assert "[[precipitated]]" in result.examples(2)["MT901"][0].context
    assert evaluate_mqm(path, rules, limit=1).segments == 1


def test_mqm_first_segments_of_the_real_corpus(default_rules):
    import os

    from normalize.quality.mqm import evaluate_mqm

    from .conftest import SHARED

    corpora = Path(os.environ.get("NORMALIZE_CORPORA") or SHARED / "corpora")
    path = corpora / "mqm-wmt23-zhen" / "wmt23_zhen_news_sxs_mqm.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    result = evaluate_mqm(path, default_rules, limit=50)
    assert result.segments == 50
    assert result.target_spans > 0
    for n, on_error, fitting in result.precision_by_code().values():
        assert n >= on_error >= fitting


def _bench_main():
    import importlib.util

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def test_quality_command_prints_figures_and_skips_absent_corpora(tmp_path, capsys):
    main = _bench_main()
    assert main(["--only", "devset,bbc,mqm", "--corpora", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "== dev set" in out and "proposals right" in out
    assert "BBC false alarms: skipped" in out
    assert "MQM: skipped" in out
    with pytest.raises(SystemExit) as exc:
        main(["--only", "nonsense"])
    assert exc.value.code == 2 and "unknown part" in capsys.readouterr().err
