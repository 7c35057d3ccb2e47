"""engine.walk sorts a folder's files by their names below it, part by part:
the order (and the files) of sorting their Paths, the plain definition."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.engine import DEFAULT_SUFFIXES, walk, walk_names

# names that sort differently as parts and as whole strings ("a-b" < "a/b" as text,
# "a" < "a-b" as parts), capitals, digits, other scripts, hidden and other suffixes
_NAME = st.sampled_from(["a", "a-b", "a.b", "B", "b", "z", "ä", "1", "10", "2", ".hidden", "_"])
_SUFFIX = st.sampled_from([".txt", ".md", ".html", ".TXT", ".py", ""])
_FILE = st.tuples(st.lists(_NAME, max_size=3), _NAME, _SUFFIX)


def _plain(root: Path) -> list[Path]:
    """Every wanted file below `root`, its folders and name visible, as Paths, sorted."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, n) for n in files
                  if not n.startswith(".") and os.path.splitext(n)[1].lower() in DEFAULT_SUFFIXES]
    return sorted(found)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_FILE, max_size=12))
def test_walk_order_is_the_paths_order(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("tree")
    for folders, name, suffix in files:
        where = root.joinpath(*folders)
        if where.is_file() or any(p.is_file() for p in where.parents if root in p.parents):
            continue  # a file already stands where this one needs a folder
        where.mkdir(parents=True, exist_ok=True)
        target = where / (name + suffix)
        if not target.is_dir():
            target.write_text("x", encoding="utf-8")
    assert list(walk([root])) == _plain(root)
    assert list(walk([root / "."])) == [Path(root / ".", p.relative_to(root)) for p in _plain(root)]


def test_walk_names_are_the_walked_paths_names(tmp_path, monkeypatch):
    """The engine reads files by the names walk_names gives: str of each Path that
    walk gives (the folder named as the user wrote it, '.' left out as Path does),
    each file once, named files overlapping folders included."""
    for rel in ("a/x.txt", "a/b/y.md", "c.txt", "a/skip.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for named in ([Path(".")], [Path("a"), Path("a/x.txt")], [Path("./a/")],
                  [tmp_path / "a", Path("c.txt")], [Path("gone.txt"), Path(".")],
                  [Path("a/x.txt"), Path("a")]):
        names = list(walk_names(named))
        assert names == [str(p) for p in walk(named)]
        assert len(names) == len(set(names))
    assert list(walk_names([Path(".")])) == ["a/b/y.md", "a/x.txt", "c.txt"]


def test_a_file_reached_twice_is_walked_once(tmp_path, monkeypatch):
    """Each file once, under its first name in walk order, however it is reached:
    a link beside its target, a folder named twice, `..` in a name."""
    (tmp_path / "d").mkdir()
    for rel in ("d/a.txt", "d/c.txt", "out.txt"):
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "d" / "b.txt").symlink_to("c.txt")  # before its target in walk order
    (tmp_path / "d" / "z.txt").symlink_to("a.txt")  # after it
    (tmp_path / "d" / "o.txt").symlink_to("../out.txt")  # a file outside: given
    (tmp_path / "d" / "gone.txt").symlink_to("nowhere.txt")  # broken: given, to be reported
    (tmp_path / "d" / "e").symlink_to(".", target_is_directory=True)  # a linked folder: not entered
    monkeypatch.chdir(tmp_path)
    assert list(walk_names(["d"])) == ["d/a.txt", "d/b.txt", "d/gone.txt", "d/o.txt"]
    assert list(walk_names(["d", tmp_path / "d", "d/../d/c.txt", "out.txt", "d/o.txt"])) == [
        "d/a.txt", "d/b.txt", "d/gone.txt", "d/o.txt"]
    assert list(walk_names(["d/../d/c.txt", "./d", "d/e/a.txt"])) == [
        "d/../d/c.txt", "d/a.txt", "d/gone.txt", "d/o.txt"]
    assert list(walk_names(["d/a.txt", "d/e/a.txt", "d/z.txt"])) == ["d/a.txt"]


def test_hard_links_are_two_files(tmp_path):
    """Hard links, two names of one file: each is walked (and `fix` replaces each
    by a file of its own)."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    assert list(walk_names([tmp_path])) == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_an_unlistable_folder_is_reported_as_os_walk_did(tmp_path, monkeypatch):
    (tmp_path / "a" / "x").mkdir(parents=True)
    (tmp_path / "a" / "x" / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("x"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[str] = []
    assert list(walk_names([tmp_path], errors=errors)) == [str(tmp_path / "b.txt")]
    assert errors == [f"{tmp_path / 'a' / 'x'}: cannot read folder (Permission denied)"]
