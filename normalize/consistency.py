"""The folder-wide names stage: one spelling per person, place or organisation.

A newsroom cannot list every name in advance; the folder itself often says
which spelling is right. After every document has been checked on its own,
this stage takes the name mentions of all of them (`entities`), groups the
spellings of one entity (`grouping`), and reports each minority spelling
with the canonical one and the evidence:

- NM201 `name-inconsistent`: the same name with other (or no) diacritics,
  in reversed order, or its surname alone so written. Fix: unsafe (a
  judgement from the folder, not from a list). A plain spelling common in
  English text ("Krakow") is English usage and is not reported, unless it
  is a person's surname.
- NM202 `name-variant`: a transliterated spelling ("Shakalene") or a garbled
  given name ("Decali Šakalienė"). Fix: display-only for transliterations,
  unsafe for a garbled given name (as the names kind does).
- NM203 `name-ending-hint`: a Lithuanian surname ending without its marks
  ("Grunskiene" -> "Grunskienė") when nothing better is known.
  Display-only.

It runs whatever rules are loaded (also with --no-default-rules); listed
names from names rule files decide the canonical form when they match, and
a finding on a span that a names rule already reports is not repeated.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from . import cache
from .entities import Mention, MentionTable
from .grouping import Entity, Form, Listed, group
from .langid import zipf
from .loader import RuleSet
from .model import Applicability, Finding, Fix, Severity
from .morphology import ending_hint
from .text import fold, match_case
from .translit import has_marks

CODES = {
    "NM201": ("name-inconsistent", Severity.WARNING),
    "NM202": ("name-variant", Severity.WARNING),
    "NM203": ("name-ending-hint", Severity.SUGGESTION),
}
MAX_FILES_SHOWN = 3
# A plain spelling this frequent in English text is English usage, not a loss: the
# same threshold as the generated gazetteers (scripts/gen_gazetteer.py, EXONYM_ZIPF).
ENGLISH_SPELLING_ZIPF = 2.0
# Names lists this long are indexed once and kept in the cache (normalize.cache): folding
# a hundred thousand names costs ~0.2 s a run, reading them back ~0.03 s. Shorter ones
# are quicker to index than to look up.
CACHED_NAMES = 2_000
LISTED_CACHE = "listed"
_HERE = os.path.dirname(os.path.abspath(__file__))
_LISTED_CODE = ("consistency.py", "grouping.py", "translit.py", "text.py")  # what indexes


def english_spelling(text: str) -> bool:
    """'Krakow', 'Sao Paulo', 'Jose Mourinho': written so in English without diacritics."""
    return not has_marks(text) and zipf(text.lower(), "en") >= ENGLISH_SPELLING_ZIPF


@dataclass(frozen=True)
class FolderNames:
    """What the stage decided: findings per file and the entity summary."""

    findings: dict[str, list[Finding]]
    entities: list[dict]


def listed_names(rules: RuleSet) -> Listed:
    """The names of every names rule, indexed (`grouping.Listed`); a long list's
    index comes from the cache when its rules' names, codes and categories and
    the code that folds them are the same as when it was kept."""
    lists = [(rule.meta.code, rule.options.get("category") == "person",
              list(rule.options["names"]))
             for rule in rules.rules if rule.meta.kind == "names"]
    if sum(len(names) for _, _, names in lists) < CACHED_NAMES:
        return _index(lists)
    key = _listed_key(lists)
    data = cache.read(LISTED_CACHE, key)
    if data is not None:
        try:
            return Listed.from_plain(marshal.loads(data))
        except (ValueError, EOFError, TypeError):
            pass  # damaged: index again
    listed = _index(lists)
    cache.write(LISTED_CACHE, key, marshal.dumps(listed.plain()))
    return listed


def _index(lists: list[tuple[str, bool, list[str]]]) -> Listed:
    listed = Listed()
    for code, person, names in lists:
        for name in names:
            listed.add(name, code, person)
    return listed


def _listed_key(lists: list[tuple[str, bool, list[str]]]) -> str:
    code = []
    for name in _LISTED_CODE:
        try:
            info = os.stat(os.path.join(_HERE, name))
            code.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            code.append((name, 0, 0))
    digest = hashlib.sha256(marshal.dumps(lists)).hexdigest()
    return repr((digest, code, cache.installed(("unidecode",))))


def decide(mentions: MentionTable | Iterable[Mention], rules: RuleSet,
           reported: dict[str, list[Finding]] | None = None,
           again: Callable[[set[tuple[str, ...]]], Iterable[Iterable[Mention]]] | None = None
           ) -> FolderNames:
    """Group the folder's mentions; findings for minority spellings; the summary.

    `mentions` is a table (`entities.MentionTable`) or the mentions themselves.
    `reported` holds the findings the per-document rules made, per file; a
    span a names rule already reports gets no second finding here.

    A bounded table (`MentionTable(limit=...)`, whose mentions kept follow the
    number of distinct spellings, not of files) lists every file of a spelling
    (`MentionTable.all_files`), but may lack some mentions of a spelling it must
    report: `again(spellings)` then yields each document's mentions once more,
    in walk order (from documents kept, or read again; a document without the
    first word of any of `spellings` may be left out), and only those spellings'
    mentions and files are gathered from it. In most folders no spelling reported
    has more mentions than kept, and `again` is not called; a bounded table needs
    it all the same (an error that depended on the folder would show late).
    """
    table = mentions if isinstance(mentions, MentionTable) else MentionTable.of(mentions)
    if table.limit is not None and table.limit < MAX_FILES_SHOWN:
        raise ValueError(f"a mention table keeps at least {MAX_FILES_SHOWN} files a spelling")
    if table.limit is not None and again is None:  # whether it is called depends on the folder
        raise ValueError("a bounded mention table needs `again` to read mentions again")
    listed = listed_names(rules)
    entities = sorted(group(table, listed, lone=_hinted), key=lambda e: (e.text, e.head.key))
    plans = [(entity, plan, bool(plan) or _odd(entity))
             for entity in entities for plan in [_plan(entity)]]
    # a spelling summed up lists every file: the table has their numbers
    for entity, _, shown in plans:
        if shown:
            for form, _ in entity.members:
                if form.n_files != len(form.paths):
                    form.paths = table.all_files(form)
    # a spelling reported needs every mention: those beyond the kept ones are read again
    needed = {f.words for _, plan, _ in plans for f, _ in plan if len(f.kept) != f.count}
    if needed:
        assert again is not None  # only a bounded table leaves mentions out
        _complete(table, needed, again(needed))
    names_codes = {r.meta.code for r in rules.rules if r.meta.kind in ("names", "diacritics")}
    taken: dict[str, list[tuple[int, int]]] = {}
    for path, found in (reported or {}).items():
        taken[path] = [(f.start, f.end) for f in found if f.code in names_codes]
    out: dict[str, list[Finding]] = {}
    summary = []
    for entity, plan, shown in plans:
        if not shown:
            continue  # one spelling, the canonical one, and nothing to report
        found = [f for form, report in plan for f in report(form.mentions)]
        for f in found:
            if not any(f.start < e and s < f.end for s, e in taken.get(f.path, ())):
                out.setdefault(f.path, []).append(f)
        summary.append(_summary(entity))
    for found in out.values():
        found.sort(key=Finding.sort_key)
    return FolderNames(out, summary)


def _complete(table: MentionTable, needed: set[tuple[str, ...]],
              documents: Iterable[Iterable[Mention]]) -> None:
    """Every mention and file of the spellings in `needed`, from a second reading
    (which must find as many of each as the first)."""
    mentions: dict[tuple[str, ...], list[Mention]] = {w: [] for w in needed}
    paths: dict[tuple[str, ...], set[str]] = {w: set() for w in needed}
    for found in documents:
        for m in found:
            if m.words in mentions:
                mentions[m.words].append(m)
                paths[m.words].add(m.path)
    for words in needed:
        form = table.forms[words]
        form.mentions, form.paths = mentions[words], sorted(paths[words])
        if not form.complete:
            raise ValueError(f"the second reading does not match the first for {form.text!r}")


Report = Callable[[list[Mention]], Iterator[Finding]]


def _hinted(form: Form) -> bool:
    """Whether a spelling that is an entity of its own, as written, gets findings
    (`_plan`: an ending hint) or a summary (never: it is its canonical spelling)."""
    words = form.words
    if len(words) == 1:  # a word with an ending hint is ASCII: it has no marks
        return ending_hint(words[0]) is not None
    return not has_marks(form.text) and any(ending_hint(w) is not None for w in words)


def _plan(entity: Entity) -> list[tuple[Form, Report]]:
    """The spellings of `entity` that get findings, and how to make them from the
    spelling's mentions (which a bounded table may not hold yet)."""
    canon = entity.canonical
    hinted = not entity.listed and not has_marks(" ".join(canon))
    out: list[tuple[Form, Report]] = []
    for form, relation in entity.members:
        target = canon[-1:] if relation == "surname" else canon
        hints = hinted and any(ending_hint(w) is not None for w in form.words)
        if hinted and relation not in ("reversed", "garbled"):
            respell = None  # no spelling with diacritics to restore from
        else:
            respell = _respelling(entity, form, relation, target)
        if hints or respell is not None:
            out.append((form, partial(_report, hints, respell)))
    return out


