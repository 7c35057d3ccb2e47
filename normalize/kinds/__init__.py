"""Rule kinds, one module each, registered by name.

A kind is a class that reads its keys from a rule file and finds problems of
one shape in a document. `normalize rules explain CODE` prints its docstring.
"""

from __future__ import annotations

from .base import Rule
from .category import CategoryRule
from .charset import DeclaredCharsetRule
from .diacritics import DiacriticsRule
from .existence import ExistenceRule
from .garbled import GarbledRule
from .genitive import GenitiveRule
from .language import LanguageRule
from .names import NamesRule
from .nearmiss import NearMissRule
from .pronoun import PronounRule
from .repetition import RepetitionRule
from .substitution import SubstitutionRule
from .typography import TypographyRule

KINDS: dict[str, type[Rule]] = {
    cls.KIND: cls
    for cls in (
        CategoryRule,
        DeclaredCharsetRule,
        DiacriticsRule,
        ExistenceRule,
        GarbledRule,
        GenitiveRule,
        LanguageRule,
        NamesRule,
        NearMissRule,
        PronounRule,
        RepetitionRule,
        SubstitutionRule,
        TypographyRule,
    )
}

__all__ = ["KINDS", "Rule"]
