"""Typographic and Unicode damage: small pure checks over a document's text.

Each check is a function `(text, options) -> Iterator[Hit]`; the
`typography` rule kind (normalize.kinds.typography) picks one by name and
turns its hits into findings. A check never mutates and never prints.

A `Hit` carries its own proposal and whether that proposal is safe: the
checks know when a repair is unambiguous (a decomposed letter recomposed,
an invisible control removed in Latin text) and when a person must choose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    replacement: str | None = None
    safe: bool = False
    # values the rule's message may quote ({name}, {what} ...)
    values: dict[str, str] = field(default_factory=dict)


Check = Callable[[str, dict[str, Any]], Iterator[Hit]]


def _registry() -> dict[str, Check]:
    from . import mojibake, quotes, scripts, spacing, unicode

    return {
        "decomposed": unicode.decomposed,
        "invisible": unicode.invisible,
        "mixed-script": scripts.mixed_script,
        "space-before-punctuation": spacing.space_before_punctuation,
        "space-in-hyphenation": spacing.space_in_hyphenation,
        "space-before-quote": spacing.space_before_quote,
        "space-after-sentence": spacing.space_after_sentence,
        "doubled-punctuation": spacing.doubled_punctuation,
        "unbalanced-quotes": quotes.unbalanced_quotes,
        "mojibake": mojibake.mojibake,
    }


CHECKS: dict[str, Check] = _registry()

__all__ = ["CHECKS", "Check", "Hit"]
