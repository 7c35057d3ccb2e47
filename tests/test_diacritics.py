"""NM121: unlisted names that lost their diacritics, in articles that keep them."""

from __future__ import annotations

import pytest

import normalize
from normalize import restorable
from normalize.model import Applicability

# articles that write names with their diacritics, and lost them on a few
LOST = [
    ("Latvian MP Ģirts Valdis Kristovskis met Kristaps Ozolins and Ēriks Kalnins in Rīga on"
     " Monday; the mayor of Liepāja joined them.\n",
     {"Ozolins": "Ozoliņš", "Eriks": None, "Kalnins": "Kalniņš"}),
    ("The Lithuanian ambassador, Sarunas Adomavičius, said in Kaunas that Kėdainiai would"
     " host the exercise. Eglė Markevičiūtė and Jurate Aukštuolytė attended.\n",
     {"Sarunas": "Šarūnas", "Jurate": "Jūratė"}),
    ("Polish Deputy Minister Przemyslaw Czarnek and Paweł Kowal visited Białystok and"
     " Częstochowa, where Jedrzej Bielecki and Slawomir Nowak reported for Rzeczpospolita.\n",
     {"Przemyslaw": "Przemysław", "Slawomir": "Sławomir", "Jedrzej": "Jędrzej"}),
    ("The Portuguese minister, Sebastiao Magalhaes, opened the fair in Évora with João"
     " Gonçalves; Guimaraes will host it next year.\n",
     {"Sebastiao": "Sebastião", "Magalhaes": "Magalhães", "Guimaraes": "Guimarães"}),
    ("Romanian police in Brașov and Iași detained two men; Razvan Popescu, a spokesman in"
     " Constanța, said Ionut Marin led the inquiry from Ploiești.\n",
     {"Razvan": "Răzvan", "Ionut": "Ionuț"}),
    ("Turkish opposition leader Özgür Özel spoke in İzmir with Kemal Kılıçdaroğlu after"
     " Ekrem Imamoglu's arrest.\n",
     {"Imamoglu": "Imamoğlu"}),
    ("The Latvian MEP Linda Murniece and Jānis Bērziņš spoke in Jēkabpils.\n",
     {"Murniece": "Mūrniece"}),
    ("Chancellor Merz met Markus Söder in München; Jurgen Hardt and Gunther Krichbaum of"
     " the CDU travelled on to Nurnberg and Görlitz.\n",
     {"Jurgen": "Jürgen", "Gunther": "Günther", "Nurnberg": "Nürnberg"}),
]

# correct English: no diacritics anywhere (house style), or too few to tell, or names
# that have none, or English words and names that look like a foreign word without marks
CLEAN = [
    "Arsene Wenger and Jose Mourinho met Jurgen Klopp and Rafael Benitez in Munich.\n",
    "Nestlé said on Monday that Jurgen Schmidt would run its plant near Poznan.\n",
    "Gitanas Nausėda thanked Ingrida Šimonytė in Vilnius. The Gartner report and the Odeon"
    " cinema chain were cited by Cherie Blair, who spoke in Warsaw and Cologne.\n",
    "Markus Söder spoke in Köln and Jürgen Hardt in Düsseldorf: Jurgen, he said, is how the"
    " English press spells Jürgen.\n",
    "Andrzej Duda and Radosław Sikorski flew from Warsaw to Kraków; the Uber driver, Maria"
    " Role, took them to the Hotel Regina and the Cafe Royal.\n",
    "Jānis Bērziņš and Kristaps Ozoliņš said Latvia would buy NATO radars from SAAB and"
    " Thales; the deal was signed at https://example.com/Wroclaw-Jurgen by Linda Ozola.\n",
    "Foreign Minister Kęstutis Budrys met Žygimantas Pavilionis; in Šiauliai the mayor said"
    " Panevezys and Siauliai airports would reopen.\n",
]


@pytest.mark.parametrize(("text", "expected"), LOST)
def test_names_that_lost_their_marks_are_found(text, expected):
    found = {f.text: f for f in normalize.check_text(text) if f.code == "NM121"}
    for word, proposal in expected.items():
        if proposal is None:
            continue
        assert word in found, (word, sorted(found))
        assert found[word].replacement == proposal
    assert set(found) <= set(expected), sorted(found)


@pytest.mark.parametrize("text", CLEAN)
def test_correct_english_is_left_alone(text):
    assert [f for f in normalize.check_text(text) if f.code == "NM121"] == []


def test_a_listed_name_is_reported_once():
    text = ("Foreign Minister Kestutis Budrys spoke in Šiauliai and Klaipėda; Siauliai"
            " airport reopened.\n")
    codes = [(f.text, f.code) for f in normalize.check_text(text)]
    assert ("Kestutis Budrys", "NM101") in codes
    assert not any(code == "NM121" for _, code in codes), codes


