"""Kinds that only flag (existence, repetition, language) say so: `rules explain`
shows "fix: none" for their rules, not the `applicability` the rule file never
uses, and their findings indeed carry no fix."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.document import Document
from normalize.loader import load_rules

RULES = load_rules([], use_defaults=True).rules
FLAG_ONLY = [r for r in RULES if not r.PROPOSES]


def _header(code: str) -> str:
    result = CliRunner().invoke(main, ["rules", "explain", code], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[0]


def test_the_flag_only_kinds():
    assert {r.KIND for r in FLAG_ONLY} == {"existence", "repetition", "language",
                                           "declared-charset"}


@pytest.mark.parametrize("code", ["BP103", "BP110", "LG101"])
def test_explain_says_no_fix_for_a_kind_that_only_flags(code):
    assert _header(code).endswith(", fix: none)")


def test_explain_still_names_a_proposing_rules_applicability():
    rule = next(r for r in RULES if r.meta.code == "MT101")
    assert _header("MT101").endswith(f", fix: {rule.meta.applicability.value})")


@pytest.mark.parametrize("rule", FLAG_ONLY, ids=lambda r: r.meta.code)
def test_a_flag_only_rule_proposes_nothing(rule):
    for example in rule.meta.examples_fail:
        found = list(rule.check(Document.from_text(example)))
        assert found and all(f.fix is None for f in found), example
