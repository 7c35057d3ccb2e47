"""The folder-wide names stage on seeds/: learnt from the folder alone (no rule files)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from normalize.cli import main

from .conftest import SEEDS


def _check(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _folder_json():
    return json.loads(_check("--no-default-rules", "--format", "json", SEEDS))


def test_seeds_folder_alone_restores_names():
    payload = _folder_json()
    got = {(f["text"], f["replacement"]): f for f in payload["findings"]}
    for text in ("Kestutis Budrys", "Budrys Kestutis"):
        assert (text, "Kęstutis Budrys") in got
    assert ("Dovile Sakaliene", "Dovilė Šakalienė") in got
    assert ("Sakaliene", "Šakalienė") in got
    assert ("Decali Šakalienė", "Dovilė Šakalienė") in got
    hint = got[("Grunskiene", "Grunskienė")]
    assert hint["applicability"] == "display-only" and hint["code"] == "NM203"


def test_each_restoration_carries_its_evidence():
    for f in _folder_json()["findings"]:
        if f["code"] in ("NM201", "NM202"):
            assert "written '" in f["message"] and " in " in f["message"]
            assert f["data"]["evidence"] in f["message"]
            assert f["applicability"] in ("unsafe", "display-only")


def test_entities_summary_in_json():
    entities = {e["canonical"]: e for e in _folder_json()["entities"]}
    budrys = entities["Kęstutis Budrys"]
    relations = {v["text"]: v["relation"] for v in budrys["variants"]}
    assert relations["Budrys Kestutis"] == "reversed"
    assert relations["Kestutis Budrys"] == "diacritics"
    assert relations["Kęstutis Budrys"] == "canonical"
    for v in budrys["variants"]:
        assert v["count"] >= 1 and v["files"]


def test_entities_summary_in_text_and_diff():
    text = _check("--no-default-rules", SEEDS)
    assert "Names written in more than one way" in text
    assert "'Budrys Kestutis' reversed" in text
    diff = _check("--no-default-rules", "--format", "diff", SEEDS)
    header = diff.split("\n--- ", 1)[0]
    assert "Kęstutis Budrys" in header
    assert all(line.startswith("# ") for line in header.splitlines())


def test_no_second_finding_where_a_listed_name_already_reports():
    payload = json.loads(_check("--format", "json", SEEDS))
    spans: dict = {}
    for f in payload["findings"]:
        if f["code"].startswith("NM"):
            spans.setdefault((f["path"], f["line"], f["column"]), []).append(f["code"])
    assert all(len(codes) == 1 for codes in spans.values()), spans
