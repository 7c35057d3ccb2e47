"""The package type-checks: mypy over normalize/ as pyproject.toml's [tool.mypy] sets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("mypy", reason="mypy is in the test extras")


def test_package_type_checks() -> None:
    # no cache: each run checks the tree as it is, and writes nothing into it
    run = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", os.devnull],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
