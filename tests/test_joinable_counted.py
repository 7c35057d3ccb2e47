"""`grouping._joinable` counts skeletons with Counter and looks keys up in sets: the
same keys as the key-by-key walk it replaced (below), on random fold keys of one
to three words drawn from names whose skeletons collide, with some keys of
several spellings. And `_plain_test` on lone one-word spellings that no list
has."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import grouping
from normalize.entities import Form, MentionTable
from normalize.grouping import _joinable, group
from normalize.text import fold

from .test_grouping_speed import (
    NAMES,
    SPELLINGS,
    _listed,
    _mentions,
    _old_joinable,
    lists,
    odd_skeletons,
)

WORDS = sorted({fold(w) for name in NAMES for w in name.split()})


def _walked(first: dict, more: dict) -> set:
    """The key-by-key walk, each key's skeleton that of its last folded word."""
    return _old_joinable({key: SimpleNamespace(words=key) for key in first}, more)


keys = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(tuple)


@settings(max_examples=500, deadline=None)
@given(st.lists(keys, max_size=25, unique=True), st.data())
def test_joinable_is_the_key_by_key_walk(found, data):
    first = dict.fromkeys(found)
    several = data.draw(st.lists(st.sampled_from(found), unique=True) if found
                        else st.just([]))
    more = {key: [None] for key in several}
    assert _joinable(first, more) == _walked(first, more)


# -- lone one-word spellings --------------------------------------


@settings(max_examples=300, deadline=None)
@given(names=lists, odd=odd_skeletons)
def test_a_one_word_key_no_list_has_is_plain(names, odd):
    """A one-word key is plain when no listed name has a one-word skeleton key and
    the key is neither a listed key nor a listed surname: `_plain_test` says so,
    for every one-word spelling."""
    listed = _listed(names, odd)
    plain = grouping._plain_test(listed)
    any_one = any(len(k) == 1 for k in listed.skel)
    for words in SPELLINGS:
        key = tuple(map(fold, words))
        if len(key) == 1 and not any_one and key[0] not in listed.full and (
                key[0] not in listed.surname):
            assert plain(key, Form(words)), words


def test_a_one_word_skeleton_listed_keeps_the_plain_test():
    """A listed name indexed by a one-word skeleton (a cached index may hold one)
    makes a lone spelling with that skeleton an entity, even when `lone` says no."""
    listed = _listed([], ["Šakalienė"])
    del listed.surname["sakaliene"]  # the skeleton alone, no surname
    table = MentionTable.of(_mentions(["Chakalene said so"]))
    entities = group(table, listed, lone=lambda form: False)
    assert [e.canonical for e in entities] == [("Chakalene",)]
