"""Run rules over documents -> findings, sorted and deterministic.

Detection never mutates and never prints: a rule yields findings, the engine
drops those that touch protected text (URLs, e-mail addresses, @handles,
#hashtags, code) and returns them in a stable order.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain
from operator import itemgetter, methodcaller
from pathlib import Path

from .consistency import CODES as FOLDER_CODES
from .consistency import decide
from .document import DEFAULT_SUFFIXES, Document, DocumentError, DocumentSkipped, read_bytes
from .document import fingerprint as fingerprint_of
from .entities import KEEP, Mention, MentionTable, collect_mentions, collect_packed
from .fixer import allowed, apply_fixes, writable
from .kinds.base import Rule, is_evidence
from .loader import RuleSet
from .markup import fit_to_prose, markup_kind, prose_view
from .model import Finding, reach_index
from .needles import found as needles_found
from .parallel import map_in_order, run_per_file
from .report import FileResult, Report
from .suppression import apply_suppressions, unsuppressed


def check_document(doc: Document, rules: RuleSet, assume_evidence: bool = False) -> list[Finding]:
    """Findings of `rules` in `doc`, sorted.

    Rules with `requires_evidence` run only when another rule found a
    translation artefact in the document (see kinds/base.py), or when
    `assume_evidence` says so (a rule's own examples).
    """
    view = prose_view(doc)  # Markdown/HTML: what rules see is prose, offsets unchanged
    plan = _plan(rules.active(doc.path))
    # the one pass for every rule's needles: a rule none of whose needles is
    # there cannot match, and is not even called
    got = needles_found(view.text)
    plain, needing = plan.rules if got.open else plan.chosen(got.needles)
    # each rule's findings, less those that touch protected text: a plain method
    # call (in C) when nothing is protected (most plain-text articles)
    run = (methodcaller("check", view) if not doc.protected else
           partial(_outside_protected, doc=doc, view=view,
                   markup=markup_kind(doc.path) is not None))
    found: set[Finding] = set(chain.from_iterable(map(run, plain)))
    if needing and (assume_evidence or any(map(is_evidence, found))):
        found.update(chain.from_iterable(map(run, needing)))
    text = doc.text
    if "<" in text and "normalize" in text:  # a suppression comment may be there
        kept = apply_suppressions(text, doc.path, found, rules.codes + tuple(FOLDER_CODES))
        out = [f for f in kept if f in found or rules.wants(f.code, doc.path)]
    else:  # none (every comment is "<!--"): what apply_suppressions would keep
        out = list(found)
    if rules.superseding and len(out) > 1:
        out = _unsuperseded(out, rules.superseding)
    return sorted(writable(doc, out), key=Finding.sort_key)  # (a legacy file: what it holds)


def _unsuperseded(findings: list[Finding], superseding: dict[str, frozenset[str]]
                  ) -> list[Finding]:
    """`findings` without those inside a reported finding whose rule supersedes
    their code (rule files' `supersedes`): "6 min de lecture" is a label to
    remove, and that it is in French adds nothing."""
    over: dict[frozenset[str], list[tuple[int, int]]] = {}
    for f in findings:
        if f.code in superseding:
            over.setdefault(superseding[f.code], []).append((f.start, f.end))
    if not over:
        return findings
    # for each set of codes superseded, the spans that supersede them: a finding is
    # inside one when one of those starting at or before it reaches its end
    indexes = [(codes, *reach_index(spans)) for codes, spans in over.items()]
    return [f for f in findings
            if not any(f.code in codes and (k := bisect_right(starts, f.start))
                       and reach[k - 1] >= f.end for codes, starts, reach in indexes)]


class _Plan:
    """Which of a path's rules to call, given the needles found: each rule
    without needles, and the rules whose needles include one found. Rules
    with `requires_evidence` come apart, to run only after the others."""

    def __init__(self, wanted: tuple[Rule, ...]) -> None:
        self.wanted = wanted
        self.rules = _split(wanted)
        self.always = [n for n, rule in enumerate(wanted) if rule.needles is None]
        self.by_needle: dict[str, list[int]] = {}
        for n, rule in enumerate(wanted):
            for needle in rule.needles or ():
                self.by_needle.setdefault(needle, []).append(n)
        self.base = _split(wanted[n] for n in self.always)
        # the lists for each choice of the rules with needles seen: a few hundred
        # choices recur over an archive
        self._picked: dict[frozenset[int], tuple[list[Rule], list[Rule]]] = {}

    def chosen(self, present: Iterable[str]) -> tuple[list[Rule], list[Rule]]:
        """The rules to call (without, with `requires_evidence`), in order."""
        by_needle = self.by_needle
        lists = [by_needle[n] for n in present if n in by_needle]
        if not lists:
            return self.base
        # kept by the rules with needles alone (a few numbers to hash, not every rule's)
        picked = frozenset(lists[0]) if len(lists) == 1 else frozenset().union(*lists)
        got = self._picked.get(picked)
        if got is None:
            if len(self._picked) >= _PICKED:
                self._picked.clear()
            got = self._picked[picked] = _split(
                [self.wanted[n] for n in sorted(picked.union(self.always))])
        return got


def _split(rules: Iterable[Rule]) -> tuple[list[Rule], list[Rule]]:
    plain: list[Rule] = []
    needing: list[Rule] = []
    for rule in rules:
        (needing if rule.meta.requires_evidence else plain).append(rule)
    return plain, needing


_PICKED = 4096  # choices a plan keeps
_PLANS: dict[int, _Plan] = {}


def _plan(wanted: tuple[Rule, ...]) -> _Plan:
    """The plan of a tuple of rules (RuleSet.active gives the same tuple for
    the same settings, so plans are kept by its identity)."""
    plan = _PLANS.get(id(wanted))
    if plan is None or plan.wanted is not wanted:
        if len(_PLANS) > 64:
            _PLANS.clear()
        plan = _PLANS[id(wanted)] = _Plan(wanted)
    return plan


def _run(rule: Rule, doc: Document, view: Document, markup: bool) -> Iterable[Finding]:
    """One rule's findings in `doc`, as check_document has them (bench/kinds.py)."""
    if not doc.protected:
        return rule.check(view)  # nothing to keep out (most plain-text articles)
    return _outside_protected(rule, doc, view, markup)


def _outside_protected(rule: Rule, doc: Document, view: Document,
                       markup: bool) -> Iterator[Finding]:
    finding: Finding | None  # None: nothing of it is prose (fit_to_prose)
    for finding in rule.check(view):
        if markup and finding.fix and any(
                doc.is_protected(e.start, e.end) for e in finding.fix.edits):
            continue  # fixes edit only prose
        if doc.is_protected(finding.start, finding.end):
            if not markup:
                continue
            finding = fit_to_prose(doc.text, doc.protected, finding)
            if finding is None:
                continue
        yield finding


def read_all(paths: Iterable[Path], errors: list[str],
             notes: list[str] | None = None) -> Iterator[Document]:
    """Documents under `paths` in walk order; unreadable ones go to `errors`,
    skipped binary files to `notes` (to `errors` when no `notes` is given)."""
    for path in walk(paths, errors=errors):
        try:
            yield Document.read(path, display=str(path))
        except DocumentSkipped as exc:
            (errors if notes is None else notes).append(str(exc))
        except DocumentError as exc:
            errors.append(str(exc))


def check_paths(paths: Iterable[Path | str], rules: RuleSet, with_fixed: bool = False,
                jobs: int = 1, walked: bool = False, freeze: bool = False) -> Report:
    """The whole check stage: read, run rules per document, collect a Report.

    `with_fixed` also computes each file's text with every proposal applied
    (for the diff report). `jobs` > 1 checks files in that many processes
    (normalize.parallel); the Report is the same. `walked`: `paths` are what
    `walk` or `walk_names` gave (files, each once), to be read as they are, not walked again.
    `freeze`: only for a process that ends with the run (normalize.parallel.map_in_order).

    Memory does not grow with the texts checked: a file without findings is
    kept as its path alone (`Document.placeholder`), and a file that the
    folder-wide names stage then reports on is read again.
    """
    errors: list[str] = []
    notes: list[str] = []
    kept: list[tuple[Document, list[Finding]]] = []

    # the folder-wide names stage counts each file's mentions into one table whose
    # size follows the distinct spellings, not the files; then decides on it
    table = MentionTable(limit=KEEP)
    files = paths if walked else walk_names(paths, errors=errors)
    for doc, findings, mentions in run_per_file(files, _check_one, (rules,), jobs,
                                                errors, notes, freeze):
        kept.append((doc, findings))
        table.add_packed(mentions)
    again = rereader(table, lambda holding: [doc for doc, _ in kept if doc.path in holding],
                     jobs)
    folder = decide(table, rules, {doc.path: found for doc, found in kept if found}, again=again)
    results = []
    everything = allowed("all")
    for doc, findings in kept:
        more = folder.findings.get(doc.path)
        if more and doc.is_placeholder:
            try:
                doc = doc.whole()
            except DocumentError as exc:  # changed or gone since it was checked
                errors.append(str(exc))
                continue
        if more:
            findings = sorted(set(findings) | set(wanted(doc, rules, folder.findings)),
                              key=Finding.sort_key)
        fixed = (apply_fixes(doc.text, findings, everything)[0]
                 if with_fixed and findings else None)
        results.append(FileResult(doc, tuple(findings), fixed))
    return Report(tuple(results), tuple(errors), extra={"entities": folder.entities},
                  notes=tuple(notes))


def folder_findings(paths: Iterable[Path | str], rules: RuleSet, jobs: int = 1,
                    read: dict[str, tuple[int, int] | None] | None = None,
                    walked: bool = False) -> dict[str, list[Finding]]:
    """The folder-wide names stage alone, per file (for `fix`, which fixes file by file).

    The findings' offsets are those of the text each file had when it was read
    here: `read` gets each file's fingerprint then (Document.fingerprint), for
    `fix` to leave alone a file that is not that text any more. `walked`: as in
    check_paths (`paths` are walk_names' files, not walked again)."""
    errors: list[str] = []
    files = [str(p) for p in paths] if walked else list(walk_names(paths, errors=errors))
    table = MentionTable(limit=KEEP)
    read = {} if read is None else read
    for path, seen, mentions in run_per_file(files, _mentions_one, (), jobs, errors, []):
        read[path] = seen
        table.add_packed(mentions)
    again = rereader(table, lambda holding: [Document.placeholder(name, read.get(name))
                                             for name in files if name in holding], jobs)
    return decide(table, rules, again=again).findings


def _mentions_one(doc: Document) -> tuple:
    return doc.path, doc.fingerprint, collect_packed(doc)


def rereader(table: MentionTable, docs_in: Callable[[Container[str]], list[Document]],
             jobs: int = 1) -> Callable[[set[tuple[str, ...]]], Iterator[Sequence[Mention]]]:
    """What the folder-wide names stage (consistency.decide) calls to read the
    mentions of the spellings it needs once more: of the documents `docs_in`
    gives for the names of the files that the table says hold them."""
    def again(needed: set[tuple[str, ...]]) -> Iterator[Sequence[Mention]]:
        return _mentions_again(docs_in(table.files_of(needed)), needed, jobs)

    return again


def _mentions_again(docs: list[Document], needed: set[tuple[str, ...]], jobs: int = 1
                    ) -> Iterator[Sequence[Mention]]:
    """The mentions of checked files once more, in walk order, for the spellings
    `needed` (which the bounded table kept only in part). `docs` are the files
    the table says they appear in; of those, a file that no longer holds the
    first word of one of them (a mention's words are pieces of its file's text)
    is left out undecoded, as is a file gone or changed since. Files to read
    again are read in `jobs` processes."""
    holds = _Holding({words[0] for words in needed})
    placeholders = [(doc.path, doc.fingerprint) for doc in docs if doc.is_placeholder]
    read = {path: found for path, found in map_in_order(_mentions_if_same, placeholders,
                                                         (holds,), jobs) if found}
    for doc in docs:
        if doc.is_placeholder:
            if doc.path in read:
                yield read[doc.path]
        elif holds(doc.text):
            yield collect_mentions(doc)


class _Holding:
    """Whether a text holds one of `words`: one search of their alternation, or,
    for a few words, `in` for each; in a file's UTF-8 bytes too (`in_utf8`)."""

    FEW = 8

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words), key=lambda w: (-len(w), w))
        self.encoded = [w.encode("utf-8") for w in self.words]
        self.search = re.compile("|".join(map(re.escape, self.words))).search

    def __call__(self, text: str) -> bool:
        if len(self.words) <= self.FEW:
            return any(w in text for w in self.words)
        return self.search(text) is not None

    def in_utf8(self, data: bytes) -> bool:
        """For UTF-8 `data`: whether its text holds one of the words (UTF-8
        finds a character sequence exactly where its bytes are)."""
        if len(self.words) <= self.FEW:
            return any(w in data for w in self.encoded)
        return self.search(data.decode("utf-8")) is not None


