"""The per-file paths of the engine against their plain definitions: the marks a
text holds, a file's markup kind, the documents read, and check_document (its
rules called with one method call each, suppressions looked at only where a
comment may be) against the loop it replaces."""

from __future__ import annotations

import os
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.consistency import CODES as FOLDER_CODES
from normalize.document import _PROTECTED_MARKS, Document, _marks_in, find_protected
from normalize.encoding import BOMS, LEGACY, NotText, decode
from normalize.engine import DEFAULT_SUFFIXES, _outside_protected, _plan, check_document, walk_names
from normalize.entities import MentionTable, collect_mentions, collect_packed, packed, unpacked
from normalize.kinds.base import is_evidence
from normalize.loader import load_rules
from normalize.markup import markup_kind, markup_spans, prose_view
from normalize.model import Finding
from normalize.needles import found as needles_found
from normalize.suppression import apply_suppressions

PIECES = ["a", "w", "ww", "www", "www.", ".", "/", ":", "://", ":/", "//", "http://x.y",
          "@", "@ab", "#", "#d", "`", "`code`", " ", "\n", "é", "’", "<", "<!--", "-->",
          "normalize", "<!-- normalize: ignore -->", "<!-- normalize: off MT -->",
          "<!-- normalize: on -->", "<!-- normalize: bogus XX9 -->", "<p>", "</p>", "*"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
PATHS = st.sampled_from(["a.txt", "a/.txt", "a.TXT", "a.md", "a.MD", "b/c.markdown",
                         "a.html", "a.htm", "a.HTML", "a", ".md", "a.txt.md", "a.md.txt",
                         "a.txtx", "<text>", "x/y.tx"])


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_the_marks_are_those_an_in_for_each_finds(text):
    assert _marks_in(text) == tuple(m for m in _PROTECTED_MARKS if m in text)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("aA.txmdhl/\\T"), max_size=12))
def test_the_markup_kind_is_that_of_the_suffix(path):
    suffix = os.path.splitext(path)[1].lower()
    expected = ("markdown" if suffix in (".md", ".markdown")
                else "html" if suffix in (".html", ".htm") else None)
    assert markup_kind(path) == expected


@settings(max_examples=500, deadline=None)
@given(TEXTS, PATHS)
def test_the_protected_spans_are_sorted_as_before(text, path):
    marks = tuple(m for m in _PROTECTED_MARKS if m in text)
    from normalize.document import Span, _protected_pattern

    spans = [Span(m.start(), m.end())
             for m in _protected_pattern(marks).finditer(text)] if marks else []
    expected = sorted(spans + markup_spans(text, path), key=lambda s: (s.start, s.end))
    assert find_protected(text, path) == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS, PATHS)
def test_a_document_read_is_the_one_its_fields_make(text, path):
    data = text.encode("utf-8")
    doc = Document.from_bytes(data, path)
    made = Document(path=path, text=text, protected=tuple(find_protected(text, path)),
                    fingerprint=(len(data), zlib.crc32(data)))
    assert vars(doc) == vars(made)
    assert Document.placeholder(path).__dict__ == Document(path, "", is_placeholder=True).__dict__
    assert Document.placeholder(path, doc.fingerprint).__dict__ == Document(
        path, "", is_placeholder=True, fingerprint=doc.fingerprint).__dict__


RULES = load_rules([], True)
EXAMPLES = sorted({e for r in RULES.rules
                   for e in (*r.meta.examples_fail[:2], *r.meta.examples_pass[:1])})


def reference_check(doc: Document, rules, assume_evidence: bool = False) -> list[Finding]:
    """check_document as it was: a loop calling each rule, and the suppressions
    looked at wherever "normalize" is."""
    def run(rule):  # noqa: ANN001, ANN202
        if not doc.protected:
            return rule.check(view)
        return _outside_protected(rule, doc, view, markup)

    found: set[Finding] = set()
    markup = markup_kind(doc.path) is not None
    view = prose_view(doc)
    plan = _plan(rules.active(doc.path))
    got = needles_found(view.text)
    plain, needing = plan.rules if got.open else plan.chosen(got.needles)
    for rule in plain:
        found.update(run(rule))
    if needing and (assume_evidence or any(is_evidence(f) for f in found)):
        for rule in needing:
            found.update(run(rule))
    kept = apply_suppressions(doc.text, doc.path, found, rules.codes + tuple(FOLDER_CODES))
    out = [f for f in kept if f in found or rules.wants(f.code, doc.path)]
    if rules.superseding and len(out) > 1:
        from normalize.engine import _unsuperseded

        out = _unsuperseded(out, rules.superseding)
    return sorted(out, key=Finding.sort_key)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLES) | st.sampled_from(PIECES), min_size=1, max_size=6),
       st.sampled_from(["\n", " ", "\n\n"]), PATHS, st.booleans())
