"""Bad input gets one clear line naming the file (and line, for rule files), exit
code 2, never a traceback: file names that are not UTF-8, rule files, baselines,
config files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalize.kinds import KINDS

from .conftest import ROOT

NEWSROOM = ROOT / "tests" / "fixtures" / "newsroom"
RULE_HEAD = 'code = "HS901"\nmessage = "found {text}"\nsource = "a test"\n'
EXAMPLES = "\n[examples]\nfail = []\npass = []\n"
BAD_NAME = b"bad\xffname.txt"


def cli(*args, cwd=None):
    """The command line in a child process: its real streams, as a user's."""
    return subprocess.run([sys.executable, "-m", "normalize", *map(os.fsdecode, args)],
                          capture_output=True, timeout=120, cwd=cwd)


def one_error_line(proc) -> str:
    """The run's stderr, which must be one `error:` line and no traceback."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def rule_dir(tmp_path: Path, body: str, name: str = "r.toml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(RULE_HEAD + body + EXAMPLES, encoding="utf-8")
    return folder


# -- a file name that is not UTF-8 ----------------------------------------------------


@pytest.fixture()
def bad_name(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), BAD_NAME), "wb") as handle:
        handle.write(b"Hello , world.\n")
    return tmp_path


FORMATS = ["text", "json", "diff", "sarif", "github", "junit", "codequality", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_name_on_stdout(bad_name, fmt):
    proc = cli("check", "--format", fmt, "articles", cwd=bad_name)
    assert b"Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    if fmt in ("text", "diff"):  # the name's own bytes: an editor or patch opens the file
        assert BAD_NAME in proc.stdout
    else:  # valid UTF-8 that still shows the byte
        text = proc.stdout.decode("utf-8")
        assert {"json": "bad\\udcffname.txt", "codequality": "bad\\udcffname.txt",
                "sarif": "bad%FFname.txt"}.get(fmt, "bad\\xffname.txt") in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_non_utf8_name_to_output_file(bad_name, fmt):
    proc = cli("check", "--format", fmt, "-o", "report", "articles", cwd=bad_name)
    assert b"Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    written = (bad_name / "report").read_bytes()
    if fmt in ("text", "diff"):
        assert BAD_NAME in written
    else:
        written.decode("utf-8")  # valid UTF-8
    if fmt in ("json", "sarif", "codequality"):
        json.loads(written)


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", ""])
@pytest.mark.parametrize("args", [("fix", "--diff"), ("check", "--format", "diff")])
def test_non_utf8_name_in_a_diff_under_a_strict_stdout_encoding(bad_name, monkeypatch,
                                                                 encoding, args):
    """The diff names the file by its own bytes (as `patch` needs), whatever
    encoding standard output has: a strict one cannot refuse it."""
    monkeypatch.setenv("PYTHONIOENCODING", encoding)
    proc = cli(*args, "articles", cwd=bad_name)
    assert b"Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == (0 if args[0] == "fix" else 1), proc.stderr
    assert b"--- a/articles/" + BAD_NAME + b"\n" in proc.stdout
    assert b"+Hello, world.\n" in proc.stdout
    assert (bad_name / "articles" / os.fsdecode(BAD_NAME)).read_bytes() == b"Hello , world.\n"


@pytest.mark.parametrize("body, args, code", [
    ('patterns = ["z"]\n', ("rules", "validate", "rules"), 2),  # "does not flag" names it
    ('patterns = ["x"]\n', ("rules", "list", "--no-default-rules", "--rules", "rules"), 0),
    ('patterns = ["x"]\n',
     ("rules", "explain", "HS901", "--no-default-rules", "--rules", "rules"), 0),
])
def test_non_utf8_rule_file_name_under_a_strict_stdout_encoding(tmp_path, monkeypatch, body,
                                                                args, code):
    (tmp_path / "rules").mkdir()
    with open(os.path.join(os.fsencode(tmp_path / "rules"), b"bad\xffr.toml"), "wb") as handle:
        handle.write((RULE_HEAD + 'kind = "existence"\n' + body).encode()
                     + b'\n[examples]\nfail = ["x"]\npass = ["y"]\n')
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    proc = cli(*args, cwd=tmp_path)
    assert b"Traceback" not in proc.stderr and proc.returncode == code, proc.stderr
    if args[1] == "validate":  # a problem is an error: line, its name escaped as there
        assert b"error: rules/bad\\xffr.toml: HS901 does not flag" in proc.stderr
    else:
        assert b"bad\xffr" in proc.stdout


def test_non_utf8_name_in_an_error_or_note_line_is_shown_as_the_reports_show_it(bad_name):
    """Error lines showed such a byte as Python's `\\udcff`, the reports as `\\xff`."""
    with open(os.path.join(os.fsencode(bad_name / "articles"), b"bin\xff.txt"), "wb") as handle:
        handle.write(b"\x00\x01\x02")
    proc = cli("check", "articles", cwd=bad_name)
    assert b"note: articles/bin\\xff.txt: binary file" in proc.stderr, proc.stderr
    assert b"udcff" not in proc.stderr


