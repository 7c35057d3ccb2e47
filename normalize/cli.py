"""The command line: `check` and `fix` here, `rules ...` in cli_rules.py, shared bits in
cli_common.py. These are the only modules that print, write files or pick exit codes.

Exit codes: 0 nothing found, 1 findings, 2 usage error, unreadable input or
a bad rule file, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .cli_common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    PathArgument,
    echo_error,
    echo_out,
    guarded,
    no_default_option,
    rules_option,
)
from .cli_common import fail as _fail
from .cli_common import load_ruleset as _rules
from .config import FAIL_LEVELS, FORMATS, Config, ConfigError, resolve_config
from .consistency import CODES as FOLDER_CODES
from .document import Document, DocumentError, find_protected
from .engine import check_document, check_paths, folder_findings, walk_names, wanted
from .entities import KEEP, MentionTable, collect_packed
from .fixer import NOT_WRITTEN, WOULD_BE, allowed, fix_and_check
from .loader import RuleSet
from .model import Applicability, Finding
from .parallel import jobs_wanted, run_per_file, time_limit_problem
from .suppression import CHECKER_CODES
from .writing import write_atomic, write_output

if TYPE_CHECKING:
    from . import baseline
    from .report import Report

# What only some commands need (`rules`, baselines, the other output formats,
# writing files) is imported when used: `normalize check FILE` in a pre-commit
# hook pays for starting up on every commit.

config_option = click.option(
    "--config", "config_file", type=PathArgument(path_type=Path, dir_okay=False),
    help="Config file (normalize.toml or pyproject.toml); default: the nearest one upward.")
select_option = click.option(
    "--select", multiple=True, metavar="CODES",
    help="Only these code prefixes, comma-separated (replaces the config's select).")
ignore_option = click.option(
    "--ignore", multiple=True, metavar="CODES",
    help="Skip these code prefixes, comma-separated (replaces the config's ignore).")


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())


def _setup(paths: tuple[Path, ...], config_file: Path | None, rules_dirs: tuple[Path, ...],
           no_default: bool, **overrides: object) -> tuple[Config, RuleSet]:
    """Config (file, then command-line overrides) and the rules it asks for."""
    if (problem := time_limit_problem()) is not None:
        _fail(problem)
    if Path("-") in paths and not os.path.lexists("-"):
        _fail("-: reading standard input is not supported; name the files or folders to check")
    try:
        config = resolve_config(config_file, list(paths)).override(**overrides)
    except ConfigError as exc:
        _fail(str(exc))
    if no_default:
        config = config.override(default_rules=False)
    rules = _rules(config.rules + rules_dirs, not config.default_rules)
    known = {r.meta.code for r in rules.rules} | set(CHECKER_CODES) | set(FOLDER_CODES)
    where = str(config.path) if config.path else "command line"
    keyed = [("select", config.select), ("ignore", config.ignore),
             *((f"per-path-ignores.{glob}", codes) for glob, codes in config.per_path_ignores)]
    for key, prefixes in keyed:
        for prefix in prefixes:
            if not any(code.startswith(prefix) for code in known):
                _fail(f"{where}: key '{key}': {prefix!r} matches no loaded rule")
    return config, rules.with_policy(config)


def _files(paths: tuple[Path, ...], config: Config, force_exclude: bool,
           errors: list[str]) -> list[str]:
    """The names of the files found in folders if the config's include/exclude want
    them; named files always, unless `force_exclude` (pre-commit names every file it
    sees). Folders that cannot be listed go to `errors`, and so does a run whose
    folders held files that include/exclude all leave out: it would pass having
    checked nothing."""
    named = set() if force_exclude else {str(p) for p in paths}
    found = list(walk_names(paths, errors=errors))
    kept = [p for p in found if p in named or config.wants_file(p)]
    if found and not kept and any(os.path.isdir(p) for p in paths):
        errors.append(config.none_wanted(found))
    return kept


PROGRESS_MIN_FILES = 20  # fewer files finish before a bar would be worth drawing


def show_progress(files: int, quiet: bool, is_tty: bool, env: dict[str, str]) -> bool:
    """A progress bar on stderr: only for long runs at a terminal, never in CI or with -q."""
    return files >= PROGRESS_MIN_FILES and is_tty and not quiet and not env.get("CI")


def _with_progress(files: list[str], quiet: bool) -> Iterable[str]:
    if not show_progress(len(files), quiet, sys.stderr.isatty(), dict(os.environ)):
        return files

    def advancing() -> Iterator[str]:
        with click.progressbar(files, label="Checking", file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return advancing()


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=None,
    help="Check files in N processes (0: one per CPU; default: one per CPU, at most 4, "
         "for 200 files or more; never more than the files, nor 4 a CPU); the output "
         "is the same.")
force_exclude_option = click.option(
    "--force-exclude", is_flag=True,
    help="Apply the config's include/exclude to files named on the command line too.")

baseline_option = click.option(
    "--baseline", "baseline_file", type=PathArgument(path_type=Path, dir_okay=False),
    help="Count only findings not recorded in this baseline file (default: the config's).")
fail_level_option = click.option(
    "--fail-level", type=click.Choice(FAIL_LEVELS), default=None,
    help="Lowest severity that makes the exit code 1 (default: the config's, else "
         "suggestion).")

paths_argument = click.argument(
    "paths", nargs=-1, required=True, type=PathArgument(path_type=Path))


class _Commands(click.Group):
    """The command group; `rules` (cli_rules.py) is imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "rules"})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "rules" and name not in self.commands:
            from .cli_rules import rules  # `normalize rules list|explain|validate`

            self.add_command(rules)
        return super().get_command(ctx, name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """The entry point: standard output that cannot be written is one error
        line and exit code 2, or, when its reader has gone, nothing (see
        cli_common.guarded)."""
        run = super().main
        return guarded(lambda: run(*args, **kwargs))

    def invoke(self, ctx: click.Context) -> object:
        """Ctrl-C ends a run with exit code 130, not click's 1 ("findings"). A
        file being fixed is left as it was (write_atomic cleans up)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="normalize")
def main() -> None:
    """Check machine-translated news articles for mangled names, translation
    artefacts, foreign leftovers and boilerplate; propose and apply fixes."""


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: the config's, else text).")
@click.option("--output", "-o", "output", type=PathArgument(path_type=Path, dir_okay=False),
              help="Write the report to FILE instead of standard output.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of findings.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar or notes on stderr (errors are always shown).")
@click.option("--show-config", is_flag=True,
              help="Print the settings in effect (file found, then flags) and exit.")
@baseline_option
@click.option("--write-baseline", type=PathArgument(path_type=Path, dir_okay=False),
              help="Record today's findings in FILE (then exit 0) for later --baseline runs.")
@fail_level_option
@config_option
@select_option
@ignore_option
@force_exclude_option
@jobs_option
@rules_option
@no_default_option
def check(paths: tuple[Path, ...], fmt: str | None, output: Path | None, statistics: bool,
          quiet: bool, show_config: bool,
          baseline_file: Path | None, write_baseline: Path | None, fail_level: str | None,
          config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
          force_exclude: bool, jobs: int | None, rules_dirs: tuple[Path, ...],
          no_default_rules: bool) -> None:
    """Check files and folders; report findings and proposals."""
    config, rules = _setup(paths, config_file, rules_dirs, no_default_rules,
                           select=_codes(select), ignore=_codes(ignore),
                           fail_level=fail_level, format=fmt)
    if show_config:
        from .report import visible

        # a config's globs, codes and path are its author's text: control characters
        # (a terminal's escape sequences) are shown as escapes, as in every report
        click.echo("\n".join(map(visible, config.describe())))
        sys.exit(EXIT_CLEAN)
    if write_baseline is not None:
        for given, option in ((output, "--output"), (fmt, "--format"),
                              (statistics or None, "--statistics")):
            if given is not None:
                _fail(f"--write-baseline writes no report: leave out {option}")
    if statistics and config.format != "text":
        # (only the text report has a form for counts: refused, not silently text)
        remedy = "leave out one of them" if fmt else f"{config.path} sets it; add --format text"
        _fail(f"--statistics prints counts as text, not as {config.format}: {remedy}")
    fmt = config.format
    render = _formatter(fmt)
    if render is None:
        _fail(f"output format {fmt!r} is not available in this version")
    walk_errors: list[str] = []
    listed = _files(paths, config, force_exclude, walk_errors)
    # the articles, and what the run reads besides them: a report written over one of
    # those would leave every later run an error
    read = [(listed, "one of the files being checked"),
            ([str(config.path)] if config.path else [], "the config file this run reads"),
            ([r.meta.path for r in rules.rules], "a rule file this run reads")]
    used = baseline_file or config.baseline
    for target, option in ((output, "--output"), (write_baseline, "--write-baseline")):
        if target is None:
            continue
        also = []  # (--write-baseline over the baseline is what it is for)
        if used and option == "--output":
            also = [([str(used)], "the baseline this run reads")]
        for names, what in read + also:
            if _is_input(target, names):
                _fail(f"{target}: is {what}; {option} would overwrite it")
    jobs = jobs_wanted(jobs, len(listed))
    report = check_paths(_with_progress(listed, quiet), rules, with_fixed=fmt == "diff",
                         jobs=jobs, walked=True, freeze=True)
    report = replace(report, rules=tuple(r.meta for r in rules.rules),
                     errors=tuple(walk_errors) + report.errors)
    if not _names_wanted(rules):  # --select BP, --ignore NM: no names summary either
        report = replace(report, extra={**report.extra, "entities": []})
    if write_baseline is not None:
        from . import baseline
        from .report import json_text, visible

        data = baseline.build(report, write_baseline.resolve().parent)
        # a name that is not UTF-8 as a JSON escape: read back, it matches the file
        _write(write_baseline, json_text(data, indent=1) + "\n")
        if not quiet:
            click.echo(visible(f"Recorded {len(report.findings)} findings in {write_baseline}."),
                       err=True)
        _exit_for_errors(report.errors, EXIT_CLEAN)
    baseline_file = baseline_file or config.baseline
    if baseline_file is not None:
        report = _read_baseline(baseline_file).new_findings(report)
    if statistics:
        from .report.statistics import render
    text = render(report)
    if output is not None:
        _write(output, text)
    else:
        _print(text)
    for note in () if quiet else report.notes:
        echo_error(note, "note")
    failing = any(config.fails(f.severity) for f in report.findings)
    _exit_for_errors(report.errors, EXIT_FINDINGS if failing else EXIT_CLEAN)


def _names_wanted(rules: RuleSet) -> bool:
    """Whether the selection reports names: the folder-wide names stage's codes
    or a names rule's (the summary's listed names come from those)."""
    return (any(rules.wants(code) for code in FOLDER_CODES)
            or any(r.meta.kind == "names" and rules.wants(r.meta.code) for r in rules.rules))


def _is_input(target: Path, files: list[str]) -> bool:
    """Whether writing `target` would write over one of `files`: the same file,
    whatever the names (a symbolic or hard link, `d/../a.txt`). Only a target that
    exists can be one, so a new report costs one look-up."""
    try:
        info = target.stat()
    except OSError:
        return False
    for name in files:
        try:
            if os.path.samestat(info, os.stat(name)):
                return True
        except OSError:
            continue  # reading it will report it
    return False


def _formatter(fmt: str) -> Callable[[Report], str] | None:
    """The renderer of an output format (None: not available); text, the usual
    one, without importing the others."""
    if fmt == "text":
        from .report.text import render

        return render
    from .report import formatters

    return formatters().get(fmt)


def _exit_for_errors(errors: tuple[str, ...], code: int) -> NoReturn:
    for error in errors:
        echo_error(error)
    sys.exit(EXIT_ERROR if errors else code)


def _write(path: Path, text: str) -> None:
    from .report import as_bytes

    try:
        # UTF-8; a file name that is not UTF-8 is written as its own bytes by the
        # formats that keep it (text, diff), the others have escaped it already.
        # Atomically: a write that fails leaves the old report or baseline whole
        write_output(path, as_bytes(text))
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})")


def _print(text: str) -> None:
    """A report on standard output; one naming a file whose name is not UTF-8
    as bytes (as _write does). A diff's article text with an escape character
    in it as bytes too: stripped of its escape sequences, the diff would no
    longer apply (the text report has none: it shows them escaped)."""
    echo_out(text, raw="\x1b" in text)


def _read_baseline(path: Path) -> baseline.Baseline:
    from . import baseline

    try:
        return baseline.Baseline.read(path)
    except baseline.BaselineError as exc:
        _fail(str(exc))


@main.command()
@paths_argument
@click.option("--diff", "show_diff", is_flag=True, help="Print the diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@baseline_option
@fail_level_option
@config_option
@select_option
@ignore_option
@force_exclude_option
@jobs_option
@rules_option
@no_default_option
def fix(paths: tuple[Path, ...], show_diff: bool, unsafe_fixes: bool,
        baseline_file: Path | None, fail_level: str | None, config_file: Path | None,
        select: tuple[str, ...], ignore: tuple[str, ...], force_exclude: bool, jobs: int | None,
        rules_dirs: tuple[Path, ...], no_default_rules: bool) -> None:
    """Apply safe fixes in place (display-only proposals are never written).

    The exit code is the one `check` would give after the fixes: 1 if a
    finding at or above the fail-level remains that the baseline does not hold."""
    config, rules = _setup(paths, config_file, rules_dirs, no_default_rules,
                           select=_codes(select), ignore=_codes(ignore), fail_level=fail_level)
    baseline_file = baseline_file or config.baseline
    accepted = _read_baseline(baseline_file) if baseline_file is not None else None
    levels = allowed("unsafe" if unsafe_fixes else "safe")
    errors: list[str] = []
    notes: list[str] = []
    fixed_count = files_changed = 0
    files = _files(paths, config, force_exclude, errors)
    jobs = jobs_wanted(jobs, len(files))
    # the folder-wide names stage proposes unsafe fixes at most; its offsets hold
    # in the text each file had then, which `read` tells
    read: dict[str, tuple[int, int] | None] = {}
    extra = folder_findings(files, rules, jobs, read, walked=True) if unsafe_fixes else {}
    # what remains, as check would find it in the fixed files: per file, and the
    # folder-wide names stage over the new texts' mentions
    table = MentionTable(limit=KEEP)
    kept: list[tuple[Document, list[Finding]]] = []
    for doc, new, applied, left, after, mentions in run_per_file(
            files, _fix_one, (rules, levels, extra, read), jobs, errors, notes, freeze=True):
        if new is None:
            errors.append(f"{doc.path}: changed while being checked; not fixed")
            continue
        unwritten = _unwritten(left, levels)
        if unwritten:  # fixes the file's encoding cannot hold: shown, not written
            notes.append(f"{doc.path}: {len(unwritten)} fix{'es' * (len(unwritten) > 1)} "
                         f"not written: {unwritten[0]}")
        if new != doc.text:
            if show_diff:
                from .report.diff import unified_diff

                # a name's own bytes; the file's encoding and BOM (report.diff)
                _print(unified_diff(doc.path, doc.text, new, doc.encoding, doc.bom))
            else:
                try:
                    write_atomic(Path(doc.path), doc.encode(new), doc.fingerprint)
                except (DocumentError, OSError) as exc:  # the file's encoding cannot hold
                    # a fix, it changed since it was read, or the disk refused: the
                    # file is as it was, and so is what remains in it
                    errors.append(str(exc) if isinstance(exc, DocumentError) else
                                  f"{doc.path}: cannot write ({exc.strerror or exc})")
                    table.add_packed(collect_packed(doc))
                    kept.append((doc, check_document(doc, rules)))
                    continue
            fixed_count += applied
            files_changed += 1
        table.add_packed(mentions)
        # a text without findings is kept as its name, read again if the folder
        # stage reports on it (a file written since: without the fingerprint check)
        kept.append((after, left) if left or (show_diff and new != doc.text) else
                    (Document.placeholder(doc.path, doc.fingerprint if new == doc.text
                                          else None), left))
    remaining, failing = _left_over(kept, table, rules, jobs, config, accepted, errors)
    from .report import counted

    verb = "Would fix" if show_diff else "Fixed"
    click.echo(f"{verb} {counted(fixed_count, 'finding')} in {counted(files_changed, 'file')}; "
               f"{_remain(remaining, failing, config.fail_level)}.", err=show_diff)
    for note in notes:
        echo_error(note, "note")
    for error in errors:
        echo_error(error)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_CLEAN)


def _remain(remaining: int, failing: int, fail_level: str) -> str:
    """How many findings remain ("3 findings remain"), and how many of them the
    fail-level lets pass."""
    said = f"{remaining} finding remains" if remaining == 1 else f"{remaining} findings remain"
    if remaining > failing:
        said += f" ({remaining - failing} below the fail-level '{fail_level}')"
    return said


def _left_over(kept: list[tuple[Document, list[Finding]]], table: MentionTable,
               rules: RuleSet, jobs: int, config: Config, accepted: baseline.Baseline | None,
               errors: list[str]) -> tuple[int, int]:
    """The findings that remain in the fixed texts as `check` counts them (the
    files' own, the folder-wide names stage's on `table`, less what the baseline
    holds), and how many of them are at or above the fail-level."""
    from .consistency import decide
    from .engine import rereader  # (as check_paths reads them again)

    again = rereader(table, lambda holding: [doc for doc, _ in kept if doc.path in holding],
                     jobs)
    folder = decide(table, rules, {doc.path: left for doc, left in kept if left}, again=again)
    remaining = failing = 0
    for doc, left in kept:
        if folder.findings.get(doc.path):
            try:
                doc = doc.whole()
            except DocumentError as exc:  # changed or gone since
                errors.append(str(exc))
                continue
            left = sorted(set(left) | set(wanted(doc, rules, folder.findings)),
                          key=Finding.sort_key)
        if accepted is not None and left:
            left = accepted.new_in(doc.path, doc.text, left)
        remaining += len(left)
        failing += sum(1 for f in left if config.fails(f.severity))
    return remaining, failing


def _unwritten(left: list[Finding], levels: frozenset) -> list[str]:
    """Why the fixes among `left` that this run would write (`levels`) but the
    file's encoding cannot hold were not written (fixer.writable)."""
    return [facts[NOT_WRITTEN] for facts in map(dict, (f.data for f in left))
            if NOT_WRITTEN in facts and Applicability(facts[WOULD_BE]) in levels]


def _fix_one(doc: Document, rules: RuleSet, levels: frozenset, extra: dict, read: dict
             ) -> tuple[Document, str | None, int, list[Finding], Document, tuple]:
    """Fix one document until stable (run in workers with --jobs): the new
    text, the number of fixes applied, the findings that remain, the new text's
    Document and its name mentions (for the folder-wide names stage). The new
    text is None if the folder-wide stage (`extra`) has findings for a text the
    file no longer holds (`read`: the fingerprints of what that stage read)."""
    if extra.get(doc.path) and read.get(doc.path) != doc.fingerprint:
        return doc, None, 0, [], doc, ()
    new, applied, left = fix_and_check(doc, rules, levels, wanted(doc, rules, extra))
    after = doc if new == doc.text else replace(
        doc, text=new, protected=tuple(find_protected(new, doc.path)),
        fingerprint=None)
    return doc, new, applied, left, after, collect_packed(after)
