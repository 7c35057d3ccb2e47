"""mentions.mentions() looks a lower-case word up in the lexicon only when the
lexicon knows it (Lexicon.nouns): that set must be exactly what noun_kind knows."""

from __future__ import annotations

from normalize.loader import load_rules

LEXICONS = [r.lexicon for r in load_rules([], True).rules if r.KIND == "pronoun"]


def test_noun_set_is_what_noun_kind_knows():
    assert LEXICONS
    for lexicon in LEXICONS:
        words = set(lexicon.nouns) | {w + "s" for w in lexicon.nouns} | {
            w[:-1] for w in lexicon.nouns} | {"she", "tuesday", "s", "ss", ""}
        for word in words:
            for form in (word, word.capitalize(), word.upper()):
                assert (lexicon.noun_kind(form) is not None) == (form.lower() in lexicon.nouns)
