"""Plain spellings that a language writes with diacritics: 'jurgen' -> 'jürgen'.

wordfreq's list of a language holds its names and place names as that
language writes them, marks and all ("jürgen", "wrocław", "šiauliai",
"bērziņš"). A plain word whose folded form is such a word, and which the
language itself rarely writes plain, is that word with its marks lost.

For each language the pairs are derived once from its word list
(normalize.wordstore) and kept in the cache (normalize.cache), keyed by the
language, the thresholds below and the installed word data. A pair is kept
when:

- the word has letters of the Latin script with marks, only letters, at
  least MIN_LENGTH of them, and folds (text.fold) to as many ASCII letters
  (so "ß" -> "ss" and "æ" -> "ae" are left out: another spelling, not a mark
  lost);
- the language writes it with marks at least MARGIN (Zipf) more often than
  plain ("jürgen" 4.57, "jurgen" 2.15 in German; "antónio" and "antonio" are
  both Portuguese);
- English does not use the plain word as a common word (Zipf < ENGLISH_ZIPF:
  "uber", "role", "cafe" are English), and either English text writes it
  with its marks too (a name English knows: "benítez") or the plain word is
  rare in English (Zipf < ENGLISH_RARE): a plain word that English uses and
  never with marks ("Gara", "Marat") is more often an English or another
  language's name than a loss, and so is one English writes plain far more
  often (ENGLISH_PREFERS) than marked ("Gartner", not "Gärtner");
- it is not an oblique case form marked only at its end: Lithuanian, Latvian
  and Polish accusative, genitive plural and locative endings ("garą",
  "štatā"), which names in English, written in the nominative, do not take
  (nor beside the same word with another last letter: "aušrą", "aušra");
- of several marked spellings of one plain word, it is not DOMINANCE (Zipf)
  rarer than the most frequent: another case of it ("małgorzatą" beside
  "małgorzata", "cēsīs" beside "cēsis").

An entry is one sorted list of lines "plain<TAB>marked[ marked...]" with the
offset of each line, searched by bisection: reading it is one file read, and
no dict of a hundred thousand words is built for the few words an article asks.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from . import cache, wordstore
from .loading import one_time_load
from .text import fold

NAME = "restorable"
FORMAT = 2
MIN_LENGTH = 4
MIN_ZIPF = 2.0  # rarer words of a language: too often typos and inflections
MARGIN = 0.7
DOMINANCE = 1.0  # of several marked spellings, those this much rarer than the first are left out
ENGLISH_ZIPF = 3.0
ENGLISH_RARE = 2.0
ENGLISH_PREFERS = 1.5  # English writes it plain this much (Zipf) more often than marked
# endings that mark an oblique case, not a name's nominative, when they are a word's only marks
OBLIQUE_ENDINGS = {"lt": "ąęįų", "lv": "āēīū", "pl": "ąę"}
_HEAD = 4


def _latin(word: str) -> bool:
    """Only letters of Latin-1, Latin Extended-A/B and Latin Extended Additional."""
    return all(c < "\u0250" or "\u1e00" <= c < "\u1f00" for c in word)


class Restorations:
    """One language's pairs, read from their cache entry."""

    __slots__ = ("_blob", "_starts", "_count")

    def __init__(self, data: bytes) -> None:
        (count,) = array("I", data[:_HEAD])
        end = _HEAD + 4 * count
        starts = array("I")
        starts.frombytes(data[_HEAD:end])
        self._starts, self._count = starts, count
        self._blob = blob = data[end:]
        # a damaged entry (cut short) is refused here, not met by a look-up later
        if count and (len(starts) != count or not blob.endswith(b"\n")
                      or starts[-1] >= len(blob) or blob.find(b"\t", starts[-1]) < 0):
            raise ValueError("damaged entry")

    def __len__(self) -> int:
        return self._count

    def get(self, plain: str) -> tuple[str, ...]:
        """The marked spellings of a lower-case plain word (none: an empty tuple)."""
        key = plain.encode("ascii", "replace") + b"\t"
        blob, starts = self._blob, self._starts
        low, high = 0, self._count
        while low < high:  # the first line whose plain word is >= key's
            mid = (low + high) // 2
            at = starts[mid]
            if blob[at:blob.index(b"\t", at) + 1] < key:
                low = mid + 1
            else:
                high = mid
        if low == self._count:
            return ()
        at = starts[low]
        if not blob.startswith(key, at):
            return ()
        return tuple(blob[at + len(key):blob.index(b"\n", at)].decode("utf-8").split(" "))


