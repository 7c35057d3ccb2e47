"""`supersedes`: one finding per problem. Findings of the listed codes inside
a finding of the superseding rule are not reported."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.kinds.base import RuleError
from normalize.loader import load_rule_file, load_rules

from .test_loader import EXISTENCE, GOOD

# XX101 swaps "colour"; XX102 flags "Read more" and the rest of its line
LABEL = (EXISTENCE.replace('"XX101"', '"XX102"')
         .replace("message =", 'supersedes = ["XX101"]\nmessage =')
         .replace("'^Read more\\b'", "'^Read more\\b.*'"))


def _rules(tmp_path, label=LABEL):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(label, encoding="utf-8")
    return load_rules([tmp_path], use_defaults=False)


def _codes(rules, text):
    return [(f.code, f.text) for f in check_document(Document.from_text(text), rules)]


def test_a_finding_inside_a_superseding_one_is_not_reported(tmp_path):
    rules = _rules(tmp_path)
    assert rules.superseding == {"XX102": frozenset({"XX101"})}
    got = _codes(rules, "Read more about colour\n\nThe colour of the sky.\n")
    # the label's "colour" goes with the label; the one outside it stays
    assert [code for code, _ in got] == ["XX102", "XX101"]
    assert got[1] == ("XX101", "colour")


def test_without_the_key_both_are_reported(tmp_path):
    rules = _rules(tmp_path, LABEL.replace('supersedes = ["XX101"]\n', ""))
    got = _codes(rules, "Read more about colour\n")
    assert sorted(code for code, _ in got) == ["XX101", "XX102"]


def test_a_suppressed_finding_supersedes_nothing(tmp_path):
    rules = _rules(tmp_path)
    text = "Read more about colour  <!-- normalize: ignore XX102 -->\n"
    assert [code for code, _ in _codes(rules, text)] == ["XX101"]


def test_default_rules_report_a_scraped_foreign_label_once(default_rules):
    doc = Document.from_text("The minister spoke on Tuesday.\n\n6 min de lecture\n")
    assert [f.code for f in check_document(doc, default_rules)] == ["BP102"]


@pytest.mark.parametrize("value,what", [
    ('["xx1"]', "'supersedes' holds 'xx1'"),
    ('["XX102"]', "'supersedes' holds 'XX102'"),  # itself
    ('"XX101"', "key 'supersedes' must be an array"),
])
def test_a_bad_supersedes_gives_one_line(tmp_path, value, what):
    path = tmp_path / "rule.toml"
    path.write_text(LABEL.replace('["XX101"]', value), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    assert str(info.value).startswith(f"{path}:3:") and what in str(info.value)


def test_superseding_a_code_no_rule_has_is_an_error(tmp_path):
    (tmp_path / "b.toml").write_text(LABEL, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path], use_defaults=False)
    assert str(info.value).startswith(f"{tmp_path / 'b.toml'}:3:")
    assert "names XX101, which no loaded rule has" in str(info.value)


def test_rules_explain_names_what_a_rule_supersedes():
    from click.testing import CliRunner

    from normalize.cli import main

    out = CliRunner().invoke(main, ["rules", "explain", "BP102"]).output
    assert "Supersedes: LG101, LG102" in out
