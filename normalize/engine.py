"""Run rules over documents -> findings, sorted and deterministic.

Detection never mutates and never prints: a rule yields findings, the engine
drops those that touch protected text (URLs, e-mail addresses, @handles,
#hashtags, code) and returns them in a stable order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import DEFAULT_SUFFIXES, Document
from .kinds.base import Rule
from .loader import RuleSet
from .model import Finding


def check_document(doc: Document, rules: RuleSet) -> list[Finding]:
    found: set[Finding] = set()
    for rule in rules.rules:
        for finding in rule.check(doc):
            if not doc.is_protected(finding.start, finding.end):
                found.add(finding)
    return sorted(found, key=Finding.sort_key)


def walk(paths: Iterable[Path], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES) -> Iterator[Path]:
    """Files named on the command line, and files with `suffixes` below folders, sorted.

    A named file is always yielded (the user asked for it); a path that does
    not exist is yielded too, so that reading it reports the error.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in suffixes and (p.is_file() or p.is_symlink())
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for p in found:
            if p not in seen:
                seen.add(p)
                yield p


def example_problems(rule: Rule) -> list[str]:
    """The rule's own examples that do not behave as its file says."""
    single = RuleSet((rule,))
    out = []
    for example in rule.meta.examples_fail:
        if not check_document(Document.from_text(example), single):
            out.append(f"{rule.meta.code} does not flag its 'fail' example: {example!r}")
    for example in rule.meta.examples_pass:
        if check_document(Document.from_text(example), single):
            out.append(f"{rule.meta.code} flags its 'pass' example: {example!r}")
    return out
