"""HTML report for editors: one self-contained page.

Per article: its text with every finding highlighted and numbered, and
beside it the notes (what was found, the proposal, why). Above: counts, the
entity summary (when the report carries one), and a filter by severity and
rule code. The page makes no network request: its CSS and JS are inline and
a Content-Security-Policy allows nothing else (the inline script and style
are allowed by their hashes, so even an injected handler would not run).

All text from articles and rules is escaped; no article text is placed
inside the script. Deterministic: no timestamps.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from html import escape
from importlib.resources import files

from .. import __version__
from ..model import Applicability, Finding
from . import CONTROLS, FileResult, Report, escaped, nothing_found, readable, visible

SEVERITIES = ("error", "warning", "suggestion")

# Characters a page shows as a marked escape (`\u202e` in a box) instead of as
# themselves. _ACTING: what report.visible escapes, the controls that act on what
# follows them (a bidi override shows a name reversed, and the rule's own words
# after a quote of article text too) or show as nothing. _UNSEEN: those and the
# invisible characters (zero-width space and joiners, soft hyphen, word joiner,
# BOM); shown in names, messages, notes and found text, where they are what an
# editor must see. The article itself keeps its joiners (an emoji ZWJ sequence)
# unless a finding covers them.
_ACTING = re.compile(f"[{CONTROLS}]")
_UNSEEN = re.compile(f"[{CONTROLS}\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")


def _shown(m: re.Match[str]) -> str:
    c = m.group()
    name = unicodedata.name(c, "control character")
    return f'<span class="ctl" title="{name}">{escaped(c)}</span>'


def e(value: object, unseen: re.Pattern[str] = _UNSEEN) -> str:
    """Text for the page: escaped; the bytes of a name that is not UTF-8 as
    \\xNN (readable); controls and invisible characters as marked escapes."""
    return unseen.sub(_shown, escape(readable(str(value)), quote=True))


def attr(value: object) -> str:
    """Text for an attribute's value (a tooltip): as e(), the controls written
    as escapes without markup."""
    return escape(visible(readable(str(value))), quote=True)


def quoted(value: object) -> str:
    """Article text inside a line of the page's own: isolated (<bdi>), so that
    right-to-left text in it cannot reorder the words around it."""
    return f"<bdi>{e(value)}</bdi>"


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    folder = files(__package__) / "html_assets"
    return (folder / "report.css").read_text("utf-8"), (folder / "report.js").read_text("utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def render(report: Report) -> str:
    css, js = _assets()
    csp = (f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    s = report.summary()
    with_findings = [r for r in report.files if r.findings]
    clean = [r for r in report.files if not r.findings]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>normalize report</title>",
        f"<style>{css}</style></head><body>",
        _header(s),
        "<main>",
        _filters(report, s),
        _errors(report.errors),
        _skipped(report.notes),
        _toc(with_findings),
        _entities(report.extra.get("entities")),
    ]
    for i, result in enumerate(with_findings):
        parts.append(_file(i, result))
    if clean:
        names = "".join(f"<li>{e(r.doc.path)}</li>" for r in clean)
        parts.append(f'<details class="panel clean"><summary>{len(clean)} '
                     f'{_plural(len(clean), "file")} with nothing found</summary>'
                     f"<ul>{names}</ul></details>")
    parts += ["</main>", f"<footer>normalize {e(__version__)}</footer>",
              f"<script>{js}</script>", "</body></html>", ""]
    return "\n".join(p for p in parts if p)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _header(s: dict) -> str:
    fx = s["fixable"]
    items = [
        (s["findings"], _plural(s["findings"], "finding")),
        (s["files_with_findings"], f"of {s['files']} {_plural(s['files'], 'file')} with findings"),
        *((s["by_severity"][sev], _plural(s["by_severity"][sev], sev)) for sev in SEVERITIES),
        (fx["safe"], "safe fixes"),
        (fx["unsafe"], "unsafe fixes"),
    ]
    if s["errors"]:
        items.append((s["errors"], _plural(s["errors"], "unreadable file")))
    totals = "".join(f"<span><b>{n}</b>{e(label)}</span>" for n, label in items)
    return (f'<header class="top"><h1>normalize report<small>{s["files"]} '
            f'{_plural(s["files"], "file")} checked</small></h1>'
            f'<div class="totals">{totals}</div></header>')


def _filters(report: Report, s: dict) -> str:
    if not s["findings"]:
        # "All checks passed" only when every input was read (as the text report)
        return (f'<section class="panel"><p>{e(nothing_found(report))}</p>'
                '<span id="shown" hidden>0</span></section>')
    sev = "".join(
        f'<label class="chip sev-{x}"><input type="checkbox" checked data-filter="sev" '
        f'value="{x}"><span class="sev">{x}</span>'
        f'<span class="n">{s["by_severity"][x]}</span></label>'
        for x in SEVERITIES if s["by_severity"][x])
    codes = "".join(
        f'<label class="chip"><input type="checkbox" checked data-filter="code" value="{attr(c)}">'
        f'<code>{e(c)}</code><span class="n">{n}</span></label>'
        for c, n in s["by_code"].items())
    return (f'<section class="panel"><h2>Filter</h2><div class="filters">'
            f'<div class="group"><span class="label">Severity</span>{sev}</div>'
            f'<div class="group"><span class="label">Rule</span>{codes}</div>'
            f'<span id="shown-line">showing <b id="shown">{s["findings"]}</b> of '
            f'{s["findings"]}</span></div></section>')


def _errors(errors: tuple[str, ...]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{e(x)}</li>" for x in errors)
    return f'<section class="panel errors"><h2>Not checked</h2><ul>{items}</ul></section>'


def _skipped(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{e(x)}</li>" for x in notes)
    return f'<section class="panel skipped"><h2>Skipped</h2><ul>{items}</ul></section>'


def _toc(results: list[FileResult]) -> str:
    if len(results) < 2:
        return ""
    rows = []
    for i, r in enumerate(results):
        counts = {sev: 0 for sev in SEVERITIES}
        for f in r.findings:
            counts[f.severity.value] += 1
        cells = "".join(f'<td class="num">{counts[x] or ""}</td>' for x in SEVERITIES)
        rows.append(f'<tr><td><a href="#file-{i}">{e(r.doc.path)}</a></td>{cells}'
                    f'<td class="num">{len(r.findings)}</td></tr>')
    head = "".join(f'<th class="num">{x}</th>' for x in SEVERITIES)
    return (f'<section class="panel toc"><h2>Files</h2><table><tr><th>file</th>{head}'
            f'<th class="num">all</th></tr>{"".join(rows)}</table></section>')


def _entities(entities: object) -> str:
    """The names summary: canonical form (and where it comes from), then each spelling
    found with how it relates to the canonical form, its count and files."""
    if not entities or not isinstance(entities, list):
        return ""
    rows = []
    for ent in entities:
        if not isinstance(ent, dict):
            continue
        name = ent.get("canonical") or ent.get("name") or ent.get("text") or ""
        source = f'<div class="src">{e(ent["source"])}</div>' if ent.get("source") else ""
        variants = ent.get("variants") or ent.get("forms") or []
        cells = []
        for v in variants if isinstance(variants, list) else []:
            if not isinstance(v, dict):
                cells.append(f'<span class="variant">{e(v)}</span>')
                continue
            where = v.get("files") or []
            title = ", ".join(map(str, where)) if isinstance(where, list) else str(where)
            relation = str(v.get("relation", ""))
            odd = "" if relation in ("", "canonical", "surname") else " odd"
            rel = f' <span class="rel">{e(relation)}</span>' if relation else ""
            n = f' <span class="n">×{e(v["count"])}</span>' if v.get("count") is not None else ""
            cells.append(f'<span class="variant{odd}" title="{attr(title)}">{e(v.get("text", ""))}'
                         f"{n}{rel}</span>")
        total = ent.get("mentions", ent.get("count", ""))
        rows.append(f'<tr><td class="canonical">{e(name)}{source}</td>'
                    f'<td>{"".join(cells)}</td><td class="num">{e(total)}</td></tr>')
    return ('<section class="panel names"><h2>Names</h2><table><tr><th>canonical form</th>'
            '<th>spellings found (hover for files)</th><th class="num">mentions</th></tr>'
            f'{"".join(rows)}</table></section>')


def _file(index: int, result: FileResult) -> str:
    ids = [f"f{index}-{n + 1}" for n in range(len(result.findings))]
    total = len(result.findings)
    notes = "".join(_note(result, f, i) for f, i in zip(result.findings, ids))
    return (f'<article class="file" id="file-{index}"><header><h2>{e(result.doc.path)}</h2>'
            f'<span class="count"><span class="shown">{total}</span> of {total} '
            f'{_plural(total, "finding")}</span></header><div class="body">'
            f'<div class="text">{_text(result, ids)}</div>'
            f'<ol class="notes">{notes}</ol></div></article>')


def _note(result: FileResult, f: Finding, fid: str) -> str:
    line, col = result.doc.position(f.start)
    sev = f.severity.value
    if f.replacement is not None:
        change = f"<del>{quoted(f.text)}</del> → <ins>{quoted(f.replacement)}</ins>"
    elif f.fix is not None:
        change = f'<span class="found">{quoted(f.text)}</span> → {_message(f.fix.title, f)}'
    else:
        change = f'<span class="found">{quoted(f.text)}</span>'
    fix = ""
    if f.fix is not None:
        kind = f.fix.applicability
        label = {Applicability.SAFE: "safe fix", Applicability.UNSAFE: "unsafe fix",
                 Applicability.DISPLAY_ONLY: "proposal"}[kind]
        fix = f'<span class="fix {kind.value}">{label}</span>'
    number = fid.split("-")[1]
    return (f'<li class="note sev-{sev}" id="{fid}" data-sev="{sev}" data-code="{attr(f.code)}">'
            f'<div class="note-head"><span class="num">{number}</span>'
            f'<span class="sev">{sev}</span><code>{e(f.code)}</code>{fix}'
            f'<span class="where">{line}:{col}</span></div>'
            f'<div class="change">{change}</div>'
            f'<div class="msg">{_message(f.message, f)}</div></li>')


def _message(message: str, f: Finding) -> str:
    """A rule's message with the article text it quotes ('found', 'proposal')
    isolated (quoted): right-to-left text in a quote leaves the rule's words
    in their order. (Bidi controls in it are shown, never acted on: e().)"""
    pieces = sorted({p for p in (f.text, f.replacement) if p}, key=len, reverse=True)
    if not pieces:
        return e(message)
    parts = re.split("(?<=')(" + "|".join(map(re.escape, pieces)) + ")(?=')", message)
    return "".join(quoted(p) if i % 2 else e(p) for i, p in enumerate(parts) if p)


def cuts_and_refs(result: FileResult, ids: list[str]) -> tuple[list[int], Callable[[int], str]]:
    """Where the article's text is cut into segments (each finding's and each
    protected span's ends), and the numbered links to the findings that end at
    a point (a finding's end, before the line breaks it takes)."""
    doc, findings = result.doc, result.findings
    text = doc.text
    cuts = sorted({c for f in findings for c in (f.start, f.end)}
                  | {c for s in doc.protected for c in (s.start, s.end)})
    ref_at: dict[int, list[int]] = {}
    for n, f in enumerate(findings):
        end = f.end
        while end > f.start and text[end - 1] in "\r\n":
            end -= 1
        ref_at.setdefault(end, []).append(n)

    def refs(pos: int) -> str:
        return "".join(f'<a class="ref {findings[n].severity.value}" href="#{ids[n]}" '
                       f'data-f="{ids[n]}">{ids[n].split("-")[1]}</a>'
                       for n in ref_at.get(pos, ()))

    return cuts, refs


def _text(result: FileResult, ids: list[str]) -> str:
    """The article's lines, with findings as <mark>s (split where they overlap) and numbers.

    Text that is not checked (markup, code, URLs) is shown muted. Linear in the
    text and the findings (plus what the marks list): one sweep over the cuts,
    with the findings that cover the current segment kept open as it goes.
    """
    doc, findings = result.doc, result.findings
    text = doc.text
    cuts, refs = cuts_and_refs(result, ids)

    # Every finding's start and end is a cut, so a segment [a, b) between two
    # points is covered by a finding exactly when it started at or before a and
    # ends after a. Segments come in increasing order: findings are opened in
    # the order of their starts and closed in the order of their ends.
    by_start = sorted(range(len(findings)), key=lambda n: findings[n].start)
    by_end = sorted(range(len(findings)), key=lambda n: findings[n].end)
    opened = closed = 0
    covering: dict[int, None] = {}

    def cover_at(a: int) -> list[int]:
        nonlocal opened, closed
        while opened < len(by_start) and findings[by_start[opened]].start <= a:
            covering[by_start[opened]] = None
            opened += 1
        while closed < len(by_end) and findings[by_end[closed]].end <= a:
            covering.pop(by_end[closed], None)
            closed += 1
        return sorted(covering)

    out = []
    starts = doc.line_starts
    k = 0  # cuts[k] is the first cut after the line's start
    for number, start in enumerate(starts, 1):
        end = starts[number] if number < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        while k < len(cuts) and cuts[k] <= start:
            k += 1
        inner = k
        while inner < len(cuts) and cuts[inner] < end:
            inner += 1
        points = [start, *cuts[k:inner], end] if end > start else [start]
        html = [refs(points[0])]
        for a, b in zip(points, points[1:]):
            cover = cover_at(a)
            # article text: its joiners as they are, but what a finding covers visible
            piece = e(text[a:b], _UNSEEN if cover else _ACTING)
            if doc.is_protected(a, b):
                piece = f'<span class="mu">{piece}</span>'
            if cover:
                top = min((findings[n].severity for n in cover), key=lambda s: s.rank)
                marks = " ".join(ids[n] for n in cover)
                piece = f'<mark data-f="{marks}" data-sev="{top.value}">{piece}</mark>'
            html.append(piece + refs(b))
        body = "".join(html)
        blank = "" if body.strip() else " blank"
        out.append(f'<div class="ln{blank}" data-n="{number}"><span>{body}</span></div>')
    return "".join(out)
