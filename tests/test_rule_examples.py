"""Every rule file's examples behave as the file says; the rule data is sound."""

from __future__ import annotations

from collections import Counter

import pytest

from normalize.engine import example_problems
from normalize.loader import load_rules
from normalize.text import fold

RULES = load_rules([], use_defaults=True).rules


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_examples(rule):
    assert example_problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.meta.code)
def test_rule_has_enough_examples_and_a_source(rule):
    assert len(rule.meta.examples_fail) >= 5, "at least 5 examples that must fire"
    assert len(rule.meta.examples_pass) >= 5, "at least 5 examples that must not fire"
    assert rule.meta.source.strip()


def test_codes_are_unique():
    codes = Counter(r.meta.code for r in RULES)
    assert [c for c, n in codes.items() if n > 1] == []


def test_no_name_listed_twice_across_names_rules():
    seen: dict[str, str] = {}
    for rule in RULES:
        if rule.meta.kind != "names":
            continue
        for name in rule.options["names"]:
            key = " ".join(fold(w) for w in name.split())
            assert key not in seen, f"{name} in {rule.meta.code} and {seen[key]}"
            seen[key] = rule.meta.code


def test_substitutions_have_no_self_maps_or_cycles():
    for rule in RULES:
        if rule.meta.kind != "substitution" or rule.options["regex"]:
            continue
        swap = {k.lower(): v for k, v in rule.options["swap"].items()}
        for found, proposal in swap.items():
            proposals = [proposal] if isinstance(proposal, str) else proposal
            for p in proposals:
                assert p.lower() != found, f"{rule.meta.code}: {found} maps to itself"
                assert p.lower() not in swap, f"{rule.meta.code}: {found} -> {p} -> ..."
