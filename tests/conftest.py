from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from normalize.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NEWSROOM = ROOT / "tests" / "fixtures" / "newsroom"


def write_budrys_folder(folder: Path, keep: int) -> None:
    """A folder where 'Kęstutis Budrys' (twice in each of keep + 6 files) outnumbers
    'Kestutis Budrys' (once in each of keep + 2 files): more files and mentions of
    both than a bounded names table keeps."""
    for n in range(keep + 6):
        (folder / f"a{n:02}.txt").write_text(
            f"Part {n}. Minister Kęstutis Budrys spoke to Kęstutis Budrys aides.\n",
            encoding="utf-8")
    for n in range(keep + 2):
        (folder / f"b{n:02}.txt").write_text(
            f"Part {n}. Minister Kestutis Budrys spoke.\n", encoding="utf-8")
SHARED = ROOT.parent / "shared"

# the tests (and the processes they start) keep their cache apart from the user's, in a
# folder that goes when the run ends (it grows to 100-300 MB of word lists)
os.environ["NORMALIZE_CACHE_DIR"] = tempfile.mkdtemp(prefix="normalize-test-cache-")
atexit.register(shutil.rmtree, os.environ["NORMALIZE_CACHE_DIR"], ignore_errors=True)

def run_in(cwd: Path, *args: str):
    """The CLI run in folder `cwd` (a config is found from there), as click's runner sees it."""
    from click.testing import CliRunner

    from normalize.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture(scope="module", autouse=True)
def _earlier_modules_objects_frozen():
    """Before each test module, what the earlier ones left alive (word lists as wordfreq
    keeps them, langdetect's table, rules: millions of references) goes out of the
    garbage collector's sight (gc.freeze, after a collection, so no garbage is kept).
    A process checking files holds few of them; this one holds them all, and every full
    collection walked them again: 18 of 80 s of the fast run. No test is about the
    collector; reference counting still frees what is dropped."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def default_rules():
    return load_rules([], use_defaults=True)


def pytest_collection_modifyitems(config, items):
    """Slow tests (fuzzing) run only when asked: `pytest -m slow` or NORMALIZE_SLOW=1."""
    if os.environ.get("NORMALIZE_SLOW") or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with `pytest -m slow` or NORMALIZE_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture()
def newsroom(tmp_path):
    """A copy of the example newsroom (config, rules, drafts/, archive/) to change."""
    target = tmp_path / "newsroom"
    shutil.copytree(NEWSROOM, target)
    return target