def _mentions_if_same(placeholder: tuple[str, tuple[int, int] | None], holds: _Holding
                      ) -> tuple[str, Sequence[Mention]]:
    path, was = placeholder
    return _mentions_if_holding(path, holds, was)


def _mentions_if_holding(path: str, holds: _Holding, was: tuple[int, int] | None = None
                         ) -> tuple[str, Sequence[Mention]]:
    """The mentions of the file at `path` if it holds one of the words (none for
    a file gone or unreadable since, or, given the fingerprint `was` of what was
    read first, changed since). A UTF-8 file is looked at before it is
    decoded as a Document: its text there is the same characters (less a BOM),
    so a file that does not hold them is not decoded at all."""
    try:
        data = read_bytes(path)
    except DocumentError:
        return path, []
    if was is not None and fingerprint_of(data) != was:
        return path, []
    if _is_utf8(data) and not holds.in_utf8(data):
        return path, []
    try:
        doc = Document.from_bytes(data, path)
    except DocumentError:
        return path, []
    return path, collect_mentions(doc) if holds(doc.text) else []


def _is_utf8(data: bytes) -> bool:
    if b"\x00" in data:
        return False  # perhaps UTF-16 without a BOM: decided on the Document's text
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # another encoding: decided on the Document's text
    return True


