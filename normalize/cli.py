"""The command line. The only module that prints, writes files or picks exit codes.

Exit codes: 0 nothing found, 1 findings, 2 usage error, unreadable input or
a bad rule file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .document import Document
from .engine import check_document, check_paths, example_problems, read_all
from .fixer import allowed, fix_until_stable
from .kinds import KINDS
from .kinds.base import RuleError
from .loader import RuleSet, load_rule_file, load_rules
from .report import formatters
from .report.diff import unified_diff

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _rules(rules_dirs: tuple[Path, ...], no_default: bool) -> RuleSet:
    try:
        return load_rules(list(rules_dirs), use_defaults=not no_default)
    except RuleError as exc:
        _fail(str(exc))
        raise AssertionError from None  # unreachable: _fail exits


rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="Add a folder of rule files (repeatable).")
no_default_option = click.option(
    "--no-default-rules", is_flag=True, help="Do not load the rules shipped with normalize.")
paths_argument = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
def main() -> None:
    """Check machine-translated news articles for mangled names, translation
    artefacts, foreign leftovers and boilerplate; propose and apply fixes."""


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "diff"]), default="text",
              show_default=True, help="Output format.")
@rules_option
@no_default_option
def check(paths: tuple[Path, ...], fmt: str, rules_dirs: tuple[Path, ...],
          no_default_rules: bool) -> None:
    """Check files and folders; report findings and proposals."""
    rules = _rules(rules_dirs, no_default_rules)
    report = check_paths(paths, rules, with_fixed=fmt == "diff")
    click.echo(formatters()[fmt](report), nl=False)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    sys.exit(EXIT_ERROR if report.errors else EXIT_FINDINGS if report.findings else EXIT_CLEAN)


@main.command()
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print the diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@rules_option
@no_default_option
def fix(paths: tuple[Path, ...], show_diff: bool, unsafe_fixes: bool,
        rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """Apply safe fixes in place (display-only proposals are never written)."""
    rules = _rules(rules_dirs, no_default_rules)
    levels = allowed("unsafe" if unsafe_fixes else "safe")
    errors: list[str] = []
    fixed_count = files_changed = remaining = 0
    for doc in read_all(paths, errors):
        new, applied = fix_until_stable(doc, rules, levels)
        if new != doc.text:
            if show_diff:
                click.echo(unified_diff(doc.path, doc.text, new), nl=False)
            else:
                try:
                    write_atomic(Path(doc.path), doc.encode(new))
                except OSError as exc:
                    errors.append(f"{doc.path}: cannot write ({exc.strerror or exc})")
                    continue
            fixed_count += applied
            files_changed += 1
        remaining += len(check_document(Document.from_text(new, doc.path), rules))
    verb = "Would fix" if show_diff else "Fixed"
    click.echo(f"{verb} {fixed_count} findings in {files_changed} files; "
               f"{remaining} findings remain.", err=show_diff)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if remaining else EXIT_CLEAN)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then replace; keep the mode."""
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@main.group()
def rules() -> None:
    """List, explain and validate rules."""


@rules.command("list")
@rules_option
@no_default_option
def rules_list(rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """List the loaded rules: code, kind, name, severity."""
    for rule in sorted(_rules(rules_dirs, no_default_rules).rules, key=lambda r: r.meta.code):
        m = rule.meta
        click.echo(f"{m.code:8} {m.kind:13} {m.severity.value:10} {m.name}")


@rules.command("explain")
@click.argument("code")
@rules_option
@no_default_option
def rules_explain(code: str, rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """Explain a rule: its kind's documentation, source and examples."""
    rule = _rules(rules_dirs, no_default_rules).by_code(code.upper())
    if rule is None:
        _fail(f"no rule with code {code!r} (see `normalize rules list`)")
    m = rule.meta
    click.echo(f"{m.code}: {m.name} ({m.kind}, {m.severity.value}, fix: {m.applicability.value})")
    if m.description:
        click.echo(f"\n{m.description.strip()}")
    click.echo(f"\nSource: {m.source.strip()}\nFile: {m.path}")
    click.echo("\nFlags:")
    for example in m.examples_fail:
        click.echo(f"  - {example}")
    click.echo("Leaves alone:")
    for example in m.examples_pass:
        click.echo(f"  - {example}")
    click.echo(f"\nThe '{m.kind}' kind:\n")
    click.echo((KINDS[m.kind].__doc__ or "").strip())
    click.echo((sys.modules[KINDS[m.kind].__module__].__doc__ or "").strip())


@rules.command("validate")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
def rules_validate(dirs: tuple[Path, ...]) -> None:
    """Validate rule files: parse them and run their examples."""
    problems = 0
    count = 0
    for folder in dirs:
        files = sorted(folder.rglob("*.toml")) if folder.is_dir() else [folder]
        for path in files:
            count += 1
            try:
                rule = load_rule_file(path)
            except RuleError as exc:
                click.echo(str(exc))
                problems += 1
                continue
            for message in example_problems(rule):
                click.echo(f"{path}: {message}")
                problems += 1
    click.echo(f"{count} rule files, {problems} problems.")
    sys.exit(EXIT_ERROR if problems else EXIT_CLEAN)
