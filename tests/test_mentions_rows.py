"""A document's mentions kept as rows by spelling (`entities.Mentions`) must be the
very mentions, in text order, and a table that adds them spelling by spelling,
keeping rows and making Mentions only when asked, must be the table that adds the
mentions one by one; the namelike words found with set differences
(`_names_in`) must be those `_namelike` says yes to. The documents are the random
ones of tests/test_mentions_speed.py (names, rule examples, risky characters,
protected spans), in folders of a few."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.capitals import scan
from normalize.document import Document
from normalize.entities import (
    Mention,
    Mentions,
    MentionTable,
    _namelike,
    _names_in,
    collect_mentions,
    packed,
    unpacked,
)

from .test_mentions_speed import _old_collect_mentions, documents, texts


def _one_by_one(found: list[list[Mention]], limit: int | None) -> MentionTable:
    table = MentionTable(limit)
    for mentions in found:
        table.add(iter(list(mentions)))  # a plain iterable: the mention-by-mention add
    return table


def _same_tables(a: MentionTable, b: MentionTable) -> None:
    assert list(a.forms) == list(b.forms) and a.files == b.files
    for words, form in a.forms.items():
        other = b.forms[words]
        assert (form.count, form.paths, list(form.at)) == (
            other.count, other.paths, list(other.at))
        assert form.complete == other.complete
        assert form.mentions == other.mentions and all(type(m) is Mention
                                                       for m in form.mentions)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_rows_are_the_mentions_and_go_over_unchanged(doc):
    found = collect_mentions(doc)
    old = _old_collect_mentions(doc)
    assert isinstance(found, Mentions)
    assert found == old and list(found) == old and len(found) == len(old)
    assert bool(found) == bool(old) and [found[i] for i in range(len(old))] == old
    assert all(type(m) is Mention for m in found)
    data = packed(found)
    assert pickle.loads(pickle.dumps(data)) == data
    assert unpacked(data) == old and unpacked(packed(old)) == old
    assert packed(old) == data  # plain mentions pack to the same rows


@settings(max_examples=150, deadline=None)
@given(st.lists(texts(), min_size=1, max_size=6), st.sampled_from([None, 1, 2, 3, 8]))
def test_a_table_of_rows_is_the_table_of_mentions(folder, limit):
    docs = [Document.from_text(t, f"d{i % 4}/{len(folder) - i}.txt")
            for i, t in enumerate(folder)]
    found = [collect_mentions(d) for d in docs]
    rows = MentionTable(limit)
    for mentions in found:
        rows.add(unpacked(packed(mentions)))
    _same_tables(rows, _one_by_one([list(m) for m in found], limit))


@settings(max_examples=300, deadline=None)
@given(st.lists(texts(), min_size=1, max_size=4))
def test_names_in_is_namelike(folder):
    for text in folder:  # later texts meet words the first ones made known
        distinct = scan(text).distinct
        assert _names_in(distinct) == set(filter(_namelike, distinct))
