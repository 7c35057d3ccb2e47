"""langdetect's own computation, stopped as soon as its answer cannot matter.

langdetect averages `n_trial` (7) random walks over a text's n-grams; each
walk ends with a probability per language, and the answer is the mean. A
line is foreign for normalize only when one language other than the expected
one reaches `min_probability` (0.9). After t walks, a language can still gain
at most (n_trial - t) / n_trial, so once no other language can reach the bar
the remaining walks are skipped: the decision is exactly the one the full
run would give. Most lines of an English article are settled after one or
two walks instead of seven.

When the walks do run to the end, every float operation is langdetect's own,
in its order (same seed, same random draws), so the probabilities are equal
to `Detector.get_probabilities()`'s. Only the inner loops are written with
map() over rows prepared once per walk, which Python runs several times faster.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import repeat
from operator import mul, truediv
from typing import Any

_SLACK = 1e-9  # rounding in the running sums


def probabilities_unless(detector: Any, expected: str, min_probability: float,
                         candidates: Collection[str] | None = None) -> list[tuple[str, float]]:
    """[(language, probability), ...] best first, as langdetect ranks them, or
    [] as soon as no language but `expected` (and, if given, none of
    `candidates`, by code before any "-": "zh" for "zh-cn") can reach
    `min_probability`.

    `detector` is a fresh langdetect Detector with the text appended."""
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        return []
    table = detector.word_lang_prob_map
    langs = detector.langlist
    others = [i for i, lang in enumerate(langs) if lang.split("-")[0] != expected
              and (candidates is None or lang.split("-")[0] in candidates)]
    if not others and _SLACK < min_probability:
        return []  # what the last walk would conclude
    trials = detector.n_trial
    total = [0.0] * len(langs)
    rand = detector.random
    rand.seed(detector.seed)
    for done in range(1, trials + 1):
        prob = detector._init_probability()
        alpha = detector.alpha + rand.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        factors: dict[str, list[float]] = {}  # weight + the n-gram's row, per walk
        i = 0
        while True:
            word = rand.choice(ngrams)
            row = factors.get(word)
            if row is None and word in table:
                row = factors[word] = [weight + q for q in table[word]]
            if row is not None:
                prob = list(map(mul, prob, row))
            if i % 5 == 0:
                norm = sum(prob)
                prob = list(map(truediv, prob, repeat(norm)))
                if max(prob) > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        total = [t + p / trials for t, p in zip(total, prob)]
        reachable = (trials - done) / trials + _SLACK
        if max((total[j] for j in others), default=0.0) + reachable < min_probability:
            return []
    ranked = sorted(((p, lang) for lang, p in zip(langs, total)
                     if p > detector.PROB_THRESHOLD), reverse=True)
    return [(lang, p) for p, lang in ranked]
