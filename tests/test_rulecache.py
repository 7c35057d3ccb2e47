"""Analysed rule folders kept on disk (normalize.rulecache): a hit loads the
same rules as a miss, a changed file is read again, a bad one is never kept."""

from __future__ import annotations

import pickle
import re
import shutil

import pytest

from normalize import programs
from normalize.engine import check_document
from normalize.kinds.base import LazyPattern, RuleError
from normalize.loader import _load_listing, load_rules
from normalize.rulecache import ANALYSIS, Analysis

from .conftest import SEEDS
from .test_loader import GOOD

TEXTS = [
    "The minister precipitated the crisis in the small town of Kyiv, sources say.",
    "Read more on BBC News\nThe drones flew over the capital of Lithuania.",
    "Nadezhda Savchenko met Dovile Sakaliene. Cookies: accept all cookies.",
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own, and nothing remembered in this process."""
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NORMALIZE_NO_CACHE", raising=False)
    saved = dict(ANALYSIS.table)
    _forget()
    yield tmp_path / "cache"
    _forget()
    ANALYSIS.table.update(saved)


def _forget() -> None:
    """As a new process would start: the disk cache only."""
    _load_listing.cache_clear()
    ANALYSIS.table.clear()


def _findings(rules) -> list:
    from normalize.document import Document

    docs = [Document.from_text(t, path=f"t{n}") for n, t in enumerate(TEXTS)]
    docs += [Document.read(p) for p in sorted(SEEDS.glob("*.txt"))[:3]]
    return [(f.code, f.start, f.end, f.message, f.fix) for d in docs
            for f in check_document(d, rules)]


def test_a_hit_gives_the_same_rules_and_findings_as_a_miss(fresh):
    missed = load_rules([], True)
    assert list(fresh.iterdir())  # the default folder is kept
    _forget()
    hit = load_rules([], True)
    assert [r.meta for r in hit.rules] == [r.meta for r in missed.rules]
    assert any(isinstance(p, LazyPattern)
               for r in hit.rules if r.meta.kind == "substitution" for p, _ in r.entries)
    assert [r.gates.first for r in hit.rules if r.meta.kind == "substitution"] == \
        [r.gates.first for r in missed.rules if r.meta.kind == "substitution"]
    assert _findings(hit) == _findings(missed)


def test_a_hit_makes_its_patterns_from_their_kept_programs(fresh, monkeypatch):
    """A pattern compiled when its folder was first loaded is not compiled
    again by the next process: its program (normalize.programs) is kept."""
    load_rules([], True)
    _forget()
    hit = load_rules([], True)
    lazy = [p for r in hit.rules if r.meta.kind == "substitution" for p, _ in r.entries]
    assert lazy and all(isinstance(p, LazyPattern) and p._source[2] for p in lazy)

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again")

    first = lazy[0]
    source, flags, _ = first._source
    monkeypatch.setattr(re, "compile", no_compile)
    first.search("")  # its first use makes it
    monkeypatch.undo()
    # patterns compare equal when their source, flags and programs are
    assert first.search.__self__ == re.compile(source, flags)


def _folder(tmp_path, text: str = GOOD):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "colour.toml").write_text(text, encoding="utf-8")
    return folder


def test_an_edited_rule_file_is_read_again(fresh, tmp_path):
    folder = _folder(tmp_path)
    assert load_rules([folder], False).rules[0].meta.code == "XX101"
    _forget()
    (folder / "colour.toml").write_text(GOOD.replace("XX101", "XX102"), encoding="utf-8")
    assert load_rules([folder], False).rules[0].meta.code == "XX102"
    _forget()
    (folder / "colour.toml").write_text(GOOD.replace("XX101", "XX1003"), encoding="utf-8")
    assert load_rules([folder], False).rules[0].meta.code == "XX1003"


@pytest.mark.parametrize("bad", [
    GOOD.replace('swap = {', 'swap = {{'),  # TOML
    GOOD.replace('swap = { "colour" = "color" }', 'regex = true\nswap = { "(colour" = "color" }'),
    GOOD.replace('swap = { "colour" = "color" }', "regex = true\nswap = { '(\\w+\\s?)+x' = 'y' }"),
])
def test_a_bad_rule_file_is_never_kept_and_fails_the_same_every_time(fresh, tmp_path, bad):
    folder = _folder(tmp_path)
    (folder / "zz.toml").write_text(bad.replace("XX101", "XX109"), encoding="utf-8")
    errors = []
    for _ in range(2):
        with pytest.raises(RuleError) as caught:
            load_rules([folder], False)
        errors.append(str(caught.value))
        _forget()
    assert errors[0] == errors[1] and errors[0].startswith(f"{folder / 'zz.toml'}:")
    assert not fresh.exists() or not list(fresh.iterdir())


def test_a_code_used_twice_across_folders_fails_on_a_hit_too(fresh, tmp_path):
    folder = _folder(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    messages = []
    for _ in range(2):
        with pytest.raises(RuleError, match="already used by") as caught:
            load_rules([folder, other], False)
        messages.append(str(caught.value))
        _forget()
    assert messages[0] == messages[1]


def test_no_cache_means_nothing_written_and_the_same_rules(fresh, tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZE_NO_CACHE", "1")
    folder = _folder(tmp_path)
    assert load_rules([folder], False).rules[0].meta.code == "XX101"
    assert not fresh.exists()


def test_a_damaged_entry_is_worked_out_again(fresh, tmp_path):
    folder = _folder(tmp_path)
    load_rules([folder], False)
    (entry,) = fresh.iterdir()
    entry.write_bytes(entry.read_bytes()[:40])
    _forget()
    assert load_rules([folder], False).rules[0].meta.code == "XX101"


def test_the_analyses_are_the_ones_of_normalize_literals():
    from normalize.literals import requirements, starts

    analysis = Analysis()
    for pattern, flags in [(r"\bsmall\s+town\b", re.I), (r"(?:said|says)\s+that", 0)]:
        assert analysis.requirements(pattern, flags) == requirements(pattern, flags)
        assert analysis.requirements(pattern, flags, whole_text=False) == \
            requirements(pattern, flags, whole_text=False)
        assert analysis.starts(pattern, flags) == starts(pattern, flags)


def test_a_lazy_pattern_answers_as_the_compiled_one():
    lazy = LazyPattern(r"\b(?P<w>colou?r)\b", re.I)
    real = re.compile(r"\b(?P<w>colou?r)\b", re.I)
    text = "Colour and color, not colours."
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.search(text).group("w") == "Colour"
    assert (lazy.pattern, lazy.flags, lazy.groups, dict(lazy.groupindex)) == \
        (real.pattern, real.flags, real.groups, dict(real.groupindex))
    assert pickle.loads(pickle.dumps(LazyPattern("a+", 0))).match("aa").end() == 2
    _, program = programs.build("a+")
    kept = pickle.loads(pickle.dumps(LazyPattern("a+", 0, program)))
    assert kept._source[2] == program and kept.match("aa").end() == 2
