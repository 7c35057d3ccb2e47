"""normalize: a translation-quality and text-normalisation checker for news articles.

The API (`check_text`, `check_paths`, `fix_text`, see normalize.api) is
imported on first use, so `import normalize` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["FixResult", "check_paths", "check_text", "fix_text", "__version__"]

if TYPE_CHECKING:
    from .api import FixResult, check_paths, check_text, fix_text


def __getattr__(name: str) -> Any:
    if name in ("check_text", "check_paths", "fix_text", "FixResult"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'normalize' has no attribute {name!r}")
