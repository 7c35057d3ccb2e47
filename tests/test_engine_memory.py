"""check_paths keeps no text of clean files, and reads back those the names stage reports on."""

from __future__ import annotations

from pathlib import Path

from normalize.engine import check_paths
from normalize.loader import load_rules

from .conftest import SEEDS, write_budrys_folder


def test_clean_files_are_kept_as_their_path_alone(tmp_path):
    (tmp_path / "a.txt").write_text("The minister met reporters on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("He said it was good.\n\n6 min de lecture\n", encoding="utf-8")
    report = check_paths([tmp_path], load_rules([], True))
    by_name = {Path(r.doc.path).name: r for r in report.files}
    assert by_name["a.txt"].doc.is_placeholder and by_name["a.txt"].doc.text == ""
    assert not by_name["b.txt"].doc.is_placeholder and by_name["b.txt"].findings
    assert by_name["a.txt"].doc.whole().text.startswith("The minister")


def test_a_file_only_the_names_stage_reports_on_is_read_again():
    report = check_paths([SEEDS], load_rules([], False))  # no rule files: the names stage alone
    reported = [r for r in report.files if r.findings]
    assert reported, "the folder stage finds the seeds' minority spellings"
    for result in reported:
        assert not result.doc.is_placeholder
        assert all(result.doc.text[f.start:f.end] == f.text for f in result.findings)


def test_spellings_seen_more_often_than_the_table_keeps_are_all_reported(tmp_path):
    """The table keeps KEEP mentions a spelling; the stage reads the rest again."""
    from normalize.entities import KEEP

    write_budrys_folder(tmp_path, KEEP)
    report = check_paths([tmp_path], load_rules([], False))
    flagged = sorted(Path(r.doc.path).name for r in report.files if r.findings)
    assert flagged == [f"b{n:02}.txt" for n in range(KEEP + 2)]
    for result in report.files:
        for f in result.findings:
            assert result.doc.text[f.start:f.end] == f.text == "Kestutis Budrys"
