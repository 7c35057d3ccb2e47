"""The early-stopping language detection gives langdetect's own answers."""

from __future__ import annotations

import pytest

from normalize.langid import _detector_factory, detect, detect_unless
from normalize.langtrials import probabilities_unless

LINES = [
    "Ad sales boost Time Warner profit", "BMW reveals new models pipeline", "BRUSSELS",
    "The minister said the drone fell in a military area.", "6 min de lecture",
    "Le ministre a déclaré que le drone était tombé dans une zone militaire.",
    "Die Nato hat reagiert", "US consumer confidence up", "Minister powiedział, że dron spadł",
    "Kuznetsova 'failed a drugs test'", "Houllier praises Benitez regime", "!!!", "",
]


@pytest.mark.parametrize("line", LINES)
def test_full_run_equals_langdetect(line):
    detector = _detector_factory().create()
    detector.append(line)
    assert probabilities_unless(detector, "en", -1.0) == detect(line)  # never stops early


@pytest.mark.parametrize("line", LINES)
def test_early_stop_never_changes_the_decision(line):
    def foreign(ranked):
        return bool(ranked) and ranked[0][0].split("-")[0] != "en" and ranked[0][1] >= 0.9

    assert foreign(detect_unless(line, "en", 0.9)) == foreign(detect(line))


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("candidates", [frozenset(), {"fr"}, {"de", "nl", "it", "pl"}])
def test_candidates_change_no_decision_about_them(line, candidates):
    def foreign(ranked):
        return bool(ranked) and ranked[0][0].split("-")[0] in candidates and ranked[0][1] >= 0.9

    assert foreign(detect_unless(line, "en", 0.9, candidates)) == foreign(detect(line))
