"""Report formats for CI: SARIF (validated against the schema), GitHub annotations and JUnit
(golden files), --statistics and --output.

The inputs are a fixture with its own rules, so that changes to the shipped
rules do not move these files. NORMALIZE_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from normalize.cli import main
from normalize.report.github import escape_data, escape_property

from .conftest import ROOT, SEEDS, SHARED, run_in

FIXTURE = "tests/fixtures/formats"
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def run(*args: str):
    return run_in(ROOT, *args)


def fixture_report(fmt: str) -> str:
    result = run("check", "--no-default-rules", "--rules", f"{FIXTURE}/rules",
                 "--format", fmt, f"{FIXTURE}/articles")
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("fmt,name", [("github", "formats.github.txt"),
                                      ("junit", "formats.junit.xml")])
def test_golden(fmt, name):
    actual = fixture_report(fmt)
    golden = GOLDEN / name
    if os.environ.get("NORMALIZE_UPDATE_GOLDEN"):
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"no golden file {name}: run with NORMALIZE_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_github_escaping():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    # an escape sequence from a scraped article is shown, not sent to the log's terminal
    assert escape_data("x\x1b]0;title\x07y\u202e") == "x\\x1b]0;title\\x07y\\u202e"
    out = fixture_report("github")
    for line in out.splitlines():
        command, props_and_message = line[2:].split(" ", 1)
        assert command in ("error", "warning", "notice")
        props, message = props_and_message.split("::", 1)
        assert "\n" not in message
        for prop in props.split(","):
            key, value = prop.split("=", 1)
            assert ":" not in value and key in {"file", "line", "col", "endLine", "endColumn",
                                                "title"}


def test_junit_is_valid_xml_with_a_failure_per_finding():
    root = ET.fromstring(fixture_report("junit").encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"{FIXTURE}/articles/{n}" for n in ("a-clean.txt", "b-markup.txt", "c-unicode.txt")]
    failures = root.findall(".//failure")
    assert len(failures) == int(root.get("failures")) == 5
    assert root.find(".//testsuite/testcase").find("failure") is None  # the clean file passes
    assert any('Read more <here> & "there"' in (f.text or "") for f in failures)


def test_junit_reports_unreadable_files(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 " + bytes(range(0x80, 0x100)))  # not text
    result = CliRunner().invoke(main, ["check", "--format", "junit", str(tmp_path)])
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.get("errors") == "1" and root.find(".//error") is not None


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _validate(payload: dict) -> None:
    errors = sorted(_validator().iter_errors(payload), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_validates_against_the_schema():
    payload = json.loads(fixture_report("sarif"))
    _validate(payload)
    run_ = payload["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["FT101", "FT102", "FT103"]
    assert all(r["help"]["text"] and "Source: Test fixture" in r["help"]["text"] for r in rules)
    results = run_["results"]
    assert len(results) == 5
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    first = results[0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (1, 42, 48)
    assert region["snippet"]["text"] == "colour"
    (change,) = first["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "color"
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    uri = first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": f"{FIXTURE}/articles/b-markup.txt", "uriBaseId": "%SRCROOT%"}


def test_sarif_of_the_seeds_and_of_errors_validates(tmp_path):
    _validate(json.loads(run("check", "--format", "sarif", "seeds").stdout))
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 " + bytes(range(0x80, 0x100)))  # not text
    (tmp_path / "a b.txt").write_text("Kestutis Budrys spoke.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", str(tmp_path)])
    payload = json.loads(result.stdout)
    _validate(payload)
    assert payload["runs"][0]["invocations"][0]["executionSuccessful"] is False
    uri = payload["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"].startswith("file:///")
    assert "a%20b.txt" in uri["artifactLocation"]["uri"]


def test_statistics_and_output(tmp_path):
    result = run("check", "--statistics", str(SEEDS))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    counts = [int(line.split()[0]) for line in lines[:-1]]
    assert counts == sorted(counts, reverse=True)
    payload = json.loads(run("check", "--format", "json", str(SEEDS)).stdout)
    assert sum(counts) == payload["summary"]["findings"]
    for code, n in payload["summary"]["by_code"].items():
        assert any(line.split()[:2] == [str(n), code] for line in lines)
    target = tmp_path / "report.sarif"
    result = run("check", "--format", "sarif", "--output", str(target), str(SEEDS))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_summaries_count_one_thing_in_the_singular(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("The drone , which fell.\n", encoding="utf-8")
    assert run("check", "--statistics", str(one)).stdout.splitlines()[-1] == \
        "1 finding in 1 file."
    one.write_text("The drone, which fell.\n", encoding="utf-8")
    assert run("check", str(one)).stdout == "All checks passed (1 file).\n"
    (tmp_path / "two.txt").write_text("Fine.\n", encoding="utf-8")
    assert run("check", str(tmp_path)).stdout == "All checks passed (2 files).\n"


def test_names_summary_says_it_is_not_a_finding(tmp_path):
    """The folder-wide names summary is information: its header says where the
    findings are, and that none is among its lines when the run has none."""
    (tmp_path / "a.txt").write_text("Shares in WorldCom fell sharply on Monday.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Shares in Worldcom rose again on Tuesday.\n", "utf-8")
    result = run("check", str(tmp_path))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0, result.stdout
    assert lines[0].startswith("Names written in more than one way, for reference "
                               "(none is a finding)")
    assert lines[-1] == "All checks passed (2 files)."
    (tmp_path / "c.txt").write_text("The drone , which fell.\n", "utf-8")
    result = run("check", str(tmp_path))
    assert "for reference (the findings are the lines above)" in result.stdout
