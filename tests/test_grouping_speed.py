"""The grouping shortcuts change nothing: `group` against the way it was written
before them (every spelling sorted, each word folded, the skeleton of each key's
first spelling worked out twice, every lone spelling's skeletons built for the
listed names), on random folders and names lists; and the word facts they rest
on against their definitions."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import consistency, grouping, morphology
from normalize.document import Document
from normalize.entities import Form, Mention, MentionTable, collect_mentions
from normalize.grouping import Cluster, Entity, Key, Listed, group
from normalize.text import fold
from normalize.translit import has_marks, skeleton

NAMES = [
    "Dovilė Šakalienė", "Dovile Sakaliene", "Shakalene", "Šakalienė", "Sakaliene",
    "Decali Šakalienė", "Chakalene", "Kęstutis Budrys", "Kestutis Budrys", "Budrys Kestutis",
    "Budrys", "Nida Grunskiene", "Grunskiene", "Grunskienė", "Ingrida Šimonytė",
    "Irena Šimonytė", "Simonyte", "Kraków", "Krakow", "KRAKOW", "Sao Paulo", "São Paulo",
    "Paulo Sao", "Volodymyr Zelensky", "Zelensky", "Selenskyj", "Zelenskyy", "Markus Weiß",
    "Markus Weiss", "Weiss Markus", "Weiß", "Smith", "Smyth", "John Smith", "Jon Smith",
    "Anna Nowak", "Anna Novak", "Novak", "Ludwika Ślęzak", "Ludwika Slezak", "Slezak",
    "Zyrvalda Kazlauskaitė", "Zyrvalde Kazlauskaitė", "Kazlauskaite", "Ona Petraitiene",
    "Paskevicius", "Ĳssel", "Ijssel", "Ærø", "Aero", "Łódź", "Lodz", "Øster Gade",
    "Oster Gade", "Gade", "Ona Ona", "Anna Maria Nowak", "Anna Maria Novak", "Qorvex",
    "Qorvex Budrys", "Ana Kowalczyk", "Anna Kowalczyk", "Kovalchyk", "Ana Kovalchyk",
    "WorldCom", "Worldcom", "Chakalienė", "Kowalczyk",
]
FILLER = ["said on Monday that", "met", "and", "wrote to", "told reporters.", "Minister",
          "in Vilnius,", "\n\n"]

folders = st.lists(st.sampled_from(NAMES), min_size=1, max_size=8).flatmap(
    lambda pool: st.lists(st.lists(st.sampled_from(pool + FILLER), min_size=1,
                                   max_size=12).map(" ".join), min_size=1, max_size=10))

# names lists: any of the names, as a person or not; also indexes with one-word
# skeleton keys and surnames (which Listed.add never makes, but a cached index may hold)
lists = st.lists(st.tuples(st.sampled_from(NAMES), st.booleans()), max_size=8)
odd_skeletons = st.lists(st.sampled_from(NAMES), max_size=3)


def _listed(names: list[tuple[str, bool]], odd: list[str]) -> Listed:
    listed = Listed()
    for name, person in names:
        listed.add(name, "XN1", person)
    for name in odd:
        words = name.split()
        listed.skel[(skeleton(words[-1]),)].add(name)
        listed.surname[fold(words[-1])].add(name)
    return listed


def _mentions(texts: list[str]) -> list[Mention]:
    docs = [Document.from_text(t + ".\n", f"d{i:02}.txt") for i, t in enumerate(texts)]
    return [m for d in docs for m in collect_mentions(d)]


# -- group as it was ---------------------------------------------------------------------

def _old_joinable(first: dict[Key, Form], more: dict[Key, list[Form]]) -> set[Key]:
    out = set(more)
    lasts: dict[str, int] = {}
    single_words: set[str] = set()
    single_skels: set[str] = set()
    multi_words: set[str] = set()
    multi_skels: set[str] = set()
    for key, form in first.items():
        skel = skeleton(form.words[-1])
        if len(key) > 1:
            bucket = f"{len(key)} {skel}"
            lasts[bucket] = lasts.get(bucket, 0) + 1
            multi_words.add(key[-1])
            multi_skels.add(skel)
            if len(key) == 2 and key[0] != key[1] and (key[1], key[0]) in first:
                out.add(key)
        else:
            lasts[skel] = lasts.get(skel, 0) + 1
            single_words.add(key[0])
            single_skels.add(skel)
    for key, form in first.items():
        skel = skeleton(form.words[-1])
        if len(key) > 1:
            if (lasts[f"{len(key)} {skel}"] > 1 or key[-1] in single_words
                    or skel in single_skels):
                out.add(key)
        elif lasts[skel] > 1 or key[0] in multi_words or skel in multi_skels:
            out.add(key)
    return out


def _old_plain(key: Key, form: Form, listed: Listed) -> bool:
    if key in listed:
        return False
    if not (listed.skel or listed.surname) or has_marks(form.text):
        return True
    words = form.words
    if listed.skel and listed.skel.get(tuple(map(skeleton, words))):
        return False
    return not (len(words) == 1 and listed.surname.get(key[0]))


def _old_group(table: MentionTable, listed: Listed, lone=None) -> list[Entity]:  # noqa: ANN001
    forms = table.forms
    first: dict[Key, Form] = {}
    more: dict[Key, list[Form]] = {}
    for words in sorted(forms):
        key = tuple(fold(w) for w in words)
        if key in first:
            more.setdefault(key, []).append(forms[words])
        else:
            first[key] = forms[words]
    joinable = _old_joinable(first, more)
    base = {key: Cluster(key, [form, *more.get(key, ())])
            for key, form in first.items() if key in joinable}
    multi = [c for c in base.values() if len(c.key) > 1]
    single = [c for c in base.values() if len(c.key) == 1]
    grouping._reversed(multi, base, listed)
    grouping._by_skeleton([c for c in multi if c.head is None], listed)
    given_names = grouping._given_counts(
        key for key in first if len(key) > 1 and key not in joinable)
    grouping._garbled([c for c in multi if c.head is None], listed, given_names)
    heads = [c for c in multi if c.head is None]
    shared = grouping._surnames(single, heads)
    grouping._by_skeleton([c for c in single if c.head is None], listed)
    entities: dict[int, Entity] = {}
    for key, form in first.items():
        c = base.get(key)
        if c is None:
            if lone is None or not _old_plain(key, form, listed) or lone(form):
                c = Cluster(key, [form])
                entities[id(c)] = grouping._entity(c, listed)
        elif c.head is None:
            entities[id(c)] = grouping._entity(c, listed)
    for c, people in shared.items():
        spellings = {entities[id(p)].canonical[-1] for p in people}
        entity = entities.get(id(c))
        if entity is not None and not entity.listed and len(spellings) == 1:
            surname = spellings.pop()
            if has_marks(surname) and fold(surname) == c.key[0]:
                entity.canonical = (surname,)
                names = sorted(entities[id(p)].text for p in people)
                entity.note = f"the surname of {len(names)} people here: " + ", ".join(names)
    return list(entities.values())


def _old_hinted(form: Form) -> bool:
    return not has_marks(form.text) and any(
        morphology.ending_hint(w) is not None for w in form.words)


def _seen(entities: list[Entity]) -> list:
    return [(e.canonical, e.listed, e.note, e.head.key, [f.words for f in e.head.forms],
             [(f.words, r) for f, r in e.members]) for e in entities]


def _shuffled(table: MentionTable, seed: int) -> MentionTable:
    """The same forms, put in the table in another order."""
    items = list(table.forms.items())
    random.Random(seed).shuffle(items)
    return MentionTable(table.limit, dict(items), table.files)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, names=lists, odd=odd_skeletons, seed=st.integers(0, 99),
       lone=st.sampled_from(["none", "hinted", "even"]))
def test_group_gives_what_it_gave(texts, names, odd, seed, lone):
    """The same entities in the same order, whatever order the table holds its spellings."""
    test = {"none": None, "hinted": consistency._hinted,
            "even": lambda form: len(form.text) % 2 == 0}[lone]
    table = MentionTable.of(_mentions(texts))
    expected = _seen(_old_group(table, _listed(names, odd), test))
    assert _seen(group(table, _listed(names, odd), test)) == expected
    assert _seen(group(_shuffled(table, seed), _listed(names, odd), test)) == expected


SPELLINGS = sorted({tuple(name.split()) for name in NAMES}
                   | {(word,) for name in NAMES for word in name.split()})


@settings(max_examples=300, deadline=None)
@given(names=lists, odd=odd_skeletons)
def test_the_plain_test_is_the_old_one(names, odd):
    """On every spelling of the pool, whatever the names lists."""
    listed = _listed(names, odd)
    plain = grouping._plain_test(listed)
    for words in SPELLINGS:
        key = tuple(map(fold, words))
        assert plain(key, Form(words)) == _old_plain(key, Form(words), listed), words


# -- the word facts --------------------------------------------------------------------

words = st.text(st.sampled_from("aAbcCdeEhiIjklmnoprsStuUvwxyzZšėąčūžŁłńÖßæĲİıſK’'-"),
                min_size=1, max_size=14)


@settings(max_examples=400)
@given(words)
def test_a_words_skeleton_is_its_folds(word):
    assert skeleton(fold(word)) == skeleton(word)


@settings(max_examples=400)
@given(words)
def test_an_ascii_words_fold_is_its_lower_case(word):
    if word.isascii():
        assert fold(word) == word.lower()


@settings(max_examples=400)
@given(st.one_of(words, st.sampled_from(["Grunskiene", "Paskevicius", "Kazlauskaite",
                                         "Šimonyte", "Grunskienė", "Tribute", "Minute"])),
       st.lists(st.sampled_from(["Ona", "Šimonyte", "Petraitiene", "Budrys"]), max_size=2))
def test_hinted_is_the_old_test(word, before):
    form = Form((*before, word))
    assert consistency._hinted(form) == _old_hinted(form)
    assert consistency._hinted(Form((word,))) == _old_hinted(Form((word,)))
