"""garbled: words that are not English and not names ("antiomic", "anti -anti...").

Machine translation, OCR and broken hyphenation leave tokens that no
dictionary knows: half-translated compounds ("antiomic" from Italian
"antiatomici"), doubled prefixes ("anti -antiomic", "anti-anti-aircraft").
Which words are English comes from wordfreq's English word list, not from a
hand list.

Rule-file syntax (besides the common keys):

    kind = "garbled"
    min_length = 5        # shorter words are left alone
    prefixes = ["anti", "non", "pre", ...]   # prefixes that compounds may
                                             # carry; those of 3+ letters are
                                             # also checked for doubling
    suffixes = ["s", "ed", "ing", ...]       # endings stripped before deciding
                                             # that a word is unknown
    misspelling_zipf = 3.0     # also flag a word rarer than this that is one
                               # edit from a single far more frequent word
                               # ("goverment"); 0 turns this off
    min_candidate_zipf = 3.0   # a proposal must be at least this frequent
    margin = 1.0               # ... and this much more frequent (zipf) than
                               # the next candidate at the same distance

How it matches: a lower-case word is a misspelling when it is rare and one
edit away from exactly one far more frequent word (see misspelling_zipf);
a lower-case word (capitalised words are names and are
never flagged) is unknown when wordfreq has no frequency for it, nor for it
without one listed prefix or suffix, nor for each part of it when split in
two known words. It is left alone when the same word appears capitalised in
the document (a name), when it has letters outside ASCII (a foreign word),
or when its sentence holds other unknown words (a foreign or technical
passage). A doubled prefix is flagged as such.

Proposal: the frequent English words within edit distance 2 (rapidfuzz)
are ranked by distance, then frequency; one is proposed only when it wins
clearly (alone at the best distance, or `margin` more frequent than the
next), else the finding is a flag without a proposal.

The message may use {why} (what is wrong, without repeating the word the
message quotes as {text}) and {hint} (the proposal, or nothing).

Fix safety: unsafe (the right word is a guess).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator
from functools import lru_cache
from itertools import compress
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from .. import wordstore
from ..document import Document
from ..mentions import MAX_SENTENCE, sentences
from ..model import Finding
from .base import FieldSpec, Rule

_A_TO_Z = re.compile("[a-z]+")
_LOWER_WORD = re.compile(r"(?<![\w@#'’-])[a-z]+(?:-[a-z]+)*(?![\w'’]|-\w)")
VOCABULARY_SIZE = 60_000
# bytes.translate table: a-z stay, the other word characters of ASCII (A-Z, 0-9,
# _) become "A", everything else a blank (characters outside ASCII are "?" by then)
_RUN_TABLE = bytes(c if 97 <= c <= 122 else 65 if chr(c).isalnum() or c == 95 else 32
                   for c in range(128)) + bytes(32 for _ in range(128))
# runs judged fine, remembered at most (then forgotten and judged again)
_MEMORY = 200_000


def _may_cut_runs(text: str) -> bool:
    """Whether a sentence may be cut inside a word: `sentences` cuts a
    sentence longer than MAX_SENTENCE at a blank, or, with no blank in its
    first MAX_SENTENCE characters, anywhere. Such a stretch without " "
    covers a whole tile of half that length, so looking at the tiles is enough."""
    tile = MAX_SENTENCE // 2 - 1
    return any(text.find(" ", k, k + tile) < 0 for k in range(0, len(text) - tile + 1, tile))


class _Capitalised:
    """Lower-case forms of the capitalised words (r"\\b[A-Z][a-z]+\\b") of a text,
    asked one word at a time: 'fightstar' is in it when "Fightstar" is in the
    text. Only documents with an unknown word ask."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not re.fullmatch(r"[a-z]+", word):
            return False
        if word not in self.seen:
            title = word[0].upper() + word[1:]
            self.seen[word] = re.search(rf"\b{title}\b", self.text) is not None
        return self.seen[word]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    top = wordstore.top_n_list("en", VOCABULARY_SIZE)
    return tuple(w for w in top if w.isascii() and w.isalpha())


@lru_cache(maxsize=1)
def _lengths() -> bytes:
    """The length of each vocabulary word (at most 255), one byte each."""
    return bytes(min(len(w), 255) for w in _vocabulary())


@lru_cache(maxsize=256)
def _near_length(length: int, distance: int) -> tuple[str, ...]:
    """The vocabulary words whose length is within `distance` of `length`, in
    vocabulary order: no other word is within that edit distance, and the
    order keeps rapidfuzz's choice among equally close words the same."""
    keep = bytes(1 if abs(n - length) <= distance else 0 for n in range(256))
    return tuple(compress(_vocabulary(), _lengths().translate(keep)))