def test_non_utf8_name_in_json_reads_back_as_the_name(bad_name):
    proc = cli("check", "--format", "json", "articles", cwd=bad_name)
    path = json.loads(proc.stdout)["findings"][0]["path"]
    assert os.fsencode(path) == b"articles/" + BAD_NAME


def test_non_utf8_name_in_a_baseline_round_trips(bad_name):
    proc = cli("check", "--write-baseline", "b.json", "articles", cwd=bad_name)
    assert b"Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    json.loads((bad_name / "b.json").read_bytes().decode("utf-8"))
    again = cli("check", "--baseline", "b.json", "articles", cwd=bad_name)
    assert again.returncode == 0, again.stdout + again.stderr  # the finding is recorded


# -- rule files ---------------------------------------------------------------------


def test_bad_group_reference_in_a_swap_is_refused_at_load(tmp_path):
    rules = rule_dir(tmp_path, 'kind = "substitution"\nregex = true\n'
                               'swap = { "Budrys" = \'\\9\' }\n')
    article = tmp_path / "a.txt"
    article.write_text("Kestutis Budrys spoke.\n", encoding="utf-8")
    proc = cli("check", "--no-default-rules", "--rules", rules, article)
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "r.toml:6:" in line and "invalid group reference 9" in line
    validate = cli("rules", "validate", rules)
    assert validate.returncode == 2 and b"r.toml:6:" in validate.stderr


@pytest.mark.parametrize("swap", ['"(?P<w>Budrys)" = \'\\g<x>\'', '"Budrys" = \'\\g<1>\''])
def test_bad_named_or_numbered_group_in_a_swap_is_refused(tmp_path, swap):
    rules = rule_dir(tmp_path, f'kind = "substitution"\nregex = true\nswap = {{ {swap} }}\n')
    proc = cli("rules", "validate", rules)
    assert proc.returncode == 2 and b"bad proposal" in proc.stderr, proc.stderr


def test_good_group_references_still_load(tmp_path):
    swap = 'swap = { "(?P<w>Bud)rys" = [\'\\g<w>ris\', \'\\1rys\', \'x\\\\y\'] }\n'
    rules = rule_dir(tmp_path, 'kind = "substitution"\nregex = true\n' + swap)
    assert cli("rules", "validate", rules).returncode == 0


@pytest.mark.parametrize("swap", ['"" = "X"', '"x?" = "X"'])
def test_a_swap_key_that_matches_empty_text_is_refused(tmp_path, swap):
    regex = "regex = true\n" if "?" in swap else ""
    rules = rule_dir(tmp_path, f'kind = "substitution"\n{regex}swap = {{ {swap} }}\n')
    proc = cli("rules", "validate", rules)
    assert proc.returncode == 2 and b"r.toml:" in proc.stderr, proc.stderr


@pytest.mark.parametrize("patterns", ["['']", "['Read more', '']", "['(?:)']", "['^', '$']"])
def test_an_existence_pattern_that_matches_only_empty_text_is_refused(tmp_path, patterns):
    rules = rule_dir(tmp_path, f'kind = "existence"\npatterns = {patterns}\n')
    proc = cli("rules", "validate", rules)
    assert proc.returncode == 2 and b"r.toml:5: pattern '" in proc.stderr, proc.stderr
    assert b"matches only empty text" in proc.stderr
    article = tmp_path / "a.txt"
    article.write_text("Read more here.\n", encoding="utf-8")
    check = cli("check", "--no-default-rules", "--rules", rules, article)
    assert check.returncode == 2 and "r.toml:5:" in one_error_line(check)


