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

EXISTENCE = GOOD.replace('kind = "substitution"', 'kind = "existence"').replace(
    'swap = { "colour" = "color" }', "patterns = ['^Read more\\b']")
NAMES = GOOD.replace('kind = "substitution"', 'kind = "names"').replace(
    'swap = { "colour" = "color" }', 'names = ["Kęstutis Budrys", "Dovilė Šakalienė"]')

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
     "bad regular expression in 'swap' entry '(colour': missing ), unterminated subpattern "
     "at position 0"),
    ("examples not a table", GOOD.replace('[examples]\nfail = ["colour"]\npass = ["color"]\n',
                                          'examples = 3\n'), 7, "must be a table"),
    ("missing examples.pass", GOOD.replace('pass = ["color"]\n', ""), None, "examples.pass"),
    ("unknown example key", GOOD.replace('pass = ["color"]', 'pass = ["color"]\nfial = ["x"]'), 10,
     "unknown key 'examples.fial'"),
    ("swap value type", GOOD.replace('"color" }', '3 }'), 5, "entry 'colour'"),
    ("empty swap", GOOD.replace('{ "colour" = "color" }', "{}"), 5, "empty"),
    ("catastrophic swap regex", GOOD.replace('swap = { "colour" = "color" }',
                                             'regex = true\nswap = { \'(\\w+\\s?)+x\' = "y" }'),
     6, "regular expression '(\\\\w+\\\\s?)+x' in 'swap' can backtrack catastrophically"),
    ("catastrophic existence pattern", EXISTENCE.replace("'^Read more\\b'", "'^(\\w+\\s?)*$'"), 5,
     "can backtrack catastrophically"),
    ("bad regex in a condition", GOOD.replace('source =', "before = '(?<=a+)'\nsource ="), 4,
     "bad regular expression in 'before'"),
    ("key given twice", GOOD.replace('source = "test"', 'source = "test"\nsource = "again"'), 5,
     "invalid TOML"),
    ("kind not a string", GOOD.replace('kind = "substitution"', "kind = 3"), 2, "unknown kind"),
    ("bad applicability", GOOD.replace('source =', 'applicability = "always"\nsource ='), 4,
     "want one of: safe, unsafe, display-only"),
    ("example not a string", GOOD.replace('fail = ["colour"]', "fail = [1]"), 8,
     "must hold only strings"),
    ("swap with no proposal", GOOD.replace('"color" }', "[] }"), 5, "has no proposal"),
    ("context not an integer", GOOD.replace('source =', 'context = "near"\nsource ='), 4,
     "key 'context' must be an integer"),
    ("ignore_case not a boolean", GOOD.replace('source =', 'ignore_case = "yes"\nsource ='), 4,
     "key 'ignore_case' must be a boolean"),
    ("empty patterns", EXISTENCE.replace("['^Read more\\b']", "[]"), 5, "'patterns' is empty"),
    ("empty pattern", EXISTENCE.replace("'^Read more\\b'", "''"), 5,
     "pattern '' in 'patterns' matches only empty text"),
    ("pattern matching only empty text", EXISTENCE.replace("'^Read more\\b'",
                                                           "'^Read more\\b', '(?:)|^'"), 5,
     "pattern '(?:)|^' in 'patterns' matches only empty text"),
    ("name listed twice", NAMES.replace('"Dovilė Šakalienė"]', '"Kęstutis Budrys"]'), 5,
     "listed twice"),
    ("missing message", GOOD.replace("message = \"'{text}' -> '{replacement}'\"\n", ""), None,
     "missing required key 'message'"),
    ("not UTF-8", GOOD.replace('"test"', '"caf\udce9"'), None, "cannot read rule file"),
    ("arrays nested a thousand deep", EXISTENCE.replace("['^Read more\\b']",
                                                        "[" * 1000 + "]" * 1000), None,
     "nested too deeply"),
    ("groups nested a thousand deep", EXISTENCE.replace("'^Read more\\b'",
                                                        "'" + "(" * 1000 + "a" + ")" * 1000 + "'"),
     5, "groups nested too deeply to compile"),
    ("repetition count too large", GOOD.replace('swap = { "colour"', 'regex = true\nswap = '
                                                '{ "colou{4294967295}r"'), 6,
     "the repetition number is too large"),
    ("global flag inside one of several patterns", EXISTENCE.replace(
        "'^Read more\\b'", "'^Read more\\b', '(?i)share'"), 5,
     "in 'patterns' entry '(?i)share': a global flag such as (?i) must begin a whole pattern"),
    ("global flag inside a swap key", GOOD.replace('swap = { "colour"',
                                                   'regex = true\nswap = { "(?i)colour"'), 6,
     "entry '(?i)colour': a global flag such as (?i) must begin a whole pattern"),
]


@pytest.mark.parametrize("name,text,line,what", BAD, ids=[b[0] for b in BAD])
def test_bad_rule_file_gives_one_line(tmp_path, name, text, line, what):
    path = tmp_path / "rule.toml"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}:" if line else f"{path}:")
    assert what in message


def test_the_table_is_large_and_distinct():
    assert len(BAD) >= 20 and len({text for _, text, _, _ in BAD}) == len(BAD)


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*!", r"(?:x*)*y", r"((ab)*c?)+d"])
def test_catastrophic_patterns_cannot_hang_a_run(tmp_path, pattern):
    """Refused when the rule loads, so no run ever tries them on a long line."""
    path = tmp_path / "rule.toml"
    path.write_text(EXISTENCE.replace("'^Read more\\b'", f"'{pattern}'"), encoding="utf-8")
    with pytest.raises(RuleError, match="backtrack catastrophically"):
        load_rule_file(path)


@pytest.mark.parametrize("pattern", [r"(?:\s+\w+){0,3}", r"(?>a+)+", r"(a++)+", r"(ab)+",
                                     r"(?:\d{1,3},)+\d{3}", r"^Read more on\b.*$"])
def test_linear_patterns_still_load(tmp_path, pattern):
    path = tmp_path / "rule.toml"
    path.write_text(EXISTENCE.replace("'^Read more\\b'", f"'{pattern}'"), encoding="utf-8")
    assert load_rule_file(path).meta.code == "XX101"


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


def test_loading_is_remembered_until_a_file_changes(tmp_path):
    import os

    path = tmp_path / "r.toml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_rules([tmp_path], use_defaults=False)
    assert load_rules([tmp_path], use_defaults=False) is first
    path.write_text(GOOD.replace("XX101", "XX102"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with an old time stamp: the size or time differs
    assert [r.meta.code for r in load_rules([tmp_path], use_defaults=False).rules] == ["XX102"]
    (tmp_path / "s.toml").write_text(GOOD.replace("XX101", "XX103"), encoding="utf-8")
    assert len(load_rules([tmp_path], use_defaults=False).rules) == 2
