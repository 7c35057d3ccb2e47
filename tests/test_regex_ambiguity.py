"""Rule-file patterns that backtrack catastrophically are refused when they
load (normalize.regex_safety), with one line naming the file; the shipped
rules all load, and common safe patterns pass."""

from __future__ import annotations

import random
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.loader import load_rules
from normalize.regex_safety import backtracking_risk

HEAD = 'code = "HS901"\nkind = "existence"\nmessage = "found {text}"\nsource = "test"\n'
EXAMPLES = "\n[examples]\nfail = []\npass = []\n"


def run(*args: object):  # noqa: ANN201
    return CliRunner().invoke(main, [str(a) for a in args])


def rule_dir(tmp_path: Path, pattern: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.toml").write_text(f"{HEAD}patterns = ['{pattern}']\n{EXAMPLES}", encoding="utf-8")
    return folder


CATASTROPHIC = [
    r"(x+x+)+y",  # adjacent repetitions that take the same characters
    r"(a|a)+y",  # alternatives that match the same text
    r"(x|x)+y",
    r"(a|aa)+y",  # alternatives that overlap over turns
    r"(x|xx)+y",
    r"(?:a?){40}a{40}",  # a counted body that can match nothing
    r"(?:x?){40}x{40}",
    r"(?:.*,)+x",
    r"(?:\s*\n)+x",
    r"(?:\w+-?\w+)+\.",
    r"(?i)(?:[A-Z][a-z]+\s*){2,}$",
    r"^(?:(?:Facebook|Twitter|Email)\s*[|,]?\s*){3,}$",  # two blanks' runs side by side
    r"(?:(?:a|b)(?:b|)|ab)+c",
    r"(?x)(a | aa) +y",  # verbose: blanks between a group and its quantifier
    r"(?x: (a|aa) {2,} ) y",
    r"(?ix-s:(a|aa) +y)",
]

SAFE = [
    r"(?:\s+\w+){0,3}",
    r"\d{1,3}(?:,\d{3})*(?:\.\d+)?",
    r"(?:[A-Z]\w*\s+)+",
    r"(?i)(?:\b[A-Z][a-z]+\b\s*){2,}",  # \b: a word is cut one way only
    r"(?:\w+(?:-\w+)*\s+)+",
    r"(?:(?:Mr|Ms|Dr)\.?\s+)+",
    r"(?:[^,]+,)+x",
    r"(?:[^,]*,)+x",
    r"(?:\w|\d)+y",  # one class: no alternatives left to try
    r"(?:a|b|)+y",
    r"(?>a|aa)+y",  # atomic and possessive: no way back in
    r"(?:(?>a+)b?)+",
    r"(?:\w++\s?)+",
    r"(?:https?://)?(?:www\.)?[\w.-]+\.[a-z]{2,}(?:/[\w./-]*)?",
    r"^(?:(?:Facebook|Twitter|Email)\s*+[|,]?\s*+){3,}$",
    r"(?:\r?\n)+",
    r"[\"“](?:[^\"”\n]{1,200})[\"”]",
    r"(\w+)\s+\1",  # back references: left to the time limit
    r"(?:ab|a)+c",
    r"x.*x.*x.*x.*y",  # only polynomial: left to the time limit
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_patterns_that_backtrack_catastrophically_are_refused(pattern):
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize("pattern", SAFE)
def test_common_safe_patterns_pass(pattern):
    assert backtracking_risk(pattern) is None


@pytest.mark.parametrize("pattern", [r"(x+x+)+y", r"(x|x)+y", r"(x|xx)+y", r"(?:x?){40}x{40}"])
def test_a_catastrophic_rule_is_one_line_naming_the_file(tmp_path, pattern):
    rules = rule_dir(tmp_path, pattern)
    article = tmp_path / "a.txt"
    article.write_text("x" * 40 + "\n", encoding="utf-8")
    result = run("check", "--no-default-rules", "--rules", rules, article)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if "r.toml" in line]
    assert len(errors) == 1 and "r.toml:5:" in errors[0]
    assert "backtrack catastrophically" in errors[0]
    assert "Traceback" not in result.output


def test_the_shipped_rules_all_load(monkeypatch):
    """Every pattern of the shipped rules checked again (no cache), none refused."""
    from normalize import loader, regex_safety
    from normalize.rulecache import ANALYSIS

    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    monkeypatch.setattr(ANALYSIS, "table", {})
    checked = []
    risk = regex_safety.backtracking_risk
    monkeypatch.setattr(regex_safety, "backtracking_risk",
                        lambda pattern, flags=0: checked.append(pattern) or risk(pattern, flags))
    loader._load_listing.cache_clear()
    try:
        assert load_rules([], True).rules
    finally:
        loader._load_listing.cache_clear()  # the next test loads them as usual
    assert len(checked) > 150


def test_a_share_line_is_checked_quickly_with_the_shipped_rules(tmp_path, monkeypatch):
    """The share-line and language-switcher patterns took 2^n tries on a line of
    their words followed by another (50 s for 28 words): now possessive."""
    monkeypatch.setenv("NORMALIZE_TIME_LIMIT", "5")
    for name, words in (("share", "Facebook Twitter "), ("switcher", "English Deutsch ")):
        (tmp_path / f"{name}.txt").write_text(f"Text.\n\n{words * 14}Comments\n", encoding="utf-8")
    start = time.monotonic()
    result = run("check", "--jobs", "1", tmp_path)
    assert time.monotonic() - start < 5
    assert "took longer" not in result.output and result.exit_code in (0, 1)


def _alternation(count: int) -> str:
    """A repeated alternation of `count` short words over a, b, c: ambiguous
    ("a", "b" and "ab" cut "ab" two ways), and the larger, the dearer to pair."""
    rng = random.Random(1)
    words = ["".join(rng.choice("abc") for _ in range(rng.randint(1, 6))) for _ in range(count)]
    return "(?:" + "|".join(words) + ")+x"


def test_a_small_ambiguous_alternation_is_still_refused():
    assert backtracking_risk(_alternation(50)) is not None


def test_a_body_of_thousands_of_characters_is_not_paired(monkeypatch):
    """Its automaton (thousands of states, millions of edges) once took all the
    memory of the machine: now it is left to the time limit, unbuilt."""
    from normalize import regex_safety

    def refuse(*args: object) -> None:
        raise AssertionError("the automaton was built")

    monkeypatch.setattr(regex_safety, "_Body", refuse)
    assert backtracking_risk(_alternation(1000)) is None


def test_pairing_a_large_body_stops_at_its_work_limit():
    """A body under the size limit whose pairs fan out (a hundred words) is
    weighed up to _WORK pairs, then left to the time limit: a few tens of
    megabytes, not the hundreds that pairing it to the end took."""
    tracemalloc.start()
    try:
        found = backtracking_risk(_alternation(100))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is None
    assert peak < 150_000_000
