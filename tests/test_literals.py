"""The literal test before a regex pass never hides a match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.literals import may_match, required_literals

PATTERNS = [
    r"colour", r"small\s+town", r"(?:^Read more on\b.*$)|(?:^Logo\s)", r"(?:abcde)|(?:abxyz)",
    r"\bde\b", r"(\w+) of Moscow", r"anti\s*-\s*antiomic", r"a(bc)?def", r"Kestutis",
    r"(?i:sky)walker", r"(?i)kestutis", r"[Ss]kills?", r"x{3}yz", r"(?:min|max)imum",
    r"\d+ min de lecture",
]


@pytest.mark.parametrize("pattern,flags", [
    (r"colour", re.I), (r"small\s+town", 0), (r"(?:^Read more on\b.*$)|(?:^Logo\s)", re.I | re.M),
])
def test_literals_found(pattern, flags):
    found = required_literals(pattern, flags)
    assert found and all(lit.isascii() and len(lit) >= 3 for lit in found)


@given(st.sampled_from(PATTERNS), st.booleans(),
       st.lists(st.sampled_from(["colour", "COLOUR", "small  town", "Read more on x", "Logo ",
                                 "abxyz", "de", "the drone of Moscow", "anti - antiomic",
                                 "adef", "abcdef", "KESTUTIS", "Skywalker", "skywalker",
                                 "\u212aestutis", "\u017fkill", "Skills", "xxxyz", "minimum",
                                 "6 MIN DE LECTURE", "\n", " ", "é", "İ"]), max_size=12)
       .map("".join))
@settings(max_examples=400, deadline=None)
def test_never_hides_a_match(pattern, ignore_case, text):
    flags = re.M | (re.I if ignore_case else 0)
    if re.search(pattern, text, flags):
        assert may_match(required_literals(pattern, flags), text, ignore_case)
