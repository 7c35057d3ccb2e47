"""Language identification that does not cry wolf on headlines and names.

`langdetect` is seeded (deterministic) and loaded lazily: its profiles cost
time, and most lines never need it. It misreads short text ("BRUSSELS" comes
out German with 0.99999 confidence), so a line counts as foreign only when
two independent signals agree: langdetect names another language with high
probability, *and* most of the line's words are more frequent in that
language than in the expected one (word frequencies from `wordfreq`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import wordstore
from .text import WORD_RE


@dataclass(frozen=True)
class Guess:
    language: str
    probability: float
    leaning: float  # share of words more frequent in `language` than expected


@lru_cache(maxsize=1)
def _detector_factory():  # noqa: ANN202 - langdetect has no types
    """langdetect's factory, seeded, its profiles from the cache when it has
    them (normalize.langprofiles): what init_factory would load, quicker."""
    from langdetect import DetectorFactory, detector_factory

    from .langprofiles import load_factory

    DetectorFactory.seed = 0
    if detector_factory._factory is None:
        detector_factory._factory = load_factory(DetectorFactory,
                                                 detector_factory.PROFILES_DIRECTORY)
    detector_factory.init_factory()  # loads the profiles if the cache could not
    return detector_factory._factory


def detect(text: str) -> list[tuple[str, float]]:
    """Seeded langdetect: [(language, probability), ...], best first."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _detector_factory()
    detector = factory.create()
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


def detect_unless(text: str, expected: str, min_probability: float,
                  candidates: frozenset[str] | None = None) -> list[tuple[str, float]]:
    """`detect(text)`, or [] as soon as no language but `expected` (and, if
    given, none of `candidates`) can reach `min_probability` (exact: see
    normalize.langtrials)."""
    from .langtrials import probabilities_unless

    detector = _detector_factory().create()
    detector.append(text)
    return probabilities_unless(detector, expected, min_probability, candidates)


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency (normalize.wordstore: without loading wordfreq
    when it can), 0 when wordfreq cannot tell."""
    try:
        return wordstore.zipf_frequency(word, lang)
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab
        return 0.0


@lru_cache(maxsize=64)
def function_words(lang: str, n: int = 150) -> frozenset[str]:
    """The `n` most frequent words of a language (mostly function words)."""
    try:
        return frozenset(wordstore.top_n_list(lang, n))
    except (LookupError, ValueError, ImportError):  # ImportError: ja/ko need MeCab
        return frozenset()


# a word votes for a language when its Zipf frequency there is higher by more than this
LEANING_MARGIN = 0.5


def leaning(words: list[str], lang: str, expected: str, margin: float = LEANING_MARGIN) -> float:
    """Share of `words` clearly more frequent in `lang` than in `expected`."""
    if not words:
        return 0.0
    votes = sum(1 for w in words if zipf(w, lang) > zipf(w, expected) + margin)
    return votes / len(words)


def guess_foreign(text: str, expected: str = "en", min_probability: float = 0.9,
                  min_leaning: float = 0.5) -> Guess | None:
    """A Guess when `text` is confidently not in `expected`, else None.

    Languages the words cannot lean towards enough are ruled out first
    (normalize.lexicon): langdetect stops as soon as none of the others can
    win, and no word list is loaded for a language that could not pass."""
    from .lexicon import claimants

    words = [w.lower() for w in WORD_RE.findall(text)]
    if not words:
        return None
    candidates = claimants(words, expected, min_leaning)
    if candidates is not None and not candidates:
        return None
    ranked = detect_unless(text, expected, min_probability, candidates)
    if not ranked:
        return None
    lang, prob = ranked[0]
    lang = lang.split("-")[0]
    if lang == expected or prob < min_probability:
        return None
    if candidates is not None and lang not in candidates:
        return None
    share = leaning(words, lang, expected)
    if share < min_leaning:
        return None
    return Guess(lang, prob, share)


# -- the fast path: text in another script needs no statistics ------------------------

# scripts written without spaces between words: count characters, not words
UNSPACED_SCRIPTS = frozenset({"HAN", "KANA", "THAI", "LAO", "KHMER", "MYANMAR"})
_NAME_PREFIX = {"CJK": "HAN", "HIRAGANA": "KANA", "KATAKANA": "KANA", "HANGUL": "HANGUL"}


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str:
    """The script of a letter or mark ('LATIN', 'CYRILLIC', 'HAN' ...); '' otherwise."""
    import unicodedata

    if unicodedata.category(ch)[0] not in "LM":
        return ""
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    return _NAME_PREFIX.get(first, first)


_ASCII_BYTES = bytes(range(128))


@lru_cache(maxsize=4)
def non_ascii(text: str) -> frozenset[str]:
    """The distinct characters of `text` outside ASCII, kept for the last few
    texts: both methods of the language rule ask for the same document's."""
    if text.isascii():
        return frozenset()
    # UTF-8 writes a character outside ASCII with bytes outside ASCII only
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return frozenset(data.decode("utf-8", "surrogatepass"))


