"""Inline suppression comments in plain text, Markdown and HTML."""

from __future__ import annotations

import json
from dataclasses import replace

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


DRONE = "The drone , which fell."  # TY104, with a fix


@pytest.mark.parametrize("path,text", [
    # the syntax shown in a code span, a fenced or indented code block
    ("a.md", f"# T\n\nUse `<!-- normalize: off -->` to silence.\n\n{DRONE}\n"),
    ("a.md", f"# T\n\n```html\n<!-- normalize: off -->\n```\n\n{DRONE}\n"),
    ("a.md", f"# T\n\n    <!-- normalize: off -->\n\n{DRONE}\n"),
    # in front matter, a link's title, raw HTML's <code>, a <script>
    ("a.md", f"---\nnote: <!-- normalize: off -->\n---\n{DRONE}\n"),
    ("a.md", f"[a](u \"<!-- normalize: off -->\") {DRONE}\n"),
    ("a.md", f"Use <code><!-- normalize: off --></code>.\n\n{DRONE}\n"),
    ("a.md", f"<pre>\n<!-- normalize: off -->\n</pre>\n\n{DRONE}\n"),
    ("a.md", f"<script>\n// <!-- normalize: off -->\n</script>\n\n{DRONE}\n"),
    # in HTML: a <script>, an attribute value, an opaque element
    ("a.html", f"<p>Example</p>\n<script>// <!-- normalize: off --></script>\n<p>{DRONE}</p>\n"),
    ("a.html", f'<p title="<!-- normalize: off -->">x</p>\n<p>{DRONE}</p>\n'),
    ("a.html", f"<p><code><!-- normalize: off --></code></p>\n<p>{DRONE}</p>\n"),
    ("a.html", f"<pre>\n<!-- normalize: ignore-next-line -->\n</pre><p>{DRONE}</p>\n"),
    ("a.html", f"<style>/* <!-- normalize: off --> */</style>\n<p>{DRONE}</p>\n"),
    ("a.html", f"<p>&lt;!-- normalize: off --&gt;</p>\n<p>{DRONE}</p>\n"),
    # in a Markdown paragraph only "-->" ends a comment: "<!-- ... --!>" is text there
    ("a.md", f"See <!-- normalize: off --!> {DRONE}\n"),
])
def test_a_comment_that_is_no_comment_silences_nothing(default_rules, path, text):
    doc = Document.from_text(text, path)
    assert [f.code for f in check_document(doc, default_rules)] == ["TY104"]
    assert find_directives(text, path) == []
    assert suppressed_ranges(text, path) == {}


@pytest.mark.parametrize("path,text", [
    ("a.md", f"# T\n\n<!-- normalize: off -->\n\n{DRONE}\n"),
    ("a.md", f"# T\n\nSee <!-- normalize: ignore-next-line TY104 --> this\n{DRONE}\n"),
    ("a.md", f"See <!-- normalize: off\nTY -->\n{DRONE}\n"),
    ("a.md", f"> Quoted <!-- normalize: off TY -->\n> {DRONE}\n"),
    ("a.md", f"Some <code>a</code> <!-- normalize: off --> {DRONE}\n"),
    ("a.html", f"<p>x</p><!-- normalize: off -->\n<p>{DRONE}</p>\n"),
    ("a.html", f"<div><!-- normalize: ignore-next-line --></div>\n<p>{DRONE}</p>\n"),
    # plain text has no code spans: every comment counts, as before
    ("a.txt", f"Use `<!-- normalize: off -->` to silence.\n{DRONE}\n"),
    # "--!>" ends a comment as "-->" does, in a browser and in every kind of file
    ("a.html", f"<!-- normalize: off --!><p>{DRONE}</p>\n"),
    ("a.md", f"<!-- normalize: ignore-next-line TY --!>\n{DRONE}\n"),
    ("a.txt", f"<!-- normalize: ignore-next-line --!>\n{DRONE}\n"),
])
def test_a_real_comment_silences(default_rules, path, text):
    doc = Document.from_text(text, path)
    assert check_document(doc, default_rules) == []
    assert len(find_directives(text, path)) == 1


def test_a_comment_that_is_no_comment_is_not_reported_as_one(default_rules):
    text = f"Write `<!-- normalize: ignroe ZZ9 -->` and see.\n\n{DRONE}\n"
    doc = Document.from_text(text, "a.md")
    assert [f.code for f in check_document(doc, default_rules)] == ["TY104"]
    doc = Document.from_text(text, "a.txt")
    assert [f.code for f in check_document(doc, default_rules)] == ["NZ002", "TY104"]


