"""Baselines: record today's findings, then report only new ones, however lines move."""

from __future__ import annotations

import json
import os
import shutil

from click.testing import CliRunner

from normalize.baseline import fingerprint
from normalize.cli import main
from normalize.document import Document
from normalize.engine import check_document

from .conftest import SEEDS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


PARAGRAPHS = [
    "Foreign Minister Kestutis Budrys told journalists on Monday.",
    "The drone was found precipitated in a military training area.",
    "Officials said the investigation continues.",
    "Foreign Minister Kestutis Budrys told journalists on Monday.",  # a duplicate
    "Read more: Latvia closes its border",
]


def test_only_the_new_finding_is_reported_after_lines_move(tmp_path):
    article = tmp_path / "news" / "article.txt"
    article.parent.mkdir()
    article.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = run("check", "--write-baseline", baseline, tmp_path / "news")
    assert result.exit_code == 0
    assert run("check", "--baseline", baseline, tmp_path / "news").exit_code == 0

    moved = [PARAGRAPHS[4], "A new opening paragraph.", PARAGRAPHS[2], PARAGRAPHS[0],
             PARAGRAPHS[1], "The helicopter precipitated into the sea near the coast.",
             PARAGRAPHS[3]]
    article.write_text("\n".join(moved) + "\n", encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", baseline, tmp_path / "news")
    assert result.exit_code == 1
    (new,) = json.loads(result.stdout)["findings"]
    assert (new["code"], new["line"], new["text"]) == ("MT101", 6, "precipitated")


def test_a_third_duplicate_is_new(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{PARAGRAPHS[0]}\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    run("check", "--write-baseline", baseline, article)
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [(e["code"], e["count"]) for e in entries] == [("NM101", 2)]
    article.write_text(f"{PARAGRAPHS[0]}\nNo.\n{PARAGRAPHS[0]}\n{PARAGRAPHS[0]}\n",
                       encoding="utf-8")
    result = run("check", "--format", "json", "--baseline", baseline, article)
    assert [f["line"] for f in json.loads(result.stdout)["findings"]] == [4]


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    baseline = tmp_path / "baseline.json"
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        run("check", "--write-baseline", "baseline.json", "seeds")
    finally:
        os.chdir(old)
    paths = {e["path"] for e in json.loads(baseline.read_text(encoding="utf-8"))["findings"]}
    assert all(p.startswith("seeds/") for p in paths)
    assert run("check", "--baseline", baseline, tmp_path / "seeds").exit_code == 0


def test_fingerprint_ignores_position_but_not_context(default_rules):
    def prints(text):
        doc = Document.from_text(text)
        return [fingerprint(f, text) for f in check_document(doc, default_rules)]

    line = "The drone was found precipitated in a field."
    assert prints(line) == prints(f"Intro.\n\n{line}\n") == prints(f"  {line}")
    assert prints(line) != prints("The jet was found precipitated in a lake.")


def test_bad_baseline_is_a_usage_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": 3}', encoding="utf-8")
    result = run("check", "--baseline", bad, SEEDS)
    assert result.exit_code == 2 and "b.json" in result.stderr
    bad.write_text("not json", encoding="utf-8")
    assert run("check", "--baseline", bad, SEEDS).exit_code == 2


def test_baseline_from_config(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"{PARAGRAPHS[1]}\n", encoding="utf-8")
    assert run("check", "--write-baseline", tmp_path / "old.json", article).exit_code == 0
    (tmp_path / "normalize.toml").write_text('baseline = "old.json"\n', encoding="utf-8")
    assert run("check", article).exit_code == 0
    article.write_text(f"{PARAGRAPHS[1]}\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    result = run("check", "--format", "json", article)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["NM101"]
    (tmp_path / "normalize.toml").write_text('baseline = "missing.json"\n', encoding="utf-8")
    result = run("check", article)
    assert result.exit_code == 2 and "missing.json" in result.stderr