def test_check_document_finds_what_the_rule_by_rule_loop_finds(parts, sep, path, evidence):
    doc = Document.from_text(sep.join(parts), path)
    assert check_document(doc, RULES, evidence) == reference_check(doc, RULES, evidence)


def reference_walk(paths, suffixes=DEFAULT_SUFFIXES):  # noqa: ANN001, ANN201
    """walk_names as it was: the parts of each file sorted, then joined one by one."""
    seen, out = set(), []
    for path in map(Path, paths):
        if path.is_dir():
            root = () if str(path) == os.curdir else (str(path),)
            parts_found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                below = os.path.relpath(folder, path)
                below = [] if below == os.curdir else below.split(os.sep)
                parts_found += [[*below, name] for name in files if not name.startswith(".")
                                and os.path.splitext(name)[1].lower() in suffixes]
            parts_found.sort()
            found = [os.path.join(*root, *parts) for parts in parts_found]
        else:
            found = [str(path)]
        for p in found:
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out


NAMES = st.builds(
    lambda stem, suffix: stem + suffix, st.text(st.sampled_from("ab.-_ "), min_size=1,
                                                max_size=4),
    st.sampled_from(["", ".txt", ".TXT", ".md", ".Markdown", ".htm", ".html", ".py", "."]))


@pytest.mark.skipif(os.name == "nt", reason="posix file names")
@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(NAMES, max_size=2), NAMES), max_size=10),
       st.sampled_from([["."], ["t"], ["t/"], ["t/a", "t"], ["t", "t/a"]]),
       st.sampled_from([DEFAULT_SUFFIXES, (".txt",), ("", ".md"), (".tar.gz", ".txt")]))
def test_the_walk_gives_the_names_it_gave(files, roots, suffixes):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "t").mkdir()
        for folders, name in files:
            folder = Path(tmp, "t", *folders)
            if folder.is_file() or any(p.is_file() for p in folder.parents):
                continue
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / name).is_dir():
                (folder / name).write_text("x")
        before = os.getcwd()
        os.chdir(Path(tmp, "t") if roots == ["."] else tmp)
        try:
            assert list(walk_names(roots, suffixes)) == reference_walk(roots, suffixes)
        finally:
            os.chdir(before)


def reference_decode(data: bytes):  # noqa: ANN201
    """encoding.decode as it was: each BOM tried in turn, the NUL test on a copy."""
    for mark, name in BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(name), name, mark
            except UnicodeDecodeError:
                return "error"
    if b"\x00" in data[:8192]:
        return "binary"
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        return "legacy"


def outcome(data: bytes):  # noqa: ANN201
    try:
        return decode(data)
    except NotText as exc:
        return "binary" if exc.binary else "error"


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from([b""] + [mark for mark, _ in BOMS] + [b"\xef\xbb", b"\xff"]),
       st.binary(max_size=12), st.sampled_from([0, 10, 8180, 8200]),
       st.sampled_from([b"", b"\x00", b"a\x00", b"\xc3\xa9"]))
def test_decoding_tells_boms_and_binary_files_as_before(mark, body, pad, tail):
    data = mark + body + b"a" * pad + tail
    expected = reference_decode(data)
    got = outcome(data)
    if expected == "legacy":  # (then the legacy guess, unchanged, decides)
        assert got == "error" or got[1] in LEGACY
    else:
        assert got == expected


NAME_PIECES = ["Dovilė", "Šakalienė", "Budrys", "Budrys’s", "The", "Minister", "said", " ",
               "\n", "\n\n", ".", "@Budrys", "http://x.y/Budrys", "Vilnius", "NATO", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAME_PIECES), max_size=12).map(" ".join),
                max_size=4), PATHS)
def test_packed_mentions_are_those_packed_from_the_mentions(texts, path):
    bounded, plain = MentionTable(limit=2), MentionTable(limit=2)
    for n, text in enumerate(texts):
        doc = Document.from_text(text, f"{n}{path}")
        data = collect_packed(doc)
        assert data == packed(collect_mentions(doc))
        bounded.add_packed(data)
        plain.add(unpacked(packed(collect_mentions(doc))))
    assert bounded.files == plain.files
    assert {w: (f.kept, f.count, f.paths, list(f.at)) for w, f in bounded.forms.items()} == {
        w: (f.kept, f.count, f.paths, list(f.at)) for w, f in plain.forms.items()}
