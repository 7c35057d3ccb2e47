"""Markup that `fix` wrote into, or read wrong: a Markdown table cell placed
where its text first occurs in the row (inside another cell's attribute or
code), a reference link's label that is its definition's key, a tag the file
ends in, the old code-display and fallback elements, and line numbers of the
prose view in a message."""

from __future__ import annotations

import random

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.markup import markdown

NAME, FIXED = "Kestutis Budrys", "Kęstutis Budrys"


def fix(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode())
    result = CliRunner().invoke(main, ["fix", str(path)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return path.read_bytes().decode()


def test_a_table_cell_is_placed_after_the_cell_before_it(tmp_path):
    """A cell whose text also stood earlier in its row was placed there: `fix`
    rewrote an `alt` attribute or a `<code>`, and a second identical cell went
    unchecked."""
    rows = [f'| <img alt="{NAME} , Vilnius" src="a.jpg"> | {NAME} , Vilnius |',
            f"| {NAME} | {NAME} |",
            f"| <code>{NAME}</code> | {NAME} |",
            f'| [x](/a "{NAME} , which") | {NAME} , which |']
    text = "| A | B |\n|---|---|\n" + "\n".join(rows) + "\n"
    want = "| A | B |\n|---|---|\n" + "\n".join([
        f'| <img alt="{NAME} , Vilnius" src="a.jpg"> | {FIXED}, Vilnius |',
        f"| {FIXED} | {FIXED} |",
        f"| <code>{NAME}</code> | {FIXED} |",
        f'| [x](/a "{NAME} , which") | {FIXED}, which |']) + "\n"
    assert fix(tmp_path, "t.md", text) == want


def test_a_reference_link_label_that_is_its_key_is_left_alone(tmp_path):
    """`[Name]` and `![Name][]` point to the definition `[Name]: url` by their
    label: `fix` changed the label and not the (protected) definition, and the
    link and the image stopped rendering."""
    text = (f"Minister [{NAME}] spoke.\n\n![{NAME}][]\n\n"
            f"Also [{NAME}][kb] and [{NAME}](http://x).\n\n"
            f"[{NAME}]: https://example.com/b.jpg\n[kb]: https://example.com/\n")
    assert fix(tmp_path, "r.md", text) == text.replace(
        f"Also [{NAME}][kb] and [{NAME}]", f"Also [{FIXED}][kb] and [{FIXED}]")


@pytest.mark.parametrize("tail", [
    f'<img src="x.jpg" alt="Minister {NAME} , which\n',
    f"<span {NAME} , which\n",
    f"</{NAME} , which\n",
    f"<!{NAME} , which\n",
    f"<?{NAME} , which\n",
    f"<a href=\"x\" title='{NAME} , which\n<p>{NAME} , more</p>\n",
])
def test_a_tag_the_file_ends_in_is_markup(tmp_path, tail):
    """html.parser hands a tag never closed to its reader as text when it closes:
    its attributes were checked and fixed, though a browser never shows them."""
    text = f"<p>Body {NAME}.</p>\n{tail}"
    assert fix(tmp_path, "t.html", text) == text.replace(f"Body {NAME}", f"Body {FIXED}")


def test_an_html_block_cut_inside_a_tag_is_markup(tmp_path):
    text = f'<div data-caption="Minister {NAME} , which\n\nsaid more">\n</div>\n\nBody text.\n'
    assert fix(tmp_path, "t.md", text) == text


@pytest.mark.parametrize("tag", ["xmp", "listing", "iframe", "noembed", "noframes"])
def test_code_display_and_fallback_elements_are_not_prose(tmp_path, tag):
    text = f"<p>Body {NAME}.</p><{tag}>{NAME} , x</{tag}><p>{NAME} again.</p>\n"
    assert fix(tmp_path, "t.html", text) == text.replace(f"<p>{NAME}", f"<p>{FIXED}").replace(
        f"Body {NAME}", f"Body {FIXED}")


def test_raw_text_elements_hold_no_tags_and_plaintext_runs_to_the_end(tmp_path):
    """`<xmp><code></xmp>` opened a <code> that hid the rest of the page; nothing
    ends a <plaintext>, not even its end tag."""
    text = (f"<xmp><code></xmp><p>{NAME} spoke.</p>"
            f"<plaintext>{NAME} , x</plaintext> {NAME}\n")
    assert fix(tmp_path, "t.html", text) == text.replace(
        f"<p>{NAME}", f"<p>{FIXED}")


def test_a_message_quoting_a_line_number_counts_the_files_lines(tmp_path):
    """BP110's "repeats line N" counted the prose view's lines, where each block
    tag is a line break: a copy on line 2 "repeated line 2"."""
    line = "<p>The drone was found in a military training area near the border.</p>"
    path = tmp_path / "r.html"
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "BP110", str(path)])
    assert f"{path}:2:4: BP110 " in result.output and "repeats line 1 " in result.output


def test_content_offsets_map_to_the_file_as_a_walk_over_the_lines_does():
    """`_Inline.to_file` by bisection (a walk back over the lines was quadratic in a
    paragraph of thousands of lines with markup in each)."""
    chance = random.Random(7)
    lines = [" " * chance.randrange(3) + "w" * chance.randrange(1, 9) for _ in range(60)]
    text = "\n".join(f"> {line}" for line in lines) + "\n"
    block = markdown._Inline(text, markdown._lines(text), 0, len(lines),
                             "\n".join(line.strip() for line in lines))
    assert block.placed is not None

    def walked(pos: int) -> int:
        for (c_start, f_start), cline in zip(reversed(block.placed),
                                             reversed(block.content_lines)):
            if pos >= c_start:
                return f_start + min(pos - c_start, len(cline))
        return block.placed[0][1]

    for pos in range(len(block.content) + 1):
        assert block.to_file(pos) == walked(pos), pos
