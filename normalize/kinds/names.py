"""names: canonical names of people, places, organisations, weapon types.

List each name once, in its correct form; the kind derives the variants a
translation produces, nobody lists them by hand:

- diacritics dropped, wholly or partly ("Kestutis Budrys", "Dovile Šakalienė"),
  found by comparing unidecode-folded words;
- reversed order ("Budrys Kestutis");
- the surname alone ("Sakaliene"), possessives included ("Sakaliene's"),
  but not where it is another person's: right after another given name
  ("Ludovic Orban" is not Viktor Orbán) or before a name of its own, where
  it is a given name ("Babis Kostoulas"). A capitalised word right before
  the surname is taken for a given name unless it is one of the rule's
  `titles` (without any: an ordinary English word), a function word
  ("The Orban government"), an acronym, a nationality or a place;
- a garbled given name before a known surname ("Decali Šakalienė"): a
  capitalised word that is not an English word, not a given name of another
  listed person, and close to the listed given name (rapidfuzz Jaro-Winkler,
  or the same initial), and not a short form of it that the rule lists
  (`short_forms`: "Radek" for "Radosław").

Rule-file syntax (besides the common keys):

    kind = "names"
    category = "person"        # person | place | organisation | thing
    names = ["Kęstutis Budrys", "Dovilė Šakalienė", ...]
    min_similarity = 0.7       # Jaro-Winkler of a garbled given name, unless
                               # it has the same initial letter
    titles = ["president", "minister", "mr", ...]   # (people) words that may
                               # stand right before a listed surname alone
    short_forms = { "Radosław" = ["Radek"] }   # (people) real short forms of
                               # a listed given name: not garbled

The message may use {problem} (what is wrong) besides {text}/{replacement}.

How it matches: the text is cut into Unicode words (combining marks and
hyphenated parts stay inside a word, so "@BudrysKestutis" and NFD text
are handled); words are looked up by their folded form in an index built
once at load, so a long list costs no more per word than a short one.
Only capitalised words are considered, found with one regex that stops only
at capitals (normalize.capitals, shared with the mention table); a document
none of whose capitalised words is a first word or a surname of the list is
passed over at once (one look per document for all the names rules, in the
union of their first words and surnames), and in the others only the words
whose folded form is a first word or a surname (and the word before a surname)
are looked at. Where those are only first words of longer names, the text is
first searched for the second words that go on from them. From
a first word, the words after it are followed only while they begin a listed
name; in a list of places a one-word name written as listed, which no longer
name starts with, is not looked at.

Fix safety: restoring the exact diacritics of a listed name is safe (capped
by the rule's `applicability`); reversed order and garbled given names are
unsafe. A surname alone is safe only where the document names the listed
person in full and nobody else of that surname: otherwise the word may be
another person, a company or a word ("Braze"), and the fix is unsafe. A
surname shared by several listed names is display-only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress
from typing import Any, NamedTuple, cast

from rapidfuzz.distance import JaroWinkler

from .. import gazetteer
from ..capitals import ascii_words, capitalised_texts, scan, starts_of, starts_word
from ..document import Document
from ..langid import zipf
from ..loading import one_time_load
from ..mentions import FUNCTION_WORDS, is_demonym
from ..model import Applicability, Finding
from ..namelists import BadList, index, index_key
from ..rulecache import ANALYSIS
from ..text import WORD_RE, Token, fold, has_diacritics, match_case
from .base import FieldSpec, Rule

_ENGLISH_WORD = 3.0  # zipf frequency from which a word is ordinary English
_LETTER = re.compile(r"[^\W\d_]")  # what starts a word (text.WORD_RE)
_SECONDS_LOOKED_FOR = 8  # second words _may_find looks for in a text, at most
_NEXT = re.compile(rf"\s+({WORD_RE.pattern})")  # blanks, then the next word


class NameEntry(NamedTuple):  # a tuple: cheap to build a hundred thousand of
    canonical: str
    words: tuple[str, ...]
    folded: tuple[str, ...]


def _cap(*levels: Applicability) -> Applicability:
    return max(levels, key=lambda a: a.rank)


class NamesRule(Rule):
    KIND = "names"
    PLACEHOLDERS = ("problem",)
    FIELDS = {
        "names": FieldSpec("list[str]", required=True),
        "category": FieldSpec(
            "str", default="person", choices=("person", "place", "organisation", "thing")
        ),
        "min_similarity": FieldSpec("float", default=0.7),
        "titles": FieldSpec("list[str]", default=[]),
        "short_forms": FieldSpec("table[str]", default={}),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        # every index is a dict keyed on folded words: a lookup costs the same for a
        # list of ten names or of a hundred thousand. Folding a long list is slow:
        # the indexes are worked out once per list and kept with the analysed rule
        # folder (normalize.rulecache), as plain values; here they are only rebuilt.
        names = options["names"]
        try:
            plain = ANALYSIS.answer(index_key(names), lambda: index(names))
        except BadList as exc:
            raise self.error("names", str(exc)) from None
        entries, full, lengths, by_last, given, surnames = plain
        listed = list(map(NameEntry._make, entries))
        self.full: dict[tuple[str, ...], NameEntry] = {  # folded words -> entry
            k: listed[i] for k, i in full.items()}
        self.lengths: dict[str, tuple[int, ...]] = dict(lengths)  # first folded word -> lengths
        self.by_last: dict[str, list[NameEntry]] = {
            k: [listed[i] for i in found] for k, found in by_last.items()}
        self.given: set[str] = set(given)
        self.surnames = dict(surnames)
        self.is_person = options["category"] == "person"
        # words that may stand before a surname alone (folded); a given name's short forms
        self.titles = frozenset(fold(t).lower() for t in options["titles"])
        self.short_forms: dict[str, frozenset[str]] = {
            fold(given).lower(): frozenset(fold(f).lower() for f in (
                [forms] if isinstance(forms, str) else forms))
            for given, forms in options["short_forms"].items()}
        self._triggers: frozenset[str] | None = None
        self._safe = _cap(Applicability.SAFE, self.meta.applicability)  # (fix levels)
        self._unsafe = _cap(Applicability.UNSAFE, self.meta.applicability)

    def keys(self) -> set[tuple[str, ...]]:
        """The folded form of every listed name."""
        return set(self.full)

    def forget(self, keys: set[tuple[str, ...]]) -> None:
        """Drop the listed names whose folded form is in `keys` (another list wins)."""
        gone = keys & set(self.full)
        for folded in gone:
            del self.full[folded]
        for last in {k[-1] for k in gone}:
            self.by_last[last] = [e for e in self.by_last[last] if e.folded not in gone]
            if not self.by_last[last]:
                del self.by_last[last]
        self.surnames = _surname_forms(self.by_last)

    def check(self, doc: Document) -> Iterable[Finding]:
        if self._triggers is None:
            self._prepare()
        triggers = cast("frozenset[str]", self._triggers)  # set by _prepare
        # one look per document for every names rule: the capitalised words whose
        # folded form is a trigger of any rule (usually none); then this rule's own.
        # A place written as listed, whose folded form starts no longer name, is
        # passed over: _at finds nothing there.
        hits = _hits(doc.text)
        if hits is None or hits.keys.isdisjoint(triggers):
            return ()
        key_of = {word: key for word, key in hits.pairs if key in triggers}
        if not key_of or not self._may_find(doc.text, key_of):
            return ()  # no capitalised word is a first word or a surname (by_last <= triggers)
        return self._check(doc, key_of)

    def _may_find(self, text: str, key_of: dict[str, str]) -> bool:
        """False where _check can find nothing: its words (`key_of`) are only first
        words of listed names (in a list of people: none is a surname, so neither
        a name in reversed order, nor a garbled given name before a capitalised
        surname, nor a surname alone can be there), none a one-word name other
        than a place written as listed, and the text holds none of the second
        words that go on from them. A second word comes after blanks; a text whose
        words are all ASCII holds a word of folded form `s` only where its lower
        case holds `s` (after blanks, then)."""
        if self.is_person and not self.by_last.keys().isdisjoint(key_of.values()):
            return True
        seconds: set[str] = set()
        for word, key in key_of.items():
            if word in self._as_listed:  # (places) _check passes it over
                continue
            second = self._second.get(key)
            if second is None or 1 in self.lengths.get(key, (1,)):
                return True
            seconds |= second
        if not seconds:
            return False
        if len(seconds) > _SECONDS_LOOKED_FOR:  # (as in a long list: _check is quicker)
            return True
        if not ascii_words(text):
            return True
        lowered = text.lower()
        return any(_after_blank(lowered, s) for s in seconds)

    def _check(self, doc: Document, key_of: dict[str, str]) -> Iterator[Finding]:
        """The findings in a document, given its capitalised words whose folded form
        is one of the rule's triggers (`key_of`: word -> folded form)."""
        text = doc.text
        last = self.by_last if self.is_person else {}
        # The words _at may be called at: a trigger, or a word right before a surname
        # (then only when no lower-case word lies between them), each with where the
        # surname after it starts (None for a trigger). Found among the capital
        # pattern's matches, which are every capitalised word and perhaps a few word
        # ends ('Bay' of 'eBay': passed over), by their text: the work follows the
        # candidates, not the words. Without surnames, only the triggers' offsets
        # are worked out (capitals.starts_of), not every match's.
        firsts = key_of.keys() - self._as_listed
        lasts = {word for word, key in key_of.items() if key in last}  # (by_last <= triggers)
        places: list[tuple[int, str, int | None]]
        if lasts:
            words, starts, _ = scan(text)
            at = [i for i in compress(range(len(words)), map(firsts.__contains__, words))
                  if starts_word(text, starts[i])]
            before: dict[int, int] = {}  # the word before a surname -> the surname
            for j in compress(range(len(words)), map(lasts.__contains__, words)):
                i = j - 1
                while i >= 0 and not starts_word(text, starts[i]):
                    i -= 1
                if i >= 0 and starts_word(text, starts[j]):
                    before[i] = j
            places = [(starts[i], words[i], starts[before[i]] if i in before else None)
                      for i in sorted(set(at).union(before))]
        else:
            places = [(p, word, None) for p, word in starts_of(text, firsts)]
        resume = 0  # _at steps over a whole name it has matched
        for start, text_of, surname in places:
            if start < resume:
                continue
            word = Token(text_of, start, start + len(text_of))
            key = key_of.get(text_of)  # a trigger's, else the word is before a surname
            if key is not None or (surname is not None and _next_to(text, word.end, surname)):
                resume, finding = self._at(doc, word, key or fold(text_of))
                if finding is not None:
                    yield finding

    @one_time_load
    def _prepare(self) -> None:
        """What check() works out once per rule, from the indexes as they are then
        (forget() only removes names, so each stays a superset: still sound)."""
        # folded words at which _at can find something: a first word, and in a list
        # of people a surname (reversed order, alone) or a word before a surname
        # (garbled given name)
        self._triggers = frozenset(self.lengths) | (
            set(self.by_last) | set(self.surnames) if self.is_person else set())
        _TRIGGERS.update(self._triggers)
        _hits.cache_clear()
        # the first two folded words or more of each name of two words or more, and
        # first folded word -> the second folded words of those names
        longer = [k for k in self.full if len(k) > 1]
        self._starts = frozenset(k[:n] for k in longer for n in range(2, len(k) + 1))
        self._second: dict[str, set[str]] = {}
        for k in longer:
            self._second.setdefault(k[0], set()).add(k[1])
        # in a list of places, the words at which _at can find nothing: a one-word
        # name, written as listed (in capitals too: such a word is its own upper
        # case), that no longer name starts with
        self._as_listed = frozenset() if self.is_person else frozenset(
            entry.words[0] for (key, *more), entry in self.full.items()
            if not more and self.lengths.get(key) == (1,))

    # -- one position --------------------------------------------------------------

    def _at(self, doc: Document, word: Token, key: str) -> tuple[int, Finding | None]:
        """What the name starting at `word` is, and where the words it takes end."""
        lengths = self.lengths.get(key, ())
        if lengths == (1,) and not self.is_person:  # a one-word place, nothing else
            return word.end, self._restore(doc, [word], self.full.get((key,)))
        # the words right after it, as far as a listed name may go on, and in a list
        # of people the next word (steps 2-3)
        run, keys = _run(doc.text, word, key, self._starts, self.is_person)
        # 1. the whole name, perhaps without its diacritics
        for n in lengths:
            entry = self.full.get(keys[:n]) if n <= len(keys) else None
            if entry is not None:
                return run[n - 1].end, self._restore(doc, run[:n], entry)
        if not self.is_person:
            return word.end, None
        nxt = run[1] if len(run) > 1 else None  # the next word, if next to it
        # 2. surname first
        if nxt is not None:
            entry = self.full.get((keys[1], key))
            if (entry is not None and len(entry.words) == 2
                    and _name_after(doc.text, nxt.end) is None):  # "of Kaunas Robertas Kaunas"
                return nxt.end, self._name_finding(
                    doc, word, nxt, entry, "is in reversed order (surname first)")
        # 3. a garbled given name before a known surname
        if nxt is not None and nxt.text[0].isupper():
            entry = self._garbled_given(word.text, self.by_last.get(keys[1], ()))
            if entry is not None:
                return nxt.end, self._name_finding(
                    doc, word, nxt, entry, "looks like a garbled form of a known name")
        # 4. the surname alone
        forms = self.surnames.get(key)
        if forms and zipf(key, "en") < _ENGLISH_WORD:
            return word.end, self._surname(doc, word, list(forms))
        return word.end, None

    def _garbled_given(self, word: str, candidates: Any) -> NameEntry | None:
        folded = fold(word)
        if not candidates or folded in self.given or folded in self.lengths:
            return None
        if folded in self.by_last or zipf(folded, "en") >= _ENGLISH_WORD:
            return None
        best, best_score = None, 0.0
        for entry in candidates:
            if len(entry.words) < 2:
                continue
            given = entry.folded[-2]
            if folded in self.short_forms.get(given, ()):
                return None  # "Radek" for "Radosław": the name the person goes by
            score = JaroWinkler.similarity(folded, given)
            if score >= self.options["min_similarity"] or folded[:1] == given[:1]:
                if score > best_score:
                    best, best_score = entry, score
        return best

    # -- findings ------------------------------------------------------------------

    def _restore(self, doc: Document, run: list[Token], entry: NameEntry | None
                 ) -> Finding | None:
        if entry is None:  # (a name forget() dropped)
            return None
        # the listed words in place of those written, what separates them kept
        proposal = _spelled(run[0].text, entry.words[0])
        for before, word, right in zip(run, run[1:], entry.words[1:]):
            proposal += doc.text[before.end : word.start] + _spelled(word.text, right)
        start, end = run[0].start, run[-1].end
        written = doc.text[start:end]
        if proposal == written or _nfc(proposal) == _nfc(written):  # NFD text is not wrong
            return None
        problem, case_only = _problem(written, proposal)
        # "Šiauliai bank" may be a bank in Šiauliai, "Nato" a house style: an editor's call
        return self.finding(doc, start, end, proposal,
                            applicability=self._unsafe if case_only else self._safe,
                            problem=problem)

    def _name_finding(self, doc: Document, first: Token, second: Token, entry: NameEntry,
                      problem: str) -> Finding:
        # keep what separates the two words (a line break stays a line break)
        gap = doc.text[first.end : second.start]
        proposal = " ".join(entry.words[:-1]) + gap + entry.words[-1]
        return self.finding(doc, first.start, second.end, proposal,
                            applicability=self._unsafe,
                            problem=problem, data=[("canonical", entry.canonical)])

    def _surname(self, doc: Document, word: Token, forms: list[str]) -> Finding | None:
        proposals = [_spelled(word.text, f) for f in forms]
        if _nfc(word.text) in proposals:
            return None
        text = doc.text
        if _name_after(text, word.end) is not None:
            return None  # a given name of someone else: "Babis Kostoulas"
        before = _word_before(text, word.start)
        if before is not None and self._given_name(before):
            return None  # someone else of that surname: "Ludovic Orban"
        if len(proposals) == 1:
            key = fold(word.text)
            named, others = self._namesakes(text, key)
            if named and not others:
                return self.finding(doc, word.start, word.end, proposals[0],
                                    applicability=self._safe, problem="is missing diacritics")
            full = [e.canonical for e in self.by_last.get(key, ()) if len(e.words) > 1]
            return self.finding(doc, word.start, word.end, proposals[0],
                                applicability=self._unsafe,
                                problem=f"is missing diacritics if it names {full[0]}")
        return self.finding(doc, word.start, word.end, proposals[0],
                            applicability=Applicability.DISPLAY_ONLY,
                            problem="may be missing diacritics (several listed names fit)",
                            data=[("candidates", " | ".join(proposals))])

    def _given_name(self, word: str) -> bool:
        """Whether a capitalised word right before a surname is a given name (so the
        surname is that person's): not a title of the rule's `titles` (without any,
        not an ordinary English word), not a function word, an acronym ("PM"), a
        nationality ("Hungarian") or a place."""
        if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            return False
        low = fold(word).lower()
        if low in self.titles or low in FUNCTION_WORDS:
            return False
        if not self.titles and zipf(low, "en") >= _ENGLISH_WORD:
            return False
        return not (is_demonym(word) or gazetteer.is_country(word) or gazetteer.is_city(word))

    # the last text `_namesakes` looked at, and its answers by surname
    _namesakes_of: tuple[str | None, dict[str, tuple[bool, bool]]] = (None, {})

    def _namesakes(self, text: str, key: str) -> tuple[bool, bool]:
        """`_namesakes_in`, worked out once for each surname of a text: asked at
        each of its mentions alone, and each answer walks every mention (a live
        blog of "Budrys said ..." was quadratic: 800 KB took 57 s)."""
        seen, answers = self._namesakes_of
        if seen is not text:
            answers = {}
            self._namesakes_of = (text, answers)
        got = answers.get(key)
        if got is None:
            got = answers[key] = self._namesakes_in(text, key)
        return got

    def _namesakes_in(self, text: str, key: str) -> tuple[bool, bool]:
        """Whether `text` names a listed person of surname `key` in full (the listed
        given name right before the surname, diacritics or not, or garbled), and whether it
        names someone else of that surname (another given name before it)."""
        entries = self.by_last.get(key, ())
        given = {e.folded[-2] for e in entries if len(e.folded) > 1}
        hits = _hits(text)
        spellings = {w for w, k in hits.pairs if k == key} if hits is not None else set()
        words, starts, _ = scan(text)
        named = others = False
        for j in compress(range(len(words)), map(spellings.__contains__, words)):
            if not starts_word(text, starts[j]):
                continue
            before = _word_before(text, starts[j])
            if before is None:
                continue
            if fold(before) in given or self._garbled_given(before, entries) is not None:
                named = True  # (a garbled given name too: "Decali Šakalienė")
            elif self._given_name(before):
                others = True
        return named, others


