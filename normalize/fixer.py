"""Apply fixes -> new text. Never overlapping; idempotent; replayable.

Edits are sorted by position; an edit that overlaps one already taken is
skipped (the next pass, if any, picks it up again). `apply_fixes` returns
the new text and the edits it applied, so a report can replay them
(`replay(text, edits) == new text`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .model import Applicability, Edit, Finding

if TYPE_CHECKING:
    from .document import Document


def allowed(levels: str) -> frozenset[Applicability]:
    """Which applicabilities a mode writes: 'safe', 'unsafe' or 'all'."""
    order = [Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY]
    upto = {"safe": 1, "unsafe": 2, "all": 3}[levels]
    return frozenset(order[:upto])


# the keys in a finding's data of why its fix is not written, and of the
# applicability it had (see writable)
NOT_WRITTEN, WOULD_BE = "not written", "applicability if written"


def writable(doc: Document, findings: list[Finding]) -> list[Finding]:
    """`findings`, those whose fix the file cannot hold made display-only.

    A legacy file (cp1252 ...) cannot hold every character a fix proposes,
    and a file that reads the same in several legacy encodings can hold only
    what they all write alike (see normalize.encoding). Such a fix is still
    shown, with the reason in its title, but it is not marked fixable and
    `fix` does not write it; the file's other fixes are written. A Unicode
    file (nearly all) is returned as it is, at no cost."""
    if doc.encoding.startswith("utf") and not doc.also:
        return findings
    out = []
    for f in findings:
        why = unwritable(doc, f)
        if why is not None and f.fix is not None:
            title = f"{f.fix.title} (not written: {why})"
            f = replace(f, fix=replace(f.fix, applicability=Applicability.DISPLAY_ONLY,
                                       title=title),
                        data=(*f.data, (NOT_WRITTEN, why), (WOULD_BE, f.fix.applicability.value)))
        out.append(f)
    return out


def unwritable(doc: Document, finding: Finding) -> str | None:
    """Why `finding`'s fix cannot be written into `doc`'s file, or None."""
    if finding.fix is None or finding.fix.applicability is Applicability.DISPLAY_ONLY:
        return None
    for edit in finding.fix.edits:
        why = doc.cannot_write(edit.replacement)
        if why is not None:
            return why
    return None


def select_edits(findings: Iterable[Finding], levels: frozenset[Applicability]) -> list[Edit]:
    """Non-overlapping edits of the fixes at `levels`, in text order."""
    candidates = sorted(
        (edit, f.fix.applicability.rank)
        for f in findings
        if f.fix is not None and f.fix.applicability in levels
        for edit in f.fix.edits
    )
    chosen: list[Edit] = []
    for edit, _rank in candidates:
        if chosen and (edit.overlaps(chosen[-1]) or edit.start < chosen[-1].end):
            continue
        chosen.append(edit)
    return chosen


def replay(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits to text."""
    out, pos = [], 0
    for edit in edits:
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, findings: Iterable[Finding],
                levels: frozenset[Applicability]) -> tuple[str, list[Edit]]:
    edits = in_form_of(text, select_edits(findings, levels))
    return replay(text, edits), edits


def in_form_of(text: str, edits: list[Edit]) -> list[Edit]:
    """Edits whose replacements are in the text's own Unicode form.

    A file written in NFD throughout gets NFD replacements: a composed "ę"
    dropped into it would leave the file in mixed forms (itself a finding)
    and change how every later search sees it."""
    if (not edits or text.isascii() or not unicodedata.is_normalized("NFD", text)
            or unicodedata.is_normalized("NFC", text)):
        return edits
    return [replace(e, replacement=unicodedata.normalize("NFD", e.replacement)) for e in edits]


MAX_PASSES = 10


def fix_until_stable(doc, rules, levels: frozenset[Applicability],  # noqa: ANN001, ANN201
                     extra: Iterable[Finding] = ()):
    """Check and apply fixes until nothing more applies (at most MAX_PASSES).

    Returns (new text, number of edits applied). Later passes see the text
    the earlier ones made, so fixes that overlapped in one pass still land.
    `extra` are findings on the original text made elsewhere (the folder-wide
    names stage); they join the first pass only, where their offsets hold.
    """
    text, applied, _ = fix_and_check(doc, rules, levels, extra)
    return text, applied


def fix_and_check(doc, rules, levels: frozenset[Applicability],  # noqa: ANN001, ANN201
                  extra: Iterable[Finding] = ()):
    """`fix_until_stable`, and the findings that remain in the new text: the
    last pass's, which checked that very text (no second check needed)."""
    from .document import find_protected
    from .engine import check_document

    text, applied = doc.text, 0
    for number in range(MAX_PASSES + 1):
        current = replace(doc, text=text, fingerprint=None,  # (its encoding, BOM, ...)
                          protected=tuple(find_protected(text, doc.path)))
        found = check_document(current, rules) + (list(extra) if number == 0 else [])
        if number == MAX_PASSES:
            break  # out of passes: `found` is what remains
        new, edits = apply_fixes(text, found, levels)
        if not edits or new == text:
            break
        text, applied = new, applied + len(edits)
    return text, applied, found
