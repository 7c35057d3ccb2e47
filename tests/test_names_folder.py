"""Grouping names across a folder of our own: Lithuanian, Latvian, Polish, Ukrainian names,
transliterated and stripped of diacritics; people who share a surname stay apart."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.document import Document
from normalize.entities import collect_mentions
from normalize.grouping import Listed, group
from normalize.morphology import ending_hint
from normalize.translit import skeleton

from .conftest import ROOT

FOLDER = ROOT / "tests" / "fixtures" / "names_folder"


def _check(*args: object) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def folder() -> dict:
    return _check("--no-default-rules", FOLDER)


def _entity_of(payload: dict) -> dict[str, str]:
    return {v["text"]: e["canonical"] for e in payload["entities"] for v in e["variants"]}


@pytest.mark.parametrize("variant,canonical", [
    ("Dovile Sakaliene", "Dovilė Šakalienė"),       # Lithuanian, diacritics dropped
    ("Sakaliene", "Dovilė Šakalienė"),              # the surname alone
    ("Shakalene", "Dovilė Šakalienė"),              # through Cyrillic
    ("Devali Šakalienė", "Dovilė Šakalienė"),       # a garbled given name
    ("Raimundas Vaikshnoras", "Raimundas Vaikšnoras"),
    ("Edgars Rinkevich", "Edgars Rinkēvičs"),       # Latvian, through Russian
    ("Evika Silina", "Evika Siliņa"),
    ("Radoslaw Sikorski", "Radosław Sikorski"),     # Polish
    ("Jaroslaw Kaczynski", "Jarosław Kaczyński"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),  # Ukrainian, two romanisations
    ("Zelensky", "Volodymyr Zelenskyy"),
    ("Oleksandr Syrsky", "Oleksandr Syrskyi"),
])
def test_variants_are_grouped(folder, variant, canonical):
    assert _entity_of(folder)[variant] == canonical


@pytest.mark.parametrize("text,replacement,code", [
    ("Dovile Sakaliene", "Dovilė Šakalienė", "NM201"),
    ("Shakalene", "Šakalienė", "NM202"),
    ("Edgars Rinkevich", "Edgars Rinkēvičs", "NM202"),
    ("Radoslaw Sikorski", "Radosław Sikorski", "NM201"),
    ("Simonyte", "Šimonytė", "NM201"),      # both Šimonytės spell it one way
    ("Kaczynski", "Kaczyński", "NM201"),
])
def test_proposals(folder, text, replacement, code):
    hits = [f for f in folder["findings"] if f["text"] == text]
    assert [(f["replacement"], f["code"]) for f in hits] == [(replacement, code)]


def test_no_proposal_between_romanisations_without_diacritics(folder):
    # which of "Zelensky" and "Zelenskyy" is right is a house-style question, not ours
    assert not [f for f in folder["findings"] if "Zelensk" in f["text"]]


def test_people_who_share_a_surname_stay_apart(folder):
    of = _entity_of(folder)
    for a, b in [("Ingrida Šimonytė", "Irena Šimonytė"),
                 ("Jarosław Kaczyński", "Lech Kaczyński")]:
        assert of.get(a, a) != of.get(b, b)
    lone = [f for f in folder["findings"] if f["text"] in ("Simonyte", "Kaczynski")]
    assert all("2 people" in f["message"] for f in lone)


def _entities(*texts: str):
    mentions = [m for i, t in enumerate(texts)
                for m in collect_mentions(Document.from_text(t, f"{i}.txt"))]
    return {e.text: e for e in group(mentions, Listed())}


def test_one_word_without_diacritics_is_not_grouped_by_sound():
    entities = _entities("Kowalczyk said so.", "Kovalchyk said so.", "Kowalczyk agreed.")
    assert "Kowalczyk" in entities and "Kovalchyk" in entities


def test_two_real_given_names_are_two_people():
    entities = _entities("Ingrida Šimonytė spoke.", "Irena Šimonytė spoke. Irena Šimonytė left.")
    assert {"Ingrida Šimonytė", "Irena Šimonytė"} <= set(entities)


def test_mentions_skip_titles_acronyms_and_handles():
    doc = Document.from_text("Defence Minister Dovilė Šakalienė met NATO and @BudrysKestutis.")
    assert [m.text for m in collect_mentions(doc)] == ["Dovilė Šakalienė"]


@pytest.mark.parametrize("a,b", [
    ("Šakalienė", "Shakalene"), ("Šakalienė", "Chakalene"), ("Vaikšnoras", "Vaikshnoras"),
    ("Ciūnis", "Tsyunis"), ("Rinkēvičs", "Rinkevich"), ("Zelenskyy", "Selenskyj"),
])
def test_skeleton_sees_through_transliteration(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a,b", [("Budrys", "Nausėda"), ("Sikorski", "Kaczyński")])
def test_skeleton_keeps_different_names_apart(a, b):
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize("word,hint", [
    ("Grunskiene", "Grunskienė"), ("Bilotaite", "Bilotaitė"), ("Simonyte", "Simonytė"),
    ("Blinkeviciute", "Blinkevičiūtė"), ("Paskevicius", "Paskevičius"),
    ("Kowalska", None), ("Institute", None), ("Subtitute", None), ("Grunskienė", None),
])
def test_lithuanian_endings(word, hint):
    assert ending_hint(word) == hint


def test_newsroom_names_list_wins(tmp_path):
    house = tmp_path / "house"
    house.mkdir()
    (house / "names.toml").write_text(
        'code = "HN101"\nkind = "names"\nmessage = "{text} {problem}: {replacement}"\n'
        'source = "our style book: names as the person writes them in English"\n'
        'names = ["Dovile Sakaliene"]\n'
        '[examples]\nfail = ["Dovilė Šakalienė said."]\npass = ["Dovile Sakaliene said."]\n',
        encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Dovile Sakaliene said. Sakaliene added. Dovilė Šakalienė wrote.\n",
                       encoding="utf-8")
    payload = _check("--rules", house, article)
    got = {(f["text"], f["replacement"], f["code"]) for f in payload["findings"]}
    assert got == {("Dovilė Šakalienė", "Dovile Sakaliene", "HN101")}
    entity = payload["entities"][0]
    assert entity["canonical"] == "Dovile Sakaliene" and entity["source"] == "listed (HN101)"


def test_fix_unsafe_applies_folder_restorations_once(tmp_path):
    import shutil

    target = tmp_path / "folder"
    shutil.copytree(FOLDER, target)
    runner = CliRunner()
    args = ["fix", "--no-default-rules", "--unsafe-fixes", str(target)]
    # without --unsafe-fixes nothing is written, and the folder stage's findings
    # remain: the exit code is check's
    assert runner.invoke(main, ["fix", "--no-default-rules", str(target)]).exit_code == 1
    assert "Dovile Sakaliene" in (target / "lt" / "wire-copy.txt").read_text(encoding="utf-8")
    runner.invoke(main, args, catch_exceptions=False)
    wire = (target / "lt" / "wire-copy.txt").read_text(encoding="utf-8")
    assert "Dovilė Šakalienė told" in wire and "Šakalienė said" in wire
    assert "Vaikshnoras" in wire  # a transliteration is display-only: never written
    before = {p: p.read_bytes() for p in target.rglob("*.txt")}
    runner.invoke(main, args, catch_exceptions=False)
    assert before == {p: p.read_bytes() for p in target.rglob("*.txt")}


def test_rules_explain_folder_codes():
    for code in ("NM201", "NM202", "NM203"):
        result = CliRunner().invoke(main, ["rules", "explain", code])
        assert result.exit_code == 0 and "folder-wide names stage" in result.output


def test_established_english_spelling_of_a_place_is_left_alone():
    from normalize.consistency import decide
    from normalize.loader import RuleSet

    texts = ["Talks were held in Kraków.", "Kraków hosted them.", "They flew to Krakow.",
             "Talks were held in Šiauliai.", "They flew to Siauliai."]
    mentions = [m for i, t in enumerate(texts)
                for m in collect_mentions(Document.from_text(t, f"{i}.txt"))]
    found = decide(mentions, RuleSet(())).findings
    flagged = {f.text: f.replacement for fs in found.values() for f in fs}
    assert flagged == {"Siauliai": "Šiauliai"}
