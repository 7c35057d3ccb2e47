"""A finding in a Markdown or HTML file quotes its text as it reads, not the prose view's
blanks where tags, character references and code were."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import normalize
from normalize.document import Document
from normalize.markup import prose_view, readable


def message(text: str, path: str, code: str) -> tuple[str, str]:
    [finding] = [f for f in normalize.check_text(text, path) if f.code == code]
    return finding.message, finding.text


def test_html_quotes_the_prose_as_it_reads():
    source = "<p>Logo <b>Acme</b> &amp; Sons &#8212; Caf&eacute; Royal</p>\n"
    msg, text = message(source, "p.html", "BP103")
    assert msg.startswith("'Logo Acme & Sons — Café Royal' is scraped page furniture")
    assert text == "Logo <b>Acme</b> &amp; Sons &#8212; Caf&eacute; Royal"  # the file's own


def test_markdown_quotes_the_prose_as_it_reads():
    msg, _ = message("Logo **Acme** [Sons](http://x.example) `code` End\n", "m.md", "BP103")
    assert msg.startswith("'Logo Acme Sons End' is scraped page furniture")
    msg, _ = message("# Read more: <b>the</b> story\n", "h.md", "BP101")
    assert msg.startswith("'Read more: the story' is scraped navigation")


def test_plain_text_and_prose_without_markup_are_quoted_as_they_are():
    for path in ("a.txt", "a.md", "a.html"):
        msg, text = message("Read more:   the    story\n", path, "BP101")
        assert text == "Read more:   the    story"
        assert msg.startswith(f"'{text}' is scraped navigation")


def _view(source: str, path: str) -> Document:
    return prose_view(Document.from_text(source, path))


def test_a_block_tag_or_a_line_break_in_markup_parts_words():
    view = _view("<p>Logo<br>Acme</p><p>x</p>\n", "a.html")
    assert readable(view, 0, view.text.index("x")) == "Logo Acme"
    view = _view("Logo<b>Acme</b> end\n", "a.html")  # inline markup joins, as it renders
    assert readable(view, 0, len(view.text)) == "LogoAcme end"


PIECES = st.sampled_from([
    "Logo ", "Acme", " ", "  ", "\n", "<b>", "</b>", "<p>", "</p>", "<br>", "&amp;",
    "&eacute;", "&#8217;", "**", "`code`", "[x](http://e.example)", "<!-- c -->", "# ",
    "<code>a b</code>", "https://e.example/x ", "été", "\x00",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30), st.sampled_from(["a.md", "a.html", "a.txt"]),
       st.data())
def test_readable_keeps_every_character_the_rules_saw(pieces, path, data):
    """Nothing the rules saw is lost or invented: the quote holds the view's
    characters other than white space, in order; a plain-text quote, or one with no
    markup in it, is the text itself."""
    view = _view("".join(pieces), path)
    start = data.draw(st.integers(0, len(view.text)))
    end = data.draw(st.integers(start, len(view.text)))
    quoted = readable(view, start, end)
    seen = view.text[start:end]
    if path == "a.txt" or not view.is_protected(start, end) or "\x00" in seen:
        assert quoted == seen
        return
    assert "".join(quoted.split()) == "".join(seen.split())
    assert quoted == quoted.strip()
