"""Line-anchored patterns find the same text whatever a document's line endings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import normalize
from normalize.line_anchors import LINE_END, LINE_START, NOT_BREAK, line_neutral
from normalize.literals import requirements
from normalize.needles import Gate

M = re.MULTILINE
RULES = Path(normalize.__file__).parent.parent / "rules"
ENDINGS = ("\n", "\r\n", "\r")


@pytest.mark.parametrize("pattern, flags, expected", [
    ("^a$", M, f"{LINE_START}a{LINE_END}"),
    ("a.b", M, f"a{NOT_BREAK}b"),
    ("^a$", 0, "^a$"),  # no MULTILINE: unchanged
    ("a.b", 0, "a.b"),
    (r"[$^.]\$\^\.\A\Z", M, r"[$^.]\$\^\.\A\Z"),  # classes and escapes stay
    (r"[]$][^]^]x$", M, rf"[]$][^]^]x{LINE_END}"),  # ']' first in a class is a member
    (r"[\]$]$", M, rf"[\]$]{LINE_END}"),
    ("(?#a comment $ ^ .)x$", M, f"(?#a comment $ ^ .)x{LINE_END}"),
    ("(?x) a $ # see $ and ^\n ^b", M,
     f"(?x) a {LINE_END} # see $ and ^\n {LINE_START}b"),
    ("(?m)^a.$", 0, f"(?m){LINE_START}a{NOT_BREAK}{LINE_END}"),
    ("(?m:^a)$", 0, f"(?m:{LINE_START}a)$"),  # MULTILINE inside the group only
    ("(?-m:^a)$", M, f"(?-m:^a){LINE_END}"),
    ("(?s)^.$", M, f"(?s){LINE_START}.{LINE_END}"),  # DOTALL: '.' matches breaks anyway
    ("(?s:.).", M, f"(?s:.){NOT_BREAK}"),
    (r"(?P<w>\w+)(?<=^x)(?(w)$|.)", M,
     rf"(?P<w>\w+)(?<={LINE_START}x)(?(w){LINE_END}|{NOT_BREAK})"),
])
def test_rewrite(pattern, flags, expected):
    assert line_neutral(pattern, flags) == expected
    assert re.compile(expected, flags).groups == re.compile(pattern, flags).groups


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


PATTERNS = [
    r"^Read more on\b.*$", r"^\s*$", r"x[ \t]*$", r"^[ \t]*x", r"\s+$", r"^\s+",
    r".+", r"^.*x.*$", r"x\s*$", r"(?:^|[ .])x[ .]*$", r"$\s*^", r"x$\s*^y", r"(?s)^x.*?$",
]


@settings(max_examples=300, deadline=None, database=None)
@given(lines=st.lists(st.text(alphabet="xy \t.Read mon", max_size=12), min_size=1,
                      max_size=6),
       ending=st.sampled_from(ENDINGS[1:]), last=st.booleans())
def test_same_matches_in_every_line_ending(lines, ending, last):
    lf = "\n".join(lines) + ("\n" if last else "")
    other = lf.replace("\n", ending)
    for pattern in PATTERNS:
        compiled = re.compile(line_neutral(pattern, M), M)
        want = [m.group() for m in re.finditer(pattern, lf, M)]
        got = list(compiled.finditer(other))
        assert [_lf(m.group()) for m in got] == want, pattern
        for m in got:  # never half of a CRLF (a pattern's own \s or \W can take one)
            for edge in (m.start(), m.end()):
                assert other[edge - 1:edge + 1] != "\r\n" or edge == 0, pattern
        # the needles worked out from the pattern as written let every match through
        gate = Gate(requirements(pattern, M), shared=False)
        assert not got or all(
            any(t in other.lower() for t in loose) for _, loose in gate.tests), pattern


@pytest.mark.parametrize("ending", ENDINGS[1:], ids=["crlf", "cr"])
def test_photo_credit_at_line_end(ending):
    text = "Soldiers at the border on Monday. Photo: Reuters\nMore text.\n"
    found = normalize.check_text(text.replace("\n", ending), select=["BP105"])
    assert [f.text for f in found] == ["Photo: Reuters"]


@pytest.mark.parametrize("text, credits", [
    ("Caption here.\nAP Photo\nMore text.\n", ["AP Photo"]),
    ("He said it.\nAP/AP\nMore.\n", ["AP/AP"]),
    ("Caption here.\n\u00a9 AFP\nMore.\n", ["\u00a9 AFP"]),
    ("Caption:\nPhoto:\nLast line of the article.\n", []),
    ("Caption.\nFoto:\nAnother line here\n", []),
])
def test_photo_credit_lines_in_every_line_ending(text, credits):
    for ending in ENDINGS:
        found = normalize.check_text(text.replace("\n", ending), select=["BP105"])
        assert [f.text for f in found] == credits, repr(ending)


def test_own_documented_example_in_cr_text(tmp_path):
    (tmp_path / "rm.toml").write_text(
        'code = "XX101"\nkind = "existence"\nmessage = "m"\nsource = "s"\n'
        "patterns = ['^Read more on\\b.*$']\n"
        '[examples]\nfail = ["Read more on x"]\npass = ["x"]\n')
    text = "Story.\rRead more on Example News\rMore.\r"
    found = normalize.check_text(text, rules=[tmp_path], select=["XX"])
    assert [f.text for f in found] == ["Read more on Example News"]


def _examples() -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(RULES.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        examples = data.get("examples", {})
        texts = [t for t in [*examples.get("fail", []), *examples.get("pass", [])]
                 if isinstance(t, str)]
        if texts:
            out.append((data.get("code", path.stem), texts))
    return out


def _found(text: str) -> list[tuple[str, str]]:
    return sorted((f.code, _lf(f.text)) for f in normalize.check_text(text))


def test_every_rule_example_finds_the_same_in_every_line_ending():
    """Each shipped rule's examples, one a line between two other lines, as LF,
    CRLF and CR text."""
    differ = []
    for code, examples in _examples():
        lf = "\n".join(["First line of the article.", *map(_lf, examples),
                        "Last line of the article."])
        want = _found(lf + "\n")
        for ending in ENDINGS[1:]:
            got = _found((lf + "\n").replace("\n", ending))
            if got != want:
                differ.append((code, repr(ending), want, got))
    assert differ == []
