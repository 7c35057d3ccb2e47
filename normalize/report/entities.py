"""The entity summary (report.extra["entities"]) as plain lines, for text and diff reports.

Each entity written in more than one way: its canonical form, where that
comes from (a listed name or the folder), then each spelling with how it
relates to the canonical form, how often and in which files.
"""

from __future__ import annotations

from . import Report

MAX_FILES = 3


def entity_lines(report: Report, note: str | None = None) -> list[str]:
    """The folder-wide names summary, headed by what it is: information, with
    `note` (by default, where the findings are in the text report)."""
    entities = report.extra.get("entities") or []
    if not entities:
        return []
    if note is None:
        note = "the findings are the lines above" if report.findings else "none is a finding"
    lines = [f"Names written in more than one way, for reference ({note}): "
             "each name's canonical form, then its spellings"]
    for entity in entities:
        lines.append(f"  {entity['canonical']} ({entity['source']}, "
                     f"{entity['mentions']} mention{'' if entity['mentions'] == 1 else 's'})")
        for v in entity["variants"]:
            files = v["files"]
            shown = ", ".join(files[:MAX_FILES]) + (", ..." if len(files) > MAX_FILES else "")
            noun = "file" if len(files) == 1 else "files"
            lines.append(f"    '{v['text']}' {v['relation']}: {v['count']}x in "
                         f"{len(files)} {noun} ({shown})")
    return lines