def _surname_forms(by_last: dict[str, list[NameEntry]]) -> dict[str, tuple[str, ...]]:
    """Folded surname -> its listed spellings (of names with a given name)."""
    out = {}
    for key, entries in by_last.items():
        forms = sorted({e.words[-1] for e in entries if len(e.words) > 1})
        if forms:
            out[key] = tuple(forms)
    return out


# the triggers of every names rule prepared in this process: one set to look the
# folded capitalised words of a document up in, for all the rules at once. It only
# grows (a rule's triggers only shrink, after forget()): always a superset, sound.
_TRIGGERS: set[str] = set()


class _Hits(NamedTuple):
    pairs: tuple[tuple[str, str], ...]  # (word, folded form), each word once
    keys: frozenset[str]  # the folded forms


@lru_cache(maxsize=4)
def _hits(text: str) -> _Hits | None:
    """The capitalised words of a text (and a few more), each once, whose folded form
    is a trigger of some names rule, with that form (None for none: most texts):
    where none is one of a rule's, the rule has nothing to do."""
    distinct, keys = _folded(text)
    if _TRIGGERS.isdisjoint(keys):  # (most documents: a quicker look, nothing built)
        return None
    pairs = tuple(compress(zip(distinct, keys), map(_TRIGGERS.__contains__, keys)))
    return _Hits(pairs, frozenset(key for _, key in pairs))


