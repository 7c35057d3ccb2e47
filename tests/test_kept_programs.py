"""Compiled programs kept on disk (normalize.programs) make the same patterns,
and the needles pass built once is loaded by the next run, not built again."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import cache, needles, programs
from normalize.loader import load_rules


def _rule_patterns() -> list[tuple[str, int]]:
    out = set()
    for rule in load_rules([], True).rules:
        for value in vars(rule).values():
            items = value if isinstance(value, (list, tuple, dict)) else [value]
            for item in (items.values() if isinstance(items, dict) else items):
                item = item[0] if isinstance(item, tuple) and item else item
                source = getattr(item, "_source", None) or (
                    (item.pattern, item.flags) if isinstance(item, re.Pattern) else None)
                if source and isinstance(source[0], str):
                    out.add(source[:2])
    return sorted(out)


def test_a_kept_program_makes_the_pattern_re_compile_makes():
    patterns = _rule_patterns()
    assert len(patterns) > 100
    kept = []
    for source, flags in patterns:
        pattern, program = programs.build(source, flags)
        assert program is not None and pattern == re.compile(source, flags)
        kept.append(program)
    # patterns compare equal when their flags, source and programs are the same
    assert programs.load(programs.dumps(kept)) == [re.compile(s, f) for s, f in patterns]


@pytest.mark.filterwarnings("ignore::FutureWarning")  # "possible nested set": [[
@given(st.text("ab()|*+?[]^$.\\-{}1,", max_size=12), st.sampled_from([0, re.I, re.M | re.S]))
@settings(max_examples=500, deadline=None)
def test_any_pattern_builds_as_re_compile_does(source, flags):
    try:
        expected = re.compile(source, flags)
    except re.error:
        with pytest.raises(re.error):
            programs.build(source, flags)
        return
    pattern, program = programs.build(source, flags)
    assert pattern == expected
    assert programs.load(programs.dumps([program])) == [expected]


def test_a_damaged_program_is_not_loaded():
    _, program = programs.build("a+b")
    assert programs.load(b"not marshal") is None
    broken = (program[0], program[1], [99999, *program[2]], *program[3:])
    assert programs.load(programs.dumps([broken])) is None


NEEDLES = [f"word{n:03} of {n}" for n in range(300)] + ["drone", "©", "anti-"]


def test_a_built_pass_is_kept_and_loaded_by_the_next_registry(monkeypatch):
    first = needles._Registry(direct=0)
    first.add(NEEDLES)
    text = "A drone, then word007 of 7 and word123 of 9 and anti-war © 2024."
    expected = needles.Found(text, first).needles
    assert expected == {"drone", "word007 of 7", "anti-", "©"}

    def no_build(words):  # the next registry must not build
        raise AssertionError("built again")

    monkeypatch.setattr(needles, "_trie", no_build)
    second = needles._Registry()  # would search needle by needle, were nothing kept
    second.add(NEEDLES)
    assert needles.Found(text, second).needles == expected
    assert second.direct == needles.DIRECT  # no document was searched needle by needle


def test_a_damaged_kept_pass_is_built_again():
    registry = needles._Registry(direct=0)
    registry.add(NEEDLES + ["missile"])
    cache.write(needles.NAME, f"{programs.KEY} {registry._key()}", b"damaged")  # where read looks
    assert needles.Found("A missile hit.", registry).needles == {"missile"}
    assert registry._built == registry.version


def test_kept_patterns_of_another_count_are_built_again():
    """An entry holding fewer patterns than asked for (an older layout) is not used."""
    key = "count test"
    assert programs.kept("count-test", key, lambda: [("a+", 0)]) == [re.compile("a+")]
    both = [re.compile("a+"), re.compile("(a+)")]
    assert programs.kept("count-test", key, lambda: [("a+", 0), ("(a+)", 0)], 2) == both

    def no_build() -> list[tuple[str, int]]:
        raise AssertionError("built again")

    assert programs.kept("count-test", key, no_build, 2) == both


def test_the_capital_patterns_are_kept_and_equal_their_sources():
    from normalize import capitals

    sources = capitals._capital_sources()
    assert capitals._capital_patterns() == [re.compile(s, f) for s, f in sources]
    assert capitals._capital_split().pattern == f"({capitals._capital_re().pattern})"
