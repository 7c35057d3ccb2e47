"""A bounded mention table keeps a few mentions of each spelling but every file
it appears in (as numbers into the table's `files`): the folder stage's summary
then lists every file without reading any file again, the same as a table that
keeps everything, in one process or several."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import document, engine
from normalize.consistency import decide
from normalize.document import Document
from normalize.engine import check_paths
from normalize.entities import KEEP, MentionTable, collect_mentions
from normalize.loader import RuleSet, load_rules

from .conftest import SEEDS, write_budrys_folder

NAMES = ["WorldCom", "Worldcom", "Dovilė Šakalienė", "Dovile Sakaliene", "Sakaliene",
         "Kęstutis Budrys", "Kestutis Budrys", "Budrys Kestutis", "Grunskiene", "Kraków",
         "Krakow", "Markus Weiß", "Markus Weiss", "Smith", "Smyth"]
FILLER = ["said on Monday that", "met", "and", "wrote to", "told reporters.", "\n\n"]

# a few names, written over and over in up to fifteen files
folders = st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).flatmap(
    lambda pool: st.lists(st.lists(st.sampled_from(pool + FILLER), min_size=1,
                                   max_size=10).map(" ".join), min_size=1, max_size=15))


def _found(texts: list[str]) -> list[list]:
    return [collect_mentions(Document.from_text(t + ".\n", f"d{i:02}.txt"))
            for i, t in enumerate(texts)]


def _decided(table: MentionTable, found: list[list], asked: list) -> tuple:
    out = decide(table, RuleSet(()), {}, again=lambda needed: asked.append(needed) or found)
    return out.findings, out.entities


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, limit=st.sampled_from([3, 4, 8]))
def test_a_bounded_table_knows_every_file_of_every_spelling(texts, limit):
    found = _found(texts)
    full, bounded = MentionTable.merge(found), MentionTable.merge(found, limit=limit)
    assert set(bounded.forms) == set(full.forms)
    for words, whole in full.forms.items():
        form = bounded.forms[words]
        assert (form.count, form.n_files) == (whole.count, whole.n_files)
        assert len(form.mentions) <= limit and form.mentions == whole.mentions[:limit]
        assert form.paths == whole.paths[:limit]
        assert bounded.all_files(form) == full.all_files(whole) == whole.paths


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=folders, limit=st.sampled_from([3, 4, 8]))
def test_a_bounded_table_sums_up_as_a_whole_one_and_reads_again_only_for_mentions(
        texts, limit):
    found = _found(texts)
    asked: list = []
    bounded = _decided(MentionTable.merge(found, limit=limit), found, asked)
    assert bounded == _decided(MentionTable.merge(found), found, [])
    counts = MentionTable.merge(found).forms
    for needed in asked:  # only spellings reported with more mentions than kept
        assert all(counts[words].count > limit for words in needed)
        for words in needed:
            assert any(f.text in " ".join(words) for fs in bounded[0].values() for f in fs)


def test_a_spelling_summed_up_in_more_files_than_kept_is_not_read_again():
    texts = ["WorldCom, WorldCom and WorldCom.", *["Worldcom said so."] * 5]
    found = _found(texts)
    asked: list = []
    _, entities = _decided(MentionTable.merge(found, limit=3), found, asked)
    assert asked == []
    assert [v["files"] for v in entities[0]["variants"]] == [
        [f"d0{i}.txt" for i in range(1, 6)], ["d00.txt"]]


def test_tables_of_several_workers_merge_into_the_same_summary():
    texts = [f"WorldCom met Worldcom, part {n}. Dovile Sakaliene and Dovilė Šakalienė."
             for n in range(3 * KEEP)]
    found = _found(texts)
    one = _decided(MentionTable.merge(found, limit=KEEP), found, [])
    parts = [MentionTable.merge(found[n::3]) for n in range(3)]  # each worker's share
    merged = MentionTable.merge(parts, limit=KEEP)
    assert _decided(merged, found, []) == one
    assert merged.all_files(merged.forms[("Worldcom",)]) == [f"d{n:02}.txt"
                                                             for n in range(3 * KEEP)]


def _folder(tmp_path):
    for n in range(KEEP + 6):
        (tmp_path / f"a{n:02}.txt").write_text(
            f"Part {n}. WorldCom and Kęstutis Budrys met WorldCom.\n", encoding="utf-8")
    for n in range(KEEP + 3):
        (tmp_path / f"b{n:02}.txt").write_text(
            f"Part {n}. Worldcom spoke. Nothing else.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_reads_each_file_once_when_no_spelling_reported_has_more_mentions_than_kept(
        tmp_path, monkeypatch, jobs):
    folder = _folder(tmp_path)
    rules = load_rules([], True)
    reads: Counter = Counter()
    real = document.read_bytes

    def counted(path, name=None):
        reads[str(path)] += 1
        return real(path, name)

    monkeypatch.setattr(document, "read_bytes", counted)
    monkeypatch.setattr(engine, "_mentions_again",
                        lambda *args: pytest.fail("a file was read again"))
    report = check_paths([folder], rules, jobs=jobs)
    entity = next(e for e in report.extra["entities"] if e["canonical"] == "WorldCom")
    assert [(v["text"], v["count"], len(v["files"])) for v in entity["variants"]] == [
        ("WorldCom", 2 * (KEEP + 6), KEEP + 6), ("Worldcom", KEEP + 3, KEEP + 3)]
    assert entity["variants"][1]["files"] == [str(folder / f"b{n:02}.txt")
                                              for n in range(KEEP + 3)]
    if jobs == 1:  # (workers count in their own processes)
        assert set(reads.values()) == {1} and len(reads) == 2 * KEEP + 9


@pytest.mark.parametrize("stage", ["check", "fix"])
def test_a_second_reading_reads_only_the_files_of_the_spellings_it_needs(
        tmp_path, monkeypatch, stage):
    """'Kestutis Budrys' is reported in more files than the table keeps mentions of:
    its files are read again, not those that only hold the word 'Kestutis'."""
    write_budrys_folder(tmp_path, KEEP)
    for n in range(5):
        (tmp_path / f"c{n:02}.txt").write_text(f"Part {n}. Kestutis wrote.\n",
                                               encoding="utf-8")
    again: list[str] = []
    real = engine.read_bytes
    monkeypatch.setattr(engine, "read_bytes", lambda path: again.append(path) or real(path))
    rules = load_rules([], False)  # the names stage alone: every file a placeholder
    if stage == "check":
        report = check_paths([tmp_path], rules)
        found = {r.doc.path for r in report.files if r.findings}
    else:
        found = set(engine.folder_findings([tmp_path], rules))
    b_files = [str(tmp_path / f"b{n:02}.txt") for n in range(KEEP + 2)]
    assert sorted(found) == again == b_files


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_mentions_handed_over_packed_come_back_the_same(name):
    from normalize.entities import packed, unpacked

    mentions = collect_mentions(Document.read(SEEDS / name))
    assert mentions and unpacked(packed(mentions)) == mentions
    assert all(type(m) is type(mentions[0]) for m in unpacked(packed(mentions)))
    assert unpacked(packed([])) == []
