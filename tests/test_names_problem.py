"""What a names finding says is wrong matches what differs from the listed spelling."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.kinds.names import _problem
from normalize.loader import load_rules
from normalize.model import Applicability


@pytest.mark.parametrize(("written", "listed", "problem", "case_only"), [
    ("Sakaliene", "Šakalienė", "is missing diacritics", False),
    ("Dovile Šakalienė", "Dovilė Šakalienė", "is missing diacritics", False),
    ("SIAULIAI BANK", "ŠIAULIAI BANK", "is missing diacritics", False),
    ("Lodz", "Łódź", "is missing diacritics", False),
    ("Lódź", "Łódź", "is missing diacritics", False),  # the stroke: NFD keeps Ł whole
    ("Šiauliai bank", "Šiauliai Bank", "differs only in case from the listed spelling", True),
    ("Nato", "NATO", "differs only in case from the listed spelling", True),
    # "ß" is no "ss" in another case, nor an "s" with a diacritic
    ("Johann Strauss", "Johann Strauß", "differs from the listed spelling", False),
    ("Ærø", "Æro", "differs from the listed spelling", False),
    ("Aero", "Ærø", "is missing diacritics", False),
    ("STRAUß", "Strauß", "differs only in case from the listed spelling", True),
    ("Šiauliaí", "Šiauliai", "differs from the listed spelling", False),  # other marks
    ("Dovile\u0301", "Dovilė", "differs from the listed spelling", False),
])
def test_problem_names_what_differs(written, listed, problem, case_only):
    assert _problem(written, listed) == (problem, case_only)


def test_a_case_only_difference_is_proposed_not_fixed(tmp_path):
    # "Šiauliai bank" may be a bank in Šiauliai: the proposal is an editor's call
    (tmp_path / "list.toml").write_text(  # safe, as the shipped lists of officials are
        'code = "XC101"\nkind = "names"\napplicability = "safe"\n'
        'message = "{text} {problem}: {replacement}"\nsource = "tests"\n'
        'names = ["Šiauliai Bank", "Kęstutis Budrys"]\n'
        '[examples]\nfail = ["Kestutis Budrys is."]\npass = ["Kęstutis Budrys is."]\n',
        encoding="utf-8")
    rules = load_rules([tmp_path], False).rules
    doc = Document.from_text("Šiauliai bank rose. Kestutis Budrys spoke.", "a.txt")
    found = {f.text: f for rule in rules for f in rule.check(doc)}
    case, accents = found["Šiauliai bank"], found["Kestutis Budrys"]
    assert "differs only in case" in case.message
    assert case.fix.applicability is Applicability.UNSAFE
    assert "is missing diacritics" in accents.message
    assert accents.fix.applicability is Applicability.SAFE
