"""Which kind of problem a finding or an annotation is about.

Gold items name a fine-grained *kind* (the classes of problem normalize is
meant to catch). A finding is mapped to the gold kinds it is meant for in
two steps:

1. by the *rule kind* of its rule, where that kind is specific:

       rule kind    gold kind
       names        name
       pronoun      pronoun
       genitive     genitive
       category     wrong-category
       language     foreign
       existence    boilerplate
       typography   typography

2. otherwise (`substitution` rules, a folder-wide stage, an unknown kind) by
   the letter prefix of its code, which names a *family* of gold kinds:

       code prefix  family        gold kinds in that family
       NM           name          name
       MT           translation   false-friend, calque, genitive, wrong-category,
                                  pronoun, garbled-word
       LG           foreign       foreign
       BP           boilerplate   boilerplate
       TY           typography    typography

A code with any other prefix is its own family, meant for no gold kind until
it is added here. A finding "hits" a gold item when their spans overlap,
whatever it is meant for; "by its detector" counts only hits from findings
meant for the item's kind.
"""

from __future__ import annotations

from collections.abc import Mapping

PREFIX_FAMILY: dict[str, str] = {
    "NM": "name",
    "MT": "translation",
    "LG": "foreign",
    "BP": "boilerplate",
    "TY": "typography",
}

KIND_FAMILY: dict[str, str] = {
    "name": "name",  # person/place names: diacritics dropped, reversed, garbled
    "false-friend": "translation",  # "precipitated" for crashed, "actual" for current
    "calque": "translation",  # word-for-word phrases: "borders with", "the whole NATO"
    "genitive": "translation",  # "the drone of Moscow", "the ministry of ... of Vilnius"
    "wrong-category": "translation",  # a country called a town, or the reverse
    "pronoun": "translation",  # "her"/"his" for a country, an alliance, an object
    "garbled-word": "translation",  # non-words: "anti -antiomic", "Shaded" for Shahed
    "foreign": "foreign",  # lines left in another language
    "boilerplate": "boilerplate",  # scraped page furniture, repeated embeds
    "typography": "typography",  # mojibake, stray spaces, doubled punctuation, quotes
}

KINDS: tuple[str, ...] = tuple(KIND_FAMILY)

RULE_KIND_GOLD: dict[str, str] = {
    "names": "name",
    "pronoun": "pronoun",
    "genitive": "genitive",
    "category": "wrong-category",
    "language": "foreign",
    "existence": "boilerplate",
    "typography": "typography",
}


def code_prefix(code: str) -> str:
    """'MT101' -> 'MT'."""
    return code.rstrip("0123456789")


def family_of_code(code: str) -> str:
    prefix = code_prefix(code)
    return PREFIX_FAMILY.get(prefix, prefix)


def family_of_kind(kind: str) -> str:
    return KIND_FAMILY[kind]


def meant_label(code: str, rule_kinds: Mapping[str, str]) -> str:
    """What a code is meant for, in one word: a gold kind, else its family."""
    return RULE_KIND_GOLD.get(rule_kinds.get(code, "")) or family_of_code(code)


def meant_for(code: str, kind: str, rule_kinds: Mapping[str, str]) -> bool:
    """Is a finding with `code` meant to catch problems of gold `kind`?

    `rule_kinds` maps codes to the rule kinds of the loaded rules.
    """
    specific = RULE_KIND_GOLD.get(rule_kinds.get(code, ""))
    if specific is not None:
        return specific == kind
    return family_of_code(code) == KIND_FAMILY[kind]


# The MQM categories of the WMT23 annotation that normalize's detectors fit,
# and the gold kinds whose detectors are expected to catch them.
MQM_CATEGORY_KINDS: dict[str, tuple[str, ...]] = {
    "Locale convention/Name format": ("name",),
    "Accuracy/Gender Mismatch": ("pronoun",),
    "Accuracy/Source language fragment": ("foreign",),
    "Non-translation!": ("foreign",),
    "Fluency/Punctuation": ("typography",),
    "Fluency/Spelling": ("garbled-word", "typography", "name"),
    "Fluency/Character encoding": ("typography",),
}