def _check_one(doc: Document, rules: RuleSet) -> tuple[Document, list[Finding], tuple]:
    """The per-document stage (run in worker processes with --jobs). A file
    without findings comes back as its path alone: no text to hand over."""
    findings = check_document(doc, rules)
    mentions = collect_packed(doc)  # (entities.packed: quicker to hand over)
    return (doc if findings else Document.placeholder(doc.path, doc.fingerprint)
            ), findings, mentions


def wanted(doc: Document, rules: RuleSet, found: dict[str, list[Finding]]) -> list[Finding]:
    """The folder stage's findings for `doc` that config and inline comments keep."""
    mine = [f for f in found.get(doc.path, ()) if rules.wants(f.code, doc.path)]
    return writable(doc, unsuppressed(doc.text, doc.path, mine)
                    if mine and "normalize" in doc.text else mine)


def walk(paths: Iterable[Path], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
         errors: list[str] | None = None) -> Iterator[Path]:
    """Files named on the command line, and files with `suffixes` below folders, sorted.

    A named file is always yielded (the user asked for it); a path that does
    not exist is yielded too, so that reading it reports the error. A folder
    that cannot be listed goes to `errors` (the walk goes on).
    """
    return map(Path, walk_names(paths, suffixes, errors))


def walk_names(paths: Iterable[Path | str], suffixes: tuple[str, ...] = DEFAULT_SUFFIXES,
               errors: list[str] | None = None) -> Iterator[str]:
    """`walk`, each file as its name (str of the Path `walk` gives), without
    making a Path of each file below a folder: what the engine reads by.

    Each file is given once however many ways it is named (a folder and a file
    in it, `a.txt` and `d/../a.txt`, a symbolic link beside its target): by its
    real path, under the first of its names in walk order. Only named paths and
    the symbolic links met are resolved: a file found below a folder is the
    folder's real path and the names below it (the walk enters no linked
    folder). Hard links are distinct names of one file, each given."""
    roots = list(map(Path, paths))
    seen: set[str] = set()
    for path in roots:
        if os.path.isdir(path):
            links: dict[str, str] = {}
            names = _files_below(path, suffixes, errors, links)
            if len(roots) == 1 and not links:
                yield from names  # one folder, no links: no file has two names
                continue
            keys = _real_paths(path, names, links)
        else:
            names, keys = [str(path)], [os.path.realpath(path)]
        for name, key in zip(names, keys):
            if key not in seen:
                seen.add(key)
                yield name