def _folded(text: str) -> tuple[list[str], list[str]]:
    """The capitalised words of a text (and a few more, see capitals.scan), each
    once, and the folded form of each."""
    words = list(capitalised_texts(text))
    joined = "\0".join(words)
    if joined.isascii():  # fold() of an ASCII word is its lower case: all at once
        return words, joined.lower().split("\0") if words else []
    return words, list(map(fold, words))


def _after_blank(text: str, part: str) -> bool:
    """Whether `part` stands in `text` right after a blank (str.isspace, as \\s)."""
    p = text.find(part, 1)
    while p > 0:
        if text[p - 1].isspace():
            return True
        p = text.find(part, p + 1)
    return False


_BEFORE = re.compile(rf"(?:{WORD_RE.pattern})\s+\Z")  # a word, then blanks, at the end


def _word_before(text: str, start: int) -> str | None:
    """The word right before the word starting at `start`, if only blanks (at
    most one line break) separate them."""
    m = _BEFORE.search(text, max(0, start - 80), start)
    if m is None or text.count("\n", m.start(), start) > 1:
        return None
    if m.start() > 0 and _LETTER.match(text, m.start() - 1):
        return None  # (cut at the window's edge: a very long word)
    return m.group().rstrip()


def _name_after(text: str, end: int) -> str | None:
    """The word right after the word ending at `end` (blanks alone between them, at
    most one line break) when it is a name: capitalised, no acronym, no ordinary
    English word."""
    m = _NEXT.match(text, end)
    if m is None or text.count("\n", end, m.start(1)) > 1:
        return None
    word = m.group(1)
    if not word[0].isupper() or (len(word) > 1 and word.isupper()):
        return None
    return word if zipf(fold(word).lower(), "en") < _ENGLISH_WORD else None


