"""Group a folder's name mentions into entities and choose each one's canonical form.

Same entity, in the order the steps run:

1. the same words up to diacritics ("Dovile Sakaliene" / "Dovilė Šakalienė");
2. two words in reversed order, when the other order is more frequent or
   listed ("Budrys Kestutis");
3. the same transliteration skeleton (`translit.skeleton`), but only toward
   a spelling with diacritics or a listed name: without that evidence
   "Smyth" and "Smith" are two people;
4. a garbled given name before the same surname ("Decali Šakalienė"): the
   odd given name is attested in no language wordfreq knows, is no given
   name of anyone else in the folder nor of a listed name, is close to the
   other given name (Jaro-Winkler >= 0.7 or the same initial), the other
   spelling is more frequent (or listed), and there is exactly one such
   other person. Two real given names ("Ingrida" and "Irena Šimonytė") are
   two people, never one;
5. a surname alone, when exactly one person in the folder has it.

Canonical form: a listed name (names rule files; later files win, so a
newsroom's --rules list beats the shipped lists), else the most frequent
spelling with diacritics, else the most frequent spelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter

from rapidfuzz.distance import JaroWinkler

from .attested import attested
from .attested import keep as keep_attested
from .entities import Form, Mention, MentionTable
from .gazetteer import is_town
from .langid import zipf
from .text import fold
from .translit import has_marks, marks_count, skeleton

GIVEN_SIMILARITY = 0.7
LONG_SURNAME = 6  # an unmarked surname this long may be matched through transliteration
# a word whose plural is at least this frequent (zipf), and no more than PLURAL_MARGIN
# rarer than the word itself, is a noun for people ("Briton", "Britons"), not a surname
PLURAL_ZIPF = 2.0
PLURAL_MARGIN = 0.5

Key = tuple[str, ...]
_US = "\x1f"  # joins a key's words (see Listed)
_WORDS = attrgetter("words")


@dataclass(eq=False, slots=True)
class Cluster:
    key: Key  # folded words
    forms: list[Form]
    relation: str = "same"  # how this cluster relates to its head
    joined: list[Cluster] = field(default_factory=list)
    head: Cluster | None = None

    @property
    def count(self) -> int:
        return sum(f.count for f in self.forms)

    @property
    def marked(self) -> bool:
        return any(has_marks(f.text) for f in self.forms)

    def join(self, other: Cluster, relation: str) -> None:
        other.head, other.relation = self, relation
        self.joined.append(other)


@dataclass(slots=True)
class Entity:
    canonical: tuple[str, ...]
    listed: str | None  # the code of the names rule that lists it, if any
    head: Cluster
    members: list[tuple[Form, str]]  # every form with its relation to the canonical
    note: str = ""  # evidence found elsewhere (a surname shared by several people)

    @property
    def text(self) -> str:
        return " ".join(self.canonical)


@dataclass
class Listed:
    """Names from names rule files, indexed by folded and skeleton keys.

    `full` maps a name's folded words, joined by US (0x1F: whitespace to
    str.split, so in no word, and in no fold), to the name and its rule's code,
    joined by US: strings, which a cached index (consistency.listed_names)
    reads back quickly."""

    full: dict[str, str] = field(default_factory=dict)  # key -> name US code
    skel: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    given: set[str] = field(default_factory=set)  # every folded word before a listed surname

    def add(self, name: str, code: str, person: bool) -> None:
        words = name.split()
        key = tuple(map(fold, words))
        self.full[_US.join(key)] = f"{name}{_US}{code}"  # a later list wins
        self.given.update(key[:-1])
        if person and len(words) > 1:  # a sound-alike of one word is too weak a match
            self.skel[tuple(map(skeleton, words))].add(name)
            self.surname[key[-1]].add(name)

    def __contains__(self, key: Key) -> bool:
        return _US.join(key) in self.full

    def get(self, key: Key) -> tuple[str, str] | None:
        """The listed name with these folded words and its rule's code."""
        found = self.full.get(_US.join(key))
        if found is None:
            return None
        name, code = found.rsplit(_US, 1)
        return name, code

    def current(self, names: Iterable[str]) -> list[str]:
        """`names` less those a later list replaced."""
        return [n for n in names
                if (self.get(tuple(fold(w) for w in n.split())) or ("",))[0] == n]

    def code_of(self, name: str) -> str:
        return self.full[_US.join(fold(w) for w in name.split())].rsplit(_US, 1)[1]

    def plain(self) -> tuple:
        """The indexes as plain values (marshal keeps them: see consistency.listed_names)."""
        return (self.full, dict(self.skel), dict(self.surname), self.given)

    @classmethod
    def from_plain(cls, plain: tuple) -> Listed:
        full, skel, surname, given = plain
        return cls(full, defaultdict(set, skel), defaultdict(set, surname), given)