def _real_paths(root: Path, names: list[str], links: dict[str, str]) -> list[str]:
    """The real paths of the files `_files_below(root)` named `names`."""
    cut = 0 if str(root) == os.curdir else len(os.path.join(str(root), ""))
    real = os.path.join(os.path.realpath(root), "")
    return [links[name] if name in links else real + name[cut:] for name in names]


def _files_below(root: Path, suffixes: tuple[str, ...], errors: list[str] | None,
                 links: dict[str, str] | None = None) -> list[str]:
    """The names of the files below `root`, as `walk_names` gives them (os.path.join
    of `root`, unless it is ".", as Path("."/"a") is "a", and the parts below it),
    sorted as the paths sort: part by part (by lists of names, quicker to sort
    than Paths). The head of the names in one folder is joined once. The real
    path of each of them that is a symbolic link goes to `links`.

    The folders are listed as os.walk lists them (top-down, the same folders
    and errors in the same order, linked folders not entered, hidden ones
    skipped), by os.scandir here: its entries tell a symbolic link without a
    system call, where os.walk tells nothing of files and asks again of folders."""
    links = {} if links is None else links
    found = []
    # folders to list: (its path, its parts below root, the head of its files' names)
    stack: list[tuple[str, list[str], str]] = [
        (os.fspath(root), [], "" if str(root) == os.curdir else os.path.join(str(root), ""))]
    while stack:
        folder, below, head = stack.pop()
        try:
            listing = os.scandir(folder)
        except OSError as exc:
            _unlistable(exc, errors)
            continue
        subfolders = []
        here = []
        with listing:
            try:
                for entry in listing:
                    name = entry.name
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        if not name.startswith(".") and not entry.is_symlink():
                            subfolders.append(name)
                        continue
                    # os.path.splitext(name)[1] of a name that does not start with "."
                    dot = name.rfind(".")
                    if (not name.startswith(".")
                            and (name[dot:] if dot > 0 else "").lower() in suffixes):
                        here.append(([*below, name], head + name))
                        if entry.is_symlink():
                            links[head + name] = os.path.realpath(head + name)
            except OSError as exc:  # os.walk leaves out a folder it cannot read through
                _unlistable(exc, errors)
                continue
        found += here
        stack += [(os.path.join(folder, name), [*below, name], f"{head}{name}{os.sep}")
                  for name in reversed(subfolders)]
    found.sort(key=_PARTS if os.name != "nt" else lambda f: [p.lower() for p in f[0]])
    return [name for _, name in found]


def _unlistable(exc: OSError, errors: list[str] | None) -> None:
    if errors is not None:
        errors.append(f"{exc.filename}: cannot read folder ({exc.strerror or exc})")


_PARTS = itemgetter(0)


def example_problems(rule: Rule) -> list[str]:
    """The rule's own examples that do not behave as its file says."""
    single = RuleSet((rule,))
    out = []
    for example in rule.meta.examples_fail:
        if not check_document(Document.from_text(example), single, assume_evidence=True):
            out.append(f"{rule.meta.code} does not flag its 'fail' example: {example!r}")
    for example in rule.meta.examples_pass:
        if check_document(Document.from_text(example), single, assume_evidence=True):
            out.append(f"{rule.meta.code} flags its 'pass' example: {example!r}")
    return out