def test_ascii_text_costs_nothing(monkeypatch):
    asked = []
    monkeypatch.setattr(restorable, "restorations", lambda lang: asked.append(lang))
    normalize.check_text("Jurgen Klopp met Arsene Wenger in Wroclaw.\n", select=["NM121"])
    normalize.check_text("Jurgen Klopp paid £5 for “tea” in Wroclaw.\n", select=["NM121"])
    assert asked == []


def test_only_the_languages_the_article_shows_are_read(monkeypatch):
    asked: list[str] = []
    real = restorable.restorations
    monkeypatch.setattr(restorable, "restorations",
                        lambda lang: asked.append(lang) or real(lang))
    normalize.check_text("Paweł Kowal and Radosław Nowak met Przemyslaw Zych in Gdańsk.\n",
                         select=["NM121"])
    assert set(asked) == {"pl"}


def test_several_spellings_are_display_only():
    text = "Søren Møller and Jens Ørsted met Bjorn Larsen and Åsa Berg in Malmö and Göteborg.\n"
    found = [f for f in normalize.check_text(text, select=["NM121"]) if f.text == "Bjorn"]
    assert found and found[0].fix is not None
    assert found[0].fix.applicability is Applicability.DISPLAY_ONLY
    assert {"Bjørn", "Björn"} <= set(dict(found[0].data)["candidates"].split(" | "))


def test_a_place_english_writes_plain_is_display_only():
    text = "Paweł Kowal and Radosław Nowak met in Łódź and travelled on to Wroclaw.\n"
    found = [f for f in normalize.check_text(text, select=["NM121"]) if f.text == "Wroclaw"]
    assert found and found[0].replacement == "Wrocław"
    assert found[0].fix.applicability is Applicability.DISPLAY_ONLY


def test_hyphenated_names_keep_their_parts():
    text = "Paweł Kowal and Radosław Nowak met Jedrzej-Przemyslaw Zych in Łódź.\n"
    found = [f for f in normalize.check_text(text, select=["NM121"])]
    assert [(f.text, f.replacement) for f in found] == [
        ("Jedrzej-Przemyslaw", "Jędrzej-Przemysław")]


def test_the_pairs_round_trip():
    pairs = {"jurgen": ["jürgen"], "bjorn": ["björn", "bjørn"], "koln": ["köln"]}
    entry = restorable.Restorations(restorable.encode(pairs))
    assert len(entry) == 3
    assert entry.get("bjorn") == ("björn", "bjørn")
    assert entry.get("jurgen") == ("jürgen",)
    for missing in ("a", "bjor", "bjorns", "zzz", "jurge", "koln2", ""):
        assert entry.get(missing) == ()


def test_an_entry_cut_short_is_refused_when_it_loads_not_when_a_word_is_looked_up():
    """A damaged cache entry is built anew (restorable._load catches ValueError);
    one that loads answers every look-up without an exception."""
    data = restorable.encode({"jurgen": ["jürgen"], "bjorn": ["björn", "bjørn"],
                              "koln": ["köln"]})
    for cut in range(len(data)):
        try:
            entry = restorable.Restorations(data[:cut])
        except (ValueError, IndexError):
            continue
        for word in ("jurgen", "bjorn", "koln", "zzz", "a"):
            entry.get(word)


def test_the_folder_stage_does_not_report_the_same_word_again(tmp_path):
    """A name another file of the folder writes with its marks: NM121 reports the
    word, and the folder names stage (NM201) does not report it a second time."""
    (tmp_path / "a.txt").write_text(
        "Šarūnas Adomavičius spoke in Kaunas on Monday.\n\n"
        "Šarūnas Adomavičius met students in Klaipėda and Šiauliai.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Sarunas Adomavičius spoke in Kėdainiai again on Tuesday, before a trip to"
        " Klaipėda and Panevėžys.\n", encoding="utf-8")
    report = normalize.check_paths([tmp_path])
    found = [(f.path.rsplit("/", 1)[-1], f.start, f.code)
             for r in report.files for f in r.findings]
    assert found == [("b.txt", 0, "NM121")]


def _nm122(text: str) -> list[tuple[str, str, object]]:
    return [(f.text, f.replacement, f.applicability) for f in normalize.check_text(text)
            if f.code == "NM122"]


def test_an_article_that_lost_every_mark_gets_suggestions_only_with_other_artefacts():
    """NM122: no word with marks at all (NM121 keeps quiet); with another translation
    artefact in the article ('found precipitated') the marked spelling is suggested,
    display-only; without one, nothing."""
    lost = "Przemyslaw Nowak said the helicopter crashed near Bialystok on Monday.\n"
    assert _nm122(lost) == []
    found = _nm122(lost.replace("crashed", "was found precipitated"))
    assert ("Przemyslaw", "Przemysław", Applicability.DISPLAY_ONLY) in found


def test_english_names_beside_a_lost_mark_are_left_alone():
    text = ("The drone was found precipitated near the Odeon, where Cherie Blair and"
            " Mark Oaten spoke; Minister Przemyslaw Nowak came later.\n")
    assert [t for t, _, _ in _nm122(text)] == ["Przemyslaw"]
