"""Markdown and HTML inputs: only prose is checked; positions point into the file."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.cli import main
from normalize.document import Document
from normalize.engine import check_document
from normalize.markup import markup_spans, prose_view
from normalize.markup.html import OPAQUE, raw_text_end

from .conftest import SEEDS

HERE = Path(__file__).parent / "markup"


def check(path: Path) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    return json.loads(result.output)


def found(path: Path) -> list[tuple[int, int, str, str]]:
    return [(f["line"], f["column"], f["code"], f["text"]) for f in check(path)["findings"]]


def at(path: Path, line: int, col: int, length: int) -> str:
    text = path.read_bytes().decode("utf-8")
    return text.splitlines()[line - 1][col - 1 : col - 1 + length]


def test_markdown_only_prose_is_checked():
    path = HERE / "article.md"
    assert found(path) == [
        (10, 86, "MT315", "side"),                  # "Eastern side of NATO"
        (10, 101, "MT350", "the Foreign Minister"),  # before a name
        (10, 122, "NM101", "Kestutis Budrys"),
        (14, 19, "NM101", "Decali Šakalienė"),     # the link's label, not its URL or title
        (14, 186, "NM101", "Sakaliene"),
        (16, 23, "MT101", "precipitated"),          # in a block quote
        (17, 23, "NM101", "Dainius Paskevicius"),   # after the quote's '> '
        (20, 7, "NM101", "Dovile Sakaliene"),       # an image's alt text
        (29, 41, "NM101", "Dovile Sakaliene"),      # text of a raw HTML block
    ]


def test_positions_point_into_the_original_file():
    for path in (HERE / "article.md", HERE / "article.html"):
        for f in check(path)["findings"]:
            assert at(path, f["line"], f["column"], len(f["text"])) == f["text"]


def test_the_same_text_as_plain_text_is_checked_everywhere(tmp_path):
    """The control: without Markdown handling, front matter, code and URLs do fire."""
    plain = tmp_path / "article.txt"
    shutil.copy(HERE / "article.md", plain)
    where = {(line, col) for line, col, *_ in found(plain)}
    # front matter, a link title, an image title, fenced and indented code,
    # a raw HTML attribute, a reference definition's title
    assert {(2, 9), (3, 9), (14, 82), (20, 91), (23, 1), (27, 5), (29, 24), (31, 62)} <= where


def test_html_only_text_is_checked():
    assert found(HERE / "article.html") == [
        (13, 4, "MT350", "The Foreign Minister"),
        (13, 25, "NM101", "Kestutis Budrys"),
        (14, 93, "NM101", "Decali Šakalienė"),
        (14, 134, "NM101", "Sakaliene"),
        (15, 24, "MT101", "precipitated"),
        (15, 64, "NM101", "Dainius Paskevicius"),
    ]


def test_fix_edits_only_prose(tmp_path):
    for name in ("article.md", "article.html"):
        target = tmp_path / name
        shutil.copy(HERE / name, target)
        result = CliRunner().invoke(main, ["fix", "--unsafe-fixes", str(target)])
        assert result.exit_code in (0, 1), result.output
        before = (HERE / name).read_text(encoding="utf-8").splitlines()
        after = target.read_text(encoding="utf-8").splitlines()
        assert len(before) == len(after)
        changed = {i + 1 for i, (a, b) in enumerate(zip(before, after)) if a != b}
        prose_lines = {line for line, *_ in found(HERE / name)}
        assert changed and changed <= prose_lines
        # URLs, titles, attributes and code keep every misspelt name they had
        markup = re.compile(r'https?://[^\s)"]+|\w+="[^"]*"|"[^"]*"\)|`[^`]*`')
        assert markup.findall("\n".join(before)) == markup.findall("\n".join(after))
        assert found(target) == []


def protected_text(text: str, path: str) -> str:
    return "".join(text[s.start:s.end] + "|" for s in markup_spans(text, path))


def test_markdown_crlf_and_tables():
    text = ("+++\r\ntitle = 'x'\r\n+++\r\n| name | role |\r\n|---|---|\r\n"
            "| Kestutis Budrys | `Budrys` minister |\r\n")
    spans = markup_spans(text, "a.md")
    prose = [text[a.end:b.start] for a, b in zip(spans, spans[1:])]
    assert "Kestutis Budrys" in prose and " minister" in prose
    assert "title = 'x'" not in "".join(prose) and "Budrys`" not in "".join(prose)


def test_html_character_references_keep_positions():
    text = "<p>Caf&eacute; owner &#8220;Kestutis Budrys&#8221; said &amp; left.</p>"
    doc = Document.from_text(text, "a.html")
    spans = {text[s.start:s.end] for s in doc.protected}
    assert {"&eacute;", "&#8220;", "&#8221;", "&amp;", "<p>", "</p>"} <= spans
    start = text.index("Kestutis")
    assert not doc.is_protected(start, start + len("Kestutis Budrys"))


def test_findings_without_fix_lose_markup_at_their_ends(default_rules):
    text = "<p>Le ministre des affaires étrangères a déclaré que la situation était " \
           "très préoccupante pour tous les pays.</p>\n"
    findings = [f for f in check_document(Document.from_text(text, "a.html"), default_rules)
                if f.code.startswith("LG")]
    assert len(findings) == 1
    assert findings[0].text.startswith("Le ministre") and findings[0].text.endswith("pays.")


def test_malformed_html_keeps_what_was_found_before():
    text = "<p>Kestutis Budrys</p><![ broken\n<p>more</p>"
    spans = markup_spans(text, "a.html")
    assert text[spans[0].end:spans[1].start] == "Kestutis Budrys"
    assert spans[-1].end == len(text)


def test_html_script_style_comments_and_attributes_are_protected():
    text = ('<script>if (a < b) { x = "Kestutis Budrys"; }</script>'
            '<style>p { content: "Budrys" }</style><!-- Budrys -->'
            '<b title="Budrys">Budrys</b>')
    spans = markup_spans(text, "a.htm")
    assert len(spans) == 2
    assert text[spans[0].end:spans[1].start] == "Budrys"


def _prose(text: str, name: str) -> list[str]:
    """The runs of `text` that are prose, in order."""
    out, pos = [], 0
    for span in markup_spans(text, name):
        out.append(text[pos:span.start])
        pos = span.end
    return [run for run in [*out, text[pos:]] if run.strip()]


@pytest.mark.parametrize("text,prose", [
    ("<p>Seen , here.</p>\n<!-- draft\n<p>Hidden , here.</p>\n", ["Seen , here."]),
    ("<p>Seen.</p><!--", ["Seen."]),
    ("<p>Seen.</p><!-- a -- b\n<p>Hidden.</p>", ["Seen."]),
    ("<p>Seen.</p><!-- a --> <p>Also.</p><!-- b\n<p>Hidden.</p>", ["Seen.", "Also."]),
    # as a browser reads them: empty comments, and "--!>" closes one
    ("<p>a</p><!-->b<!--->c", ["a", "b", "c"]),
    ("<p>a</p><!-- x --!> b", ["a", " b"]),
])
def test_an_unclosed_html_comment_runs_to_the_end_of_the_file(text, prose):
    assert _prose(text, "a.html") == prose


def test_an_unclosed_comment_hides_the_rest_from_the_rules(default_rules):
    text = "<p>Seen , here.</p>\n<!-- draft\n<p>Kestutis Budrys , hidden.</p>\n"
    found = check_document(Document.from_text(text, "a.html"), default_rules)
    assert [f.text for f in found] == [" ,"]


@pytest.mark.parametrize("text,prose", [
    # an HTML block that opens a comment and never closes it: the rest of the page
    ("Seen.\n\n<!-- draft\n\nHidden , here.\n\nHidden.\n", ["Seen."]),
    ("Seen.\n\n<div>\n<!-- draft\n</div>\n\nHidden , here.\n", ["Seen."]),
    # closed: the text after is prose again
    ("Seen.\n\n<!-- a\n\nb -->\n\nAlso.\n", ["Seen.", "Also."]),
    ("Seen.\n\n<div>\n<!-- a -->\n</div>\n\nAlso.\n", ["Seen.", "Also."]),
    # in a paragraph an unclosed "<!--" is no raw HTML but text (CommonMark)
    ("Seen <!-- text.\n\nAlso.\n", ["Seen <!-- text.", "Also."]),
])
def test_markdown_reads_raw_html_comments_as_a_browser_shows_them(text, prose):
    assert _prose(text, "a.md") == prose


def _as_html(text: str) -> str:
    body = "\n".join(f'<p class="para">{html.escape(line, quote=False)}</p>' if line.strip()
                     else "" for line in text.splitlines())
    return f'<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n{body}\n</body></html>\n'


def _as_markdown(text: str) -> str:
    return "---\ntitle: t\nslug: a-b\n---\n" + text


def test_seeds_as_markdown_and_html_find_what_plain_text_finds(tmp_path, default_rules):
    """Markup around the prose changes nothing that is found (line rules included)."""
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        plain = Counter((f.code, f.text) for f in
                        check_document(Document.from_text(text, "a.txt"), default_rules))
        assert plain
        for name, convert in (("a.md", _as_markdown), ("a.html", _as_html)):
            doc = Document.from_text(convert(text), name)
            found = check_document(doc, default_rules)
            assert Counter((f.code, f.text) for f in found) == plain, (seed.name, name)
            for f in found:
                assert doc.text[f.start:f.end] == f.text


_PIECES = [*"ab Z\n\r\t#>-*_`[]()!<>/&;=\"'+|\\:.1~é", "<p>", "</p>", "<!--", "-->", "<script>",
           "</script>", "&amp;", "&#", "&rsquo;", "<!", "<?", "](http://x)", "---\n", "+++\n",
           "```\n", "    ", "<a href='u'>", "</a>", "Kestutis Budrys"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join),
       st.sampled_from(["a.md", "a.html"]))
def test_any_input_gives_sorted_spans_and_a_view_of_equal_length(text, name):
    doc = Document.from_text(text, name)
    last = 0
    for span in markup_spans(text, name):
        assert last <= span.start < span.end <= len(text)
        last = span.end
    view = prose_view(doc).text
    assert len(view) == len(text)
    assert all(view[i] == text[i] for i in range(len(text)) if not doc.is_protected(i, i + 1))


@pytest.mark.parametrize("text,prose", [
    # an image's alt text is parsed apart: its markup is found where it is
    ("![Kestutis *Budrys* , x](u)", ["Kestutis ", "Budrys", " , x"]),
    ("An image: ![The drone `a , b` fell](u).", ["An image: ", "The drone ", " fell", "."]),
    ("[a ![b *c*](u) d](v)", ["a ", "b ", "c", " d"]),
])
def test_markdown_image_alt_text_markup_is_found_in_place(text, prose):
    assert _prose(text, "a.md") == prose


@pytest.mark.parametrize("text,prose", [
    ("Run <code>SELECT id , name</code> now.", ["Run ", " now."]),
    ("a <kbd>x , y</kbd> b <samp>s , t</samp> c <var>v , w</var> d <pre>e , f</pre> e",
     ["a ", " b ", " c ", " d ", " e"]),
    ("a <CODE class='x'>q , r</Code> b", ["a ", " b"]),
    ("a <tt>ls -l , x</tt> b", ["a ", " b"]),  # teletype: old pages' code
    # over several lines of a paragraph, of a block quote, of a list item
    ("A <code>a\nb , c</code> d.\n", ["A ", " d."]),
    ("> A <kbd>x\n> y , z</kbd> w\n", ["A ", " w"]),
    ("- A <code>x\n  y , z</code> w\n", ["A ", " w"]),
    # in a heading, a table cell, a link label, an image's alt text
    ("# T <code>a , b</code> t\n", ["T ", " t"]),
    ("| a | b |\n|---|---|\n| <code>c , d</code> | e |\n", ["a", "b", "e"]),
    ("[see <code>a , b</code> here](u)", ["see ", " here"]),
    ("x ![a <code>q , r</code> c](u) y", ["x ", "a ", " c", " y"]),
    # nested, and closed one by one
    ("a <code>b <code>c</code> d</code> e", ["a ", " e"]),
    # <code/> opens a <code>, as in a browser (the "/" is ignored); <b> is not code
    ("a <code/> b , c", ["a "]),
    ("a <code/> b</code> , c", ["a ", " , c"]),
    ("a <b>b , c</b> d", ["a ", "b , c", " d"]),
    # a <script> in a paragraph is raw text up to its </script>
    ("a <script>x <code> y</script> b , c", ["a ", " b , c"]),
    # an element left open holds the paragraphs after it (as in an .html file)
    ("A <code>open\n\nNext , para.\n\nMore </code> after.\n", ["A ", " after."]),
    ("<pre>\nx , y\n</pre>\n\nProse , here.\n", ["Prose , here."]),
    # in a code span the tag is no tag
    ("a `<code>` b , c", ["a ", " b , c"]),
])
def test_markdown_raw_html_code_elements_are_protected(text, prose):
    assert _prose(text, "a.md") == prose


def test_fix_leaves_markdown_inline_code_elements_alone(tmp_path):
    text = ("Run the query <code>SELECT id , name FROM users</code> to list them.\n"
            "Press <kbd>a , b</kbd> and read <samp>c ,\nd</samp> in <var>e , f</var> .\n"
            "The drone , which fell.\n")
    for name in ("q.md", "q.html"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["fix", str(path)])
        assert result.exit_code == 0, result.output
        assert path.read_text(encoding="utf-8") == text.replace("drone ,", "drone,"), name


_WORDS = st.text(st.sampled_from("ab ,.;:!?Zé-'\"\t"), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(OPAQUE - {"script", "style", "textarea"})),
       st.lists(_WORDS, min_size=1, max_size=4), _WORDS, _WORDS)
def test_what_a_markdown_code_element_holds_is_never_prose(tag, held, before, after):
    inside = "\n".join(held)  # one paragraph, over as many lines
    text = f"Start {before}<{tag}>{inside}</{tag}>{after} end.\n"
    start = text.index(f"<{tag}>")
    end = text.index(f"</{tag}>") + len(tag) + 3
    doc = Document.from_text(text, "a.md")
    assert all(doc.is_protected(i, i + 1) for i in range(start, end))
    assert not doc.is_protected(0, len("Start"))


# A legacy script: the nested "<script>" in its "<!--" is double-escaped, and
# its "</script>" does not end the outer one (as in a browser).
LEGACY_SCRIPT = ('<script><!--\ndocument.write("<script src=a.js></script>");'
                 ' var who = "Kestutis Budrys";\n//--></script>\n')


@pytest.mark.parametrize("text,prose", [
    (LEGACY_SCRIPT + "<p>Hello , there.</p>\n", ["Hello , there."]),
    ("<SCRIPT><!--<Script>a , b</SCRIPT>c , d</SCRIPT>e , f", ["e , f"]),
    # "-->" leaves the escapes: the first </script> after it ends the script
    ("<script><!--<script>--></script>a , b", ["a , b"]),
    ("<script><!-- x --></script>a , b", ["a , b"]),
    # "<!-->" and "<!--->" are no escape at all
    ("<script><!--><script></script>a , b", ["a , b"]),
    ("<script><!---><script></script>a , b", ["a , b"]),
    # in the escaped state alone a </script> ends the script
    ("<script><!-- x </script>a , b", ["a , b"]),
    # a <script> outside "<!--" nests nothing
    ("<script>x <script> y</script>a , b", ["a , b"]),
    # never closed: the rest is script
    ("<p>a , b</p><script><!--<script></script>c , d", ["a , b"]),
    ("<style><!--<style></style>a , b", ["a , b"]),
    # <script/> opens a script too, and a foreign element's "/>" is honoured
    ("<script/>x , y</script>a , b", ["a , b"]),
    ("<svg/>a , b<math/>c", ["a , b", "c"]),
    ("<svg><code/></svg>a , b", ["a , b"]),
    ("<p>a <code/> b , c</p>", ["a "]),
])
def test_html_script_ends_where_a_browser_ends_it(text, prose):
    assert _prose(text, "a.html") == prose


@pytest.mark.parametrize("text,prose", [
    (LEGACY_SCRIPT + "\nHello , there.\n", ["Hello , there."]),
    # a script left open by an HTML block holds the paragraph up to its end tag
    ('<script><!--\nx("<script></script>");\ny , z\n//--></script>\n\nAfter , it.\n',
     ["After , it."]),
    # in a paragraph, text is escaped when rendered ("<!--" there is no escape)
    ("a <script><!-- x <script> y</script> z , c</script> b.\n", ["a ", " z , c", " b."]),
    ("a <code/> b , c\n\nNext , para.\n", ["a "]),
])
def test_markdown_script_ends_where_a_browser_ends_it(text, prose):
    assert _prose(text, "a.md") == prose


def test_fix_leaves_a_legacy_script_alone(tmp_path):
    for name, after in (("s.html", "<p>Kestutis Budrys spoke.</p>\n"),
                        ("s.md", "Kestutis Budrys spoke.\n")):
        path = tmp_path / name
        path.write_text(LEGACY_SCRIPT + after, encoding="utf-8")
        result = CliRunner().invoke(main, ["fix", str(path)])
        assert result.exit_code == 0, result.output
        assert path.read_text(encoding="utf-8") == LEGACY_SCRIPT + after.replace("Kes", "Kęs")
    path = tmp_path / "c.html"
    path.write_text("<p>Intro <code/> Kestutis Budrys said.</p>\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert "Kestutis" in path.read_text(encoding="utf-8"), result.output


def _script_end_by_states(text: str) -> int:
    """The WHATWG tokenizer's script data states, one character at a time:
    where the </script> that ends a script whose text is `text` begins (-1: none)."""
    state, i, n = "data", 0, len(text)
    delims = "\t\n\f\r />"
    while i < n:
        c = text[i]
        low = text[i:].lower()
        if state == "data":
            if low.startswith("<!--"):
                i += 4
                state = "dashdash"
                continue
            if low.startswith("</script") and i + 8 < n and text[i + 8] in delims:
                return i
        elif state in ("escaped", "dash", "dashdash"):
            if c == "-":
                state = "dash" if state == "escaped" else "dashdash"
                i += 1
                continue
            if c == ">" and state == "dashdash":
                state = "data"
                i += 1
                continue
            state = "escaped"
            if low.startswith("</script") and i + 8 < n and text[i + 8] in delims:
                return i
            if low.startswith("<script") and i + 7 < n and text[i + 7] in delims:
                state = "double"
                i += 8
                continue
        else:  # double escaped, and its dash states
            if c == "-":
                state = "ddash" if state == "double" else "dddash"
                i += 1
                continue
            if c == ">" and state == "dddash":
                state = "data"
                i += 1
                continue
            state = "double"
            if low.startswith("</script") and i + 8 < n and text[i + 8] in delims:
                state = "escaped"
                i += 9
                continue
        i += 1
    return -1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<!--", "-->", "<!-->", "-", ">", "<", "!", "/", " ", "x",
                                 "<script", "</script", "<SCRIPT", "</Script", "script",
                                 "\n", "<script>", "</script>", "--!>"]), max_size=14))
def test_script_end_follows_the_tokenizer_states(pieces):
    text = "".join(pieces)
    assert raw_text_end(text, 0, "script")[0] == _script_end_by_states(text)


@pytest.mark.parametrize("text,prose", [
    # "</code", a line break, ">": a closing tag (the ">" begins a block quote for Markdown)
    ("a <code>x</code\n> Kestutis , said.\n\nLater , again.\n",
     ["a ", "Kestutis , said.", "Later , again."]),
    ("a <kbd>x</kbd \t\n  > b , c\n", ["a ", "b , c"]),
    ("- a <code>x</code\n  > b , c\n\nd , e\n", ["a ", "b , c", "d , e"]),
    # not a closing tag: escaped, another element's, or no ">" after it
    ("a <code>x\\</code\n> b , c\n", ["a "]),
    ("a <code>x</kbd\n> b , c\n", ["a "]),
    ("a <code>x</code\nb , c\n\nd , e\n", ["a "]),
])
def test_markdown_closing_tag_broken_before_its_gt(text, prose):
    assert _prose(text, "a.md") == prose


def test_markdown_closing_tag_broken_before_its_gt_is_checked_after(tmp_path):
    text = "a <code>x</code\n> Kestutis Budrys said.\n\nLater, Kestutis Budrys spoke again.\n"
    (tmp_path / "c.md").write_text(text, encoding="utf-8")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    assert [f[:3] for f in found(tmp_path / "c.md")] == [(2, 3, "NM101"), (4, 8, "NM101")]
    assert found(tmp_path / "c.md") == found(tmp_path / "c.txt")
