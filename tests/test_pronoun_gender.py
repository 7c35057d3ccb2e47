"""The pronoun kind reads people's sex as English agreement does: a man is not
'her', a woman not 'his'; a person of unknown sex may be either."""

from __future__ import annotations

import pytest

from normalize import pronouns
from normalize.document import Document
from normalize.engine import check_document
from normalize.kinds import pronoun
from normalize.loader import RuleSet
from normalize.mentions import Kind, Mention


@pytest.fixture(scope="module")
def rule(default_rules):
    return RuleSet(tuple(r for r in default_rules.rules if r.meta.kind == "pronoun"))


@pytest.fixture(scope="module")
def the_rule(default_rules):
    (found,) = [r for r in default_rules.rules if r.KIND == "pronoun"]
    return found


def _found(rule, text):
    return [(f.text, f.replacement) for f in check_document(Document.from_text(text), rule)]


@pytest.mark.parametrize("text,expected", [
    # only men near a feminine pronoun
    ("Mr Rossi said that Italy would defend her interests.", [("her", "its")]),
    ("Mr Rossi said Italy would defend her borders.", [("her", "its")]),
    ("The spokesman said the alliance had done her part.", [("her", "its")]),
    # a man shown by the pronoun that reports his words
    ("Foreign Minister Gabrielius Landsbergis said he hoped Lithuania would get her share.",
     [("her", "its")]),
    ("The minister told reporters that he expected Estonia to raise her budget.",
     [("her", "its")]),
    # an earlier 'he' is a man: it does not make a later 'her' a person's
    ("Mr Nauseda spoke in Vilnius. He said Lithuania would not change her position.",
     [("her", "its")]),
    # only women near a masculine pronoun
    ("Ms Kallas said the alliance must strengthen his eastern flank.", [("his", "its")]),
    ("The spokeswoman said the ministry had sent his experts to the site.", [("his", "its")]),
])
def test_a_person_of_the_other_sex_does_not_keep_it_quiet(rule, text, expected):
    assert _found(rule, text) == expected


@pytest.mark.parametrize("text", [
    # she may be the woman named
    "Mrs Rossi said Italy would back her plan.",
    "Ms Merkel said Germany would defend her interests.",
    "Mrs Thatcher said France would defend her interests.",
    # a woman beside the man
    "Mr Brown and his wife visited Paris, where France gave her a medal.",
    "Mr Sarkozy's wife said France had treated her unfairly.",
    "He said his daughter had moved to Italy, where the company hired her.",
    "Mr Putin said he had spoken to Ms Merkel and that Germany supported her.",
    "Mr Blair met the Queen in Canada and thanked her for the visit.",
    # two people in one run
    "Mr and Mrs Smith moved to Spain, where she opened a bakery.",
    # people of unknown sex
    "The minister said France would defend her interests.",
    "Angela Merkel said Germany would defend her interests.",
    "Mr Rossi met the president. Italy would defend her interests, he said.",
    "Lithuania's foreign minister, Gabrielius Landsbergis, said Lithuania had done her part.",
    # a woman speaking
    "Mr Macron said that France would keep her promises, she said.",
    # a woman called by her pronouns before the men
    "Dame Vera Lynn has died. She sang for the troops. Her songs were loved. They were sung "
    "everywhere. Mr Johnson said France owed her a great debt.",
    "His widow lives in Paris. The family is large. They meet often. Mr Smith said France "
    "owed her a pension.",
    # a ship is 'she' whoever is on board
    "The ship's captain said he was proud of her crew after the storm off Norway.",
    # a man and 'his', a woman and 'her'
    "Mr Blair told Parliament his plans for the NHS would go ahead.",
    "Arsene Wenger said his side played well against Chelsea in London.",
])
def test_a_person_who_may_be_meant_keeps_it_quiet(rule, text):
    assert _found(rule, text) == []


def test_sex_of_a_mention(the_rule):
    def sex(text, word):
        at = text.index(word)
        return the_rule._sex(text, Mention(Kind.PERSON, word, at, at + len(word)), len(text))

    assert sex("Mr Rossi left.", "Mr Rossi") == pronoun.MALE
    assert sex("Mrs Rossi left.", "Mrs Rossi") == pronoun.FEMALE
    assert sex("Foreign Minister Sir Alan Duncan left.",
               "Foreign Minister Sir Alan Duncan") == pronoun.MALE
    assert sex("Mr and Mrs Smith left.", "Mr and Mrs Smith") == pronoun.EITHER
    assert sex("Mr Blair and Chancellor Merkel met.",
               "Mr Blair and Chancellor Merkel") == pronoun.EITHER
    assert sex("Rossi left.", "Rossi") == pronoun.EITHER
    assert sex("Rossi said he would go.", "Rossi") == pronoun.MALE
    assert sex("Rossi, also said that she would go.", "Rossi") == pronoun.FEMALE
    assert sex("Rossi told the BBC that she would go.", "Rossi") == pronoun.FEMALE
    # the pronoun of another sentence, or a word that only begins like one
    assert sex("Rossi said. He went.", "Rossi") == pronoun.EITHER
    assert sex("Rossi said hers was better.", "Rossi") == pronoun.EITHER
    assert the_rule._sex("Rossi said he", Mention(Kind.PERSON, "Rossi", 0, 5), 9) \
        == pronoun.EITHER  # the pronoun beyond the stop


def test_the_gendered_lists_are_persons_and_apart(the_rule):
    assert the_rule.men and the_rule.women and not the_rule.men & the_rule.women
    assert the_rule.men | the_rule.women <= the_rule.lexicon.persons
    assert {"mr", "spokesman", "husband"} <= the_rule.men
    assert {"mrs", "spokeswoman", "wife"} <= the_rule.women
    assert {"minister", "president", "spokesperson"} <= the_rule.either


@pytest.mark.parametrize("word,feminine", [
    ("he", False), ("He", False), ("him", False), ("his", False), ("himself", False),
    ("she", True), ("SHE", True), ("\u017fhe", True), ("her", True), ("hers", True),
    ("herself", True), ("HER", True),
])
def test_feminine_at(word, feminine):
    text = f"x {word} y"
    assert pronouns.GENDERED.match(text, 2)
    assert pronouns.feminine_at(text, 2) is feminine


def test_a_speaker_later_in_the_sentence():
    text = "France would keep her promises, she said, and his too."
    starts = [m.start() for m in pronouns.GENDERED.finditer(text)]
    at = text.index("her")
    assert pronouns.speaks_later(text, starts, at + 3, len(text), True)
    assert not pronouns.speaks_later(text, starts, at + 3, len(text), False)
