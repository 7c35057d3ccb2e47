"""The repetition rule's work grows linearly with a huge document, not with
its square (normalize.kinds.repetition, NEIGHBOURS), and finds what comparing
every pair finds in an article."""

from __future__ import annotations

import random
import time

from normalize.document import Document
from normalize.kinds import repetition

from .test_repetition import RULE, _first_copies

WORDS = ("the minister said that a drone was found near border and officials of "
         "government reported attack on city while people in country wanted peace").split()


def _sentences(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(9, 12))).capitalize() + "."
            for _ in range(count)]


def test_each_unit_is_compared_with_a_bounded_number_of_neighbours(monkeypatch):
    """Thousands of sentences of alike length: each is compared with at most
    NEIGHBOURS others by ratio, not with every one of alike length."""
    calls = 0
    ratio = repetition.fuzz.ratio

    class Counting:
        @staticmethod
        def ratio(*args, **kwargs):  # noqa: ANN205
            nonlocal calls
            calls += 1
            return ratio(*args, **kwargs)

    monkeypatch.setattr(repetition, "fuzz", Counting)
    units = [repetition._Keys(t).unit(0, len(t)) for t in _sentences(2000)]
    keys = [u.key for u in units]
    RULE._firsts(keys, [u.words for u in units])
    assert calls <= repetition.NEIGHBOURS * len(set(keys))


def test_a_copy_is_still_found_far_beyond_the_neighbours():
    """A word-for-word copy is found by its key, whatever lies between."""
    sentences = _sentences(3 * repetition.NEIGHBOURS)
    text = " ".join(sentences) + "\n" + sentences[0] + "\n"
    doc = Document.from_text(text)
    found = list(RULE.check(doc))
    assert found == list(RULE._findings(doc))
    last = len(text) - len(sentences[0]) - 1
    assert any(f.start == last for f in found)


def test_units_of_one_key_share_what_their_first_copies():
    """Many copies of a few keys, near copies and copies with words added:
    the same as comparing every pair."""
    base = ["The minister said the drone was found near the border on Monday",
            "Officials of the government reported an attack on the city last night",
            "People in the country wanted peace and an end to the long war"]
    near = [base[0].replace("Monday", "Mondays"), "AP " + base[1] + " Photo"]
    rng = random.Random(3)
    texts = [rng.choice(base + near + _sentences(5, seed=5)) for _ in range(150)]
    units = [repetition._Keys(t).unit(0, len(t)) for t in texts]
    assert RULE._firsts([u.key for u in units], [u.words for u in units]) == \
        _first_copies(RULE, units)


def test_a_huge_line_of_sentences_is_checked_in_linear_time():
    """0.5 MB of ordinary sentences on one line: 3.7 s before (pairs of
    every sentence of alike length), 0.3 s now."""
    text = " ".join(_sentences(8000)) + "\n"
    doc = Document.from_text(text)
    start = time.process_time()
    list(RULE.check(doc))
    assert time.process_time() - start < 1.5
