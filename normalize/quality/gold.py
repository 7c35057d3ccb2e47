"""Gold annotations for a folder of articles: loading, validating, locating.

A gold file is JSON, one key per article (a path relative to the folder):

    {"004.txt": [
        {"text": "precipitated", "kind": "false-friend", "canonical": "crashed"},
        {"text": "drone of Moscow", "kind": "genitive", "canonical": null},
        {"text": "her", "kind": "pronoun", "canonical": "it", "occurrence": 1},
        {"text": "anti -antiomic shelters", "kind": "garbled-word",
         "canonical": ["bomb shelters", "anti-atomic shelters"]}
    ]}

- `text`: an exact substring of the article. Plain text is looked up as a
  whole word or phrase (not inside a longer word); text holding other
  characters (mojibake, control characters) anywhere.
- `kind`: one of `taxonomy.KINDS`.
- `canonical`: the proposal that would be right, a list of acceptable ones,
  or null when the problem is only to be flagged.
- `occurrence` (optional): which occurrences of `text` are problems:
  "all" (the default: each one is a separate item), a 1-based number or a
  list of numbers, or "any" (one item, found when any occurrence is flagged:
  for a passage repeated in the article, where either copy may be flagged).
- `note` (optional): why it is a problem; not used for scoring.

When an item's text occurs inside an occurrence of another item of the same
kind ("Grunskiene" inside "Nida Grunskiene"), that occurrence belongs to the
longer item only.
A gold file whose text cannot be found, or with an unknown key or kind, is
an error naming the file and item.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .taxonomy import KINDS

ITEM_KEYS = {"text", "kind", "canonical", "occurrence", "note"}


class GoldError(Exception):
    """A gold file that cannot be used. str() names the file and the item."""


@dataclass(frozen=True)
class GoldItem:
    """One problem in one article; `spans` are where it is (several for "any")."""

    file: str
    text: str
    kind: str
    canonical: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    def overlaps(self, start: int, end: int) -> bool:
        return any(overlap(s, e, start, end) for s, e in self.spans)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Spans share a character; an empty span counts where it touches the other."""
    if a_start == a_end:
        return b_start <= a_start <= b_end
    if b_start == b_end:
        return a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


_PLAIN = re.compile(r"[\w\s.,;:!?'\"’“”‘«»()/|%&–—-]+")


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of `needle` in `text`: not inside a longer word when it is plain text.

    Mojibake and control characters ("â€™", a zero-width space) live inside
    words, so a needle holding other characters is looked up anywhere.
    """
    plain = _PLAIN.fullmatch(needle) is not None
    left = r"(?<!\w)" if plain and re.match(r"\w", needle) else ""
    right = r"(?!\w)" if plain and re.search(r"\w$", needle) else ""
    pattern = re.compile(left + re.escape(needle) + right)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def read_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: want an object of file -> list of items")
    for name, items in data.items():
        if not isinstance(items, list):
            raise GoldError(f"{path}: {name}: want a list of items")
        for number, item in enumerate(items, 1):
            _validate_item(f"{path}: {name} item {number}", item)
    return data


def _validate_item(where: str, item: Any) -> None:
    if not isinstance(item, dict):
        raise GoldError(f"{where}: want an object")
    unknown = set(item) - ITEM_KEYS
    if unknown:
        raise GoldError(f"{where}: unknown key(s) {sorted(unknown)} (known: {sorted(ITEM_KEYS)})")
    if not isinstance(item.get("text"), str) or not item["text"]:
        raise GoldError(f"{where}: 'text' must be a non-empty string")
    if item.get("kind") not in KINDS:
        raise GoldError(f"{where}: kind {item.get('kind')!r} unknown (known: {', '.join(KINDS)})")
    canonical = item.get("canonical")
    ok = canonical is None or isinstance(canonical, str) or (
        isinstance(canonical, list) and canonical and all(isinstance(c, str) for c in canonical)
    )
    if not ok:
        raise GoldError(f"{where}: 'canonical' must be a string, a list of strings or null")
    occ = item.get("occurrence", "all")
    numbers = occ if isinstance(occ, list) else [occ]
    if occ not in ("all", "any") and not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in numbers
    ):
        raise GoldError(f"{where}: 'occurrence' must be \"all\", \"any\", a number or numbers")


def locate(path: Path, file: str, text: str, items: list[dict[str, Any]]) -> list[GoldItem]:
    """The gold items of one article, placed in its text, in text order."""
    placed: list[tuple[GoldItem, bool]] = []  # (item, may yield to a longer item)
    for number, item in enumerate(items, 1):
        where = f"{path}: {file} item {number} ({item['text']!r})"
        spans = occurrences(text, item["text"])
        if not spans:
            raise GoldError(f"{where}: text not found in the article")
        occ = item.get("occurrence", "all")
        canonical = item.get("canonical")
        canon = () if canonical is None else (
            (canonical,) if isinstance(canonical, str) else tuple(canonical))

        def make(chosen: list[tuple[int, int]], item: dict = item, canon: tuple = canon
                 ) -> GoldItem:
            return GoldItem(file, item["text"], item["kind"], canon, tuple(chosen))

        if occ == "any":
            placed.append((make(spans), False))
        elif occ == "all":
            placed.extend((make([span]), True) for span in spans)
        else:
            for n in occ if isinstance(occ, list) else [occ]:
                if n > len(spans):
                    raise GoldError(f"{where}: occurrence {n}, but the text occurs {len(spans)}x")
                placed.append((make([spans[n - 1]]), False))
    kept = [
        item for item, yields in placed
        if not (yields and _inside_longer(item, [other for other, _ in placed]))
    ]
    return sorted(kept, key=lambda g: (g.start, g.spans, g.kind, g.text))


def _inside_longer(item: GoldItem, others: list[GoldItem]) -> bool:
    (s, e), = item.spans
    return any(
        os <= s and e <= oe and (oe - os) > (e - s)
        for other in others if other is not item and other.kind == item.kind
        for os, oe in other.spans
    )