def encode(pairs: dict[str, list[str]]) -> bytes:
    """An entry for `pairs` (plain -> marked spellings)."""
    lines = [f"{plain}\t{' '.join(marked)}\n".encode() for plain, marked in sorted(pairs.items())]
    starts = array("I")
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line)
    return array("I", [len(lines)]).tobytes() + starts.tobytes() + b"".join(lines)


def pairs(lang: str) -> dict[str, list[str]]:
    """plain -> marked spellings for `lang`, from its word list (slow: seconds)."""
    zipf = wordstore.zipf_frequency
    oblique = OBLIQUE_ENDINGS.get(lang, "")
    out: dict[str, list[str]] = {}
    for word in wordstore.top_n_list(lang, 10**8):
        if word.isascii() or len(word) < MIN_LENGTH or not word.isalpha() or not _latin(word):
            continue
        z = zipf(word, lang)
        if z < MIN_ZIPF:
            break  # the list is in order of frequency
        plain = fold(word)
        if len(plain) != len(word) or not plain.isascii() or not plain.isalpha():
            continue
        if oblique and word[-1] in oblique and word[:-1].isascii():
            continue
        if z - zipf(plain, lang) < MARGIN:
            continue
        english = zipf(plain, "en")
        if english >= ENGLISH_ZIPF:
            continue
        if english >= ENGLISH_RARE and (
                english - zipf(word, "en") >= ENGLISH_PREFERS or zipf(word, "en") <= 0):
            continue
        forms = out.setdefault(plain, [])
        if not forms or zipf(forms[0], lang) - z < DOMINANCE:  # (in order of frequency)
            forms.append(word)
    if oblique:  # "aušrą" beside "aušra": the same word's oblique case
        for plain, forms in out.items():
            if len(forms) > 1:
                out[plain] = [f for f in forms if f[-1] not in oblique
                              or not any(g != f and g[:-1] == f[:-1] for g in forms)]
    return out


def _key(lang: str, versions: str) -> str:
    return repr((FORMAT, lang, MIN_LENGTH, MIN_ZIPF, MARGIN, DOMINANCE, ENGLISH_ZIPF, ENGLISH_RARE,
                 ENGLISH_PREFERS,
                 sorted(OBLIQUE_ENDINGS.items()), versions))


def restorations(lang: str) -> Restorations | None:
    """The language's pairs (from the cache, built on first use), or None when
    wordfreq has no list for it."""
    try:
        return _LOADED[lang]
    except KeyError:
        pass
    found = _LOADED[lang] = _load(lang)
    return found


_LOADED: dict[str, Restorations | None] = {}


@one_time_load
def _load(lang: str) -> Restorations | None:
    versions = wordstore.versions()
    name = f"{NAME}-{lang}"
    key = _key(lang, versions) if versions is not None else None
    if key is not None:
        data = cache.read(name, key)
        if data is not None:
            try:
                return Restorations(data)
            except (ValueError, IndexError):  # damaged: build anew
                pass
    try:
        data = encode(pairs(lang))
    except (LookupError, ValueError, ImportError):  # no list for the language
        return None
    if key is not None:
        cache.write(name, key, data)
    return Restorations(data)


def marked(plain: str, languages: Iterable[str]) -> dict[str, list[str]]:
    """marked spelling -> the languages (of `languages`) that write `plain` so."""
    out: dict[str, list[str]] = {}
    for lang in languages:
        found = restorations(lang)
        if found is not None:
            for form in found.get(plain):
                out.setdefault(form, []).append(lang)
    return out
