"""Baselines: accept today's findings, report only new ones.

A newsroom adopting the check on an archive with thousands of old findings
records them once (`check --write-baseline FILE`) and then fails CI only on
new ones (`check --baseline FILE`).

A finding is recorded by a fingerprint that survives edits elsewhere in the
file: its code, the text found, and up to `CONTEXT_WORDS` words either side
on the same line, all case-folded and with whitespace collapsed. Line and
column numbers are not part of it, so moving paragraphs around changes
nothing. The same fingerprint can occur several times in a file; the
baseline counts them, and only occurrences beyond the count are new.

Paths are stored relative to the baseline file's folder, so the baseline
works from any working directory.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .document import Unreadable, read_utf8
from .model import Finding
from .report import FileResult, Report
from .text import WORD_RE

SCHEMA_VERSION = 1
CONTEXT_WORDS = 3


class BaselineError(Exception):
    """A baseline file that cannot be used. str() names the file."""


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _line_around(text: str, start: int, end: int) -> tuple[str, str]:
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find("\r", end)) if i != -1]
    line_end = min(ends) if ends else len(text)
    return text[line_start:start], text[end:max(line_end, end)]


def fingerprint(finding: Finding, text: str) -> str:
    """A stable id for a finding: code + text found + nearby words, not its position."""
    before, after = _line_around(text, finding.start, finding.end)
    words_before = WORD_RE.findall(before)[-CONTEXT_WORDS:]
    words_after = WORD_RE.findall(after)[:CONTEXT_WORDS]
    key = "\x1f".join((finding.code, _norm(finding.text), _norm(" ".join(words_before)),
                       _norm(" ".join(words_after))))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def relative_path(path: str, root: Path) -> str:
    """`path` relative to `root` (resolved) with '/' separators (as given if on
    another drive). A path that is not below `root` as written may be through a
    symbolic link (a working folder reached by a link, macOS's /tmp): then it is
    resolved, so that each name of a file gives the one entry, as config._relative
    does."""
    rel = _as_written(path, root)
    if rel == ".." or rel.startswith("../"):
        try:
            return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()
        except ValueError:
            pass
    return rel


def _as_written(path: str, root: Path) -> str:
    """`path` relative to `root` without resolving symbolic links in it (how
    baselines were written before they were resolved)."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def build(report: Report, root: Path) -> dict[str, Any]:
    """The baseline for a report: per file, each fingerprint with its count (sorted)."""
    entries = []
    for result in report.files:
        counts: Counter[str] = Counter()
        sample: dict[str, Finding] = {}
        for f in result.findings:
            fp = fingerprint(f, result.doc.text)
            counts[fp] += 1
            sample.setdefault(fp, f)
        rel = relative_path(result.doc.path, root)
        for fp, n in counts.items():
            entries.append({"path": rel, "code": sample[fp].code, "text": sample[fp].text,
                            "fingerprint": fp, "count": n})
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    return {"schema_version": SCHEMA_VERSION, "findings": entries}


@dataclass(frozen=True)
class Baseline:
    root: Path
    counts: dict[tuple[str, str], int]  # (relative path, fingerprint) -> count

    @cached_property
    def paths(self) -> frozenset[str]:
        return frozenset(rel for rel, _ in self.counts)

    @classmethod
    def parse(cls, data: Any, path: Path) -> Baseline:
        def bad(what: str) -> BaselineError:
            return BaselineError(f"{path}: not a normalize baseline ({what})")

        version = data.get("schema_version") if isinstance(data, dict) else None
        if type(version) is not int or version != SCHEMA_VERSION:  # not true, not 1.0
            raise bad(f"want schema_version {SCHEMA_VERSION}")
        if not isinstance(data.get("findings"), list):
            raise bad("no 'findings' list")
        counts: dict[tuple[str, str], int] = {}
        for i, entry in enumerate(data["findings"]):
            if not isinstance(entry, dict) or not all(
                    isinstance(entry.get(key), str) for key in ("path", "fingerprint")):
                raise bad(f"entry {i} lacks path or fingerprint")
            count = entry.get("count")
            if isinstance(count, float) and count.is_integer():
                count = int(count)  # 2.0 (1e999, inf and nan are not whole numbers)
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise bad(f"entry {i}: 'count' is {count!r}, want a whole number, 0 or more")
            key = (entry["path"], entry["fingerprint"])
            counts[key] = counts.get(key, 0) + count
        return cls(path.resolve().parent, counts)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """The baseline in file `path`; BaselineError (one line naming it) if it
        cannot be read or is not one."""
        import json

        try:
            text = read_utf8(path)
        except Unreadable as exc:
            raise BaselineError(f"{path}: cannot read baseline ({exc.reason})") from None
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # and numbers too long to read
            raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
        return cls.parse(data, path)

    def new_findings(self, report: Report) -> Report:
        """The report without the findings the baseline accepts."""
        files = [FileResult(r.doc, tuple(self.new_in(r.doc.path, r.doc.text, r.findings)),
                            r.fixed) for r in report.files]
        return replace(report, files=tuple(files))

    def new_in(self, path: str, text: str, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of the file `path`, whose text is `text`, that the
        baseline does not accept (for `fix`: the findings left in its new text)."""
        rel = relative_path(path, self.root)
        if rel not in self.paths and _as_written(path, self.root) in self.paths:
            rel = _as_written(path, self.root)  # a baseline written through a link
        seen: Counter[str] = Counter()
        kept = []
        for f in findings:
            fp = fingerprint(f, text)
            seen[fp] += 1
            if seen[fp] > self.counts.get((rel, fp), 0):
                kept.append(f)
        return kept