def group(mentions: MentionTable | Iterable[Mention], listed: Listed,
          lone: Callable[[Form], bool] | None = None) -> list[Entity]:
    """The entities of a folder's mentions (a table, or mentions of any documents).

    Most spellings are alone: no other spelling shares their fold key, their
    skeleton or their surname, so no step can join them to another (`_joinable`
    finds the others, which alone go through the steps). A lone spelling is an
    entity of its own; `lone(form)` says which of those whose canonical form is
    their own spelling, not a listed name, to return (all of them when None).
    """
    table = mentions if isinstance(mentions, MentionTable) else MentionTable.of(mentions)
    forms = table.forms
    first: dict[Key, Form] = {}  # fold key -> its first spelling (in sorted order)
    more: dict[Key, list[Form]] = {}  # fold key -> its other spellings, if any
    key: Key
    for words, form in forms.items():
        if len(words) == 1 and words[0].isascii():  # most spellings: fold() is lower()
            key = (words[0].lower(),)
        else:
            key = tuple(map(fold, words))
        if key in first:
            more.setdefault(key, []).append(form)
        else:
            first[key] = form
    for key, others in more.items():  # the spellings of one key in order: the least first
        spellings = sorted([first[key], *others], key=_WORDS)
        first[key], more[key] = spellings[0], spellings[1:]
    joinable = _joinable(first, more)
    base = {key: Cluster(key, [first[key], *more.get(key, ())])
            for key in sorted(joinable, key=lambda key: first[key].words)}
    multi = [c for c in base.values() if len(c.key) > 1]
    single = [c for c in base.values() if len(c.key) == 1]
    _reversed(multi, base, listed)
    _by_skeleton([c for c in multi if c.head is None], listed)
    given = _given_counts(key for key in first if len(key) > 1 and key not in joinable)
    _garbled([c for c in multi if c.head is None], listed, given)
    heads = [c for c in multi if c.head is None]
    shared = _surnames(single, heads)
    _by_skeleton([c for c in single if c.head is None], listed)
    entities: dict[int, Entity] = {}
    plain = _plain_test(listed) if lone is not None else None
    for key, form in first.items():
        c = base.get(key)
        if c is None:  # alone: its own canonical spelling, unless a listed name
            if lone is None or plain is None or not plain(key, form) or lone(form):
                c = Cluster(key, [form])
                entities[id(c)] = _entity(c, listed)
        elif c.head is None:
            entities[id(c)] = _entity(c, listed)
    for c, people in shared.items():  # a surname several people share, spelt one way
        surnames = {entities[id(p)].canonical[-1] for p in people}
        entity = entities.get(id(c))
        if entity is not None and not entity.listed and len(surnames) == 1:
            surname = surnames.pop()
            if has_marks(surname) and fold(surname) == c.key[0]:
                entity.canonical = (surname,)
                names = sorted(entities[id(p)].text for p in people)
                entity.note = f"the surname of {len(names)} people here: " + ", ".join(names)
    keep_attested()
    # in the order of their first spellings (the steps' order, whatever the table's)
    return sorted(entities.values(), key=lambda e: e.head.forms[0].words)


def _joinable(first: dict[Key, Form], more: dict[Key, list[Form]]) -> set[Key]:
    """The fold keys that some step may join to another (or another to them): a key
    of several spellings; two words whose reversed order is a key too; keys of as
    many words with the same skeleton of the last word (which `_by_skeleton` and
    `_garbled` need); one word with the skeleton of another one-word key, or that
    is (up to its skeleton) the last word of a longer key. A superset: the steps
    decide on these."""
    # the skeleton of each key's last word (a word's skeleton is its fold's); the
    # counting and the look-ups are done by Counter and set operations, not per key
    keys = list(first)
    skels = list(map(skeleton, [key[-1] for key in keys]))
    one = [len(key) == 1 for key in keys]
    many = [not o for o in one]
    singles, single_skels = list(compress(keys, one)), list(compress(skels, one))
    multis, multi_skels = list(compress(keys, many)), list(compress(skels, many))
    single_words = {key[0] for key in singles}
    multi_words = {key[-1] for key in multis}
    # (words, skeleton of the last word) of several longer keys; skeletons that a
    # one-word key shares with another key
    buckets = Counter(zip(map(len, multis), multi_skels))
    shared = {b for b, n in buckets.items() if n > 1}
    doubled = {k for k, n in Counter(single_skels).items() if n > 1} | set(multi_skels)
    lone_skels = set(single_skels)
    out = set(more)
    out.update(key for key in multis if len(key) == 2 and key[0] != key[1]
               and (key[1], key[0]) in first)
    out.update(key for key, skel in zip(multis, multi_skels)
               if key[-1] in single_words or skel in lone_skels
               or (len(key), skel) in shared)
    out.update(key for key, skel in zip(singles, single_skels)
               if skel in doubled or key[0] in multi_words)
    return out


