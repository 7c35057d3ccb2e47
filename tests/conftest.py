from __future__ import annotations

from pathlib import Path

import pytest

from normalize.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def default_rules():
    return load_rules([], use_defaults=True)