def _report(hints: bool, respell: Report | None, mentions: list[Mention]) -> Iterator[Finding]:
    if hints:
        yield from _hints(mentions)
    if respell is not None:
        yield from respell(mentions)


def _respelling(entity: Entity, form: Form, relation: str,
                target: tuple[str, ...]) -> Report | None:
    canon = entity.canonical
    if form.words == target or len(form.words) != len(target) or [
            w.lower() for w in form.words] == [
            w.lower() for w in target]:
        return None  # the canonical spelling, or another capitalisation of it
    code, problem, level = _problem(form, target, relation)
    if entity.listed and level is not Applicability.DISPLAY_ONLY:
        return None  # the names rule that lists it reports these itself (or is turned off)
    if (code == "NM201" and relation == "same" and not entity.note
            and english_spelling(form.text)):
        return None  # "Krakow", "Sao Paulo": an established English spelling, not a loss
    evidence = _evidence(entity)

    def report(mentions: list[Mention]) -> Iterator[Finding]:
        for m in mentions:
            proposal = _respell(m, target)
            msg = f"'{m.text}' {problem}: write '{proposal}' ({evidence})"
            yield _finding(m.path, m.start, m.end, m.text, code, msg, proposal, level,
                           [("canonical", " ".join(canon)), ("evidence", evidence)])

    return report