@lru_cache(maxsize=1)
def _frequencies() -> Container[str]:
    """wordfreq's English list (the one `_zipf` reads), for `in`: a word of a-z
    in it has a Zipf frequency above 0 (tests/test_prefilters.py checks them all)."""
    return wordstore.listing("en")


@lru_cache(maxsize=131072)
def _zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word (normalize.wordstore answers
    a word of a-z, and most others, without loading wordfreq)."""
    return wordstore.zipf_frequency(word, "en")


class GarbledRule(Rule):
    KIND = "garbled"
    PLACEHOLDERS = ("why", "hint")
    FIELDS = {
        "min_length": FieldSpec("int", default=5, minimum=0),
        "prefixes": FieldSpec("list[str]", default=[]),
        "suffixes": FieldSpec("list[str]", default=[]),
        "min_candidate_zipf": FieldSpec("float", default=3.0),
        "margin": FieldSpec("float", default=1.0),
        "misspelling_zipf": FieldSpec("float", default=0.0),
    }

    def __init__(self, meta: Any, options: dict[str, Any], where: Any) -> None:
        super().__init__(meta, options, where)
        self.prefixes = sorted({p.lower() for p in options["prefixes"]}, key=lambda p: (-len(p), p))
        doubled = [p for p in self.prefixes if len(p) >= 3]
        self.suffixes = sorted({s.lower() for s in options["suffixes"]}, key=lambda s: (-len(s), s))
        alternation = "|".join(re.escape(p) for p in doubled) or "(?!)"
        self.doubled = self.compile(
            "prefixes",
            rf"(?<![\w-])(?P<prefix>{alternation})\s*-\s*"
            r"(?P<second>(?P=prefix)(?P<rest>[a-z]*))",
            re.IGNORECASE)
        # the pre-filters' state (see _doubled and _suspect_sentences)
        self.doubled_prefixes = tuple(doubled)
        # a hyphen, blanks and a prefix (found at memchr speed: it starts with "-"),
        # and a prefix alone, matched as the pattern matches them
        self.after_hyphen = re.compile(rf"-\s*(?:{alternation})", re.IGNORECASE)
        self.prefix = re.compile(f"(?:{alternation})", re.IGNORECASE)
        self.prefix_lengths = sorted({len(p) for p in doubled})
        # ... which is sound when no prefix holds a blank or a hyphen (see _doubled)
        self.plain_prefixes = not any(c.isspace() or c == "-" for p in doubled for c in p)
        self._fine: set[str] = set()

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        capitalised = _Capitalised(text)
        taken: list[tuple[int, int]] = []
        for m in self._doubled(text):
            # "anti-anti-aircraft" -> "anti-aircraft"; "anti -antiomic": flag only;
            # "re-release" is a prefix before a word that starts like it: fine
            rest = m.group("rest")
            if rest and self._known(m.group("second")):
                continue
            taken.append((m.start(), m.end()))
            proposal = None if rest else m.group("second")
            yield self.finding(doc, m.start(), m.end(), proposal,
                               why=f"the prefix '{m.group('prefix')}' is doubled",
                               hint=f": write '{proposal}'" if proposal else "")
        for start, end in self._suspect_sentences(text):
            words = [(m.start() + start, m.group()) for m in _LOWER_WORD.finditer(text[start:end])]
            unknown = [(at, w) for at, w in words if self._unknown(w, capitalised)]
            if len(unknown) != 1:
                continue  # none, or a foreign or technical passage
            at, word = unknown[0]
            if any(s <= at < e for s, e in taken):
                continue
            proposal = self._proposal(word)
            why = "no English word list knows it"  # the message quotes the word
            yield self.finding(doc, at, at + len(word), proposal, why=why,
                               hint=f"; perhaps '{proposal}'" if proposal else "",
                               data=[("candidates", proposal)] if proposal else [])

    # -- pre-filters -------------------------------------------------------------

    def _doubled(self, text: str) -> Iterator[re.Match[str]]:
        """The doubled-prefix matches. A match is a prefix, blanks, a hyphen,
        blanks and the prefix again, compared case-blind as the pattern does
        (the second is the first's text up to case, so the prefixes match it
        too): some hyphen is followed, after blanks, by a prefix (one scan
        that stops only at hyphens) and preceded, before blanks, by one (a
        prefix's characters are matched one for one, so it fills the last
        few characters there). Only then is the (slow) pattern run."""
        if not self.doubled_prefixes:
            return iter(())
        if not self.plain_prefixes:
            return self.doubled.finditer(text)
        fullmatch, isspace = self.prefix.fullmatch, str.isspace
        for m in self.after_hyphen.finditer(text):
            at = m.start()
            while at and isspace(text[at - 1]):
                at -= 1
            if any(fullmatch(text, at - n, at) for n in self.prefix_lengths if n <= at):
                return self.doubled.finditer(text)
        return iter(())

    def _suspect_sentences(self, text: str) -> list[tuple[int, int]]:
        """The sentences that may hold an unknown word, in order.

        A lower-case word's parts ("anti", "drone" in "anti-drone") are whole
        runs of ASCII word characters, all of them a-z, and the word is unknown
        only if one of its parts is unknown or misspelt (`_bad_part`). The runs
        of the whole text are collected at C speed and looked up in one set of
        runs already judged fine (runs with other characters are fine: they are
        no part); of the others, those that wordfreq lists are fine when
        misspellings are not looked for (one look-up each, in the word list);
        only the rest are judged one by one. A sentence without a bad run holds
        no unknown word. A sentence cut inside a run (one with no blank for
        MAX_SENTENCE characters) could see a shorter run: then every sentence
        is read."""
        if _may_cut_runs(text):
            return sentences(text)
        chunks = set(text.encode("ascii", "replace").translate(_RUN_TABLE).decode().split())
        new = chunks.difference(self._fine)
        if not new:
            return []
        if not self.options["misspelling_zipf"]:
            # a listed run is fine (see _bad_part): found with one set operation
            listed = _frequencies()
            unlisted = {run for run in new if run not in listed}
            if len(self._fine) > _MEMORY:
                self._fine.clear()
            self._fine |= new - unlisted
            new = unlisted
        bad = [run for run in new if self._bad_part(run)]
        if not bad:
            return []
        spans = sentences(text)
        starts = [s for s, _ in spans]
        wanted: set[int] = set()
        for run in bad:
            at = text.find(run)
            while at >= 0:
                wanted.add(bisect_right(starts, at) - 1)
                at = text.find(run, at + 1)
        return [spans[n] for n in sorted(wanted) if n >= 0]

    def _bad_part(self, part: str) -> bool:
        """Whether a run of a-z is unknown or misspelt; fine runs are remembered."""
        listed = not self.options["misspelling_zipf"] and part in _frequencies()
        if not part.islower() or not part.isalpha() or listed or (
                self._known(part) and not self._misspelt(part)):
            if len(self._fine) > _MEMORY:
                self._fine.clear()
            self._fine.add(part)
            return False
        return True

    # -- deciding --------------------------------------------------------------

    def _unknown(self, word: str, capitalised: _Capitalised) -> bool:
        if len(word) < self.options["min_length"] or not word.isascii():
            return False
        parts = [part for part in word.split("-") if part]
        if all(self._known(p) for p in parts) and not any(self._misspelt(p) for p in parts):
            return False
        return word not in capitalised  # a name written in lower case once is no error

    def _misspelt(self, word: str) -> bool:
        """A rare word one letter away from a much more frequent one ("goverment")."""
        rare = self.options["misspelling_zipf"]
        zipf = _zipf(word)
        if not rare or zipf >= rare or len(word) < 6:
            return False
        found = extract(word, _near_length(len(word), 1), scorer=Levenshtein.distance,
                        limit=5, score_cutoff=1)
        near = [w for w, _, _ in found if w != word]
        return len(near) == 1 and _zipf(near[0]) >= zipf + 2.5 and _zipf(near[0]) >= 4.5

    def _known(self, word: str) -> bool:
        word = word.lower()
        if len(word) < 3 or _zipf(word) > 0:
            return True
        stems = [word]
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                stems.append(word[len(prefix):])
        for stem in list(stems):
            for suffix in self.suffixes:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    stems.append(stem[: -len(suffix)])
        if any(_zipf(s) >= 2.0 for s in stems[1:]):
            return True
        # a closed compound of two known words ("drone" + "maker")
        return any(_zipf(word[:i]) >= 3.0 and _zipf(word[i:]) >= 3.0
                   for i in range(3, len(word) - 2))

    def _proposal(self, word: str) -> str | None:
        found = extract(word, _near_length(len(word), 2), scorer=Levenshtein.distance,
                        limit=20, score_cutoff=2)
        ranked = sorted(((dist, -_zipf(w), w) for w, dist, _ in found
                         if _zipf(w) >= self.options["min_candidate_zipf"]))
        if not ranked:
            return None
        best = ranked[0]
        rivals = [r for r in ranked[1:] if r[0] == best[0]]
        if rivals and (-best[1]) - (-rivals[0][1]) < self.options["margin"]:
            return None
        return best[2]
