"""Fuzz: random bytes through reading, every rule kind, fixing and every report.

No input may crash normalize: a file is read, or refused with one line that
names it (DocumentError); checking, fixing and rendering never raise. Slow
(>= 10,000 examples): run with `pytest -m slow` or NORMALIZE_SLOW=1.
"""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.document import Document, DocumentError
from normalize.engine import check_document
from normalize.fixer import allowed, fix_until_stable
from normalize.kinds import KINDS
from normalize.report import FileResult, Report, formatters

# Pieces that reach the interesting paths of each kind: names, false friends,
# boilerplate, foreign lines, mojibake, markup, line endings, combining marks.
PIECES = [
    "Kestutis Budrys", "Dovilė Šakalienė", "S\u030cakaliene\u0307", "Budrys Kestutis",
    "Decali Šakalienė", "found precipitated", "a small town of 3 million", "Read more on",
    "6 min de lecture", "Le ministre a déclaré que le drone était tombé.", "Logo ",
    "the drone of Moscow", "asked NATO to provide her with", "â€™", "Ã©", "\u200b", "\u00ad",
    "«", "»", "“", "”", "’", " ,", "!!", "--", "\r\n", "\r", "\n", "\t", " ", "#tag",
    "@handle", "http://x.eu/a", "`code`", "<p>", "</p>", "<![ ", "<!--", "# Title\n", "[a](b)",
    "---\n", "Vilnius", "Lithuania", "he", "she", "her", "the the", "Москва", "北京", "😀",
    "\ufeff", "\x00", "\udcff",
]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
SUFFIXES = [".txt", ".md", ".html"]
EXAMPLES = int(os.environ.get("NORMALIZE_FUZZ_EXAMPLES", "10000"))

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map(
    "".join)
raw = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from(BOMS), texts, st.sampled_from(["utf-8", "utf-16-le", "cp1252"]))
    .map(lambda t: t[0] + t[1].encode(t[2], errors="surrogateescape"
                                      if t[2] == "utf-8" else "replace")),
)


def test_every_kind_is_fuzzed(default_rules):
    assert {r.meta.kind for r in default_rules.rules} == set(KINDS)


@pytest.mark.slow
@given(data=raw, suffix=st.sampled_from(SUFFIXES))
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_no_input_crashes(default_rules, data, suffix):
    path = f"fuzz{suffix}"
    try:
        doc = Document.from_bytes(data, path)
    except DocumentError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ") and "\n" not in message
        return
    findings = check_document(doc, default_rules)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(doc.text) and doc.text[f.start:f.end] == f.text
    new, _ = fix_until_stable(doc, default_rules, allowed("unsafe"))
    try:
        doc.encode(new)
    except DocumentError as exc:  # a legacy file that cannot hold a fix: one line
        assert "\n" not in str(exc)
    report = Report((FileResult(doc, tuple(findings), new),))
    for name, render in formatters().items():
        assert isinstance(render(report), str), name


def test_found_by_fuzzing(default_rules):
    """Inputs the fuzzer once crashed on, checked in every run."""
    # UTF-16 text langdetect reads as Korean: wordfreq needs MeCab for it
    korean = b"\xff\xfe\x00\xacb\x00\xac\x00\x00\x00\x00\x00b\x00\x00\x00\x00\xac"
    for data, path in ((korean, "a.txt"), (b"<![ ", "a.html")):
        doc = Document.from_bytes(data, path)
        check_document(doc, default_rules)
        fix_until_stable(doc, default_rules, allowed("unsafe"))