def _respell(m: Mention, target: tuple[str, ...]) -> str:
    """The mention with its words replaced by `target`'s, blanks between them kept."""
    if len(target) != len(m.words):
        return " ".join(target)
    pieces, pos = [], m.start
    for word, start, right in zip(m.words, m.offsets, target):
        pieces.append(m.text[pos - m.start : start - m.start])
        pieces.append(match_case(word, right) if word.isupper() and len(word) > 1 else right)
        pos = start + len(word)
    return "".join(pieces)


def _problem(form: Form, target: tuple[str, ...], relation: str) -> tuple[str, str, Applicability]:
    if tuple(fold(w) for w in form.words) == tuple(fold(w) for w in target):
        problem = "is missing diacritics" if not has_marks(form.text) else "has other diacritics"
        return "NM201", problem, Applicability.UNSAFE
    if relation == "reversed":
        return "NM201", "is in reversed order (surname first)", Applicability.UNSAFE
    if relation == "garbled":
        return "NM202", "looks like a garbled form of a name", Applicability.UNSAFE
    return "NM202", "looks like another transliteration of a name", Applicability.DISPLAY_ONLY


def _hints(mentions: list[Mention]) -> Iterable[Finding]:
    for m in mentions:
        for word, start in zip(m.words, m.offsets):
            hint = ending_hint(word)
            if hint is None:
                continue
            msg = (f"'{word}' looks like a Lithuanian surname without its diacritics: "
                   f"perhaps '{hint}' (check the person's own spelling)")
            yield _finding(m.path, start, start + len(word), word, "NM203", msg, hint,
                           Applicability.DISPLAY_ONLY, [("candidates", hint)])


def _finding(path: str, start: int, end: int, text: str, code: str, message: str,
             replacement: str, level: Applicability, data: list[tuple[str, str]]) -> Finding:
    rule, severity = CODES[code]
    return Finding(path=path, start=start, end=end, code=code, rule=rule, severity=severity,
                   message=message, text=text,
                   fix=Fix.replace(start, end, replacement, level), data=tuple(data))


def _evidence(entity: Entity) -> str:
    canon = entity.canonical
    same = [f for f, _ in entity.members if f.words == canon]
    parts = []
    if entity.listed:
        parts.append(f"listed by {entity.listed}")
    if same:
        form = same[0]
        files, n = form.files, form.n_files  # the first files (a bounded table's too)
        shown = ", ".join(files[:MAX_FILES_SHOWN]) + (", ..." if n > 3 else "")
        times = "once" if form.count == 1 else f"{form.count} times"
        noun = "file" if n == 1 else "files"
        parts.append(f"written '{form.text}' {times} in {n} {noun}: {shown}")
    if entity.note:
        parts.append(entity.note)
    elif not parts:
        parts.append("no other spelling in the folder")
    return "; ".join(parts)


def _odd(entity: Entity) -> bool:
    """Whether some spelling of `entity` is not its canonical one."""
    canon = entity.canonical
    return any(f.words != (canon[-1:] if rel == "surname" else canon)
               for f, rel in entity.members)


def _summary(entity: Entity) -> dict:
    return {
        "canonical": entity.text,
        "source": f"listed ({entity.listed})" if entity.listed else "folder",
        "mentions": sum(f.count for f, _ in entity.members),
        "variants": [
            {"text": f.text, "relation": _relation(entity, f, rel), "count": f.count,
             "files": f.files}
            for f, rel in entity.members
        ],
    }


def _relation(entity: Entity, form: Form, relation: str) -> str:
    """How a spelling relates to the canonical form, for the summary."""
    surname = relation == "surname"
    target = entity.canonical[-1:] if surname else entity.canonical
    prefix = "surname" if surname else ""
    if form.words == target:
        return prefix or "canonical"
    if tuple(w.lower() for w in form.words) == tuple(w.lower() for w in target):
        how = "case"
    elif tuple(fold(w) for w in form.words) == tuple(fold(w) for w in target):
        how = "diacritics"
    elif relation in ("reversed", "garbled"):
        how = relation
    else:
        how = "transliterated"
    return f"{prefix}, {how}" if prefix else how
