"""The substitution kind's {cue}: the message names the word of the text that
made the match, not one word of the condition's list."""

from __future__ import annotations

import pytest

from normalize.document import Document
from normalize.engine import check_document
from normalize.kinds.base import RuleError
from normalize.loader import RuleSet, load_rules

RULE = '''code = "XX901"
kind = "substitution"
message = "'{text}' after '{cue}': write '{replacement}'"
source = "test"
swap = { "like" = "as" }
before = "\\\\b(?P<cue>identified|classified)\\\\s+(?:the\\\\s+)?\\\\w+\\\\s+$"

[examples]
fail = ["x"]
pass = ["y"]
'''


def _rules(tmp_path, text):
    (tmp_path / "r.toml").write_text(text, encoding="utf-8")
    return RuleSet(load_rules([tmp_path], use_defaults=False).rules)


def test_the_message_quotes_the_word_found(tmp_path):
    rules = _rules(tmp_path, RULE)
    (f,) = check_document(Document.from_text("They classified the device like a decoy."), rules)
    assert f.message == "'like' after 'classified': write 'as'"


def test_a_cue_without_its_group_is_refused(tmp_path):
    with pytest.raises(RuleError, match="cue"):
        _rules(tmp_path, RULE.replace("(?P<cue>", "(?:"))
