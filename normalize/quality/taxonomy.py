"""Which kind of problem a finding or an annotation is about.

Gold items name a fine-grained *kind* (the classes of problem normalize is
meant to catch). Findings carry a rule *code*; its letter prefix names a
*family* of detectors:

    code prefix   family        gold kinds in that family
    NM            name          name
    MT            translation   false-friend, calque, genitive, wrong-category,
                                pronoun, garbled-word
    LG            foreign       foreign
    BP            boilerplate   boilerplate
    TY            typography    typography

A code with any other prefix is its own family (the prefix), matching no gold
kind until it is added here. A finding "hits" a gold item when their spans
overlap, whatever its family; "by its detector" counts only hits from the
gold kind's family.
"""

from __future__ import annotations

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


def code_prefix(code: str) -> str:
    """'MT101' -> 'MT'."""
    return code.rstrip("0123456789")


def family_of_code(code: str) -> str:
    prefix = code_prefix(code)
    return PREFIX_FAMILY.get(prefix, prefix)


def family_of_kind(kind: str) -> str:
    return KIND_FAMILY[kind]


# The MQM categories of the WMT23 annotation that normalize's detectors fit,
# and the families expected to catch them.
MQM_CATEGORY_FAMILIES: dict[str, tuple[str, ...]] = {
    "Locale convention/Name format": ("name",),
    "Accuracy/Gender Mismatch": ("translation",),
    "Accuracy/Source language fragment": ("foreign",),
    "Non-translation!": ("foreign",),
    "Fluency/Punctuation": ("typography",),
    "Fluency/Spelling": ("translation", "typography", "name"),
    "Fluency/Character encoding": ("typography",),
}
