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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from .entities import Form, Mention, MentionTable
from .langid import _zipf
from .text import fold
from .translit import has_marks, marks_count, skeleton

# Languages whose word lists tell a real given name ("Irena") from a garbled one ("Decali").
# (Each list costs ~0.2 s to load, so only the languages of most names in European news.)
ATTESTING = ("en", "lt", "lv", "pl", "cs", "de", "fr", "es", "it")
ATTESTED_ZIPF = 1.5
GIVEN_SIMILARITY = 0.7
LONG_SURNAME = 6  # an unmarked surname this long may be matched through transliteration

Key = tuple[str, ...]


@dataclass(eq=False)
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


@dataclass
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
    """Names from names rule files, indexed by folded and skeleton keys."""

    full: dict[Key, tuple[str, str]] = field(default_factory=dict)  # key -> (name, code)
    skel: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, name: str, code: str, person: bool) -> None:
        words = name.split()
        key = tuple(map(fold, words))
        self.full[key] = (name, code)  # a later list wins
        if person and len(words) > 1:  # a sound-alike of one word is too weak a match
            self.skel[tuple(map(skeleton, words))].add(name)
            self.surname[key[-1]].add(name)

    def current(self, names: Iterable[str]) -> list[str]:
        """`names` less those a later list replaced."""
        return [n for n in names
                if self.full.get(tuple(fold(w) for w in n.split()), ("",))[0] == n]

    def code_of(self, name: str) -> str:
        return self.full[tuple(fold(w) for w in name.split())][1]


def attested(word: str) -> bool:
    """A real word or name in some language's word list."""
    low = word.lower()
    return any(_zipf(low, lang) >= ATTESTED_ZIPF for lang in ATTESTING)


def group(mentions: MentionTable | Iterable[Mention], listed: Listed) -> list[Entity]:
    """The entities of a folder's mentions (a table, or mentions of any documents)."""
    table = mentions if isinstance(mentions, MentionTable) else MentionTable.of(mentions)
    forms = table.forms
    base: dict[Key, Cluster] = {}
    for words in sorted(forms):
        key = tuple(fold(w) for w in words)
        base.setdefault(key, Cluster(key, [])).forms.append(forms[words])
    multi = [c for c in base.values() if len(c.key) > 1]
    single = [c for c in base.values() if len(c.key) == 1]
    _reversed(multi, base, listed)
    _by_skeleton([c for c in multi if c.head is None], listed)
    _garbled([c for c in multi if c.head is None], listed)
    heads = [c for c in multi if c.head is None]
    shared = _surnames(single, heads)
    _by_skeleton([c for c in single if c.head is None], listed)
    entities = {id(c): _entity(c, listed) for c in base.values() if c.head is None}
    for c, people in shared.items():  # a surname several people share, spelt one way
        spellings = {entities[id(p)].canonical[-1] for p in people}
        entity = entities.get(id(c))
        if entity is not None and not entity.listed and len(spellings) == 1:
            surname = spellings.pop()
            if has_marks(surname) and fold(surname) == c.key[0]:
                entity.canonical = (surname,)
                names = sorted(entities[id(p)].text for p in people)
                entity.note = f"the surname of {len(names)} people here: " + ", ".join(names)
    return list(entities.values())


def _reversed(multi: list[Cluster], base: dict[Key, Cluster], listed: Listed) -> None:
    for c in multi:
        if len(c.key) != 2 or c.head is not None:
            continue
        other = base.get((c.key[1], c.key[0]))
        if other is None or other is c or other.head is not None:
            continue
        if c.key in listed.full:
            continue
        if other.key in listed.full or other.count > c.count:
            other.join(c, "reversed")


def _by_skeleton(clusters: list[Cluster], listed: Listed) -> None:
    buckets: dict[Key, list[Cluster]] = defaultdict(list)
    for c in clusters:
        buckets[tuple(skeleton(w) for w in c.forms[0].words)].append(c)
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        ranked = sorted(bucket, key=lambda c: (c.key in listed.full, c.marked, c.count, c.key),
                        reverse=True)
        head = ranked[0]
        if not (head.marked or head.key in listed.full or len(head.key) > 1):
            continue  # one word and no evidence which spelling is right: "Smyth", "Smith"
        for c in ranked[1:]:
            head.join(c, "transliterated")


def _garbled(heads: list[Cluster], listed: Listed) -> None:
    given_count: dict[str, int] = defaultdict(int)
    for c in heads:
        for word in c.key[:-1]:
            given_count[word] += 1
    for key in listed.full:  # a listed person's given name is a real one
        for word in key[:-1]:
            given_count[word] += 2
    buckets: dict[tuple[int, str], list[Cluster]] = defaultdict(list)
    for c in heads:
        buckets[(len(c.key), skeleton(c.key[-1]))].append(c)
    for bucket in buckets.values():
        for c in sorted(bucket, key=lambda c: (c.count, c.key)):
            targets = [t for t in bucket if t is not c and t.head is None and c.head is None
                       and (t.count > c.count or t.key in listed.full) and c.key not in listed.full
                       and _garbled_given(c, t, given_count)]
            if len(targets) == 1:
                targets[0].join(c, "garbled")


def _garbled_given(c: Cluster, target: Cluster, given_count: dict[str, int]) -> bool:
    words = c.forms[0].words
    differing = [i for i in range(len(c.key) - 1) if c.key[i] != target.key[i]]
    if not differing:
        return False
    for i in differing:  # cheap tests first: attestation loads word lists
        odd, good = c.key[i], target.key[i]
        if given_count[odd] > 1:
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
        targets = {id(t): t for t in by_fold.get(c.key[0], []) + by_skel.get(
            skeleton(c.key[0]), [])}
        if len(targets) == 1:
            next(iter(targets.values())).join(c, "surname")
        elif targets:
            shared[c] = list(targets.values())
    return shared


def _entity(head: Cluster, listed: Listed) -> Entity:
    canonical, code = _canonical(head, listed)
    members: list[tuple[Form, str]] = []
    stack = [(head, "same")]
    while stack:
        cluster, relation = stack.pop()
        members.extend((f, relation) for f in cluster.forms)
        stack.extend((j, j.relation if relation == "same" else relation) for j in cluster.joined)
    members.sort(key=lambda fr: (-fr[0].count, fr[0].words))
    return Entity(canonical, code, head, members)


def _canonical(head: Cluster, listed: Listed) -> tuple[tuple[str, ...], str | None]:
    hit = listed.full.get(head.key)
    if hit is not None:
        return tuple(hit[0].split()), hit[1]
    words = head.forms[0].words
    if not head.marked:  # a listed name seen through transliteration, or its surname
        found: dict[tuple[str, ...], str] = {}
        for name in listed.current(listed.skel.get(tuple(skeleton(w) for w in words), ())):
            found[tuple(name.split())] = name
        if len(words) == 1:
            for name in listed.current(listed.surname.get(head.key[0], ())):
                found[(name.split()[-1],)] = name
        if len(found) == 1:
            canonical, name = next(iter(found.items()))
            return canonical, listed.code_of(name)
    best = max(head.forms, key=lambda f: (has_marks(f.text), f.count, marks_count(f.text),
                                          f.words))
    return best.words, None