def test_a_negative_context_is_refused(tmp_path):
    rules = rule_dir(tmp_path, 'kind = "substitution"\nswap = { "a" = "b" }\ncontext = -5\n')
    proc = cli("rules", "validate", rules)
    assert proc.returncode == 2 and b"r.toml:6: key 'context' is -5, want 0 or more" in proc.stderr


@pytest.mark.parametrize("message, shown", [
    ("found {nope}", "unknown placeholder {nope}; this kind offers {text}, {replacement}"),
    ("found {}", "unknown placeholder {}"),
    ("found {text", "is not a valid template"),
    ("found {text.__class__}", "quotes {text.__class__}: a placeholder is a plain name"),
    ("found {text[0]}", "quotes {text[0]}: a placeholder is a plain name such as {text}"),
    ("found {text:>999999999}", "gives {text:>999999999} a format it does not allow"),
    ("found {text:{replacement}}", "gives {text:{replacement}} a format it does not allow"),
])
def test_a_message_placeholder_the_kind_does_not_fill_is_refused(tmp_path, message, shown):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.toml").write_text(
        f'code = "HS901"\nmessage = "{message}"\nsource = "a test"\n'
        'kind = "substitution"\nswap = { "a" = "b" }\n' + EXAMPLES, encoding="utf-8")
    proc = cli("rules", "validate", folder)
    assert proc.returncode == 2 and b"r.toml:2: key 'message' " in proc.stderr, proc.stderr
    assert shown.encode() in proc.stderr


def test_a_kinds_own_placeholders_are_accepted(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.toml").write_text(
        'code = "HS901"\nmessage = "{text!r} in {language:.20} ({code:>5}), {{sic}}"\n'
        'source = "a test"\nkind = "language"\n' + EXAMPLES,
        encoding="utf-8")
    proc = cli("rules", "validate", folder)
    assert b"message" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_declares_the_placeholders_it_fills(kind):
    """Undeclared (None), a kind's messages are not checked at load at all."""
    assert KINDS[kind].PLACEHOLDERS is not None


def repetition_rule(tmp_path, message):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "r.toml").write_text(
        f'code = "HS901"\nmessage = "{message}"\nsource = "a test"\nkind = "repetition"\n'
        + EXAMPLES, encoding="utf-8")
    return folder


def test_a_repetition_message_with_an_unknown_placeholder_is_refused(tmp_path):
    proc = cli("rules", "validate", repetition_rule(tmp_path, "{excerpt} repeats {nope}"))
    assert proc.returncode == 2 and b"r.toml:2: key 'message' " in proc.stderr, proc.stderr
    assert b"unknown placeholder {nope}" in proc.stderr


def test_a_repetition_message_may_quote_line_and_excerpt(tmp_path):
    proc = cli("rules", "validate", repetition_rule(tmp_path, "{excerpt} repeats line {line}"))
    assert b"message" not in proc.stderr, proc.stderr


# -- baselines --------------------------------------------------------------------------


@pytest.mark.parametrize("count", ["1e999", "-1", '"1"', "true", "NaN", "1.5", "null"])
def test_a_baseline_count_that_is_not_a_count_is_one_line(tmp_path, count):
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    baseline.write_text('{"schema_version": 1, "findings": [{"path": "a.txt", '
                        f'"fingerprint": "f", "code": "TY104", "count": {count}}}]}}')
    proc = cli("check", "--baseline", baseline, article)
    assert proc.returncode == 2
    assert "b.json: not a normalize baseline (entry 0: 'count' is" in one_error_line(proc)


