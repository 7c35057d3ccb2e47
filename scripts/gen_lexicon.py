"""Regenerate normalize/data/claims-en.tsv.gz: which other languages claim each English word.

    python scripts/gen_lexicon.py

The language rule ("words" method) flags a line only when langdetect names
another language L *and* at least `min_leaning` of the line's words are
clearly more frequent in L than in English: wordfreq's Zipf frequency in L
exceeds the English one by more than LEANING_MARGIN (normalize.langid).
Whether a word can vote so depends on the word and L only, so it can be
computed once. For every lower-case ASCII word of wordfreq's English list
with a Zipf frequency of MIN_ZIPF or more, this script writes the languages
(of those langdetect can name) in which it would vote:

    word                 # votes for no language: English through and through
    word<TAB>de,nl       # votes for German and Dutch

one line per word, the COMMON most frequent words first. The first line (JSON)
names the package versions the file holds for, and the expected language's
function words (langid.function_words: its most frequent words, whatever
their form), which the rule counts in a line before cutting it into words.

A word not listed may vote for any language. From this a line's best
possible leaning towards each language is bounded without loading a single
word list or running langdetect (normalize.lexicon), and lines that cannot
reach `min_leaning` for any language are left alone: exactly the lines the
full test would leave alone.

Every value comes from the function the rule itself calls (langid._zipf), so
the file is exact for the package versions named in its first line; the
rule uses it only when the installed versions are the same (see
normalize.lexicon). The output is deterministic: a regeneration with the
same versions changes nothing.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.langid import (  # noqa: E402
    LEANING_MARGIN,
    _detector_factory,
    _zipf,
    function_words,
)
from normalize.lexicon import DATA, EXPECTED, environment  # noqa: E402
from normalize.text import WORD_RE  # noqa: E402

# English words rarer than this (once per 100 million words) are left out:
# they would double the file for a handful of lines
MIN_ZIPF = 2.0
# the most frequent words, written first; a few thousand settle most lines
COMMON = 4000


def main() -> int:
    from wordfreq import get_frequency_dict, zipf_frequency

    began = time.process_time()
    zipf = _zipf.__wrapped__  # the rule's own function, without its cache
    languages = sorted({lang.split("-")[0] for lang in _detector_factory().langlist})
    others = [lang for lang in languages if lang != EXPECTED]
    missing: set[str] = set()
    for lang in others:
        try:
            zipf_frequency("the", lang)
        except ImportError as exc:  # ja, ko need MeCab; zh needs jieba
            missing.add(exc.name or "")
        except (LookupError, ValueError):
            pass
    if "" in missing:
        print("an ImportError without a module name: cannot record the environment")
        return 1
    header = environment(sorted(missing))
    header["languages"] = languages
    header["min_zipf"] = MIN_ZIPF
    header["function_words"] = sorted(function_words.__wrapped__(EXPECTED))
    # the COMMON most frequent first (ties alphabetically), the rest alphabetically
    # (smaller once compressed): the runtime keeps the first ones apart, a small set
    # that settles most lines
    words = sorted(
        (w for w in get_frequency_dict(EXPECTED)
         if w.isascii() and w == w.lower() and WORD_RE.fullmatch(w)
         and zipf(w, EXPECTED) >= MIN_ZIPF),
        key=lambda w: (-zipf(w, EXPECTED), w),
    )
    words = words[:COMMON] + sorted(words[COMMON:])
    header["common"] = COMMON
    lines = [json.dumps(header, sort_keys=True)]
    claimed = 0
    for word in words:
        ceiling = zipf(word, EXPECTED) + LEANING_MARGIN
        claims = [lang for lang in others if zipf(word, lang) > ceiling]
        claimed += bool(claims)
        lines.append(f"{word}\t{','.join(claims)}" if claims else word)
    DATA.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    DATA.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(words)} words, {claimed} claimed by another language -> "
          f"{DATA.relative_to(ROOT)} ({DATA.stat().st_size // 1024} KB) in "
          f"{time.process_time() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
