"""Protected spans (URLs, addresses, handles, hashtags, code): the search by marks
finds exactly what one pattern of every kind finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Span, find_protected

# the pattern of every kind at once, as it was before the search by marks: the reference
ALL_AT_ONCE = re.compile(
    r"""
      (?:https?|ftp)://[^\s<>"'“”]+
    | www\.[^\s<>"'“”]+
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | (?<![\w@])[.]?@\w+
    | (?<![\w&#])\#\w+
    | `[^`\n]+`
    """,
    re.VERBOSE,
)


def reference(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in ALL_AT_ONCE.finditer(text)]


PIECES = ["a", "b", "é", "1", "_", ".", "+", "-", "@", "#", "&", "`", "/", ":", " ", "\n",
          "'", "“", "http://", "https://", "ftp://", "www.", "x.org", "@ab", ".@c", "#d",
          "me@x.com", "&#", "`code`"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_the_search_by_marks_finds_what_all_kinds_at_once_find(text):
    assert find_protected(text) == reference(text)


def test_each_kind_is_found_and_plain_text_needs_no_search():
    text = ("See https://x.org/a#b, www.y.com, mail me@x.co.uk, ask .@bbc and @ab, "
            "tag #news (not &#39; or a#b), run `ls -l`.")
    found = [text[s.start:s.end] for s in find_protected(text)]
    assert found == ["https://x.org/a#b,", "www.y.com,", "me@x.co.uk", ".@bbc", "@ab",
                     "#news", "`ls -l`"]
    assert found == [text[s.start:s.end] for s in reference(text)]
    assert find_protected("Nothing to protect here.") == []
