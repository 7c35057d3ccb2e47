"""language: lines or paragraphs not in the article's language.

Untranslated captions, a reading-time label left by a French site ("6 min
de lecture"), a quote nobody translated. Each non-blank line is one
candidate (in these articles a line is a paragraph).

Rule-file syntax (besides the common keys):

    kind = "language"
    expected = "en"          # the article's language (ISO 639-1)
    min_words = 3            # shorter lines are never judged
    min_probability = 0.9    # langdetect's probability for the other language
    min_leaning = 0.5        # share of words more frequent in that language
    method = "words"         # "words": statistics over lines in the article's
                             # script; "script": runs of another script
    min_script_words = 3     # script: a run inside a line needs this many words
                             # (characters x2 for Chinese, Japanese, Thai ...)

The message may use {language} (a name) and {code}.

How "words" matches: cheap tests first (enough words; not full of the
expected language's most frequent words; some language could win the word
frequency vote below, from a table of the common English words
(normalize.lexicon); not mostly names: few capitalised words other than a
sentence's first), then seeded langdetect, then a word frequency vote (see
normalize.langid). A line fails the rule as soon as one test fails, so their
order changes no finding: the first two are tried in one pass over the whole
text (an upper bound on a line's words from its runs of letters, then the
first half of its words, split from the lower-cased ASCII, one set look-up
each), and most lines of an English article stop there.
"BRUSSELS", "By Vafa Guliyeva" and "Wooden kamikaze drones" stay unflagged.
Lines mostly in another script are left to "script".

How "script" matches (no statistics, so it is fast and cannot misread a
short line): a stretch of letters of another script than the article's
(Cyrillic, Greek, Arabic, Hebrew, Chinese, Japanese, Korean ...) of at least
`min_script_words` words, or a whole line of two words or more in that
script. A single foreign word or a name in its own script ("Moscow
(Москва)") stays unflagged. The language is named from the letters
(Ukrainian і/ї/є/ґ, Russian ы/э/ъ/ё, Japanese kana ...). Only lines holding
a letter of another script are walked; most articles have none at all.

Fix safety: none; a person translates or deletes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..langid import (
    UNSPACED_SCRIPTS,
    ScriptRun,
    foreign_letters,
    foreign_script_runs,
    function_words,
    guess_foreign,
    non_ascii,
    script_language,
    script_of,
)
from ..lexicon import NONE, claimants
from ..lexicon import function_words as listed_function_words
from ..model import Finding
from ..text import LETTER, MARK, WORD_RE
from .base import FieldSpec, Rule

LANGUAGE_NAMES = {
    "af": "Afrikaans", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "en": "English", "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
    "lt": "Lithuanian", "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "bg": "Bulgarian", "el": "Greek",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "he": "Hebrew",
}

_LINE = re.compile(r"[^\r\n]+")
_OPENERS = "«“\"'( "  # what may stand between a sentence's start and its first word
_STOPS = ".:!?;|•·–—-"  # what ends a sentence or a label before the next one
_SENTENCE_WORDS = 6
# WORD_RE's words in lower-case ASCII text, found several times faster
# (lower-casing ASCII changes no word's bounds)
_ASCII_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# what a text's bytes become for _lines_and_words: letters in lower case, hyphens and
# line breaks (\r as \n) kept, anything else (digits, '?' for non-ASCII ...) a blank
_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c in (45, 10)
              else 10 if c == 13 else 32 for c in range(256))
# the same bytes as runs of letters: any letter 'a', anything else a blank; the
# number of runs in a line is at least the number of its words
_RUNS = bytes(97 if 65 <= c <= 90 or 97 <= c <= 122 else 32 for c in range(256))
_WORDISH = re.compile(rf"{LETTER}|{MARK}")  # what WORD_RE may take into a word
EXPECTED_SCRIPT = {"ru": "CYRILLIC", "uk": "CYRILLIC", "bg": "CYRILLIC", "sr": "CYRILLIC",
                   "el": "GREEK", "ar": "ARABIC", "he": "HEBREW", "zh": "HAN", "ja": "HAN",
                   "ko": "HANGUL"}


def _mostly_names(line: str, words: list[tuple[int, str]]) -> bool:
    """Headlines, bylines, team sheets: most words capitalised. In a line of
    six words or more (a sentence, not a headline) a sentence's or a label's
    first word does not count ("Leggi anche: La Lituania chiede ...")."""
    sentence = len(words) >= _SENTENCE_WORDS
    capitalised = sum(
        1 for at, w in words
        if w[0].isupper() and not (sentence and _starts_sentence(line, at))
    )
    return capitalised * 2 >= len(words)


def _starts_sentence(line: str, at: int) -> bool:
    """Whether the word at `at` opens the line or follows a stop (and blanks), quotes
    and brackets aside. Read backwards from the word: the work is the blanks and
    quotes before it, not the whole line before it (a long line has many words)."""
    start = at
    while start and line[start - 1] in _OPENERS:
        start -= 1
    if start == 0 or (start == 1 and line[0] == "\n"):  # nothing before it but those
        return True
    while start and line[start - 1].isspace():
        start -= 1
    return start > 0 and line[start - 1] in _STOPS


def _lines_and_words(text: str, least: int = 0, common: frozenset[str] = NONE
                     ) -> Iterator[tuple[int, int, list[str] | None]]:
    """(start, end, words) for each line _LINE finds in `text`, its words
    lower-cased as `leaning` gets them; None for a line with a non-ASCII letter
    or mark. All lines at once: one encode and two translates for the text,
    then a split per line (a word of letters and hyphens in ASCII is a word
    of WORD_RE; any other character only separates words).

    Left out are the lines with fewer than `least` words (most of them before
    the split, by counting their runs of letters), and those in which `common`
    (the expected language's function words) make up a fifth of the words, at
    least two: `_looks_expected` would say so of the words. The first half of
    a line's words usually holds enough of them, and the rest is not split."""
    chars = non_ascii(text)
    odd = frozenset(filter(_WORDISH.match, chars)) if chars else NONE
    # one byte per character ('?' for non-ASCII): offsets stay the text's
    raw = text.encode("ascii", "replace")
    folded = raw.translate(_FOLD).decode("ascii")
    runs = b" " + raw.translate(_RUNS)  # runs[i + 1] stands for text[i]
    end = -1
    for chunk in folded.split("\n"):
        start = end + 1
        end = start + len(chunk)
        if not chunk:
            continue
        if odd and not odd.isdisjoint(text[start:end]):
            yield start, end, None
            continue
        # each word holds a run of letters of its own: at least as many runs as words
        most = runs.count(b" a", start, end + 1)
        if most < least:
            continue
        # the tokens between blanks; a function word among them is one of the words
        # even where a hyphen outside a word makes the tokens differ from the words
        half = most // 2
        words = chunk.split(None, half)
        rest = words.pop() if len(words) > half else ""
        hits = sum(map(common.__contains__, words))
        if hits >= 2 and hits * 5 >= most:
            continue  # _looks_expected holds
        if "-" in chunk and ("- " in chunk or " -" in chunk or "--" in chunk
                             or chunk[0] == "-" or chunk[-1] == "-"):
            # a hyphen not inside a word (not between two letters) becomes a blank:
            # first any two in a row, then one beside a blank or at an end
            chunk = chunk.replace("--", "  ").replace("- ", "  ").replace(" -", "  ")
            words = chunk.strip("-").split()
            hits = sum(map(common.__contains__, words))
        else:
            more = rest.split()
            hits += sum(map(common.__contains__, more))
            words += more
        if len(words) < least or hits >= 2 and hits * 5 >= len(words):
            continue  # too few words, or _looks_expected holds
        yield start, end, words


def _function_words(expected: str) -> frozenset[str]:
    """`_looks_expected`'s words as the shipped table gives them (no word list is
    loaded); none without the table, and then no line is left out for them."""
    return listed_function_words(expected) or NONE


def _foreign_share(line: str, expected_script: str) -> float:
    scripts = [s for s in map(script_of, line) if s]
    if not scripts:
        return 0.0
    return sum(1 for s in scripts if s != expected_script) / len(scripts)


def _looks_expected(words: list[str], expected: str) -> bool:
    """Cheap test: enough of the expected language's function words."""
    common = listed_function_words(expected) or function_words(expected)  # the same words
    hits = sum(1 for w in words if w.lower() in common)
    return hits >= 2 and hits * 5 >= len(words)


class LanguageRule(Rule):
    KIND = "language"
    PLACEHOLDERS = ("language", "code")
    PROPOSES = False
    FIELDS = {
        "expected": FieldSpec("str", default="en"),
        "min_words": FieldSpec("int", default=3, minimum=0),
        "min_probability": FieldSpec("float", default=0.9),
        "min_leaning": FieldSpec("float", default=0.5),
        "method": FieldSpec("str", default="words", choices=("words", "script")),
        "min_script_words": FieldSpec("int", default=3, minimum=0),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        expected = self.options["expected"]
        script = EXPECTED_SCRIPT.get(expected, "LATIN")
        if self.options["method"] == "script":
            foreign = foreign_letters(doc.text, script)
            if not foreign:
                return  # no letter of another script: no run anywhere
            for m in _LINE.finditer(doc.text):
                if not foreign.isdisjoint(m.group()):
                    yield from self._scripts(doc, m.start(), m.group(), expected, script)
            return
        least, min_leaning = self.options["min_words"], self.options["min_leaning"]
        common = _function_words(expected)
        for start, end, lowered in _lines_and_words(doc.text, least, common):
            if lowered is not None and claimants(lowered, expected, min_leaning) == NONE:
                continue  # a way out of _words, taken early
            yield from self._words(doc, start, doc.text[start:end], expected, script)

    def _words(self, doc: Document, at: int, line: str, expected: str,
               script: str) -> Iterator[Finding]:
        # the words as `leaning` sees them
        lowered = (_ASCII_WORD.findall(line.lower()) if line.isascii()
                   else [w.lower() for w in WORD_RE.findall(line)])
        if len(lowered) < self.options["min_words"]:
            return
        # four ways out with no finding, the cheapest and most frequent first
        if claimants(lowered, expected, self.options["min_leaning"]) == NONE:
            return  # no language can claim enough of the words
        words = [(w.start(), w.group()) for w in WORD_RE.finditer(line)]
        if _mostly_names(line, words):
            return
        if _looks_expected([w for _, w in words], expected):
            return
        if (script != "LATIN" or not line.isascii()) and _foreign_share(line, script) > 0.5:
            return  # another script: the "script" method's business
        guess = guess_foreign(line, expected, self.options["min_probability"],
                              self.options["min_leaning"])
        if guess is None:
            return
        start = at + len(line) - len(line.lstrip())
        end = at + len(line.rstrip())
        yield self.finding(
            doc, start, end,
            language=LANGUAGE_NAMES.get(guess.language, guess.language),
            code=guess.language,
        )

    def _scripts(self, doc: Document, at: int, line: str, expected: str,
                 script: str) -> Iterator[Finding]:
        least = self.options["min_script_words"]
        for run in foreign_script_runs(line, script):
            if not _long_enough(run, least):
                continue
            if run.whole_line:
                start = at + len(line) - len(line.lstrip())
                end = at + len(line.rstrip())
            else:
                start, end = at + run.start, at + run.end
            code, name = script_language(line[run.start:run.end], run.script)
            yield self.finding(doc, start, end, language=name, code=code)
            if run.whole_line:
                return


def _long_enough(run: ScriptRun, least: int) -> bool:
    """Enough words for a verdict (two characters of Chinese count as a word)."""
    words = run.size // 2 if run.script in UNSPACED_SCRIPTS else run.size
    return words >= least or (run.whole_line and words >= 2)
