"""What the command modules share: exit codes, failing with a message, rule options.

Part of the command line (with cli.py and cli_rules.py): the only modules
that print, write files or pick exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from .kinds.base import RuleError
from .loader import RuleSet, load_rules

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT), as shells report a command it stopped: 128 + 2


def fail(message: str) -> NoReturn:
    echo_error(message)
    sys.exit(EXIT_ERROR)


def echo_error(message: str, kind: str = "error") -> None:
    """An `error:` (or `note:`) line on stderr, control characters in it (a file
    name's) shown as escapes: sent raw, a terminal would act on them, and click
    would strip an escape sequence from the name when stderr is not a terminal."""
    from .report import visible

    click.echo(f"{kind}: {visible(message)}", err=True)


def echo_out(text: str, raw: bool = False) -> None:
    """`text` on standard output as it is (no line break added); as its bytes when
    a file name in it is not UTF-8 (a strict standard-output encoding would
    refuse it) or when `raw` (click would strip escape sequences from text when
    standard output is not a terminal)."""
    from .report import as_bytes, has_surrogates

    if raw or has_surrogates(text):
        sys.stdout.flush()
        click.echo(as_bytes(text), nl=False)
    else:
        click.echo(text, nl=False)


def say(text: str) -> None:
    """Print a line on standard output (see echo_out)."""
    echo_out(text + "\n")


def load_ruleset(rules_dirs: tuple[Path, ...], no_default: bool) -> RuleSet:
    try:
        return load_rules(list(rules_dirs), use_defaults=not no_default)
    except RuleError as exc:
        fail(str(exc))


rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="Add a folder of rule files (repeatable).")
no_default_option = click.option(
    "--no-default-rules", is_flag=True, help="Do not load the rules shipped with normalize.")
