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

The message may use {language} (a name) and {code}.

How it matches: cheap tests first (enough words; some lower-case word, so
headlines and lines that are mostly names are skipped; not full of the expected
language's most frequent words), then seeded langdetect, then a word
frequency vote (see normalize.langid). "BRUSSELS", "By Vafa Guliyeva" and
"Wooden kamikaze drones" stay unflagged.

Fix safety: none; a person translates or deletes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..langid import function_words, guess_foreign
from ..model import Finding
from ..text import WORD_RE
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


def _looks_expected(words: list[str], expected: str) -> bool:
    """Cheap test: enough of the expected language's function words."""
    common = function_words(expected)
    hits = sum(1 for w in words if w.lower() in common)
    return hits >= 2 and hits * 5 >= len(words)


class LanguageRule(Rule):
    KIND = "language"
    FIELDS = {
        "expected": FieldSpec("str", default="en"),
        "min_words": FieldSpec("int", default=3),
        "min_probability": FieldSpec("float", default=0.9),
        "min_leaning": FieldSpec("float", default=0.5),
    }

    def check(self, doc: Document) -> Iterator[Finding]:
        expected = self.options["expected"]
        for m in _LINE.finditer(doc.text):
            line = m.group()
            words = WORD_RE.findall(line)
            if len(words) < self.options["min_words"]:
                continue
            capitalised = sum(1 for w in words if w[0].isupper())
            if capitalised * 2 >= len(words):
                continue  # headlines, bylines, team sheets: lines of names
            if _looks_expected(words, expected):
                continue
            guess = guess_foreign(line, expected, self.options["min_probability"],
                                  self.options["min_leaning"])
            if guess is None:
                continue
            start = m.start() + len(line) - len(line.lstrip())
            end = m.end() - (len(line) - len(line.rstrip()))
            yield self.finding(
                doc, start, end,
                language=LANGUAGE_NAMES.get(guess.language, guess.language),
                code=guess.language,
            )