def foreign_letters(text: str, expected_script: str = "LATIN") -> frozenset[str]:
    """The distinct letters and marks of `text` not of `expected_script`. A
    line with none of them has no foreign run (see foreign_script_runs)."""
    if expected_script == "LATIN":
        if text.isascii():
            return frozenset()  # ASCII letters are all Latin
        chars: frozenset[str] | set[str] = non_ascii(text)
    else:
        chars = set(text)
    return frozenset(c for c in chars if script_of(c) not in ("", expected_script))


@dataclass(frozen=True)
class ScriptRun:
    start: int  # offsets into the line, end exclusive
    end: int
    script: str
    size: int  # words, or characters for scripts written without spaces
    whole_line: bool  # the line has no letter of the expected script


def foreign_script_runs(line: str, expected_script: str = "LATIN") -> list[ScriptRun]:
    """Stretches of `line` written in another script than `expected_script`.

    A run goes from a letter of another script to the last such letter before
    a letter of the expected script (or the line's end); blanks, digits and
    punctuation inside it belong to it.
    """
    runs: list[ScriptRun] = []
    start = last = -1
    script = ""
    for i, ch in enumerate(line):
        s = script_of(ch)
        if not s:
            continue
        other = script and s != script and s not in _COMPATIBLE.get(script, ())
        if s == expected_script or other:
            if start >= 0:
                runs.append(_run(line, start, last + 1, script))
                start = -1
                script = ""
            if s == expected_script:
                continue
        if start < 0:
            start, script = i, s
        last = i
    if start >= 0:
        runs.append(_run(line, start, last + 1, script))
    if not runs:
        return runs
    whole = not any(script_of(c) == expected_script for c in line)
    return [ScriptRun(r.start, r.end, r.script, r.size, whole) for r in runs]


# scripts that share a run: Japanese mixes kanji and kana
_COMPATIBLE = {"HAN": ("KANA",), "KANA": ("HAN",)}


def _run(line: str, start: int, end: int, script: str) -> ScriptRun:
    text = line[start:end]
    if script in UNSPACED_SCRIPTS:
        size = sum(1 for c in text if script_of(c))
    else:
        size = len(WORD_RE.findall(text))
    return ScriptRun(start, end, script, size, False)


# (code, name) of the language a run is most likely in, from its letters alone
_SCRIPT_LANGUAGE = {
    "GREEK": ("el", "Greek"), "HEBREW": ("he", "Hebrew"), "HAN": ("zh", "Chinese"),
    "KANA": ("ja", "Japanese"), "HANGUL": ("ko", "Korean"), "GEORGIAN": ("ka", "Georgian"),
    "ARMENIAN": ("hy", "Armenian"), "THAI": ("th", "Thai"), "DEVANAGARI": ("hi", "Hindi"),
}


def script_language(text: str, script: str) -> tuple[str, str]:
    """A best guess at the language of a run from its letters (no statistics)."""
    if script == "CYRILLIC":
        letters = set(text.lower())
        if letters & set("іїєґ"):
            return "uk", "Ukrainian"
        if letters & set("ўі"):
            return "be", "Belarusian"
        if letters & set("ыэъё"):
            return "ru", "Russian"
        return "cyrl", "Cyrillic script (Russian, Ukrainian, Bulgarian ...)"
    if script == "ARABIC":
        if set(text) & set("پچژگ"):
            return "fa", "Persian"
        return "ar", "Arabic"
    if script == "HAN" and any(script_of(c) == "KANA" for c in text):
        return "ja", "Japanese"
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    return script.lower(), f"{script.title()} script"
