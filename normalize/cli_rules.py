"""`normalize rules list|explain|validate`: what the loaded rules are and whether they work."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import consistency, grouping, suppression
from .cli_common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    PathArgument,
    echo_error,
    fail,
    load_ruleset,
    no_default_option,
    rules_option,
    say,
)
from .engine import example_problems
from .kinds import KINDS
from .kinds.base import Rule, RuleError
from .loader import claim_code, read_rule_file, rule_files
from .parallel import FileTimeout, limit_for, limited, time_limit_problem, time_limits
from .report import counted, visible


def _example_problems(rule: Rule) -> list[str]:
    """`example_problems`, within the time a file's check may take for as
    much text as the examples hold (normalize.parallel): a rule whose pattern
    backtracks on one of them is a problem, not a hang."""
    examples = (*rule.meta.examples_fail, *rule.meta.examples_pass)
    limit = limit_for(sum(map(len, examples)))
    try:
        return limited(limit, example_problems, rule)
    except FileTimeout:
        return [f"{rule.meta.code}: its examples took longer than {limit:.3g} s to check, "
                "stopped (a pattern that backtracks; NORMALIZE_TIME_LIMIT sets the limit)"]


def _say(text: str) -> None:
    """A line (or lines) holding a rule file's own text on standard output, its
    control characters shown as escapes, as the text report shows article text:
    a rule folder is input like any other."""
    say("\n".join(map(visible, text.split("\n"))))


@click.group()
def rules() -> None:
    """List, explain and validate rules."""


@rules.command("list")
@rules_option
@no_default_option
def rules_list(rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """List the loaded rules: code, kind, name, severity."""
    for rule in sorted(load_ruleset(rules_dirs, no_default_rules).rules, key=lambda r: r.meta.code):
        m = rule.meta
        _say(f"{m.code:8} {m.kind:13} {m.severity.value:10} {m.name}")


@rules.command("explain")
@click.argument("code")
@rules_option
@no_default_option
def rules_explain(code: str, rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """Explain a rule: its kind's documentation, source and examples."""
    if code.upper() in suppression.CHECKER_CODES:  # normalize's checks of its own comments
        click.echo(f"{code.upper()}: a problem with an inline suppression comment (warning)\n")
        click.echo((suppression.__doc__ or "").strip())
        return
    if code.upper() in consistency.CODES:  # the folder-wide names stage, not a rule file
        name, severity = consistency.CODES[code.upper()]
        click.echo(f"{code.upper()}: {name} (folder-wide names stage, {severity.value})\n")
        click.echo((consistency.__doc__ or "").strip())
        click.echo("\n" + (grouping.__doc__ or "").strip())
        return
    rule = load_ruleset(rules_dirs, no_default_rules).by_code(code.upper())
    if rule is None:
        fail(f"no rule with code {code!r} (see `normalize rules list`)")
    m = rule.meta
    fix = m.applicability.value if rule.PROPOSES else "none"  # a kind that only flags
    _say(f"{m.code}: {m.name} ({m.kind}, {m.severity.value}, fix: {fix})")
    if m.description:
        _say(f"\n{m.description.strip()}")
    _say(f"\nSource: {m.source.strip()}\nFile: {m.path}")
    if m.supersedes:
        _say(f"Supersedes: {', '.join(m.supersedes)} (their findings inside this rule's "
                   "are not reported)")
    click.echo("\nFlags:")
    for example in m.examples_fail:
        _say(f"  - {example}")
    click.echo("Leaves alone:")
    for example in m.examples_pass:
        _say(f"  - {example}")
    click.echo(f"\nThe '{m.kind}' kind:\n")
    click.echo((KINDS[m.kind].__doc__ or "").strip())
    click.echo((sys.modules[KINDS[m.kind].__module__].__doc__ or "").strip())


@rules.command("validate")
@click.argument("dirs", nargs=-1, required=True, type=PathArgument(path_type=Path))
@no_default_option
def rules_validate(dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """Validate rule files: parse them and run their examples.

    Folders are read as `check` reads them (loader.rule_files): configs and
    TOML files that are not rule files are passed over (a note names the
    latter). A code is a clash if another file given, or a shipped rule
    (unless --no-default-rules), has it. A folder without rule files is a
    problem: it would validate nothing."""
    if (setting := time_limit_problem()) is not None:
        fail(setting)
    problems = count = skipped = 0
    seen: dict[str, str] = {}  # code -> file: `check` refuses a code used twice
    if not no_default_rules:
        for shipped in load_ruleset((), False).rules:
            seen[shipped.meta.code] = shipped.meta.path
    done: set[str] = set()  # a file named twice, or in two folders given, is read once

    def problem(message: str) -> None:
        nonlocal problems
        echo_error(message)
        problems += 1

    with time_limits():  # a pattern that backtracks on an example must not hang it
        for given in dirs:
            try:
                files = rule_files(given) if os.path.isdir(given) else [given]
            except RuleError as exc:
                problem(str(exc))
                continue
            rules_here = 0
            for path in files:
                real = os.path.realpath(path)
                if real in done:
                    rules_here += 1
                    continue
                done.add(real)
                try:
                    rule = read_rule_file(path)
                except RuleError as exc:
                    problem(str(exc))
                    count += 1
                    rules_here += 1
                    continue
                if rule is None:
                    echo_error(f"{path}: not a rule file (no 'kind' or 'code' key); "
                               "skipped, as `check` skips it", "note")
                    skipped += 1
                    continue
                count += 1
                rules_here += 1
                duplicate = claim_code(rule, seen)
                if duplicate is not None and os.path.realpath(seen[rule.meta.code]) != real:
                    problem(str(duplicate))
                for message in _example_problems(rule):
                    problem(f"{path}: {message}")
            if os.path.isdir(given) and not rules_here:
                problem(f"{given}: no rule files in this folder")
    summary = f"{counted(count, 'rule file')}, {counted(problems, 'problem')}"
    if skipped:
        summary += f" ({counted(skipped, 'other TOML file')} skipped)"
    click.echo(summary + ".")
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)
