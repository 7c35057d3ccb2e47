"""Malformed rule files stop the run with one line: file, line where known, what."""

from __future__ import annotations

import pytest

from normalize.kinds.base import RuleError
from normalize.loader import load_rule_file, load_rules

GOOD = '''code = "XX101"
kind = "substitution"
message = "'{text}' -> '{replacement}'"
source = "test"
swap = { "colour" = "color" }

[examples]
fail = ["colour"]
pass = ["color"]
'''

BAD = [
    ("bad toml", GOOD.replace('swap = {', 'swap = {{'), 5, "invalid TOML"),
    ("unknown key", GOOD.replace("source =", 'sorce = "x"\nsource ='), 4, "unknown key 'sorce'"),
    ("wrong type", GOOD.replace('source = "test"', "source = 3"), 4,
     "key 'source' must be a string"),
    ("missing code", GOOD.replace('code = "XX101"\n', ""), None, "missing required key 'code'"),
    ("bad code", GOOD.replace('"XX101"', '"xx"'), 1, "bad code"),
    ("unknown kind", GOOD.replace('"substitution"', '"swapper"'), 2, "unknown kind"),
    ("bad severity", GOOD.replace('source =', 'severity = "fatal"\nsource ='), 4, "want one of"),
    ("bad regex", GOOD.replace('swap = { "colour" = "color" }',
                               'regex = true\nswap = { "(colour" = "color" }'), 6,
     "bad regular expression"),
    ("examples not a table", GOOD.replace('[examples]\nfail = ["colour"]\npass = ["color"]\n',
                                          'examples = 3\n'), 7, "must be a table"),
    ("missing examples.pass", GOOD.replace('pass = ["color"]\n', ""), None, "examples.pass"),
    ("unknown example key", GOOD.replace('pass = ["color"]', 'pass = ["color"]\nfial = ["x"]'), 10,
     "unknown key 'examples.fial'"),
    ("swap value type", GOOD.replace('"color" }', '3 }'), 5, "entry 'colour'"),
    ("empty swap", GOOD.replace('{ "colour" = "color" }', "{}"), 5, "empty"),
]


@pytest.mark.parametrize("name,text,line,what", BAD, ids=[b[0] for b in BAD])
def test_bad_rule_file_gives_one_line(tmp_path, name, text, line, what):
    path = tmp_path / "rule.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}:" if line else f"{path}:")
    assert what in message


def test_good_rule_loads(tmp_path):
    (tmp_path / "r.toml").write_text(GOOD, encoding="utf-8")
    rules = load_rules([tmp_path], use_defaults=False)
    assert [r.meta.code for r in rules.rules] == ["XX101"]


def test_duplicate_code_across_files(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="already used"):
        load_rules([tmp_path], use_defaults=False)


def test_defaults_found():
    assert load_rules([], use_defaults=True).rules
