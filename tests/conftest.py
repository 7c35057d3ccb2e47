from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from normalize.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

# the tests (and the processes they start) keep their cache apart from the user's
os.environ["NORMALIZE_CACHE_DIR"] = tempfile.mkdtemp(prefix="normalize-test-cache-")


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
