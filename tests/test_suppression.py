"""Inline suppression comments in plain text, Markdown and HTML."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.cli import main
from normalize.document import Document
from normalize.engine import check_document
from normalize.suppression import find_directives, suppressed_ranges

CRASH = "The drone was found precipitated in a field."  # MT101
NAME = "Foreign Minister Kestutis Budrys told journalists."  # NM101


def codes(text: str, rules, path: str = "a.txt") -> list[tuple[int, str]]:
    doc = Document.from_text(text, path)
    return [(doc.position(f.start)[0], f.code) for f in check_document(doc, rules)]


def test_without_comments_both_fire(default_rules):
    assert codes(f"{CRASH}\n{NAME}\n", default_rules) == [(1, "MT101"), (2, "NM101")]


def test_ignore_its_line(default_rules):
    text = f"{CRASH} <!-- normalize: ignore MT101 -->\n{NAME}\n{CRASH}\n"
    assert codes(text, default_rules) == [(2, "NM101"), (3, "MT101")]


def test_ignore_other_code_does_not_silence(default_rules):
    text = f"{CRASH} <!-- normalize: ignore NM101 -->\n"
    assert codes(text, default_rules) == [(1, "MT101")]


def test_ignore_next_line_with_prefix_and_commas(default_rules):
    text = f"<!-- normalize: ignore-next-line BP, NM -->\n{NAME}\n{NAME}\n"
    assert codes(text, default_rules) == [(3, "NM101")]


def test_no_code_means_all(default_rules):
    text = f"<!-- normalize: ignore-next-line -->\n{CRASH} {NAME}\n{CRASH}\n"
    assert codes(text, default_rules) == [(3, "MT101")]


def test_off_on_ranges(default_rules):
    text = (f"{CRASH}\n<!-- normalize: off -->\n{CRASH}\n{NAME}\n<!-- normalize: on -->\n"
            f"{NAME}\n<!-- normalize: off MT -->\n{CRASH}\n{NAME}\n")
    # the last `off` is never closed: it runs to the end of the file
    assert codes(text, default_rules) == [(1, "MT101"), (6, "NM101"), (9, "NM101")]


def test_on_with_codes_closes_only_those(default_rules):
    text = (f"<!-- normalize: off MT NM -->\n{CRASH}\n<!-- normalize: on NM -->\n"
            f"{NAME} {CRASH}\n")
    assert codes(text, default_rules) == [(4, "NM101")]


def test_unknown_code_and_action_are_reported(default_rules):
    text = f"{CRASH} <!-- normalize: ignore MT101 ZZ999 -->\n<!-- normalize: ignroe MT101 -->\n"
    found = check_document(Document.from_text(text, "a.txt"), default_rules)
    assert [f.code for f in found] == ["NZ001", "NZ002"]
    assert found[0].text == "ZZ999" and "matches no rule" in found[0].message
    assert "ignroe" in found[1].text


def test_crlf_lines(default_rules):
    text = f"<!-- normalize: ignore-next-line MT -->\r\n{CRASH}\r\n{CRASH}\r\n"
    assert codes(text, default_rules) == [(3, "MT101")]


@pytest.mark.parametrize("path,text", [
    ("a.md", f"# Title\n\n{CRASH} <!-- normalize: ignore MT101 -->\n\n"
             f"<!-- normalize: ignore-next-line NM101 -->\n{NAME}\n\n{NAME}\n"),
    ("a.html", f"<html><body>\n<p>{CRASH} <!-- normalize: ignore MT101 --></p>\n"
               f"<!-- normalize: ignore-next-line NM101 -->\n<p>{NAME}</p>\n"
               f"<p>{NAME}</p>\n</body></html>\n"),
])
def test_markdown_and_html(default_rules, path, text):
    doc = Document.from_text(text, path)
    found = check_document(doc, default_rules)
    assert [f.code for f in found] == ["NM101"]
    assert doc.position(found[0].start)[0] == text.count("\n", 0, text.rindex(NAME)) + 1


def test_fix_respects_suppression(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"<!-- normalize: ignore-next-line NM -->\n{NAME}\n{NAME}\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(article)])
    assert result.exit_code == 0, result.output
    lines = article.read_text(encoding="utf-8").splitlines()
    assert "Kestutis" in lines[1] and "Kęstutis" in lines[2]


def test_select_leaves_out_checker_codes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{CRASH} <!-- normalize: ignore ZZ9 -->\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(article)]).stdout
    assert "NZ001" in out and "MT101" in out
    out = CliRunner().invoke(main, ["check", "--select", "MT", str(article)]).stdout
    assert "NZ001" not in out and "MT101" in out


def test_suppressed_ranges_api():
    text = "a <!-- normalize: ignore MT -->\nb\n<!-- normalize: ignore-next-line -->\nc\nd"
    ranges = suppressed_ranges(text)
    assert set(ranges) == {"MT", ""}
    (mt,) = ranges["MT"]
    assert text[mt[0]:mt[1]] == "a <!-- normalize: ignore MT -->\n"
    (everything,) = ranges[""]
    assert text[everything[0]:everything[1]] == "c\n"
    assert suppressed_ranges("no comments here") == {}
    (d,) = find_directives("x <!-- normalize: off NM101 -->")
    assert d.action == "off" and d.codes == (("NM101", 22),)


def test_rules_explain_checker_codes():
    result = CliRunner().invoke(main, ["rules", "explain", "nz001"])
    assert result.exit_code == 0
    assert "NZ001" in result.stdout and "ignore-next-line" in result.stdout


_PIECES = ["<!-- normalize: ", "ignore", "ignore-next-line", "off", "on", " MT101", " NM",
           ",", " -->", "<!--", "-->", "\n", "\r\n", "\r", "text ", "Ž", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_ranges_are_well_formed_for_any_text(text):
    for code, spans in suppressed_ranges(text).items():
        assert code == code.upper()
        for start, end in spans:
            assert 0 <= start <= end <= len(text)
    for d in find_directives(text):
        assert text[d.start:d.end].startswith("<!--") and text[d.start:d.end].endswith("-->")
        for code, at in d.codes:
            assert text[at:at + len(code)] == code
