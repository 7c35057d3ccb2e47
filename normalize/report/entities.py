"""The entity summary (report.extra["entities"]) as plain lines, for text and diff reports.

Each entity written in more than one way: its canonical form, where that
comes from (a listed name or the folder), then each spelling with how it
relates to the canonical form, how often and in which files.
"""

from __future__ import annotations

from . import Report

MAX_FILES = 3


def entity_lines(report: Report) -> list[str]:
    entities = report.extra.get("entities") or []
    if not entities:
        return []
    lines = ["Names written in more than one way (canonical form, then each spelling):"]
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