def _plain_test(listed: Listed) -> Callable[[Key, Form], bool]:
    """Whether the entity of a lone spelling is the spelling itself, not listed: no
    listed name has its key, nor (`_canonical`) its skeleton or, for one word, its
    surname (a quick, exact test: nothing to build for most spellings). A key's
    skeletons are looked up only when some listed name has as many words and the
    skeleton of its last word."""
    full, skel, surname = listed.full, listed.skel, listed.surname
    if not (skel or surname):
        return lambda key, form: _US.join(key) not in full
    lengths = {len(k) for k in skel}
    lasts = {k[-1] for k in skel}

    def plain(key: Key, form: Form) -> bool:
        if len(key) == 1:  # most spellings: one word, its key the folded word
            if key[0] in full:
                return False
            word = form.words[0]
            if not word.isascii() and has_marks(word):
                return True
            if 1 in lengths and skel.get((skeleton(word),)):
                return False
            return not surname.get(key[0])
        if _US.join(key) in full:
            return False
        words = form.words
        if has_marks(" ".join(words)):
            return True
        return not (len(words) in lengths and skeleton(key[-1]) in lasts
                    and skel.get(tuple(map(skeleton, words))))

    return plain


def _given_counts(keys: Iterable[Key]) -> dict[str, int]:
    """How many of `keys` have each word before the last (a given name)."""
    counts: dict[str, int] = {}
    for key in keys:
        for word in key[:-1]:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _reversed(multi: list[Cluster], base: dict[Key, Cluster], listed: Listed) -> None:
    for c in multi:
        if len(c.key) != 2 or c.head is not None:
            continue
        other = base.get((c.key[1], c.key[0]))
        if other is None or other is c or other.head is not None:
            continue
        if c.key in listed:
            continue
        if other.key in listed or other.count > c.count:
            other.join(c, "reversed")


def _by_skeleton(clusters: list[Cluster], listed: Listed) -> None:
    buckets: dict[Key, list[Cluster]] = defaultdict(list)
    for c in clusters:
        buckets[tuple(skeleton(w) for w in c.forms[0].words)].append(c)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        ranked = sorted(bucket, key=lambda c: (c.key in listed, c.marked, c.count, c.key),
                        reverse=True)
        head = ranked[0]
        if not (head.marked or head.key in listed or len(head.key) > 1):
            continue  # one word and no evidence which spelling is right: "Smyth", "Smith"
        for c in ranked[1:]:
            head.join(c, "transliterated")


def _garbled(heads: list[Cluster], listed: Listed, others: dict[str, int]) -> None:
    """`others`: the given names of the heads not in `heads` (those nothing can join)."""
    given_count: dict[str, int] = defaultdict(int, others)
    for c in heads:
        for word in c.key[:-1]:
            given_count[word] += 1
    buckets: dict[tuple[int, str], list[Cluster]] = defaultdict(list)
    for c in heads:
        buckets[(len(c.key), skeleton(c.key[-1]))].append(c)
    for bucket in buckets.values():
        for c in sorted(bucket, key=lambda c: (c.count, c.key)):
            targets = [t for t in bucket if t is not c and t.head is None and c.head is None
                       and (t.count > c.count or t.key in listed) and c.key not in listed
                       and _garbled_given(c, t, given_count, listed.given)]
            if len(targets) == 1:
                targets[0].join(c, "garbled")


def _garbled_given(c: Cluster, target: Cluster, given_count: dict[str, int],
                   listed_given: set[str]) -> bool:
    words = c.forms[0].words
    differing = [i for i in range(len(c.key) - 1) if c.key[i] != target.key[i]]
    if not differing:
        return False
    for i in differing:  # cheap tests first: attestation loads word lists
        odd, good = c.key[i], target.key[i]
        if given_count[odd] > 1 or odd in listed_given:  # a listed person's given name is real
            return False
        if JaroWinkler.similarity(odd, good) < GIVEN_SIMILARITY and odd[:1] != good[:1]:
            return False
    return not any(attested(words[i]) for i in differing)