def test_the_folder_stage_keeps_what_no_real_comment_silences(default_rules):
    from normalize.engine import wanted

    text = f"Use `<!-- normalize: off -->` here.\n{DRONE}\n"
    for path, kept in (("a.md", 1), ("a.txt", 0)):
        doc = Document.from_text(text, path)
        found = [replace(f, path=path) for f in check_document(
            Document.from_text(text, "b.md"), default_rules)]
        assert len(found) == 1
        assert wanted(doc, default_rules, {path: found}) == found[:kept]


@pytest.mark.parametrize("path", ["s.txt", "s.md", "s.html"])
def test_a_suppression_comment_is_never_checked_or_fixed(tmp_path, path):
    article = tmp_path / path
    text = (f"<!-- normalize: ignore-next-line NM , MT -->\n{DRONE}\n"
            f"<!-- normalize: off BP , MT -->\n{DRONE}\n")
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(article)])
    found = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["code"]) for f in found] == [(2, "TY104"), (4, "TY104")]
    result = CliRunner().invoke(main, ["fix", str(article)])
    assert result.exit_code == 0, result.output
    assert article.read_text(encoding="utf-8") == text.replace("drone ,", "drone,")


def test_a_finding_about_the_whole_line_of_a_comment_stays(default_rules):
    line = ("Le gouvernement a décidé de réduire les impôts pour les familles et les "
            "entreprises cette année.")
    text = (f"The drone fell in the field near the border on Monday evening.\n"
            f"<!-- normalize: ignore MT101 --> {line}\nMore English text about the drone.\n")
    found = check_document(Document.from_text(text, "a.txt"), default_rules)
    assert [f.code for f in found] == ["LG101"]


def test_what_lies_in_a_comment_or_would_edit_one_is_left_out():
    from normalize.model import Applicability, Edit, Finding, Fix, Severity
    from normalize.suppression import unsuppressed

    text = "Alpha <!-- normalize: ignore-next-line NM , MT --> beta gamma\ndelta\n"
    at, end = text.index("<!--"), text.index("-->") + 3

    def finding(start: int, stop: int, *edits: tuple[int, int]) -> Finding:
        fix = Fix(tuple(Edit(a, b, "x") for a, b in edits), Applicability.SAFE,
                  "Replace") if edits else None
        return Finding("a.txt", start, stop, "TY104", "r", Severity.WARNING, "m",
                       text[start:stop], fix)

    comma = text.index(" ,")
    kept = [finding(0, 5, (0, 5)),                      # before it
            finding(end + 1, end + 5, (end + 1, end + 5)),  # after it
            finding(at - 1, at, (at, at)),              # an insertion at its start
            finding(end, end, (end, end)),              # ... and at its end
            finding(0, end + 5)]                        # about the whole line, no fix
    gone = [finding(comma, comma + 2, (comma, comma + 1)),  # in it
            finding(comma, comma + 2),                      # in it, no fix
            finding(0, 5, (0, 5), (at + 5, at + 6)),        # one of its edits is in it
            finding(at - 2, at + 1, (at - 2, at + 1)),      # an edit that reaches into it
            finding(at - 1, at, (at + 1, at + 1))]          # an insertion inside it
    assert unsuppressed(text, "a.txt", kept + gone) == kept


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html"])
def test_a_comment_ended_by_bang_gt_is_a_suppression_comment(default_rules, path):
    text = f"<!-- normalize: ignore NM --!><p>{NAME}</p>\n"
    assert [f.code for f in check_document(Document.from_text(text, path), default_rules)] == []
    [d] = find_directives(text, path)
    assert (d.action, d.end) == ("ignore", text.index("<p>"))
    text = f"<!-- normalize: ignroe NM --!>\n{NAME}\n"  # a typo is reported, not lost
    found = check_document(Document.from_text(text, path), default_rules)
    assert [f.code for f in found] == ["NZ002", "NM101"]


def test_unclosed_openers_are_looked_through_once():
    """Each `<!-- normalize:` without its `-->` looked to the end of the text:
    40,000 of them (700 KB) took minutes; a body now stops at the next `<!--`."""
    from normalize.suppression import find_directives

    text = "<!-- normalize: x\n" * 40_000 + "<!-- normalize: ignore MT101 -->\n"
    found = find_directives(text)
    assert [(d.action, d.codes[0][0]) for d in found] == [("ignore", "MT101")]
