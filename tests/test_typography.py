"""The typography checks: focused cases and property tests of their fixes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.document import Document
from normalize.engine import check_document
from normalize.fixer import allowed, fix_until_stable
from normalize.kinds.base import RuleError
from normalize.loader import RuleSet, load_rules
from normalize.typography import CHECKS
from normalize.typography.mojibake import repair

RULES = load_rules([], use_defaults=True)
TYPO = RuleSet(tuple(r for r in RULES.rules if r.meta.kind == "typography"))


def _findings(text: str, code: str):
    rule = RULES.by_code(code)
    return check_document(Document.from_text(text), RuleSet((rule,)))


def _fixed(text: str, levels: str = "safe") -> str:
    return fix_until_stable(Document.from_text(text), TYPO, allowed(levels))[0]


def sloppy_cp1252(text: str) -> str:
    """What a UTF-8 file looks like opened as Windows-1252 (undefined bytes as C1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize("word", ["café", "Šakalienė", "Nausėda", "Kęstutis", "Zürich",
                                  "NATO’s", "“quoted”", "£5m", "€10", "Москва", "Ελλάδα",
                                  "Paškevičius", "Łódź", "ș", "™", "🙂"])
def test_mojibake_repairs_common_damage(word):
    damaged = sloppy_cp1252(word)
    assert damaged != word
    assert repair(damaged) == word
    assert _fixed(f"The word {damaged} appeared.") == f"The word {word} appeared."


def test_double_mojibake_is_repaired_in_one_fix():
    twice = sloppy_cp1252(sloppy_cp1252("NATO’s"))
    assert _fixed(twice) == "NATO’s"


def test_lost_third_byte_gets_an_unsafe_closing_quote():
    text = "“We remain vigilant,â€ Hart posted."
    (finding,) = _findings(text, "TY109")
    assert finding.replacement == "”"
    assert finding.applicability.value == "unsafe"


def test_zero_width_joiner_in_emoji_is_kept():
    text = "A family 👨\u200d👩\u200d👧 and a flag 🏳\ufe0f\u200d🌈 were posted."
    assert _findings(text, "TY102") == []


def test_invisible_run_is_one_finding_naming_each_character():
    (finding,) = _findings("NATO\u200b\u200e said", "TY102")
    assert "ZERO WIDTH SPACE (U+200B)" in finding.message
    assert "LEFT-TO-RIGHT MARK (U+200E)" in finding.message
    assert _fixed("NATO\u200b\u200e said") == "NATO said"


def test_decomposed_word_is_recomposed():
    text = "Dovile\u0307 S\u030cakaliene\u0307 met Kęstutis"
    assert _fixed(text) == "Dovilė Šakalienė met Kęstutis"


def test_a_file_in_nfd_throughout_is_left_alone():
    text = "Dovile\u0307 S\u030cakaliene\u0307 met Ke\u0328stutis"
    assert _findings(text, "TY101") == []


def test_mixed_script_maps_to_the_majority_script():
    (finding,) = _findings("Lithu\u0430nia", "TY103")
    assert finding.replacement == "Lithuania"
    (cyr,) = _findings("Мoсква", "TY103")  # Latin 'o' in a Cyrillic word
    assert cyr.replacement == "Москва"


def test_mixed_script_without_a_look_alike_is_flagged_without_fix():
    (finding,) = _findings("Tбilisi", "TY103")
    assert finding.fix is None


@pytest.mark.parametrize("text", ["Tбilisi", "Nafтogaz said", "5 \u03bcgr a day"])
def test_mixed_script_without_a_proposal_does_not_say_write_nothing(text):
    (finding,) = _findings(text, "TY103")
    assert finding.replacement is None
    assert "write" not in finding.message and "''" not in finding.message
    assert finding.message.startswith(f"'{finding.text}' mixes ")


@pytest.mark.parametrize("text", ["5 \u03bcg a day", "a 10 \u03bcL drop", "40 \u03bcSv an hour"])
def test_a_greek_mu_before_a_unit_is_not_mixed_script(text):
    # the micro prefix written with the Greek letter, as many texts do (TY103's `allowed`)
    assert _findings(text, "TY103") == []


def test_message_no_proposal_placeholders_are_checked(tmp_path):
    (tmp_path / "ms.toml").write_text(
        'code = "XX101"\nkind = "typography"\ncheck = "mixed-script"\nmessage = "m"\n'
        'message_no_proposal = "{txt}"\nsource = "s"\nmap = { "\u0430" = "a" }\n'
        '[examples]\nfail = ["x"]\npass = ["x"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match="message_no_proposal.*unknown placeholder"):
        load_rules([tmp_path])


def test_space_before_comma_spares_scores_times_and_ellipses():
    clean = "Won 2 : 1 at 1:04 PM ... and then. Version 1.2, .45 calibre."
    assert _findings(clean, "TY104") == []


def test_suspended_hyphen_is_not_flagged():
    assert _findings("pre- and post-war, anti- or pro-drone", "TY105") == []


def test_every_check_is_registered_and_has_a_rule():
    checks = {r.options["check"] for r in TYPO.rules}
    assert checks == set(CHECKS)


PIECES = st.sampled_from([
    "a", "b", " ", ",", ".", ":", ";", "?", "“", "”", '"', "-", "\n", "anti", "drone",
    "\u200b", "\u200d", "\u00ad", "\u0430", "\u0301", "e\u0301", "Ã©", "â€™", "â€", "Ä—",
    "\u00a0", "2", "👨", "…",
])
texts = st.lists(PIECES, max_size=30).map("".join)


@given(texts, st.sampled_from(["safe", "unsafe"]))
@settings(max_examples=300, deadline=None)
def test_fixing_twice_is_fixing_once(text, levels):
    once = _fixed(text, levels)
    assert _fixed(once, levels) == once


@given(st.text(alphabet=st.sampled_from(list("aeéėšžčąłøüß€’“”–—… ,.Жжαω🙂")), max_size=30))
@settings(max_examples=300, deadline=None)
def test_mojibake_repair_inverts_the_damage_and_spares_clean_text(text):
    assert repair(sloppy_cp1252(text)) == text
    assert repair(sloppy_cp1252(sloppy_cp1252(text))) == text
    assert repair(text) == text


def test_repetition_flags_the_later_copy_only():
    text = ("Officials said the drone carried two kilograms of explosives into Lithuania.\n"
            "Something else happened on Tuesday in Vilnius.\n"
            "Officials said the drone carried two kilograms of explosives into Lithuania.\n")
    (finding,) = _findings(text, "BP110")
    assert finding.start == text.rindex("Officials")
    assert "line 1" in finding.message
    assert finding.fix is None


def test_repetition_does_not_split_sentences_at_decimals():
    text = ("GDP fell by 0.1% in the last three months of 2004 in Japan.\n"
            "GDP fell 0.5% in the last three months of 2004 in Japan, the figures show.\n")
    assert _findings(text, "BP110") == []