def _surnames(single: list[Cluster], heads: list[Cluster]) -> dict[Cluster, list[Cluster]]:
    """Join each lone surname to the one person who has it; return the shared ones."""
    by_fold: dict[str, list[Cluster]] = defaultdict(list)
    by_skel: dict[str, list[Cluster]] = defaultdict(list)
    for h in heads:
        by_fold[h.key[-1]].append(h)
        if any(has_marks(f.words[-1]) for f in h.forms) or len(h.key[-1]) >= LONG_SURNAME:
            by_skel[skeleton(h.key[-1])].append(h)
    shared: dict[Cluster, list[Cluster]] = {}
    for c in single:
        word = c.key[0]
        alike = [t for t in by_skel.get(skeleton(word), ()) if t.key[-1] != word]
        if alike:
            alike = [t for t in alike if _surname_variant(c, t)]
        targets = {id(t): t for t in by_fold.get(word, []) + alike}
        if len(targets) == 1:
            next(iter(targets.values())).join(c, "surname")
        elif targets:
            shared[c] = list(targets.values())
    return shared


def _surname_variant(c: Cluster, person: Cluster) -> bool:
    """Whether the one word of `c` may be another spelling of the surname of `person`
    (their skeletons agree, their folded forms do not): not a place ("Arese"
    beside "Jordi Arrese") nor a noun for people ("Briton" beside "Fionnualla
    Britton"), which are words in their own right."""
    return not (is_town(c.forms[0].words[0]) or _people_noun(c.key[0]))


def _people_noun(word: str) -> bool:
    """A noun for people ("Briton", "Kurd"): its plural about as frequent in English
    as itself, where a surname's plural ("Smiths") is far rarer than the surname."""
    plural = zipf(word + "s", "en")
    return plural >= PLURAL_ZIPF and plural >= zipf(word, "en") - PLURAL_MARGIN


def _entity(head: Cluster, listed: Listed) -> Entity:
    canonical, code = _canonical(head, listed)
    members: list[tuple[Form, str]] = []
    stack = [(head, "same")]
    while stack:
        cluster, relation = stack.pop()
        members.extend((f, relation) for f in cluster.forms)
        stack.extend((j, j.relation if relation == "same" else relation) for j in cluster.joined)
    members.sort(key=lambda fr: (-fr[0].count, fr[0].words))
    if code is None and len(canonical) > 1:
        canonical = canonical[:-1] + (_surname_spelling(canonical, members),)
    return Entity(canonical, code, head, members)


def _surname_spelling(canonical: tuple[str, ...], members: list[tuple[Form, str]]) -> str:
    """The surname of a person not listed as most of the folder spells it, alone or
    after a given name: the folder's choice between transliterations ("Ioannidis"
    ten times beside "Grigoris Ioanidis" once), diacritics first as for the
    whole name."""
    counts: Counter[str] = Counter()
    for form, relation in members:
        if relation == "surname" or (len(form.words) == len(canonical) and relation != "reversed"):
            counts[form.words[-1]] += form.count
    ours = canonical[-1]
    best = max(counts, key=lambda w: (has_marks(w), counts[w], w == ours))
    if (has_marks(best), counts[best]) > (has_marks(ours), counts[ours]):
        return best
    return ours


def _canonical(head: Cluster, listed: Listed) -> tuple[tuple[str, ...], str | None]:
    hit = listed.get(head.key)
    if hit is not None:
        return tuple(hit[0].split()), hit[1]
    words = head.forms[0].words
    if (listed.skel or listed.surname) and not head.marked:
        # a listed name seen through transliteration, or its surname
        found: dict[tuple[str, ...], str] = {}
        if listed.skel:
            for name in listed.current(listed.skel.get(tuple(map(skeleton, words)), ())):
                found[tuple(name.split())] = name
        if len(words) == 1:
            for name in listed.current(listed.surname.get(head.key[0], ())):
                found[(name.split()[-1],)] = name
        if len(found) == 1:
            canonical, name = next(iter(found.items()))
            return canonical, listed.code_of(name)
    if len(head.forms) == 1:
        return head.forms[0].words, None
    best = max(head.forms, key=lambda f: (has_marks(f.text), f.count, marks_count(f.text),
                                          f.words))
    return best.words, None
