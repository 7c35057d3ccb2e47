"""Whole articles: each seed with its expected report and diff.

Set NORMALIZE_UPDATE_GOLDEN=1 to rewrite the golden files, then review the
change with git diff before committing it.
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from normalize.cli import main

from .conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _run(*args: str) -> str:
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("name", SEED_NAMES)
@pytest.mark.parametrize("fmt,suffix", [("text", ".report.txt"), ("diff", ".diff")])
def test_seed_golden(name, fmt, suffix):
    actual = _run("check", "--format", fmt, f"seeds/{name}")
    golden = GOLDEN / (name.removesuffix(".txt") + suffix)
    if os.environ.get("NORMALIZE_UPDATE_GOLDEN"):
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run with NORMALIZE_UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes().decode("utf-8")