@pytest.mark.parametrize("text", ['{"n": ' + "9" * 5000 + "}", "[" * 100_000])
def test_a_baseline_json_cannot_read_is_one_line(tmp_path, text):
    article = tmp_path / "a.txt"
    article.write_text("Hello , world.\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    baseline.write_text(text)
    proc = cli("check", "--baseline", baseline, article)
    assert proc.returncode == 2 and "b.json: cannot read baseline" in one_error_line(proc)


# -- config files -----------------------------------------------------------------------


def test_a_pyproject_that_is_not_toml_is_an_error_not_passed_over(newsroom):
    pyproject = newsroom / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    line = text.splitlines().index('fail-level = "warning"            # suggestions are shown '
                                   'but do not fail CI') + 1
    pyproject.write_text(text.replace('"warning"', '"warning', 1), encoding="utf-8")
    proc = cli("check", newsroom)
    assert proc.returncode == 2
    assert f"{pyproject}:{line}: invalid TOML" in one_error_line(proc)


def test_a_pyproject_that_is_not_utf8_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.normalize]\nfail-level = "w\xffarning"\n')
    (tmp_path / "a.txt").write_text("Hello , world.\n", encoding="utf-8")
    proc = cli("check", tmp_path / "a.txt")
    assert proc.returncode == 2 and "pyproject.toml: cannot read" in one_error_line(proc)


def test_a_config_file_with_a_bom_is_read(newsroom):
    pyproject = newsroom / "pyproject.toml"
    pyproject.write_bytes(b"\xef\xbb\xbf" + pyproject.read_bytes())
    proc = cli("check", "--show-config", newsroom)
    assert proc.returncode == 0, proc.stderr
    assert b'fail-level = "warning"' in proc.stdout


def test_a_rule_file_with_a_bom_is_read(tmp_path):
    rules = rule_dir(tmp_path, 'kind = "substitution"\nswap = { "defense" = "defence" }\n')
    path = rules / "r.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert cli("rules", "validate", rules).returncode == 0
    article = tmp_path / "a.txt"
    article.write_text("The defense ministry spoke.\n", encoding="utf-8")
    proc = cli("check", "--no-default-rules", "--rules", rules, article)
    assert proc.returncode == 1 and b"HS901" in proc.stdout, proc.stderr


@pytest.mark.parametrize("body, key", [
    ('include = ["[a"]\n', "include"),
    ('exclude = ["drafts/[z-a]"]\n', "exclude"),
    ('[per-path-ignores]\n"archive/[x" = ["LG"]\n', "per-path-ignores.archive/[x"),
])
def test_a_glob_that_cannot_be_read_is_a_config_error(tmp_path, body, key):
    (tmp_path / "normalize.toml").write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello , world.\n", encoding="utf-8")
    proc = cli("check", tmp_path)
    assert proc.returncode == 2
    line = one_error_line(proc)
    assert "normalize.toml:" in line and f"key '{key}': glob" in line


def test_glob_character_sets():
    from normalize.globs import glob_match

    assert glob_match("[ab]*.md", "x/a1.md") and not glob_match("[ab]*.md", "c1.md")
    assert glob_match("[!a]x", "bx") and not glob_match("[!a]x", "ax")
    assert not glob_match("a[!b]c", "a/c")  # a set never matches '/'
    assert glob_match("[[]draft]", "[draft]")


def test_validate_reports_a_code_used_twice_as_check_does(tmp_path):
    body = 'kind = "substitution"\nswap = { "defense" = "defence" }\n'
    rules = rule_dir(tmp_path, body, "a.toml")
    rule_dir(tmp_path, body, "b.toml")
    proc = cli("rules", "validate", rules)
    assert proc.returncode == 2
    assert f"{rules / 'b.toml'}:1: code HS901 already used by {rules / 'a.toml'}".encode() \
        in proc.stderr, proc.stderr
    article = tmp_path / "x.txt"
    article.write_text("Fine.\n", encoding="utf-8")
    check = cli("check", "--no-default-rules", "--rules", rules, article)
    assert check.returncode == 2
    assert one_error_line(check) == proc.stderr.decode().splitlines()[0]


# -- summary lines ----------------------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--statistics"]])
def test_no_all_checks_passed_when_inputs_failed(tmp_path, extra):
    proc = cli("check", *extra, tmp_path / "missing.txt", tmp_path / "gone.md")
    assert proc.returncode == 2
    assert proc.stdout == b"No files checked (2 errors).\n"
    (tmp_path / "ok.txt").write_text("Fine.\n", encoding="utf-8")
    proc = cli("check", *extra, tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert proc.returncode == 2
    assert proc.stdout == b"No findings in the 1 file checked; 1 error.\n"
    proc = cli("check", *extra, tmp_path / "ok.txt")
    assert proc.returncode == 0 and proc.stdout == b"All checks passed (1 file).\n"
