"""The Python API: check and fix text or files from a program.

    import normalize

    findings = normalize.check_text("Foreign Minister Kestutis Budrys spoke.")
    fixed = normalize.fix_text("Foreign Minister Kestutis Budrys spoke.")

Findings are `normalize.model.Finding` values (character offsets into the
text, the code, the message, the proposal as `finding.replacement`).
Nothing here prints or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .config import Config, resolve_config
from .document import Document
from .engine import check_document, walk
from .engine import check_paths as _check_paths
from .fixer import allowed, fix_and_check
from .loader import RuleSet, load_rules
from .model import Finding
from .report import Report


@dataclass(frozen=True)
class FixResult:
    text: str  # the fixed text
    applied: int  # how many edits were applied
    remaining: tuple[Finding, ...]  # what is still found in the fixed text


@lru_cache(maxsize=8)
def _load(dirs: tuple[Path, ...], use_defaults: bool) -> RuleSet:
    return load_rules(list(dirs), use_defaults=use_defaults)


def _ruleset(rules: RuleSet | Iterable[str | Path] | None, config: Config) -> RuleSet:
    if isinstance(rules, RuleSet):
        ruleset = rules
    else:
        extra = tuple(Path(d).resolve() for d in rules or ()) + config.rules
        ruleset = _load(extra, config.default_rules)
    return ruleset.with_policy(config)


def _config(config: Config | str | Path | None, paths: Sequence[Path],
            select: Iterable[str] | None, ignore: Iterable[str] | None) -> Config:
    if config is None or isinstance(config, (str, Path)):
        config = resolve_config(Path(config) if config else None, list(paths))
    return config.override(select=tuple(select or ()), ignore=tuple(ignore or ()))


def check_text(text: str, path: str = "<text>", *, rules: RuleSet | Iterable[str | Path] | None
               = None, select: Iterable[str] | None = None,
               ignore: Iterable[str] | None = None) -> list[Finding]:
    """Findings in `text`, sorted. `path` names it (its suffix picks Markdown or HTML parsing).

    `rules`: a RuleSet, or extra rule folders to load beside the shipped rules.
    `select` / `ignore`: code prefixes, as on the command line.
    """
    config = _config(Config(), (), select, ignore)
    return check_document(Document.from_text(text, path), _ruleset(rules, config))


def check_paths(paths: Iterable[str | Path], *, config: Config | str | Path | None = None,
                rules: RuleSet | Iterable[str | Path] | None = None,
                select: Iterable[str] | None = None,
                ignore: Iterable[str] | None = None) -> Report:
    """Check files and folders as `normalize check` does, config included.

    `config`: a Config, a config file, or None to search upward from the paths.
    Returns a Report: `.findings` (all, sorted per file), `.files` (per file,
    with the Document for line/column: `result.doc.position(finding.start)`; a
    file without findings holds only its path, `result.doc.whole()` reads it),
    `.errors` (unreadable inputs, one line each).
    """
    path_list = [Path(p) for p in paths]
    cfg = _config(config, path_list, select, ignore)
    ruleset = _ruleset(rules, cfg)
    named = set(path_list)
    walk_errors: list[str] = []  # folders that cannot be listed
    files = [p for p in walk(path_list, errors=walk_errors) if p in named or cfg.wants_file(p)]
    report = _check_paths(files, ruleset, walked=True)
    return replace(report, rules=tuple(r.meta for r in ruleset.rules),
                   errors=tuple(walk_errors) + report.errors)


def fix_text(text: str, path: str = "<text>", *, unsafe: bool = False,
             rules: RuleSet | Iterable[str | Path] | None = None,
             select: Iterable[str] | None = None,
             ignore: Iterable[str] | None = None) -> FixResult:
    """Apply the safe fixes (also unsafe ones with `unsafe=True`) until stable."""
    config = _config(Config(), (), select, ignore)
    ruleset = _ruleset(rules, config)
    doc = Document.from_text(text, path)
    new, applied, remaining = fix_and_check(doc, ruleset, allowed("unsafe" if unsafe else "safe"))
    return FixResult(new, applied, tuple(remaining))
