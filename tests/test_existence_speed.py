"""The line rules' table of lines, walked once, is the old one, and trying a
line only against the heads that begin with its first character finds what
trying every line finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.kinds import existence
from normalize.loader import load_rules

PIECES = st.sampled_from([
    "a", "Read more", " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85",
    "\u2028", "\u2029", "\u00a0", "\u3000", "\u200b", "…", "12", "|", "EN | FR | DE", "é",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=30).map("".join), st.text(max_size=60))


def _old_lines(text: str) -> tuple[tuple[int, str], ...]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        line = m.group()
        body = line.strip()
        if body:
            out.append((m.start() + len(line) - len(line.lstrip()), body))
    return tuple(out)


@given(TEXTS)
@settings(max_examples=1000, deadline=None, derandomize=True)
def test_lines_are_the_stripped_runs_between_line_ends(text):
    assert existence._lines.__wrapped__(text) == _old_lines(text)
    assert existence.split_lines(text) == [
        (m.start(), m.group()) for m in re.finditer(r"[^\r\n]+", text)]

LINE_RULES = [r for r in load_rules([], True).rules
              if r.KIND == "existence" and r.options["line"]]
EXAMPLES = sorted({e for r in LINE_RULES for e in (*r.meta.examples_fail, *r.meta.examples_pass)})
TWINS = st.sampled_from(["İ", "K", "ſ", "ß", "Ω", "ǅ", "EN", "en", "It", "Ελληνικά"])
LINES = st.lists(st.one_of(st.sampled_from(EXAMPLES), PIECES, TWINS), max_size=12).map("".join)
DOCUMENTS = st.lists(LINES, min_size=1, max_size=6).map("\n".join)


def _findings(rule, text):  # noqa: ANN001
    return sorted((f.start, f.end) for f in rule.check(Document.from_text(text)))


def test_line_rules_have_heads_to_try():
    assert any(r.heads_by_first for r in LINE_RULES)


@given(DOCUMENTS)
@settings(max_examples=300, deadline=None, derandomize=True)
def test_a_line_is_tried_where_it_begins_with_a_head(text):
    for rule in LINE_RULES:
        fast = _findings(rule, text)
        by_first, rule.heads_by_first = rule.heads_by_first, None
        try:
            assert _findings(rule, text) == fast, rule.meta.code
        finally:
            rule.heads_by_first = by_first