def _next_to(text: str, end: int, start: int) -> bool:
    """Whether the word starting at `start` is the one right after the word ending at
    `end` (no word between them)."""
    return _LETTER.search(text, end, start) is None


def _run(text: str, word: Token, key: str, starts: frozenset[tuple[str, ...]],
         pair: bool) -> tuple[list[Token], tuple[str, ...]]:
    """`word` and the words right after it, each separated from the one before by
    blanks alone (at most one line break), and their folded forms, for as long as
    these begin a listed name of two words or more (`starts`: every such beginning
    of two words or more, whole names included); the second word anyway when
    `pair`. They are the words of `tokens(text)`: after blanks, the next word
    starts where a letter does."""
    keys: tuple[str, ...] = (key,)
    run, pos = [word], word.end
    while (m := _NEXT.match(text, pos)) is not None:
        more = (*keys, fold(m.group(1)))
        if (more not in starts and not (pair and len(run) == 1)
                or text.count("\n", pos, m.start(1)) > 1):
            break
        run.append(Token(m.group(1), m.start(1), m.end(1)))
        keys, pos = more, m.end()
    return run, keys


@lru_cache(maxsize=1024)
def _problem(written: str, proposal: str) -> tuple[str, bool]:
    """What is wrong with a listed name as `written` (`proposal`: the listed words in
    its place), and whether it is only the case of some letters."""
    written, proposal = _nfc(written), _nfc(proposal)
    if written.lower() == proposal.lower():  # (not casefold: that makes "ß" "ss")
        return "differs only in case from the listed spelling", True
    if _accented(written) < _accented(proposal):
        return "is missing diacritics", False
    return "differs from the listed spelling", False


def _accented(text: str) -> int:
    """How many of its letters have diacritics ("Ł" too, which NFD keeps whole):
    a letter that is one ASCII letter without them ("ß" is "ss": not accented)."""
    return sum(1 for ch in text if ch.isalpha() and has_diacritics(ch) and len(fold(ch)) == 1)


def _spelled(word: str, right: str) -> str:
    """`right` as it replaces `word`: in capitals if `word` is."""
    return match_case(word, right) if word.isupper() else right


def prefer_later(earlier: Iterable[Rule], later: Iterable[Rule]) -> None:
    """A name listed in a later rule folder (a newsroom's --rules) wins over the same
    name, up to diacritics, listed in an earlier one (the shipped lists)."""
    keys: set[tuple[str, ...]] = set()
    for rule in later:
        if isinstance(rule, NamesRule):
            keys |= rule.keys()
    for rule in earlier:
        if isinstance(rule, NamesRule):
            rule.forget(keys)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
